"""Counter planning: how many counters a hall needs in each hour so that the chance of waiting
more than 10 minutes stays under a chosen level.

A hall's counters are the servers of an M/M/s queue (pulse.queueing, the hotline's Erlang C):
arrivals per hour are the tickets the hall issued in that hour of the day, averaged over the
days of the chosen type (or its busy day, the 90th percentile), and the handling time is the
hall's mean service time on those days. Each hour is treated as its own steady state.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pulse import queueing, settings, sql
from pulse.store import Store

DAY_TYPES = ("workday", "weekend")
BASES = ("mean", "busy")
BUSY_QUANTILE = 0.9
MIN_SERVICE_N = 30  # fewer served tickets than this give no service time to plan with


@dataclass(frozen=True)
class Plan:
    """Counters needed per hour for one hall, day type and basis."""

    hours: pd.DataFrame  # one row per hour the hall issued tickets on such days
    days: int  # days of this type with tickets in the period
    service_s: float  # mean service time used for every hour
    n_service: int  # served tickets behind it
    counters: int  # the counters the hall has (branch.counters)

    @property
    def is_empty(self) -> bool:
        """True when the hall has no tickets on days of this type in the period."""
        return self.days == 0 or self.hours.empty


def hall_hours(store: Store, hall: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Tickets and service time per day and hour of one hall, with the day's type."""
    return store.cached_df(
        sql.text("queues/hall_hours"), {"hall": hall, "day_from": start, "day_to": end}
    )


def plan(
    hours: pd.DataFrame,
    counters: int,
    *,
    day_type: str = "workday",
    basis: str = "mean",
    max_p_over: float = 0.2,
) -> Plan:
    """Counters needed per hour so that P(wait > 10 min) <= max_p_over.

    `hours` is hall_hours' frame; `day_type` 'workday' or 'weekend' (weekends and holidays);
    `basis` 'mean' plans for the average day, 'busy' for the 90th-percentile day of each hour.
    """
    if day_type not in DAY_TYPES:
        raise ValueError(f"day_type must be one of {DAY_TYPES}, got {day_type!r}")
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, got {basis!r}")
    if not 0 < max_p_over < 1:
        raise ValueError(f"max_p_over must be between 0 and 1, got {max_p_over!r}")
    chosen = hours[hours["is_workday"] == (day_type == "workday")]
    days = int(chosen["day"].nunique())
    n_service = int(chosen["n_service"].sum())
    service_s = float(chosen["service_s_sum"].sum() / n_service) if n_service else math.nan
    columns = [
        "hour",
        "arrivals_per_hour",
        "traffic_erlangs",
        "counters_needed",
        "p_over_now",
        "utilisation_now",
        "is_stable_now",
        "p_over_observed",
        "n_called",
    ]
    if not days or n_service < MIN_SERVICE_N:
        return Plan(pd.DataFrame(columns=columns), days, service_s, n_service, counters)
    # every day of the type counts, a day without tickets in that hour as zero arrivals
    per_day = chosen.pivot_table(
        index="day", columns="hour", values="n_tickets", aggfunc="sum", fill_value=0
    )
    busy = basis == "busy"
    arrivals = per_day.quantile(BUSY_QUANTILE, axis=0) if busy else per_day.mean(axis=0)
    waits = chosen.groupby("hour")[["n_called", "n_within_10min"]].sum()
    rows = []
    for hour, rate in arrivals.items():
        row = _hour(int(hour), float(rate), service_s, counters, max_p_over)
        called, within = waits.loc[hour, "n_called"], waits.loc[hour, "n_within_10min"]
        row["p_over_observed"] = 1 - within / called if called else math.nan
        row["n_called"] = int(called)
        rows.append(row)
    return Plan(pd.DataFrame(rows, columns=columns), days, service_s, n_service, counters)


def _hour(hour: int, rate: float, service_s: float, counters: int, max_p_over: float) -> dict:
    promise_s = settings.get("promise_s")
    needed = queueing.agents_needed(rate, service_s, 1 - max_p_over, promise_s)
    now = queueing.erlang_c(rate, service_s, counters, promise_s)
    return {
        "hour": hour,
        "arrivals_per_hour": rate,
        "traffic_erlangs": now.traffic_erlangs,
        "counters_needed": needed,
        "p_over_now": 1 - now.service_level,
        "utilisation_now": now.occupancy,
        "is_stable_now": now.is_stable,
    }


def busiest_hour(result: Plan) -> int | None:
    """The hour that needs the most counters (the earliest of ties), None without data."""
    if result.is_empty:
        return None
    frame = result.hours.sort_values(["counters_needed", "arrivals_per_hour"], ascending=False)
    return int(frame["hour"].iloc[0])


def short_hours(result: Plan) -> np.ndarray:
    """The hours that need more counters than the hall has."""
    if result.is_empty:
        return np.array([], dtype=int)
    frame = result.hours
    return frame.loc[frame["counters_needed"] > result.counters, "hour"].to_numpy(dtype=int)
