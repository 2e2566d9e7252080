"""The hotline's staffing gap: the computation lives in the core (pulse.staffing), which the
Overview's explanation of a red number shares."""

from __future__ import annotations

from pulse.staffing import (
    MIN_ANSWERED_FOR_AHT,
    SLOT_S,
    TARGET_LEVEL,
    TARGET_S,
    gap,
    needed_agents,
    summary,
)

__all__ = [
    "MIN_ANSWERED_FOR_AHT",
    "SLOT_S",
    "TARGET_LEVEL",
    "TARGET_S",
    "gap",
    "needed_agents",
    "summary",
]
