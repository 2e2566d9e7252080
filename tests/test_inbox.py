"""Loading while the dashboard serves: files handed to the inbox are loaded by the process that
holds the store, with the same loader and the same results, and the command line hands its
file over when the store is busy and exits with the code a direct load gives."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

from pulse import ROOT, audit, inbox, ingest, settings
from pulse.store import Store
from tests.test_ingest import GOOD, HEADER, write


def test_handed_in_files_are_loaded_or_refused_with_their_results(handmade, tmp_path):
    folder = tmp_path / "inbox"
    good = write(tmp_path, "good.csv", HEADER + GOOD)
    bad = write(tmp_path, "bad.csv", "ticket_id,colour\n1,red\n")
    good_result = inbox.hand_in(folder, good, inbox.Request("queue_ticket", loaded_by="nightly"))
    bad_result = inbox.hand_in(folder, bad, inbox.Request("queue_ticket"))
    (folder / "copying.csv").write_text(HEADER, encoding="utf-8")  # no request yet: left alone
    before = int(handmade.df("select count(*) as n from queue_ticket")["n"][0])

    outcomes = inbox.process_once(handmade, folder)

    assert [o["status"] for o in outcomes] == ["loaded", "refused"]
    assert handmade.df("select count(*) as n from queue_ticket")["n"][0] == before + 1
    loaded = json.loads(good_result.read_text(encoding="utf-8"))
    assert loaded["code"] == 0
    assert re.fullmatch(
        r"load \d+: 1 of 1 rows stored in queue_ticket, 0 rejected", loaded["lines"][0]
    )
    who = handmade.df(f"select loaded_by from load_log where load_id = {loaded['load_id']}")
    assert who["loaded_by"][0] == "nightly"
    refused = json.loads(bad_result.read_text(encoding="utf-8"))
    assert refused["code"] == 1
    assert (
        "missing columns" in refused["lines"][0]
        and "unknown columns: colour" in refused["lines"][0]
    )
    assert sorted(p.name for p in folder.iterdir()) == ["copying.csv", "done"]
    assert inbox.process_once(handmade, folder) == []  # nothing is loaded twice


def test_a_file_loaded_just_before_the_dashboard_stopped_is_not_loaded_again(handmade, tmp_path):
    folder = tmp_path / "inbox"
    inbox.hand_in(folder, write(tmp_path, "t.csv", HEADER + GOOD), inbox.Request("queue_ticket"))
    (request,) = folder.glob(f"*{inbox.REQUEST}")
    # the dashboard loaded the file and was killed before it wrote the result or moved it
    first = ingest.load_file(
        handmade, "queue_ticket", folder / request.name.removesuffix(inbox.REQUEST)
    )
    loads = handmade.df("select count(*) as n from load_log")["n"][0]

    # the restarted dashboard: its start (inbox.start) recovers, then the watcher runs
    ingest.recover(handmade)
    (outcome,) = inbox.process_once(handmade, folder)

    assert (outcome["status"], outcome["code"], outcome["load_id"]) == ("loaded", 0, first.load_id)
    assert outcome["lines"] == [
        f"load {first.load_id}: 1 of 1 rows stored in queue_ticket, 0 rejected"
    ]
    assert handmade.df("select count(*) as n from load_log")["n"][0] == loads
    entries = audit.entries(handmade.path)
    details = [json.loads(d) for d in entries.loc[entries["action"] == "load", "detail_json"]]
    # logged once, late, by the start that found it without an entry
    assert [d["recorded_late"] for d in details if d["load_id"] == first.load_id] == [True]
    assert sorted(p.name for p in folder.iterdir()) == ["done"]


def test_the_command_line_hands_its_file_to_the_process_holding_the_store(handmade, tmp_path):
    path = handmade.path
    handmade.close()
    fast = tmp_path / "settings.toml"
    text = settings.DEFAULT_PATH.read_text(encoding="utf-8")
    fast.write_text(
        re.sub(r"(?m)^inbox_poll_s = \d+", "inbox_poll_s = 0.2", text), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PULSE_SETTINGS": str(fast)}
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pulse import inbox\nfrom pulse.store import Store\n"
            "store = Store(sys.argv[1]); inbox.start(store); print('ready', flush=True)\n"
            "time.sleep(600)\n",
            str(path),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        csv = write(
            tmp_path,
            "tickets.csv",
            HEADER + GOOD + "8,SZ-001,yesterday,,,,billing,regular,false,walked_away\n",
        )
        started = time.monotonic()
        args = ["queue_ticket", str(csv), "--store", str(path), "--wait", "120"]
        assert ingest.main(args) == 1, "all or nothing: refused, as a direct load says"
        code = ingest.main([*args, "--max-rejected", "50"])
        assert code == 3, "one row rejected, as a direct load says"
        assert time.monotonic() - started < 120
    finally:
        holder.kill()
        holder.wait()
    store = Store(path)
    try:
        last = store.df("select * from load_log order by load_id desc limit 1").iloc[0]
        assert (
            last["file_name"].endswith("tickets.csv"),
            last["rows_loaded"],
            last["rows_rejected"],
        ) == (
            True,
            1,
            1,
        )
    finally:
        store.close()


def test_without_a_dashboard_a_busy_store_is_still_exit_4(handmade, tmp_path, capsys):
    # no inbox beside the store: nobody would load the file, so nothing is handed in
    csv = write(tmp_path, "t.csv", HEADER + GOOD)
    holder = Store(tmp_path / "held.duckdb")
    try:
        code = subprocess.run(
            [
                sys.executable,
                "-m",
                "pulse.ingest",
                "queue_ticket",
                str(csv),
                "--store",
                str(holder.path),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
    finally:
        holder.close()
    assert code.returncode == 4
    assert "no dashboard inbox was found" in code.stderr
