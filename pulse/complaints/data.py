"""What the Complaints page shows about volume, computed without Streamlit: the Pareto of
categories and subcategories with their change, the channel mix, the trend by category, the
regulator's published figures, and attitude complaints per hall as a funnel plot."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog, copies, filters, kpis, measures, settings, sql, stats, values, weeks
from pulse.store import Store

HEADLINE = (
    "complaints_count",
    "complaints_per_million",
    "regulator_per_million",
    "complaint_ontime_rate",
    "complaint_escalation_rate",
    "complaint_first_response_median_h",
    "complaint_resolution_median_h",
    "complaint_resolution_p90_h",
    "complaint_repeat_rate",
    "complaint_return_satisfaction",
)
CATEGORIES = ("network", "billing", "attitude", "handling", "marketing", "product")
CHANNELS = ("hall", "hotline", "web", "app", "email", "regulator")
TICKETS_PER = 10_000  # attitude complaints are counted per this many queue tickets


def run(
    store: Store, name: str, rollup: str, f: filters.Filter, period: filters.Period | None
) -> tuple[pd.DataFrame, list[str]]:
    """Run queries/<name>.sql.j2 on a rollup for the filter; with a period, on the copy of the
    rollup that answers it for the current and comparison dates (pulse.copies). Returns the
    rows and the filter fields the rollup cannot honour."""
    where, params, not_applied = filters.where_clause(f, rollup)
    if period is None:
        return store.cached_df(sql.render(name, where=where), params), not_applied
    periods = {"cur": (period.start, period.end), "cmp": (period.cmp_start, period.cmp_end)}
    pieces, dates = copies.pieces(rollup, f, periods)
    query = sql.render(name, where=where, pieces=pieces)
    return store.cached_df(query, {**params, **dates}), not_applied


def names(store: Store) -> pd.DataFrame:
    """Every subcategory with its category and their English and Chinese names."""
    return store.cached_df(sql.text("complaints/categories"))


def pareto(
    store: Store, f: filters.Filter, period: filters.Period, category: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Complaints per category (or per subcategory of `category`), largest first, with the
    share, the cumulative share, the comparison period's count and the p-value of the change
    in the daily rate (Poisson score test, periods of different length compared fairly)."""
    raw, not_applied = run(
        store, "complaints/by_subcategory", "complaint_subcategory_daily", f, period
    )
    key = "category" if category is None else "subcategory_id"
    if category is not None:
        raw = raw[raw["category"] == category]
    counts = raw.pivot_table(
        index=key, columns="period", values="n_complaints", aggfunc="sum", fill_value=0
    )
    for part in ("cur", "cmp"):
        if part not in counts:
            counts[part] = 0
    counts = counts[counts["cur"] > 0].sort_values("cur", ascending=False)
    if counts.empty:
        return pd.DataFrame(columns=["key", "n", "share", "cum_share", "cmp_n", "p_value"]), (
            not_applied
        )
    out = pd.DataFrame({"key": counts.index, "n": counts["cur"].to_numpy(dtype=float)})
    out["share"] = out["n"] / out["n"].sum()
    out["cum_share"] = out["share"].cumsum()
    if period.cmp_start:
        out["cmp_n"] = counts["cmp"].to_numpy(dtype=float)
        out["p_value"] = stats.poisson_rate_pvalue(
            out["n"], float(period.days), out["cmp_n"], float(period.cmp_days)
        )
        # the change in complaints per day, so periods of different length compare fairly
        out["change"] = out["n"] / period.days / (out["cmp_n"] / period.cmp_days) - 1
    else:
        out["cmp_n"], out["p_value"], out["change"] = np.nan, np.nan, np.nan
    return out, not_applied


def channels(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Complaints, escalation rate and on-time rate per channel, with intervals."""
    metrics = [
        catalog.metric(m)
        for m in ("complaints_count", "complaint_escalation_rate", "complaint_ontime_rate")
    ]
    group = ("channel",)
    raw = measures.fetch(store, metrics, f, period, [group])[group]
    if raw.empty:
        return values.empty(group)
    return values.evaluate(metrics, raw, group, period)


def trend(
    store: Store, f: filters.Filter, period: filters.Period
) -> tuple[pd.DataFrame, str | None]:
    """Complaints per category by day (periods up to 45 days) or by week over the current
    period; returns the rows (bucket, category, n) and the grain ('D' or 'W')."""
    metric = catalog.metric("complaints_count")
    group = ("day", "category")
    raw = measures.fetch(store, [metric], f, period, [group])[group]
    current = raw[raw["period"] == "cur"]
    if current.empty:
        return pd.DataFrame(columns=["bucket", "category", "n"]), None
    days = pd.to_datetime(current["day"])
    grain = "W" if period.days > 45 else "D"
    bucket = weeks.week_start(days) if grain == "W" else days
    frame = pd.DataFrame(
        {
            "bucket": bucket,
            "category": current["category"],
            "n": current["complaints_count__numerator"],
        }
    )
    out = frame.groupby(["bucket", "category"], as_index=False)["n"].sum()
    return out.sort_values(["bucket", "category"], ignore_index=True), grain


def regulator_benchmarks(store: Store) -> pd.DataFrame:
    """The regulator's published complaints per million subscribers per quarter (MIIT), kept in
    the benchmark table with their source and year, newest first."""
    return kpis.benchmarks(store, "regulator_per_million")


def attitude_by_hall(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Service-attitude complaints that name a hall per 10,000 of its queue tickets, with exact
    Poisson intervals and funnel limits (95% and 99.8%) around the rate of the selection,
    widened for overdispersion (Spiegelhalter 2005) when the halls vary more than chance."""
    count = catalog.metric("complaints_count")
    tickets = catalog.metric("queue_tickets")
    hall = ("city_id", "branch_id")
    with_category = (*hall, "category")
    # two calls: measures offers category on every rollup, but queue_daily has none
    complaints = measures.fetch(store, [count], f, period, [with_category])[with_category]
    volume = measures.fetch(store, [tickets], f, period, [hall])[hall]
    if volume.empty or "queue_tickets__numerator" not in volume:
        return pd.DataFrame()
    volume = volume[(volume["period"] == "cur") & volume["branch_id"].notna()]
    attitude = complaints[
        (complaints["period"] == "cur") & (complaints["category"] == "attitude")
    ].rename(columns={"complaints_count__numerator": "n_attitude"})
    out = volume[[*hall, "queue_tickets__numerator"]].rename(
        columns={"queue_tickets__numerator": "n_tickets"}
    )
    out = out.merge(attitude[[*hall, "n_attitude"]], on=list(hall), how="left")
    out["n_attitude"] = out["n_attitude"].fillna(0).astype(float)
    out = out[out["n_tickets"].fillna(0) > 0].reset_index(drop=True)
    if out.empty:
        return out
    exposure = out["n_tickets"].to_numpy(dtype=float) / TICKETS_PER
    rate, low, high = stats.poisson_rate_interval(out["n_attitude"], exposure)
    out["rate"], out["low"], out["high"] = rate, low, high
    overall = out["n_attitude"].sum() / exposure.sum()
    phi = stats.overdispersion_phi(
        rate, exposure, overall, "rate", winsor=settings.get("funnel_winsor_share")
    )
    for name, confidence in (("95", 0.95), ("998", 0.998)):
        lo, hi = stats.funnel_limits(overall, exposure, "rate", confidence)
        widen = np.sqrt(phi) if np.isfinite(phi) else 1.0
        out[f"limit_low_{name}"] = np.maximum(overall - (overall - lo) * widen, 0)
        out[f"limit_high_{name}"] = overall + (hi - overall) * widen
    out["overall"] = overall
    out["phi"] = phi
    out["is_above"] = out["rate"] > out["limit_high_95"]
    out["is_far_above"] = out["rate"] > out["limit_high_998"]
    # halls of equal rate (no complaint at all, often) in hall order, the same on every run
    return out.sort_values(
        ["rate", "branch_id"], ascending=[False, True], kind="stable", ignore_index=True
    )
