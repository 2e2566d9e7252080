"""The rollups as an engine builds them: each one's SELECT exactly as queries/rollups (or the
catalogue's copy template) writes it, and what it reads, in the order the store builds them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pulse import catalog, rollups, sql
from pulse.lake import portable

_INSERT = re.compile(r"^insert into (\w+) by name\s+(.*)$", re.S | re.I)
_VIEW = re.compile(r"create or replace view (\w+) as\s+(.*?);", re.S)


@dataclass(frozen=True)
class Definition:
    """One rollup or copy: its table, its SELECT (DuckDB SQL), the fact it comes from and how
    much of it a build replaces: the touched partitions ("cells"), the touched months of a
    table built from other rollups ("months"), or all of it, a snapshot ("whole")."""

    table: str
    select: str
    source: str
    scope: str
    reads: frozenset[str]


def _code(statement: str) -> str:
    """A statement without the comment lines above it."""
    lines = statement.strip().splitlines()
    while lines and lines[0].lstrip().startswith("--"):
        lines.pop(0)
    return "\n".join(lines)


def _deletes_from(statement: str) -> str | None:
    """The table a DELETE statement deletes from, or None for any other statement."""
    words = _code(statement).split(None, 3)
    is_delete = [w.lower() for w in words[:2]] == ["delete", "from"] and len(words) > 2
    return words[2] if is_delete else None


def _select(statement: str, table: str) -> str | None:
    match = _INSERT.match(_code(statement))
    return match.group(2) if match and match.group(1) == table else None


def bookkeeping(rollup: str) -> list[str]:
    """Statements of a rollup file that keep the store's own tables (hall numbers), run in
    the store before a build, not by the engine."""
    return [
        s
        for s in sql.statements(f"rollups/{rollup}")
        if _deletes_from(s) is None and _select(s, rollup) is None
    ]


def rollup_tables() -> set[str]:
    """Every rollup and copy table."""
    return set(rollups.sources()) | {v.table for vs in catalog.variants().values() for v in vs}


def rollup_selects() -> list[str]:
    """The SELECT of every rollup file, as written."""
    found = []
    for rollup in rollups.sources():
        for statement in sql.statements(f"rollups/{rollup}"):
            selected = _select(statement, rollup)
            if selected:
                found.append(selected.rstrip().rstrip(";"))
    return found


def staging_views() -> dict[str, str]:
    """The staging views (schema 016: the joins and derived columns every rollup reads), the
    last definition in schema order winning, as in the store."""
    return dict(_VIEW.findall(portable.schema_text()))


def _copy(cur, base: str, variant: catalog.Variant, source: str) -> Definition:
    text = rollups.variant_query(cur, base, variant)
    statement = next(s for s in text.split(";\n") if _select(s, variant.table))
    select = _select(statement, variant.table).rstrip().rstrip(";")
    return Definition(variant.table, select, source, "months", frozenset({base}))


def plan(cur) -> list[Definition]:
    """Every rollup and copy the pages read, in build order (a table after those it reads)."""
    built: list[Definition] = []
    tables = rollup_tables()
    for rollup, source in rollups.sources().items():
        statements = sql.statements(f"rollups/{rollup}")
        select = next(_select(s, rollup) for s in statements if _select(s, rollup))
        select = select.rstrip().rstrip(";")
        deletes = [_code(s) for s in statements if _deletes_from(s) == rollup]
        reads = frozenset(portable.tables_read(select))
        if deletes and not re.search(r"\bwhere\b", deletes[0], re.I):
            scope = "whole"
        elif reads & tables:
            scope = "months"
        else:
            scope = "cells"
        built.append(Definition(rollup, select, source, scope, reads))
        for variant in catalog.variants().get(rollup, ()):
            built.append(_copy(cur, rollup, variant, source))
    return built
