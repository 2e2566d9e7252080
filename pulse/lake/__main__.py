"""Command line of the lake.

python -m pulse.lake export --store FILE --to DIR
python -m pulse.lake load TABLE FILE --lake DIR [--profile P.toml]
python -m pulse.lake rollups --engine duckdb|spark [--master local[2]] --lake DIR --store FILE
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pulse import ingest
from pulse.lake import build, definitions, export, land, layout
from pulse.store import Store, default_path


def _export(args) -> int:
    store = Store(args.store or default_path())
    try:
        written = export.export_store(store, args.to)
    finally:
        store.close()
    for fact, rows in written.items():
        print(f"{fact}: {rows} rows in {len(layout.cells(args.to, fact))} partitions")
    return 0


def _load(args) -> int:
    try:
        result, touched = export.load_to_lake(
            args.lake, args.table, args.file, profile=args.profile
        )
    except ingest.LoadError as err:
        print(f"refused: {err}", file=sys.stderr)
        return 1
    print(
        f"{result.rows_loaded} of {result.rows_in} rows written to {len(touched)} partitions "
        f"of {args.table}, {result.rows_rejected} rejected"
    )
    for row, reason in result.rejects:
        print(f"  row {row}: {reason}")
    return 3 if result.rows_rejected else 0


def touched_cells(lake: Path, store: Store, engine: str, args) -> dict[str, list[layout.Cell]]:
    """The partitions to rebuild: those written since the engine's last landed build (all on
    the first), narrowed to --months and --provinces when given."""
    since = None if args.all else land.last_build(store, engine)
    cells = {fact: layout.changed_since(lake, fact, since) for fact in layout.FACTS}
    months = set(args.months.split(",")) if args.months else None
    provinces = set(args.provinces.split(",")) if args.provinces else None
    return {
        fact: [
            c
            for c in cs
            if (months is None or c.month in months)
            and (provinces is None or c.province in provinces)
        ]
        for fact, cs in cells.items()
    }


def make_engine(name: str, master: str, memory_limit: str = "4GB"):
    """The engine a build runs on."""
    from pulse.lake import engines

    if name == "spark":
        return engines.SparkEngine(master)
    return engines.DuckEngine(memory_limit=memory_limit)


def _rollups(args) -> int:
    store = Store(args.store or default_path())
    try:
        land.prepare(store, args.lake)
        with store.cursor() as cur:
            plan = definitions.plan(cur)
        cells = touched_cells(args.lake, store, args.engine, args)
        if not any(cells.values()):
            print("nothing to rebuild: no partition was written since the last build")
            return 0
        started = time.perf_counter()
        engine = make_engine(args.engine, args.master, args.memory_limit)
        built = build.run(engine, args.lake, plan, cells)
        load_id = land.land(store, args.lake, built)
        engine.close()
    finally:
        store.close()
    print(
        f"load {load_id}: {len(built.tables)} rollup tables built by {built.engine} "
        f"({built.master}) for {len(built.months())} months x {len(built.provinces())} "
        f"provinces in {time.perf_counter() - started:.1f} s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(prog="python -m pulse.lake", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    exp = commands.add_parser("export", help="write a store's facts to a lake directory")
    exp.add_argument("--store", type=Path, default=None)
    exp.add_argument("--to", type=Path, required=True)
    exp.set_defaults(run=_export)
    load = commands.add_parser("load", help="validate an extract and write it to the lake")
    load.add_argument("table", choices=list(export.KEYS))
    load.add_argument("file", type=Path)
    load.add_argument("--lake", type=Path, required=True)
    load.add_argument("--profile", type=Path, default=None)
    load.set_defaults(run=_load)
    roll = commands.add_parser("rollups", help="build the rollups from the lake into a store")
    roll.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    roll.add_argument("--master", default="local[2]", help="Spark master (local[n], yarn ...)")
    roll.add_argument("--lake", type=Path, required=True)
    roll.add_argument(
        "--memory-limit", default="4GB", help="DuckDB's memory before it spills (duckdb only)"
    )
    roll.add_argument("--store", type=Path, default=None)
    roll.add_argument("--all", action="store_true", help="rebuild every partition")
    roll.add_argument("--months", default=None, help="only these months: 2026-09,2026-10")
    roll.add_argument("--provinces", default=None, help="only these provinces: GD,ZJ")
    roll.set_defaults(run=_rollups)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
