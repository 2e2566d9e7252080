"""Alerts and report subscriptions from the command line, for cron.

    python -m pulse.alerts run [--store FILE] [--force]    # one pass: check if due, send reports
    python -m pulse.alerts check [--as-of 2026-03-19]      # check the rules now

Delivery settings: $PULSE_ALERTS (a TOML file) and PULSE_SMTP_* (docs/alerts.md). Exit 0 when
everything was sent, 3 when some delivery failed (kept in the side database and shown on the
Alerts page), 1 when the store cannot be read.

When the dashboard holds the store (DuckDB lets one process write a file and refuses others
even a read-only look), the command leaves a "run now" request in the side database instead,
says so, and exits 0: the dashboard's scheduler thread runs the pass within seconds and
records its outcome on the request (pulse.alerts.handover).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import duckdb

from pulse.alerts import check, handover, scheduler
from pulse.alerts.config import load as load_config
from pulse.store import Store, default_path

HELD = "held"  # another process holds the store's write lock


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
    path = args.store or default_path()
    store = _open(path)
    if store is None:
        return 1
    if store == HELD:
        return _hand_over(path, args)
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


def _open(path: Path):
    """The store read-only; HELD when another process holds its lock; None (said on stderr)
    when it cannot be read."""
    if not path.exists():
        print(f"error: no store at {path} (build one with python -m pulse.build)", file=sys.stderr)
        return None
    try:
        return Store(path, read_only=True)
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            return HELD
        print(f"error: cannot open the store {path}: {err}", file=sys.stderr)
    except duckdb.Error as err:
        print(f"error: cannot open the store {path}: {err}", file=sys.stderr)
    return None


def _hand_over(path: Path, args) -> int:
    """Ask the dashboard's scheduler for the pass this command cannot run itself."""
    if args.as_of:
        print(
            "error: another process (the dashboard) holds the store, and only this command "
            "can check as of a given day; try again when it is free",
            file=sys.stderr,
        )
        return 1
    request_id = handover.ask(path, forced=args.action == "check" or args.force)
    print(
        f"the store is held by another process (the dashboard): asked its scheduler to run "
        f"this pass (request {request_id} in the side database); it looks every "
        f"{scheduler.REQUEST_POLL_S:.0f} s and records the outcome there"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
