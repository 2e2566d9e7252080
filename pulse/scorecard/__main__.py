"""Publish a month's scorecard as PDF or XLSX from the command line (an entry point: it may
import pulse.report, whose writers print the PDF).

    python -m pulse.scorecard --card cities --month 2026-09 --out cities-2026-09.pdf
    python -m pulse.scorecard --card halls --month 2026-09 --scope SZ --lang zh --out sz.xlsx

The format comes from --format or, without it, from the file's suffix. Exit 0 when the file is
written, 2 on a bad option (the message says what is accepted), 1 when the store cannot be read
or the file cannot be made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from pulse import access, dimensions, filters, i18n
from pulse.export.engine import ExportError
from pulse.report import scorecard as printed
from pulse.report import write
from pulse.report.options import OptionError, account, as_user, open_store, output_kind, scope
from pulse.scorecard import data, definition, publish
from pulse.store import default_path

FORMATS = ("pdf", "xlsx")


def parser() -> argparse.ArgumentParser:
    """The command's options."""
    p = argparse.ArgumentParser(
        prog="python -m pulse.scorecard", description="Write a month's scorecard as PDF or XLSX."
    )
    p.add_argument("--card", required=True, help="the card's id (a file in pulse/scorecards/)")
    p.add_argument("--month", help="YYYY-MM (default: the data's last complete month)")
    p.add_argument("--format", choices=FORMATS, help="pdf or xlsx (default: from --out)")
    p.add_argument("--out", required=True, type=Path, help="the .pdf or .xlsx file to write")
    p.add_argument("--lang", default="en", choices=i18n.LANGUAGES)
    p.add_argument("--scope", default="all", help="'all', or province, city or hall ids or names")
    p.add_argument("--store", type=Path, help="the store (default: $PULSE_STORE or data/)")
    p.add_argument(
        "--as", dest="user", metavar="NAME", help="run as this account, within what it may see"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code."""
    args = parser().parse_args(argv)
    cards = definition.cards()
    if args.card not in cards:
        parser().error(f"--card {args.card!r} is not known; choose from {', '.join(cards)}")
    kind = output_kind(parser(), args.out, args.format, FORMATS)
    path = args.store or default_path()
    store = open_store(path)
    if store is None:
        return 1
    before = i18n.language()  # given back: tests and schedulers call main() in-process
    try:
        dims = dimensions.load(store)
        if dims.as_of is None:
            print(f"error: the store {path} holds no data yet", file=sys.stderr)
            return 1
        card = cards[args.card]
        month = args.month or data.default_month(dims.as_of)
        if month not in data.months(card, dims.as_of):
            first = card.versions[0].valid_from
            last = data.default_month(dims.as_of)
            parser().error(f"--month must be a month from {first} to {last}, got {month!r}")
        try:
            user = account(path, args.user) if args.user else None
            f = as_user(filters.Filter(**scope(args.scope, dims)), user, dims)
        except (OptionError, ValueError) as err:
            parser().error(str(err))
        i18n.set_language(args.lang)
        board = data.build(store, card, f, month, dims)
        made_by = access.made_by(user, dims.labels("unit", args.lang)) if user else ""
        if kind == "pdf":
            content = write(printed.report(board, dims, made_by), "pdf")
        else:
            content = publish.workbook(board, dims, made_by)
        message = i18n.t(
            "scorecard.cli_written", path=args.out, units=len(board.table), month=month
        )
    except (ExportError, duckdb.Error) as err:
        print(f"error: the scorecard could not be made: {err}", file=sys.stderr)
        return 1
    finally:
        store.close()
        i18n.set_language(before)
    args.out.write_bytes(content)
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
