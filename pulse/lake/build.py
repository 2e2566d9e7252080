"""Build the rollups from the lake on one engine: the partitions a load touched, then the
copies and the rollups built from rollups for the months those partitions cover."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pulse import settings, sql
from pulse.lake import definitions, layout, portable

_VIA = "__touched"  # a fact's view over the touched partitions only
_ALL = "__all"  # a staging view over the whole fact (snapshots)


@dataclass
class Built:
    """What one build replaced: per table, the partitions (relative paths) swapped in."""

    engine: str
    master: str
    started_at: dt.datetime
    cells: dict[str, list[layout.Cell]]
    tables: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # scope, parts

    def months(self) -> set[str]:
        """Every month touched, over all facts."""
        return {c.month for cs in self.cells.values() for c in cs}

    def provinces(self) -> set[str]:
        """Every province touched, over all facts."""
        return {c.province for cs in self.cells.values() for c in cs}


def dimensions() -> list[str]:
    """The store's tables the rollups join (city, hall, category, hall numbers)."""
    views = definitions.staging_views()
    reads = set()
    for select in [*views.values(), *definitions.rollup_selects()]:
        reads |= portable.tables_read(select)
    return sorted(reads - set(layout.FACTS) - set(views) - _all_tables())


def _all_tables() -> set[str]:
    return definitions.rollup_tables()


def _months_in(months: set[str]) -> list[str]:
    first, last = layout.month_span(months)
    out, day = [], first
    while day <= last:
        out.append(f"{day:%Y-%m}")
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def run(
    engine,
    lake: Path,
    plan: list[definitions.Definition],
    cells: dict[str, list[layout.Cell]],
) -> Built:
    """Build every rollup and copy of `plan` whose fact has touched partitions (`cells`)."""
    lake = Path(lake)
    built = Built(engine.name, engine.master, dt.datetime.now(), {})
    for table in dimensions():
        engine.table(table, layout.files(layout.dimension_dir(lake, table)))
    for fact in layout.FACTS:
        engine.table(fact, layout.files(layout.fact_dir(lake, fact)))
    params = dict(settings.sql_params())
    cells = {fact: sorted(set(cs)) for fact, cs in cells.items() if cs}
    if "complaint" in cells:
        cells["complaint"] = _complaint_cells(engine, lake, cells["complaint"], params)
    built.cells = cells
    for fact, touched in cells.items():
        files = [f for c in touched for f in layout.files(layout.fact_dir(lake, fact) / c.path())]
        engine.table(fact + _VIA, files)
    for name, body in definitions.staging_views().items():
        fact = name.removeprefix("stg_")
        if fact in cells:
            engine.view(name, body, {fact: fact + _VIA})
            engine.view(name + _ALL, body)
    for definition in plan:
        touched = cells.get(definition.source)
        if not touched:
            continue
        inputs = {r: layout.files(layout.rollup_dir(lake, r)) for r in definition.reads}
        inputs = {r: files for r, files in inputs.items() if r in _all_tables()}
        for read, files in inputs.items():
            if files:
                engine.table(read, files)
        # a copy of an empty rollup is empty: its months are cleared, not built
        empty = any(not files for files in inputs.values())
        _build_one(engine, lake, definition, touched, params, built, empty)
    return built


def _complaint_cells(engine, lake, touched, params) -> list[layout.Cell]:
    """Open complaints turn late as the extract date moves: as in pulse.rollups.refresh, every
    month from the first still open complaint on is rebuilt, in every province."""
    params["as_of"] = engine.scalar(sql.text("rollups/complaint_as_of"))
    first_open = engine.scalar(sql.text("rollups/open_complaint_first_day"))
    if first_open is None:
        return touched
    since = f"{first_open:%Y-%m}"
    later = [c for c in layout.cells(lake, "complaint") if c.month >= since]
    return sorted(set(touched) | set(later))


def _build_one(engine, lake, definition, touched, params, built: Built, empty: bool) -> None:
    months = {c.month for c in touched}
    day_from, day_to = layout.month_span(months)
    params = {**params, "day_from": day_from, "day_to": day_to}
    stage = layout.staging(lake)
    target = layout.rollup_dir(lake, definition.table)
    if definition.scope == "months":
        if not empty:
            engine.write(definition.select, params, stage, ("month",))
        parts = [f"month={m}" for m in _months_in(months)]
    elif definition.scope == "whole":
        fact = "stg_" + definition.source
        engine.write(definition.select, params, stage, ("month", "province"), {fact: fact + _ALL})
        parts = [""]
    else:
        engine.write(definition.select, params, stage, ("month", "province"))
        parts = [c.path() for c in touched]
    layout.swap(stage, target, parts)
    built.tables[definition.table] = (definition.scope, parts)
