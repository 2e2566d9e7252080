"""Turn raw measures into metric values with n, interval and a test of the change."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog, histograms, stats
from pulse import keys as keys_
from pulse.catalog import Metric
from pulse.filters import Period

ALPHA = 0.05
VALUE_COLUMNS = [
    "metric_id",
    "value",
    "low",
    "high",
    "n",
    "enough_n",
    "cmp_value",
    "cmp_low",
    "cmp_high",
    "cmp_n",
    "delta",
    "p_value",
    "is_significant",
]


def evaluate(
    metrics: list[Metric], raw: pd.DataFrame, group: tuple[str, ...], period: Period
) -> pd.DataFrame:
    """One row per (group, metric): current value, interval and n, the comparison value, and
    the p-value of the change. Metrics whose measures are absent are left out. The groups come
    in the order of their keys."""
    cur, cmp = Aligned.of(raw, group)
    size = len(cur)
    parts: dict[str, list[np.ndarray]] = {c: [] for c in VALUE_COLUMNS}
    shown = 0
    for m in metrics:
        if not _has_measures(m, raw):
            continue
        shown += 1
        now = _compute(m, cur, period.days)
        before = _compute(m, cmp, period.cmp_days)
        enough = np.nan_to_num(now["n"], nan=0.0) >= max(m.min_n, 1)
        p_value = _p_value(m, cur, cmp, period) if period.cmp_start else np.full(size, np.nan)
        columns = {
            "metric_id": np.full(size, m.id, dtype=object),
            **{name: now[name] for name in ("value", "low", "high", "n")},
            **{f"cmp_{name}": before[name] for name in ("value", "low", "high", "n")},
            "enough_n": enough,
            "delta": now["value"] - before["value"],
            "p_value": p_value,
            "is_significant": (p_value < ALPHA) & enough,
        }
        for name, values in columns.items():
            parts[name].append(np.asarray(values))
    if not shown:
        return empty(group)
    repeat = np.tile(np.arange(size), shown)
    out = {c: cur.keys[c].array.take(repeat) for c in group}  # the key columns keep their types
    out.update({name: np.concatenate(arrays) for name, arrays in parts.items()})
    return pd.DataFrame(out, columns=[*group, *VALUE_COLUMNS])


class Aligned:
    """One period's rows of a raw frame, placed on the keys of both periods: the measure
    columns as arrays, NaN (None for histograms) where a key has no row in this period.

    pandas would align them by an index (a mask, set_index, union, reindex): on a small
    question that was half of evaluate(). Here each row has its key's slot (pulse.keys) and
    each column is placed with one numpy assignment."""

    def __init__(self, raw, rows: np.ndarray, slots: np.ndarray, size: int, keys, columns):
        self.raw, self.rows, self.slots, self.size = raw, rows, slots, size
        self.keys: dict[str, pd.Series] = keys  # the key columns, one value per slot
        self.columns: dict[str, np.ndarray] = columns  # raw's columns as floats, shared

    @classmethod
    def of(cls, raw: pd.DataFrame, group: tuple[str, ...]) -> tuple[Aligned, Aligned]:
        """The current and the comparison period of `raw`, on the same keys (in key order)."""
        period = raw["period"].to_numpy(dtype=object)
        if not group:  # a single total row; absent when neither period has data at all
            found = [np.flatnonzero(period == p)[:1] for p in ("cur", "cmp")]
            size = 1 if any(len(f) for f in found) else 0
            columns: dict[str, np.ndarray] = {}
            return tuple(
                cls(raw, f, np.zeros(len(f), dtype=np.intp), size, {}, columns) for f in found
            )
        slot_of, keys = keys_.slots({c: raw[c] for c in group})
        size = len(keys[group[0]])
        out, columns = [], {}
        for p in ("cur", "cmp"):
            rows = np.flatnonzero(period == p)
            out.append(cls(raw, rows, slot_of[rows], size, keys, columns))
        return tuple(out)

    @classmethod
    def each(cls, frame: pd.DataFrame) -> Aligned:
        """Every row of `frame` in a slot of its own, in order (a view's own sums)."""
        every = np.arange(len(frame))
        return cls(frame, every, every, len(frame), {}, {})

    def __len__(self) -> int:
        return self.size

    def __contains__(self, name: str) -> bool:
        return name in self.raw

    def floats(self, name: str) -> np.ndarray:
        """A measure column on the keys, NaN where this period has no row."""
        out = np.full(self.size, np.nan)
        if name not in self.columns:
            self.columns[name] = self.raw[name].to_numpy(dtype=float, na_value=np.nan)
        out[self.slots] = self.columns[name][self.rows]
        return out

    def objects(self, name: str) -> list:
        """An object column (a histogram's dict) on the keys, None where there is no row."""
        out = np.full(self.size, None, dtype=object)
        out[self.slots] = self.raw[name].to_numpy(dtype=object)[self.rows]
        return out.tolist()


def empty(group: tuple[str, ...] = ()) -> pd.DataFrame:
    """A frame of no values with the right columns and types."""
    columns = {c: pd.Series(dtype=object) for c in group}
    for c in VALUE_COLUMNS:
        flags = ("enough_n", "is_significant")
        columns[c] = pd.Series(dtype=object if c == "metric_id" else bool if c in flags else float)
    return pd.DataFrame(columns)


def _has_measures(m: Metric, raw: pd.DataFrame) -> bool:
    if m.kind == "quantile":
        return f"{m.id}__hist" in raw
    if m.kind == "rate":
        return f"{m.id}__numerator" in raw and "subscriber_days" in raw
    return any(c.startswith(f"{m.id}__") for c in raw.columns)


def _col(rows: Aligned, name: str) -> np.ndarray:
    if name not in rows:
        return np.full(len(rows), np.nan)
    return rows.floats(name)


PARTS = ("numerator", "denominator", "sum_sq", "promoters", "passives", "detractors")


def compute(m: Metric, rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Value, low, high and n of one share, mean or NPS per row of its summed parts
    ({id}__numerator ...), for a view that sums its rollup's rows itself (Surveys' experience)."""
    return _compute(m, Aligned.each(rows), 0)


def _compute(m: Metric, rows: Aligned, days: int) -> dict[str, np.ndarray]:
    c = {part: _col(rows, f"{m.id}__{part}") for part in PARTS}
    with np.errstate(divide="ignore", invalid="ignore"):
        if m.kind == "share":
            num, den = c["numerator"], c["denominator"]
            low, high = stats.wilson_interval(num, den)
            return {"value": num / den, "low": low, "high": high, "n": den}
        if m.kind == "mean":
            mean, low, high = stats.mean_interval(c["numerator"], c["sum_sq"], c["denominator"])
            s = m.scale
            return {"value": mean * s, "low": low * s, "high": high * s, "n": c["denominator"]}
        if m.kind == "nps":
            p, pa, d = c["promoters"], c["passives"], c["detractors"]
            value, low, high = stats.nps_interval(p, pa, d)
            return {"value": value, "low": low, "high": high, "n": p + pa + d}
        if m.kind == "rate":
            exposure = _col(rows, "subscriber_days") / m.exposure_days / 1e6
            # subscribers in scope but no event rows: a true zero, not missing data
            count = np.where(np.isnan(c["numerator"]) & (exposure > 0), 0.0, c["numerator"])
            rate, low, high = stats.poisson_rate_interval(count, exposure)
            return {"value": rate, "low": low, "high": high, "n": count}
        if m.kind == "count":
            count = c["numerator"]
            _, low, high = stats.poisson_rate_interval(count, np.ones_like(count))
            return {"value": count, "low": low, "high": high, "n": count}
        return _quantiles(m, rows)


def _quantiles(m: Metric, rows: Aligned) -> dict[str, np.ndarray]:
    """The quantile and its interval for each row's histogram (pulse.histograms.quantiles)."""
    rollup = catalog.rollup(m.rollup)
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    name = f"{m.id}__hist"
    column = rows.objects(name) if name in rows else []
    counts = np.array(
        [[h.get(b, 0) if isinstance(h, dict) else 0 for b in bounds] for h in column],
        dtype=float,
    ).reshape(len(column), bounds.size)
    value, low, high, n = histograms.quantiles(bounds, counts, m.quantile)
    s = rollup.bucket_scale
    n = np.where(n > 0, n, np.nan)  # no histogram in the group: no n either
    out = {"value": value * s, "low": low * s, "high": high * s, "n": n}
    if len(rows) != len(column):  # no histogram column: nothing to show
        out = {k: np.full(len(rows), np.nan) for k in ("value", "low", "high", "n")}
    return out


def _p_value(m: Metric, cur: Aligned, cmp: Aligned, period: Period) -> np.ndarray:
    a = {
        p: _col(cur, f"{m.id}__{p}")
        for p in ("numerator", "denominator", "sum_sq", "promoters", "passives", "detractors")
    }
    b = {p: _col(cmp, f"{m.id}__{p}") for p in a}
    with np.errstate(divide="ignore", invalid="ignore"):
        if m.kind == "share":
            return stats.two_proportion_pvalue(
                a["numerator"], a["denominator"], b["numerator"], b["denominator"]
            )
        if m.kind == "mean":
            return stats.mean_difference_pvalue(
                a["numerator"],
                a["sum_sq"],
                a["denominator"],
                b["numerator"],
                b["sum_sq"],
                b["denominator"],
            )
        if m.kind == "nps":
            return stats.nps_difference_pvalue(
                a["promoters"],
                a["passives"],
                a["detractors"],
                b["promoters"],
                b["passives"],
                b["detractors"],
            )
        if m.kind == "rate":
            return stats.poisson_rate_pvalue(
                a["numerator"],
                _col(cur, "subscriber_days"),
                b["numerator"],
                _col(cmp, "subscriber_days"),
            )
        if m.kind == "count":
            n = len(cur)
            return stats.poisson_rate_pvalue(
                a["numerator"],
                np.full(n, float(period.days)),
                b["numerator"],
                np.full(n, float(period.cmp_days)),
            )
    # quantiles: no test of change is claimed
    return np.full(len(cur), np.nan)
