"""KPI tiles for a page's own metrics: value, n, interval, change, target status and a weekly
sparkline, computed without Streamlit (the Surveys and Complaints pages use it)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pulse import catalog, filters, measures, sql, targets, values, weeks
from pulse.store import Store

DAY = ("day",)


@dataclass
class Tiles:
    """Tiles for some metrics under one filter."""

    rows: pd.DataFrame  # one row per metric: values.VALUE_COLUMNS + target and status
    sparklines: dict[str, pd.DataFrame]  # metric -> (bucket, value, n)
    not_applied: dict[str, list[str]] = field(default_factory=dict)

    def row(self, metric_id: str) -> dict:
        """The tile row of one metric ({} when it has no data)."""
        found = self.rows[self.rows["metric_id"] == metric_id]
        return found.iloc[0].to_dict() if len(found) else {}

    @property
    def has_data(self) -> bool:
        """False when no metric has a single observation in the period."""
        return "n" in self.rows and bool((self.rows["n"].fillna(0) > 0).any())


def tiles(store: Store, metric_ids: list[str], f: filters.Filter, period: filters.Period) -> Tiles:
    """Values, intervals, changes and target status of `metric_ids` for the filter, in order;
    remembered per filter (with the reader's scope) and period until the data changes."""
    key = ("kpis.tiles", tuple(metric_ids), f, period)
    return store.remembered(key, lambda: _tiles(store, metric_ids, f, period))


def _tiles(store: Store, metric_ids: list[str], f: filters.Filter, period) -> Tiles:
    metrics = [catalog.metric(m) for m in metric_ids]
    # quantiles come from histograms: by day they would be a hundred buckets a day, so they
    # are read for the whole period only and carry no sparkline
    daily = [m for m in metrics if m.kind != "quantile"]
    whole = [m for m in metrics if m.kind == "quantile"]
    raw = (
        measures.fetch(store, daily, f, period, [DAY], months_ok=monthly(period))[DAY]
        if daily
        else pd.DataFrame()
    )
    parts = [values.evaluate(daily, measures.regroup(raw, []), (), period)] if daily else []
    if whole:
        raw_whole = measures.fetch(store, whole, f, period, [()])[()]
        parts.append(values.evaluate(whole, raw_whole, (), period))
    frames = [p for p in parts if len(p)]
    total = pd.concat(frames, ignore_index=True) if frames else values.empty()
    year_targets = targets.for_year(store, period.end.year)
    rows = with_targets(total, year_targets, f)
    order = {m: i for i, m in enumerate(metric_ids)}
    if len(rows):
        rows = rows.sort_values("metric_id", key=lambda s: s.map(order), ignore_index=True)
    return Tiles(
        rows=rows,
        sparklines=sparklines(daily, raw, period) if daily else {},
        not_applied={m.id: measures.not_applied(m, f) for m in metrics},
    )


TARGET_COLUMNS = ["target", "target_level", "target_source", "status", "withheld"]


def with_targets(frame: pd.DataFrame, year_targets: pd.DataFrame, f: filters.Filter):
    """Add the most specific target that applies to the filter (one hall, one city, else the
    company), the green / amber / red status against it, and whether the user's scope
    withholds the metric's data altogether (measures.withheld: not in scope, not too few)."""
    hall = f.halls[0] if len(f.halls) == 1 else None
    city = f.cities[0] if len(f.cities) == 1 else None
    rows = []
    for row in frame.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        target = targets.pick(year_targets, metric.id, hall=hall, city=city)
        value = row["value"] if row["enough_n"] else None
        rows.append(
            {
                **row,
                "target": target.value if target else np.nan,
                "target_level": target.level if target else None,
                "target_source": target.source if target else None,
                "status": targets.status(metric, value, target),
                "withheld": measures.withheld(metric, f),
            }
        )
    return pd.DataFrame(rows, columns=[*frame.columns, *TARGET_COLUMNS])


def is_withheld(row: dict) -> bool:
    """True when the user's scope withholds a KPI row's data (with_targets); a row made
    without that column (NaN, None) is not withheld."""
    return row.get("withheld") in (True,)


def is_not_in_source(row: dict) -> bool:
    """True when a KPI row's metric needs a field (catalogue `needs`) that no row in scope
    has: there are rows (n is 0, not missing), so the value is 'not in this source', not
    'too few'."""
    return catalog.metric(row["metric_id"]).needs is not None and row.get("n") == 0


def has_no_rate(row: dict) -> bool:
    """True when a per-million rate has enough counted events but no value: the scope holds
    halls only, and subscribers are counted by city, so there is nothing to divide by."""
    metric = catalog.metric(row["metric_id"])
    value = row.get("value")
    return metric.kind == "rate" and bool(row.get("enough_n")) and (value is None or pd.isna(value))


MONTHLY_AFTER_DAYS = 92  # a longer period gets a monthly sparkline


def monthly(period: filters.Period) -> bool:
    """Past a quarter a sparkline is monthly, so its whole months may come from the monthly
    copies of the rollups (a hall's year by day would scan every hall's days)."""
    return period.days > MONTHLY_AFTER_DAYS


def sparklines(metrics, raw_day: pd.DataFrame, period: filters.Period) -> dict[str, pd.DataFrame]:
    """Each metric over the current period: by day up to 45 days, by week (Monday to Sunday)
    up to a quarter, by month beyond."""
    current = raw_day[raw_day["period"] == "cur"].copy()
    if current.empty:
        return {}
    days = pd.to_datetime(current["day"])
    if monthly(period):
        current["bucket"] = days.dt.to_period("M").dt.start_time
    else:
        current["bucket"] = weeks.week_start(days) if period.days > 45 else days
    grouped = measures.regroup(current.drop(columns="day"), ["bucket"])
    frame = values.evaluate(metrics, grouped, ("bucket",), period)  # in bucket order
    parts = {
        m: part[["bucket", "value", "n"]].reset_index(drop=True)
        for m, part in frame.groupby("metric_id", sort=False)
    }
    empty = frame.iloc[:0][["bucket", "value", "n"]]
    return {m.id: parts.get(m.id, empty) for m in metrics}


def benchmarks(store: Store, metric_id: str) -> pd.DataFrame:
    """The published figures kept for a metric, newest first, with source and year (the
    industry query, by subject before market)."""
    rows = store.cached_df(sql.text("benchmarks/industry"), {"metric_id": metric_id})
    order = ["period_start", "subject_en", "market"]
    return rows.sort_values(order, ascending=[False, True, True]).reset_index(drop=True)


def ordered(frame: pd.DataFrame, metric_ids: tuple[str, ...]) -> pd.DataFrame:
    """The rows of `frame` in the order of `metric_ids`, missing metrics left out."""
    order = {m: i for i, m in enumerate(metric_ids)}
    kept = frame[frame["metric_id"].isin(order)]
    return kept.sort_values("metric_id", key=lambda s: s.map(order)).reset_index(drop=True)


def by_week(period: filters.Period) -> bool:
    """Whether a trend over the period runs by week (pulse.weeks) rather than by day: past 45
    days."""
    return period.days > 45
