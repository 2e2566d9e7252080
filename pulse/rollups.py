"""Rebuild the rollups (queries/rollups/) for a range of days, inside the caller's transaction.

Each rollup file names the fact table it is built from in a `-- source: <table>` line, so a
new rollup is one new file (and its DDL in a schema file), with nothing to register here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Collection

import duckdb

from pulse import catalog, faults, settings, sql, tables

_SOURCE = re.compile(r"^-- source: (\w+)$", re.M)
# Dimensions whose attributes the rollups copy (province, city, tier, category).
_DENORMALISED = ("city", "branch", "complaint_category")


@functools.cache
def sources() -> dict[str, str]:
    """Every rollup and the fact table it is built from."""
    found = {}
    for path in sorted((sql.QUERIES / "rollups").glob("*.sql")):
        match = _SOURCE.search(path.read_text(encoding="utf-8"))
        if match:
            found[path.stem] = match.group(1)
    return found


def for_table(table: str) -> list[str]:
    """The rollups a load into `table` makes stale."""
    if table in _DENORMALISED:
        return list(sources())
    return [rollup for rollup, source in sources().items() if source == table]


def refresh_after_change(cur, table: str, day_column: str | None, day_range) -> None:
    """Rebuild what a change to `table` made stale (a load or an undo): only the days in
    day_range (first, last) of the rollups built from it, every row of the others."""
    for rollup in for_table(table):
        if day_column and sources()[rollup] == table:
            refresh(cur, rollup, *day_range)
        else:
            refresh(cur, rollup)


def refresh(
    cur: duckdb.DuckDBPyConnection,
    rollup: str,
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
) -> None:
    """Rebuild one rollup for the days day_from..day_to (its whole source when not given)."""
    fact = tables.SPECS[sources()[rollup]]
    if day_from is None or day_to is None:
        query = sql.render("rollups/fact_days", table=fact.name, day_column=fact.day_column)
        day_from, day_to = cur.execute(query).fetchone()
        if day_from is None:
            return
    params = {"day_from": day_from, "day_to": day_to}
    params.update(settings.sql_params())  # named thresholds ($promise_s ...), pulse/settings.toml
    if fact.name == "complaint":
        # open complaints turn late as the extract date moves, so their days are rebuilt too
        params["as_of"] = cur.execute(sql.text("rollups/complaint_as_of")).fetchone()[0]
        first_open = cur.execute(sql.text("rollups/open_complaint_first_day")).fetchone()[0]
        if first_open is not None and first_open < day_from:
            params["day_from"] = first_open
    for statement in sql.statements(f"rollups/{rollup}"):
        cur.execute(statement, sql.used_params(statement, params))
    faults.point("rollups.table_rebuilt")
    for variant in catalog.variants().get(rollup, ()):
        refresh_variant(cur, rollup, variant, params["day_from"], params["day_to"])


def split_columns(base: str, columns: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """A rollup's (keys, measures) from its (column, type) pairs: text, dates and flags are
    keys, and so are the numbers the catalogue names as keys (buckets); other numbers are
    measures, which a coarser copy sums."""
    rollup = catalog.rollup(base)
    number_keys = {*rollup.number_keys, *([rollup.bucket] if rollup.bucket else [])}
    keys, measures = [], []
    for column, kind in columns:
        is_key = kind in ("VARCHAR", "DATE", "BOOLEAN") or column in number_keys
        (keys if is_key else measures).append(column)
    return keys, measures


# Copies built by their own rollup file rather than from the catalogue: queue_wait_hist is
# queue_lane_wait_hist summed over the lanes (with the hall's number beside), and
# queue_tier_hourly the hours of queue_hall_hourly, itself queue_hourly without the service type.
_SUMMED = {
    "queue_lane_wait_hist": (catalog.Variant("queue_wait_hist", "day"),),
    "queue_hourly": (catalog.Variant("queue_tier_hourly", "day"),),
}


def copies_check(cur) -> str:
    """The invariant that every copy of a rollup holds its base summed to the copy's grain
    (queries/invariants/copies_add_up.sql.j2): on the keys and measures the copy keeps."""
    checks = []
    for base, variants in [*catalog.variants().items(), *_SUMMED.items()]:
        columns = cur.execute(sql.text("rollups/table_columns"), {"table": base}).fetchall()
        keys, measures = split_columns(base, columns)
        for variant in variants:
            kept = {
                c
                for c, _ in cur.execute(
                    sql.text("rollups/table_columns"), {"table": variant.table}
                ).fetchall()
            }
            check = {"base": base, "table": variant.table, "grain": variant.grain}
            check["units"] = [c for c in keys if c != "day" and c in kept]
            check["measures"] = [c for c in measures if c in kept]
            if variant.grain == "month":
                check["measures"].append("first_day")
            checks.append(check)
    return sql.render("invariants/copies_add_up", checks=checks)


def variant_query(cur, base: str, variant: catalog.Variant) -> str:
    """The statements that rebuild a coarser copy of `base` (queries/rollups/variant.sql.j2)."""
    columns = cur.execute(sql.text("rollups/table_columns"), {"table": base}).fetchall()
    keys, measures = split_columns(base, columns)
    keys = [c for c in keys if c != "day" and c not in variant.drops]
    return sql.render(
        "rollups/variant",
        table=variant.table,
        base=base,
        grain=variant.grain,
        drops=list(variant.drops),
        keys=keys,
        measures=measures,
    )


def refresh_variant(cur, base: str, variant: catalog.Variant, day_from, day_to) -> None:
    """Rebuild a coarser copy of `base` for the days (or their whole months) given."""
    query = variant_query(cur, base, variant)
    for statement in query.split(";\n"):
        if statement.strip():
            cur.execute(
                statement, sql.used_params(statement, {"day_from": day_from, "day_to": day_to})
            )
    faults.point("rollups.copy_rebuilt")


def refresh_all(
    cur: duckdb.DuckDBPyConnection,
    built: Callable[[int, str], None] | None = None,
    only: Collection[str] | None = None,
) -> None:
    """Rebuild every rollup (or those named in `only`, in the same order) from its whole
    source table; built(done, rollup) after each."""
    for done, rollup in enumerate((r for r in sources() if only is None or r in only), start=1):
        refresh(cur, rollup)
        if built:
            built(done, rollup)


def fill_empty(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Build rollups that a schema upgrade has just added to a store that already holds
    facts; returns the ones built."""
    built = []
    for rollup, source in sources().items():
        source_rows = cur.execute(sql.render("rollups/has_rows", table=rollup)).fetchone()[0]
        fact_rows = cur.execute(sql.render("rollups/has_rows", table=source)).fetchone()[0]
        if fact_rows and not source_rows:
            refresh(cur, rollup)  # builds its variants too
            built.append(rollup)
            continue
        for variant in catalog.variants().get(rollup, ()):
            empty = not cur.execute(sql.render("rollups/has_rows", table=variant.table)).fetchone()[
                0
            ]
            if source_rows and empty:
                day_from, day_to = cur.execute(
                    sql.render("rollups/fact_days", table=rollup, day_column="day")
                ).fetchone()
                refresh_variant(cur, rollup, variant, day_from, day_to)
                built.append(variant.table)
    return built
