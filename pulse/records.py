"""Individual records for a drill to the single ticket, call, survey response or complaint:
filtered by the global filter and the period, newest first, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pulse import filters, sql
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
PAGE_SIZE = 50
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
    and `comments_only` keeps the survey responses that carry one."""
    where, params, not_applied = filters.conditions(f, SOURCES[family])
    params = {**params, "day_from": period.start, "day_to": period.end}
    search = (search or "").strip() or None
    if search and family == "surveys":
        params["search"] = search
    context = {
        "where": where,
        "search": bool(search and family == "surveys"),
        "comments_only": comments_only and family == "surveys",
    }
    # with no condition beyond the period, the query pages and counts the facts before joins
    context["narrowed"] = bool(where or context["search"] or context["comments_only"])
    total = int(
        store.cached_df(sql.render(f"records/{family}", count=True, **context), params)["n"].iloc[0]
    )
    page = min(max(page, 0), max(0, -(-total // page_size) - 1))
    rows = store.cached_df(
        sql.render(f"records/{family}", count=False, **context),
        {**params, "page_size": page_size, "page_offset": page * page_size},
    )
    return Page(rows, total, page, page_size, tuple(not_applied))


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
