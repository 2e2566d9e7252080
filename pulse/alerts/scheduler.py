"""When checks and reports run: a background thread started once per dashboard process (the
embedded default), or one pass from cron (`python -m pulse.alerts run`). A pass checks the
rules when the data changed since the last check (a load) or a day has passed, then sends
the subscriptions that are due. The side database records what was sent, so a restart, a
second process or a cron pass beside the thread never sends anything twice. When the
dashboard holds the store, the cron command leaves a "run now" request in the side database
(pulse.alerts.handover), which the thread notices within REQUEST_POLL_S and serves."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time

from pulse import sql
from pulse.alerts import check, handover, side, subscriptions
from pulse.alerts.config import Config
from pulse.alerts.config import load as load_config
from pulse.store import Store, default_path, open_store

log = logging.getLogger(__name__)
START_DELAY_S = 60.0  # let the first page draw before the first check
RECHECK_AFTER = dt.timedelta(days=1)  # an unchanged store is checked again daily (snoozes end)
REQUEST_POLL_S = 5.0  # how often the thread looks for the cron command's "run now" request
_started = threading.Event()


def start_once() -> bool:
    """Start the background thread unless this process has one, or PULSE_SCHEDULER=off (a
    deployment that runs the cron command instead). True when this call started it."""
    if os.environ.get("PULSE_SCHEDULER", "on").lower() == "off" or _started.is_set():
        return False
    _started.set()
    threading.Thread(target=_loop, name="pulse-alerts", daemon=True).start()
    return True


def _loop() -> None:
    time.sleep(START_DELAY_S)
    while True:
        config = load_config()
        path = default_path()
        if path.exists():
            try:
                store = open_store(path)
                run_once(store, config)
                serve_requests(store, config)
            except Exception:  # a failed pass is logged and retried; the thread must live on
                log.exception("the alert check failed")
        _wait(path, config)


def _wait(path, config: Config) -> None:
    """Sleep until the next pass is due, waking early for the cron command's request."""
    waited = 0.0
    while waited < config.check_every_s:
        time.sleep(REQUEST_POLL_S)
        waited += REQUEST_POLL_S
        try:
            if path.exists() and handover.waiting(path):
                return
        except Exception:  # the side database busy or unreadable: look again later
            log.exception("could not look for a check request")


def serve_requests(store: Store, config: Config) -> list[int]:
    """Run the pass the cron command asked for (forced if any request said --force), and
    record its outcome on each request; the ids served."""
    taken = handover.take(store.path)
    if not taken:
        return []
    done = run_once(store, config, force=any(r["is_forced"] for r in taken))
    summary, reports = done["check"], done["reports"]
    outcome = (
        f"checked as of {summary.as_of}: {len(summary.opened)} opened, {len(summary.closed)}"
        f" closed, {summary.sent} sent, {summary.failed} failed"
        if summary
        else "no check due"
    ) + f"; reports: {reports.get('sent', 0)} sent, {reports.get('failed', 0)} failed"
    ids = [r["request_id"] for r in taken]
    handover.done(store.path, ids, outcome)
    return ids


def due(store: Store, now: dt.datetime | None = None) -> bool:
    """True when the data changed since the last check, or the last check is a day old."""
    with side.connection(store.path) as con:
        last = con.execute(sql.text("alerts/side/check_run_last")).fetchone()
    if last is None or last["data_version"] != store.data_version:
        return True
    now = now or dt.datetime.now(dt.UTC)
    return now - dt.datetime.fromisoformat(last["started_at"]) >= RECHECK_AFTER


def run_once(
    store: Store, config: Config, now: dt.datetime | None = None, force: bool = False
) -> dict:
    """One pass: the check when due (or forced), then the subscriptions due."""
    summary = check.run(store, config) if force or due(store, now) else None
    reports = subscriptions.send_due(store, config, now)
    return {"check": summary, "reports": reports}
