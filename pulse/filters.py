"""The global filter, each field declared once (FIELDS: URL key, the catalogue's rollup filter
name, words, widget, session key); the URL round trip, the captions' parts, the filter bar's
widgets and every filter condition in SQL derive from those declarations, here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from pulse import access, catalog
from pulse.periods import (
    COMPARE,
    COMPARISONS,
    PERIOD,
    PERIODS,
    SESSION_PREFIX,
    Period,
    Setting,
    parse_date,
    resolve,
    short,
    within_data,
)

__all__ = ["COMPARISONS", "PERIODS", "Period", "Setting", "resolve"]  # they live in periods


@dataclass(frozen=True)
class Field:
    """One list field of the filter."""

    name: str  # attribute of Filter and Options
    url: str  # URL query key
    rollup: str  # the catalogue's rollup filter name (rollup.filters maps it to a column)
    kind: str  # dimension whose labels name its values (widget, caption)
    widget: str  # "place": the cascading province > city > hall lists; "list": one list
    parent: str | None = None  # the field whose choice narrows this one's options

    @property
    def words(self) -> str:
        """The i18n key naming the field (filter bar label, "not filtered by" notes)."""
        return f"filter.{self.rollup}"

    @property
    def session_key(self) -> str:
        """The filter bar's session key for the field's widget."""
        return SESSION_PREFIX + self.name


FIELDS = (
    Field("provinces", "province", "province", "province", "place"),
    Field("cities", "city", "city", "city", "place", parent="provinces"),
    Field("halls", "hall", "hall", "hall", "place", parent="cities"),
    Field("segments", "segment", "segment", "segment", "list"),
    Field("brands", "brand", "brand", "brand", "list"),
    Field("channels", "channel", "channel", "channel", "list"),
)
BY_NAME = {fl.name: fl for fl in FIELDS}
BY_ROLLUP = {fl.rollup: fl for fl in FIELDS}


DATES = ("from", "to")  # URL keys of a custom period's ends
RANGE_KEY = SESSION_PREFIX + "range"  # the date input's session key (words: filter.dates)
URL_KEYS = frozenset({PERIOD.url, COMPARE.url, *DATES, *(fl.url for fl in FIELDS)})
# a condition on a declared column that is not a filter field: column -> bound name
EXTRA = {"tier": "peer_tier"}  # a hall's peers: the halls of its tier


@dataclass(frozen=True)
class Filter:
    """What the user is looking at. Empty tuples mean 'all'."""

    period: str = PERIOD.default
    start: dt.date | None = None  # custom period only
    end: dt.date | None = None
    compare: str = COMPARE.default
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    halls: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    # the user's scope, bound into every condition (None: everything); set by the shell and
    # the commands from the signed-in user, never from the URL
    reach: access.Reach | None = None
    role: access.Role | None = None  # what the user may see of records (None: everything)

    def with_(self, **changes) -> Filter:
        """A copy with some fields changed."""
        return replace(self, **changes)


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
    reach: access.Reach | None = None  # the user's scope; the place lists hold only its units
    outside: frozenset[str] = frozenset()  # places that exist but lie outside the scope


def within(options: Options, scope: access.Scope) -> Options:
    """The options a user may choose from (the places their scope reaches, see access.narrow),
    the reach itself for every filter made from them, and the places left out (a link naming
    one gets a notice, never its data)."""
    reach = access.reach(scope, options.provinces, options.cities, options.halls)
    if reach is None:
        return options
    provinces, cities, halls = access.narrow(
        reach, options.provinces, options.cities, options.halls
    )
    every = {*options.provinces, *options.cities, *options.halls}
    outside = frozenset(every - {*provinces, *cities, *halls})
    return replace(
        options, provinces=provinces, cities=cities, halls=halls, reach=reach, outside=outside
    )


def to_params(f: Filter) -> dict[str, str]:
    """URL query parameters for a filter; defaults are left out so links stay short."""
    params: dict[str, str] = {}
    if f.period != PERIOD.default:
        params[PERIOD.url] = f.period
    if f.period == "custom" and f.start and f.end:
        params[DATES[0]] = f.start.isoformat()
        params[DATES[1]] = f.end.isoformat()
    if f.compare != COMPARE.default:
        params[COMPARE.url] = f.compare
    for fl in FIELDS:
        values = getattr(f, fl.name)
        if values:
            params[fl.url] = ",".join(values)
    return params


Notice = tuple[str, dict]  # (code, values) for the UI to word in the reader's language


def from_params(params: dict[str, str], options: Options) -> tuple[Filter, list[Notice]]:
    """A filter from URL parameters. Values that the dimensions do not hold are dropped and
    named (shortened) in the returned notices; they never reach SQL. A custom period is kept
    within the data's days."""
    notices: list[Notice] = []
    period = params.get(PERIOD.url, PERIOD.default)
    if period not in PERIOD.choices:
        notices.append(("unknown_period", {"value": short(period)}))
        period = PERIOD.default
    start, end = (parse_date(params.get(key), notices) for key in DATES)
    if period == "custom" and not (start and end):
        notices.append(("incomplete_custom", {}))
        period = PERIOD.default
    compare = params.get(COMPARE.url, COMPARE.default)
    if compare not in COMPARE.choices:
        notices.append(("unknown_compare", {"value": short(compare)}))
        compare = COMPARE.default
    chosen: dict[str, tuple[str, ...]] = {}
    for fl in FIELDS:
        raw = [v for v in str(params.get(fl.url, "")).split(",") if v]
        allowed = getattr(options, fl.name)
        kept = tuple(dict.fromkeys(v for v in raw if v in allowed))
        hidden = [v for v in raw if v in options.outside and v not in allowed]
        dropped = [v for v in raw if v not in allowed and v not in options.outside]
        if hidden:  # the notice does not repeat them: whether a code exists is not said
            notices.append(("not_in_scope", {"n": len(hidden)}))
        if dropped:
            shown = short(", ".join(dropped))
            notices.append(
                ("unknown_values", {"field": fl.url, "values": shown, "n": len(dropped)})
            )
        chosen[fl.name] = kept
    if period == "custom":
        start, end = within_data(min(start, end), max(start, end), options, notices)
    f = Filter(
        period,
        start if period == "custom" else None,
        end if period == "custom" else None,
        compare,
        **chosen,
        reach=options.reach,
    )
    return cascade(f, options, notices), notices


def cascade(f: Filter, options: Options, notices: list[Notice] | None = None) -> Filter:
    """Drop places outside the options' scope (and bind that scope into the filter), cities
    outside the chosen provinces and halls outside the chosen cities."""
    if options.reach is not None:
        inside = {
            "provinces": tuple(p for p in f.provinces if p in options.provinces),
            "cities": tuple(c for c in f.cities if c in options.cities),
            "halls": tuple(h for h in f.halls if h in options.halls),
        }
        hidden = sum(len(getattr(f, name)) - len(kept) for name, kept in inside.items())
        if hidden and notices is not None:
            notices.append(("not_in_scope", {"n": hidden}))
        f = f.with_(**inside, reach=options.reach)
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
            notices.append(("outside_scope", {"value": short(value)}))
    return f.with_(cities=cities, halls=halls)


def where_clause(
    f: Filter, rollup_id: str, extra: dict[str, str] | None = None
) -> tuple[str, dict, list[str]]:
    """SQL conditions (each starting with 'and') for the filter's scope on one rollup, their
    bound parameters, and the filter fields this rollup cannot honour. extra adds equality
    conditions on declared non-filter columns (EXTRA), e.g. {"tier": "flagship"}."""
    return conditions(f, catalog.rollup(rollup_id).filters, extra)


def applied_columns(f: Filter, rollup_id: str) -> set[str]:
    """The rollup columns the filter's conditions use."""
    columns = catalog.rollup(rollup_id).filters
    used = {columns[fl.rollup] for fl in FIELDS if getattr(f, fl.name) and fl.rollup in columns}
    return used | _reach_terms(f.reach, columns)[2] if f.reach is not None else used


def _placeholders(fl: Field, values: tuple[str, ...]) -> tuple[str, dict]:
    """Generated names ($city_0, ...) for a field's values, and their bindings."""
    names = [f"{fl.rollup}_{i}" for i in range(len(values))]
    return ", ".join(f"${n}" for n in names), dict(zip(names, values, strict=True))


# a scope level (Reach attribute), stated on its own column or, for a source without it, on
# a finer one through the units it holds: (filter field of the column, Reach attribute)
_LEVELS = (
    (("province", "provinces"), ("city", "province_cities"), ("hall", "province_halls")),
    (("city", "cities"), ("hall", "city_halls")),
    (("hall", "halls"),),
)


def _reach_terms(reach: access.Reach, columns: dict[str, str]) -> tuple[list, dict, set]:
    """The scope's conditions on a source (one per level it names, or-ed), their parameters
    and columns. A source with no column for the scope gets none: deny by default."""
    terms, params, used = [], {}, set()
    for ways in _LEVELS:
        if not getattr(reach, ways[0][1]):
            continue
        for field_name, attr in ways:
            column, values = columns.get(field_name), getattr(reach, attr)
            if column is None or not values:
                continue
            names = [f"reach_{attr}_{i}" for i in range(len(values))]
            terms.append(f"{column} in ({', '.join(f'${n}' for n in names)})")
            params.update(zip(names, values, strict=True))
            used.add(column)
            break
    return terms, params, used


def conditions(
    f: Filter, columns: dict[str, str], extra: dict[str, str] | None = None, scoped: bool = True
) -> tuple[str, dict, list[str]]:
    """Like where_clause, for any source whose filter columns are given (field -> column).
    The user's scope is always one of the conditions (`scoped=False` only for a part of a
    query whose other part already states it: fact_scope)."""
    bits, params, not_applied = [], {}, []
    if scoped and f.reach is not None:
        terms, bound, _ = _reach_terms(f.reach, columns)
        bits.append(f"and ({' or '.join(terms)})" if terms else "and false")
        params.update(bound)
    for fl in FIELDS:
        values = getattr(f, fl.name)
        if not values:
            continue
        column = columns.get(fl.rollup)
        if column is None:
            not_applied.append(fl.rollup)
            continue
        placeholders, bound = _placeholders(fl, values)
        bits.append(f"and {column} in ({placeholders})")
        params.update(bound)
    for column, value in (extra or {}).items():
        name = EXTRA[column]  # a KeyError names a column nobody declared
        bits.append(f"and {column} = ${name}")
        params[name] = value
    return "\n".join(bits), params, not_applied


def fact_scope(
    f: Filter, columns: dict[str, str], fact_columns: set[str]
) -> tuple[dict, dict, list[str]]:
    """The filter for a family of records (queries/records/fact_scope.sql.j2): conditions on
    the fact table itself wherever it can be (its own columns, and a city or province through
    the hall or city the fact records), so the facts are scoped before any join; only what
    cannot be said of the fact alone is left for after the joins (`where`). Returns the
    template's context, the bound parameters and the fields the family cannot honour."""
    _, params, not_applied = conditions(f, columns, scoped=False)
    on_fact = {k: c for k, c in columns.items() if c in fact_columns}
    fact_where, fact_params, _ = conditions(f, on_fact)  # the scope, on the fact's own columns
    params.update(fact_params)
    context = {
        "fact_where": fact_where,
        "city_via_branch": "",
        "province_via_branch": "",
        "province_via_city": "",
    }
    rest = {k: c for k, c in columns.items() if k not in on_fact}
    for fl in (BY_NAME["cities"], BY_NAME["provinces"]):
        values = getattr(f, fl.name)
        if fl.rollup not in rest or not values:
            continue
        via = next((v for v in ("city", "branch") if f"{v}_id" in fact_columns), None)
        if via is None:
            continue
        context[f"{fl.rollup}_via_{via}"] = _placeholders(fl, values)[0]  # bound by conditions
        del rest[fl.rollup]
    context["where"] = conditions(f, rest, scoped=False)[0]
    return context, params, not_applied


def place_lists(f: Filter) -> dict[str, list[str]]:
    """The places as list parameters ($provinces, $cities, $halls; empty: no restriction), for
    queries that match places at several levels at once (events), and the user's scope
    ($reach_all, or the cities it covers whole and the halls it covers)."""
    lists = {fl.name: list(getattr(f, fl.name)) for fl in FIELDS if fl.widget == "place"}
    reach = f.reach
    return {
        **lists,
        "reach_all": reach is None,
        "reach_cities": sorted(reach.whole_cities) if reach else [],
        "reach_halls": sorted(reach.all_halls) if reach else [],
    }


def everyone(f: Filter) -> Filter:
    """The aggregate of everyone: the filter without places and without the user's scope.
    Only for company and tier figures and for a distribution of peers that names none of
    them (pulse.groups.unnamed): the one route around the scope, so it is easy to find."""
    return f.with_(provinces=(), cities=(), halls=(), reach=None)


def nameable(f: Filter, options: Options) -> frozenset[str]:
    """Every province, city and hall code the user may see named (access.narrow)."""
    if f.reach is None:
        return frozenset({*options.provinces, *options.cities, *options.halls})
    provinces, cities, halls = access.narrow(
        f.reach, options.provinces, options.cities, options.halls
    )
    return frozenset({*provinces, *cities, *halls})


def selected_halls(f: Filter, options: Options) -> tuple[str, ...]:
    """The halls the filter selects within the user's scope (a list from the dimensions)."""
    return tuple(
        h
        for h, c in options.halls.items()
        if (not f.provinces or options.cities.get(c) in f.provinces)
        and (not f.cities or c in f.cities)
        and (not f.halls or h in f.halls)
        and allows(f, h)
    )


def allows(f: Filter, hall: str | None = None, city: str | None = None) -> bool:
    """True when the user's scope covers a hall, or a city's rows without a hall (for a
    question about one hall or one record by its id)."""
    if f.reach is None:
        return True
    return hall in f.reach.all_halls if hall else city in f.reach.whole_cities


def is_default(f: Filter) -> bool:
    """True when nothing is narrowed down."""
    return all(not getattr(f, fl.name) for fl in FIELDS)


def effective(f: Filter, options: Options) -> Filter:
    """The same selection with the choices that select everything dropped (every province,
    every city of the chosen provinces, every segment ...), so a coarser rollup copy can
    answer it. The rows it selects are exactly those `f` selects."""
    provinces = () if set(options.provinces) <= set(f.provinces) else f.provinces
    in_provinces = [c for c, p in options.cities.items() if not provinces or p in provinces]
    cities = () if not f.halls and set(in_provinces) <= set(f.cities) else f.cities
    lists = {"segments": f.segments, "brands": f.brands, "channels": f.channels}
    for name, chosen in lists.items():
        if set(getattr(options, name)) <= set(chosen):
            lists[name] = ()
    return f.with_(provinces=provinces, cities=cities, **lists)
