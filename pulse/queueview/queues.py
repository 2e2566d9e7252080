"""Everything the Queues page shows, computed from the rollups without Streamlit, so tests,
the benchmark and exports can use it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pulse import catalog, events, filters, kpis, measures, plan, sql, stats, targets, values
from pulse.dimensions import Dimensions
from pulse.queueview import grain, kpi, quantiles
from pulse.store import Store

TILE_METRICS = (
    "queue_within_10min",
    "queue_wait_mean",
    "queue_wait_p90",
    "queue_walkaway_rate",
    "queue_service_mean",
    "queue_tickets_per_counter",
)
HALL_METRICS = ("queue_tickets", *TILE_METRICS)
# the 90th percentile's histograms are not fetched day by day: no trend or sparkline
TREND_METRICS = tuple(m for m in TILE_METRICS if m != "queue_wait_p90")
# the service-type rollup has sums, not histograms or counters
SERVICE_METRICS = (
    "queue_tickets",
    "queue_within_10min",
    "queue_wait_mean",
    "queue_walkaway_rate",
    "queue_service_mean",
)
RANK_METRIC = "queue_within_10min"
PROMISE_S = 600
TOTAL, DAY, TIER, HALL = (), ("day",), ("tier",), ("city_id", "branch_id")
SERVICE = ("service_type",)
SPLITS = {"lane": "is_priority_lane", "segment": "segment"}
HOURLY = ("queue_city_hourly", "queue_hall_hourly")
LANE_HIST = ("queue_city_lane_wait_hist", "queue_hall_lane_wait_hist")
# whole months of queue_hall_lane_wait_hist: without segment and lane, and with them
HALL_MONTHLY = ("queue_hall_wait_monthly", "queue_hall_lane_wait_monthly")
SERVICE_DAILY = ("queue_city_service_daily", "queue_hall_service_daily")


@dataclass
class QueuesView:
    """The Queues page's content for one filter."""

    period: filters.Period
    tiles: pd.DataFrame  # one row per headline metric, with target and status
    daily: pd.DataFrame  # raw measures per day, both periods: the trend
    by_tier: pd.DataFrame  # values per (tier, metric)
    by_service: pd.DataFrame  # values per (service type, metric)
    halls: pd.DataFrame  # one row per hall in scope, metrics side by side
    events: pd.DataFrame
    not_applied: dict[str, list[str]] = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        """False when nothing in scope has a ticket in the period."""
        tickets = self.halls["n"].fillna(0).sum() if "n" in self.halls else 0
        return bool(tickets > 0)


def build(store: Store, f: filters.Filter, dims: Dimensions, as_of: dt.date) -> QueuesView:
    """Compute the Queues page for filter `f` with the data date `as_of`."""
    period = filters.resolve(f, as_of)
    q = grain.effective(f, dims)
    metrics = [catalog.metric(m) for m in HALL_METRICS]
    sums = [m for m in metrics if m.kind != "quantile"]
    raw = measures.fetch(store, sums, q, period, [TOTAL, TIER, HALL])
    year_targets = targets.for_year(store, period.end.year)
    total = values.evaluate(sums, raw[TOTAL], TOTAL, period)
    total = pd.concat([total, wait_p90_total(store, q, period)], ignore_index=True)
    return QueuesView(
        period=period,
        tiles=kpis.with_targets(kpi.ordered(total, TILE_METRICS), year_targets, f),
        daily=daily(store, q, period, sums),
        by_tier=values.evaluate(sums, raw[TIER], TIER, period),
        by_service=by_service(store, q, period),
        halls=hall_table(
            values.evaluate(sums, raw[HALL], HALL, period),
            hall_wait_p90(store, q, period),
            q,
            dims,
            year_targets,
        ),
        events=events.in_period(store, f, period),
        not_applied={m.id: measures.not_applied(m, q) for m in metrics},
    )


def daily(store: Store, f: filters.Filter, period: filters.Period, metrics) -> pd.DataFrame:
    """Raw measures per day of both periods, like measures.fetch's day grouping: the ticket
    metrics from the smallest hourly rollup that honours the filter (the hall grain is ordered
    by hall, so a few halls are read quickly), the others through measures.fetch."""
    rollup = grain.pick(HOURLY, f)
    hourly = [m for m in metrics if m.rollup == "queue_daily"]
    where, params, _ = filters.where_clause(f, rollup)
    query = sql.render(
        "queues/daily",
        rollup=rollup,
        where=where,
        measures=[pair for m in hourly for pair in measures.measure_columns(m)],
    )
    frame = store.cached_df(query, {**params, **measures.period_params(period)})
    others = [m for m in metrics if m.rollup != "queue_daily"]
    if not others:
        return frame
    rest = measures.fetch(store, others, f, period, [DAY])[DAY]
    keys = ["period", "day"]
    for part in (frame, rest):
        part["day"] = pd.to_datetime(part["day"])
    return frame.merge(rest, on=keys, how="outer").sort_values(keys).reset_index(drop=True)


def _p90_rollup():
    metric = catalog.metric("queue_wait_p90")
    return metric, catalog.rollup(metric.rollup)


def wait_p90_total(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """The 90th-percentile wait tile's row (as values.evaluate gives it): the same minute
    buckets as the catalogue's queue_wait_hist, read from the smallest lane histogram that
    honours the filter. Quantiles claim no test of change."""
    metric, buckets = _p90_rollup()
    rollup = grain.pick(LANE_HIST, f)
    where, params, _ = filters.where_clause(f, rollup)
    query = sql.render("queues/wait_buckets", rollup=rollup, where=where)
    frame = store.cached_df(query, {**params, **measures.period_params(period)})
    lows = buckets.bucket_bounds()
    found = quantiles.by_group(frame, "period", lows, metric.quantile, buckets.bucket_scale)
    found = found.set_index("period").reindex(["cur", "cmp"])
    cur, cmp = found.loc["cur"], found.loc["cmp"]
    n = float(np.nan_to_num(cur["n"]))
    row = {
        "metric_id": metric.id,
        **{k: cur[k] for k in ("value", "low", "high")},
        "n": n,
        "enough_n": n >= max(metric.min_n, 1),
        **{f"cmp_{k}": cmp[k] for k in ("value", "low", "high", "n")},
        "delta": cur["value"] - cmp["value"],
        "p_value": np.nan,
        "is_significant": False,
    }
    return pd.DataFrame([row], columns=values.VALUE_COLUMNS)


def hall_wait_p90(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """The 90th-percentile wait of every hall in scope with its interval, all halls at once:
    whole months from the smallest monthly hall histogram that honours the filter, the days
    around them from the daily one."""
    metric, buckets = _p90_rollup()
    months, days = plan.split(period.start, period.end)
    monthly = grain.pick(HALL_MONTHLY, f)
    pieces = [(monthly, a, b) for a, b in months] + [(LANE_HIST[-1], a, b) for a, b in days]
    where, params, _ = filters.where_clause(f, monthly if months else LANE_HIST[-1])
    query = sql.render(
        "queues/hall_wait_hist",
        pieces=[{"table": table} for table, _, _ in pieces],
        where=where,
    )
    bounds = {}
    for i, (_, a, b) in enumerate(pieces):
        bounds[f"p{i}_from"], bounds[f"p{i}_to"] = a, b
    frame = store.cached_df(query, {**params, **bounds})
    lows = buckets.bucket_bounds()
    found = quantiles.by_group(frame, "branch_id", lows, metric.quantile, buckets.bucket_scale)
    return found.assign(enough_n=found["n"] >= metric.min_n)


def by_service(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Values with intervals and changes per service type, read like any catalogue metric."""
    rollup = grain.pick(SERVICE_DAILY, f)
    metrics = [catalog.metric(m) for m in SERVICE_METRICS]
    where, params, _ = filters.where_clause(f, rollup)
    query = sql.render(
        "queues/by_service",
        rollup=rollup,
        where=where,
        measures=[pair for m in metrics for pair in measures.measure_columns(m)],
    )
    raw = store.cached_df(query, {**params, **measures.period_params(period)})
    return values.evaluate(metrics, raw, SERVICE, period)


def hall_table(
    by_hall: pd.DataFrame,
    wait_p90: pd.DataFrame,
    f: filters.Filter,
    dims: Dimensions,
    year_targets: pd.DataFrame,
) -> pd.DataFrame:
    """Every hall in scope, one row each: tickets (n), each metric's value and interval, the
    promise's target, status and change, and its rank among halls with enough tickets."""
    halls = _halls_in_scope(f, dims)
    frame = halls[["branch_id", "city_id", "tier", "counters"]].copy()
    for metric_id in HALL_METRICS:
        if metric_id == "queue_wait_p90":
            rows = wait_p90.set_index("branch_id")
        else:
            rows = by_hall[by_hall["metric_id"] == metric_id].set_index("branch_id")
        for col in ("value", "low", "high", "n", "enough_n"):
            frame[f"{metric_id}__{col}"] = frame["branch_id"].map(rows[col]).to_numpy()
    promise = by_hall[by_hall["metric_id"] == RANK_METRIC].set_index("branch_id")
    for col in ("cmp_value", "delta", "p_value", "is_significant"):
        frame[f"{RANK_METRIC}__{col}"] = frame["branch_id"].map(promise[col]).to_numpy()
    frame["n"] = frame["queue_tickets__value"].fillna(0)
    enough = frame[f"{RANK_METRIC}__enough_n"].astype(object).eq(True)
    frame["rank"] = frame[f"{RANK_METRIC}__value"].where(enough).rank(ascending=False, method="min")
    metric = catalog.metric(RANK_METRIC)
    found = _targets_of_halls(year_targets, frame)
    frame["target"] = [tg.value if tg else np.nan for tg in found]
    frame["status"] = [
        targets.status(metric, v if ok else None, tg)
        for v, ok, tg in zip(frame[f"{RANK_METRIC}__value"], enough, found, strict=True)
    ]
    # below the target even at the top of its interval: not a matter of too few tickets
    frame["is_clearly_below"] = enough & (frame[f"{RANK_METRIC}__high"] < frame["target"])
    # the weakest first: a manager looks for the halls that break the promise
    return frame.sort_values(
        ["rank", "branch_id"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def _targets_of_halls(year_targets: pd.DataFrame, halls: pd.DataFrame) -> list:
    """targets.pick's choice (hall, then tier, city, company) for every hall, looked up once
    per level instead of once per hall."""
    levels = {}
    for level in ("hall", "tier", "city", "company"):
        keys = year_targets.loc[
            (year_targets["metric_id"] == RANK_METRIC) & (year_targets["level"] == level),
            "level_key",
        ]
        levels[level] = {
            key: targets.pick(year_targets, RANK_METRIC, **_level_arg(level, key))
            for key in keys.unique()
        }
    company = levels["company"].get("all")
    return [
        levels["hall"].get(h) or levels["tier"].get(t) or levels["city"].get(c) or company
        for h, t, c in zip(halls["branch_id"], halls["tier"], halls["city_id"], strict=True)
    ]


def _level_arg(level: str, key: str) -> dict:
    return {} if level == "company" else {level: key}


def _halls_in_scope(f: filters.Filter, dims: Dimensions) -> pd.DataFrame:
    halls = dims.halls.merge(dims.cities[["city_id", "province_id"]], on="city_id")
    if f.provinces:
        halls = halls[halls["province_id"].isin(f.provinces)]
    if f.cities:
        halls = halls[halls["city_id"].isin(f.cities)]
    if f.halls:
        halls = halls[halls["branch_id"].isin(f.halls)]
    return halls.reset_index(drop=True)


def trend(daily: pd.DataFrame, metric_id: str, period: filters.Period) -> pd.DataFrame:
    """One metric by day (periods up to 45 days) or by week: bucket, value, interval, n."""
    return trends(daily, (metric_id,), period)[metric_id]


def trends(daily: pd.DataFrame, metric_ids, period: filters.Period) -> dict[str, pd.DataFrame]:
    """Several metrics by day or week at once; a metric without daily measures (the 90th
    percentile, whose histograms are not fetched by day) gets an empty frame."""
    columns = ["bucket", "value", "low", "high", "n", "enough_n"]
    out = {m: pd.DataFrame(columns=columns) for m in metric_ids}
    current = daily[daily["period"] == "cur"].copy()
    if current.empty:
        return out
    metrics = [catalog.metric(m) for m in metric_ids]
    days = pd.to_datetime(current["day"])
    step = kpi.week_or_day(period)
    current["bucket"] = days.dt.to_period(step).dt.start_time if step else days
    grouped = measures.regroup(current.drop(columns="day"), ["bucket"])
    frame = values.evaluate(metrics, grouped, ("bucket",), period)
    for metric_id, part in frame.groupby("metric_id"):
        out[metric_id] = part[columns].sort_values("bucket").reset_index(drop=True)
    return out


def wait_distribution(
    store: Store, f: filters.Filter, period: filters.Period, split: str
) -> pd.DataFrame:
    """Called tickets per whole minute of wait for each group of `split` ('lane' or
    'segment'): n, share of the group, and the share called within that many minutes."""
    rollup = grain.pick(LANE_HIST, f)
    where, params, _ = filters.where_clause(f, rollup)
    query = sql.render("queues/wait_distribution", rollup=rollup, where=where, split=SPLITS[split])
    frame = store.cached_df(query, {**params, "day_from": period.start, "day_to": period.end})
    if frame.empty:
        return pd.DataFrame(columns=["group", "bucket_min", "n", "share", "cum_share", "group_n"])
    frame = frame.rename(columns={"split_key": "group"}).copy()
    frame["group"] = frame["group"].astype(object)
    frame["group_n"] = frame.groupby("group")["n"].transform("sum")
    frame["share"] = frame["n"] / frame["group_n"]
    frame["cum_share"] = frame.groupby("group")["share"].cumsum()
    return frame.reset_index(drop=True)


def wait_summary(distribution: pd.DataFrame) -> pd.DataFrame:
    """Per group: n, the share called within 10 minutes (Wilson interval) and the median and
    90th-percentile wait in seconds (distribution-free interval), from the minute buckets."""
    rollup = catalog.rollup(LANE_HIST[0])
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    rows = []
    for group, part in distribution.groupby("group", sort=False):
        counts = part.set_index("bucket_min")["n"].reindex(bounds.astype(int), fill_value=0)
        counts = counts.to_numpy(dtype=float)
        n = counts.sum()
        within = counts[: PROMISE_S // 60].sum()
        low, high = stats.wilson_interval(within, n)
        p90 = values.quantile_with_interval(bounds, counts, 0.9)
        median = values.quantile_with_interval(bounds, counts, 0.5)
        rows.append(
            {
                "group": group,
                "n": n,
                "within_share": within / n if n else np.nan,
                "within_low": float(low),
                "within_high": float(high),
                "median_s": median[0] * 60,
                "p90_s": p90[0] * 60,
                "p90_low_s": p90[1] * 60,
                "p90_high_s": p90[2] * 60,
            }
        )
    return pd.DataFrame(rows)


def heatmap(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Weekday (1 = Monday) x hour of issue: tickets per day with tickets, the share called
    within 10 minutes, the mean wait and the walk-away share, each with its n."""
    rollup = grain.pick(HOURLY, f)
    where, params, _ = filters.where_clause(f, rollup)
    query = sql.render("queues/heatmap", rollup=rollup, where=where)
    frame = store.cached_df(query, {**params, "day_from": period.start, "day_to": period.end})
    frame = frame.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["per_day"] = frame["n_tickets"] / frame["n_days"]
        frame["within_share"] = frame["n_within_10min"] / frame["n_called"].replace(0, np.nan)
        frame["wait_mean_s"] = frame["wait_s_sum"] / frame["n_called"].replace(0, np.nan)
        frame["walkaway_share"] = frame["n_walked_away"] / frame["n_tickets"]
    return frame
