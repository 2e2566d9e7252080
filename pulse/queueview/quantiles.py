"""Quantiles per group (one per hall, say) from rows of bucket counts, computed for every
group in one numpy pass by pulse.histograms.quantiles."""

from __future__ import annotations

import pandas as pd

from pulse.histograms import quantiles


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
