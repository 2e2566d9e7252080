"""Headline values with their targets, shared by the Queues and Hotline pages."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog, filters, targets


def with_targets(frame: pd.DataFrame, year_targets: pd.DataFrame, f: filters.Filter):
    """Each metric row with the most specific target that applies to the filter's place (one
    hall, else one city, else the company) and its green / amber / red status."""
    hall = f.halls[0] if len(f.halls) == 1 else None
    city = f.cities[0] if len(f.cities) == 1 and not f.halls else None
    rows = []
    for row in frame.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        target = targets.pick(year_targets, metric.id, hall=hall, city=city)
        value = row["value"] if row["enough_n"] else None
        rows.append(
            {
                **row,
                "target": target.value if target else np.nan,
                "target_level": target.level if target else None,
                "target_source": target.source if target else None,
                "status": targets.status(metric, value, target),
            }
        )
    return pd.DataFrame(rows, columns=[*frame.columns, *_TARGET_COLUMNS])


_TARGET_COLUMNS = ["target", "target_level", "target_source", "status"]


def ordered(frame: pd.DataFrame, metric_ids: tuple[str, ...]) -> pd.DataFrame:
    """The rows of `frame` in the order of `metric_ids`, missing metrics left out."""
    order = {m: i for i, m in enumerate(metric_ids)}
    kept = frame[frame["metric_id"].isin(order)]
    return kept.sort_values("metric_id", key=lambda s: s.map(order)).reset_index(drop=True)


def week_or_day(period: filters.Period) -> str | None:
    """The grain of a trend over the period: days up to 45 days, else weeks (W-MON)."""
    return "W-MON" if period.days > 45 else None
