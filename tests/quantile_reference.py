"""A one-histogram-at-a-time statement of the quantile and its distribution-free interval, the
oracle for pulse.histograms.quantiles: the value by stats.percentile_from_histogram (checked
against numpy in test_stats), the interval by the order statistics whose ranks bracket n*q
with 95 % binomial probability (normal approximation, as in Conover, Practical Nonparametric
Statistics, 3rd ed., 3.2)."""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm

from pulse import stats


def quantile_with_interval(bounds, counts, q: float, confidence: float = 0.95):
    """(value, low, high, n) of one histogram; NaNs and n = 0 when it is empty."""
    counts = np.asarray(counts, dtype=float)
    n = float(counts.sum())
    if n == 0:
        return math.nan, math.nan, math.nan, 0.0
    z = float(norm.ppf(0.5 + confidence / 2))
    spread = z * math.sqrt(n * q * (1 - q))
    q_low = max(math.floor(n * q - spread), 1) / n
    q_high = min(math.ceil(n * q + spread) + 1, n) / n

    def at(p: float) -> float:
        return float(stats.percentile_from_histogram(bounds, counts, min(max(p, 1e-9), 1 - 1e-9)))

    return at(q), at(q_low), at(q_high), n
