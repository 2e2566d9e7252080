"""The Hotline page's downloads in the screen's units and words: queues by their labels, a
half hour as the clock time the chart shows ("08:30"), shares in percent, and none of the
sums and flags the page works with."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse.hotline.data import slot_label
from pulse.ui import downloads


def by_queue(frame: pd.DataFrame, lang: str, names: dict[str, str]) -> pd.DataFrame:
    """Every queue's headline metrics (a row per queue and metric), each in its unit."""
    out = downloads.by_metric(frame, lang, {"queue_id": names})
    return out.rename(columns={"queue_id": "queue"})


def profile(frame: pd.DataFrame, *, by_day: bool) -> pd.DataFrame:
    """The day's profile as drawn: calls offered (per day on the average day), agents on duty
    and needed, and the service level in percent with its n, per half hour (of each day)."""
    keys = {"half_hour": frame["slot"].map(slot_label)}
    if by_day:
        keys = {"day": frame["day"], **keys}
    offered = "n_offered" if by_day else "offered_per_day"
    return pd.DataFrame(
        {
            **keys,
            offered: frame[offered],
            "agents_on_duty": frame["agents_on_duty"],
            "agents_needed": frame["agents_needed"],
            downloads.headed("service_level", "pct1"): frame["service_level"] * 100,
            "n": frame["sl_n"],
        }
    ).reset_index(drop=True)


def gap_summary(summary: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Per queue: half hours, how many were understaffed and their share in percent, and the
    agent-hours short."""
    return pd.DataFrame(
        {
            "queue": [names.get(q, q) for q in summary["queue_id"]],
            "n_intervals": summary["n_intervals"],
            "n_understaffed": summary["n_understaffed"],
            downloads.headed("understaffed_share", "pct1"): summary["understaffed_share"] * 100,
            "agent_hours_short": summary["agent_hours_short"],
        }
    ).reset_index(drop=True)


def gap(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A row per queue and half hour of the staffing gap (the map, the worst half hours):
    calls, the AHT planned with, agents needed and on duty, the gap, and the service level
    and occupancy in percent."""
    return pd.DataFrame(
        {
            "day": frame["day"],
            "half_hour": frame["slot"].map(slot_label),
            "queue": [names.get(q, q) for q in frame["queue_id"]],
            "n_offered": frame["n_offered"],
            "n_queued": frame["n_queued"],
            downloads.headed("aht", "seconds"): frame["aht_s"],
            "agents_needed": frame["agents_needed"],
            "agents_on_duty": frame["agents_on_duty"],
            "gap": frame["gap"],
            downloads.headed("service_level", "pct1"): frame["service_level"] * 100,
            downloads.headed("occupancy", "pct1"): frame["occupancy"] * 100,
        }
    ).reset_index(drop=True)


def whatif_curve(curve: pd.DataFrame) -> pd.DataFrame:
    """The calculator's curve per number of agents taking calls, shares in percent; no ASA
    where the agents cannot keep up (the chart draws none there: it grows without bound)."""
    asa = curve["asa_s"].where(curve["is_stable"] & np.isfinite(curve["asa_s"]))
    return pd.DataFrame(
        {
            "agents": curve["agents"],
            "traffic_erlangs": curve["traffic_erlangs"],
            downloads.headed("service_level", "pct1"): curve["service_level"] * 100,
            downloads.headed("asa", "seconds"): asa,
            downloads.headed("p_wait", "pct1"): curve["p_wait"] * 100,
            downloads.headed("occupancy", "pct1"): curve["occupancy"] * 100,
            "is_stable": curve["is_stable"],
        }
    ).reset_index(drop=True)
