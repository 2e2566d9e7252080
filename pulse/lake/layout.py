"""Where things live in a lake directory, and how a partition is replaced.

    DIR/fact=<table>/month=YYYY-MM/province=<id>/*.parquet    the facts the rollups read
    DIR/dimension=<table>/*.parquet                            what the staging views join
    DIR/rollup=<table>/month=YYYY-MM[/province=<id>]/*.parquet what an engine built

A partition is replaced whole: an engine writes into a fresh staging directory and each
touched partition is swapped in (or removed, when the new build has no rows for it).
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

# the facts the rollups read; hotline_staffing (queues x intervals) stays in the store
FACTS = ("queue_ticket", "hotline_call", "complaint", "survey_response")


@dataclass(frozen=True, order=True)
class Cell:
    """One partition of a fact: a month (YYYY-MM) and a province."""

    month: str
    province: str

    def path(self) -> str:
        """The partition's path below its table's directory."""
        return f"month={self.month}/province={self.province}"


def fact_dir(lake: Path, table: str) -> Path:
    """A fact table's directory."""
    return Path(lake) / f"fact={table}"


def dimension_dir(lake: Path, table: str) -> Path:
    """A dimension table's directory."""
    return Path(lake) / f"dimension={table}"


def rollup_dir(lake: Path, table: str) -> Path:
    """A rollup table's directory, as an engine built it."""
    return Path(lake) / f"rollup={table}"


def cells(lake: Path, table: str) -> list[Cell]:
    """The partitions a fact table holds."""
    found = []
    for leaf in sorted(fact_dir(lake, table).glob("month=*/province=*")):
        if any(leaf.glob("*.parquet")):
            found.append(Cell(leaf.parent.name.split("=", 1)[1], leaf.name.split("=", 1)[1]))
    return found


def changed_since(lake: Path, table: str, since: dt.datetime | None) -> list[Cell]:
    """The partitions of a fact written after `since` (all of them when None)."""
    if since is None:
        return cells(lake, table)
    stamp = since.timestamp()
    return [
        cell
        for cell in cells(lake, table)
        if any(
            f.stat().st_mtime > stamp
            for f in (fact_dir(lake, table) / cell.path()).glob("*.parquet")
        )
    ]


def files(directory: Path) -> list[str]:
    """Every Parquet file below a directory, in a stable order."""
    return sorted(str(p) for p in Path(directory).rglob("*.parquet"))


def month_span(months: set[str]) -> tuple[dt.date, dt.date]:
    """The first day of the first month and the last day of the last."""
    first = dt.date.fromisoformat(min(months) + "-01")
    last = dt.date.fromisoformat(max(months) + "-01")
    following = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def staging(lake: Path) -> Path:
    """A fresh directory to write a build into before its partitions are swapped in."""
    path = Path(lake) / "_staging" / uuid.uuid4().hex
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def swap(stage: Path, target: Path, partitions: list[str]) -> None:
    """Replace each partition (a relative path) of `target` with the staged one, removing it
    when the stage has none; `[""]` replaces the whole table."""
    for part in partitions:
        old = target / part if part else target
        new = stage / part if part else stage
        if old.exists():
            shutil.rmtree(old)
        if new.exists():
            old.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(new), str(old))
    shutil.rmtree(stage, ignore_errors=True)
