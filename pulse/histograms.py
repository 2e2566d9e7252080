"""Quantile metrics for many groups at once: bucket counts summed in SQL to the finest groups
(per hall by the hall's number), the coarser groupings added up and the quantiles and their
order-statistic intervals computed for all groups in numpy.

pulse.values computes one histogram at a time, which is right for a handful of tiles but
slow for a daily series of every city or for 2,000 halls; this module gives the same numbers
(tests compare the two) for whole frames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

from pulse import catalog, filters, plan, sql
from pulse.catalog import Metric
from pulse.store import Store

TIME_KEY_NAMES = ("bucket",)  # the name trends give the time key
TIME_KEYS = {
    "day": "day",
    "week": "cast(date_trunc('week', day) as date)",
    "month": "cast(date_trunc('month', day) as date)",
    "quarter": "cast(date_trunc('quarter', day) as date)",
}


# what a hall's number tells: grouping on the number and naming the groups after is much faster
# than grouping on the text columns (see schema 011_hall_numbers.sql)
HALL_NUMBER = "hall_no"
HALL_ATTRIBUTES = ("branch_id", "city_id", "province_id", "tier")


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
    where, params = filters.where_clause(
        f, rollup.id, {"tier": tier} if tier is not None else None
    )[:2]
    pieces = _pieces(rollup, f, keys, period, also={"tier"} if tier else set())
    by_number = HALL_NUMBER in rollup.number_keys and ("branch_id", "branch_id") in keys
    if by_number:
        grouped = [(HALL_NUMBER, HALL_NUMBER)]
        grouped += [(n, e) for n, e in keys if not (n == e and e in HALL_ATTRIBUTES)]
    else:
        grouped = list(keys)
    query = sql.render(
        "trends/histogram_groups",
        rollup=rollup.id,
        pieces=pieces,
        where=where,
        keys=grouped,
        bucket=rollup.bucket,
        by_hall_number=by_number,
    )
    frame = store.cached_df(query, {**params, **plan.bind(pieces)})
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    counts = _dense(frame, bounds)
    scale = rollup.bucket_scale
    out = {}
    for g in grouping_sets:
        group_keys = ["period", *g]
        if frame.empty:
            out[g] = pd.DataFrame(columns=[*group_keys, "value", "low", "high", "n"])
            continue
        groups = frame.groupby(group_keys, sort=True, dropna=False)
        summed = _sum_rows(counts, groups.ngroup().to_numpy(), groups.ngroups)
        value, low, high, n = quantiles(bounds, summed, metric.quantile)
        result = groups.size().index.to_frame(index=False)
        result["value"], result["low"], result["high"] = value * scale, low * scale, high * scale
        result["n"] = n
        out[g] = result
    return out


def _dense(part: pd.DataFrame, bounds: np.ndarray) -> np.ndarray:
    """One row of counts over every catalogue bucket per group, from the groups' lists of
    (non-empty) buckets and their counts; a bucket listed twice is added up."""
    if part.empty:
        return np.zeros((0, bounds.size))
    lengths = part["buckets"].map(len).to_numpy()
    rows = np.repeat(np.arange(len(part)), lengths)
    lowers = np.concatenate(part["buckets"].to_list()).astype(np.int64)
    position = np.zeros(int(bounds[-1]) + 1, dtype=np.int64)  # lower bounds are whole numbers
    position[bounds.astype(np.int64)] = np.arange(bounds.size)  # (catalogue bucket_ranges)
    cells = rows * bounds.size + position[lowers]
    weights = np.concatenate(part["counts"].to_list()).astype(float)
    counts = np.bincount(cells, weights=weights, minlength=len(part) * bounds.size)
    counts = counts.reshape(len(part), bounds.size)
    return counts


def _sum_rows(counts: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """The rows of counts added up by group code (0..n_groups-1)."""
    width = counts.shape[1]
    cells = (codes[:, None] * width + np.arange(width)).ravel()
    summed = np.bincount(cells, weights=counts.ravel(), minlength=n_groups * width)
    return summed.reshape(n_groups, width)


def _pieces(
    rollup, f: filters.Filter, keys, period: filters.Period, also: set[str] = frozenset()
) -> list[plan.Piece]:
    """The tables that answer: the smallest copy that keeps the filter's and the keys'
    columns (and `also`), whole months from a monthly copy, other days from the daily one."""
    used = filters.applied_columns(f, rollup.id) | set(also)
    by_day = False
    for name, expression in keys:
        if name in TIME_KEY_NAMES:
            by_day = by_day or plan.needs_days(expression)
        else:
            used.add(expression)
    periods = {"cur": (period.start, period.end), "cmp": (period.cmp_start, period.cmp_end)}
    return plan.pieces(rollup, plan.choose(rollup, used, by_day), periods, used)


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
