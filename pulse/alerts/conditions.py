"""Judge a rule at a data date: for every unit in its scope, whether its condition holds, with
the value, interval and n a sentence states and the recent points a chart draws.

The conditions are the dashboard's own: the tiles' green/amber/red rule (pulse.targets), the
Trends page's control charts (pulse.control, Laney-widened), the Overview's tests of change
after Benjamini-Hochberg (pulse.values, pulse.stats), and the Benchmarks page's funnel limits
(pulse.benchmarks.data). A fixed threshold is not among them: it fires on noise in small units.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as sps

from pulse import control, filters, groups, measures, stats, targets, values
from pulse.alerts.rules import HISTORY_BUCKETS, WINDOW_DAYS, Rule
from pulse.benchmarks import data as benchmarks
from pulse.dimensions import Dimensions
from pulse.store import Store
from pulse.trends import data as trends

COLUMN = {"company": (), "city": ("city_id",), "hall": ("branch_id",)}
ALPHA = 0.05
STEP_BUCKETS = 4  # improved: the newest points a lasting step must hold for (a month of weeks)
STEP_BASELINE_MIN = 4  # improved: the fewest points before them that make a baseline
COMPANY = "all"  # the unit code of the whole company


@dataclass
class Finding:
    """One unit's state under one rule at one data date."""

    rule: Rule
    unit: str
    firing: bool
    start: dt.date  # the window the value covers
    end: dt.date
    value: float = np.nan
    low: float = np.nan
    high: float = np.nan
    n: float = np.nan
    reference: float = np.nan  # the limit, target, comparison value or funnel limit passed
    p_value: float = np.nan  # change: after Benjamini-Hochberg
    tests: int = 0  # change: how many units the correction counted
    series: pd.DataFrame = field(default_factory=pd.DataFrame)  # bucket_end, value, lower, upper


def scope_filter(rule: Rule, dims: Dimensions) -> filters.Filter:
    """The global filter narrowed to the rule's units (codes at any level)."""
    options = dims.options()
    return filters.Filter(
        provinces=tuple(u for u in rule.units if u in options.provinces),
        cities=tuple(u for u in rule.units if u in options.cities),
        halls=tuple(u for u in rule.units if u in options.halls),
    )


def judge(store: Store, rule: Rule, dims: Dimensions, as_of: dt.date) -> list[Finding]:
    """Every unit of the rule's scope judged at `as_of`, firing or not."""
    if rule.level != "company" and not groups.available(rule.metric, rule.level):
        return []
    f = scope_filter(rule, dims)
    series = history(store, rule, f, as_of)
    found = {
        "control": _control,
        "target": _target,
        "change": _change,
        "improved": _improved,
        "funnel": _funnel,
    }[rule.condition](store, rule, f, dims, as_of, series)
    for finding in found:
        finding.series = series.get(finding.unit, pd.DataFrame())
    return found


def _worse(rule: Rule, value, reference) -> bool:
    """True when value is on the bad side of reference (either side for a neutral metric)."""
    better = rule.metric.higher_is_better
    if better is None:
        return True
    return bool(value < reference) if better else bool(value > reference)


def history(store: Store, rule: Rule, f: filters.Filter, as_of: dt.date) -> dict:
    """Per unit, the last HISTORY_BUCKETS buckets ending at as_of (whole buckets of the
    rule's grain inside the rollup's days), with control limits: bucket_end, value, low,
    high, n, lower, upper, centre."""
    m, days = rule.metric, rule.bucket_days
    if m.kind == "quantile":
        return {}
    first, last = trends.data_days(store, m.rollup)
    if first is None:
        return {}
    start = as_of - dt.timedelta(days=days * HISTORY_BUCKETS - 1)
    while start < first:
        start += dt.timedelta(days=days)
    if start > as_of or as_of > last:
        return {}
    cols = COLUMN[rule.level]
    period = filters.Period(start, as_of)
    raw = measures.fetch(store, [m], f, period, [("day", *cols)])[("day", *cols)]
    raw = raw[raw["period"] == "cur"]
    if raw.empty:
        return {}
    offset = (pd.to_datetime(raw["day"]) - pd.Timestamp(start)).dt.days // days
    raw = raw.assign(bucket=offset, n_days=1)
    grouped = measures.regroup(raw.drop(columns="day"), [*cols, "bucket"])
    out = {}
    for unit, part in grouped.groupby(list(cols)) if cols else [((COMPANY,), grouped)]:
        part = part.sort_values("bucket").reset_index(drop=True)
        found = values.compute(m, part)
        chart = _chart(m, part, found["value"])
        out[unit[0] if isinstance(unit, tuple) else unit] = pd.DataFrame(
            {
                "bucket_end": [
                    start + dt.timedelta(days=days * (int(b) + 1) - 1) for b in part["bucket"]
                ],
                **{k: found[k] for k in ("value", "low", "high", "n")},
                "lower": chart.lower,
                "upper": chart.upper,
                "centre": chart.centre,
            }
        )
    return out


def _chart(m, part: pd.DataFrame, value: np.ndarray) -> control.Chart:
    def col(name):
        return part[name].to_numpy(dtype=float, na_value=np.nan) if name in part else None

    if m.kind == "share":
        return control.p_chart(col(f"{m.id}__numerator"), col(f"{m.id}__denominator"))
    if m.kind == "rate":
        exposure = col("subscriber_days") / m.exposure_days / 1e6
        return control.u_chart(np.nan_to_num(col(f"{m.id}__numerator")), exposure)
    if m.kind == "count":
        return control.u_chart(col(f"{m.id}__numerator"), col("n_days"), per_point=True)
    return control.individuals(value, None if m.kind == "nps" else 0.0)


def _control(store, rule, f, dims, as_of, series) -> list[Finding]:
    """The newest bucket outside its control limits, on the bad side."""
    found = []
    start = as_of - dt.timedelta(days=rule.bucket_days - 1)
    for unit, points in series.items():
        if len(points) < 3:
            continue  # too few points for limits that mean anything
        last = points.iloc[-1]
        above, below = last["value"] > last["upper"], last["value"] < last["lower"]
        limit = last["upper"] if above else last["lower"]
        firing = bool(above or below) and _worse(rule, last["value"], last["centre"])
        found.append(
            Finding(
                rule, unit, firing, start, as_of, last["value"], last["low"], last["high"],
                last["n"], limit if firing else last["upper"],
            )
        )  # fmt: skip
    return found


def _grouped(store, rule, f, period):
    cols = COLUMN[rule.level]
    return groups.grouped_values(store, rule.metric, f, period, [cols])[cols], cols


def _key(row, cols) -> str:
    return row[cols[0]] if cols else COMPANY


def _target(store, rule, f, dims, as_of, series) -> list[Finding]:
    """Red against the most specific target that applies (the tiles' rule)."""
    start = as_of - dt.timedelta(days=WINDOW_DAYS - 1)
    frame, cols = _grouped(store, rule, f, filters.Period(start, as_of))
    year = targets.for_year(store, as_of.year)
    tiers = dict(zip(dims.halls["branch_id"], dims.halls["tier"], strict=True))
    cities = dict(zip(dims.halls["branch_id"], dims.halls["city_id"], strict=True))
    found = []
    for row in frame.to_dict("records"):
        unit = _key(row, cols)
        hall = unit if rule.level == "hall" else None
        city = unit if rule.level == "city" else cities.get(unit)
        target = targets.pick(year, rule.metric_id, hall=hall, tier=tiers.get(hall), city=city)
        value = row["value"] if row["enough_n"] else None
        status = targets.status(rule.metric, value, target)
        found.append(
            Finding(
                rule, unit, status == targets.RED, start, as_of, row["value"], row["low"],
                row["high"], row["n"], target.value if target else np.nan,
            )
        )  # fmt: skip
    return found


def _change(store, rule, f, dims, as_of, series, better=False) -> list[Finding]:
    """A significant worsening (or with `better`, improvement) against the bucket before,
    after Benjamini-Hochberg over the rule's units (the Overview's correction)."""
    days = dt.timedelta(days=rule.bucket_days)
    start = as_of - days + dt.timedelta(days=1)
    period = filters.Period(start, as_of, start - days, as_of - days)
    frame, cols = _grouped(store, rule, f, period)
    frame = frame[frame["enough_n"].astype(bool)].reset_index(drop=True)
    adjusted = np.atleast_1d(stats.adjust_pvalues(frame["p_value"].to_numpy(dtype=float)))
    tests = int(np.isfinite(adjusted).sum())
    found = []
    for row, p in zip(frame.to_dict("records"), adjusted, strict=True):
        # improved: the value before is on the bad side of this one
        pair = (row["cmp_value"], row["value"]) if better else (row["value"], row["cmp_value"])
        firing = bool(p < ALPHA) and _worse(rule, *pair)
        found.append(
            Finding(
                rule, _key(row, cols), firing, start, as_of, row["value"], row["low"],
                row["high"], row["n"], row["cmp_value"], float(p), tests,
            )
        )  # fmt: skip
    return found


def _improved(store, rule, f, dims, as_of, series) -> list[Finding]:
    """A lasting step for the better (an initiative), not one good week: the mean of the newest
    STEP_BUCKETS points better than the mean of the points before them in the chart's window
    (the baseline), and the step larger than what moved the other units: a one-sided Welch t
    test of the unit's points less the other units' mean (_relative), so the test knows the
    unit's own week-to-week variation instead of trusting thousands of tickets a week, and a
    holiday or a launch that moves every unit is nobody's step; Benjamini-Hochberg over the
    rule's units (the Overview's correction). The sentence states the newest points' pooled
    value against the baseline's."""
    better = rule.metric.higher_is_better
    days = rule.bucket_days
    start = as_of - dt.timedelta(days=days * STEP_BUCKETS - 1)
    judged, p = {}, {}
    relative = _relative(series)
    for unit, points in series.items():
        y, own = relative[unit], points["value"].to_numpy(dtype=float)
        before, after = y[:-STEP_BUCKETS], y[-STEP_BUCKETS:]
        if np.isfinite(before).sum() < STEP_BASELINE_MIN or not np.isfinite(after).all():
            continue
        # the unit's own newest points better than its own baseline: it did get better, not
        # only less worse than the others
        baseline, now = np.nanmean(own[:-STEP_BUCKETS]), np.mean(own[-STEP_BUCKETS:])
        steady = now != baseline and not _worse(rule, now, baseline)
        judged[unit] = (points["bucket_end"].iloc[0] - dt.timedelta(days=days - 1), steady)
        p[unit] = _step_p(before[np.isfinite(before)], after, better)
    if not judged:
        return []
    adjusted = dict(
        zip(p, np.atleast_1d(stats.adjust_pvalues(np.array(list(p.values())))), strict=True)
    )
    # the pooled value of the newest points and of the baseline, with interval and n
    first = min(b for b, _ in judged.values())
    period = filters.Period(start, as_of, first, start - dt.timedelta(days=1))
    frame, cols = _grouped(store, rule, f, period)
    found = []
    for row in frame.to_dict("records"):
        unit = _key(row, cols)
        if unit not in judged:
            continue
        firing = bool(adjusted[unit] < ALPHA) and judged[unit][1]
        found.append(
            Finding(
                rule, unit, firing, start, as_of, row["value"], row["low"], row["high"],
                row["n"], row["cmp_value"], float(adjusted[unit]), len(judged),
            )
        )  # fmt: skip
    return found


def _relative(series: dict) -> dict:
    """Each unit's points less the mean of the other units' points in the same bucket: what
    moves every unit alike (a holiday, a phone launch, the app's slow drift) is not a step of
    one unit's own. A single unit keeps its own points."""
    values = {u: p.set_index("bucket_end")["value"].astype(float) for u, p in series.items()}
    if len(values) < 2:
        return {u: v.to_numpy() for u, v in values.items()}
    table = pd.DataFrame(values)
    total, count = table.sum(axis=1), table.notna().sum(axis=1)
    out = {}
    for u in table:
        others = (total - table[u].fillna(0)) / (count - table[u].notna())
        out[u] = (table[u] - others).reindex(values[u].index).to_numpy()
    return out


def _step_p(before: np.ndarray, after: np.ndarray, better: bool) -> float:
    """One-sided Welch p-value that the newest points' mean is better than the baseline's."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # identical values: no variance
        test = sps.ttest_ind(
            after, before, equal_var=False, alternative="greater" if better else "less"
        )
    return float(test.pvalue) if np.isfinite(test.pvalue) else 1.0


def _funnel(store, rule, f, dims, as_of, series) -> list[Finding]:
    """Outside the 99.8% funnel limits of its peers (the cities; a hall's tier, or every hall
    when the rule's peers are "all"), on the bad side."""
    start = as_of - dt.timedelta(days=WINDOW_DAYS - 1)
    period = filters.Period(start, as_of)
    by_tier = rule.level == "hall" and rule.peers == "tier"
    tiers = sorted(set(dims.halls["tier"])) if by_tier else [None]
    found = []
    for tier in tiers:
        league = benchmarks.league(store, rule.metric_id, f, period, rule.level, dims, tier)
        if not league.available or league.units.empty or league.funnel_kind is None:
            continue
        x = league.units["funnel_x"].to_numpy(dtype=float)
        low, high = benchmarks.limits(league, x, benchmarks.CONFIDENCES[1])
        for row, lo, hi in zip(league.units.to_dict("records"), low, high, strict=True):
            firing = bool(row["strongly"]) and _worse(rule, row["value"], league.centre)
            limit = hi if row["value"] > league.centre else lo
            found.append(
                Finding(
                    rule, row["unit"], firing, start, as_of, row["value"], row["low"],
                    row["high"], row["n"], limit,
                )
            )  # fmt: skip
    return found
