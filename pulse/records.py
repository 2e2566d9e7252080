"""Individual records for a drill to the single ticket, call, survey response or complaint:
filtered by the global filter and the period, newest first, one page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pulse import catalog, filters, plan, sql
from pulse.store import Store

# Each family's scope columns (global filter field -> column of its record query).
SOURCES = {
    "tickets": {
        "province": "province_id",
        "city": "city_id",
        "hall": "branch_id",
        "segment": "segment",
    },
    "calls": {"province": "province_id", "city": "city_id", "segment": "segment"},
    "surveys": {
        "province": "province_id",
        "city": "city_id",
        "hall": "branch_id",
        "segment": "segment",
        "brand": "brand",
        "channel": "touchpoint",
    },
    "complaints": {
        "province": "province_id",
        "city": "city_id",
        "hall": "branch_id",
        "segment": "segment",
        "brand": "brand",
        "channel": "channel",
    },
}
# Each family's fact table: conditions on its own columns are applied before any join.
FACTS = {
    "tickets": "queue_ticket",
    "calls": "hotline_call",
    "surveys": "survey_response",
    "complaints": "complaint",
}
# Each family's rollup and its count of facts per day: a count of the records in scope reads
# these (the invariants check that they add up to the facts) instead of the facts themselves.
COUNTS = {
    "tickets": ("queue_daily", "n_tickets"),
    "calls": ("hotline_interval", "n_offered"),
    "surveys": ("survey_daily", "n_responses"),
    "complaints": ("complaint_daily", "n_complaints"),
}
# columns a role sees only with a permission (access.Role): absent, not blanked, otherwise
PRIVATE = {"customer_key": "customer_keys", "comment": "comments"}
PAGE_SIZE = 50
WINDOWS = (7, 31, 92)  # days at the end of the period searched first for the newest records
MAX_EXPORT = 100_000  # rows a download may hold


@dataclass(frozen=True)
class Page:
    """One page of records and how many there are in all."""

    rows: pd.DataFrame
    total: int
    page: int
    page_size: int
    not_applied: tuple[str, ...]

    @property
    def pages(self) -> int:
        """How many pages there are (at least 1)."""
        return max(1, -(-self.total // self.page_size))


def fetch(
    store: Store,
    family: str,
    f: filters.Filter,
    period: filters.Period,
    *,
    page: int = 0,
    page_size: int = PAGE_SIZE,
    search: str | None = None,
    comments_only: bool = False,
) -> Page:
    """Page `page` (from 0) of the family's records in scope; `search` matches survey comments
    and `comments_only` keeps the survey responses that carry one. A role without records
    gets none; one without comments can neither read nor search them."""
    if not may_see(f, "records") or (not may_see(f, "comments") and (search or comments_only)):
        return Page(pd.DataFrame(), 0, 0, page_size, ())
    context, params, not_applied = _scope(store, family, f)
    params = {**params, "day_from": period.start, "day_to": period.end}
    search = (search or "").strip() or None
    if search and family == "surveys":
        params["search"] = search
    context["search"] = bool(search and family == "surveys")
    context["comments_only"] = comments_only and family == "surveys"
    # with no condition after the joins, the query pages and counts the facts before joining
    context["narrowed"] = bool(context["where"] or context["search"] or context["comments_only"])
    if context["search"] or context["comments_only"]:  # only the facts know their comments
        counted = store.cached_df(sql.render(f"records/{family}", count=True, **context), params)
        total = int(counted["n"].iloc[0])
    else:
        total = _count(store, family, f, period)
    page = min(max(page, 0), max(0, -(-total // page_size) - 1))
    query = sql.render(f"records/{family}", count=False, **context)
    paging = {"page_size": page_size, "page_offset": page * page_size}
    # newest first: look in the period's last week, then month, then quarter, and only then
    # the whole period, so a page of a year does not scan the whole year's facts
    for days in (*WINDOWS, None):
        start = (
            period.start if days is None else max(period.start, period.end - dt.timedelta(days - 1))
        )
        rows = store.cached_df(query, {**params, **paging, "day_from": start})
        if len(rows) == page_size or start == period.start:
            break

    return Page(visible(rows, f), total, page, page_size, tuple(not_applied))


def may_see(f: filters.Filter, permission: str) -> bool:
    """Whether the filter's user may see records, customer keys or comments (access.Role)."""
    return f.role is None or getattr(f.role, permission)


def visible(frame: pd.DataFrame, f: filters.Filter) -> pd.DataFrame:
    """The columns of records the user's role may see: customer keys and comments dropped
    for roles without them."""
    hidden = [c for c, permission in PRIVATE.items() if c in frame and not may_see(f, permission)]
    return frame.drop(columns=hidden) if hidden else frame


def in_scope(frame: pd.DataFrame, f: filters.Filter) -> pd.DataFrame:
    """The rows of a small frame found by an id (a record, a customer's complaints) that lie
    in the user's scope, by their branch_id (or city_id when they have no hall), with the
    columns the role may see."""
    if f.reach is not None and not frame.empty:
        none = pd.Series(None, index=frame.index, dtype=object)
        halls, cities = (frame.get(c, none) for c in ("branch_id", "city_id"))
        keep = [
            filters.allows(f, h if isinstance(h, str) else None, c)
            for h, c in zip(halls, cities, strict=True)
        ]
        frame = frame[keep].reset_index(drop=True)
    return visible(frame, f)


def _count(store: Store, family: str, f: filters.Filter, period: filters.Period) -> int:
    """How many records are in scope, from the rollup's daily counts (or its coarsest copy
    that keeps the filtered columns, whole months from a monthly one)."""
    rollup_id, column = COUNTS[family]
    rollup = catalog.rollup(rollup_id)
    where, params = filters.where_clause(f, rollup_id)[:2]
    needed = filters.applied_columns(f, rollup_id)
    variant = plan.choose(rollup, needed, by_day=False)
    pieces = plan.pieces(rollup, variant, {"cur": (period.start, period.end)}, needed)
    query = sql.render("records/count", pieces=pieces, where=where, column=column)
    return int(store.cached_df(query, {**params, **plan.bind(pieces)})["n"].iloc[0])


def _scope(store: Store, family: str, f: filters.Filter) -> tuple[dict, dict, list[str]]:
    """The filter as the owner words it for this family's facts (scoped before any join)."""
    return filters.fact_scope(f, SOURCES[family], set(store.columns(FACTS[family])))


def export(
    store: Store,
    family: str,
    f: filters.Filter,
    period: filters.Period,
    search: str | None = None,
    comments_only: bool = False,
) -> pd.DataFrame:
    """Every record in scope, up to MAX_EXPORT, for a download."""
    return fetch(
        store,
        family,
        f,
        period,
        page=0,
        page_size=MAX_EXPORT,
        search=search,
        comments_only=comments_only,
    ).rows
