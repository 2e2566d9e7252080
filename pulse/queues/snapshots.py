"""What the queue system's per-minute snapshots can honestly say, apart from the tickets: queue
length and open counters by hour of day, and how often the system's own wait estimate was above
the promise. Estimates, not measured waits: the ticket-based metrics measure those."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pulse import filters, settings, sql, stats
from pulse.store import Store

# the filter fields a snapshot can honour: it has a hall, hence a city and a province
SOURCE = {"province": "province_id", "city": "city_id", "hall": "branch_id"}


@dataclass(frozen=True)
class SnapshotView:
    """The snapshots of the filter's halls and period, by hour of day and in total."""

    hours: pd.DataFrame  # hour_of_day, n_snapshots, mean_waiting, max_waiting, ...
    n_snapshots: int
    n_estimates: int  # snapshots with a wait estimate
    n_over_promise: int  # ... above the promise
    share_over: float | None
    low: float | None
    high: float | None
    last_at: dt.datetime | None  # the newest snapshot in view: its data date
    not_applied: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        """Whether any snapshot is in view."""
        return self.n_snapshots > 0


def build(store: Store, f: filters.Filter, period) -> SnapshotView:
    """The snapshots in the filter's scope (the user's too) and the period's days."""
    where, params, not_applied = filters.conditions(f, SOURCE)
    query = sql.render("queues/snapshot_hours", where=where)
    params = {
        **params,
        "day_from": period.start,
        "day_to": period.end,
        "promise_s": settings.get("promise_s"),
    }
    hours = store.cached_df(query, sql.used_params(query, params)).copy()
    n_estimates = int(hours["n_estimates"].sum())
    n_over = int(hours["n_over_promise"].sum())
    hours["share_over"] = hours["n_over_promise"] / hours["n_estimates"].where(
        hours["n_estimates"] > 0
    )
    low, high = stats.wilson_interval(n_over, n_estimates)
    last = hours["last_snapshot_at"].max() if len(hours) else None
    return SnapshotView(
        hours=hours.drop(columns="last_snapshot_at"),
        n_snapshots=int(hours["n_snapshots"].sum()),
        n_estimates=n_estimates,
        n_over_promise=n_over,
        share_over=n_over / n_estimates if n_estimates else None,
        low=_number(low),
        high=_number(high),
        last_at=None if last is None or pd.isna(last) else pd.Timestamp(last).to_pydatetime(),
        not_applied=not_applied,
    )


def _number(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)
