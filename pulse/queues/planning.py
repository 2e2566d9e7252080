"""Counter planning for the Queues page: the computation lives in the core (pulse.counters),
which the Overview's explanation of a red number shares."""

from __future__ import annotations

from pulse.counters import (
    BASES,
    BUSY_QUANTILE,
    DAY_TYPES,
    MIN_SERVICE_N,
    Plan,
    busiest_hour,
    hall_hours,
    plan,
    short_hours,
)

__all__ = [
    "BASES",
    "BUSY_QUANTILE",
    "DAY_TYPES",
    "MIN_SERVICE_N",
    "Plan",
    "busiest_hour",
    "hall_hours",
    "plan",
    "short_hours",
]
