"""`python -m pulse.ingest TABLE FILE`: load one file from the command line, or hand it to the
dashboard's inbox when the dashboard holds the store (pulse.inbox), and say what happened."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import duckdb

from pulse import audit, inbox, ingest, tables
from pulse.store import Store, default_path


def main(argv: list[str] | None = None) -> int:
    """Command line: load one file, all or nothing unless --max-rejected allows a share of bad
    rows. Exit 0 when every row loaded (or would, in a dry run), 3 when some rows were
    rejected (listed), 1 when the file was refused and nothing changed, 4 when another process
    holds the store and no dashboard took the file (pulse.inbox)."""
    parser = argparse.ArgumentParser(description="Load one file into a table.")
    parser.add_argument("table", choices=tables.LOAD_ORDER)
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--store", type=Path, default=None, help="default: $PULSE_STORE or data/pulse.duckdb"
    )
    parser.add_argument(
        "--profile", type=Path, default=None, help="a mapping profile (docs/profiles.md)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would load and change nothing"
    )
    parser.add_argument(
        "--max-rejected",
        type=_percent,
        default=0.0,
        metavar="PCT",
        help="load the good rows when at most PCT %% of the rows are rejected (default 0: a "
        "file with any bad row is refused whole)",
    )
    parser.add_argument(
        "--reject-file",
        action="store_true",
        help="refuse the whole file if any row is bad (the default; kept for scripts that say it)",
    )
    parser.add_argument("--by", default=None, help="who loads it (default: the OS user)")
    parser.add_argument(
        "--wait",
        type=float,
        default=3600,
        help="seconds to wait for the dashboard when it holds the store and loads the file",
    )
    parser.add_argument(
        "--replace",
        type=int,
        default=None,
        metavar="LOAD_ID",
        help="a corrected file for that load: it is undone in the same transaction",
    )
    args = parser.parse_args(argv)
    path = args.store or default_path()
    try:
        store = Store(path)
    except duckdb.IOException as err:
        return _hand_to_dashboard(args, path, str(err).splitlines()[0])
    try:
        ingest.recover(store)
        result = ingest.load_file(
            store,
            args.table,
            args.file,
            profile=args.profile,
            dry_run=args.dry_run,
            loaded_by=args.by,
            reject_file_on_error=args.reject_file,
            replaces=args.replace,
            # a dry run lists every bad row; whether a real load would refuse is said below
            max_rejected=None if args.dry_run else _allowed(args),
        )
        if not result.dry_run:
            # written while this process holds the store: a kill before it leaves the entry to
            # the next process that opens the store (ingest.recover), never to two writers
            by = {"via": "command line", "os_user": getpass.getuser(), "loaded_by": args.by}
            counts = {k: getattr(result, k) for k in ("load_id", "rows_loaded", "rows_rejected")}
            detail = {"table": args.table, "file": result.file_name, **counts, **by}
            audit.record(path, None, "load", detail)
            audit.record_changes(path, None, result, by)
    except ingest.LoadError as err:
        print(f"refused: {err}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print("\n".join(inbox.describe(result)))
    allowed = _allowed(args)
    if result.dry_run and result.rows_rejected > allowed * result.rows_in:
        print(
            f"a real load would refuse the file: more than {allowed:.1%} of its rows are "
            "rejected (--max-rejected PCT allows a share)"
        )
    return 3 if result.rows_rejected else 0


def _percent(text: str) -> float:
    value = float(text.rstrip("%"))
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("a percentage from 0 to 100")
    return value


def _allowed(args) -> float:
    """The share of rows that may be rejected: 0 with --reject-file."""
    return 0.0 if args.reject_file else args.max_rejected / 100


def _hand_to_dashboard(args, store_path: Path, why: str) -> int:
    """The store is held by another process: the dashboard, when its inbox is there."""
    folder = inbox.folder_for(store_path)
    if args.dry_run or not folder.is_dir() or not args.file.is_file():
        # DuckDB allows one writing process: most often the dashboard holds the store
        print(
            f"busy: the store cannot be opened for writing ({why}); another process holds "
            "it and no dashboard inbox was found: load from the Data page, or stop that "
            "process and run this again",
            file=sys.stderr,
        )
        return 4
    request = inbox.Request(
        table=args.table,
        profile=str(args.profile.resolve()) if args.profile else None,
        loaded_by=args.by or getpass.getuser(),
        reject_file=args.reject_file,
        replaces=args.replace,
        max_rejected=_allowed(args),
    )
    print(f"the dashboard holds the store: handed {args.file.name} to it through {folder}")
    outcome = inbox.wait_for(inbox.hand_in(folder, args.file, request), args.wait)
    if outcome is None:
        print(
            f"no result after {args.wait:.0f} s: the dashboard will still load it; its Data "
            "page shows the result",
            file=sys.stderr,
        )
        return 4
    stream = sys.stdout if outcome["code"] != 1 else sys.stderr
    print("\n".join(outcome["lines"]), file=stream)
    return int(outcome["code"])
