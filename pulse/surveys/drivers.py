"""Key drivers of satisfaction: overall satisfaction regressed on the six dimension scores
(statsmodels OLS), and the explained variance split among the dimensions by LMG (Lindeman,
Merenda and Gold 1980; the Shapley value of R²), with bootstrap intervals.

LMG credits each dimension with its extra R² averaged over every order in which the six could
enter the model, so the credits add up to the model's R² whatever the correlations among the
dimensions. Every subset's R² comes from one covariance matrix, so the 64 subsets cost 64
small solves; the bootstrap repeats that on resampled covariance matrices.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm

DIMENSIONS = ("network", "tariff", "staff", "speed", "convenience", "billing")
SCORE_COLUMNS = tuple(f"score_{d}" for d in DIMENSIONS)
# 20 complete responses per dimension: fewer and the importance ranking is mostly noise
MIN_N = 20 * len(DIMENSIONS)
SAMPLE_SIZE = 10_000
BOOTSTRAP = 200
SEED = 20_261_123


@dataclass(frozen=True)
class Drivers:
    """The key-driver analysis of one selection, or the reason it was refused."""

    n: int  # complete responses in the regression
    n_in_scope: int  # responses in scope before sampling and before dropping incomplete ones
    sample_rate: float  # share of responses drawn (1.0: all of them)
    r2: float = math.nan
    r2_adj: float = math.nan
    table: pd.DataFrame | None = None  # one row per dimension, most important first
    refused: str | None = None  # "too_few" or "no_variance"

    @property
    def is_sampled(self) -> bool:
        """True when the regression ran on a random sample of the responses in scope."""
        return self.sample_rate < 1.0


def subset_r2(cov: np.ndarray) -> dict[tuple[int, ...], float]:
    """R² of y on every subset of the predictors, from the covariance matrix of (y, x1..xk)."""
    k = cov.shape[0] - 1
    var_y = cov[0, 0]
    out: dict[tuple[int, ...], float] = {(): 0.0}
    for size in range(1, k + 1):
        for subset in itertools.combinations(range(k), size):
            idx = np.array(subset) + 1
            c = cov[idx, 0]
            beta = np.linalg.solve(cov[np.ix_(idx, idx)], c)
            out[subset] = float(c @ beta / var_y)
    return out


def lmg(cov: np.ndarray) -> np.ndarray:
    """Each predictor's LMG share of R² (they add up to the full model's R²)."""
    k = cov.shape[0] - 1
    fits = subset_r2(cov)
    return _lmg_from_fits(fits, k)


def _lmg_from_fits(fits: dict[tuple[int, ...], float], k: int) -> np.ndarray:
    out = np.zeros(k)
    for i in range(k):
        others = [j for j in range(k) if j != i]
        for size in range(k):
            # the share of orders in which exactly these `size` predictors come before i
            weight = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in itertools.combinations(others, size):
                with_i = tuple(sorted((*subset, i)))
                out[i] += weight * (fits[with_i] - fits[subset])
    return out


def _batched_lmg(covs: np.ndarray) -> np.ndarray:
    """lmg() for a stack of covariance matrices (B, k+1, k+1) at once: (B, k)."""
    b, size = covs.shape[0], covs.shape[1]
    k = size - 1
    var_y = covs[:, 0, 0]
    fits: dict[tuple[int, ...], np.ndarray] = {(): np.zeros(b)}
    for m in range(1, k + 1):
        for subset in itertools.combinations(range(k), m):
            idx = np.array(subset) + 1
            c = covs[:, idx, 0]
            beta = np.linalg.solve(covs[:, idx[:, None], idx[None, :]], c[..., None])[..., 0]
            fits[subset] = np.einsum("bi,bi->b", c, beta) / var_y
    out = np.zeros((b, k))
    for i in range(k):
        others = [j for j in range(k) if j != i]
        for m in range(k):
            weight = math.factorial(m) * math.factorial(k - m - 1) / math.factorial(k)
            for subset in itertools.combinations(others, m):
                out[:, i] += weight * (fits[tuple(sorted((*subset, i)))] - fits[subset])
    return out


def bootstrap_lmg(
    data: np.ndarray, replicates: int = BOOTSTRAP, seed: int = SEED, chunk: int = 50
) -> np.ndarray:
    """LMG shares of R² (each row adds up to 1) on `replicates` bootstrap resamples of the
    rows of data (y first). Each resample is held as the count of times each row was drawn,
    and its covariance matrix is computed from weighted moments, so no resampled copy of the
    data is ever built."""
    rng = np.random.default_rng(seed)
    n, width = data.shape
    centred = data - data.mean(axis=0)
    pairs = [(i, j) for i in range(width) for j in range(i, width)]
    products = np.column_stack([centred[:, i] * centred[:, j] for i, j in pairs])
    shares = []
    for start in range(0, replicates, chunk):
        size = min(chunk, replicates - start)
        # how often each row is drawn in each resample: n draws with replacement per row
        draws = rng.integers(0, n, (size, n)) + np.arange(size)[:, None] * n
        weights = np.bincount(draws.ravel(), minlength=size * n).reshape(size, n).astype(float)
        means = weights @ centred / n
        second = weights @ products / n
        covs = np.empty((size, width, width))
        for col, (i, j) in enumerate(pairs):
            covs[:, i, j] = covs[:, j, i] = second[:, col] - means[:, i] * means[:, j]
        parts = _batched_lmg(covs)
        shares.append(parts / parts.sum(axis=1, keepdims=True))
    return np.vstack(shares)


def analyse(
    responses: pd.DataFrame,
    n_in_scope: int,
    sample_rate: float = 1.0,
    replicates: int = BOOTSTRAP,
    seed: int = SEED,
) -> Drivers:
    """Regress score_overall on the six dimension scores of complete responses and split R²
    among them. Refuses (Drivers.refused) below MIN_N responses or when a score never varies."""
    complete = responses.dropna(subset=["score_overall", *SCORE_COLUMNS])
    n = len(complete)
    if n < MIN_N:
        return Drivers(n, n_in_scope, sample_rate, refused="too_few")
    y = complete["score_overall"].to_numpy(dtype=float)
    x = complete[list(SCORE_COLUMNS)].to_numpy(dtype=float)
    if np.ptp(y) == 0 or (np.ptp(x, axis=0) == 0).any():
        return Drivers(n, n_in_scope, sample_rate, refused="no_variance")
    model = sm.OLS(y, sm.add_constant(x)).fit(cov_type="HC3")
    data = np.column_stack([y, x])
    parts = lmg(np.cov(data, rowvar=False))
    boot = bootstrap_lmg(data, replicates, seed) if replicates else np.full((1, len(parts)), np.nan)
    ci = model.conf_int(alpha=0.05)
    table = pd.DataFrame(
        {
            "dimension": DIMENSIONS,
            "coef": model.params[1:],
            "coef_low": ci[1:, 0],
            "coef_high": ci[1:, 1],
            "p_value": model.pvalues[1:],
            "lmg": parts,
            "importance": parts / parts.sum(),
            "importance_low": np.percentile(boot, 2.5, axis=0),
            "importance_high": np.percentile(boot, 97.5, axis=0),
        }
    )
    table = table.sort_values("importance", ascending=False, ignore_index=True)
    table["rank"] = np.arange(1, len(table) + 1)
    return Drivers(
        n,
        n_in_scope,
        sample_rate,
        r2=float(model.rsquared),
        r2_adj=float(model.rsquared_adj),
        table=table,
    )


QUADRANTS = ("fix_first", "keep_up", "lower_priority", "maintain")


def quadrants(table: pd.DataFrame, performance: dict[str, float]) -> pd.DataFrame:
    """Importance against performance (Martilla and James 1977): each dimension's mean score
    and importance, split at the mean of the six scores and at an equal share of importance.
    'fix_first' is important and weak."""
    out = table.copy()
    out["performance"] = out["dimension"].map(performance)
    cut_performance = float(np.nanmean(out["performance"]))
    cut_importance = 1 / len(out)
    important = out["importance"] >= cut_importance
    strong = out["performance"] >= cut_performance
    out["quadrant"] = np.select(
        [important & ~strong, important & strong, ~important & ~strong],
        ["fix_first", "keep_up", "lower_priority"],
        "maintain",
    )
    out.attrs["cut_performance"] = cut_performance
    out.attrs["cut_importance"] = cut_importance
    return out


def sample_rate(n_in_scope: float, sample_size: int = SAMPLE_SIZE) -> float:
    """The share of responses to draw so that about `sample_size` are kept (1.0: all)."""
    if not n_in_scope or n_in_scope <= sample_size:
        return 1.0
    return sample_size / float(n_in_scope)
