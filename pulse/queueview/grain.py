"""Aggregate navigation: read the smallest rollup that can answer a filter exactly.

The page rollups come in grains (per city, then per hall). A query names its candidates from
the smallest to the finest; the first that honours every scope field the finest honours gives
the same sums as the finest, from a fraction of the rows.
"""

from __future__ import annotations

from pulse import filters
from pulse.dimensions import Dimensions


def pick(candidates: tuple[str, ...], f: filters.Filter) -> str:
    """The first rollup of `candidates` (smallest first) that honours every scope field of `f`
    that the last one honours."""
    finest = set(filters.where_clause(f, candidates[-1])[2])
    for rollup_id in candidates:
        if set(filters.where_clause(f, rollup_id)[2]) <= finest:
            return rollup_id
    return candidates[-1]


def effective(f: filters.Filter, dims: Dimensions) -> filters.Filter:
    """See Dimensions.effective (kept here for the Queues page until it moves too)."""
    return dims.effective(f)
