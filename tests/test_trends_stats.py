"""Trend statistics against independent implementations: pymannkendall (Hussain & Mahmud
2019) for the Mann-Kendall test and Sen's slope, statsmodels for STL."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pymannkendall
import pytest

from pulse import trend_stats


def ar1(n: int, phi: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y = np.zeros(n)
    e = rng.normal(size=n)
    for t in range(1, n):
        y[t] = phi * y[t - 1] + e[t]
    return y


@pytest.mark.parametrize("seed", range(5))
def test_mann_kendall_matches_pymannkendall(seed):
    y = np.round(ar1(80, 0.3, seed) + 0.02 * np.arange(80), 1)  # rounding makes ties
    s, var, z, p = trend_stats.mann_kendall(y)
    ref = pymannkendall.original_test(y)
    assert (s, var, z, p) == pytest.approx((ref.s, ref.var_s, ref.z, ref.p), rel=1e-10)


@pytest.mark.parametrize("seed", range(5))
def test_prewhitened_test_matches_pymannkendall(seed):
    y = ar1(104, 0.6, seed) + 0.01 * np.arange(104)
    p = trend_stats.mann_kendall(trend_stats.prewhiten(y))[3]
    ref = pymannkendall.pre_whitening_modification_test(y)
    assert p == pytest.approx(ref.p, rel=1e-9)


def test_sens_slope_matches_pymannkendall_and_is_per_month():
    y = ar1(52, 0.2, 3) + 0.5 * np.arange(52)
    months = np.arange(52) * 7 / trend_stats.DAYS_PER_MONTH  # weekly points
    found = trend_stats.trend(months, y)
    per_week = pymannkendall.sens_slope(y).slope
    assert found.slope == pytest.approx(per_week * trend_stats.DAYS_PER_MONTH / 7)
    assert found.low < found.slope < found.high
    assert found.significant and found.direction == "up"


def test_autocorrelated_noise_is_not_called_a_trend():
    # strongly autocorrelated noise fools the plain test far more often than the pre-whitened
    fooled_plain = fooled_pw = 0
    for seed in range(60):
        y = ar1(104, 0.7, 100 + seed)
        fooled_plain += trend_stats.mann_kendall(y)[3] < 0.05
        fooled_pw += trend_stats.trend(np.arange(104), y).significant
    assert fooled_pw <= 8 < fooled_plain


def test_too_few_points_or_a_flat_series():
    assert trend_stats.trend(range(4), [1, 2, 3, 4]) is None
    flat = trend_stats.trend(range(10), [5.0] * 10)
    assert flat.slope == 0 and not flat.significant and flat.direction == "flat"


def test_stl_splits_a_weekly_pattern_from_a_trend():
    days = pd.date_range("2026-01-05", periods=12 * 7, freq="D")
    weekday = np.tile([3.0, 0, 0, 0, 0, -1.5, -1.5], 12)
    y = pd.Series(100 + 0.1 * np.arange(84) + weekday, index=days)
    y.iloc[10] = np.nan  # a gap is interpolated
    parts = trend_stats.decompose(y, "day")
    assert list(parts.columns) == ["observed", "trend", "seasonal", "resid"]
    assert parts["seasonal"].iloc[14:21].to_numpy() == pytest.approx(weekday[:7], abs=0.3)
    assert parts["trend"].diff().iloc[20:60].mean() == pytest.approx(0.1, abs=0.02)
    assert trend_stats.decompose(y.iloc[:10], "day") is None
    assert trend_stats.decompose(y, "month") is None
