"""The drill-down: company -> province -> city -> hall -> records -> one record.

The path lives in the URL (`drill=GD/SZ/SZ-002/tickets/100000123`) and the session, because
a chart's selection resets whenever its figure changes. At each level the chosen metric is
shown per child unit; a segment or complaint category picked on the page narrows the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pulse import filters, groups, records, sql, targets
from pulse.catalog import Metric
from pulse.dimensions import Dimensions
from pulse.i18n import t
from pulse.store import Store

LEVELS = ("company", "province", "city", "hall", "records", "record")
FAMILIES = ("tickets", "calls", "surveys", "complaints")
HALL_FAMILIES = ("tickets", "surveys", "complaints")  # calls are recorded by city only
CHILD = {"company": "province_id", "province": "city_id", "city": "branch_id"}
_NUMERIC_ID = re.compile(r"^\d{1,19}$")
_COMPLAINT_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_ID_COLUMN = {
    "tickets": "ticket_id",
    "calls": "call_id",
    "surveys": "response_id",
    "complaints": "complaint_id",
}


@dataclass(frozen=True)
class Path:
    """Where the drill stands; each part narrows the one before."""

    province: str | None = None
    city: str | None = None
    hall: str | None = None
    family: str | None = None
    record: str | None = None

    @property
    def level(self) -> str:
        """company, province, city, hall, records or record."""
        if self.record:
            return "record"
        if self.family:
            return "records"
        for name in ("hall", "city", "province"):
            if getattr(self, name):
                return name
        return "company"

    def down(self, value: str) -> Path:
        """One level down: into a province, city, hall, record family or record."""
        level = self.level
        if level == "company":
            return replace(self, province=value)
        if level == "province":
            return replace(self, city=value)
        if level == "city":
            return replace(self, **({"family": value} if value in FAMILIES else {"hall": value}))
        if level == "hall":
            return replace(self, family=value)
        if level == "records":
            return replace(self, record=value)
        return self

    def up_to(self, level: str) -> Path:
        """The path cut back to `level` (a breadcrumb)."""
        keep = LEVELS.index(level)
        names = ("province", "city", "hall", "family", "record")
        return Path(**{n: getattr(self, n) if i < keep else None for i, n in enumerate(names)})

    def to_param(self) -> str:
        """The URL value: the parts down to the deepest, '/'-separated ('' at the top)."""
        parts = [self.province, self.city, self.hall or "", self.family, self.record]
        while parts and not parts[-1]:
            parts.pop()
        return "/".join(p or "" for p in parts)

    def scope(self, f: filters.Filter) -> filters.Filter:
        """The global filter narrowed to where the drill stands."""
        changes = {}
        if self.province:
            changes["provinces"] = (self.province,)
        if self.city:
            changes["cities"] = (self.city,)
        if self.hall:
            changes["halls"] = (self.hall,)
        return f.with_(**changes)


def origin(f: filters.Filter, dims: Dimensions) -> Path:
    """Where the drill starts for the sidebar's filter: the one hall, city or province it
    names (cities of one province start at that province), else the company. Started at the
    company, a manager filtered to Shenzhen saw one bar named Guangdong with Shenzhen's value."""
    options = dims.options()
    cities, halls = options.cities, options.halls
    if len(f.halls) == 1 and f.halls[0] in halls:
        city = halls[f.halls[0]]
        return Path(province=cities.get(city), city=city, hall=f.halls[0])
    if len(f.cities) == 1 and f.cities[0] in cities:
        return Path(province=cities[f.cities[0]], city=f.cities[0])
    provinces = {cities.get(c) for c in f.cities} if f.cities else set(f.provinces)
    if len(provinces) == 1 and None not in provinces:
        return Path(province=provinces.pop())
    return Path()


def parse(
    text: str | None, dims: Dimensions, f: filters.Filter | None = None
) -> tuple[Path, list[str]]:
    """A path from its URL value; parts the dimensions do not hold, or that lie outside the
    user's scope (the filter's), are dropped from the first wrong one on, and returned so the
    page can say so (a place outside the scope as words that do not name it)."""
    path, dropped = _parse(text, dims)
    if f is None or f.reach is None:
        return path, dropped
    allowed = filters.nameable(f, dims.options())
    for level in ("province", "city", "hall"):
        if getattr(path, level) and getattr(path, level) not in allowed:
            return path.up_to(LEVELS[LEVELS.index(level) - 1]), [t("access.outside")]
    return path, dropped


def _parse(text: str | None, dims: Dimensions) -> tuple[Path, list[str]]:
    parts = (text or "").split("/")
    parts += [""] * (5 - len(parts))
    province, city, hall, family, record = parts[:5]
    options = dims.options()
    cities, halls = options.cities, options.halls
    path, dropped = Path(), []
    if province:
        if province not in set(cities.values()):
            return path, [province]
        path = replace(path, province=province)
    if city:
        if cities.get(city) != province:
            return path, [city]
        path = replace(path, city=city)
    if hall:
        if halls.get(hall) != city:
            return path, [hall]
        path = replace(path, hall=hall)
    if family:
        allowed = HALL_FAMILIES if path.hall else FAMILIES if path.city else ()
        if family not in allowed:
            return path, [family]
        path = replace(path, family=family)
    if record:
        pattern = _COMPLAINT_ID if family == "complaints" else _NUMERIC_ID
        if not pattern.match(record):
            return path, [record]
        path = replace(path, record=record)
    return path, dropped


def families(path: Path) -> tuple[str, ...]:
    """The record families one can open from here."""
    if path.hall:
        return HALL_FAMILIES
    return FAMILIES if path.city else ()


def has_children(metric: Metric, path: Path) -> bool:
    """Whether the metric can be split one level down (halls only for hall metrics)."""
    column = CHILD.get(path.level)
    if column is None:
        return False
    return column != "branch_id" or groups.available(metric, "hall")


def values_by(
    store: Store,
    metric: Metric,
    f: filters.Filter,
    period: filters.Period,
    columns: tuple[str, ...],
    category: str | None = None,
) -> pd.DataFrame:
    """The metric's value, interval, n and change per group of `columns` in the filter's
    scope, only complaints of `category` when given (complaint metrics)."""
    group = (*columns, "category") if category else columns
    found = groups.grouped_values(store, metric, f, period, [group])[group]
    if category:
        found = found[found["category"] == category].drop(columns="category")
    return found.reset_index(drop=True)


def children(
    store: Store,
    metric: Metric,
    f: filters.Filter,
    period: filters.Period,
    path: Path,
    dims: Dimensions,
    category: str | None = None,
) -> pd.DataFrame:
    """One row per child of the path (provinces, cities or halls) with the metric's value,
    interval, n, change and status against the target that applies to it."""
    column = CHILD[path.level]
    columns = ("city_id", "branch_id") if column == "branch_id" else (column,)
    frame = values_by(store, metric, path.scope(f), period, columns, category)
    frame = frame[frame[column].notna()].copy()
    frame["unit"] = frame[column]
    year_targets = targets.for_year(store, period.end.year)
    tiers = dict(zip(dims.halls["branch_id"], dims.halls["tier"], strict=True))
    statuses, goals = [], []
    for row in frame.to_dict("records"):
        scope = {}
        if column == "city_id":
            scope = {"city": row["unit"]}
        elif column == "branch_id":
            scope = {"hall": row["unit"], "tier": tiers.get(row["unit"]), "city": row["city_id"]}
        found = targets.pick(year_targets, metric.id, **scope)
        goals.append(found.value if found else np.nan)
        statuses.append(targets.status(metric, row["value"] if row["enough_n"] else None, found))
    frame["target"], frame["status"] = goals, statuses
    return frame.reset_index(drop=True)


def categories_available(metric: Metric) -> bool:
    """Complaint metrics can be narrowed to one complaint category."""
    return metric.family == "complaint"


def record_page(
    store: Store,
    family: str,
    f: filters.Filter,
    period: filters.Period,
    page: int,
    category: str | None = None,
) -> records.Page:
    """A page of records in scope; complaints of one category when given."""
    if family != "complaints" or not category:
        return records.fetch(store, family, f, period, page=page)
    if not records.may_see(f, "records"):
        return records.Page(pd.DataFrame(), 0, 0, records.PAGE_SIZE, ())
    where, params, not_applied = filters.conditions(f, records.SOURCES["complaints"])
    params = {**params, "day_from": period.start, "day_to": period.end, "category": category}
    total = int(
        store.cached_df(
            sql.render("drill/complaints_in_category", count=True, where=where), params
        )["n"].iloc[0]
    )
    size = records.PAGE_SIZE
    page = min(max(page, 0), max(0, -(-total // size) - 1))
    rows = store.cached_df(
        sql.render("drill/complaints_in_category", count=False, where=where),
        {**params, "page_size": size, "page_offset": page * size},
    )
    return records.Page(records.visible(rows, f), total, page, size, tuple(not_applied))


def record(
    store: Store, family: str, record_id: str, f: filters.Filter
) -> tuple[pd.Series | None, pd.DataFrame]:
    """One record by id and the survey responses linked to it (for a survey: none); none when
    the record lies outside the user's scope or their role sees no records (a link naming
    it gets the same answer as an unknown id)."""
    value = record_id if family == "complaints" else int(record_id)
    if not records.may_see(f, "records"):
        return None, pd.DataFrame()
    rows = store.cached_df(sql.text(f"drill/record_{family}"), {"record_id": value})
    rows = records.in_scope(rows, f)
    if rows.empty:
        return None, pd.DataFrame()
    if family == "surveys":
        return rows.iloc[0], pd.DataFrame()
    linked = store.cached_df(
        sql.text("drill/linked_surveys"),
        {
            "ticket_id": value if family == "tickets" else None,
            "call_id": value if family == "calls" else None,
            "complaint_id": value if family == "complaints" else None,
        },
    )
    return rows.iloc[0], records.visible(linked, f)


def id_column(family: str) -> str:
    """The id column of a record family."""
    return _ID_COLUMN[family]


def metric_families(metric: Metric) -> str:
    """The record family whose rows make up a metric (for the default records tab)."""
    return {
        "survey": "surveys",
        "queue": "tickets",
        "hotline": "calls",
        "complaint": "complaints",
    }[metric.family]


def categories() -> tuple[str, ...]:
    """The complaint categories, in the order of the schema."""
    return ("network", "billing", "attitude", "handling", "marketing", "product")
