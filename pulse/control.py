"""Control charts suited to each kind of metric, and the points they flag.

- shares: p-chart, limits p̄ ± 3·sqrt(p̄(1−p̄)/nᵢ) that vary with each point's n;
- rates and counts: u-chart, ū ± 3·sqrt(ū/eᵢ) with eᵢ the exposure (subscribers, or days);
- means, NPS and quantiles: individuals (XmR) chart, x̄ ± 3·MR̄/1.128.

Service volumes are large, so a p- or u-chart's binomial or Poisson limits are far narrower
than the honest week-to-week variation and would flag nearly every point. Laney (2002) widens
them by σz, the moving-range spread of the points' z-scores; σz is reported with the chart.
A run of RUN_LENGTH points on one side of the centre line marks a sustained shift.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

SIGMAS = 3.0
D2 = 1.128  # mean moving range of two normal observations, in standard deviations
RUN_LENGTH = 8  # Western Electric: eight in a row on one side of the centre
CHARTS = {
    "share": "p",
    "rate": "u",
    "count": "u",
    "mean": "i",
    "nps": "i",
    "quantile": "i",
}


@dataclass(frozen=True)
class Chart:
    """One control chart: its type, centre, per-point limits, and what it flags."""

    chart: str  # p, u or i
    centre: np.ndarray  # per point: a u-chart of counts scales with each point's days
    lower: np.ndarray
    upper: np.ndarray
    values: np.ndarray
    sigma_z: float | None = None  # Laney's widening factor (p and u charts)

    @property
    def above(self) -> np.ndarray:
        """Points above the upper limit."""
        return self.values > self.upper

    @property
    def below(self) -> np.ndarray:
        """Points below the lower limit."""
        return self.values < self.lower

    @property
    def runs(self) -> np.ndarray:
        """Points that belong to a run of RUN_LENGTH or more on one side of the centre."""
        return runs(self.values, self.centre)


def _moving_range_sigma(z: np.ndarray) -> float:
    z = z[np.isfinite(z)]
    if z.size < 2:
        return float("nan")
    return float(np.mean(np.abs(np.diff(z))) / D2)


def p_chart(successes, n, laney: bool = True) -> Chart:
    """p-chart (Laney p′ when laney) of successes / n per point."""
    x, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    ok = n > 0
    p_bar = x[ok].sum() / n[ok].sum() if ok.any() else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(ok, x / n, np.nan)
        sigma = np.sqrt(p_bar * (1 - p_bar) / n)
    return _attribute("p", p, np.full(p.shape, p_bar), sigma, laney, upper_cap=1.0)


def u_chart(counts, exposure, laney: bool = True, per_point: bool = False) -> Chart:
    """u-chart (Laney u′ when laney) of counts per unit of exposure. With per_point the chart
    shows each point's count itself (centre and limits scaled by its exposure), as counts
    per week or month read more naturally than counts per day."""
    c, e = np.asarray(counts, dtype=float), np.asarray(exposure, dtype=float)
    ok = e > 0
    u_bar = c[ok].sum() / e[ok].sum() if ok.any() else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        u = np.where(ok, c / e, np.nan)
        sigma = np.sqrt(u_bar / e)
    chart = _attribute("u", u, np.full(u.shape, u_bar), sigma, laney)
    if not per_point:
        return chart
    return Chart(
        "u", chart.centre * e, chart.lower * e, chart.upper * e, chart.values * e, chart.sigma_z
    )


def _attribute(kind, values, centre, sigma, laney, upper_cap=None) -> Chart:
    sigma_z = None
    if laney:
        with np.errstate(divide="ignore", invalid="ignore"):
            sigma_z = _moving_range_sigma((values - centre) / sigma)
        if not np.isfinite(sigma_z):
            sigma_z = 1.0
    width = SIGMAS * sigma * (sigma_z if sigma_z is not None else 1.0)
    lower = np.maximum(centre - width, 0.0)
    upper = centre + width if upper_cap is None else np.minimum(centre + width, upper_cap)
    return Chart(kind, centre, lower, upper, values, sigma_z)


def individuals(values, floor: float | None = None) -> Chart:
    """Individuals chart: centre the mean, σ the mean moving range / 1.128; the lower limit
    no lower than `floor` (0 for a metric that cannot go negative)."""
    y = np.asarray(values, dtype=float)
    ok = np.isfinite(y)
    centre = float(np.mean(y[ok])) if ok.any() else np.nan
    sigma = _moving_range_sigma(y)
    full = np.full(y.shape, centre)
    lower = full - SIGMAS * sigma
    if floor is not None:
        lower = np.maximum(lower, floor)
    return Chart("i", full, lower, full + SIGMAS * sigma, y)


def runs(values, centre, length: int = RUN_LENGTH) -> np.ndarray:
    """True for every point inside a run of `length` or more consecutive points strictly on
    one side of the centre (a point on the centre or missing ends a run)."""
    y = np.asarray(values, dtype=float)
    side = np.sign(y - np.asarray(centre, dtype=float))
    side[~np.isfinite(side)] = 0
    flagged = np.zeros(y.shape, dtype=bool)
    start = 0
    for i in range(1, y.size + 1):
        if i == y.size or side[i] != side[start] or side[i] == 0:
            if side[start] != 0 and i - start >= length:
                flagged[start:i] = True
            start = i
    return flagged


def signals(chart: Chart, starts: pd.Series, ends: pd.Series) -> pd.DataFrame:
    """The chart's signals, one row each: points outside the limits ('above', 'below') and
    the first point of each run ('shift_up', 'shift_down'), with the dates they cover."""
    rows = []
    for i in np.flatnonzero(chart.above | chart.below):
        kind = "above" if chart.above[i] else "below"
        rows.append((i, kind))
    flagged = chart.runs
    for i in np.flatnonzero(flagged):
        if i == 0 or not flagged[i - 1] or _side(chart, i) != _side(chart, i - 1):
            rows.append((i, "shift_up" if _side(chart, i) > 0 else "shift_down"))
    rows.sort()
    return pd.DataFrame(
        {
            "index": [i for i, _ in rows],
            "signal": [k for _, k in rows],
            "starts_on": [starts.iloc[i] for i, _ in rows],
            "ends_on": [ends.iloc[i] for i, _ in rows],
            "value": [chart.values[i] for i, _ in rows],
            "lower": [chart.lower[i] for i, _ in rows],
            "upper": [chart.upper[i] for i, _ in rows],
            "centre": [chart.centre[i] for i, _ in rows],
        }
    )


def _side(chart: Chart, i: int) -> float:
    return float(np.sign(chart.values[i] - chart.centre[i]))


AFTER_EFFECT_DAYS = 7  # an outage still shows in the days after it ends
SHIFT_LEAD_BUCKETS = 2  # a shift may surface a point or two before or after its cause


def explain(found: pd.DataFrame, events: pd.DataFrame, bucket_days: int) -> pd.DataFrame:
    """Match each signal with the events that explain it: an event overlapping a flagged
    point (or ending at most AFTER_EFFECT_DAYS before it), or an event starting within
    SHIFT_LEAD_BUCKETS points of a shift's first point. Adds event_ids (a list, maybe empty)."""
    if not len(events) or not len(found):
        return found.assign(event_ids=[[] for _ in range(len(found))])
    starts, ends = stamps(events["starts_on"]), stamps(events["ends_on"])
    return found.assign(
        event_ids=match(found, starts, ends, events["event_id"].to_numpy(), bucket_days)
    )


def match(found: pd.DataFrame, ev_start, ev_end, ids, bucket_days: int) -> list[list]:
    """explain's matching on the events' own arrays (start and end as numpy nanoseconds,
    ids): each signal's event ids, a list (maybe empty) per row of `found`."""
    lead = np.timedelta64(bucket_days * SHIFT_LEAD_BUCKETS, "D")
    after = np.timedelta64(AFTER_EFFECT_DAYS, "D")
    starts, ends = stamps(found["starts_on"]), stamps(found["ends_on"])
    matched = []
    for start, end, signal in zip(starts, ends, found["signal"], strict=True):
        if signal.startswith("shift"):
            hit = (ev_start >= start - lead) & (ev_start <= end + lead)
        else:
            hit = (ev_start <= end) & (ev_end + after >= start)
        matched.append(list(ids[hit]))
    return matched


def stamps(column: pd.Series) -> np.ndarray:
    """A column of dates as numpy nanoseconds; one already of dates is not parsed again
    (pd.to_datetime took most of matching a line's signals, twice a line)."""
    if column.dtype.kind == "M":
        return column.to_numpy().astype("datetime64[ns]")
    return pd.to_datetime(column).to_numpy(dtype="datetime64[ns]")


STEP_DAYS = 91  # a step is judged on about a quarter before and after the event
STEP_MIN_POINTS = 3


def step_at(values, starts: pd.Series, day, bucket_days: int, alpha: float = 0.05) -> dict | None:
    """The level before and after `day` (an initiative's start): the mean of the points in
    the STEP_DAYS before and after it (the point holding the day left out), and Welch's
    t test of the difference. None when either side has fewer than STEP_MIN_POINTS."""
    y = np.asarray(values, dtype=float)
    when = pd.to_datetime(pd.Series(starts)).to_numpy(dtype="datetime64[ns]")
    day = np.datetime64(pd.Timestamp(day), "ns")
    reach = np.timedelta64(max(STEP_DAYS, STEP_MIN_POINTS * bucket_days), "D")
    bucket = np.timedelta64(bucket_days, "D")
    ok = np.isfinite(y)
    before = y[(when + bucket <= day) & (when >= day - reach) & ok]
    after = y[(when > day) & (when <= day + reach) & ok]
    if before.size < STEP_MIN_POINTS or after.size < STEP_MIN_POINTS:
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # identical values: no variance
        test = sps.ttest_ind(after, before, equal_var=False)
    p = float(test.pvalue) if np.isfinite(test.pvalue) else 1.0
    return {
        "before": float(before.mean()),
        "after": float(after.mean()),
        "p_value": p,
        "significant": p < alpha,
    }
