"""The "why" behind a number off target: how much of a unit's gap to its target each hall,
segment, service type, hour (and so on) contributes, with the n of every part.

A share, a mean, an NPS and a per-million rate are each a weighted mean of their parts:
value = sum of w_i * v_i, with w_i = n_i / N (the part's share of the denominator; of the
subscribers for a rate; an NPS is the mean of +100 / 0 / -100 per respondent). So

    target - value = sum of w_i * (target - v_i)

exactly: part i contributes w_i * (target - v_i) in the metric's direction (for a lower-is-
better metric, w_i * (v_i - target)). A positive contribution pulls the unit below target, a
negative one holds it up; the parts of one breakdown add up to the gap.

A quantile is no weighted mean of its parts' quantiles. Its target is met when the share of
observations beyond the target value is at most 1 - q (a 90th-percentile wait of at most
15 minutes: at most 10 % of waits beyond 15 minutes), and that share is a weighted mean of
the parts' shares. A quantile's breakdown is therefore of the share beyond the target value
against 1 - q, in percentage points of that share, to the resolution of its histogram's
buckets (a bucket counts as beyond when its lower bound is at or past the target).
Counts have no target to fall short of and are not explained.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pulse import catalog, filters, measures, values
from pulse.catalog import Metric
from pulse.store import Store

EXPLAINED_KINDS = ("share", "mean", "nps", "rate", "quantile")
NO_KEY = ""  # the part without a member (a survey taken by phone has no hall)


@dataclass(frozen=True)
class Dimension:
    """A way to split a unit: its name, the rollup column that holds it, and the catalogue
    rollup that has the column when the metric's own does not (the hourly ticket rollup keeps
    the same sums as the daily one, by hour and service type)."""

    name: str
    column: str
    rollup: str | None = None


CITY = Dimension("city", "city_id")
HALL = Dimension("hall", "branch_id")
SEGMENT = Dimension("segment", "segment")
DIMENSIONS = {
    "queue_daily": (
        HALL,
        SEGMENT,
        Dimension("service_type", "service_type", "queue_hourly"),
        Dimension("hour", "hour", "queue_hourly"),
    ),
    "queue_wait_hist": (HALL, SEGMENT),
    # the hotline keeps half hours (slot): two make an hour
    "hotline_interval": (Dimension("queue", "queue_id"), SEGMENT, Dimension("hour", "slot")),
    "survey_daily": (HALL, Dimension("touchpoint", "touchpoint"), SEGMENT),
    "complaint_daily": (
        HALL,
        Dimension("channel", "channel"),
        Dimension("category", "category"),
        SEGMENT,
    ),
    "complaint_resolution_hist": (HALL, Dimension("channel", "channel"), SEGMENT),
    "complaint_response_hist": (HALL, Dimension("channel", "channel"), SEGMENT),
}
# subscribers, the weight of a per-million rate, are counted by city and segment only
RATE_DIMENSIONS = ("city", "segment")
PART_COLUMNS = ["key", "n", "weight", "value", "basis_value", "contribution", "share_of_gap"]


@dataclass
class Explanation:
    """A unit's gap to target and the parts that make it, one frame per dimension."""

    metric: Metric
    value: float  # the unit's value, in the metric's unit
    target: float
    n: float
    # "value": gap and contributions in the metric's unit; "beyond": for a quantile, in the
    # share of observations beyond the target value, against 1 - q
    basis: str
    gap: float  # shortfall in the metric's direction: positive when below target
    parts: dict[str, pd.DataFrame]  # dimension name -> PART_COLUMNS, largest contribution first

    @property
    def is_short(self) -> bool:
        """True when the unit misses its target."""
        return bool(self.gap > 0)


def shortfall(higher_is_better: bool, target: float, value) -> np.ndarray:
    """How far below target, in the metric's direction (negative: better than target)."""
    value = np.asarray(value, dtype=float)
    return target - value if higher_is_better else value - target


def contributions(
    weights, part_values, target: float, higher_is_better: bool
) -> tuple[np.ndarray, float, float]:
    """Each part's contribution to the gap, the unit's value and its gap, from the parts'
    weights (n, or subscribers for a rate) and values. The contributions add up to the gap."""
    w = np.asarray(weights, dtype=float)
    v = np.asarray(part_values, dtype=float)
    used = (w > 0) & np.isfinite(v)
    total = w[used].sum()
    if total <= 0:
        return np.zeros(len(w)), np.nan, np.nan
    share = np.where(used, w / total, 0.0)
    value = float((share[used] * v[used]).sum())
    each = np.where(used, share * shortfall(higher_is_better, target, np.where(used, v, 0)), 0)
    return each, value, float(shortfall(higher_is_better, target, value))


def beyond_share(hists: pd.Series, metric: Metric, target: float) -> tuple[np.ndarray, ...]:
    """For a quantile metric: per histogram, its n and the share of observations in buckets at
    or past the target value (in the metric's unit)."""
    rollup = catalog.rollup(metric.rollup)
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    counts = np.array(
        [[h.get(b, 0) if isinstance(h, dict) else 0 for b in bounds] for h in hists.tolist()],
        dtype=float,
    ).reshape(len(hists), bounds.size)
    n = counts.sum(axis=1)
    past = counts[:, bounds * rollup.bucket_scale >= target].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return n, np.where(n > 0, past / n, np.nan)


def dimensions(metric: Metric, f: filters.Filter) -> list[Dimension]:
    """The splits that explain `metric` for filter `f`: cities when it covers more than one,
    then the metric's rollup's own (no hall split within one hall)."""
    out = [] if len(f.cities) == 1 or f.halls else [CITY]
    out += [d for d in DIMENSIONS.get(metric.rollup, ()) if not (d is HALL and len(f.halls) == 1)]
    if metric.kind == "rate":
        out = [d for d in out if d.name in RATE_DIMENSIONS]
    return out


def explain(
    store: Store,
    metric: Metric,
    f: filters.Filter,
    period: filters.Period,
    target: float,
    only: tuple[str, ...] | None = None,
) -> Explanation:
    """The gap of `metric` to `target` for filter `f` in the current period, split along each
    of its dimensions (or the names in `only`)."""
    if metric.kind not in EXPLAINED_KINDS or metric.higher_is_better is None:
        raise ValueError(f"{metric.id}: a {metric.kind} without direction is not explained")
    current = filters.Period(period.start, period.end)
    chosen = [d for d in dimensions(metric, f) if only is None or d.name in only]
    parts, whole = {}, None
    for dim in chosen:
        frame, unit = _parts(store, metric, f, current, dim, target)
        parts[dim.name] = frame
        whole = whole or unit
    if whole is None:  # no split applies: the unit alone
        whole = _parts(store, metric, f, current, Dimension("unit", ""), target)[1]
    value, n, gap = whole
    basis = "beyond" if metric.kind == "quantile" else "value"
    return Explanation(metric, value, target, n, basis, gap, parts)


def _parts(store, metric, f, period, dim: Dimension, target: float):
    """One dimension's parts and the unit's (value, n, gap) from them."""
    read = dataclasses.replace(metric, rollup=dim.rollup) if dim.rollup else metric
    grouping = (dim.column,) if dim.column else ()
    raw = measures.fetch(store, [read], f, period, [grouping])[grouping]
    raw = raw[raw["period"] == "cur"].reset_index(drop=True)
    key = dim.column
    if dim.column == "slot":
        raw = measures.regroup(raw.assign(hour=raw["slot"] // 2).drop(columns="slot"), ["hour"])
        key = "hour"
    if not key:
        raw, key = raw.assign(key=NO_KEY), "key"
    raw[key] = raw[key].astype(object).where(raw[key].notna(), NO_KEY)
    evaluated = values.evaluate([read], raw, (key,), period)
    frame = raw[[key]].merge(evaluated[[key, "value", "n"]], on=key, how="left")
    if metric.kind == "quantile":
        n, beyond = beyond_share(raw[f"{read.id}__hist"], metric, target)
        frame = frame.assign(n=n, weight=n, basis_value=beyond)
        each, _, gap = contributions(n, beyond, 1 - metric.quantile, False)
        value = _unit_quantile(read, raw.drop(columns=key), period)
    else:
        weight = raw["subscriber_days"] if metric.kind == "rate" else frame["n"]
        frame = frame.assign(weight=weight.fillna(0).to_numpy(), basis_value=frame["value"])
        each, value, gap = contributions(frame["weight"], frame["value"], target, _up(metric))
    frame = frame.rename(columns={key: "key"}).assign(contribution=each)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["share_of_gap"] = frame["contribution"] / gap if gap else np.nan
    frame = frame.sort_values(["contribution", "key"], ascending=[False, True], ignore_index=True)
    return frame[PART_COLUMNS], (value, float(frame["n"].sum()), gap)


def _up(metric: Metric) -> bool:
    return bool(metric.higher_is_better)


def _unit_quantile(metric: Metric, raw: pd.DataFrame, period) -> float:
    """The unit's own quantile: its parts' histograms added up."""
    whole = measures.regroup(raw, [])
    found = values.evaluate([metric], whole, (), period)
    return float(found["value"].iloc[0]) if len(found) else np.nan
