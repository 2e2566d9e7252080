"""Self-check: load a scale into in-memory DuckDB through the DDL and run every invariant."""

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from . import generate
from .invariants import all_checks
from .scales import SCALES

SCHEMA = Path(__file__).resolve().parent.parent / "queries" / "schema"


def load(con: duckdb.DuckDBPyConnection, scale: str, out_dir: Path, seed: int) -> dict:
    """Apply the schema and insert every generated file as it is written; rows per table."""
    for ddl in sorted(SCHEMA.glob("*.sql")):
        con.execute(ddl.read_text())
    rows: dict[str, int] = {}
    for table, path in generate(scale, out_dir, seed):
        if path.suffix == ".csv":
            # a quoted "" is an empty string (target.level_key), a bare empty field is null
            src = f"read_csv('{path}', header = true, allow_quoted_nulls = false)"
        else:
            src = f"read_parquet('{path}')"
        n = con.execute(f"insert into {table} by name select * from {src}").fetchone()[0]
        rows[table] = rows.get(table, 0) + n
    return rows


def run_checks(con: duckdb.DuckDBPyConnection, end: str) -> list[tuple[str, int]]:
    """(name, violations) for every invariant."""
    return [(name, con.execute(sql).fetchone()[0]) for name, sql in all_checks(end)]


def main(argv=None) -> int:
    """Generate a scale into a temporary folder, load it, check it and report."""
    ap = argparse.ArgumentParser(prog="python -m sample_data.check")
    ap.add_argument("--scale", choices=list(SCALES), default="tiny")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--patterns", action="store_true", help="also print the injected patterns")
    args = ap.parse_args(argv)
    con = duckdb.connect()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        rows = load(con, args.scale, Path(tmp), args.seed)
    print(f"generated and loaded in {time.perf_counter() - t0:.1f} s")
    for table, n in rows.items():
        print(f"  {table:<20} {n:>12,}")
    results = run_checks(con, SCALES[args.scale].end.isoformat())
    failed = [(name, n) for name, n in results if n]
    for name, n in results:
        print(f"  {'FAIL' if n else 'ok':<4} {name}" + (f": {n}" if n else ""))
    if args.patterns:
        from .patterns import report

        report(con, SCALES[args.scale])
    print(f"{len(results) - len(failed)} of {len(results)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
