"""Choose which copy of a rollup answers a question, and cut periods into whole months.

A question needs certain key columns (its grouping and the filter fields it applies) and may
need single days. The coarsest copy that keeps those columns answers it: by city rather than
hall, by month rather than day. A monthly copy reads whole months, and the days before the
first and after the last whole month come from a daily copy with the same columns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pulse.catalog import Rollup, Variant

_NO_DAY = dt.date(1, 1, 1)  # a comparison range that matches nothing


@dataclass(frozen=True)
class Piece:
    """Rows of one table for one stretch of one period."""

    period: str  # "cur" or "cmp"
    table: str
    start: dt.date
    end: dt.date
    grain: str = "day"  # "month": one row a month, its first day with data in `first_day`


def choose(rollup: Rollup, needed: set[str], by_day: bool) -> Variant:
    """The first listed copy that keeps every needed column (and days when asked), else the
    base rollup itself."""
    for variant in rollup.variants:
        if needed & set(variant.drops):
            continue
        if by_day and variant.grain != "day":
            continue
        return variant
    return Variant(rollup.id, "day", ())


def needs_days(time_key: str) -> bool:
    """True when rows summed to a time bucket by `time_key` (SQL over `day`,
    pulse.histograms.TIME_KEYS, perhaps shifted by an overlay's interval) cannot come from a
    monthly copy: a bucket of weeks or days, or a shift by days, which moves one month's days
    into two. A shift by whole months or years moves every day of a month into one month, so
    a monthly row lands in the bucket its days would."""
    coarse = "'month'" in time_key or "'quarter'" in time_key
    return not coarse or re.search(r"interval -?\d+ day", time_key) is not None


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def split(start: dt.date, end: dt.date) -> tuple[list[tuple], list[tuple]]:
    """(whole months as (first, last) month starts, leftover day ranges) of start..end."""
    first = start if start.day == 1 else _next_month(start)
    last_day_of_month = _next_month(end) - dt.timedelta(days=1) == end
    stop = _next_month(end) if last_day_of_month else _month_start(end)  # after the last
    if first >= stop:
        return [], [(start, end)]
    months = [(first, _month_start(stop - dt.timedelta(days=1)))]
    days = []
    if start < first:
        days.append((start, first - dt.timedelta(days=1)))
    if stop <= end:
        days.append((stop, end))
    return months, days


def pieces(
    rollup: Rollup, variant: Variant, periods: dict[str, tuple], needed: set[str]
) -> list[Piece]:
    """The table pieces that cover each period ({"cur": (start, end), "cmp": ...}): whole
    months from a monthly variant, and the days around them from the smallest daily copy that
    keeps the `needed` columns (those the variant was chosen for)."""
    daily = choose(rollup, needed, by_day=True).table
    out = []
    for tag, (start, end) in periods.items():
        if start is None:
            start = end = _NO_DAY
        if variant.grain == "day":
            out.append(Piece(tag, variant.table, start, end))
            continue
        months, days = split(start, end)
        out.extend(Piece(tag, variant.table, a, b, "month") for a, b in months)
        out.extend(Piece(tag, daily, a, b) for a, b in days)
    return out


def bind(parts: list[Piece]) -> dict:
    """Bound parameters for the pieces' dates."""
    params = {}
    for i, piece in enumerate(parts):
        params[f"p{i}_from"] = piece.start
        params[f"p{i}_to"] = piece.end
    return params
