"""Load one Parquet or CSV file into one table, all or nothing, rejecting bad rows with reasons.

A load reads the file (pulse.staging: in a child process for the dashboard) into a staging
table with every value kept, checks each row against the table's own DDL (types, NOT NULL,
CHECK rules, primary key, and text free of control characters other than tab, newline and
carriage return) and against the dimensions it refers to, then - in one transaction -
replaces the stored rows that share a natural key, records the load and its rejected rows,
and rebuilds the rollups for the days it touched.
Any failure rolls the whole transaction back: the store is left exactly as it was.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pulse import audit, catalog, faults, profiles, rollups, sql, staging, tables, undo
from pulse.profiles import members
from pulse.store import Store

REJECTS_SHOWN = 20
# the only text the loader reads as a date or date-time: ISO, without an offset
ISO_PATTERN = r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?"


class LoadError(Exception):
    """A file that was refused as a whole; nothing of it was stored."""


@dataclass(frozen=True)
class LoadResult:
    """What one load did (or, in a dry run, would do)."""

    load_id: int | None  # None in a dry run
    table: str
    file_name: str
    rows_in: int
    rows_loaded: int
    rows_rejected: int
    rejects: list[tuple[int, str]]  # (row number, reason), the first REJECTS_SHOWN
    created: tuple[tuple[str, int], ...] = ()  # (dimension, members created from the file)
    dry_run: bool = False
    # a reference table's rows as they now are and as they were (pulse.audit.record_changes)
    changes: tuple[dict, ...] = ()


REFERENCE = ("target", "benchmark", "event")  # kept by analysts; a change is a settings change


def load_file(
    store: Store,
    table: str,
    path: Path | str,
    *,
    profile: profiles.Profile | Path | str | None = None,
    dry_run: bool = False,
    loaded_by: str | None = None,
    reject_file_on_error: bool = False,
    refresh_rollups: bool = True,
    replaces: int | None = None,
    max_rejected: float | None = None,
    rejects_shown: int = REJECTS_SHOWN,
    in_child: bool = False,
) -> LoadResult:
    """Load `path` into `table`, through a mapping profile when one is given. Bad rows are
    rejected one by one with their row number and reason, or - with reject_file_on_error -
    the whole file is refused if any row is bad. A dry run reports the same and rolls back.
    replaces: a load of the same table this file corrects; it is undone in the same
    transaction, so none of its rows stay behind. max_rejected: the share of rows that may be
    rejected for the good rows to load (0: all or nothing); more and the file is refused.
    rejects_shown: how many rejected rows the result lists (a dry run's full list).
    in_child: read and map the file in a child process (the dashboard's loads: pulse.staging)."""
    spec = tables.SPECS.get(table)
    if spec is None:
        raise LoadError(f"unknown table {table!r}; loadable tables: {', '.join(tables.SPECS)}")
    path = Path(path)
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    if profile is not None and not isinstance(profile, profiles.Profile):
        try:
            profile = profiles.load(profile)
        except profiles.ProfileError as err:
            raise LoadError(f"profile {err}") from err
    if profile is not None and profile.table != table:
        raise LoadError(f"the profile maps files onto {profile.table}, not {table}")
    with store.cursor() as cur:
        rules = _table_rules(cur, table)
        added = members.columns_of(cur, profile) if profile is not None else {}
    with staging.folder(store.path) as folder:
        staged = staging.run(staging.Job(path, profile, rules[0], added), folder, in_child)
        if staged.refused:
            raise LoadError(staged.refused)
        load = Load(
            spec,
            path.name,
            staging.checksum(path),
            loaded_by,
            reject_file_on_error or max_rejected == 0,
            refresh_rollups,
            replaces,
            max_rejected,
            rejects_shown,
        )
        faults.point("load.handed_over")
        result = _transaction(store, load, (path, staged, rules, profile), dry_run)
    if not dry_run:
        store.loaded()
    return result


def recover(store: Store) -> None:
    """What a process that has just opened the store for writing does first (the command line,
    the dashboard): a load or undo committed by a process that stopped before writing its audit
    entry gets one now (pulse.audit), and staging files such a load left are removed."""
    audit.record_missing_loads(store)
    staging.sweep(store.path)


def _transaction(store: Store, load: Load, source: tuple, dry_run: bool) -> LoadResult:
    with store.cursor() as cur:
        cur.execute("begin transaction")
        try:
            if load.replaces is not None:
                _undo_replaced(cur, load, load.replaces)
                faults.point("load.old_load_undone")
            result = _load_source(cur, load, *source, dry_run)
            faults.point("load.before_commit")
            cur.execute("rollback" if dry_run else "commit")
            faults.point("load.committed")
        except BaseException:
            cur.execute("rollback")
            raise
        finally:
            for statement in sql.statements("load/drop_staging"):
                cur.execute(statement)
    return result


@dataclass(frozen=True)
class Load:
    """One load's table, file and options."""

    spec: tables.TableSpec
    file_name: str
    checksum: str
    loaded_by: str | None
    reject_file_on_error: bool
    refresh_rollups: bool
    replaces: int | None = None
    max_rejected: float | None = None  # share of rows; None: any, as long as one row loads
    rejects_shown: int = REJECTS_SHOWN


def _undo_replaced(cur, load: Load, load_id: int) -> None:
    """Undo the load a corrected file replaces (same transaction as the new load)."""
    try:
        undone = undo.undo_in(cur, load_id, load.loaded_by or getpass.getuser())
    except undo.UndoError as err:
        raise LoadError(f"load {load_id} cannot be replaced: {err}") from err
    if undone.table != load.spec.name:
        raise LoadError(
            f"load {load_id} loaded {undone.table}, not {load.spec.name}: a corrected file "
            "replaces a load of the same table"
        )


def _load_source(cur, load: Load, path: Path, staged, rules, profile, dry_run: bool):
    """Stage what staging.prepare() made of the file (a typed Parquet file as it is), with the
    dimension members it creates, and load it."""
    if staged.misfit:
        raise LoadError(staged.misfit)
    created = []
    if profile is not None:
        found = [(column, staging.read_members(file)) for column, file in staged.members]
        for dimension, rows in members.new_rows(cur, profile, found):
            _create_members(cur, load, dimension, rows, dry_run)
            created.append((dimension, len(rows)))
            faults.point("profile.members_created")
    if staged.rows is None:
        _stage_parquet(cur, path)
    else:
        cur.execute(sql.text("load/stage_file"), {"path": str(staged.rows)})
    if profile is None:
        _check_header(cur, path, [c["name"] for c in rules[0]])
    faults.point("load.staged")
    result = _load(cur, load, rules, dry_run, prior=staged.rows is not None)
    return dataclasses.replace(result, created=tuple(created))


def _create_members(cur, load: Load, dimension: str, rows: pd.DataFrame, dry_run: bool) -> None:
    rows = rows.copy()
    rows.insert(0, "_row", range(1, len(rows) + 1))
    rows["_reason"] = ""
    _stage_frame(cur, rows)
    spec = tables.SPECS[dimension]
    # members new to the store have no facts yet, so no rollup changes until the facts load
    members_load = dataclasses.replace(
        load,
        spec=spec,
        file_name=f"{load.file_name} (new {dimension} members)",
        refresh_rollups=False,
        replaces=None,
    )
    try:
        _load(cur, members_load, _table_rules(cur, dimension), dry_run, prior=True, whole=True)
    except LoadError as err:
        raise LoadError(
            f"{load.file_name}: new {dimension} members from the file cannot be created "
            f"(say the missing values under [members] set = {{...}} in the profile): {err}"
        ) from err


def _load(cur, load: Load, rules, dry_run: bool, *, prior: bool, whole: bool = False):
    spec = load.spec
    columns, checks, key = rules
    staged = dict(cur.execute(sql.text("load/staged_columns")).fetchall())
    params = {"metric_ids": catalog.metric_ids(), "iso_pattern": ISO_PATTERN}
    statement = sql.render(
        "load/validate",
        columns=[{**c, "staged": staged.get(c["name"])} for c in columns],
        checks=checks,
        key=key,
        references=[
            {"column": col, "target_table": ref[0], "target_column": ref[1]}
            | tables.reserved(spec.name, ref[0])
            for col, ref in spec.references.items()
        ],
        metric_columns=spec.metric_columns,
        prior=prior,
    )
    cur.execute(statement, sql.used_params(statement, params))
    rows_in, rows_loaded, rows_rejected = cur.execute(sql.text("load/count_checked")).fetchone()
    faults.point("load.checked")
    rejects = cur.execute(
        sql.text("load/first_rejects"), {"max_rows": load.rejects_shown}
    ).fetchall()
    if rows_in == 0:
        raise LoadError(f"{load.file_name}: the file holds no rows")
    too_many = load.max_rejected is not None and rows_rejected > load.max_rejected * rows_in
    if too_many and not (load.reject_file_on_error or whole) and not dry_run:
        raise LoadError(
            f"{load.file_name}: {rows_rejected} of {rows_in} rows are invalid, more than the "
            f"{load.max_rejected:.1%} allowed; nothing was loaded"
        )
    if rows_rejected and (load.reject_file_on_error or whole or rows_loaded == 0):
        shown = "\n".join(f"  row {n}: {reason}" for n, reason in rejects)
        raise LoadError(
            f"{load.file_name}: {rows_rejected} of {rows_in} rows are invalid, nothing was "
            f"loaded:\n{shown}"
        )
    result = LoadResult(
        None,
        spec.name,
        load.file_name,
        rows_in,
        rows_loaded,
        rows_rejected,
        [(int(n), r) for n, r in rejects],
        dry_run=dry_run,
    )
    if dry_run and whole:
        # new members must be there for the facts' reference checks; the rollback removes them
        _replace_rows(cur, spec.name, columns, key)
    if dry_run:
        return result
    day_range = None
    if spec.day_column and load.refresh_rollups:
        day_range = cur.execute(
            sql.render("load/affected_days", table=spec.name, day_column=spec.day_column, key=key)
        ).fetchone()
    load_id = cur.execute(
        sql.text("load/record_load"),
        {
            "table_name": spec.name,
            "file_name": load.file_name,
            "checksum": load.checksum,
            "rows_in": rows_in,
            "rows_loaded": rows_loaded,
            "rows_rejected": rows_rejected,
            "loaded_by": load.loaded_by or getpass.getuser(),
            "replaces_load": load.replaces,
            "undoable": True,
        },
    ).fetchone()[0]
    faults.point("load.logged")
    undo.keep(cur, spec.name, key, load_id)
    faults.point("load.archived")
    _replace_rows(cur, spec.name, columns, key)
    if spec.day_column and spec.extends_calendar:
        for statement in sql.split(sql.render("load/extend_calendar", day_column=spec.day_column)):
            cur.execute(statement, {"load_id": load_id})
    faults.point("load.rows_replaced")
    changes = _changes(cur, spec.name, key, load_id) if spec.name in REFERENCE else ()
    cur.execute(sql.text("load/record_rejects"), {"new_load_id": load_id})
    faults.point("load.rejects_recorded")
    if load.refresh_rollups:
        rollups.refresh_after_change(cur, spec.name, spec.day_column, day_range)
        faults.point("load.rollups_rebuilt")
    return dataclasses.replace(result, load_id=load_id, changes=changes)


def _changes(cur, table: str, key: list[str], load_id: int) -> tuple[dict, ...]:
    """Each row a load of reference data wrote, with the one it replaced (None: a new key),
    leaving out rows it wrote again unchanged."""
    query = sql.render("load/reference_changes", table=table, key=key)
    rows = cur.execute(query, {"load_id": load_id}).fetchall()
    found = ({"new": json.loads(new), "old": json.loads(old) if old else None} for new, old in rows)
    return tuple(c for c in found if c["new"] != c["old"])


def _replace_rows(cur, table: str, columns: list[dict], key: list[str]) -> None:
    # insert or replace looks every key up in the index: 1.6 times a plain insert (tickets)
    query = sql.render("load/is_replacing", table=table, key=key)
    replacing = cur.execute(query).fetchone()[0]
    names = [c["name"] for c in columns]
    cur.execute(sql.render("load/replace_rows", table=table, columns=names, replacing=replacing))


def _stage_parquet(cur: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        cur.execute(sql.text("load/stage_parquet"), {"path": str(path)})
    except duckdb.Error as err:
        first_line = str(err).strip().splitlines()[0]
        raise LoadError(f"{path.name}: cannot be read as PARQUET: {first_line}") from err


def _stage_frame(cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    """Stage rows read in Python; every value is text, as in a CSV."""
    cur.register("_frame", frame.astype({c: object for c in frame.columns if c != "_row"}))
    try:
        cur.execute(sql.text("load/stage_frame"))
    finally:
        cur.unregister("_frame")


def _table_rules(cur, table: str):
    columns = [
        {"name": name, "type": data_type, "required": required}
        for name, data_type, required in cur.execute(
            sql.text("load/table_columns"), {"table": table}
        ).fetchall()
    ]
    checks, key = [], []
    for kind, text, expression, column_names in cur.execute(
        sql.text("load/table_constraints"), {"table": table}
    ).fetchall():
        if kind == "PRIMARY KEY":
            key = list(column_names)
        else:
            rule = text.removeprefix("CHECK(").removesuffix(")")
            checks.append(
                {
                    "expression": expression,
                    "text": rule.replace("'", "''"),
                    "columns": sorted(set(column_names)),
                }
            )
    return columns, checks, key


def _check_header(cur, path: Path, expected: list[str]) -> None:
    found = [row[0] for row in cur.execute(sql.text("load/staged_columns")).fetchall()]
    missing = [c for c in expected if c not in found]
    unknown = [c for c in found if c not in expected]
    problems = []
    if missing:
        problems.append("missing columns: " + ", ".join(missing))
    if unknown:
        problems.append("unknown columns: " + ", ".join(unknown))
    if problems:
        raise LoadError(f"{path.name}: {'; '.join(problems)}")


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m pulse.ingest TABLE FILE [options]` (pulse.load_command)."""
    from pulse import load_command  # it loads through this module

    return load_command.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
