"""Build the board report from the command line, for scheduled runs.

    python -m pulse.report --scope SZ --period last_quarter --format pdf --out sz.pdf
    python -m pulse.report --scope GD --period 2026-Q1 --compare last_year --lang zh \\
        --sections overview,queues,hotline --format pptx --out gd-q1.pptx

    python -m pulse.report --as li.wei --scope SZ-002 --format xlsx --out sz-002.xlsx

Exit 0 when the file is written, 2 on a bad option (with a message saying what is accepted;
an --as account that is unknown or disabled, or a scope outside it), 1 when the store cannot
be read or the file cannot be made.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

from pulse import audit, dimensions, filters
from pulse.export.engine import ExportError
from pulse.report import FORMATS, SECTION_IDS, Request, build, write
from pulse.report.options import (
    PERIOD_HELP,
    OptionError,
    account,
    open_store,
    output_kind,
    request_filter,
    sections,
)
from pulse.store import default_path
from pulse.ui import format as fmt


def parser() -> argparse.ArgumentParser:
    """The command's options."""
    p = argparse.ArgumentParser(
        prog="python -m pulse.report",
        description="Build the service quality report as PDF, PowerPoint or Excel.",
    )
    p.add_argument(
        "--scope",
        default="all",
        help="'all' (default), or comma-separated province, city or hall ids or names "
        "(e.g. GD, SZ, SZ-002, Shenzhen)",
    )
    p.add_argument("--period", default="last_month", help=f"default last_month; {PERIOD_HELP}")
    p.add_argument("--compare", default="previous", choices=filters.COMPARISONS)
    p.add_argument("--lang", default="en", choices=("en", "zh"), help="report language")
    p.add_argument(
        "--sections",
        default="all",
        help=f"comma-separated, in the order wanted; default all: {','.join(SECTION_IDS)}",
    )
    p.add_argument("--segment", help="comma-separated segment ids (default: all)")
    p.add_argument("--brand", help="comma-separated brand ids (default: all)")
    p.add_argument("--channel", help="comma-separated channel or touchpoint ids (default: all)")
    p.add_argument("--format", choices=FORMATS, help="pdf, pptx or xlsx (default: from --out)")
    p.add_argument("--out", required=True, type=Path, help="the file to write")
    p.add_argument("--store", type=Path, help="the store (default: $PULSE_STORE or data/)")
    p.add_argument(
        "--as",
        dest="user",
        metavar="NAME",
        help="run as this account: the report holds only what it may see, and says so",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code."""
    args = parser().parse_args(argv)
    kind = output_kind(parser(), args.out, args.format, FORMATS)
    path = args.store or default_path()
    started = time.perf_counter()
    store = open_store(path)
    if store is None:
        return 1
    try:
        dims = dimensions.load(store)
        if dims.as_of is None:
            print(f"error: the store {path} holds no data yet", file=sys.stderr)
            return 1
        try:
            user = account(path, args.user) if args.user else None
            f = request_filter(
                dims,
                scope_text=args.scope,
                period_text=args.period,
                compare=args.compare,
                segments=args.segment,
                brands=args.brand,
                channels=args.channel,
                user=user,
            )
            request = Request(f, lang=args.lang, sections=sections(args.sections), user=user)
        except (OptionError, ValueError) as err:
            parser().error(str(err))
        data = write(build(store, request), kind)
    except (ExportError, duckdb.Error) as err:
        print(f"error: the report could not be made: {err}", file=sys.stderr)
        return 1
    finally:
        store.close()
    args.out.write_bytes(data)
    audit.record(path, user, "report_build", {"via": "command line", "file": args.out.name})
    seconds = time.perf_counter() - started
    print(f"wrote {args.out} ({fmt.number(len(data) / 1024, 0)} KB) in {fmt.number(seconds, 1)} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
