"""The order of the headline tiles, shared by the Queues and Hotline pages (their targets come
from pulse.kpis.with_targets, as the Overview's do)."""

from __future__ import annotations

import pandas as pd

from pulse import filters


def ordered(frame: pd.DataFrame, metric_ids: tuple[str, ...]) -> pd.DataFrame:
    """The rows of `frame` in the order of `metric_ids`, missing metrics left out."""
    order = {m: i for i, m in enumerate(metric_ids)}
    kept = frame[frame["metric_id"].isin(order)]
    return kept.sort_values("metric_id", key=lambda s: s.map(order)).reset_index(drop=True)


def by_week(period: filters.Period) -> bool:
    """Whether a trend over the period runs by week (pulse.weeks) rather than by day: past 45
    days."""
    return period.days > 45
