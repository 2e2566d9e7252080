"""pulse.stats against published values, statsmodels and scipy, never against itself."""

import numpy as np
import pytest
from scipy import stats as sps
from scipy.stats import mstats
from statsmodels.stats import rates as sm_rates
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest
from statsmodels.stats.weightstats import DescrStatsW

from pulse import stats

NAN = float("nan")


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998) Stat Med 17:857, Table I, method 3 (Wilson score, no correction)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe_1998(successes, n, low, high):
    got = stats.wilson_interval(successes, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_broadcasts_and_gives_nan_for_empty_samples():
    low, high = stats.wilson_interval(np.array([0, 5, 3]), np.array([0, 10, 2]))
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert np.isnan(low[2])  # more successes than trials
    assert (low[1], high[1]) == pytest.approx(proportion_confint(5, 10, method="wilson"))


@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_wilson_interval_is_statsmodels_wilson_to_the_last_digits(confidence):
    """The closed form in pulse.stats against statsmodels' own, over every count of small
    samples (none, all and one success included) and a few large ones."""
    sizes = np.array([1, 2, 3, 7, 20, 263, 10_000, 2_000_000])
    n = np.tile(sizes, 4)
    x = np.concatenate([np.zeros(8), np.ones(8), sizes // 3, sizes])
    got = stats.wilson_interval(x, n, confidence)
    want = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-13)
    assert (got[0][:8] == 0).all() and (got[1][-8:] == 1).all()  # exactly, not 1e-14 off


@pytest.mark.parametrize(
    ("promoters", "passives", "detractors", "expected"),
    [
        # By hand (Rocks 2016): n' = 103, p' = 50.75/103, d' = 20.75/103, NPS' = 0.29126,
        # var = (p' + d' - NPS'^2) / 103 = 0.0059160, half-width 1.95996 * 0.076915 = 0.15075
        (50, 30, 20, (30.0, 14.0511, 44.2013)),
        # n' = 8, p' = 0.71875, d' = 0.09375, NPS' = 0.625, var = 0.0527344, half-width 0.450086:
        # the top clips to 100
        (5, 0, 0, (100.0, 17.4914, 100.0)),
        (0, 0, 0, (NAN, NAN, NAN)),
    ],
)
def test_nps_interval_adjusted_wald_by_hand(promoters, passives, detractors, expected):
    got = stats.nps_interval(promoters, passives, detractors)
    assert got == pytest.approx(expected, abs=1e-4, nan_ok=True)


@pytest.mark.parametrize(("pro", "pas", "det"), [(50, 30, 20), (7, 2, 11), (120, 300, 80)])
def test_nps_interval_equals_wald_on_statsmodels_pseudo_observations(pro, pas, det):
    # Rocks' adjustment is a Wald interval of the mean score (+1, 0, -1) after adding
    # 3/4, 3/2 and 3/4 pseudo-respondents; statsmodels computes that mean and variance
    scores = DescrStatsW([1, 0, -1], weights=[pro + 0.75, pas + 1.5, det + 0.75])
    half = sps.norm.ppf(0.95) * np.sqrt(scores.var / scores.sum_weights)
    nps, low, high = stats.nps_interval(pro, pas, det, confidence=0.90)
    assert nps == pytest.approx(100 * (pro - det) / (pro + pas + det))
    assert (low, high) == pytest.approx((100 * (scores.mean - half), 100 * (scores.mean + half)))


@pytest.mark.parametrize(("pro", "pas", "det"), [(50, 30, 20), (7, 2, 11), (3, 0, 0)])
def test_nps_variance_is_the_variance_of_the_mean_score(pro, pas, det):
    scores = np.repeat([1.0, 0.0, -1.0], [pro, pas, det])
    assert stats.nps_variance(pro, pas, det) == pytest.approx(scores.var() / scores.size)


def test_nps_variance_is_nan_without_respondents():
    assert np.isnan(stats.nps_variance(0, 0, 0))


WAITS_S = np.array([12.0, 35.0, 7.0, 60.0, 18.0, 22.0, 41.0, 9.0])


@pytest.mark.parametrize("confidence", [0.90, 0.95, 0.99])
def test_mean_interval_from_sums_matches_statsmodels_on_raw_data(confidence):
    mean, low, high = stats.mean_interval(
        WAITS_S.sum(), (WAITS_S**2).sum(), WAITS_S.size, confidence
    )
    assert mean == pytest.approx(WAITS_S.mean())
    expected = DescrStatsW(WAITS_S).tconfint_mean(alpha=1 - confidence)
    assert (low, high) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("total", "total_sq", "n", "expected"),
    [
        (3.0, 9.0, 1, (3.0, NAN, NAN)),  # one value: a mean but no spread
        (0.0, 0.0, 0, (NAN, NAN, NAN)),
        (15.0, 75.0, 3, (5.0, 5.0, 5.0)),  # identical values: zero width, not nan
    ],
)
def test_mean_interval_small_samples(total, total_sq, n, expected):
    got = stats.mean_interval(total, total_sq, n)
    assert got == pytest.approx(expected, nan_ok=True)


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [
        (0, 0.0, 3.6889),  # the exact upper limit 3.689 quoted by R epitools' pois.exact
        (1, 0.0253, 5.5716),
        (2, 0.2422, 7.2247),
        (10, 4.7954, 18.3904),
    ],
)
def test_poisson_rate_interval_garwood_counts(count, low, high):
    rate, got_low, got_high = stats.poisson_rate_interval(count, 1.0)
    assert (rate, got_low, got_high) == pytest.approx((count, low, high), abs=1e-4)


@pytest.mark.parametrize(("count", "exposure"), [(0, 12.5), (3, 40.0), (57, 1000.0)])
def test_poisson_rate_interval_matches_statsmodels_exact(count, exposure):
    _, low, high = stats.poisson_rate_interval(count, exposure, confidence=0.9)
    expected = sm_rates.confint_poisson(count, exposure, method="exact-c", alpha=0.1)
    assert (low, high) == pytest.approx(expected)


def test_poisson_rate_interval_without_exposure_is_nan():
    assert np.isnan(stats.poisson_rate_interval(4, 0)).all()


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2"),
    [(45, 100, 30, 100), (812, 1000, 790, 1000), (3, 17, 9, 22), (0, 50, 4, 60)],
)
def test_two_proportion_pvalue_matches_statsmodels_and_chi_square(x1, n1, x2, n2):
    p = stats.two_proportion_pvalue(x1, n1, x2, n2)
    assert p == pytest.approx(proportions_ztest([x1, x2], [n1, n2])[1])
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    assert p == pytest.approx(sps.chi2_contingency(table, correction=False).pvalue)


def test_two_proportion_pvalue_nan_when_not_computable():
    got = stats.two_proportion_pvalue([0, 5, 10], [10, 0, 10], [0, 5, 10], [10, 10, 10])
    assert np.isnan(got).all()  # no variance, no sample, no variance


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (WAITS_S, np.array([20.0, 28.0, 31.0, 25.0, 40.0, 22.0])),
        (np.array([1.0, 2.0, 4.0]), np.array([10.0, 11.0, 15.0, 9.0, 12.0])),
    ],
)
def test_mean_difference_pvalue_matches_scipy_welch(a, b):
    got = stats.mean_difference_pvalue(a.sum(), (a**2).sum(), a.size, b.sum(), (b**2).sum(), b.size)
    assert got == pytest.approx(sps.ttest_ind(a, b, equal_var=False).pvalue)
    from_stats = sps.ttest_ind_from_stats(
        a.mean(), a.std(ddof=1), a.size, b.mean(), b.std(ddof=1), b.size, equal_var=False
    )
    assert got == pytest.approx(from_stats.pvalue)


def test_mean_difference_pvalue_nan_when_not_computable():
    assert np.isnan(stats.mean_difference_pvalue(1, 1, 1, 2, 4, 1))
    assert np.isnan(stats.mean_difference_pvalue(10, 50, 2, 10, 50, 2))  # no spread at all


@pytest.mark.parametrize(
    "counts", [((50, 30, 20), (40, 30, 30)), ((12, 5, 3), (30, 40, 30)), ((9, 0, 1), (9, 1, 0))]
)
def test_nps_difference_pvalue_matches_z_test_on_raw_scores(counts):
    s1, s2 = (np.repeat([1.0, 0.0, -1.0], c) for c in counts)
    se = np.sqrt(s1.var() / s1.size + s2.var() / s2.size)
    expected = 2 * sps.norm.sf(abs(s1.mean() - s2.mean()) / se)
    assert stats.nps_difference_pvalue(*counts[0], *counts[1]) == pytest.approx(expected)


def test_nps_difference_pvalue_nan_when_not_computable():
    assert np.isnan(stats.nps_difference_pvalue(10, 0, 0, 5, 0, 0))  # no variance
    assert np.isnan(stats.nps_difference_pvalue(0, 0, 0, 5, 2, 1))  # no respondents


@pytest.mark.parametrize(
    ("c1", "e1", "c2", "e2"), [(30, 100, 15, 100), (4, 2.5, 11, 3.0), (120, 9000, 95, 8000)]
)
def test_poisson_rate_pvalue_matches_statsmodels_default(c1, e1, c2, e2):
    expected = sm_rates.test_poisson_2indep(c1, e1, c2, e2).pvalue
    assert stats.poisson_rate_pvalue(c1, e1, c2, e2) == pytest.approx(expected)


def test_poisson_rate_pvalue_nan_without_events_or_exposure():
    assert np.isnan(stats.poisson_rate_pvalue([0, 3], [1, 0], [0, 3], [1, 1])).all()


# Benjamini & Hochberg (1995) JRSS B 57:289, section 3.2: 15 sorted p-values; their procedure
# at q = 0.05 rejects the four smallest (Bonferroni rejects three)
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459]
BH_1995 += [0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0]


def test_adjust_pvalues_reproduces_benjamini_hochberg_example():
    adjusted = stats.adjust_pvalues(BH_1995)
    assert (adjusted <= 0.05).sum() == 4
    assert adjusted == pytest.approx(multipletests(BH_1995, method="fdr_bh")[1])


def test_adjust_pvalues_keeps_nans_out_of_the_count():
    p = np.array([0.01, NAN, 0.04, 0.03])
    adjusted = stats.adjust_pvalues(p)
    assert np.isnan(adjusted[1])
    expected = multipletests([0.01, 0.04, 0.03], method="fdr_bh")[1]
    assert adjusted[[0, 2, 3]] == pytest.approx(expected)
    assert np.isnan(stats.adjust_pvalues([NAN, NAN])).all()


WAIT_BUCKETS_S = [0, 60, 120, 300, 600]


@pytest.mark.parametrize(
    ("counts", "q", "upper", "expected"),
    [
        # rank 0.5 * 100 = 50 falls in 60..120 (cum 30 -> 70): 60 + 20/40 * 60 = 90
        ([30, 40, 20, 8, 2], 0.5, None, 90.0),
        # rank 90 ends the 120..300 bucket exactly: its upper edge
        ([30, 40, 20, 8, 2], 0.9, None, 300.0),
        # rank 99 lies in the open last bucket: only its lower bound is known
        ([30, 40, 20, 8, 2], 0.99, None, 600.0),
        # closed with 1200 s: 600 + (99 - 98) / 2 * 600 = 900
        ([30, 40, 20, 8, 2], 0.99, 1200, 900.0),
        # empty leading buckets are skipped: rank 5 of 10 in 120..300 -> 120 + 5/10 * 180
        ([0, 0, 10, 0, 0], 0.5, None, 210.0),
        ([0, 0, 0, 0, 0], 0.5, None, NAN),
    ],
)
def test_percentile_from_histogram_interpolates_within_bucket(counts, q, upper, expected):
    got = stats.percentile_from_histogram(WAIT_BUCKETS_S, counts, q, upper_bound_of_last=upper)
    assert got == pytest.approx(expected, nan_ok=True)


def test_percentile_from_histogram_matches_numpy_on_evenly_spread_values():
    # values spread evenly inside each bucket: the linear bucket rule is then exact
    edges, counts = np.array([0.0, 10.0, 30.0, 35.0, 80.0]), np.array([200, 500, 100, 200])
    values = np.concatenate(
        [
            lo + (np.arange(c) + 0.5) * (hi - lo) / c
            for lo, hi, c in zip(edges[:-1], edges[1:], counts, strict=True)
        ]
    )
    for q in (0.1, 0.5, 0.8, 0.95):
        got = stats.percentile_from_histogram(edges[:-1], counts, q, upper_bound_of_last=80.0)
        assert got == pytest.approx(np.quantile(values, q), abs=0.2)


def test_percentile_from_histogram_rejects_bad_input():
    with pytest.raises(ValueError):
        stats.percentile_from_histogram([0, 10], [1, 1], 1.0)
    with pytest.raises(ValueError):
        stats.percentile_from_histogram([10, 0], [1, 1], 0.5)


@pytest.mark.parametrize(("target", "n"), [(0.8, 10), (0.8, 100), (0.35, 2500)])
def test_funnel_limits_share_is_the_normal_interval_around_the_target(target, n):
    expected = proportion_confint(target * n, n, alpha=0.01, method="normal")
    assert stats.funnel_limits(target, n, "share", 0.99) == pytest.approx(np.clip(expected, 0, 1))


def test_funnel_limits_share_narrows_with_n_and_stays_in_range():
    low, high = stats.funnel_limits(0.95, np.array([0, 5, 50, 5000]), "share")
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert high[1] == 1.0 and np.all(np.diff(high[1:]) <= 0) and np.all(np.diff(low[1:]) > 0)


def test_funnel_limits_rate_uses_interpolated_poisson_quantiles():
    # Poisson(10) tables: F(4) = 0.029253, f(4) = 0.018917 -> 4 - (0.029253 - 0.025)/0.018917;
    # F(17) = 0.985722, f(17) = 0.012764 -> 17 - (0.985722 - 0.975)/0.012764 (Spiegelhalter 2005)
    low, high = stats.funnel_limits(0.1, 100, "rate")
    assert (low, high) == pytest.approx((0.037752, 0.161600), abs=1e-6)


@pytest.mark.parametrize(("rate", "exposure"), [(0.02, 500), (1.5, 40), (30.6, 2.0)])
def test_funnel_limits_rate_round_up_to_the_exact_poisson_quantiles(rate, exposure):
    # the interpolation moves each limit less than one count below scipy's exact quantile
    low, high = stats.funnel_limits(rate, exposure, "rate", confidence=0.998)
    exact = sps.poisson.ppf([0.001, 0.999], rate * exposure)
    assert np.ceil([low * exposure, high * exposure]) == pytest.approx(exact)


def test_funnel_limits_mean_matches_scipy_normal_interval():
    low, high = stats.funnel_limits(7.5, np.array([4, 100]), "mean", sd=2.0)
    expected_low, expected_high = sps.norm.interval(0.95, loc=7.5, scale=2.0 / np.sqrt([4, 100]))
    assert low == pytest.approx(expected_low)
    assert high == pytest.approx(expected_high)


def test_funnel_limits_rejects_unknown_kind_and_missing_sd():
    with pytest.raises(ValueError):
        stats.funnel_limits(0.5, 10, "median")
    with pytest.raises(ValueError):
        stats.funnel_limits(5.0, 10, "mean")


# z-scores chosen directly (kind "mean", sd 1, n 1). numpy's linear 10th/90th percentiles of
# ten sorted values: -3 + 0.9 * 2 = -1.2 and 2 + 0.1 * 3 = 2.3; the winsorised squares sum
# to 1.44 + 1 + 0.25 + 0 + 0.04 + 0.16 + 0.36 + 1 + 4 + 5.29 = 13.54, so phi = 1.354
Z_SCORES = np.array([-3.0, -1.0, -0.5, 0.0, 0.2, 0.4, 0.6, 1.0, 2.0, 5.0])


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        (1.0, 1.0),  # 10 * 1.354 = 13.54 < chi2(0.95, 9) = 16.92: no overdispersion
        (2.0, 5.416),  # 10 * 5.416 = 54.16 > 16.92: phi = 4 * 1.354
    ],
)
def test_overdispersion_phi_by_hand(scale, expected):
    got = stats.overdispersion_phi(scale * Z_SCORES, 1, 0.0, "mean", sd=1.0)
    assert got == pytest.approx(expected)


def test_overdispersion_phi_is_one_for_plain_binomial_noise():
    rng = np.random.default_rng(20240601)
    n = rng.integers(50, 2000, size=60)
    shares = rng.binomial(n, 0.8) / n
    assert stats.overdispersion_phi(shares, n, 0.8, "share") == 1.0


def test_overdispersion_phi_finds_extra_poisson_variation():
    rng = np.random.default_rng(7)
    exposure = rng.uniform(1e4, 1e5, size=80)
    rates = rng.gamma(shape=20, scale=0.05 / 20, size=80)  # true rates vary around 0.05
    observed = rng.poisson(rates * exposure) / exposure
    phi = stats.overdispersion_phi(observed, exposure, 0.05, "rate")
    # z variance is about 1 + exposure * var(rate) / rate, far above 1 at these exposures
    assert phi > 10


def test_overdispersion_phi_edge_cases():
    assert np.isnan(stats.overdispersion_phi([0.5], [0], 0.5, "share"))
    assert stats.overdispersion_phi([0.9], [100], 0.5, "share") == 1.0


# eleven z-scores: the 10th and 90th percentiles (linear) fall on the 2nd and 10th values,
# so the winsorising is the same as scipy's, which moves int(0.1 * 11) = 1 value each end
# (and int(0.2 * 11) = 2 at 20 %)
Z_ELEVEN = np.array([-9.0, -4.0, -2.5, -1.0, -0.3, 0.0, 0.4, 1.1, 2.0, 3.5, 12.0])


@pytest.mark.parametrize("share", [0.1, 0.2])
def test_winsorised_phi_matches_scipy_winsorize_and_the_formula(share):
    kept = np.asarray(mstats.winsorize(Z_ELEVEN, limits=(share, share)))
    phi = float(np.mean(kept**2))
    assert 11 * phi > sps.chi2.ppf(0.95, 10)  # overdispersed, so phi itself is returned
    got = stats.overdispersion_phi(Z_ELEVEN, 1, 0.0, "mean", sd=1.0, winsor=share)
    assert got == pytest.approx(phi)


def test_winsorising_keeps_an_outlier_from_inflating_phi():
    plain = stats.overdispersion_phi(Z_ELEVEN, 1, 0.0, "mean", sd=1.0, winsor=0.0)
    assert plain == pytest.approx(np.mean(Z_ELEVEN**2))
    assert stats.overdispersion_phi(Z_ELEVEN, 1, 0.0, "mean", sd=1.0, winsor=0.1) < plain / 2
    with pytest.raises(ValueError):
        stats.overdispersion_phi(Z_ELEVEN, 1, 0.0, "mean", sd=1.0, winsor=0.5)


def test_additive_tau2_is_dersimonian_laird_without_winsorising():
    # unit estimates y with variances v: as a "mean" funnel with sd 1 and n = 1 / v; the
    # target is the inverse-variance weighted mean, so mean(z**2) * I is Cochran's Q
    y = np.array([0.10, 0.30, -0.20, 0.50, 0.05, 0.42, -0.15])
    v = np.array([0.010, 0.020, 0.015, 0.030, 0.010, 0.012, 0.025])
    target = np.sum(y / v) / np.sum(1 / v)
    expected = combine_effects(y, v, method_re="dl").tau2
    assert expected > 0
    got = stats.overdispersion_tau2(y, 1 / v, target, "mean", sd=1.0, winsor=0.0)
    assert got == pytest.approx(expected)


def test_additive_tau2_is_zero_without_overdispersion():
    rng = np.random.default_rng(20240601)
    n = rng.integers(50, 2000, size=60)
    shares = rng.binomial(n, 0.8) / n
    assert stats.overdispersion_tau2(shares, n, 0.8, "share") == 0.0
    assert np.isnan(stats.overdispersion_tau2([0.5], [0], 0.5, "share"))
