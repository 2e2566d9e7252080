"""Intervals, tests of change and funnel limits for service-quality scores.

Every function takes scalars or numpy arrays (broadcast together) and returns numpy floats
or arrays; an empty or unusable sample (n = 0, say) gives nan rather than an exception.
Shares are on the 0..1 scale and NPS on the -100..100 point scale unless said otherwise.
"""

import functools

import numpy as np
from scipy import special
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

FUNNEL_KINDS = ("share", "rate", "mean")


def _f(*values):
    """Broadcast the inputs to float arrays of one shape."""
    return np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in values))


def _out(x):
    """A numpy scalar for 0-d results, the array otherwise."""
    return np.asarray(x, dtype=float)[()]


@functools.cache  # scipy's ppf costs 0.2 ms a call, and a page asks for it hundreds of times
def _z(confidence):
    """Two-sided normal critical value for a confidence level in (0, 1)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    return sps.norm.ppf(0.5 + confidence / 2)


def _two_sided_normal_p(z):
    return 2 * special.ndtr(-np.abs(z))  # norm.sf, without scipy's argument checks


def wilson_interval(successes, n, confidence=0.95):
    """Wilson score interval (low, high) for the share successes / n: the closed form
    statsmodels' proportion_confint(method="wilson") computes (tests/test_stats.py holds the
    two together), without its argument checks, which were most of a page's statistics time.
    None or all successes give the bound 0 or 1 exactly."""
    z2 = _z(confidence) ** 2
    x, n = _f(successes, n)
    ok = (n > 0) & (x >= 0) & (x <= n)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1 + z2 / n
        center = (p + z2 / (2 * n)) / denom
        half = np.sqrt(z2 * (p * (1 - p) / n + z2 / (4 * n**2))) / denom
    # the float arithmetic leaves 1e-14 either side of an exact 0 or 1
    low = np.where(x == 0, 0.0, center - half)
    high = np.where(x == n, 1.0, center + half)
    return _out(np.where(ok, low, np.nan)), _out(np.where(ok, high, np.nan))


def nps_variance(promoters, passives, detractors):
    """Variance of the NPS estimate on the -1..1 scale: (p + d - (p - d)**2) / n."""
    pro, pas, det = _f(promoters, passives, detractors)
    n = pro + pas + det
    with np.errstate(divide="ignore", invalid="ignore"):
        p, d = pro / n, det / n
        var = (p + d - (p - d) ** 2) / n
    return _out(np.where(n > 0, var, np.nan))


def nps_interval(promoters, passives, detractors, confidence=0.95):
    """NPS and its adjusted-Wald interval (Rocks 2016), as (nps, low, high) in points.

    The point estimate is the plain (promoters - detractors) / n. Only the interval is adjusted:
    add 3 to n and 3/4 to promoters and to detractors, centre on the adjusted NPS' with variance
    (p' + d' - NPS'**2) / (n + 3), and clip to -100..100.
    """
    z = _z(confidence)
    pro, pas, det = _f(promoters, passives, detractors)
    n = pro + pas + det
    ok = n > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        nps = (pro - det) / n
    n_adj = n + 3
    p_adj, d_adj = (pro + 0.75) / n_adj, (det + 0.75) / n_adj
    nps_adj = p_adj - d_adj
    with np.errstate(invalid="ignore"):
        half = z * np.sqrt((p_adj + d_adj - nps_adj**2) / n_adj)
    low, high = np.clip(nps_adj - half, -1, 1), np.clip(nps_adj + half, -1, 1)
    return tuple(_out(np.where(ok, 100 * v, np.nan)) for v in (nps, low, high))


def mean_interval(total, total_sq, n, confidence=0.95):
    """Mean and t interval (mean, low, high) from additive sums: sum, sum of squares, n.

    The sample variance divides by n - 1, so the bounds are nan when n < 2.
    """
    _z(confidence)
    s, ss, n = _f(total, total_sq, n)
    two = n >= 2
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n > 0, s / n, np.nan)
        # rounding can push a zero variance slightly below zero
        var = np.maximum(ss - s * mean, 0) / (n - 1)
        t = special.stdtrit(np.where(two, n - 1, 1), 0.5 + confidence / 2)  # t.ppf
        half = np.where(two, t * np.sqrt(var / n), np.nan)
    return _out(mean), _out(mean - half), _out(mean + half)


def poisson_rate_interval(count, exposure, confidence=0.95):
    """Rate count / exposure with its exact Garwood (chi-square) interval (rate, low, high).

    A count of 0 gives a low bound of exactly 0.
    """
    alpha = 1 - confidence
    _z(confidence)
    k, e = _f(count, exposure)
    ok = (e > 0) & (k >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = k / e
        # chi2.ppf(q, 2k) / 2 is gammaincinv(k, q), the function scipy's chi2.ppf calls
        low = np.where(k > 0, special.gammaincinv(k, alpha / 2), 0.0) / e
        high = special.gammaincinv(k + 1, 1 - alpha / 2) / e
    return tuple(_out(np.where(ok, v, np.nan)) for v in (rate, low, high))


def two_proportion_pvalue(x1, n1, x2, n2):
    """Two-sided p-value of the pooled two-proportion z test (statsmodels proportions_ztest)."""
    x1, n1, x2, n2 = _f(x1, n1, x2, n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (x1 / n1 - x2 / n2) / se
    ok = (n1 > 0) & (n2 > 0) & (se > 0)
    return _out(np.where(ok, _two_sided_normal_p(z), np.nan))


def mean_difference_pvalue(sum1, sumsq1, n1, sum2, sumsq2, n2):
    """Two-sided p-value of Welch's t test from sums (scipy ttest_ind_from_stats, unequal var)."""
    s1, ss1, n1, s2, ss2, n2 = _f(sum1, sumsq1, n1, sum2, sumsq2, n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        m1, m2 = s1 / n1, s2 / n2
        w1 = np.maximum(ss1 - s1 * m1, 0) / (n1 - 1) / n1  # squared standard errors
        w2 = np.maximum(ss2 - s2 * m2, 0) / (n2 - 1) / n2
        t = (m1 - m2) / np.sqrt(w1 + w2)
        df = (w1 + w2) ** 2 / (w1**2 / (n1 - 1) + w2**2 / (n2 - 1))
        p = 2 * special.stdtr(df, -np.abs(t))  # t.sf
    ok = (n1 >= 2) & (n2 >= 2) & (w1 + w2 > 0)
    return _out(np.where(ok, p, np.nan))


def nps_difference_pvalue(p1, pa1, d1, p2, pa2, d2):
    """Two-sided p-value of the z test on NPS1 - NPS2, each with the variance of nps_variance."""
    v1, v2 = nps_variance(p1, pa1, d1), nps_variance(p2, pa2, d2)
    p1, pa1, d1, p2, pa2, d2 = _f(p1, pa1, d1, p2, pa2, d2)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = (p1 - d1) / (p1 + pa1 + d1) - (p2 - d2) / (p2 + pa2 + d2)
        z = diff / np.sqrt(v1 + v2)
    ok = np.isfinite(v1) & np.isfinite(v2) & (v1 + v2 > 0)
    return _out(np.where(ok, _two_sided_normal_p(z), np.nan))


def poisson_rate_pvalue(count1, exposure1, count2, exposure2):
    """Two-sided p-value for equal Poisson rates: the score test on the rate ratio.

    Same as statsmodels test_poisson_2indep with its default (method="score", compare="ratio").
    """
    y1, e1, y2, e2 = _f(count1, exposure1, count2, exposure2)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = e1 / e2  # expected count1 / count2 under equal rates
        z = (y1 - y2 * r) / np.sqrt((y1 + y2) * r)
    ok = (e1 > 0) & (e2 > 0) & (y1 >= 0) & (y2 >= 0) & (y1 + y2 > 0)
    return _out(np.where(ok, _two_sided_normal_p(z), np.nan))


def adjust_pvalues(pvalues):
    """Benjamini-Hochberg adjusted p-values; nans stay nan and do not count as tests."""
    p = np.asarray(pvalues, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        adjusted[ok] = multipletests(p[ok], method="fdr_bh")[1]
    return _out(adjusted)


def percentile_from_histogram(lower_bounds, counts, q, upper_bound_of_last=None):
    """The q-quantile (0 < q < 1) of a histogram, linear within the bucket that holds it.

    Bucket i spans lower_bounds[i]..lower_bounds[i + 1]. The last bucket is open unless
    upper_bound_of_last is given: a quantile that falls in an open last bucket is returned as
    that bucket's lower bound, so it is a lower bound of the true quantile (as Prometheus's
    histogram_quantile does for its +Inf bucket). An empty histogram gives nan.
    """
    if not 0 < q < 1:
        raise ValueError(f"q must be in (0, 1), got {q!r}")
    lows = np.asarray(lower_bounds, dtype=float)
    counts = np.asarray(counts, dtype=float)
    if lows.ndim != 1 or lows.shape != counts.shape or lows.size == 0:
        raise ValueError("lower_bounds and counts must be 1-D arrays of one non-zero length")
    if np.any(np.diff(lows) <= 0) or np.any(counts < 0):
        raise ValueError("lower_bounds must increase and counts must be >= 0")
    cum = np.cumsum(counts)
    if cum[-1] <= 0:
        return np.float64(np.nan)
    rank = q * cum[-1]
    # the first bucket whose cumulative count reaches the rank (empty buckets never do)
    i = int(np.searchsorted(cum, rank, side="left"))
    last = i == lows.size - 1
    if last and upper_bound_of_last is None:
        return np.float64(lows[i])
    high = upper_bound_of_last if last else lows[i + 1]
    before = cum[i] - counts[i]
    return np.float64(lows[i] + (rank - before) / counts[i] * (high - lows[i]))


def _poisson_funnel_count(p, mean):
    """Spiegelhalter's (2005) interpolated p-quantile of a Poisson(mean) count."""
    r = sps.poisson.ppf(p, mean)
    cdf, pmf = sps.poisson.cdf(r, mean), sps.poisson.pmf(r, mean)
    with np.errstate(divide="ignore", invalid="ignore"):
        return r - (cdf - p) / pmf


def funnel_limits(target, n, kind, confidence=0.95, sd=None):
    """Funnel-plot control limits (low, high) around a target, narrowing as n grows.

    kind "share": target p with n respondents, p -/+ z * sqrt(p(1 - p) / n), clipped to 0..1.
    kind "rate": target rate per unit of exposure n; exact Poisson limits, i.e. Spiegelhalter's
    (2005) interpolated quantiles of Poisson(target * n), divided by n.
    kind "mean": target -/+ z * sd / sqrt(n); sd (the unit-level standard deviation) is required.
    """
    z = _z(confidence)
    if kind not in FUNNEL_KINDS:
        raise ValueError(f"kind must be one of {FUNNEL_KINDS}, got {kind!r}")
    if kind == "mean" and sd is None:
        raise ValueError('kind "mean" needs sd')
    target, n = _f(target, n)
    ok = n > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "share":
            half = z * np.sqrt(target * (1 - target) / n)
            low, high = np.clip(target - half, 0, 1), np.clip(target + half, 0, 1)
            ok &= (target >= 0) & (target <= 1)
        elif kind == "rate":
            alpha = 1 - confidence
            mean = target * n
            low = np.maximum(_poisson_funnel_count(alpha / 2, mean), 0) / n
            high = _poisson_funnel_count(1 - alpha / 2, mean) / n
            ok &= target > 0
        else:
            half = z * np.asarray(sd, dtype=float) / np.sqrt(n)
            low, high = target - half, target + half
    return _out(np.where(ok, low, np.nan)), _out(np.where(ok, high, np.nan))


def _funnel_z(values, n, target, kind, sd):
    """Each unit's z-score against the target and its standard error, as funnel_limits has
    them (binomial for "share", Poisson for "rate", sd / sqrt(n) for "mean"), flattened, the
    units with n <= 0 or no finite z left out."""
    if kind not in FUNNEL_KINDS:
        raise ValueError(f"kind must be one of {FUNNEL_KINDS}, got {kind!r}")
    if kind == "mean" and sd is None:
        raise ValueError('kind "mean" needs sd')
    values, n, target = _f(values, n, target)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "share":
            se = np.sqrt(target * (1 - target) / n)
        elif kind == "rate":
            se = np.sqrt(target / n)
        else:
            se = np.asarray(sd, dtype=float) / np.sqrt(n)
        z = ((values - target) / se).ravel()
    se = np.broadcast_to(se, values.shape).ravel()
    keep = np.isfinite(z) & (n.ravel() > 0)
    return z[keep], se[keep]


def _winsorised_phi(z, winsor):
    """mean(z**2) after z is winsorised at the `winsor` and 1 - `winsor` percentiles."""
    if not 0 <= winsor < 0.5:
        raise ValueError(f"winsor must be in [0, 0.5), got {winsor!r}")
    if winsor > 0:
        low, high = np.percentile(z, [100 * winsor, 100 * (1 - winsor)])
        z = np.clip(z, low, high)
    return float(np.mean(z**2))


def overdispersion_phi(values, n, target, kind, sd=None, alpha=0.05, winsor=0.1):
    """Multiplicative overdispersion factor phi of Spiegelhalter (2005) for a funnel plot.

    Each unit's z-score against the target (standard error as in funnel_limits: binomial for
    "share", Poisson for "rate", sd / sqrt(n) for "mean") is winsorised at the `winsor` and
    1 - `winsor` percentiles (10 % each end by default; linear interpolation, as R's default
    quantile used by FunnelPlotR; 0 keeps every z), and phi = mean(z**2). With I units,
    I * phi is tested against the upper alpha point of a chi-square with I - 1 degrees of
    freedom (one is spent on a target taken from the same units). When that test finds no
    overdispersion (or phi <= 1) the result is 1.0, so funnel limits can always be widened by
    sqrt(phi). Units with n <= 0 are skipped; nan when none is left, 1.0 for a single unit.
    Winsorising tolerates outliers up to the share it trims at each end: a peer group in which
    more units stand out than that still inflates phi (and hides them).
    """
    z, _ = _funnel_z(values, n, target, kind, sd)
    units = z.size
    if units == 0:
        return np.float64(np.nan)
    if units == 1:
        return np.float64(1.0)
    phi = _winsorised_phi(z, winsor)
    if phi <= 1 or units * phi <= sps.chi2.ppf(1 - alpha, units - 1):
        return np.float64(1.0)
    return np.float64(phi)


def overdispersion_tau2(values, n, target, kind, sd=None, alpha=0.05, winsor=0.1):
    """Additive random-effects variance tau² of Spiegelhalter (2005), the alternative to phi:
    tau² = (I * phi - (I - 1)) / (sum(w) - sum(w²) / sum(w)), w = 1 / se², with phi the
    winsorised mean of z² as in overdispersion_phi (the DerSimonian-Laird estimate when
    nothing is winsorised and the target is the weighted mean). The limits become
    target -/+ z * sqrt(se² + tau²). 0.0 when overdispersion_phi finds none; nan when no
    unit is usable.
    """
    z, se = _funnel_z(values, n, target, kind, sd)
    if z.size == 0:
        return np.float64(np.nan)
    if overdispersion_phi(values, n, target, kind, sd, alpha, winsor) == 1.0:
        return np.float64(0.0)
    w = 1 / se**2
    phi = _winsorised_phi(z, winsor)
    tau2 = (z.size * phi - (z.size - 1)) / (w.sum() - (w**2).sum() / w.sum())
    return np.float64(max(tau2, 0.0))
