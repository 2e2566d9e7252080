"""Fetch the additive measures behind metrics from the rollups, one query per rollup.

Every measure is a sum, so a coarser grouping is the sum of a finer one; callers ask for the
groupings they need (by day, by city, by hall ...) and get one frame per grouping.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from pulse import catalog, filters, plan, sql
from pulse import keys as key_slots
from pulse.catalog import Metric
from pulse.store import Store

Grouping = tuple[str, ...]
# the key a grouping may name for a time bucket computed in SQL (fetch's `time_key`)
BUCKET = "bucket"
_NO_DAY = dt.date(1, 1, 1)  # a comparison range that matches nothing
# the threads that run a fetch's queries side by side (jobs never wait on the pool themselves)
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="pulse-measures")


def measure_columns(metric: Metric) -> list[tuple[str, str]]:
    """(alias, SQL aggregate) pairs for one metric's additive measures."""
    parts = {
        "share": ("numerator", "denominator"),
        "mean": ("numerator", "denominator", "sum_sq"),
        "nps": ("promoters", "passives", "detractors"),
        "rate": ("numerator",),
        "count": ("numerator",),
        "quantile": (),
    }[metric.kind]
    return [(f"{metric.id}__{part}", getattr(metric, part)) for part in parts]


def period_params(period: filters.Period) -> dict:
    """Bound parameters for the current and comparison dates."""
    return {
        "cur_from": period.start,
        "cur_to": period.end,
        "cmp_from": period.cmp_start or _NO_DAY,
        "cmp_to": period.cmp_end or _NO_DAY,
    }


def fetch(
    store: Store,
    metrics: list[Metric],
    f: filters.Filter,
    period: filters.Period,
    groupings: list[Grouping],
    months_ok: bool = False,
    time_key: str | None = None,
) -> dict[Grouping, pd.DataFrame]:
    """Raw measures of `metrics` for each grouping: one row per (period, group), one column per
    measure (`<metric>__numerator` ...), plus `<metric>__hist` for quantiles (a dict
    bucket -> count) and `<rollup>__exposure` (subscriber-days) when rates are asked for.
    A grouping a rollup cannot provide (halls on the hotline) gives no columns for its metrics.
    With `months_ok`, a grouping by day may be answered from the monthly copies: a whole month
    then comes as one row dated its first day, beside daily rows for the days around it, so
    the caller must sum the rows up to months or coarser.
    With `time_key` (an SQL expression over `day`, pulse.histograms.TIME_KEYS), a grouping
    may name "bucket": the days are summed up to it in the SQL (from monthly copies when the
    buckets are months or quarters, pulse.plan.needs_days), and each rollup adds
    `<rollup>__first_day`, its first day with data in the group.
    """
    by_rollup: dict[str, list[Metric]] = defaultdict(list)
    for m in metrics:
        by_rollup[m.rollup].append(m)
    # each rollup's query on its own cursor, side by side: DuckDB releases the GIL
    jobs = [
        functools.partial(
            _fetch_one, store, rollup, members, f, period, groupings, months_ok, time_key
        )
        for rollup, members in by_rollup.items()
    ]
    results: dict[Grouping, list[pd.DataFrame]] = {g: [] for g in groupings}
    for frames in _side_by_side(jobs):
        for g, frame in frames.items():
            results[g].append(frame)
    out = {}
    for g in groupings:
        parts = results[g]
        out[g] = _join(parts, g) if parts else pd.DataFrame(columns=["period", *g])
    return out


def _fetch_one(store, rollup_id, members, f, period, groupings, months_ok, time_key=None):
    """One rollup's measures for each grouping it can give."""
    rollup = catalog.rollup(rollup_id)
    if rollup.bucket:
        if time_key is not None:
            raise ValueError("a time bucket in SQL is for sums; quantiles: pulse.histograms")
        return _histograms(store, rollup, members, f, period, groupings)
    frames = _sums(store, rollup, members, f, period, groupings, months_ok, time_key)
    if any(m.kind == "rate" for m in members):
        exposure = _exposure(store, f, period, groupings, time_key)
        for g in groupings:
            if g in frames and g in exposure:
                frames[g] = _join([frames[g], exposure[g]], g)
    return frames


def _side_by_side(jobs: list) -> list:
    """Run the jobs in the shared pool, the first in this thread; their results in order."""
    if len(jobs) < 2:
        return [job() for job in jobs]
    later = [_POOL.submit(job) for job in jobs[1:]]
    return [jobs[0](), *(future.result() for future in later)]


def not_applied(metric: Metric, f: filters.Filter) -> list[str]:
    """The filter fields this metric's data cannot honour (shown on its chart)."""
    fields = filters.where_clause(f, metric.rollup)[2]
    if metric.kind == "rate" and f.halls:
        fields.append("hall")
    return fields


def withheld(metric: Metric, f: filters.Filter) -> bool:
    """True when the user's scope cannot be stated on this metric's data (a hall's scope and
    the hotline, which counts calls by city, not by hall): every row is withheld, so the
    metric is 'not in your scope' rather than 'too few'."""
    if f.reach is None:
        return False
    return not filters.applied_columns(filters.Filter(reach=f.reach), metric.rollup)


def _supported(store, rollup: catalog.Rollup, groupings: list[Grouping]) -> list[Grouping]:
    """The groupings whose columns the rollup table has (halls are not on the hotline)."""
    columns = set(store.columns(rollup.id))
    if rollup.id == "customer_base":
        columns |= {"day", "province_id"}  # the exposure query adds both
    if "day" in columns:
        columns.add(BUCKET)  # made from the day
    return [g for g in groupings if set(g) <= columns]


def _sums(store, rollup, members, f, period, groupings, months_ok=False, time_key=None):
    """One query per copy of the rollup that the groupings call for (see pulse.plan)."""
    sets = _supported(store, rollup, groupings)
    if not sets:
        return {}
    where, params = filters.where_clause(f, rollup.id)[:2]
    filtered = filters.applied_columns(f, rollup.id)
    measures = [pair for m in members for pair in measure_columns(m)]
    if time_key is not None:  # a bucket's first day with data (a monthly copy keeps it)
        measures.append((f"{rollup.id}__first_day", "min(first_day)"))
    days_needed = time_key is not None and plan.needs_days(time_key)
    chosen: dict[catalog.Variant, list[Grouping]] = defaultdict(list)
    for g in sets:
        by_day = ("day" in g and not months_ok) or days_needed
        chosen[plan.choose(rollup, filtered | (set(g) - {BUCKET}), by_day)].append(g)
    periods = {"cur": (period.start, period.end), "cmp": (period.cmp_start, period.cmp_end)}
    out = {}
    for variant, variant_sets in chosen.items():
        columns = sorted({c for g in variant_sets for c in g})
        pieces = plan.pieces(rollup, variant, periods, filtered | (set(columns) - {BUCKET}))
        query = sql.render(
            "metrics/measures",
            rollup=rollup.id,
            pieces=pieces,
            reads=_reads(store, pieces, columns, measures, time_key),
            where=where,
            columns=columns,
            grouping_sets=variant_sets,
            measures=measures,
            first_day=time_key is not None,
        )
        frame = store.cached_df(query, {**params, **plan.bind(pieces)})
        out.update(_split(frame, columns, variant_sets))
    return out


def _reads(store, pieces, columns: list[str], measures, time_key=None) -> list[str]:
    """The columns a measures query reads from its pieces: the grouping columns (the time
    bucket made from the day) and every column of the pieces' tables that a measure's
    expression names. Reading these rather than every column cut the small questions' SQL by
    a fifth to a half at province scale (python -m bench.peers)."""
    named = _names(tuple(expression for _, expression in measures)) - {"first_day"}
    common = set.intersection(*(set(store.columns(p.table)) for p in pieces))
    keys = [f"{time_key} as {BUCKET}" if c == BUCKET else c for c in columns]
    return [*keys, *sorted((common & named) - set(columns))]


@functools.cache
def _names(expressions: tuple[str, ...]) -> frozenset[str]:
    """The words in the catalogue's measure expressions (sum(n_promoters) ...): read once per
    set of measures, not on every query of every rerun."""
    return frozenset(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", " ".join(expressions)))


def _histograms(store, rollup, members, f, period, groupings):
    sets = _supported(store, rollup, groupings)
    if not sets:
        return {}
    where, params = filters.where_clause(f, rollup.id)[:2]
    columns = sorted({c for g in sets for c in g})
    query = sql.render(
        "metrics/histogram",
        rollup=rollup.id,
        where=where,
        columns=columns,
        grouping_sets=sets,
        bucket=rollup.bucket,
    )
    frame = store.cached_df(query, {**params, **period_params(period)})
    out = {}
    for g, part in _split(frame, columns, sets).items():
        keys = ["period", *g]
        if part.empty:
            hist = pd.DataFrame({k: pd.Series(dtype=object) for k in [*keys, "hist"]})
        else:
            hist = (
                part.groupby(keys, dropna=False)[["bucket", "n"]]
                .apply(lambda rows: dict(zip(rows["bucket"], rows["n"], strict=True)))
                .rename("hist")
                .reset_index()
            )
        for m in members:
            hist[f"{m.id}__hist"] = hist["hist"]
        out[g] = hist.drop(columns="hist")
    return out


def _exposure(store, f, period, groupings, time_key=None):
    rollup = catalog.rollup("customer_base")
    sets = _supported(store, rollup, groupings)
    if not sets or f.halls:
        return {}
    where, params = filters.where_clause(f, "customer_base")[:2]
    columns = sorted({c for g in sets for c in g})
    query = sql.render(
        "metrics/exposure", where=where, columns=columns, grouping_sets=sets, time_key=time_key
    )
    frame = store.cached_df(query, {**params, **period_params(period)})
    return _split(frame, columns, sets)


def _split(frame: pd.DataFrame, columns: list[str], sets: list[Grouping]):
    """One frame per grouping set, told apart by DuckDB's grouping() bitmask."""
    out = {}
    ids = frame["grouping_id"].to_numpy()
    for g in sets:
        mask = sum(1 << (len(columns) - 1 - i) for i, c in enumerate(columns) if c not in g)
        if not columns:
            mask = 0
        drop = ["grouping_id", *(c for c in columns if c not in g)]
        if len(sets) == 1:  # every row is the one grouping's: no rows to pick
            out[g] = frame.drop(columns=drop)
            continue
        out[g] = frame.iloc[np.flatnonzero(ids == mask)].drop(columns=drop).reset_index(drop=True)
    return out


def _join(frames: list[pd.DataFrame], g: Grouping) -> pd.DataFrame:
    """Frames of measures side by side on (period, *g): every key of any, in key order
    (nulls last), a key's measures NaN (None for a histogram) where its frame has no row for
    it. Key columns other than the day come back as objects, None for null (an all-null key
    comes back from DuckDB as float). An empty frame adds its columns only; the columns come
    in the order outer merges of the frames in turn would give them.

    The frames are placed on their keys' slots (pulse.keys), all at once: an outer pandas
    merge on a hall's keys cost the headline a tenth of its time, and joining the rollups'
    frames two at a time built every key and frame again for each (a tenth of the Overview's
    run on a new filter)."""
    order, filled = _merged_order(frames)
    if len(filled) < 2:  # nothing to place: the one frame with rows, or an empty one
        return (filled[0] if filled else frames[0]).reindex(columns=order)
    keys = ["period", *g]
    stacked = {
        k: _key_values(pd.concat([f[k] for f in filled], ignore_index=True), k) for k in keys
    }
    slot, out = key_slots.slots(stacked)
    size = len(out["period"])  # the distinct keys
    start = 0
    for frame in filled:
        at = slot[start : start + len(frame)]
        start += len(frame)
        for column in frame.columns:
            if column in out:
                continue
            values = frame[column]
            if len(at) == size:  # a row for every key: the column keeps its type
                placed = values.to_numpy().copy()
                placed[at] = values.to_numpy()
            elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
                placed = np.full(size, np.nan)
                placed[at] = values.to_numpy(dtype=float, na_value=np.nan)
            else:
                placed = np.full(size, None, dtype=object)
                placed[at] = values.to_numpy(dtype=object)
            out[column] = placed
    joined = pd.DataFrame({c: out[c] for c in order if c in out})
    return joined if len(joined.columns) == len(order) else joined.reindex(columns=order)


def _merged_order(frames: list[pd.DataFrame]) -> tuple[list[str], list[pd.DataFrame]]:
    """The columns in the order outer merges of the frames in turn give them (an empty frame's
    after the rest; the first frame with rows first), and the frames with rows."""
    order: list[str] = []
    filled: list[pd.DataFrame] = []
    for frame in frames:
        new = [c for c in frame.columns if c not in order]
        if not frame.empty and not filled and order:  # rows at last: its columns lead
            order = [*frame.columns, *(c for c in order if c not in frame.columns)]
        else:
            order += new
        if not frame.empty:
            filled.append(frame)
    return order, filled


def _key_values(column: pd.Series, name: str) -> pd.Series:
    """A key column as merged: the period and the day as they are, any other key as objects,
    None for null."""
    if name in ("period", "day", BUCKET):
        return column
    column = column.astype(object)
    return column.where(column.notna(), None)


def regroup(raw: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sum raw measures up to coarser keys (e.g. day -> week), one row per (period, *by) in
    key order: counts and sums add (a group with every value missing stays missing; the sums
    are floats), and histograms add bucket by bucket. Summed on the keys' slots (pulse.keys):
    a pandas groupby cost a few ms a call."""
    hist_cols = [c for c in raw.columns if c.endswith("__hist")]
    num_cols = [
        c
        for c in raw.columns
        if c not in (*by, *hist_cols) and c != "period" and pd.api.types.is_numeric_dtype(raw[c])
    ]
    slot, out = key_slots.slots({k: raw[k] for k in ["period", *by]})
    size = len(out["period"])
    for column in num_cols:
        values = raw[column].to_numpy(dtype=float, na_value=np.nan)
        has = ~np.isnan(values)
        sums = np.bincount(slot[has], weights=values[has], minlength=size)
        counted = np.bincount(slot[has], minlength=size)
        out[column] = np.where(counted > 0, sums, np.nan)
    for column in hist_cols:
        totals: list[dict] = [{} for _ in range(size)]
        for at, hist in zip(slot, raw[column].tolist(), strict=True):
            if isinstance(hist, dict):
                total = totals[at]
                for bucket, n in hist.items():
                    total[bucket] = total.get(bucket, 0) + n
        out[column] = pd.Series(totals, dtype=object)
    return pd.DataFrame(out)
