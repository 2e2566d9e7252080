"""Undo a load: the rows it wrote go and the rows it replaced come back, in one transaction,
with the rollups of the days it touched rebuilt. A load can be undone while no later load has
rewritten its rows (undo those first) and no other table refers to a row it would remove (a
hall whose tickets are loaded, a ticket a survey answers).

`python -m pulse.undo LOAD_ID [--store FILE] [--by NAME]`; replacing a load with a corrected
file is `python -m pulse.ingest TABLE FILE --replace LOAD_ID` (one transaction as well).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from pulse import audit, faults, rollups, sql, tables
from pulse.store import Store


class UndoError(Exception):
    """A load that cannot be undone, and why; nothing was changed."""


@dataclass(frozen=True)
class UndoResult:
    """What one undo did."""

    load_id: int
    table: str
    file_name: str
    rows_removed: int
    rows_restored: int


def keep(cur, table: str, key: list[str], load_id: int) -> None:
    """Before a load's rows replace the stored ones (staged in _checked): keep the keys it
    writes and the rows it replaces, so it can be undone."""
    for statement in sql.split(sql.render("load/archive_tables", table=table, key=key)):
        cur.execute(statement)
    for statement in sql.split(sql.render("load/archive_rows", table=table, key=key)):
        cur.execute(statement, {"new_load_id": load_id})


def undo(store: Store, load_id: int, by: str | None = None) -> UndoResult:
    """Undo one load in its own transaction."""
    with store.cursor() as cur:
        cur.execute("begin transaction")
        try:
            result = undo_in(cur, load_id, by or getpass.getuser())
            faults.point("undo.before_commit")
            cur.execute("commit")
            faults.point("undo.committed")
        except BaseException:
            cur.execute("rollback")
            raise
    store.loaded()
    return result


def undo_in(cur, load_id: int, by: str) -> UndoResult:
    """Undo one load inside the caller's transaction."""
    found = cur.execute(sql.text("load/load_to_undo"), {"load_id": int(load_id)}).fetchone()
    if found is None:
        raise UndoError(f"there is no load {load_id}")
    _, table, file_name, undoable, undone_at = found
    if undone_at is not None:
        raise UndoError(
            f"load {load_id} ({file_name}) was already undone on {undone_at:%Y-%m-%d %H:%M}"
        )
    if not undoable:
        raise UndoError(
            f"load {load_id} ({file_name}) was made before loads kept what they replaced; "
            "load a corrected file instead"
        )
    spec = tables.SPECS[table]
    key = _key(cur, table)
    _refuse_if_referenced(cur, load_id, table)
    later = cur.execute(
        sql.render("load/undo_conflicts", table=table, key=key), {"load_id": int(load_id)}
    ).fetchall()
    if later:
        named = ", ".join(f"load {n} ({rows} rows)" for n, rows in later)
        raise UndoError(
            f"later loads rewrote rows of load {load_id}: {named}; undo them first, newest first"
        )
    day_range = None
    if spec.day_column:
        day_range = cur.execute(
            sql.render("load/undo_days", table=table, day_column=spec.day_column, key=key),
            {"load_id": int(load_id)},
        ).fetchone()
    remove, restore = sql.split(sql.render("load/undo_rows", table=table, key=key))
    removed = cur.execute(remove, {"load_id": int(load_id)}).fetchone()[0]
    faults.point("undo.rows_removed")
    restored = cur.execute(restore, {"load_id": int(load_id)}).fetchone()[0]
    faults.point("undo.rows_restored")
    if spec.day_column:
        facts = [(t, tables.SPECS[t].day_column) for t in tables.FACTS]
        cur.execute(sql.render("load/undo_calendar_days", facts=facts), {"load_id": int(load_id)})
    cur.execute(sql.text("load/mark_undone"), {"load_id": int(load_id), "undone_by": by})
    faults.point("undo.marked")
    if day_range is None or day_range[0] is not None:
        rollups.refresh_after_change(cur, table, spec.day_column, day_range)
        faults.point("undo.rollups_rebuilt")
    return UndoResult(int(load_id), table, file_name, int(removed), int(restored))


def _refuse_if_referenced(cur, load_id: int, table: str) -> None:
    """Refuse to remove rows other tables refer to (a hall whose tickets are loaded)."""
    for other in tables.SPECS.values():
        for column, (target_table, target) in other.references.items():
            if target_table != table:
                continue
            query = sql.render(
                "load/undo_referenced", other=other.name, column=column, table=table, target=target
            )
            (n,) = cur.execute(query, {"load_id": int(load_id)}).fetchone()
            if n:
                raise UndoError(
                    f"{n} {other.name} rows refer to {table} rows load {load_id} would remove; "
                    f"undo or correct those first"
                )


def _key(cur, table: str) -> list[str]:
    for kind, _text, _expression, columns in cur.execute(
        sql.text("load/table_constraints"), {"table": table}
    ).fetchall():
        if kind == "PRIMARY KEY":
            return list(columns)
    raise UndoError(f"{table} has no key")  # every loadable table has one (insert or replace)


def main(argv: list[str] | None = None) -> int:
    """Command line: undo one load. Exit 0 when undone, 1 when refused (nothing changed), 4
    when another process holds the store."""
    import argparse
    import sys

    import duckdb

    from pulse import ingest  # imports this module
    from pulse.store import default_path

    parser = argparse.ArgumentParser(description="Undo one load (see the Data page's history).")
    parser.add_argument("load_id", type=int)
    parser.add_argument("--store", default=None, help="default: $PULSE_STORE or data/pulse.duckdb")
    parser.add_argument("--by", default=None, help="who undoes it (default: the OS user)")
    args = parser.parse_args(argv)
    try:
        store = Store(args.store or default_path())
    except duckdb.IOException as err:
        print(
            f"busy: the store cannot be opened for writing ({str(err).splitlines()[0]}); "
            "another process (the dashboard?) holds it",
            file=sys.stderr,
        )
        return 4
    # the audit log names the command line and the OS user, as a load from the command line
    by = {"via": "command line", "os_user": getpass.getuser(), "undone_by": args.by}
    try:
        ingest.recover(store)
        result = undo(store, args.load_id, args.by)
        # while this process holds the store: see pulse.load_command
        counts = {"removed": result.rows_removed, "restored": result.rows_restored}
        audit.record(store.path, None, "undo", {"load_id": result.load_id, **counts, **by})
    except UndoError as err:
        audit.record(store.path, None, "undo", {"load_id": args.load_id, "refused": str(err), **by})
        print(f"refused: {err}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"load {result.load_id} ({result.file_name}) undone: {result.rows_removed} rows removed "
        f"from {result.table}, {result.rows_restored} replaced rows restored"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
