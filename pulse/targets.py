"""Targets by level and the green / amber / red status of a value against its target."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from pulse import sql
from pulse.catalog import Metric
from pulse.store import Store

GREEN, AMBER, RED, UNKNOWN = "green", "amber", "red", "unknown"


@dataclass(frozen=True)
class Target:
    """One target row."""

    value: float
    amber_band: float
    source: str
    level: str


def for_year(store: Store, year: int) -> pd.DataFrame:
    """Every target of a year."""
    return store.cached_df(sql.text("overview/targets"), {"year": year})


def pick(
    targets: pd.DataFrame,
    metric_id: str,
    *,
    hall: str | None = None,
    tier: str | None = None,
    city: str | None = None,
) -> Target | None:
    """The most specific target that applies: hall, then tier, then city, then company."""
    lookup = _lookup(targets)
    for level, key in (("hall", hall), ("tier", tier), ("city", city), ("company", "all")):
        if key is not None and (metric_id, level, key) in lookup:
            return lookup[(metric_id, level, key)]
    return None


_lookups: dict[int, tuple[pd.DataFrame, dict]] = {}


def _lookup(targets: pd.DataFrame) -> dict[tuple[str, str, str], Target]:
    """(metric, level, key) -> Target, built once per targets frame (frames are cached)."""
    cached = _lookups.get(id(targets))
    if cached is None or cached[0] is not targets:
        table = {
            (r.metric_id, r.level, r.level_key): Target(
                float(r.target_value), float(r.amber_band), str(r.source), r.level
            )
            for r in targets.itertuples(index=False)
        }
        cached = (targets, table)
        _lookups.clear()
        _lookups[id(targets)] = cached
    return cached[1]


def status(metric: Metric, value: float | None, target: Target | None) -> str:
    """Green when the target is met, amber when missed by at most the amber band, else red."""
    if target is None or value is None or math.isnan(value) or metric.higher_is_better is None:
        return UNKNOWN
    gap = value - target.value if metric.higher_is_better else target.value - value
    if gap >= 0:
        return GREEN
    return AMBER if -gap <= target.amber_band else RED
