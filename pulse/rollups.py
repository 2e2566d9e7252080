"""Rebuild the rollups (queries/rollups/) for a range of days, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt

import duckdb

from pulse import sql, tables

# Each rollup and the fact table it is built from.
SOURCES = {
    "queue_daily": "queue_ticket",
    "queue_wait_hist": "queue_ticket",
    "hotline_daily": "hotline_call",
    "survey_daily": "survey_response",
    "complaint_daily": "complaint",
    "complaint_resolution_hist": "complaint",
}


def refresh(
    cur: duckdb.DuckDBPyConnection,
    rollup: str,
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
) -> None:
    """Rebuild one rollup for the days day_from..day_to (its whole source when not given)."""
    fact = tables.SPECS[SOURCES[rollup]]
    if day_from is None or day_to is None:
        query = sql.render("rollups/fact_days", table=fact.name, day_column=fact.day_column)
        day_from, day_to = cur.execute(query).fetchone()
        if day_from is None:
            return
    params = {"day_from": day_from, "day_to": day_to}
    if fact.name == "complaint":
        as_of = cur.execute(sql.text("rollups/complaint_as_of")).fetchone()[0]
        first_open = cur.execute(sql.text("rollups/open_complaint_first_day")).fetchone()[0]
        if first_open is not None and first_open < day_from:
            params["day_from"] = first_open
        if rollup == "complaint_daily":
            params["as_of"] = as_of
    for statement in sql.statements(f"rollups/{rollup}"):
        cur.execute(statement, sql.used_params(statement, params))


def refresh_all(cur: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every rollup from its whole source table."""
    for rollup in SOURCES:
        refresh(cur, rollup)
