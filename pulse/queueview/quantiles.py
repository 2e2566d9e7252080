"""Quantiles of many histograms at once (one per hall, say), with the distribution-free
interval of pulse.values.quantile_with_interval: the same numbers, for every row of a 2-D array
of bucket counts in one numpy pass instead of a Python loop over groups."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.stats import norm


def _at_rank(lows: np.ndarray, counts: np.ndarray, cum: np.ndarray, rank: np.ndarray):
    """stats.percentile_from_histogram for every row at its own rank: linear within the first
    bucket whose cumulative count reaches the rank; the open last bucket gives its lower bound."""
    last = lows.size - 1
    i = np.minimum((cum < rank[:, None]).sum(axis=1), last)
    rows = np.arange(counts.shape[0])
    before = cum[rows, i] - counts[rows, i]
    width = np.diff(lows, append=lows[-1])[i]
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = lows[i] + (rank - before) / counts[rows, i] * width
    return np.where(i == last, lows[i], inside)


def quantiles(lows, counts, q: float, confidence: float = 0.95):
    """(value, low, high, n) arrays for each row of `counts` (rows x buckets, bucket lower
    bounds `lows`, the last bucket open); rows without counts give nan and n 0."""
    lows = np.asarray(lows, dtype=float)
    counts = np.asarray(counts, dtype=float)
    n = counts.sum(axis=1)
    cum = np.cumsum(counts, axis=1)
    empty = n == 0
    safe_n = np.where(empty, 1.0, n)
    z = float(norm.ppf(0.5 + confidence / 2))
    spread = z * np.sqrt(safe_n * q * (1 - q))
    q_low = np.maximum(np.floor(safe_n * q - spread), 1) / safe_n
    q_high = np.minimum(np.ceil(safe_n * q + spread) + 1, safe_n) / safe_n
    tiny = 1e-9
    out = []
    for share in (np.full(n.shape, q), q_low, q_high):
        share = np.clip(share, tiny, 1 - tiny)
        value = _at_rank(lows, counts, cum, share * safe_n)
        out.append(np.where(empty, math.nan, value))
    return out[0], out[1], out[2], n


def by_group(frame: pd.DataFrame, key: str, lows, q: float, scale: float = 1.0) -> pd.DataFrame:
    """value, low, high and n of the q-quantile per `key` from rows of (key, bucket, n), where
    `bucket` holds each bucket's lower bound; values are multiplied by `scale`."""
    columns = [key, "value", "low", "high", "n"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grid = frame.pivot_table(index=key, columns="bucket", values="n", aggfunc="sum", fill_value=0)
    grid = grid.reindex(columns=list(lows), fill_value=0)
    value, low, high, n = quantiles(lows, grid.to_numpy(dtype=float), q)
    return pd.DataFrame(
        {
            key: grid.index,
            "value": value * scale,
            "low": low * scale,
            "high": high * scale,
            "n": n,
        }
    )
