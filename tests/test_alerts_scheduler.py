"""When a check runs: after a load (the data version moved) or a day after the last one; the
cron command runs one pass and says what it did."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

from pulse.alerts import __main__ as command
from pulse.alerts import check, handover, people, scheduler
from pulse.alerts.config import Config
from pulse.store import Store
from tests.test_alerts_outage import CONTROL, OUTAGE


def test_a_check_is_due_after_a_load_or_a_day(tiny_path, tmp_path, monkeypatch):
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [])
    store = Store(path, read_only=True)
    try:
        assert scheduler.due(store)  # never checked
        check.run(store, Config(retry_delays_s=()), OUTAGE[1], [CONTROL])
        assert not scheduler.due(store)
        assert scheduler.due(store, dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1))
        store._version += 1  # what Store.loaded() reads after a load
        assert scheduler.due(store)
    finally:
        store.close()


def test_the_cron_command_checks_and_reports(tiny_path, tmp_path, monkeypatch, capsys):
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [])
    monkeypatch.delenv("PULSE_ALERTS", raising=False)
    code = command.main(["check", "--store", str(path), "--as-of", "2026-10-22"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("checked as of 2026-10-22:")
    assert command.main(["run", "--store", str(path)]) == 0
    assert command.main(["run", "--store", str(tmp_path / "missing.duckdb")]) == 1


HOLD = (  # the dashboard: holds the store's write lock until killed
    "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
    "time.sleep(120)"
)


def test_a_held_store_gets_a_run_now_request_the_scheduler_serves(tiny_path, tmp_path, monkeypatch,
                                                                   capsys):  # fmt: skip
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [])
    monkeypatch.delenv("PULSE_ALERTS", raising=False)
    # another process (the dashboard) holds the store's write lock
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        assert command.main(["run", "--store", str(path), "--force"]) == 0
        assert command.main(["check", "--store", str(path), "--as-of", "2026-10-22"]) == 1
    finally:
        holder.kill()
        holder.wait()
    out = capsys.readouterr().out
    assert "held by another process" in out and "request 1 " in out
    request = handover.one(path, 1)
    assert (request["is_forced"], request["picked_at"]) == (1, None)
    assert handover.one(path, 2) is None  # the --as-of check was refused, not handed over
    # the dashboard's scheduler thread finds it on its next look
    store = Store(path)
    try:
        assert handover.waiting(path)
        assert scheduler.serve_requests(store, Config(retry_delays_s=())) == [1]
        assert scheduler.serve_requests(store, Config(retry_delays_s=())) == []
    finally:
        store.close()
    request = handover.one(path, 1)
    assert request["done_at"] and request["outcome"].startswith("checked as of 2026-")
    assert not handover.waiting(path)


def test_a_free_store_is_checked_by_the_command_itself(tiny_path, tmp_path, monkeypatch, capsys):
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [])
    monkeypatch.delenv("PULSE_ALERTS", raising=False)
    assert command.main(["run", "--store", str(path), "--force"]) == 0
    assert capsys.readouterr().out.startswith("checked as of ")
    assert handover.one(path, 1) is None
