"""Points, totals and contributions, as pure functions of metric values (no store).

A unit below a metric's minimum n scores "not enough data" for it (NaN), not zero. Its total
is then rescaled over the metrics it has: the points it earned × 100 ÷ the weight those
metrics carry, so a hall without enough survey answers is neither punished nor rewarded for
them. Below the card's minimum coverage (the share of the weight with enough data) there is
no total. Deductions come off after the rescaling, down to a total of zero and no further
(each deduction then cut in the same proportion; `deductions_cut` marks it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog
from pulse.scorecard.definition import Deduction, Rule, Version

POINTS = "pts__"  # column prefix of a metric's points (as earned, before rescaling)
SCALED = "scaled__"  # the points after rescaling: what the metric adds to the total
DEDUCT = "ded__"  # column prefix of a deduction's points (positive: taken off)


def points(rule: Rule, higher_is_better: bool, value, target: float):
    """Points for a value (a number or an array; NaN stays NaN)."""
    value = np.asarray(value, dtype=float)
    if rule.rule == "linear":
        share = (value - rule.floor) / (target - rule.floor)
        out = rule.weight * np.clip(share, 0.0, 1.0)
    else:
        short = target - value if higher_is_better else value - target
        out = np.maximum(rule.weight - rule.points * np.maximum(short, 0.0) / rule.per, 0.0)
    return out if out.ndim else float(out)


def deduction(rule: Deduction, count):
    """Points taken off for a count (NaN counts as none: nothing was recorded)."""
    count = np.nan_to_num(np.asarray(count, dtype=float), nan=0.0)
    out = rule.points * np.maximum(count, 0.0)
    if rule.most is not None:
        out = np.minimum(out, rule.most)
    return out if out.ndim else float(out)


def score(
    version: Version, values: pd.DataFrame, targets: dict[str, float], min_coverage: float
) -> pd.DataFrame:
    """Points per metric, coverage and the total of each unit.

    values: one row per unit (index), with `value__<metric>` and `enough__<metric>` for every
    scored metric and `count__<deduction id>` for every deduction; targets: metric -> target.
    Returns pts__*, scaled__*, ded__* (as taken off), coverage (% of the weight with enough
    data), partial, deductions, deductions_cut (the deductions were cut to stop at zero) and
    total (NaN below the card's minimum coverage)."""
    out = pd.DataFrame(index=values.index)
    earned = np.zeros(len(values))
    weight = np.zeros(len(values))
    for rule in version.rules:
        metric = catalog.metric(rule.metric)
        enough = values[f"enough__{rule.metric}"].fillna(False).astype(bool).to_numpy()
        got = points(
            rule, metric.higher_is_better, values[f"value__{rule.metric}"], targets[rule.metric]
        )
        got = np.where(enough, got, np.nan)
        out[POINTS + rule.metric] = got
        earned += np.nan_to_num(got)
        weight += np.where(enough, rule.weight, 0.0)
    coverage = weight  # weights add up to 100, so the weight held is the coverage in %
    scale = np.divide(100.0, weight, out=np.full(len(values), np.nan), where=weight > 0)
    for rule in version.rules:
        out[SCALED + rule.metric] = out[POINTS + rule.metric] * scale
    offs = {rule.id: deduction(rule, values[f"count__{rule.id}"]) for rule in version.deductions}
    taken = np.sum(list(offs.values()), axis=0) if offs else np.zeros(len(values))
    earned_scaled = _sum_scaled(out, version)
    # deductions take a total down to zero, not below: each is cut in the same proportion,
    # so what each took still adds up to the total's difference (contributions)
    share = np.divide(
        np.maximum(earned_scaled, 0.0), taken, out=np.ones(len(values)), where=taken > 0
    )
    share = np.minimum(share, 1.0)
    for name, off in offs.items():
        out[DEDUCT + name] = off * share
    out["coverage"] = coverage
    out["partial"] = coverage < 100
    out["deductions"] = taken * share
    out["deductions_cut"] = share < 1.0
    has_total = coverage >= min_coverage
    out["total"] = np.where(has_total, earned_scaled - taken * share, np.nan)
    return out


def _sum_scaled(frame: pd.DataFrame, version: Version) -> np.ndarray:
    parts = [frame[SCALED + r.metric].fillna(0.0).to_numpy() for r in version.rules]
    return np.sum(parts, axis=0)


def contributions(a: pd.Series, version_a: Version, b: pd.Series, version_b: Version) -> pd.Series:
    """What each metric and deduction adds to total(a) - total(b), for two units or one unit
    in two months (each scored by its own version): the difference of its scaled points, or
    of its deduction with the sign turned. They add up to the difference of the totals."""
    names = list(dict.fromkeys([*version_a.metric_ids, *version_b.metric_ids]))
    deductions = list(dict.fromkeys(d.id for d in (*version_a.deductions, *version_b.deductions)))
    out = {}
    for name in names:
        out[name] = _get(a, SCALED + name) - _get(b, SCALED + name)
    for name in deductions:
        out[DEDUCT + name] = _get(b, DEDUCT + name) - _get(a, DEDUCT + name)
    return pd.Series(out, dtype=float)


def _get(row: pd.Series, column: str) -> float:
    value = row.get(column, np.nan)
    return 0.0 if pd.isna(value) else float(value)
