"""Quantile metrics for many groups at once: bucket counts grouped in SQL, quantiles and their
order-statistic intervals computed for all groups in one numpy pass.

pulse.values computes one histogram at a time, which is right for a handful of tiles but
slow for a daily series of every city or for 2,000 halls; this module gives the same numbers
(tests compare the two) for whole frames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

from pulse import catalog, filters, plan, sql
from pulse.catalog import Metric, Variant
from pulse.store import Store

TIME_KEY_NAMES = ("bucket",)  # the name trends give the time key
TIME_KEYS = {
    "day": "day",
    "week": "cast(date_trunc('week', day) as date)",
    "month": "cast(date_trunc('month', day) as date)",
    "quarter": "cast(date_trunc('quarter', day) as date)",
}


def fetch(
    store: Store,
    metric: Metric,
    f: filters.Filter,
    period: filters.Period,
    keys: list[tuple[str, str]],
    grouping_sets: list[tuple[str, ...]],
    tier: str | None = None,
) -> dict[tuple[str, ...], pd.DataFrame]:
    """Per grouping set: period, its keys, value, low, high and n of a quantile metric.
    keys are (name, SQL expression) pairs; expressions come from TIME_KEYS or the catalogue.
    tier keeps only the halls of one tier (a hall's peers)."""
    rollup = catalog.rollup(metric.rollup)
    where, params = filters.where_clause(f, rollup.id)[:2]
    if tier is not None:
        where += "\nand tier = $peer_tier"
        params = {**params, "peer_tier": tier}
    pieces = _pieces(rollup, f, keys, period, also={"tier"} if tier else set())
    query = sql.render(
        "trends/histogram_groups",
        rollup=rollup.id,
        pieces=pieces,
        where=where,
        keys=keys,
        grouping_sets=grouping_sets,
        bucket=rollup.bucket,
    )
    frame = store.cached_df(query, {**params, **plan.bind(pieces)})
    names = [name for name, _ in keys]
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    out = {}
    for g in grouping_sets:
        mask = sum(1 << (len(names) - 1 - i) for i, c in enumerate(names) if c not in g)
        part = frame[frame["grouping_id"] == (mask if names else 0)]
        group_keys = ["period", *g]
        if part.empty:
            out[g] = pd.DataFrame(columns=[*group_keys, "value", "low", "high", "n"])
            continue
        counts = part.pivot_table(
            index=group_keys, columns="bucket_lower", values="n", aggfunc="sum", fill_value=0
        ).reindex(columns=bounds, fill_value=0)
        value, low, high, n = quantiles(bounds, counts.to_numpy(dtype=float), metric.quantile)
        scale = rollup.bucket_scale
        result = counts.index.to_frame(index=False)
        result["value"], result["low"], result["high"] = value * scale, low * scale, high * scale
        result["n"] = n
        out[g] = result
    return out


def _pieces(
    rollup, f: filters.Filter, keys, period: filters.Period, also: set[str] = frozenset()
) -> list[plan.Piece]:
    """The tables that answer: the smallest copy that keeps the filter's and the keys'
    columns (and `also`), whole months from a monthly copy, other days from the daily one."""
    used = {rollup.filters[k] for k, v in _scope(f).items() if v and k in rollup.filters}
    used |= set(also)
    by_day = False
    for name, expression in keys:
        if name in TIME_KEY_NAMES:  # a shifted overlay needs its days to land in the right month
            coarse = "'month'" in expression or "'quarter'" in expression
            by_day = by_day or not coarse or "interval" in expression
        else:
            used.add(expression)
    periods = {"cur": (period.start, period.end), "cmp": (period.cmp_start, period.cmp_end)}
    for copy in rollup.variants:  # the catalogue's coarser copies, smallest first
        if used & set(copy.drops) or (by_day and copy.grain != "day"):
            continue
        return plan.pieces(rollup, copy, periods)
    return plan.pieces(rollup, Variant(rollup.id, "day", ()), periods)


def _scope(f: filters.Filter) -> dict[str, tuple]:
    return {
        "province": f.provinces,
        "city": f.cities,
        "hall": f.halls,
        "segment": f.segments,
        "brand": f.brands,
        "channel": f.channels,
    }


def quantiles(bounds, counts, q: float, confidence: float = 0.95):
    """Row-wise values.quantile_with_interval: the q-quantile of each histogram (a row of
    counts over buckets starting at `bounds`, the last one open) and its distribution-free
    interval; nan where a row is empty."""
    bounds = np.asarray(bounds, dtype=float)
    counts = np.atleast_2d(np.asarray(counts, dtype=float))
    n = counts.sum(axis=1)
    cum = np.cumsum(counts, axis=1)
    z = float(norm.ppf(0.5 + confidence / 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = z * np.sqrt(n * q * (1 - q))
        q_low = np.maximum(np.floor(n * q - spread), 1) / n
        q_high = np.minimum(np.ceil(n * q + spread) + 1, n) / n
    q_low, q_high = (np.clip(x, 1e-9, 1 - 1e-9) for x in (q_low, q_high))
    value = _at_rank(bounds, counts, cum, q * n)
    low = _at_rank(bounds, counts, cum, q_low * n)
    high = _at_rank(bounds, counts, cum, q_high * n)
    empty = n <= 0
    value, low, high = (np.where(empty, np.nan, x) for x in (value, low, high))
    return value, low, high, n


def _at_rank(bounds, counts, cum, rank):
    """stats.percentile_from_histogram for every row: linear within the bucket holding the
    rank; the open last bucket gives its lower bound."""
    rows = np.arange(counts.shape[0])
    i = np.minimum((cum < rank[:, None]).sum(axis=1), bounds.size - 1)
    last = i == bounds.size - 1
    upper = np.where(last, bounds[i], bounds[np.minimum(i + 1, bounds.size - 1)])
    before = cum[rows, i] - counts[rows, i]
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = bounds[i] + (rank - before) / counts[rows, i] * (upper - bounds[i])
    return np.where(last, bounds[i], inside)
