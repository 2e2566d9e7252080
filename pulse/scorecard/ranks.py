"""Honest ranks: each total's interval and each unit's rank interval by simulation, tied bands
and how many ranks are real.

Every metric value is drawn from the sampling distribution behind the interval the pages show:
a share from Beta(numerator + ½, denominator − numerator + ½) (Jeffreys), anything else from a
normal with sd = (high − low) / 3.92; a deduction's count from a Poisson with the count as its
mean. Each draw is scored by the same rules as the estimate, the units are ranked within each
draw, and the 2.5 and 97.5 percentiles give the intervals. The seed is fixed, so a page and its
export show the same intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from pulse import catalog
from pulse.scorecard import scoring
from pulse.scorecard.definition import Version

DRAWS = 2000
SEED = 20260901
Z95 = 3.92  # the width of a 95% normal interval in standard deviations


def simulate(
    version: Version,
    values: pd.DataFrame,
    targets: dict[str, float],
    scored: pd.DataFrame,
    draws: int = DRAWS,
    seed: int = SEED,
) -> np.ndarray:
    """Simulated totals, units × draws (NaN rows for units without a total). `values` as for
    scoring.score, with low__, high__, num__ and den__ columns where known; `scored` its result."""
    rng = np.random.default_rng(seed)
    size = len(values)
    earned = np.zeros((size, draws))
    for rule in version.rules:
        metric = catalog.metric(rule.metric)
        drawn = _draw(rng, metric, values, rule.metric, draws)
        got = scoring.points(rule, metric.higher_is_better, drawn, targets[rule.metric])
        enough = values[f"enough__{rule.metric}"].fillna(False).astype(bool).to_numpy()
        earned += np.where(enough[:, None], got, 0.0)
    weight = scored["coverage"].to_numpy(dtype=float)
    scale = np.divide(100.0, weight, out=np.zeros(size), where=weight > 0)
    totals = earned * scale[:, None]
    for rule in version.deductions:
        count = np.nan_to_num(values[f"count__{rule.id}"].to_numpy(dtype=float), nan=0.0)
        totals -= scoring.deduction(
            rule, rng.poisson(np.maximum(count, 0.0)[:, None], (size, draws))
        )
    totals = np.maximum(totals, 0.0)  # deductions stop at zero, as in scoring.score
    has_total = scored["total"].notna().to_numpy()
    totals[~has_total] = np.nan
    return totals


def _draw(rng, metric, values: pd.DataFrame, metric_id: str, draws: int) -> np.ndarray:
    value = values[f"value__{metric_id}"].to_numpy(dtype=float)
    size = len(value)
    num = _column(values, f"num__{metric_id}", size)
    den = _column(values, f"den__{metric_id}", size)
    if metric.kind == "share" and np.isfinite(num).any():
        ok = np.isfinite(num) & np.isfinite(den) & (den > 0)
        a = np.where(ok, np.clip(num, 0, None) + 0.5, 1.0)
        b = np.where(ok, np.clip(den - num, 0, None) + 0.5, 1.0)
        drawn = rng.beta(a[:, None], b[:, None], (size, draws))
        return np.where(ok[:, None], drawn, value[:, None])
    low = _column(values, f"low__{metric_id}", size)
    high = _column(values, f"high__{metric_id}", size)
    sd = np.nan_to_num((high - low) / Z95, nan=0.0)
    return value[:, None] + sd[:, None] * rng.standard_normal((size, draws))


def _column(values: pd.DataFrame, name: str, size: int) -> np.ndarray:
    if name not in values:
        return np.full(size, np.nan)
    return values[name].to_numpy(dtype=float)


def intervals(totals: np.ndarray, estimate, groups=None) -> pd.DataFrame:
    """Per unit: total_low, total_high, rank (of the estimate), rank_low, rank_high (rank 1 the
    best, within each group when groups are given), band and verdict (ahead, behind, middle)."""
    # totals are sums of scaled points: round off the last bits so equal totals rank equal
    estimate = np.round(np.asarray(estimate, dtype=float), 9)
    size = len(estimate)
    groups = np.zeros(size, dtype=int) if groups is None else pd.factorize(pd.Series(groups))[0]
    out = pd.DataFrame(
        {
            "total_low": np.full(size, np.nan),
            "total_high": np.full(size, np.nan),
            "rank": np.full(size, np.nan),
            "rank_low": np.full(size, np.nan),
            "rank_high": np.full(size, np.nan),
            "band": np.full(size, np.nan),
            "verdict": pd.Series([None] * size, dtype=object),
        }
    )
    has = np.isfinite(estimate)
    if has.any():
        out.loc[has, "total_low"] = np.percentile(totals[has], 2.5, axis=1)
        out.loc[has, "total_high"] = np.percentile(totals[has], 97.5, axis=1)
    for group in np.unique(groups):
        members = np.flatnonzero((groups == group) & has)
        if not len(members):
            continue
        ranks = rankdata(-np.round(totals[members], 9), axis=0, method="min")
        out.loc[members, "rank"] = rankdata(-estimate[members], method="min")
        out.loc[members, "rank_low"] = np.quantile(ranks, 0.025, axis=1, method="inverted_cdf")
        out.loc[members, "rank_high"] = np.quantile(ranks, 0.975, axis=1, method="inverted_cdf")
        _bands(out, members, estimate)
        middle = (len(members) + 1) / 2
        low, high = out.loc[members, "rank_low"], out.loc[members, "rank_high"]
        out.loc[members, "verdict"] = np.where(
            high < middle, "ahead", np.where(low > middle, "behind", "middle")
        )
    return out


def _bands(out: pd.DataFrame, members: np.ndarray, estimate: np.ndarray) -> None:
    """Best first, a unit joins the band of the unit that opened it while its rank interval
    reaches that unit's; otherwise it opens the next band. Every member of a band therefore
    cannot be told apart from the band's best."""
    order = members[np.argsort(-estimate[members], kind="stable")]
    band, opener = 0, None
    for unit in order:
        if opener is None or out.at[unit, "rank_low"] > out.at[opener, "rank_high"]:
            band, opener = band + 1, unit
        out.at[unit, "band"] = band


def verdict_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many units are clearly ahead (the whole rank interval in the better half), clearly
    behind, and in the middle (cannot be told apart from it); `ranked` is their sum."""
    counts = frame["verdict"].value_counts()
    out = {k: int(counts.get(k, 0)) for k in ("ahead", "behind", "middle")}
    out["ranked"] = sum(out.values())
    return out
