"""The Complaints page's chart and table downloads as the screen shows them: codes written as
the labels the chart uses, shares in percent as drawn, no columns kept only for drawing.
Each takes the section's frame and the labels it draws with, and returns the download."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog
from pulse.complaints import data as complaints
from pulse.complaints import lifecycle as complaint_lifecycle
from pulse.i18n import t
from pulse.ui import codes, downloads

# the outcome metrics the category chart draws, in the order of its bars
OUTCOME_METRICS = (
    "complaint_ontime_rate",
    "complaint_repeat_rate",
    "complaint_return_satisfaction",
)
CHANNEL_METRICS = ("complaints_count", "complaint_escalation_rate", "complaint_ontime_rate")
SEVERITIES = ("high", "medium", "low")
# the funnel's limits and the selection's rate, all complaints per 10,000 tickets like a hall's
FUNNEL_RATES = (
    "rate",
    "low",
    "high",
    "limit_low_95",
    "limit_high_95",
    "limit_low_998",
    "limit_high_998",
    "overall",
)


def severities() -> dict[str, str]:
    """Severity code -> the word the page uses (High, Medium, Low)."""
    return {s: t(f"complaint_lifecycle.severity.{s}") for s in SEVERITIES}


def regulator(bench: pd.DataFrame, lang: str, ours: dict | None = None) -> pd.DataFrame:
    """The published figures as the chart names them (subject in the reader's language and
    quarter), each source worded as the caption words it; this selection's bar first, with
    its interval and target, when the chart draws one. The store keeps a figure's note in
    English only: a Chinese download goes without it."""
    subject = "subject_zh" if lang == "zh" else "subject_en"
    published = pd.DataFrame(
        {
            "subject": bench[subject],
            "period": bench["period_label"],
            "value": bench["value"],
            "source": [codes.benchmark_source(s) for s in bench["source"]],
        }
    )
    if lang == "en":
        published["note"] = bench["note"]
    parts = [pd.DataFrame([ours]), published] if ours else [published]
    out = pd.concat(parts, ignore_index=True)
    columns = ["subject", "period", "value", "low", "high", "target", "source", "note"]
    out = out[[c for c in columns if c in out.columns]]
    return downloads.one_metric(out, catalog.metric("regulator_per_million"))


def pareto(
    frame: pd.DataFrame, names: dict[str, str], level: str, days: int, cmp_days: int
) -> pd.DataFrame:
    """The Pareto's bars by the names on its axis (`level`: category or subcategory), shares
    and the change in percent as drawn, and the comparison count beside the one the diamonds
    draw, scaled to this period's length."""
    scaled = frame["cmp_n"] * days / cmp_days if cmp_days else np.nan
    return pd.DataFrame(
        {
            level: [names.get(k, k) for k in frame["key"]],
            "n": frame["n"],
            "share (%)": frame["share"] * 100,
            "cum_share (%)": frame["cum_share"] * 100,
            "cmp_n": frame["cmp_n"],
            "cmp_n_scaled": scaled,
            "change (%)": frame["change"] * 100,
            "p_value": frame["p_value"],
        }
    ).reset_index(drop=True)


def trend(frame: pd.DataFrame, names: dict[str, str], grain: str) -> pd.DataFrame:
    """Complaints per day (or per week, from its Monday) by the category names of the bars."""
    return pd.DataFrame(
        {
            "day" if grain == "D" else "week": frame["bucket"],
            "category": [names.get(c, c) for c in frame["category"]],
            "n": frame["n"],
        }
    ).reset_index(drop=True)


def channel_table(
    frame: pd.DataFrame, names: dict[str, str], channels: list[str], lang: str
) -> pd.DataFrame:
    """The channel table's metrics in the table's order (channels as its rows, metrics as its
    columns), each in its unit, channels by their names."""
    rows = _ordered(frame, {"channel": channels, "metric_id": CHANNEL_METRICS})
    return downloads.by_metric(rows, lang, {"channel": names})


def histogram(frame: pd.DataFrame) -> pd.DataFrame:
    """A histogram's buckets: complaints, complaints per hour of the bucket's width (the bar's
    height; an open last bucket is an hour wide, as drawn) and the share in percent."""
    width = frame["to_h"].fillna(frame["from_h"] + 1) - frame["from_h"]
    return pd.DataFrame(
        {
            "from_h": frame["from_h"],
            "to_h": frame["to_h"],
            "n": frame["n"],
            "n_per_h": frame["n"] / width,
            "share (%)": frame["share"] * 100,
        }
    )


def outcomes(frame: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The three outcomes the category chart draws, metric by metric and category by category
    as its bars stand, in percent."""
    rows = frame[frame["metric_id"].isin(OUTCOME_METRICS)]
    rows = _ordered(rows, {"metric_id": OUTCOME_METRICS, "category": complaints.CATEGORIES})
    return downloads.by_metric(rows, lang, {"category": names})


def ontime_severity(rows: pd.DataFrame, deadlines_h: dict[str, float], lang: str) -> pd.DataFrame:
    """On time by severity as the table lists it (high, medium, low), with each severity's
    deadline in hours."""
    ordered = _ordered(rows, {"severity": SEVERITIES})
    ordered.insert(1, "deadline (h)", [deadlines_h.get(s, np.nan) for s in ordered["severity"]])
    return downloads.by_metric(ordered, lang, {"severity": severities()})


def return_handling(frame: pd.DataFrame) -> pd.DataFrame:
    """Return-visit satisfaction after on-time and late handling, named as the bars are, in
    percent."""
    return pd.DataFrame(
        {
            "handling": [t(f"complaint_lifecycle.handling.{h}") for h in frame["handling"]],
            "n": frame["n"],
            "n_satisfied": frame["n_satisfied"],
            "share (%)": frame["share"] * 100,
            "low (%)": frame["low"] * 100,
            "high (%)": frame["high"] * 100,
        }
    )


def backlog(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Open complaints by the chart's age groups and stacks (overdue, due soon, within the
    deadline), with their category and severity in words."""
    state = np.select([frame["is_overdue"], frame["is_due_24h"]], ["overdue", "due_24h"], "in_time")
    words = severities()  # once, not once a row
    return pd.DataFrame(
        {
            "as_of": frame["as_of"],
            "age": [
                t("complaint_lifecycle.age_days", days=complaint_lifecycle.age_label(b))
                for b in frame["age_bucket_d"]
            ],
            "status": [t(f"complaint_lifecycle.state.{s}") for s in state],
            "category": [names.get(c, c) for c in frame["category"]],
            "severity": [words.get(s, s) for s in frame["severity"]],
            "n_open": frame["n_open"],
        }
    ).reset_index(drop=True)


def attitude_funnel(frame: pd.DataFrame, halls: dict[str, str]) -> pd.DataFrame:
    """Each hall's dot: its tickets, attitude complaints, rate with interval and the funnel's
    limits at its tickets (per 10,000 tickets, in a unit column), and where it lies against
    the limits in the words of the chart's notes."""
    position = np.select(
        [frame["is_far_above"], frame["is_above"]], ["far_above", "above"], "within"
    )
    out = pd.DataFrame(
        {
            "hall": [halls.get(b, b) for b in frame["branch_id"]],
            "n_tickets": frame["n_tickets"],
            "n_attitude": frame["n_attitude"],
            **{c: frame[c] for c in FUNNEL_RATES},
            "unit": t("complaints.per_10k_tickets"),
            "phi": frame["phi"],
            "position": [t(f"complaints.funnel_position.{p}") for p in position],
        }
    )
    return out.reset_index(drop=True)


def timeline(steps: pd.DataFrame) -> pd.DataFrame:
    """A complaint's steps by the names the timeline prints, with the hours since receipt."""
    return pd.DataFrame(
        {
            "step": [t(f"complaints.step.{s}") for s in steps["step"]],
            "at": steps["at"],
            "hours": steps["hours"],
        }
    )


def _ordered(frame: pd.DataFrame, orders: dict[str, tuple | list]) -> pd.DataFrame:
    """The rows sorted as the screen lists them: by each column's place in its order (a code
    not in it last), numbered afresh."""
    ranks = {
        f"_{column}": frame[column]
        .map({code: i for i, code in enumerate(order)})
        .fillna(len(order))
        for column, order in orders.items()
    }
    ordered = frame.assign(**ranks).sort_values(list(ranks), kind="stable")
    return ordered.drop(columns=list(ranks)).reset_index(drop=True)
