"""The audit log records each action (sign-in and failures, user changes, exports, report
builds, loads) with who, when and under which scope, and refuses every update and delete."""

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
