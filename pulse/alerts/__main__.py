"""Alerts and report subscriptions from the command line, for cron.

    python -m pulse.alerts run [--store FILE] [--force]    # one pass: check if due, send reports
    python -m pulse.alerts check [--as-of 2026-03-19]      # check the rules now

Delivery settings: $PULSE_ALERTS (a TOML file) and PULSE_SMTP_* (docs/alerts.md). Exit 0 when
everything was sent, 3 when some delivery failed (kept in the side database and shown on the
Alerts page), 1 when the store cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pulse.alerts import check, scheduler
from pulse.alerts.config import load as load_config
from pulse.report.options import open_store
from pulse.store import default_path


def parser() -> argparse.ArgumentParser:
    """The command's options."""
    p = argparse.ArgumentParser(prog="python -m pulse.alerts", description=__doc__.split("\n")[0])
    p.add_argument("action", choices=("run", "check"))
    p.add_argument("--store", type=Path, help="the store (default: $PULSE_STORE or data/)")
    p.add_argument("--as-of", type=dt.date.fromisoformat, help="check: the data day to judge")
    p.add_argument("--force", action="store_true", help="run: check even if nothing changed")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code."""
    args = parser().parse_args(argv)
    store = open_store(args.store or default_path())
    if store is None:
        return 1
    try:
        config = load_config()
        if args.action == "check" or args.force:
            summary = check.run(store, config, args.as_of)
            reports = (
                scheduler.subscriptions.send_due(store, config) if args.action == "run" else {}
            )
        else:
            done = scheduler.run_once(store, config)
            summary, reports = done["check"], done["reports"]
    finally:
        store.close()
    failed = (summary.failed + summary.unsure if summary else 0) + reports.get("failed", 0)
    if summary:
        print(
            f"checked as of {summary.as_of}: {len(summary.opened)} opened, "
            f"{len(summary.closed)} closed, {summary.sent} sent, {summary.failed} failed"
        )
        if summary.unsure:
            print(
                f"{summary.unsure} deliveries were left 'sending' by a stopped run and are not "
                "sent again: see the Alerts page's failed deliveries"
            )
        for error in summary.errors:
            print(f"rule not judged: {error}", file=sys.stderr)
    if reports:
        print(f"reports: {reports.get('sent', 0)} sent, {reports.get('failed', 0)} failed")
    return 3 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
