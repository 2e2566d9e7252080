"""A `kill -9` at any named point (pulse.faults) of a load, a load through a mapping profile, a
corrected file replacing a load, an undo, or a load by the dashboard's inbox leaves the store
exactly as before (points before the commit) or exactly as after (points after it), every
table compared row by row and every invariant holding; a file handed to the inbox is never
lost, and the restarted inbox loads it once in all. After the next open for writing
(pulse.ingest.recover) the audit log holds exactly one entry of a committed load or undo, and
no staging files are left. The child that reads a handed-in file (pulse.staging) killed at
its points refuses the file with words that name it, and changes nothing.

Each case runs the real command in its own process on a copy of the hand-made store, with
PULSE_KILL_AT naming the point; a process that does not die by SIGKILL fails the case (the
point was not reached). Named points replace the timed kills of a big load, which could not
say which step they hit; a load of more rows than a DuckDB row group is still killed here,
before and after its commit, because only such a load writes rows into the store's file
before the commit."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pulse import ROOT, audit, faults, inbox, ingest
from pulse.store import Store
from tests.test_ingest import GOOD, HEADER
from tests.test_invariants import INVARIANTS, violations
from tests.test_profiles import CALL_PROFILE, CALLS
from tests.test_undo import ticket

# the points each operation is killed at: every point once at least
KILLS = {
    "load": (
        "load.read",
        "load.prepared",
        "load.handed_over",
        "load.staged",
        "load.checked",
        "load.logged",
        "load.archived",
        "load.rows_replaced",
        "load.rejects_recorded",
        "rollups.table_rebuilt",
        "rollups.copy_rebuilt",
        "load.rollups_rebuilt",
        "load.before_commit",
        "load.committed",
    ),
    "profile": (
        "profile.mapped",
        "profile.members_created",
        "load.before_commit",
        "load.committed",
    ),
    "replace": ("load.old_load_undone", "undo.rows_restored", "load.rows_replaced"),
    "undo": (
        "undo.rows_removed",
        "undo.rows_restored",
        "undo.marked",
        "rollups.table_rebuilt",
        "undo.rollups_rebuilt",
        "undo.before_commit",
        "undo.committed",
    ),
    "inbox": (
        "inbox.request_read",
        "load.child_started",
        "load.handed_over",
        "load.rows_replaced",
        "inbox.loaded",
        "inbox.result_written",
    ),
}
CASES = [(operation, point) for operation, points in KILLS.items() for point in points]
# the points met in the child that reads and maps a handed-in file: it alone dies there
CHILD_KILLS = ("load.read", "load.prepared")
# the points at which the operation is committed; at every other one it is not
AFTER_COMMIT = {"load.committed", "undo.committed", "inbox.loaded", "inbox.result_written"}

# a new ticket, one of the hand-made store's changed (5 finishes later) and a bad row: the
# load archives the row it replaces, records a reject and rebuilds the rollups of a day
TICKETS = (
    HEADER
    + GOOD
    + "5,SZ-001,2026-10-31 11:00:00,2026-10-31 11:08:00,2026-10-31 11:08:00,"
    + "2026-10-31 11:25:00,billing,regular,false,served\n"
    + "9,XX-999,2026-10-31 15:00:00,,,,billing,regular,false,walked_away\n"
)
# the load that the undo undoes and the corrected file replaces: ticket 2 changed, 90 new
FIRST = HEADER + ticket(2, "09:15:00") + ticket(90, "09:12:00")
CORRECTED = HEADER + ticket(90, "09:11:00") + ticket(91, "09:13:00")
# new hotline queues in the calls file are created from it (a load of hotline_queue first)
MEMBERS = (
    '[members.queue_id]\nunknown = "create"\nname_en = "skill"\n'
    'set = { centre = "Guangzhou centre", skill = "vip" }\n'
)
FILES = {
    "tickets.csv": TICKETS,
    "first.csv": FIRST,
    "corrected.csv": CORRECTED,
    "calls.txt": CALLS,
    "acd.toml": CALL_PROFILE + MEMBERS,
}
# a handed-in file's name is unique (pulse.inbox.hand_in); a fixed one lets runs compare
HANDED_IN = "20261101T080000.000000000-abcdef-tickets.csv"
# more rows than a DuckDB row group (122,880): the insert goes to the file before the commit
BIG_ROWS = 130_000
# load_log's clock columns differ between runs: compared is whether a load is undone
STATE_QUERIES = {
    "load_log": "select * exclude (loaded_at, undone_at), undone_at is null as is_live "
    "from load_log"
}


@dataclasses.dataclass(frozen=True)
class Base:
    """The store every case starts from, the files the operations load, and its state."""

    path: Path
    files: Path
    first_load: int
    before: dict


@pytest.fixture(scope="session")
def base(handmade_path, tmp_path_factory) -> Base:
    """The hand-made store with one more ticket load (FIRST), to undo or replace."""
    folder = tmp_path_factory.mktemp("kill_points")
    files = folder / "files"
    files.mkdir()
    for name, text in FILES.items():
        (files / name).write_text(text, encoding="utf-8")
    path = folder / "base.duckdb"
    shutil.copy(handmade_path, path)
    store = Store(path)
    try:
        first = ingest.load_file(store, "queue_ticket", files / "first.csv").load_id
    finally:
        store.close()
    return Base(path, files, first, state(path))


def state(path: Path) -> dict[str, tuple]:
    """Row count and a checksum of every row, per table of the store."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' and not temporary"
        ).fetchall()
        query = "\nunion all\n".join(
            f"select '{name}', count(*), sum(hash(t)) from ({STATE_QUERIES.get(name, name)}) as t"
            for (name,) in names
        )
        return {name: (n, total) for name, n, total in con.execute(query).fetchall()}
    finally:
        con.close()


def command(operation: str, path: Path, base: Base) -> list[str]:
    """The real command of an operation on the store at `path`."""
    files, store = base.files, ["--store", str(path)]
    load = [sys.executable, "-m", "pulse.ingest"]
    profile = ["--profile", str(files / "acd.toml")]
    return {
        "load": [*load, "queue_ticket", str(files / "tickets.csv"), "--max-rejected", "50", *store],
        "profile": [
            *load,
            "hotline_call",
            str(files / "calls.txt"),
            *profile,
            "--max-rejected",
            "50",
            *store,
        ],
        "replace": [
            *load,
            "queue_ticket",
            str(files / "corrected.csv"),
            "--replace",
            str(base.first_load),
            *store,
        ],
        "big": [*load, "queue_ticket", str(files / "big.csv"), *store],
        "undo": [sys.executable, "-m", "pulse.undo", str(base.first_load), *store],
        # the dashboard's process, holding the store, loads what its inbox holds
        "inbox": [
            sys.executable,
            "-c",
            "import sys\nfrom pulse import inbox\nfrom pulse.store import Store\n"
            "inbox.process_once(Store(sys.argv[1]), inbox.folder_for(sys.argv[1]))\n",
            str(path),
        ],
    }[operation]


def inbox_folder(path: Path) -> Path:
    """The inbox beside a store (PULSE_INBOX names it for the commands the cases run)."""
    return path.parent / "inbox"


def run(operation: str, base: Base, folder: Path, kill_at: str | None = None):
    """A copy of the base store in `folder`, the operation run on it; the copy's path and the
    finished process."""
    path = folder / "store.duckdb"
    shutil.copy(base.path, path)
    if operation == "inbox":
        hand_in(inbox_folder(path), base.files / "tickets.csv")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PULSE_INBOX": str(inbox_folder(path))}
    env.pop(faults.VARIABLE, None)
    if kill_at:
        env[faults.VARIABLE] = kill_at
    done = subprocess.run(
        command(operation, path, base),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return path, done


def hand_in(folder: Path, source: Path) -> None:
    """A file handed in as pulse.inbox.hand_in does, under a fixed name."""
    folder.mkdir()
    shutil.copyfile(source, folder / HANDED_IN)
    request = inbox.Request("queue_ticket", loaded_by="nightly", max_rejected=0.5)
    (folder / f"{HANDED_IN}{inbox.REQUEST}").write_text(json.dumps(dataclasses.asdict(request)))


@pytest.fixture(scope="session")
def after(base, tmp_path_factory):
    """The state each operation leaves when it runs to the end, run once per session."""
    found: dict[str, dict] = {}

    def of(operation: str) -> dict:
        if operation not in found:
            folder = tmp_path_factory.mktemp(f"after_{operation}")
            path, done = run(operation, base, folder)
            assert done.returncode in (0, 3), done.stderr
            found[operation] = state(path)
            assert found[operation] != base.before, f"{operation} changed nothing"
        return found[operation]

    return of


def assert_killed(done, point: str) -> None:
    assert done.returncode == -signal.SIGKILL, (
        f"{point} was not reached: exit {done.returncode}\n{done.stderr}"
    )


@pytest.fixture(scope="session")
def holding() -> set[tuple]:
    """The states every invariant was found to hold in."""
    return set()


def assert_invariants(path: Path, found: dict, holding: set[tuple], why: str) -> None:
    """Every invariant holds in the store, whose state is `found`. A state already checked
    (every table's rows hash the same) holds them too: it is not queried again."""
    seen = tuple(sorted(found.items()))
    if seen in holding:
        return
    store = Store(path)
    try:
        for name in INVARIANTS:
            broken = violations(store, name)
            assert broken.empty, f"{name} {why}:\n{broken.head(5)}"
    finally:
        store.close()
    holding.add(seen)


@pytest.mark.parametrize(("operation", "point"), CASES, ids=[f"{o}-{p}" for o, p in CASES])
def test_a_kill_leaves_the_store_as_before_or_as_after(
    operation, point, base, after, holding, tmp_path
):
    path, done = run(operation, base, tmp_path, kill_at=point)

    assert_killed(done, point)
    committed = point in AFTER_COMMIT
    expected = after(operation) if committed else base.before
    found = state(path)  # opening the store replays what was committed, nothing else
    differ = sorted(t for t in {*expected, *found} if found.get(t) != expected.get(t))
    assert not differ, f"killed at {point}: not as {'after' if committed else 'before'}: {differ}"
    assert_invariants(path, found, holding, f"after a kill at {point}")
    if operation == "inbox":
        assert_inbox_recovers(path, point, after("inbox"), base.first_load + 1)
    else:
        reopen(path)
    assert audited(path, base.first_load) == (
        {"undo": 1 if committed else 0, "load": 0}
        if operation == "undo"
        else {"undo": 0, "load": 1 if committed or operation == "inbox" else 0}
    ), point
    assert staging_left(path) == [], point


def reopen(path: Path) -> None:
    """What the next process to open the store for writing does first."""
    store = Store(path)
    try:
        ingest.recover(store)
    finally:
        store.close()


def audited(path: Path, first_load: int) -> dict[str, int]:
    """Entries of the operation's load (any after the base's) and of the undo of first_load."""
    found = audit.entries(path)
    details = [
        (action, json.loads(detail))
        for action, detail in zip(found["action"], found["detail_json"], strict=True)
    ]
    return {
        "load": sum(a == "load" and d.get("load_id", 0) > first_load for a, d in details),
        "undo": sum(a == "undo" and d.get("load_id") == first_load for a, d in details),
    }


def staging_left(path: Path) -> list[str]:
    """The staging folders of loads beside the store."""
    root = path.with_name(path.name + ".staging")
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def inbox_files(path: Path) -> dict[str, bool]:
    """Where the handed-in file is: waiting (with its request), in done/, and its result."""
    folder = inbox_folder(path)
    waiting = [folder / HANDED_IN, folder / f"{HANDED_IN}{inbox.REQUEST}"]
    return {
        "waiting": all(p.exists() for p in waiting),
        "done": (folder / inbox.DONE / HANDED_IN).exists(),
        "result": (folder / inbox.DONE / f"{HANDED_IN}{inbox.RESULT}").exists(),
    }


def assert_inbox_recovers(path: Path, point: str, expected: dict, load_id: int) -> None:
    """The handed-in file is waiting or processed, never lost; the restarted inbox loads it
    (or finds it loaded), logs it once and leaves it processed with its result."""
    where = inbox_files(path)
    assert where["waiting"] or (where["done"] and where["result"]), f"{point}: lost: {where}"
    store = Store(path)
    try:
        ingest.recover(store)  # as the dashboard's inbox.start, before it watches the inbox
        outcomes = inbox.process_once(store, inbox_folder(path))
    finally:
        store.close()
    said = [(o["status"], o["code"], o["lines"]) for o in outcomes]
    lines = [
        f"load {load_id}: 2 of 3 rows stored in queue_ticket, 1 rejected",
        "  row 3: branch_id: no branch 'XX-999'",
    ]
    assert said == ([("loaded", 3, lines)] if where["waiting"] else []), point
    assert state(path) == expected, f"{point}: the restarted inbox did not load the file once"
    assert inbox_files(path) == {"waiting": False, "done": True, "result": True}


def point_calls() -> set[str]:
    """The names every faults.point(...) call in pulse/ passes."""
    found = set()
    for source in (ROOT / "pulse").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "point"
                and getattr(node.func.value, "id", None) == "faults"
            ):
                (name,) = node.args
                found.add(name.value)
    return found


def test_every_point_is_in_the_code_and_is_a_case():
    assert len(faults.POINTS) >= 15
    assert point_calls() == set(faults.POINTS)
    assert {point for _, point in CASES} | set(CHILD_KILLS) == set(faults.POINTS)
    assert AFTER_COMMIT.issubset(faults.POINTS)
