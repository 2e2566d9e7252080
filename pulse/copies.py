"""Which copy of the Surveys and Complaints pages' own rollups answers a question.

Each of three rollups has coarser copies (queries/schema/007_surveys_complaints.sql): by city
without halls, and by month. pulse.plan picks the coarsest copy that keeps the columns a
question needs and cuts each period into whole months and leftover days. The copies are built
by their own rollup files, not declared as catalogue variants, because survey_experience keys
its rows on numbers and flags as well as text.
"""

from __future__ import annotations

from dataclasses import replace

from pulse import catalog, filters, plan

_CITY = ("branch_id", "tier")
COPIES = {
    "survey_score_hist": "survey_score_hist",
    "survey_experience": "survey_experience",
    "complaint_subcategory_daily": "complaint_subcategory",
}


def rollup(rollup_id: str) -> catalog.Rollup:
    """The catalogue's rollup with its coarser copies, coarsest first."""
    stem = COPIES[rollup_id]
    copies = (
        catalog.Variant(f"{stem}_monthly_city", "month", _CITY),
        catalog.Variant(f"{stem}_daily_city", "day", _CITY),
        catalog.Variant(f"{stem}_monthly", "month", ()),
    )
    return replace(catalog.rollup(rollup_id), variants=copies)


def pieces(
    rollup_id: str,
    f: filters.Filter,
    periods: dict[str, tuple],
    needed: set[str] = frozenset(),
) -> tuple[list[plan.Piece], dict]:
    """The table pieces that answer a question on `rollup_id` for the filter and periods
    ({"cur": (start, end), ...}), and their bound dates. `needed` names columns the question
    groups by beyond the filter's own."""
    base = rollup(rollup_id)
    columns = filters.applied_columns(f, rollup_id) | set(needed)
    chosen = plan.choose(base, columns, by_day=False)
    parts = plan.pieces(base, chosen, periods)
    return parts, plan.bind(parts)
