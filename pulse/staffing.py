"""The staffing gap: for every queue and half hour, the agents Erlang C says were needed for the
service-level target given the calls that asked for an agent and their handling time, against
the agents on duty.

A year of a province is some 87,000 queue-intervals, too many for a Python loop over
pulse.queueing.agents_needed, so needed_agents computes the same quantity for all intervals at
once with numpy: Erlang B at the smallest stable staffing from scipy's Poisson law, then the
Erlang B recursion one agent at a time, only for the intervals not yet meeting the target.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from scipy import stats as sps

from pulse import catalog, filters, measures, settings, sql, values
from pulse.store import Store

SLOT_S = 1800
TARGET_LEVEL = 0.8  # the service-level target where the targets table names none
TARGET_S = float(settings.get("service_level_s"))
MIN_ANSWERED_FOR_AHT = 10  # fewer answered calls give the queue's AHT over the period instead


def needed_agents(
    arrivals_per_hour, aht_s, target_service_level=TARGET_LEVEL, target_s=TARGET_S
) -> np.ndarray:
    """The smallest whole number of agents whose Erlang C service level reaches the target,
    for each interval: pulse.queueing.agents_needed without shrinkage or occupancy cap,
    computed for many intervals at once. No arrivals need no agents."""
    rate = np.asarray(arrivals_per_hour, dtype=float)
    aht = np.broadcast_to(np.asarray(aht_s, dtype=float), rate.shape)
    if not 0 < target_service_level < 1:
        raise ValueError(f"target_service_level must be in (0, 1), got {target_service_level!r}")
    bad = ~np.isfinite(rate) | (rate < 0) | ~np.isfinite(aht) | (aht <= 0)
    if bad.any():
        raise ValueError("arrival rates must be finite and >= 0 and handling times > 0")
    traffic = rate * aht / 3600.0
    need = np.zeros(rate.shape, dtype=np.int64)
    todo = np.flatnonzero(traffic > 0)
    if not todo.size:
        return need
    a, t_aht = traffic[todo], aht[todo]
    n = np.floor(a).astype(np.int64) + 1  # the smallest stable queue
    # Erlang B(n, a) = P(N = n) / P(N <= n) for N ~ Poisson(a): stable for thousands of agents
    b = sps.poisson.pmf(n, a) / sps.poisson.cdf(n, a)
    while todo.size:
        c = n * b / (n - a * (1 - b))
        level = 1 - c * np.exp(-(n - a) * target_s / t_aht)
        done = level >= target_service_level
        need[todo[done]] = n[done]
        keep = ~done
        todo, a, t_aht, n, b = todo[keep], a[keep], t_aht[keep], n[keep] + 1, b[keep]
        b = a * b / (n + a * b)
    return need


def gap(calls: pd.DataFrame, staffing: pd.DataFrame) -> pd.DataFrame:
    """One row per (day, slot, queue_id) with calls or staff: calls that asked for an agent,
    the AHT used (the interval's own from MIN_ANSWERED_FOR_AHT answered calls, else the queue's
    over the period), agents needed for 80/20, agents on duty, on duty minus needed and the
    occupancy of the agents on duty.

    `calls` holds n_queued, n_answered and handle_s_sum per (day, slot, queue_id)
    (calls); `staffing` agents on duty per (day, slot, queue_id)
    (hotline/staffing)."""
    keys = ["day", "slot", "queue_id"]
    frame = calls.merge(staffing, on=keys, how="outer")
    for col in ("n_queued", "n_answered", "handle_s_sum"):
        frame[col] = frame[col].fillna(0) if col in frame else 0.0
    queue_aht = frame.groupby("queue_id")["handle_s_sum"].sum() / frame.groupby("queue_id")[
        "n_answered"
    ].sum().replace(0, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        own = frame["handle_s_sum"] / frame["n_answered"]
    fallback = frame["queue_id"].map(queue_aht)
    frame["is_own_aht"] = frame["n_answered"] >= MIN_ANSWERED_FOR_AHT
    frame["aht_s"] = np.where(frame["is_own_aht"], own, fallback)
    rate = frame["n_queued"].to_numpy(dtype=float) * 3600 / SLOT_S
    aht = frame["aht_s"].to_numpy(dtype=float)
    usable = np.isfinite(aht) & (aht > 0)
    need = np.zeros(len(frame), dtype=float)
    need[usable] = needed_agents(rate[usable], aht[usable])
    need[~usable & (rate > 0)] = np.nan  # calls but no handling time to plan with
    frame["agents_needed"] = need
    frame["gap"] = frame["agents_on_duty"] - frame["agents_needed"]
    frame["is_understaffed"] = frame["gap"] < 0
    with np.errstate(divide="ignore", invalid="ignore"):
        busy_s = frame["handle_s_sum"]
        frame["occupancy"] = busy_s / (frame["agents_on_duty"] * SLOT_S).where(
            frame["agents_on_duty"] > 0
        )
    return frame.sort_values(keys).reset_index(drop=True)


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per queue: intervals with calls or staff, understaffed intervals and their share, and
    the agent-hours short (the sum of needed minus on duty where positive, half hours / 2)."""
    rows = []
    for queue_id, part in frame.groupby("queue_id", sort=True):
        known = part["gap"].notna()
        short = part.loc[part["is_understaffed"], "gap"]
        rows.append(
            {
                "queue_id": queue_id,
                "n_intervals": int(known.sum()),
                "n_understaffed": int(short.size),
                "understaffed_share": short.size / known.sum() if known.any() else np.nan,
                "agent_hours_short": float(-short.sum() / 2),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "queue_id",
            "n_intervals",
            "n_understaffed",
            "understaffed_share",
            "agent_hours_short",
        ],
    )


# The metrics read per half hour: the service level is drawn, the others' measures counted.
LEVEL = "hotline_service_level"
INTERVAL_METRICS = ("hotline_offered", "hotline_answer_rate", LEVEL, "hotline_aht")
# The metrics' measures that the profile and the staffing gap count with, by what they count.
COUNTS = {
    "n_offered": "hotline_offered__numerator",
    "n_queued": "hotline_answer_rate__denominator",  # asked for an agent
    "n_answered": "hotline_answer_rate__numerator",
    "handle_s_sum": "hotline_aht__numerator",
}
# A share needs neither the period's length nor a comparison to be evaluated.
_SHARES_ONLY = filters.Period(dt.date.min, dt.date.min)


def calls(store: Store, f: filters.Filter, period: filters.Period, *, by_day: bool) -> pd.DataFrame:
    """The half-hour metrics' measures per half hour (and day, if by_day) and queue in scope,
    in the current period, from the copy of hotline_interval that pulse.plan chooses for the
    filter; with the counts of COUNTS named."""
    grouping = ("day", "slot", "queue_id") if by_day else ("slot", "queue_id")
    metrics = [catalog.metric(m) for m in INTERVAL_METRICS]
    current = filters.Period(period.start, period.end)  # no comparison is drawn
    raw = measures.fetch(store, metrics, f, current, [grouping])[grouping]
    raw = raw[raw["period"] == "cur"].reset_index(drop=True)
    return raw.assign(**{name: raw[column] for name, column in COUNTS.items()})


def service_level(raw: pd.DataFrame) -> pd.DataFrame:
    """The service level and its n (`sl_n`) of each row of `raw` (one group's measures each),
    evaluated by pulse.values from the catalogue metric hotline_service_level."""
    level = catalog.metric(LEVEL)
    measured = [c for c in raw.columns if c.startswith(f"{LEVEL}__")]
    # one group per row, keyed by its position: the frame may hold many thousand half hours
    rows = raw[measured].assign(period="cur", row=np.arange(len(raw)))
    frame = values.evaluate([level], rows, ("row",), _SHARES_ONLY).set_index("row")
    frame = frame.reindex(rows["row"])
    return pd.DataFrame(
        {"service_level": frame["value"].to_numpy(), "sl_n": frame["n"].to_numpy()},
        index=raw.index,
    )


def staffing_gap(store: Store, period: filters.Period) -> pd.DataFrame:
    """The staffing gap of every queue and half hour of the period (see gap), with
    the service level achieved. It is per queue, as rosters are: every caller city and
    segment counts. Remembered per period until the data changes (the Hotline's three tabs
    and the Overview's reasons read it; computing it was a sixth of a Hotline run); do not
    mutate it."""
    key = ("staffing.gap", period.start, period.end)
    return store.remembered(key, lambda: _staffing_gap(store, period))


def _staffing_gap(store: Store, period: filters.Period) -> pd.DataFrame:
    every_call = calls(store, filters.Filter(), period, by_day=True)
    rosters = store.cached_df(
        sql.text("hotline/staffing"), {"day_from": period.start, "day_to": period.end}
    )
    level = service_level(every_call)["service_level"]
    columns = ["day", "slot", "queue_id", *COUNTS]
    return gap(every_call[columns].assign(service_level=level), rosters)
