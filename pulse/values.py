"""Turn raw measures into metric values with n, interval and a test of the change."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog, histograms, stats
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
    the p-value of the change. Metrics whose measures are absent are left out."""
    cur = _period_rows(raw, "cur", group)
    cmp = _period_rows(raw, "cmp", group)
    keys = cur.index.union(cmp.index)
    cur, cmp = cur.reindex(keys), cmp.reindex(keys)
    size = len(keys)
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
    out = pd.DataFrame({name: np.concatenate(arrays) for name, arrays in parts.items()})
    if group:
        index = (
            keys.to_frame(index=False)
            if isinstance(keys, pd.MultiIndex)
            else (pd.DataFrame({group[0]: keys}))
        )
        repeated = pd.concat([index] * shown, ignore_index=True)
        out = pd.concat([repeated, out], axis=1)
    return out[[*group, *VALUE_COLUMNS]]


def empty(group: tuple[str, ...] = ()) -> pd.DataFrame:
    """A frame of no values with the right columns and types."""
    columns = {c: pd.Series(dtype=object) for c in group}
    for c in VALUE_COLUMNS:
        flags = ("enough_n", "is_significant")
        columns[c] = pd.Series(dtype=object if c == "metric_id" else bool if c in flags else float)
    return pd.DataFrame(columns)


def _period_rows(raw: pd.DataFrame, period: str, group: tuple[str, ...]) -> pd.DataFrame:
    rows = raw[raw["period"] == period].drop(columns="period")
    if group:
        return rows.set_index(list(group))
    # a single total row; absent when the period has no data at all
    return rows.reset_index(drop=True).head(1).set_axis(pd.RangeIndex(len(rows.head(1))))


def _has_measures(m: Metric, raw: pd.DataFrame) -> bool:
    if m.kind == "quantile":
        return f"{m.id}__hist" in raw
    if m.kind == "rate":
        return f"{m.id}__numerator" in raw and "subscriber_days" in raw
    return any(c.startswith(f"{m.id}__") for c in raw.columns)


def _col(rows: pd.DataFrame, name: str) -> np.ndarray:
    if name not in rows:
        return np.full(len(rows), np.nan)
    return rows[name].to_numpy(dtype=float, na_value=np.nan)


PARTS = ("numerator", "denominator", "sum_sq", "promoters", "passives", "detractors")


def compute(m: Metric, rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """Value, low, high and n of one share, mean or NPS per row of its summed parts
    ({id}__numerator ...), for a view that sums its rollup's rows itself (Surveys' experience)."""
    return _compute(m, rows, 0)


def _compute(m: Metric, rows: pd.DataFrame, days: int) -> dict[str, np.ndarray]:
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


def _quantiles(m: Metric, rows: pd.DataFrame) -> dict[str, np.ndarray]:
    """The quantile and its interval for each row's histogram (pulse.histograms.quantiles)."""
    rollup = catalog.rollup(m.rollup)
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    column = rows[f"{m.id}__hist"] if f"{m.id}__hist" in rows else pd.Series(dtype=object)
    counts = np.array(
        [[h.get(b, 0) if isinstance(h, dict) else 0 for b in bounds] for h in column.tolist()],
        dtype=float,
    ).reshape(len(column), bounds.size)
    value, low, high, n = histograms.quantiles(bounds, counts, m.quantile)
    s = rollup.bucket_scale
    n = np.where(n > 0, n, np.nan)  # no histogram in the group: no n either
    out = {"value": value * s, "low": low * s, "high": high * s, "n": n}
    if len(rows) != len(column):  # no histogram column: nothing to show
        out = {k: np.full(len(rows), np.nan) for k in ("value", "low", "high", "n")}
    return out


def _p_value(m: Metric, cur: pd.DataFrame, cmp: pd.DataFrame, period: Period) -> np.ndarray:
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
