"""The report's sentences: what a number, a trend or a ranking says, in the report's language.
A change is called a change only when it is significant; a value with too few observations
says so instead of being compared."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from pulse import describe, i18n, kpis
from pulse.catalog import Metric
from pulse.i18n import t
from pulse.ui import format as fmt


def missing(x) -> bool:
    """True for None and NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def sentence(*clauses: str) -> str:
    """Clauses joined and closed the way the language does it."""
    parts = [c for c in clauses if c]
    if i18n.language() == "zh":
        return "；".join(parts) + "。"
    return "; ".join(parts) + "."


def code_label(prefix: str, code) -> str:
    """The worded label of a code (a tier, a market), or the code itself when it has none."""
    key = f"{prefix}.{code}"
    text = t(key)
    return str(code) if text == key else text


def unit(metric: Metric) -> str:
    """The unit shown on an axis: %, min, s, h or nothing."""
    if metric.format == "pct1":
        return "%"
    key = {"minutes": "unit.minutes", "seconds": "unit.seconds", "hours": "unit.hours"}
    return t(key[metric.format], x="").strip() if metric.format in key else ""


def axis_title(metric: Metric) -> str:
    """The metric's label with its unit, for an axis."""
    u = unit(metric)
    return f"{metric.label(i18n.language())} ({u})" if u else metric.label(i18n.language())


def value_clause(metric: Metric, row: dict) -> str:
    """'Satisfaction index was 82.1 (95% CI 81.8 – 82.4; n = 8,200)', or too few to tell."""
    label = metric.label(i18n.language())
    if kpis.is_withheld(row):  # the scope cannot reach it (kpis.with_targets)
        return t("report.says.withheld", metric=label)
    if kpis.is_not_in_source(row):  # the source lacks a field the value needs
        return t("report.says.not_in_source", metric=label, field=t(f"drill.field.{metric.needs}"))
    if not row.get("enough_n"):
        return t(
            "report.says.too_few",
            metric=label,
            n=fmt.count(row.get("n")),
            min_n=metric.min_n,
        )
    interval = fmt.interval(metric, row.get("low"), row.get("high"))
    return t(
        "report.says.value",
        metric=label,
        value=fmt.value(metric, row["value"]),
        detail=_joined([p for p in (interval, t("stat.n", n=fmt.count(row["n"]))) if p]),
    )


def change_clause(metric: Metric, row: dict, compare: str) -> str:
    """'+0.3 vs the previous period (not significant)', or nothing without a comparison."""
    if compare == "none" or not row.get("enough_n") or missing(row.get("cmp_value")):
        return ""
    if missing(row.get("p_value")):
        verdict = t("stat.not_tested")
    elif row.get("is_significant"):
        verdict = t("stat.significant")
    else:
        verdict = t("stat.not_significant")
    return t(
        f"report.says.change_{compare}",
        delta=fmt.delta(metric, row["delta"]) or fmt.DASH,
        before=fmt.value(metric, row["cmp_value"]),
        verdict=verdict,
    )


def target_clause(metric: Metric, row: dict) -> str:
    """'target 80.0: on target', or nothing without a target."""
    if missing(row.get("target")) or not row.get("enough_n"):
        return ""
    return t(
        "report.says.target",
        target=fmt.value(metric, row["target"]),
        status=t(f"status.{row.get('status', 'unknown')}"),
    )


def kpi(metric: Metric, row: dict, compare: str) -> str:
    """The whole sentence about one number in the period."""
    return sentence(
        value_clause(metric, row), change_clause(metric, row, compare), target_clause(metric, row)
    )


def bucket_name(start: pd.Timestamp, grain: str) -> str:
    """A trend point in words: 16 Mar 2026, week of 16 Mar 2026, Mar 2026."""
    day = pd.Timestamp(start).date()
    if grain == "week":
        return t("report.grain.week_of", date=describe.date(day))
    if grain == "month":
        if i18n.language() == "zh":
            return f"{day.year}年{day.month}月"
        return f"{day.strftime('%b')} {day.year}"
    return describe.date(day)


def worst_point(metric: Metric, trend: pd.DataFrame) -> dict | None:
    """The weakest point of a trend (lowest when higher is better, highest when lower is
    better; the peak for volumes), among points with enough observations."""
    usable = trend[trend["enough_n"] & trend["value"].notna()]
    if usable.empty:
        return None
    best_high = metric.higher_is_better
    index = usable["value"].idxmax() if best_high in (False, None) else usable["value"].idxmin()
    return usable.loc[index].to_dict()


def trend_clause(metric: Metric, trend: pd.DataFrame, grain: str, events: pd.DataFrame) -> str:
    """'Weakest week: week of 16 Mar 2026 at 26.0% (Outage: …)'."""
    point = worst_point(metric, trend)
    if point is None or len(trend) < 2:
        return ""
    start = pd.Timestamp(point["bucket"])
    end = start + {"day": pd.Timedelta(days=0), "week": pd.Timedelta(days=6)}.get(
        grain, pd.offsets.MonthEnd(0)
    )
    zh = i18n.language() == "zh"
    during = [
        f"{t('event.' + e['kind'])}{'：' if zh else ': '}{e['title_zh' if zh else 'title_en']}"
        for e in events.to_dict("records")
        if pd.Timestamp(e["starts_on"]) <= end and pd.Timestamp(e["ends_on"]) >= start
    ]
    key = "report.says.peak" if metric.higher_is_better is None else "report.says.weakest"
    return t(
        key,
        grain=t(f"report.grain_word.{grain}"),
        when=bucket_name(start, grain),
        value=fmt.value(metric, point["value"]),
        events=t("report.says.during", events=_joined(during)) if during else "",
    )


def _joined(items: list[str]) -> str:
    return ("，" if i18n.language() == "zh" else "; ").join(items)


def period_words(start: dt.date, end: dt.date) -> str:
    """A period in words."""
    return describe.span(start, end)
