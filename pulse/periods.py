"""The dates a filter's period covers, counted back from the data date, and its comparison."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pulse.filters import Filter

PERIODS = (
    "last_7",
    "last_30",
    "last_90",
    "mtd",
    "qtd",
    "ytd",
    "last_month",
    "last_quarter",
    "last_year",
    "custom",
)
COMPARISONS = ("previous", "last_year", "none")
SHORT = 40  # characters of a refused URL value repeated in a notice
SESSION_PREFIX = "f_"  # the filter bar's widgets keep their state under f_<name>


@dataclass(frozen=True)
class Setting:
    """A one-value part of the filter (period, comparison): its choices and default."""

    name: str
    url: str
    choices: tuple[str, ...]
    default: str

    @property
    def words(self) -> str:
        """The i18n key naming the setting."""
        return f"filter.{self.name}"

    @property
    def session_key(self) -> str:
        """The filter bar's session key for the setting's widget."""
        return SESSION_PREFIX + self.name


PERIOD = Setting("period", "period", PERIODS, "last_30")
COMPARE = Setting("compare", "compare", COMPARISONS, "previous")


@dataclass(frozen=True)
class Period:
    """The dates a filter covers, resolved against the data date."""

    start: dt.date
    end: dt.date
    cmp_start: dt.date | None = None
    cmp_end: dt.date | None = None

    @property
    def days(self) -> int:
        """Length of the current period in days."""
        return (self.end - self.start).days + 1

    @property
    def cmp_days(self) -> int:
        """Length of the comparison period in days (0 when there is none)."""
        return (self.cmp_end - self.cmp_start).days + 1 if self.cmp_start else 0


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def resolve(f: Filter, as_of: dt.date) -> Period:
    """The current and comparison dates of a filter, counting back from the data date."""
    start, end = _current(f, as_of)
    if f.compare == "previous":
        cmp_start, cmp_end = _previous(f.period, start, end)
        return Period(start, end, cmp_start, cmp_end)
    if f.compare == "last_year":
        return Period(start, end, _shift_year(start, -1), _shift_year(end, -1))
    return Period(start, end)


def _previous(period: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period before: the previous calendar month, quarter or year for calendar periods
    (to the same day for those still running), else the same number of days just before."""
    months = {"mtd": 1, "last_month": 1, "qtd": 3, "last_quarter": 3, "ytd": 12, "last_year": 12}
    if period not in months:
        length = end - start
        return start - dt.timedelta(days=1) - length, start - dt.timedelta(days=1)
    step = months[period]
    index = start.year * 12 + start.month - 1 - step
    cmp_start = dt.date(index // 12, index % 12 + 1, 1)
    unit_end = start - dt.timedelta(days=1)
    if period.startswith("last_"):
        return cmp_start, unit_end
    return cmp_start, min(cmp_start + (end - start), unit_end)


def _current(f: Filter, as_of: dt.date) -> tuple[dt.date, dt.date]:
    days_back = {"last_7": 6, "last_30": 29, "last_90": 89}
    if f.period in days_back:
        return as_of - dt.timedelta(days=days_back[f.period]), as_of
    if f.period == "mtd":
        return as_of.replace(day=1), as_of
    if f.period == "qtd":
        return _quarter_start(as_of), as_of
    if f.period == "ytd":
        return dt.date(as_of.year, 1, 1), as_of
    if f.period == "last_month":
        end = as_of.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    if f.period == "last_quarter":
        end = _quarter_start(as_of) - dt.timedelta(days=1)
        return _quarter_start(end), end
    if f.period == "last_year":
        return dt.date(as_of.year - 1, 1, 1), dt.date(as_of.year - 1, 12, 31)
    if f.period == "custom" and f.start and f.end:
        return min(f.start, f.end), max(f.start, f.end)
    return as_of - dt.timedelta(days=29), as_of


def short(text: str) -> str:
    """A refused value as a notice repeats it: its first SHORT characters."""
    return text if len(text) <= SHORT else text[:SHORT] + "…"


def parse_date(value: str | None, notices: list) -> dt.date | None:
    """A URL's date, or None (noted) when it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        notices.append(("bad_date", {"value": short(value)}))
        return None


def within_data(
    start: dt.date, end: dt.date, options, notices: list | None = None
) -> tuple[dt.date, dt.date]:
    """A custom period's ends moved inside the data's first and last day (the filter's
    Options hold them; noted when moved).
    A period that misses the data altogether is kept: the pages say it holds no data."""
    first, last = options.first_day, options.last_day
    if (last and start > last) or (first and end < first):
        return start, end
    kept = (max(start, first) if first else start, min(end, last) if last else end)
    if kept != (start, end) and notices is not None:
        notices.append(("clamped", {"start": kept[0].isoformat(), "end": kept[1].isoformat()}))
    return kept
