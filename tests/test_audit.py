"""The audit log records each action (sign-in and failures, user changes, exports, report
builds, loads, settings changes with their old and new values) with who, when and under which
scope, and refuses every update and delete."""

from __future__ import annotations

import json
import shutil
import sqlite3
from types import SimpleNamespace

import pytest

from pulse import access, audit, ingest, sessions, sidecar, users
from pulse.ui import trail
from tests.conftest import HANDMADE

GOOD = "correct horse battery"
HALL_USER = access.User("mei", access.ROLES["hall_manager"], access.Scope(halls=("SZ-001",)))
ANALYST = access.User("ann", access.ROLES["analyst"], access.Scope(provinces=("GD",)))


@pytest.fixture
def store_path(handmade_path, tmp_path):
    path = tmp_path / "store.duckdb"
    shutil.copy(handmade_path, path)
    return path


def last(store_path, n: int = 1) -> list[dict]:
    """The newest `n` entries, oldest first, scope and detail decoded."""
    rows = audit.entries(store_path).head(n).iloc[::-1].to_dict("records")
    for row in rows:
        row["scope"] = json.loads(row.pop("scope_json"))
        row["detail"] = json.loads(row.pop("detail_json"))
    return rows


def test_an_entry_names_who_what_and_the_scope(store_path):
    audit.record(store_path, HALL_USER, "export", {"file": "x.csv"})
    (entry,) = last(store_path)
    assert (entry["user_name"], entry["role_name"], entry["action"]) == (
        "mei",
        "hall_manager",
        "export",
    )
    assert entry["scope"] == {"provinces": [], "cities": [], "halls": ["SZ-001"]}
    assert entry["detail"] == {"file": "x.csv"}
    assert entry["recorded_at"].endswith("+00:00")


def test_an_executive_is_logged_with_everything_as_scope(store_path):
    executive = access.User("eve", access.ROLES["executive"], access.NOTHING)
    audit.record(store_path, executive, "sign_in")
    assert last(store_path)[0]["scope"] == {"everything": True}


def test_sign_ins_and_failures_are_recorded(store_path):
    users.add(store_path, "mei", "hall_manager", access.Scope(halls=("SZ-001",)), GOOD)
    sessions.check_password(store_path, "mei", "not the password")
    sessions.check_password(store_path, "nobody", GOOD)
    sessions.check_password(store_path, "mei", GOOD)
    sessions.check_email(store_path, "stranger@example.com")
    failed, unknown, signed, stranger = last(store_path, 4)
    assert (failed["action"], failed["user_name"], failed["detail"]) == (
        "sign_in_failed",
        "",
        {"method": "password", "tried": "mei", "reason": "wrong"},
    )
    assert unknown["detail"]["tried"] == "nobody"
    assert (signed["action"], signed["user_name"], signed["scope"]["halls"]) == (
        "sign_in",
        "mei",
        ["SZ-001"],
    )
    assert (stranger["action"], stranger["detail"]["reason"]) == (
        "sign_in_failed",
        "unknown_email",
    )


def test_user_changes_are_recorded_with_the_command_line_as_author(store_path):
    users.add(store_path, "mei", "hall_manager", access.Scope(halls=("SZ-001",)), GOOD)
    users.change(store_path, "mei", password="another long one", role="city_manager")
    users.change(store_path, "mei", disabled=True)
    added, changed, disabled = last(store_path, 3)
    assert added["action"] == changed["action"] == disabled["action"] == "user_change"
    assert added["detail"]["change"] == "add" and added["detail"]["halls"] == ["SZ-001"]
    assert added["detail"]["via"] == "command line" and added["detail"]["os_user"]
    assert changed["detail"] | {"os_user": ""} == {
        "account": "mei",
        "change": "set",
        "password": "changed",
        "role": "city_manager",
        "via": "command line",
        "os_user": "",
    }
    assert GOOD not in json.dumps(last(store_path, 10))
    assert disabled["detail"]["disabled"] is True


def test_a_download_is_recorded_when_its_file_is_made(store_path, monkeypatch):
    ctx = SimpleNamespace(store=SimpleNamespace(path=store_path))
    monkeypatch.setattr(trail.context, "current", lambda: ctx)
    monkeypatch.setattr(trail.signin, "user", lambda: HALL_USER)
    make = trail.audited(lambda: b"a,b\n", "queues_20261001-20261031.csv")
    assert audit.entries(store_path).empty  # nothing until the file is asked for
    assert make() == b"a,b\n"
    (entry,) = last(store_path)
    assert (entry["action"], entry["user_name"], entry["detail"]) == (
        "export",
        "mei",
        {"file": "queues_20261001-20261031.csv"},
    )


def test_loads_are_recorded_as_the_signed_in_user_refused_or_not(handmade, tmp_path):
    good = HANDMADE / "segment.csv"
    result = trail.load_file(handmade, ANALYST, "segment", "segment.csv", good.read_bytes(), True)
    with pytest.raises(ingest.LoadError):
        trail.load_file(handmade, ANALYST, "segment", "bad.csv", b"no,such\n1,2\n", True)
    loaded, refused = last(handmade.path, 2)
    assert (loaded["action"], loaded["user_name"], loaded["detail"]["load_id"]) == (
        "load",
        "ann",
        result.load_id,
    )
    assert loaded["detail"]["rows_loaded"] == result.rows_loaded
    assert refused["detail"]["file"] == "bad.csv" and refused["detail"]["refused"]
    history = handmade.df(
        "select loaded_by from load_log where load_id = $id", {"id": result.load_id}
    )
    assert history["loaded_by"].tolist() == ["ann"]


def test_a_report_built_on_the_command_line_is_recorded(store_path, tmp_path):
    from pulse.report.__main__ import main

    out = tmp_path / "board.xlsx"
    code = main(
        [
            *("--scope", "all", "--period", "2026-10-30..2026-10-31", "--format", "xlsx"),
            *("--out", str(out), "--store", str(store_path), "--sections", "queues"),
        ]
    )
    assert code == 0 and out.exists()
    (entry,) = last(store_path)
    assert (entry["action"], entry["detail"]["file"], entry["detail"]["via"]) == (
        "report_build",
        "board.xlsx",
        "command line",
    )


@pytest.mark.parametrize(
    "statement",
    [
        "update audit_log set user_name = 'someone else'",
        "delete from audit_log",
        "delete from audit_log where audit_id = 1",
    ],
)
def test_the_log_refuses_every_update_and_delete(store_path, statement):
    audit.record(store_path, HALL_USER, "export", {"file": "x.csv"})
    con = sidecar.connect(store_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(statement)
    finally:
        con.close()
    assert last(store_path)[0]["user_name"] == "mei"


TARGETS = "metric_id,level,level_key,year,target_value,amber_band,source\n"


def targets_file(tmp_path, name: str, rows: str):
    path = tmp_path / name
    path.write_text(TARGETS + rows, encoding="utf-8")
    return path


def test_a_target_load_from_the_data_page_is_a_settings_change_with_old_and_new(handmade, tmp_path):
    first = targets_file(tmp_path, "t1.csv", "nps,company,all,2026,30,5,board\n")
    trail.load_file(handmade, ANALYST, "target", "t1.csv", first.read_bytes(), True)
    again = (
        "nps,company,all,2026,32,5,board\n"  # changed
        "csat,company,all,2026,80,2,board\n"  # new
    )
    second = targets_file(tmp_path, "t2.csv", again)
    result = trail.load_file(handmade, ANALYST, "target", "t2.csv", second.read_bytes(), True)
    load, change = last(handmade.path, 2)
    assert load["action"] == "load"
    assert (change["action"], change["user_name"]) == ("settings", "ann")
    key = {"metric_id": "nps", "level": "company", "level_key": "all", "year": 2026}
    row = {**key, "amber_band": 5.0, "source": "board"}
    assert change["detail"] == {
        "about": "target",
        "file": "t2.csv",
        "load_id": result.load_id,
        "changes": [
            {
                "new": {**row, "metric_id": "csat", "target_value": 80.0, "amber_band": 2.0},
                "old": None,
            },
            {"new": {**row, "target_value": 32.0}, "old": {**row, "target_value": 30.0}},
        ],
    }


def test_a_load_that_changes_no_reference_value_records_no_settings_change(handmade, tmp_path):
    same = targets_file(tmp_path, "t.csv", "nps,company,all,2026,30,5,board\n")
    trail.load_file(handmade, ANALYST, "target", "t.csv", same.read_bytes(), True)
    trail.load_file(handmade, ANALYST, "target", "t.csv", same.read_bytes(), True)
    assert [e["action"] for e in last(handmade.path, 3)] == ["load", "settings", "load"]
    good = HANDMADE / "segment.csv"  # not reference data: a load, never a settings change
    trail.load_file(handmade, ANALYST, "segment", "segment.csv", good.read_bytes(), True)
    assert last(handmade.path)[0]["action"] == "load"


def test_a_benchmark_load_on_the_command_line_is_recorded_with_the_os_user(
    store_path, tmp_path, monkeypatch
):
    from pulse.load_command import main

    monkeypatch.setattr("getpass.getuser", lambda: "ops")
    path = tmp_path / "bench.csv"
    path.write_text(
        "metric_id,subject_en,subject_zh,market,period_label,period_start,value,source,"
        "source_year,note\n"
        "sat_index,Industry,行业,mobile,2017,2017-01-01,78.6,TCSI,2017,\n",
        encoding="utf-8",
    )
    assert main(["benchmark", str(path), "--store", str(store_path), "--by", "li"]) == 0
    load, change = last(store_path, 2)
    by = {"via": "command line", "os_user": "ops", "loaded_by": "li"}
    assert load["action"] == "load" and load["detail"]["rows_loaded"] == 1
    assert {k: load["detail"][k] for k in by} == by
    assert (change["action"], change["user_name"], change["detail"]["about"]) == (
        "settings",
        "",
        "benchmark",
    )
    (only,) = change["detail"]["changes"]
    assert (only["old"], only["new"]["value"], only["new"]["subject_zh"]) == (None, 78.6, "行业")


def test_a_target_handed_to_the_dashboard_inbox_is_recorded(handmade, tmp_path):
    from pulse import inbox

    folder = tmp_path / "inbox"
    path = targets_file(tmp_path, "t.csv", "nps,company,all,2026,30,5,board\n")
    inbox.hand_in(folder, path, inbox.Request(table="target", loaded_by="li"))
    (outcome,) = inbox.process_once(handmade, folder)
    assert outcome["code"] == 0
    load, change = last(handmade.path, 2)
    assert (load["action"], load["detail"]["via"], load["detail"]["loaded_by"]) == (
        "load",
        "inbox",
        "li",
    )
    assert (change["action"], change["detail"]["about"]) == ("settings", "target")
    assert change["detail"]["changes"][0]["new"]["target_value"] == 30.0


def test_rebuilding_the_rollups_records_the_thresholds_that_changed(
    store_path, tmp_path, monkeypatch
):
    from pulse import build, settings

    monkeypatch.setattr("getpass.getuser", lambda: "ops")
    default = settings.all_settings()
    build.rebuild_rollups(store_path)
    (first,) = last(store_path)
    assert (first["action"], first["detail"]["about"], first["detail"]["via"]) == (
        "settings",
        "thresholds",
        "command line",
    )
    # no entry before it on this store: every value is new, its old value unknown
    assert first["detail"]["changed"]["promise_s"] == {"old": None, "new": default["promise_s"]}
    assert first["detail"]["values"] == default
    mine = tmp_path / "settings.toml"
    text = settings.DEFAULT_PATH.read_text(encoding="utf-8")
    old_line = f"promise_s = {default['promise_s']}"
    assert old_line in text
    mine.write_text(text.replace(old_line, "promise_s = 900"), encoding="utf-8")
    monkeypatch.setenv("PULSE_SETTINGS", str(mine))
    build.rebuild_rollups(store_path)
    (second,) = last(store_path)
    assert second["detail"]["file"] == str(mine)
    assert second["detail"]["changed"] == {"promise_s": {"old": default["promise_s"], "new": 900}}


def test_a_built_store_has_an_entry_for_each_of_its_loads_none_late(tiny, tiny_path):
    """The demo build loads without entries of its own; it writes them when it finishes, so a
    first open records nothing late (ingest.recover finds every load already there)."""
    load_ids = set(tiny.df("select load_id from load_log")["load_id"])
    loads = audit.entries(tiny_path).query("action == 'load'")["detail_json"].map(json.loads)
    assert {d["load_id"] for d in loads} == load_ids
    assert all(d["via"] == "store build" and "recorded_late" not in d for d in loads)
    assert audit.record_missing_loads(tiny) == 0
