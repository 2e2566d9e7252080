"""The dashboard reads and maps a file in a child process (pulse.staging): the load it then
makes gives the result and the store a load in its own process gives, refusals in the same
words; a child that fails names the file, and its staging files go with it."""

from __future__ import annotations

import shutil

import pytest

from pulse import ingest, staging
from pulse.store import Store
from tests.test_ingest import HEADER, write
from tests.test_kill_points import MEMBERS, TICKETS, state
from tests.test_profiles import CALL_PROFILE, CALLS

# (table, file name, its text, the profile's text or None, the share of rows that may be bad)
FILES = {
    "tickets, a bad row": ("queue_ticket", "tickets.csv", TICKETS, None, 0.5),
    "calls through a profile, a new queue": (
        "hotline_call",
        "calls.txt",
        CALLS,
        CALL_PROFILE + MEMBERS,
        0.5,
    ),
    "a control character and a bad row, all or nothing": (
        "queue_ticket",
        "nul.csv",
        TICKETS.replace("billing,regular,false,walked_away", "bill\x01ing,regular,false,x"),
        None,
        0.0,
    ),
    "unreadable": ("queue_ticket", "quote.csv", HEADER + '1,"SZ-001\n', None, 0.5),
    "a profile that does not fit": (
        "hotline_call",
        "calls.txt",
        CALLS.replace("skill", "team"),
        CALL_PROFILE,
        0.5,
    ),
    "no profile for a workbook": ("queue_ticket", "t.xlsx", "not read", None, 0.5),
}


def load(handmade_path, folder, case: str, in_child: bool):
    """What one load does on a copy of the hand-made store: its result or refusal, and the
    store's state after it."""
    table, name, text, profile, share = FILES[case]
    folder.mkdir()
    path = folder / "store.duckdb"
    shutil.copy(handmade_path, path)
    file = write(folder, name, text)
    store = Store(path)
    try:
        result = ingest.load_file(
            store,
            table,
            file,
            profile=write(folder, "p.toml", profile) if profile else None,
            max_rejected=share,
            in_child=in_child,
        )
    except ingest.LoadError as err:
        result = str(err)
    finally:
        store.close()
    return result, state(path)


@pytest.mark.parametrize("case", FILES)
def test_a_load_read_in_a_child_is_the_load_read_in_process(case, handmade_path, tmp_path):
    in_process = load(handmade_path, tmp_path / "here", case, in_child=False)
    through_child = load(handmade_path, tmp_path / "child", case, in_child=True)

    assert through_child == in_process
    if case == "calls through a profile, a new queue":  # the case does what it says
        assert in_process[0].created == (("hotline_queue", 1),)


def test_a_child_that_fails_refuses_the_file_naming_it(tmp_path):
    gone = tmp_path / "gone.csv"  # the child cannot open it: a failure, not a bad file
    job = staging.Job(gone, None, [], {})
    with staging.folder(tmp_path / "store.duckdb") as folder:
        staged = staging.run(job, folder, in_child=True)
    assert staged.refused.startswith(
        "gone.csv: the process reading and mapping the file failed (exit 1: FileNotFoundError:"
    )
    assert staged.refused.endswith("; nothing was loaded")
    assert not (tmp_path / "store.duckdb.staging").exists()  # nothing left beside the store


def test_a_load_sweeps_the_staging_folders_a_stopped_process_left(handmade, tmp_path):
    root = handmade.path.with_name(handmade.path.name + ".staging")
    left = root / "12345-deadbeef-x"
    left.mkdir(parents=True)
    (left / staging.ROWS).write_bytes(b"half written")

    ingest.load_file(handmade, "queue_ticket", write(tmp_path, "t.csv", TICKETS), max_rejected=0.5)

    assert not root.exists()  # the stopped process's folder swept, the load's own removed


def test_a_load_keeps_the_root_while_another_load_stages_there(tmp_path):
    store = tmp_path / "store.duckdb"
    with staging.folder(store) as first:
        with staging.folder(store) as second:
            assert first.parent == second.parent == tmp_path / "store.duckdb.staging"
            (second / "rows.parquet").write_bytes(b"")
        assert first.is_dir() and not second.exists()  # the root stays for the first load
    assert not first.parent.exists()
