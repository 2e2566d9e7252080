"""Is a series going up or down, by how much a month, and is that more than noise?

Sen's slope (scipy's Theil-Sen estimator, with its 95% interval) gives the size of the trend;
the Mann-Kendall test on the pre-whitened series (Yue & Wang 2002: lag-1 autocorrelation taken
out first, because service series carry last week into this week) says whether it is
significant. STL (statsmodels) splits a daily or weekly series into trend, season and rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.tsa.seasonal import STL
from statsmodels.tsa.stattools import acf

ALPHA = 0.05
MIN_POINTS = 6  # fewer points say nothing about a trend
DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True)
class Trend:
    """The trend of one series: slope per month with its interval and the test's verdict."""

    points: int
    slope: float  # per month, in the metric's unit
    low: float
    high: float
    p_value: float
    significant: bool

    @property
    def direction(self) -> str:
        """'up', 'down' or 'flat' (not significant)."""
        if not self.significant:
            return "flat"
        return "up" if self.slope > 0 else "down"


def mann_kendall(values) -> tuple[float, float, float, float]:
    """Mann-Kendall S, its variance (ties corrected), the continuity-corrected z and the
    two-sided p-value of a series in time order (nan values left out)."""
    y = np.asarray(values, dtype=float)
    y = y[~np.isnan(y)]
    n = y.size
    if n < 3:
        return math.nan, math.nan, math.nan, math.nan
    signs = np.sign(y[None, :] - y[:, None])
    s = float(np.triu(signs, k=1).sum())
    _, ties = np.unique(y, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - np.sum(ties * (ties - 1) * (2 * ties + 5))) / 18
    if var <= 0:
        return s, float(var), 0.0, 1.0
    z = (s - np.sign(s)) / math.sqrt(var)
    return s, float(var), float(z), float(2 * sps.norm.sf(abs(z)))


def prewhiten(values) -> np.ndarray:
    """y[t] - r1 * y[t-1], with r1 the lag-1 autocorrelation (biased estimator, as Yue & Wang)."""
    y = np.asarray(values, dtype=float)
    y = y[~np.isnan(y)]
    if y.size < 3 or np.all(y == y[0]):
        return y
    r1 = float(acf(y, nlags=1, fft=False)[1])
    return y[1:] - r1 * y[:-1]


def trend(months, values) -> Trend | None:
    """Sen's slope per month of `values` observed at `months` (time in months, any origin),
    and the pre-whitened Mann-Kendall test; None when there are too few points."""
    t = np.asarray(months, dtype=float)
    y = np.asarray(values, dtype=float)
    ok = ~(np.isnan(t) | np.isnan(y))
    t, y = t[ok], y[ok]
    if y.size < MIN_POINTS or np.ptp(t) == 0:
        return None
    if np.all(y == y[0]):
        return Trend(int(y.size), 0.0, 0.0, 0.0, 1.0, False)
    slope, _, low, high = sps.theilslopes(y, t, alpha=1 - ALPHA)
    p = mann_kendall(prewhiten(y))[3]
    p = 1.0 if math.isnan(p) else p
    return Trend(int(y.size), float(slope), float(low), float(high), p, p < ALPHA)


def months_since(days, origin) -> np.ndarray:
    """Time in months (of 30.44 days) from `origin` to each date (whole days, in numpy: a
    line of the Trends page at a time)."""
    at = np.asarray(days, dtype="datetime64[D]")
    return (at - np.datetime64(pd.Timestamp(origin).date(), "D")).astype(float) / DAYS_PER_MONTH


def seasonal_period(grain: str) -> int | None:
    """The season STL looks for: a week of days, a year of weeks; None for other grains."""
    return {"day": 7, "week": 52}.get(grain)


def decompose(values: pd.Series, grain: str) -> pd.DataFrame | None:
    """STL of an evenly spaced series (gaps filled by linear interpolation): columns observed,
    trend, seasonal, resid. None when the grain has no season or the series is too short
    (STL needs two full seasons)."""
    period = seasonal_period(grain)
    if period is None:
        return None
    y = values.astype(float).interpolate(limit_direction="both")
    if y.notna().sum() < 2 * period + 1 or y.isna().any():
        return None
    fit = STL(y.to_numpy(), period=period, robust=True).fit()
    return pd.DataFrame(
        {
            "observed": y.to_numpy(),
            "trend": fit.trend,
            "seasonal": fit.seasonal,
            "resid": fit.resid,
        },
        index=values.index,
    )
