"""When checks and reports run: a background thread started once per dashboard process (the
embedded default), or one pass from cron (`python -m pulse.alerts run`). A pass checks the
rules when the data changed since the last check (a load) or a day has passed, then sends
the subscriptions that are due. The side database records what was sent, so a restart, a
second process or a cron pass beside the thread never sends anything twice."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time

from pulse import sql
from pulse.alerts import check, side, subscriptions
from pulse.alerts.config import Config
from pulse.alerts.config import load as load_config
from pulse.store import Store, default_path, open_store

log = logging.getLogger(__name__)
START_DELAY_S = 60.0  # let the first page draw before the first check
RECHECK_AFTER = dt.timedelta(days=1)  # an unchanged store is checked again daily (snoozes end)
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
                run_once(open_store(path), config)
            except Exception:  # a failed pass is logged and retried; the thread must live on
                log.exception("the alert check failed")
        time.sleep(config.check_every_s)


def due(store: Store, now: dt.datetime | None = None) -> bool:
    """True when the data changed since the last check, or the last check is a day old."""
    with side.connection(store.path) as con:
        last = con.execute(sql.text("alerts/side/check_run_last")).fetchone()
    if last is None or last["data_version"] != store.data_version:
        return True
    now = now or dt.datetime.now(dt.UTC)
    return now - dt.datetime.fromisoformat(last["started_at"]) >= RECHECK_AFTER


def run_once(store: Store, config: Config, now: dt.datetime | None = None) -> dict:
    """One pass: the check when due, then the subscriptions due."""
    summary = check.run(store, config) if due(store, now) else None
    reports = subscriptions.send_due(store, config, now)
    return {"check": summary, "reports": reports}
