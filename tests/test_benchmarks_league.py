"""League tables, funnel spreads and movers: the hand-made store for the table, numpy and
statsmodels as the independent reference for the statistics."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.multitest import multipletests

from pulse import catalog, dimensions, filters, groups, stats
from pulse.benchmarks import data as benchmarks
from pulse.filters import Filter

TWO_DAYS = Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
PERIOD = filters.resolve(TWO_DAYS, dt.date(2026, 10, 31))


def test_a_league_of_cities(handmade):
    dims = dimensions.load(handmade)
    league = benchmarks.league(handmade, "complaints_count", TWO_DAYS, PERIOD, "city", dims)
    # GZ received C1 and C2, SZ C3: fewer is better, so SZ ranks first
    assert league.units.sort_values("rank")[["unit", "value", "rank"]].values.tolist() == [
        ["SZ", 1.0, 1.0],
        ["GZ", 2.0, 2.0],
    ]
    assert league.funnel_kind is None  # volumes get no funnel
    assert league.centre == 3.0


def test_units_below_the_minimum_n_are_listed_apart(handmade):
    dims = dimensions.load(handmade)
    league = benchmarks.league(handmade, "queue_within_10min", TWO_DAYS, PERIOD, "hall", dims)
    assert league.ranked.empty  # 3 and 2 called tickets, far below the minimum of 50
    assert sorted(league.too_few["unit"]) == ["GZ-001", "SZ-001"]
    assert league.units["rank"].isna().all()


def test_hotline_metrics_have_no_hall_league(handmade):
    dims = dimensions.load(handmade)
    league = benchmarks.league(handmade, "hotline_answer_rate", TWO_DAYS, PERIOD, "hall", dims)
    assert not league.available
    assert not groups.available(catalog.metric("complaints_per_million"), "hall")
    with pytest.raises(ValueError):
        benchmarks.league(handmade, "csat", TWO_DAYS, PERIOD, "district", dims)


def test_the_spread_of_a_mean_is_the_sample_sd_of_the_scores():
    scores = np.array([9, 6, 8, 10, 7, 7, 3, 9, 8, 10], dtype=float)
    metric = catalog.metric("sat_index")  # scale 10
    row = pd.DataFrame(
        {
            "sat_index__numerator": [scores.sum()],
            "sat_index__sum_sq": [(scores**2).sum()],
            "sat_index__denominator": [scores.size],
        }
    )
    assert benchmarks._spread(metric, row) == pytest.approx(10 * np.std(scores, ddof=1))


def test_the_spread_of_nps_is_the_sd_of_the_coded_answers():
    answers = np.array([100] * 45 + [0] * 30 + [-100] * 25, dtype=float)
    row = pd.DataFrame({"nps__promoters": [45], "nps__passives": [30], "nps__detractors": [25]})
    assert benchmarks._spread(catalog.metric("nps"), row) == pytest.approx(np.std(answers))


def _league(units: pd.DataFrame, metric_id: str, centre: float) -> benchmarks.League:
    return benchmarks.League(
        catalog.metric(metric_id), "hall", None, PERIOD, centre, 0.0, units, None
    )


def test_funnel_verdicts_and_overdispersion():
    rng = np.random.default_rng(5)
    n = rng.integers(500, 5000, size=30).astype(float)
    p = np.clip(0.85 + rng.normal(0, 0.04, size=30), 0, 1)
    value = rng.binomial(n.astype(int), p) / n
    value[0] = 0.55  # a weak hall
    units = pd.DataFrame(
        {"unit": [f"H{i}" for i in range(30)], "value": value, "n": n, "funnel_x": n}
    ).assign(enough_n=True)
    league = _league(units, "queue_within_10min", 0.85)
    benchmarks._judge(league)
    expected_phi = stats.overdispersion_phi(value, n, 0.85, "share")
    assert league.phi == pytest.approx(expected_phi) and league.phi > 1
    low, high = stats.funnel_limits(0.85, n, "share", 0.95)
    widened_low = 0.85 - (0.85 - low) * np.sqrt(league.phi)
    assert league.units.loc[0, "differs"] == -1 and league.units.loc[0, "strongly"]
    inside = (value >= widened_low) & (value <= 0.85 + (high - 0.85) * np.sqrt(league.phi))
    assert (league.units["differs"] == 0).tolist() == inside.tolist()


def test_funnel_limits_of_a_wait_never_fall_below_zero():
    # 90th-percentile waits of about 12 minutes with a wide unit spread: the plain mean
    # limits of small halls reach below 0 minutes, which no wait can be
    league = _league(pd.DataFrame(), "queue_wait_p90", 12.0)
    league.sd = 40.0
    n = np.array([5.0, 20.0, 500.0])
    low, high = benchmarks.limits(league, n, 0.998)
    plain_low, plain_high = stats.funnel_limits(12.0, n, "mean", 0.998, sd=40.0)
    assert plain_low[0] < 0 and low[0] == 0
    assert low[2] == pytest.approx(plain_low[2]) and high == pytest.approx(plain_high)
    nps = _league(pd.DataFrame(), "nps", -0.9)
    nps.sd = 0.9
    assert benchmarks.limits(nps, np.array([3.0]), 0.998)[0][0] == -1


def test_named_funnel_points_take_turns_above_and_below():
    from pulse.benchmarks import figures as bench_charts

    units = pd.DataFrame(
        {"funnel_x": [900.0, 100.0, 950.0, 500.0, 990.0], "differs": [1, 0, -1, 0, 1]}
    )
    # named in order of x: 900, 950, 990 -> above, below, above
    positions = bench_charts._label_positions(units)
    assert [positions[i] for i in (0, 2, 4)] == ["top center", "bottom center", "top center"]


def test_movers_keep_changes_significant_after_benjamini_hochberg():
    p_values = np.array([0.0001, 0.02, 0.04, 0.3, 0.001, 0.049])
    delta = np.array([0.05, -0.02, 0.01, 0.03, -0.06, -0.01])
    units = pd.DataFrame(
        {
            "unit": list("ABCDEF"),
            "value": 0.8 + delta,
            "low": 0.78 + delta,
            "high": 0.82 + delta,
            "cmp_value": [0.8] * 6,
            "cmp_low": [0.78] * 6,
            "cmp_high": [0.82] * 6,
            "cmp_n": [1000] * 6,
            "n": [1000] * 6,
            "delta": delta,
            "p_value": p_values,
            "enough_n": True,
        }
    )
    improved, declined = benchmarks.movers(_league(units, "queue_within_10min", 0.8))
    keep = multipletests(p_values, method="fdr_bh")[0]
    kept = set(np.array(list("ABCDEF"))[keep])
    assert set(improved["unit"]) == {u for u in kept if delta["ABCDEF".index(u)] > 0}
    assert set(declined["unit"]) == {u for u in kept if delta["ABCDEF".index(u)] < 0}
    assert improved["unit"].iloc[0] == "A"
    # for a lower-is-better metric the same falls are improvements
    improved, _ = benchmarks.movers(_league(units, "queue_walkaway_rate", 0.8))
    assert set(improved["unit"]) == {u for u in kept if delta["ABCDEF".index(u)] < 0}
