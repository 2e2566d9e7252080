"""Seeded, vectorised generator of Service Pulse demo data at three scales."""

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from .calendar_days import calendar_rows
from .complaints import generate_complaints
from .customers import customer_base_rows
from .dimensions import queue_rows, static_tables
from .facts import (
    call_columns,
    complaint_columns,
    staffing_columns,
    survey_columns,
    ticket_columns,
)
from .geography import city_rows
from .hotline import generate_calls
from .queues import generate_tickets
from .reference import benchmark_rows, event_rows, target_rows
from .scales import SCALES as _SCALES
from .scales import Scale, months
from .surveys import generate_surveys
from .world import build_world
from .writer import TableFile, write_csv

SCALES = tuple(_SCALES)
DIMENSIONS = (
    "city", "branch", "hotline_queue", "segment", "brand", "channel", "service_type",
    "complaint_category", "calendar", "customer_base",
)  # fmt: skip
REFERENCE = ("target", "benchmark", "event")
FACTS = ("queue_ticket", "hotline_call", "hotline_staffing", "complaint", "survey_response")
LAST_ROWS: dict[str, int] = {}  # rows of the files written last, for the command line's report


def month_count(scale: str) -> int:
    """How many months of facts the scale generates."""
    return len(months(_SCALES[scale]))


def plan(scale: str, months_per_file: int = 1) -> int:
    """How many files generate() will yield for the scale."""
    per_table = -(-month_count(scale) // months_per_file)
    return len(DIMENSIONS) + len(REFERENCE) + len(FACTS) * per_table


def generate(
    scale: str | Scale,
    out_dir: Path,
    seed: int = 20261123,
    months_per_file: int = 1,
    month_done: Callable[[date], None] | None = None,
) -> Iterator[tuple[str, Path]]:
    """Write the scale's files into out_dir, yielding (table, path) in load order: the
    dimensions and reference tables, then per fact table a file of `months_per_file` months
    (written a month at a time, yielded once complete; month_done(month) is called as each
    month is written)."""
    sc = scale if isinstance(scale, Scale) else _SCALES[scale]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(sc, seed)
    static = static_tables()
    csvs = {
        "city": lambda: city_rows(sc),
        "branch": world.halls.rows,
        "hotline_queue": lambda: queue_rows(sc.queues),
        **{name: (lambda rows=rows: rows) for name, rows in static.items()},
        "calendar": lambda: calendar_rows(date(sc.start.year - 1, 1, 1), date(sc.end.year, 12, 31)),
        "customer_base": lambda: customer_base_rows(
            world.subscribers, world.month_starts, sc.cities
        ),
        "target": lambda: target_rows(sc, world.halls),
        "benchmark": benchmark_rows,
        "event": lambda: event_rows(sc),
    }
    for table in DIMENSIONS + REFERENCE:
        path = out_dir / f"{table}.csv"
        LAST_ROWS[table] = write_csv(path, csvs[table]())
        yield table, path
    starts = world.month_starts
    for first in range(0, len(starts), months_per_file):
        span = range(first, min(first + months_per_file, len(starts)))
        name = f"{starts[span[0]]:%Y-%m}" + (f"_{starts[span[-1]]:%Y-%m}" if len(span) > 1 else "")
        files = {t: TableFile(out_dir / f"{t}-{name}.parquet", t) for t in FACTS}
        for mi in span:
            for table, cols in _month(world, mi, starts[mi]):
                files[table].append(cols)
            if month_done:
                month_done(starts[mi])
        # in load order, once every table holds the span: a survey's ticket is loaded first
        for table, file in files.items():
            LAST_ROWS[table] = file.close()
            yield table, file.path


def _month(world, mi: int, month: date) -> Iterator[tuple[str, dict]]:
    """One month's facts, table by table in load order: (table, columns)."""
    tickets = generate_tickets(world, mi, month)
    yield "queue_ticket", ticket_columns(world, tickets)
    calls, staffing = generate_calls(world, mi, month)
    yield "hotline_call", call_columns(world, calls)
    yield "hotline_staffing", staffing_columns(world, staffing)
    complaints = generate_complaints(world, mi, month)
    yield "complaint", complaint_columns(world, complaints)
    surveys = generate_surveys(world, mi, month, tickets, calls, complaints)
    cols = survey_columns(world, surveys, complaints["complaint_id"])
    del tickets, calls, staffing
    yield "survey_response", cols


__all__ = ["LAST_ROWS", "SCALES", "generate", "month_count", "plan"]
