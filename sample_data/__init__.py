"""Seeded, vectorised generator of Service Pulse demo data at three scales."""

from collections.abc import Iterator
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
from .writer import write_csv, write_parquet

SCALES = tuple(_SCALES)
DIMENSIONS = (
    "city", "branch", "hotline_queue", "segment", "brand", "channel", "service_type",
    "complaint_category", "calendar", "customer_base",
)  # fmt: skip
REFERENCE = ("target", "benchmark", "event")
FACTS = ("queue_ticket", "hotline_call", "hotline_staffing", "complaint", "survey_response")
LAST_ROWS: dict[str, int] = {}  # rows of the files written last, for the command line's report


def plan(scale: str) -> int:
    """How many files generate() will yield for the scale."""
    return len(DIMENSIONS) + len(REFERENCE) + len(FACTS) * len(months(_SCALES[scale]))


def generate(scale: str | Scale, out_dir: Path, seed: int = 20261123) -> Iterator[tuple[str, Path]]:
    """Write the scale's files into out_dir, yielding (table, path) in load order."""
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
    for mi, month in enumerate(world.month_starts):
        tag = f"{month:%Y-%m}"
        tickets = generate_tickets(world, mi, month)
        yield _fact(out_dir, "queue_ticket", tag, ticket_columns(world, tickets))
        calls, staffing = generate_calls(world, mi, month)
        yield _fact(out_dir, "hotline_call", tag, call_columns(world, calls))
        yield _fact(out_dir, "hotline_staffing", tag, staffing_columns(world, staffing))
        complaints = generate_complaints(world, mi, month)
        yield _fact(out_dir, "complaint", tag, complaint_columns(world, complaints))
        surveys = generate_surveys(world, mi, month, tickets, calls, complaints)
        cols = survey_columns(world, surveys, complaints["complaint_id"])
        del tickets, calls, staffing
        yield _fact(out_dir, "survey_response", tag, cols)


def _fact(out_dir: Path, table: str, tag: str, columns: dict) -> tuple[str, Path]:
    """Write one monthly fact file."""
    path = out_dir / f"{table}-{tag}.parquet"
    LAST_ROWS[table] = write_parquet(path, table, columns)
    return table, path


__all__ = ["LAST_ROWS", "SCALES", "generate", "plan"]
