"""A hall's profile: every metric the hall records against its peers (the halls of its tier),
its target and the comparison period; its worst hours; its open and overdue complaints; and
its latest comments. Computed without Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pulse import catalog, filters, groups, measures, records, sql, targets, values
from pulse.catalog import Metric
from pulse.dimensions import Dimensions
from pulse.store import Store

HALL = ("city_id", "branch_id")
TIER = ("tier",)
COMMENTS_SHOWN = 20
WORST_SHOWN = 5
MIN_HOUR_TICKETS = 30  # an hour slot with fewer called tickets is too thin to call worst


@dataclass
class Profile:
    """Everything the hall page shows."""

    hall: dict  # branch_id, names, city, tier, counters, opened_on
    period: filters.Period
    metrics: pd.DataFrame  # one row per metric recorded by hall
    hours: pd.DataFrame  # weekday, hour: the hall's and its peers' queue figures
    open_complaints: pd.DataFrame
    comments: pd.DataFrame
    city_only: list[str]  # metrics recorded by city only (hotline, per-million rates)

    @property
    def has_data(self) -> bool:
        """False when the hall has no data in the period."""
        return bool((self.metrics["n"].fillna(0) > 0).any())

    @property
    def worst_hours(self) -> pd.DataFrame:
        """The hall's weekday-hour slots with the lowest share called within 10 minutes,
        against the same slot at its peers."""
        hours = self.hours
        if hours.empty:
            return hours
        mine = hours[hours["is_hall"] & (hours["n_called"] >= MIN_HOUR_TICKETS)]
        return mine.sort_values(["within_10min", "n_called"], ascending=[True, False]).head(
            WORST_SHOWN
        )


def hall_metrics() -> list[Metric]:
    """The catalogue metrics a hall records."""
    return [m for m in catalog.metrics().values() if groups.available(m, "hall") and m.listed]


def build(
    store: Store,
    hall_id: str,
    f: filters.Filter,
    period: filters.Period,
    as_of: dt.date,
    dims: Dimensions,
) -> Profile:
    """The profile of one hall under the global filter's period, comparison and segments."""
    row = dims.halls[dims.halls["branch_id"] == hall_id]
    if row.empty or not filters.allows(f, hall_id):  # one message: unknown or not theirs
        raise KeyError(f"unknown hall {hall_id!r}")
    hall = row.iloc[0].to_dict()
    # the tier across the company, whoever asks: only its aggregate, median and the hall's
    # rank reach the page, never another hall's row
    peers = filters.everyone(f)
    metrics = hall_metrics()
    frame = _metric_table(store, metrics, peers, period, hall, dims)
    city_only = [m.id for m in catalog.metrics().values() if not groups.available(m, "hall")]
    return Profile(
        hall=hall,
        period=period,
        metrics=frame,
        hours=_hours(store, hall, f, period),
        open_complaints=open_complaints(store, hall_id, as_of),
        comments=comments(store, hall_id, f, period)
        if records.may_see(f, "comments")
        else pd.DataFrame(),
        city_only=city_only,
    )


def _metric_table(store, metrics, peers, period, hall, dims) -> pd.DataFrame:
    sums = [m for m in metrics if m.kind != "quantile"]
    raw = measures.fetch(store, sums, peers, period, [HALL, TIER])
    by_hall = values.evaluate(sums, raw[HALL], HALL, period)
    by_tier = values.evaluate(sums, raw[TIER], TIER, period)
    for m in metrics:
        if m.kind == "quantile":
            found = groups.grouped_values(store, m, peers, period, [HALL, TIER], hall["tier"])
            by_hall = pd.concat([by_hall, found[HALL].assign(metric_id=m.id)], ignore_index=True)
            by_tier = pd.concat([by_tier, found[TIER].assign(metric_id=m.id)], ignore_index=True)
    tiers = dict(zip(dims.halls["branch_id"], dims.halls["tier"], strict=True))
    by_hall = by_hall[by_hall["branch_id"].map(tiers) == hall["tier"]]
    peer = by_tier[by_tier["tier"] == hall["tier"]].set_index("metric_id")
    year_targets = targets.for_year(store, period.end.year)
    rows = []
    for m in metrics:
        units = by_hall[by_hall["metric_id"] == m.id]
        mine = units[units["branch_id"] == hall["branch_id"]]
        record = mine.iloc[0].to_dict() if len(mine) else {"value": np.nan, "n": 0.0}
        record["metric_id"] = m.id
        ranked = units[units["enough_n"].astype(bool)]
        record["peer_count"] = len(ranked)
        record["peer_rank"] = _rank(m, ranked, hall["branch_id"])
        record["peer_value"] = peer["value"].get(m.id, np.nan) if len(peer) else np.nan
        record["peer_median"] = ranked["value"].median() if len(ranked) else np.nan
        goal = targets.pick(
            year_targets, m.id, hall=hall["branch_id"], tier=hall["tier"], city=hall["city_id"]
        )
        enough = bool(record.get("enough_n", False))
        record["target"] = goal.value if goal else np.nan
        record["target_level"] = goal.level if goal else None
        company = targets.pick(year_targets, m.id)  # the company's, shown beside its own
        record["company_target"] = company.value if company else np.nan
        record["status"] = targets.status(m, record["value"] if enough else None, goal)
        rows.append(record)
    return pd.DataFrame(rows)


def _rank(metric: Metric, ranked: pd.DataFrame, hall_id: str) -> float:
    if ranked.empty or hall_id not in set(ranked["branch_id"]):
        return np.nan
    order = ranked["value"].rank(ascending=metric.higher_is_better is False, method="min")
    return float(order[ranked["branch_id"] == hall_id].iloc[0])


def _hours(store: Store, hall: dict, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    params = {
        "hall": hall["branch_id"],
        "tier": hall["tier"],
        "day_from": period.start,
        "day_to": period.end,
        "segments": list(f.segments),
    }
    frame = store.cached_df(sql.text("drill/hall_hours"), params)
    if frame.empty:
        return frame
    frame = frame.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["within_10min"] = frame["n_within_10min"] / frame["n_called"]
        frame["wait_mean_s"] = frame["wait_s_sum"] / frame["n_called"]
        frame["walkaway"] = frame["n_walked_away"] / frame["n_tickets"]
    peers = frame[~frame["is_hall"]].set_index(["weekday", "hour"])
    keys = pd.MultiIndex.from_frame(frame[["weekday", "hour"]])
    for column in ("within_10min", "wait_mean_s", "walkaway"):
        frame[f"peer_{column}"] = peers[column].reindex(keys).to_numpy()
    return frame


def open_complaints(store: Store, hall_id: str, as_of: dt.date) -> pd.DataFrame:
    """The hall's complaints still open at the end of the data date, overdue first."""
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    return store.cached_df(
        sql.text("drill/hall_open_complaints"), {"hall": hall_id, "as_of_at": end}
    )


def comments(store: Store, hall_id: str, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """The hall's latest survey comments in the period, newest first."""
    return store.cached_df(
        sql.text("drill/hall_comments"),
        {
            "hall": hall_id,
            "from_at": dt.datetime.combine(period.start, dt.time()),
            "to_at": dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time()),
            "segments": list(f.segments),
            "brands": list(f.brands),
            "channels": list(f.channels),
            "limit_rows": COMMENTS_SHOWN,
        },
    )
