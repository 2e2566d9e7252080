"""Load one Parquet or CSV file into one table, all or nothing, rejecting bad rows with reasons.

A load reads the file into a staging table with every value kept, checks each row against the
table's own DDL (types, NOT NULL, CHECK rules, primary key, and text free of control
characters other than tab, newline and carriage return) and against the dimensions it
refers to, then - in one transaction - replaces the stored rows that share a natural key,
records the load and its rejected rows, and rebuilds the rollups for the days it touched.
Any failure rolls the whole transaction back: the store is left exactly as it was.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pulse import catalog, rollups, sql, tables
from pulse.store import Store

REJECTS_SHOWN = 20


class LoadError(Exception):
    """A file that was refused as a whole; nothing of it was stored."""


@dataclass(frozen=True)
class LoadResult:
    """What one load did."""

    load_id: int
    table: str
    file_name: str
    rows_in: int
    rows_loaded: int
    rows_rejected: int
    rejects: list[tuple[int, str]]  # (row number, reason), the first REJECTS_SHOWN


def load_file(
    store: Store,
    table: str,
    path: Path | str,
    *,
    loaded_by: str | None = None,
    reject_file_on_error: bool = False,
    refresh_rollups: bool = True,
) -> LoadResult:
    """Load `path` into `table`. Bad rows are rejected one by one with their row number and
    reason, or - with reject_file_on_error - the whole file is refused if any row is bad."""
    spec = tables.SPECS.get(table)
    if spec is None:
        raise LoadError(f"unknown table {table!r}; loadable tables: {', '.join(tables.SPECS)}")
    path = Path(path)
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    checksum = _sha256(path)
    with store.cursor() as cur:
        cur.execute("begin transaction")
        try:
            result = _load(
                cur, spec, path, checksum, loaded_by, reject_file_on_error, refresh_rollups
            )
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
        finally:
            for statement in sql.statements("load/drop_staging"):
                cur.execute(statement)
    store.loaded()
    return result


def _load(cur, spec, path, checksum, loaded_by, reject_file_on_error, refresh_rollups):
    _stage(cur, path)
    columns, checks, key = _table_rules(cur, spec.name)
    _check_header(cur, path, [c["name"] for c in columns])
    params = {"metric_ids": catalog.metric_ids()} if spec.metric_columns else {}
    cur.execute(
        sql.render(
            "load/validate",
            columns=columns,
            checks=checks,
            key=key,
            references=[
                {"column": col, "target_table": ref[0], "target_column": ref[1]}
                for col, ref in spec.references.items()
            ],
            metric_columns=spec.metric_columns,
        ),
        params,
    )
    rows_in, rows_loaded, rows_rejected = cur.execute(sql.text("load/count_checked")).fetchone()
    rejects = cur.execute(sql.text("load/first_rejects"), {"max_rows": REJECTS_SHOWN}).fetchall()
    if rows_in == 0:
        raise LoadError(f"{path.name}: the file holds no rows")
    if rows_rejected and (reject_file_on_error or rows_loaded == 0):
        shown = "\n".join(f"  row {n}: {reason}" for n, reason in rejects)
        raise LoadError(
            f"{path.name}: {rows_rejected} of {rows_in} rows are invalid, nothing was loaded:\n"
            f"{shown}"
        )
    day_range = None
    if spec.day_column:
        day_range = cur.execute(
            sql.render("load/affected_days", table=spec.name, day_column=spec.day_column, key=key)
        ).fetchone()
    cur.execute(
        sql.render("load/replace_rows", table=spec.name, columns=[c["name"] for c in columns])
    )
    load_id = cur.execute(
        sql.text("load/record_load"),
        {
            "table_name": spec.name,
            "file_name": path.name,
            "checksum": checksum,
            "rows_in": rows_in,
            "rows_loaded": rows_loaded,
            "rows_rejected": rows_rejected,
            "loaded_by": loaded_by or getpass.getuser(),
        },
    ).fetchone()[0]
    cur.execute(sql.text("load/record_rejects"), {"new_load_id": load_id})
    if refresh_rollups:
        _refresh(cur, spec, day_range)
    return LoadResult(
        load_id,
        spec.name,
        path.name,
        rows_in,
        rows_loaded,
        rows_rejected,
        [(int(n), r) for n, r in rejects],
    )


def _refresh(cur, spec: tables.TableSpec, day_range) -> None:
    for rollup in rollups.for_table(spec.name):
        if spec.day_column and rollups.sources()[rollup] == spec.name:
            rollups.refresh(cur, rollup, *day_range)
        else:
            rollups.refresh(cur, rollup)


def _stage(cur: duckdb.DuckDBPyConnection, path: Path) -> None:
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("csv", "parquet"):
        raise LoadError(f"{path.name}: only .csv and .parquet files can be loaded")
    try:
        cur.execute(sql.text(f"load/stage_{kind}"), {"path": str(path)})
    except duckdb.Error as err:
        first_line = str(err).strip().splitlines()[0]
        raise LoadError(f"{path.name}: cannot be read as {kind.upper()}: {first_line}") from err


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Command line: load one file. Exit 0 when every row loaded, 3 when some rows were
    rejected (listed), 1 when the file was refused and nothing changed."""
    import argparse
    import sys

    from pulse.store import default_path

    parser = argparse.ArgumentParser(description="Load one CSV or Parquet file into a table.")
    parser.add_argument("table", choices=tables.LOAD_ORDER)
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--store", type=Path, default=None, help="default: $PULSE_STORE or data/pulse.duckdb"
    )
    parser.add_argument(
        "--reject-file", action="store_true", help="refuse the whole file if any row is bad"
    )
    parser.add_argument("--by", default=None, help="who loads it (default: the OS user)")
    args = parser.parse_args(argv)
    store = Store(args.store or default_path())
    try:
        result = load_file(
            store, args.table, args.file, loaded_by=args.by, reject_file_on_error=args.reject_file
        )
    except LoadError as err:
        print(f"refused: {err}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(
        f"load {result.load_id}: {result.rows_loaded} of {result.rows_in} rows stored in "
        f"{result.table}, {result.rows_rejected} rejected"
    )
    for row, reason in result.rejects:
        print(f"  row {row}: {reason}")
    if result.rows_rejected > len(result.rejects):
        print(f"  ... {result.rows_rejected - len(result.rejects)} more in load_reject")
    return 3 if result.rows_rejected else 0


if __name__ == "__main__":
    raise SystemExit(main())
