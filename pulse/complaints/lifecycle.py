"""The life of a complaint, computed without Streamlit: time to first response and to
resolution as distributions, handling outcomes by category and severity, return-visit
satisfaction after on-time and late handling, the open backlog, and one customer's history."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pulse import catalog, filters, measures, records, settings, sql, stats, values
from pulse.complaints import data as complaints
from pulse.store import Store

DISTRIBUTIONS = {
    "resolution": (
        "complaint_resolution_median_h",
        "complaint_resolution_p90_h",
        "complaint_resolution_hist",
    ),
    "first_response": (
        "complaint_first_response_median_h",
        "complaint_first_response_p90_h",
        "complaint_response_hist",
    ),
}
OUTCOMES = (
    "complaint_ontime_rate",
    "complaint_first_response_h",
    "complaint_repeat_rate",
    "complaint_return_satisfaction",
    "complaint_escalation_rate",
)
AGE_BUCKETS_D = (0, 3, 6, 11, 16, 31)


def deadlines_h() -> dict[str, float]:
    """Hours to the deadline by severity: the company's own windows, and the regulator's rule
    (MIIT 2016: answered within answer_within_days) for a low-severity complaint."""
    return {
        "high": settings.get("deadline_high_h"),
        "medium": settings.get("deadline_medium_h"),
        "low": settings.get("answer_within_days") * 24,
    }


def distribution(
    store: Store, f: filters.Filter, period: filters.Period, which: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hours to resolution ('resolution') or to first response ('first_response') in the
    current period: the histogram (bucket from, to, n, share) and the median and 90th
    percentile with their intervals (values.evaluate rows)."""
    median_id, p90_id, rollup_id = DISTRIBUTIONS[which]
    metrics = [catalog.metric(median_id), catalog.metric(p90_id)]
    raw = measures.fetch(store, metrics, f, period, [()])[()]
    quantiles = values.evaluate(metrics, raw, (), period)
    current = raw[raw["period"] == "cur"]
    hist = current[f"{median_id}__hist"].iloc[0] if len(current) else {}
    bounds = catalog.rollup(rollup_id).bucket_bounds()
    counts = np.array([float((hist or {}).get(b, 0)) for b in bounds])
    frame = pd.DataFrame(
        {"from_h": bounds, "to_h": [*bounds[1:], np.nan], "n": counts},
    )
    total = counts.sum()
    frame["share"] = frame["n"] / total if total else np.nan
    return frame, quantiles


def by(store: Store, f: filters.Filter, period: filters.Period, group: str) -> pd.DataFrame:
    """On-time rate, mean first response, repeat rate, return-visit satisfaction and escalation
    rate per category or severity, with intervals and the test of change."""
    metrics = [catalog.metric(m) for m in OUTCOMES]
    key = (group,)
    raw = measures.fetch(store, metrics, f, period, [key])[key]
    if raw.empty:
        return values.empty(key)
    return values.evaluate(metrics, raw, key, period)


def return_by_handling(
    store: Store, f: filters.Filter, period: filters.Period
) -> tuple[pd.DataFrame, float]:
    """Return-visit satisfaction of complaints resolved on time and of late ones, with Wilson
    intervals, and the p-value of the difference (two-proportion z test)."""
    raw, _ = complaints.run(
        store, "complaints/by_subcategory", "complaint_subcategory_daily", f, period
    )
    current = raw[raw["period"] == "cur"]
    rows = []
    for handling in ("ontime", "late"):
        visits = float(current[f"n_return_visit_{handling}"].sum())
        satisfied = float(current[f"n_return_satisfied_{handling}"].sum())
        low, high = stats.wilson_interval(satisfied, visits)
        rows.append(
            {
                "handling": handling,
                "n": visits,
                "n_satisfied": satisfied,
                "share": satisfied / visits if visits else np.nan,
                "low": float(low),
                "high": float(high),
            }
        )
    frame = pd.DataFrame(rows)
    p = stats.two_proportion_pvalue(
        frame.loc[0, "n_satisfied"],
        frame.loc[0, "n"],
        frame.loc[1, "n_satisfied"],
        frame.loc[1, "n"],
    )
    return frame, float(p)


def backlog(store: Store, f: filters.Filter) -> tuple[pd.DataFrame, list[str]]:
    """Complaints open at the end of the extract in scope, by age bucket (days since receipt)
    and whether they are overdue or due within 24 hours; the period does not apply."""
    return complaints.run(store, "complaints/backlog", "complaint_backlog", f, None)


def age_label(bucket: int) -> str:
    """'0–2', '3–5' ... '31+' days for an age bucket's lower bound."""
    i = AGE_BUCKETS_D.index(int(bucket))
    if i == len(AGE_BUCKETS_D) - 1:
        return f"{bucket}+"
    return f"{bucket}–{AGE_BUCKETS_D[i + 1] - 1}"


def history(
    store: Store, customer_key: str, received_at: dt.datetime, f: filters.Filter
) -> pd.DataFrame:
    """The customer's complaints from the repeat window (repeat_within_days) before this one
    to as long after it, those in the user's scope."""
    around = pd.Timestamp(received_at).to_pydatetime()
    window = dt.timedelta(days=settings.get("repeat_within_days"))
    found = store.cached_df(
        sql.text("complaints/customer_history"),
        {
            "customer_key": customer_key,
            "from_at": around - window,
            "to_at": around + window + dt.timedelta(seconds=1),
        },
    )
    return records.in_scope(found, f)


def timeline(row: dict) -> pd.DataFrame:
    """The steps of one complaint (received, first response, due, resolved) with the hours
    from receipt, for a timeline chart; steps that have not happened are left out."""
    received = pd.Timestamp(row["received_at"])
    steps = []
    for step in ("received_at", "first_response_at", "due_at", "resolved_at"):
        at = row.get(step)
        if at is None or pd.isna(at):
            continue
        at = pd.Timestamp(at)
        steps.append({"step": step, "at": at, "hours": (at - received).total_seconds() / 3600})
    return pd.DataFrame(steps, columns=["step", "at", "hours"])
