"""Everything the Queues page shows, computed from the rollups without Streamlit, so tests,
the benchmark and exports can use it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pulse import (
    catalog,
    copies,
    events,
    filters,
    histograms,
    kpis,
    measures,
    settings,
    sql,
    stats,
    targets,
    values,
    weeks,
)
from pulse.dimensions import Dimensions
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
P90_METRIC = "queue_wait_p90"
TOTAL, DAY, TIER, HALL = (), ("day",), ("tier",), ("city_id", "branch_id")
SERVICE = ("service_type",)
SPLITS = {"lane": "is_priority_lane", "segment": "segment"}
# catalogue rollups of this page (pulse/metrics.toml); pulse.plan picks the copy that answers
HOURLY = "queue_hourly"  # ticket measures by hour, hall and service type
LANE_HIST = "queue_lane_wait_hist"  # waits by priority lane


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
    """Compute the Queues page for filter `f` with the data date `as_of`: remembered per filter
    (with the reader's scope) until the data changes, the annotations (kept beside the store)
    read again on every run."""
    key = ("queues.build", f, as_of)
    return events.remembered_view(store, key, lambda: _build(store, f, dims, as_of), f)


def _build(store: Store, f: filters.Filter, dims: Dimensions, as_of: dt.date) -> QueuesView:
    period = filters.resolve(f, as_of)
    q = filters.effective(f, dims.options())
    metrics = [catalog.metric(m) for m in HALL_METRICS]
    sums = [m for m in metrics if m.kind != "quantile"]
    raw = measures.fetch(store, sums, q, period, [TOTAL, TIER, HALL])
    year_targets = targets.for_year(store, period.end.year)
    total = values.evaluate(sums, raw[TOTAL], TOTAL, period)
    total = pd.concat([total, wait_p90_total(store, q, period)], ignore_index=True)
    return QueuesView(
        period=period,
        tiles=kpis.with_targets(kpis.ordered(total, TILE_METRICS), year_targets, f),
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
        events=events.NONE,
        not_applied={m.id: measures.not_applied(m, q) for m in metrics},
    )


def daily(store: Store, f: filters.Filter, period: filters.Period, metrics) -> pd.DataFrame:
    """Raw measures per day of both periods, like measures.fetch's day grouping: the ticket
    metrics from the smallest copy of the hourly rollup that keeps the filter's columns, the
    others through measures.fetch."""
    rollup, where, params = copies.daily(HOURLY, f)
    hourly = [m for m in metrics if m.rollup == "queue_daily"]
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


def wait_p90_total(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """The 90th-percentile wait tile's row (as values.evaluate gives it), from the catalogue's
    histograms (pulse.histograms). Quantiles claim no test of change."""
    metric = catalog.metric(P90_METRIC)
    found = histograms.fetch(store, metric, f, period, [], [TOTAL])[TOTAL]
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
    """The 90th-percentile wait of every hall in scope with its interval, all halls at once,
    for the current period only, from the catalogue's histograms (pulse.histograms)."""
    metric = catalog.metric(P90_METRIC)
    current = dataclasses.replace(period, cmp_start=None, cmp_end=None)
    keys = [("branch_id", "branch_id")]
    found = histograms.fetch(store, metric, f, current, keys, [("branch_id",)])[("branch_id",)]
    found = found[found["period"] == "cur"][["branch_id", "value", "low", "high", "n"]]
    return found.assign(enough_n=found["n"] >= metric.min_n).reset_index(drop=True)


def by_service(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Values with intervals and changes per service type, read like any catalogue metric."""
    rollup, where, params = copies.daily(HOURLY, f, SERVICE)
    metrics = [catalog.metric(m) for m in SERVICE_METRICS]
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
    # each metric's rows are lined up with the halls once (a lookup per column was a tenth
    # of the page's run), and the columns join the frame together
    placed = {}
    by_metric = dict(tuple(by_hall.groupby("metric_id", sort=False)))
    wanted = [(m, ["value", "low", "high", "n", "enough_n"]) for m in HALL_METRICS]
    wanted.append((RANK_METRIC, ["cmp_value", "delta", "p_value", "is_significant"]))
    for metric_id, columns in wanted:
        rows = wait_p90 if metric_id == "queue_wait_p90" else by_metric.get(metric_id)
        lined = _lined_up(rows, frame["branch_id"], columns)
        placed.update({f"{metric_id}__{col}": lined[col] for col in columns})
    frame = pd.concat([frame, pd.DataFrame(placed)], axis=1)
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


def _lined_up(rows: pd.DataFrame | None, halls: pd.Series, columns: list[str]) -> dict:
    """`columns` of `rows` (one row per hall) in the order of `halls`, NaN for a hall
    without a row."""
    if rows is None or rows.empty:
        return {col: np.full(len(halls), np.nan) for col in columns}
    at = pd.Index(rows["branch_id"]).get_indexer(halls)
    found = at >= 0
    out = {}
    for col in columns:
        values = rows[col].to_numpy()
        if found.all():
            out[col] = values[at]
        else:  # as Series.map gives it: floats with NaN, anything else as objects
            kind = float if values.dtype.kind in "fiu" else object
            column = np.full(len(halls), np.nan, dtype=kind)
            column[found] = values[at[found]]
            out[col] = column
    return out


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
    halls = halls[halls["branch_id"].isin(filters.selected_halls(f, dims.options()))]
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
    current["bucket"] = weeks.week_start(days) if kpis.by_week(period) else days
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
    column = SPLITS[split]
    pieces, bounds = copies.pieces(LANE_HIST, f, {"cur": (period.start, period.end)}, {column})
    where, params, _ = filters.where_clause(f, LANE_HIST)
    query = sql.render("queues/wait_distribution", pieces=pieces, where=where, split=column)
    frame = store.cached_df(query, {**params, **bounds})
    if frame.empty:
        return pd.DataFrame(columns=["group", "bucket_min", "n", "share", "cum_share", "group_n"])
    frame = frame.rename(columns={"split_key": "group"}).copy()
    frame["group"] = frame["group"].astype(object)
    frame["group_n"] = frame.groupby("group")["n"].transform("sum")
    frame["share"] = frame["n"] / frame["group_n"]
    frame["cum_share"] = frame.groupby("group")["share"].cumsum()
    return frame.reset_index(drop=True)


def wait_summary(distribution: pd.DataFrame) -> pd.DataFrame:
    """Per group: n, the share called within the promise (Wilson interval) and the median and
    90th-percentile wait in seconds (distribution-free interval, pulse.histograms), from the
    minute buckets of the catalogue's wait histogram."""
    if distribution.empty:
        return pd.DataFrame()
    rollup = catalog.rollup(catalog.metric(P90_METRIC).rollup)
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    groups = distribution["group"].unique()
    grid = distribution.pivot_table(
        index="group", columns="bucket_min", values="n", aggfunc="sum", fill_value=0
    )
    counts = grid.reindex(index=groups, columns=bounds.astype(int), fill_value=0)
    counts = counts.to_numpy(dtype=float)
    scale = rollup.bucket_scale
    # whole buckets below the promise (pulse/settings.toml), as the minute buckets allow
    within = counts[:, bounds * scale < settings.get("promise_s")].sum(axis=1)
    p90, p90_low, p90_high, n = histograms.quantiles(bounds, counts, 0.9)
    median = histograms.quantiles(bounds, counts, 0.5)[0]
    rows = []
    for i, group in enumerate(groups):
        low, high = stats.wilson_interval(within[i], n[i])
        rows.append(
            {
                "group": group,
                "n": n[i],
                "within_share": within[i] / n[i] if n[i] else np.nan,
                "within_low": float(low),
                "within_high": float(high),
                "median_s": median[i] * scale,
                "p90_s": p90[i] * scale,
                "p90_low_s": p90_low[i] * scale,
                "p90_high_s": p90_high[i] * scale,
            }
        )
    return pd.DataFrame(rows)


def heatmap(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Weekday (1 = Monday) x hour of issue: tickets per day with tickets, the share called
    within 10 minutes, the mean wait and the walk-away share, each with its n."""
    rollup, where, params = copies.daily(HOURLY, f, ("hour",))
    query = sql.render("queues/heatmap", rollup=rollup, where=where)
    frame = store.cached_df(query, {**params, "day_from": period.start, "day_to": period.end})
    frame = frame.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["per_day"] = frame["n_tickets"] / frame["n_days"]
        frame["within_share"] = frame["n_within_10min"] / frame["n_called"].replace(0, np.nan)
        frame["wait_mean_s"] = frame["wait_s_sum"] / frame["n_called"].replace(0, np.nan)
        frame["walkaway_share"] = frame["n_walked_away"] / frame["n_tickets"]
    return frame
