"""Kill points that need more than the table of cases in tests/test_kill_points.py: around
the commit of a load bigger than a DuckDB row group, between a commit and its audit entry, and
in the child that reads a handed-in file (pulse.staging)."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pulse import ROOT, audit, faults, inbox
from tests.test_kill_points import (
    BIG_ROWS,
    CHILD_KILLS,
    HANDED_IN,
    assert_invariants,
    assert_killed,
    audited,
    base,
    holding,
    inbox_files,
    inbox_folder,
    reopen,
    run,
    staging_left,
    state,
)

__all__ = ["base", "holding"]  # the fixtures, shared with tests/test_kill_points.py


@pytest.fixture(scope="session")
def big_file(base) -> Path:
    """BIG_ROWS new tickets of one hall on the hand-made store's first day."""
    path = base.files / "big.csv"
    duckdb.execute(
        "copy (select 1000 + i as ticket_id, 'GZ-001' as branch_id,"
        " timestamp '2026-10-30 09:00:00' + to_seconds(i % 28800) as issued_at,"
        " issued_at + interval 5 minute as called_at, called_at as served_at,"
        " called_at + interval 10 minute as finished_at, 'billing' as service_type,"
        " 'regular' as segment, false as is_priority_lane, 'served' as outcome"
        f" from range({BIG_ROWS}) as r(i)) to '{path}' (header)"
    )
    return path


@pytest.mark.parametrize("point", ["load.before_commit", "load.committed"])
def test_a_kill_around_the_commit_of_a_load_bigger_than_a_row_group(
    point, base, big_file, holding, tmp_path
):
    path, done = run("big", base, tmp_path, kill_at=point)

    assert_killed(done, point)
    # the premise: rows went into the store's file before the commit (a small load's do not)
    assert not filecmp.cmp(path, base.path, shallow=False)
    found = state(path)
    if point == "load.before_commit":
        assert found == base.before
    else:  # every row, once, and the rollups of them (the invariants)
        added = {t: found[t][0] - base.before[t][0] for t in ("queue_ticket", "load_log")}
        assert added == {"queue_ticket": BIG_ROWS, "load_log": 1}
    assert_invariants(path, found, holding, f"after a kill at {point} of a big load")


@pytest.mark.parametrize(
    ("operation", "point"), [("load", "load.committed"), ("undo", "undo.committed")]
)
def test_a_kill_between_the_commit_and_the_audit_entry_is_entered_late_at_the_next_open(
    operation, point, base, tmp_path
):
    path, done = run(operation, base, tmp_path, kill_at=point)
    assert_killed(done, point)
    assert audited(path, base.first_load)[operation] == 0

    # the next command line to open the store for writing (a dry run: it changes nothing else)
    dry = [sys.executable, "-m", "pulse.ingest", "queue_ticket", str(base.files / "first.csv")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(faults.VARIABLE, None)
    again = subprocess.run(
        [*dry, "--dry-run", "--store", str(path)], cwd=ROOT, env=env, capture_output=True
    )
    assert again.returncode == 0, again.stderr
    reopen(path)  # and the dashboard's start after it: nothing more

    load_id = base.first_load + (operation == "load")
    con = duckdb.connect(str(path), read_only=True)
    try:
        logged = con.execute(
            "select loaded_by, loaded_at, undone_by, undone_at from load_log where load_id = ?",
            [load_id],
        ).fetchone()
    finally:
        con.close()
    found = audit.entries(path)
    details = [json.loads(d) for d in found.loc[found["action"] == operation, "detail_json"]]
    (entry,) = [d for d in details if d.get("load_id") == load_id]
    loaded_by, loaded_at, undone_by, undone_at = logged
    assert entry == (
        {
            "load_id": load_id,
            "table": "queue_ticket",
            "file": "tickets.csv",
            "rows_loaded": 2,
            "rows_rejected": 1,
            "loaded_by": loaded_by,
            "loaded_at": str(loaded_at),
            "recorded_late": True,
        }
        if operation == "load"
        else {
            "load_id": load_id,
            "undone_by": undone_by,
            "undone_at": str(undone_at),
            "recorded_late": True,
        }
    )


@pytest.mark.parametrize("point", CHILD_KILLS)
def test_a_child_killed_at_a_point_refuses_the_file_naming_it_and_changes_nothing(
    point, base, tmp_path
):
    path, done = run("inbox", base, tmp_path, kill_at=point)

    assert done.returncode == 0, f"the dashboard's process died with its child: {done.stderr}"
    assert state(path) == base.before
    result = inbox_folder(path) / inbox.DONE / f"{HANDED_IN}{inbox.RESULT}"
    outcome = json.loads(result.read_text(encoding="utf-8"))
    assert (outcome["status"], outcome["code"], outcome["lines"]) == (
        "refused",
        1,
        [
            f"refused: {HANDED_IN}: the process reading and mapping the file was killed by "
            "SIGKILL; nothing was loaded"
        ],
    )
    # the file is kept beside its result, to hand in again
    assert inbox_files(path) == {"waiting": False, "done": True, "result": True}
    assert staging_left(path) == []
