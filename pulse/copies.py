"""Which copy of a rollup answers a question: pulse.plan picks the coarsest copy the catalogue
lists (by city without halls, by month) that keeps the columns a question needs, and cuts
each period into whole months and leftover days.
"""

from __future__ import annotations

from pulse import catalog, filters, plan


def pieces(
    rollup_id: str,
    f: filters.Filter,
    periods: dict[str, tuple],
    needed: set[str] = frozenset(),
) -> tuple[list[plan.Piece], dict]:
    """The table pieces that answer a question on `rollup_id` for the filter and periods
    ({"cur": (start, end), ...}), and their bound dates. `needed` names columns the question
    groups by beyond the filter's own."""
    base = catalog.rollup(rollup_id)
    columns = filters.applied_columns(f, rollup_id) | set(needed)
    chosen = plan.choose(base, columns, by_day=False)
    parts = plan.pieces(base, chosen, periods, columns)
    return parts, plan.bind(parts)


def daily(rollup_id: str, f: filters.Filter, needed=()) -> tuple[str, str, dict]:
    """The smallest daily copy of `rollup_id` that keeps the filter's columns and `needed`,
    with the filter's conditions on it and their bound parameters."""
    columns = filters.applied_columns(f, rollup_id) | set(needed)
    where, params, _ = filters.where_clause(f, rollup_id)
    return plan.choose(catalog.rollup(rollup_id), columns, by_day=True).table, where, params
