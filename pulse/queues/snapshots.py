"""What the queue system's per-minute snapshots can honestly say, apart from the tickets: people
waiting and counters open per hall-minute, and the system's own wait estimates against the
promise, as catalogue metrics (pulse/metrics.toml, rollup queue_snapshot_hourly) for the period
and by hour of day. Estimates, not measured waits: the ticket-based metrics measure those."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pulse import catalog, filters, kpis, measures, values
from pulse.store import Store

WAITING = "snapshot_waiting_mean"
COUNTERS = "snapshot_counters_mean"
EXPECTED_WAIT = "snapshot_expected_wait_mean"
OVER_PROMISE = "snapshot_over_promise_share"
METRICS = (WAITING, COUNTERS, EXPECTED_WAIT, OVER_PROMISE)
HOUR, DAY = ("hour",), ("day",)


@dataclass(frozen=True)
class SnapshotView:
    """The snapshot metrics of the filter's halls and period, in total and by hour of day."""

    tiles: kpis.Tiles  # the four metrics for the period, with change and sparkline
    hours: pd.DataFrame  # one row per (hour, metric): values.VALUE_COLUMNS, current period
    n_minutes: int  # hall-minutes in view
    n_estimates: int  # the system's wait estimates in view
    newest_day: dt.date | None  # the newest day with a snapshot in view: its data date
    not_applied: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        """Whether any snapshot is in view."""
        return self.n_minutes > 0


def build(store: Store, f: filters.Filter, period: filters.Period) -> SnapshotView:
    """The snapshot metrics in the filter's scope (the user's too) and the period's days."""
    metrics = [catalog.metric(m) for m in METRICS]
    current = dataclasses.replace(period, cmp_start=None, cmp_end=None)
    raw = measures.fetch(store, metrics, f, current, [HOUR, DAY])
    days = raw[DAY][raw[DAY]["period"] == "cur"]
    n_minutes = days.get(f"{WAITING}__denominator", pd.Series(dtype=float)).fillna(0)
    n_estimates = days.get(f"{OVER_PROMISE}__denominator", pd.Series(dtype=float)).fillna(0)
    seen = pd.to_datetime(days.loc[n_minutes > 0, "day"]) if len(days) else pd.Series()
    return SnapshotView(
        tiles=kpis.tiles(store, list(METRICS), f, period),
        hours=_in_hour_order(values.evaluate(metrics, raw[HOUR], HOUR, current)),
        n_minutes=int(n_minutes.sum()),
        n_estimates=int(n_estimates.sum()),
        newest_day=seen.max().date() if len(seen) else None,
        not_applied=measures.not_applied(metrics[0], f),
    )


def by_hour(hours: pd.DataFrame, column: str) -> pd.DataFrame:
    """One column of the hourly values, a row per hour and a column per metric."""
    return hours.pivot(index="hour", columns="metric_id", values=column).reindex(columns=METRICS)


def _in_hour_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows by hour of day, each hour's metrics in METRICS order."""
    order = frame["metric_id"].map({m: i for i, m in enumerate(METRICS)})
    ordered = frame.assign(_order=order).sort_values(["hour", "_order"])
    return ordered.drop(columns="_order").reset_index(drop=True)
