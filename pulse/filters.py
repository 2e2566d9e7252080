"""The global filter: a dataclass that round-trips through URL query parameters and becomes
bound SQL parameters in exactly one place (where_clause)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from pulse import catalog

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
# filter field -> URL parameter
_LIST_PARAMS = {
    "provinces": "province",
    "cities": "city",
    "halls": "hall",
    "segments": "segment",
    "brands": "brand",
    "channels": "channel",
}
# filter field -> the rollup filter name in the catalogue
_SCOPE_FIELDS = {
    "provinces": "province",
    "cities": "city",
    "halls": "hall",
    "segments": "segment",
    "brands": "brand",
    "channels": "channel",
}


@dataclass(frozen=True)
class Filter:
    """What the user is looking at. Empty tuples mean 'all'."""

    period: str = "last_30"
    start: dt.date | None = None  # custom period only
    end: dt.date | None = None
    compare: str = "previous"
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    halls: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    def with_(self, **changes) -> Filter:
        """A copy with some fields changed."""
        return replace(self, **changes)


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


@dataclass(frozen=True)
class Options:
    """The values each filter field may take, read from the dimensions."""

    provinces: tuple[str, ...] = ()
    cities: dict[str, str] = field(default_factory=dict)  # city -> province
    halls: dict[str, str] = field(default_factory=dict)  # hall -> city
    segments: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    first_day: dt.date | None = None
    last_day: dt.date | None = None


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


def to_params(f: Filter) -> dict[str, str]:
    """URL query parameters for a filter; defaults are left out so links stay short."""
    default = Filter()
    params: dict[str, str] = {}
    if f.period != default.period:
        params["period"] = f.period
    if f.period == "custom" and f.start and f.end:
        params["from"] = f.start.isoformat()
        params["to"] = f.end.isoformat()
    if f.compare != default.compare:
        params["compare"] = f.compare
    for name, key in _LIST_PARAMS.items():
        values = getattr(f, name)
        if values:
            params[key] = ",".join(values)
    return params


Notice = tuple[str, dict]  # (code, values) for the UI to word in the reader's language


def from_params(params: dict[str, str], options: Options) -> tuple[Filter, list[Notice]]:
    """A filter from URL parameters. Values that the dimensions do not hold are dropped and
    named in the returned notices; they never reach SQL."""
    notices: list[Notice] = []
    period = params.get("period", "last_30")
    if period not in PERIODS:
        notices.append(("unknown_period", {"value": period}))
        period = "last_30"
    start, end = _date(params.get("from"), notices), _date(params.get("to"), notices)
    if period == "custom" and not (start and end):
        notices.append(("incomplete_custom", {}))
        period = "last_30"
    compare = params.get("compare", "previous")
    if compare not in COMPARISONS:
        notices.append(("unknown_compare", {"value": compare}))
        compare = "previous"
    chosen: dict[str, tuple[str, ...]] = {}
    for name, key in _LIST_PARAMS.items():
        raw = [v for v in str(params.get(key, "")).split(",") if v]
        allowed = getattr(options, name)
        kept = tuple(dict.fromkeys(v for v in raw if v in allowed))
        dropped = [v for v in raw if v not in allowed]
        if dropped:
            notices.append(("unknown_values", {"field": key, "values": ", ".join(dropped)}))
        chosen[name] = kept
    f = Filter(
        period,
        start if period == "custom" else None,
        end if period == "custom" else None,
        compare,
        **chosen,
    )
    return cascade(f, options, notices), notices


def cascade(f: Filter, options: Options, notices: list[Notice] | None = None) -> Filter:
    """Drop cities outside the chosen provinces and halls outside the chosen cities."""
    cities = f.cities
    if f.provinces:
        cities = tuple(c for c in f.cities if options.cities.get(c) in f.provinces)
    halls = f.halls
    in_scope = cities or (
        tuple(c for c, p in options.cities.items() if p in f.provinces) if f.provinces else None
    )
    if in_scope is not None:
        halls = tuple(h for h in f.halls if options.halls.get(h) in in_scope)
    if notices is not None:
        dropped = [c for c in f.cities if c not in cities] + [h for h in f.halls if h not in halls]
        for value in dropped:
            notices.append(("outside_scope", {"value": value}))
    return f.with_(cities=cities, halls=halls)


def _date(value: str | None, notices: list[Notice]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        notices.append(("bad_date", {"value": value}))
        return None


def where_clause(f: Filter, rollup_id: str) -> tuple[str, dict, list[str]]:
    """SQL conditions (each starting with 'and') for the filter's scope on one rollup, their
    bound parameters, and the filter fields this rollup cannot honour."""
    return conditions(f, catalog.rollup(rollup_id).filters)


def applied_columns(f: Filter, rollup_id: str) -> set[str]:
    """The rollup columns the filter's conditions use."""
    columns = catalog.rollup(rollup_id).filters
    return {
        columns[key] for name, key in _SCOPE_FIELDS.items() if getattr(f, name) and key in columns
    }


def conditions(f: Filter, columns: dict[str, str]) -> tuple[str, dict, list[str]]:
    """Like where_clause, for any source whose filter columns are given (field -> column)."""
    bits, params, not_applied = [], {}, []
    for name, key in _SCOPE_FIELDS.items():
        values = getattr(f, name)
        if not values:
            continue
        column = columns.get(key)
        if column is None:
            not_applied.append(key)
            continue
        names = [f"{key}_{i}" for i in range(len(values))]
        placeholders = ", ".join(f"${n}" for n in names)
        bits.append(f"and {column} in ({placeholders})")
        params.update(zip(names, values, strict=True))
    return "\n".join(bits), params, not_applied


def place_lists(f: Filter) -> dict[str, list[str]]:
    """The scope as list parameters ($provinces, $cities, $halls; empty: no restriction), for
    queries that match places at several levels at once (events)."""
    return {"provinces": list(f.provinces), "cities": list(f.cities), "halls": list(f.halls)}


def is_default(f: Filter) -> bool:
    """True when nothing is narrowed down."""
    return all(not getattr(f, fl.name) for fl in fields(f) if fl.name in _LIST_PARAMS)
