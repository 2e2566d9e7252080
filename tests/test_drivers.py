"""Key-driver analysis: LMG against its definition computed independently (every order of
entry, each R² from a statsmodels fit), against answers known analytically, and on the
generated survey data, whose built-in driver weights it must recover."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import sample_data
from pulse.surveys import drivers

TRUE_RANKING = ["network", "tariff", "speed", "staff", "billing", "convenience"]
# the generator's weights (sample_data/surveys.py): overall = 0.3 + sum(weight * score) + noise
TRUE_WEIGHTS = {
    "network": 0.30,
    "tariff": 0.22,
    "speed": 0.18,
    "staff": 0.14,
    "billing": 0.10,
    "convenience": 0.06,
}


def r2_statsmodels(y: np.ndarray, x: np.ndarray, columns: tuple[int, ...]) -> float:
    if not columns:
        return 0.0
    return sm.OLS(y, sm.add_constant(x[:, list(columns)])).fit().rsquared


def lmg_by_every_order(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """LMG as Lindeman, Merenda and Gold define it: each predictor's added R² when it enters,
    averaged over all k! orders of entry (720 for six), every R² from its own OLS fit."""
    k = x.shape[1]
    fits: dict[tuple[int, ...], float] = {}

    def r2(columns):
        key = tuple(sorted(columns))
        if key not in fits:
            fits[key] = r2_statsmodels(y, x, key)
        return fits[key]

    total = np.zeros(k)
    orders = list(itertools.permutations(range(k)))
    for order in orders:
        for position, predictor in enumerate(order):
            total[predictor] += r2(order[: position + 1]) - r2(order[:position])
    return total / len(orders)


def test_lmg_equals_every_order_average_with_statsmodels_fits():
    rng = np.random.default_rng(7)
    n = 400
    latent = rng.normal(size=(n, 1))
    x = latent + rng.normal(size=(n, 6)) * np.array([0.5, 1.0, 1.5, 0.8, 1.2, 2.0])
    y = x @ np.array([0.5, 0.3, 0.1, 0.4, 0.0, 0.2]) + rng.normal(size=n)
    expected = lmg_by_every_order(y, x)
    got = drivers.lmg(np.cov(np.column_stack([y, x]), rowvar=False))
    assert got == pytest.approx(expected, abs=1e-10)
    assert got.sum() == pytest.approx(r2_statsmodels(y, x, tuple(range(6))))


def test_lmg_of_uncorrelated_predictors_is_each_squared_correlation():
    # a full 2^6 factorial design: the six columns are exactly orthogonal, so R² of any subset
    # is the sum of the squared correlations and LMG gives each predictor exactly its own
    x = np.array(list(itertools.product([-1.0, 1.0], repeat=6)))
    y = np.random.default_rng(3).normal(size=len(x)) + x @ [1.0, 0.5, 0.25, 0.0, -0.7, 0.3]
    expected = [np.corrcoef(y, x[:, i])[0, 1] ** 2 for i in range(6)]
    got = drivers.lmg(np.cov(np.column_stack([y, x]), rowvar=False))
    assert got == pytest.approx(expected, abs=1e-12)


def test_lmg_of_two_predictors_averages_the_two_orders():
    # with two predictors LMG_1 = (r1² + (R² − r2²)) / 2: first alone, or after the other
    rng = np.random.default_rng(11)
    x1 = rng.normal(size=300)
    x2 = 0.6 * x1 + rng.normal(size=300)
    y = x1 + 0.5 * x2 + rng.normal(size=300)
    x = np.column_stack([x1, x2])
    r1 = r2_statsmodels(y, x, (0,))
    r2 = r2_statsmodels(y, x, (1,))
    full = r2_statsmodels(y, x, (0, 1))
    got = drivers.lmg(np.cov(np.column_stack([y, x]), rowvar=False))
    assert got == pytest.approx([(r1 + full - r2) / 2, (r2 + full - r1) / 2])


def frame_of(y, x) -> pd.DataFrame:
    frame = pd.DataFrame(x, columns=list(drivers.SCORE_COLUMNS))
    frame["score_overall"] = y
    return frame


def test_analyse_reports_statsmodels_fit_and_importance_adding_to_one():
    rng = np.random.default_rng(5)
    x = np.clip(np.round(8 + rng.normal(size=(500, 6))), 0, 10)
    y = np.clip(np.round(x @ [0.4, 0.3, 0.1, 0.1, 0.05, 0.05] + rng.normal(size=500)), 0, 10)
    result = drivers.analyse(frame_of(y, x), n_in_scope=500, replicates=50)
    model = sm.OLS(y, sm.add_constant(x)).fit()
    assert result.refused is None and result.n == 500 and not result.is_sampled
    assert result.r2 == pytest.approx(model.rsquared)
    assert result.r2_adj == pytest.approx(model.rsquared_adj)
    table = result.table.set_index("dimension")
    coef = dict(zip(drivers.DIMENSIONS, model.params[1:], strict=True))
    assert table["coef"].to_dict() == pytest.approx(coef)
    assert table["importance"].sum() == pytest.approx(1.0)
    assert table["lmg"].sum() == pytest.approx(model.rsquared)
    assert (table["importance_low"] <= table["importance"]).all()
    assert (table["importance"] <= table["importance_high"]).all()
    assert result.table["rank"].tolist() == [1, 2, 3, 4, 5, 6]


def test_bootstrap_is_seeded():
    rng = np.random.default_rng(2)
    data = rng.normal(size=(300, 7))
    first = drivers.bootstrap_lmg(data, replicates=20, seed=1)
    assert first == pytest.approx(drivers.bootstrap_lmg(data, replicates=20, seed=1))
    assert first.sum(axis=1) == pytest.approx(np.ones(20))


def test_analyse_refuses_too_few_responses_and_constant_scores():
    rng = np.random.default_rng(1)
    x = rng.integers(5, 11, size=(drivers.MIN_N - 1, 6)).astype(float)
    y = x.mean(axis=1).round()
    assert drivers.analyse(frame_of(y, x), n_in_scope=400).refused == "too_few"
    x = rng.integers(5, 11, size=(drivers.MIN_N + 10, 6)).astype(float)
    x[:, 2] = 9.0  # everybody rated staff 9
    result = drivers.analyse(frame_of(x.mean(axis=1).round(), x), n_in_scope=400)
    assert result.refused == "no_variance" and result.table is None


def test_incomplete_responses_are_left_out():
    rng = np.random.default_rng(4)
    x = rng.integers(3, 11, size=(drivers.MIN_N + 50, 6)).astype(float)
    frame = frame_of(np.round(x.mean(axis=1)), x)
    frame.loc[:49, "score_staff"] = np.nan  # web and app surveys do not rate staff
    assert drivers.analyse(frame, n_in_scope=len(frame), replicates=10).n == drivers.MIN_N


def test_quadrants_split_at_the_mean_score_and_an_equal_share():
    table = pd.DataFrame(
        {
            "dimension": list(drivers.DIMENSIONS),
            "importance": [0.30, 0.22, 0.14, 0.18, 0.06, 0.10],
        }
    )
    performance = {
        "network": 7.9,
        "tariff": 8.6,
        "staff": 8.5,
        "speed": 7.2,
        "convenience": 8.3,
        "billing": 7.0,
    }
    got = drivers.quadrants(table, performance).set_index("dimension")["quadrant"]
    # mean score 7.9167; equal share 1/6
    assert got.to_dict() == {
        "network": "fix_first",
        "tariff": "keep_up",
        "staff": "maintain",
        "speed": "fix_first",
        "convenience": "maintain",
        "billing": "lower_priority",
    }


@pytest.mark.parametrize(
    ("n", "rate"), [(0, 1.0), (9_000, 1.0), (10_000, 1.0), (40_000, 0.25), (2_000_000, 0.005)]
)
def test_sample_rate(n, rate):
    assert drivers.sample_rate(n) == pytest.approx(rate)


@pytest.fixture(scope="module")
def generated_responses() -> pd.DataFrame:
    """The first six months of survey responses of the demo-scale generator (default seed)."""
    frames = []
    with tempfile.TemporaryDirectory() as folder:
        for table, path in sample_data.generate("demo", Path(folder)):
            if table == "survey_response":
                frames.append(pd.read_parquet(path))
                if len(frames) == 6:
                    break
    return pd.concat(frames, ignore_index=True)


def test_the_generators_driver_ranking_is_recovered(generated_responses):
    result = drivers.analyse(generated_responses, len(generated_responses))
    assert result.n > 40_000
    assert result.table["dimension"].tolist() == TRUE_RANKING
    by_coef = result.table.sort_values("coef", ascending=False)["dimension"].tolist()
    assert by_coef == TRUE_RANKING
    coef = result.table.set_index("dimension")["coef"]
    for dimension, weight in TRUE_WEIGHTS.items():
        assert coef[dimension] == pytest.approx(weight, abs=0.02), dimension
    # the top four are told apart beyond the bootstrap's doubt
    table = result.table
    for above, below in itertools.pairwise(table.head(4).itertuples()):
        assert above.importance_low > below.importance_high
