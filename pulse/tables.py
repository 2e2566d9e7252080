"""What the loader must know about each loadable table beyond its DDL: references and dates."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    """A table that files are loaded into."""

    name: str
    # column -> (table, column) it must match; checked row by row because DuckDB's FOREIGN
    # KEY would forbid reloading a corrected dimension row
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    # columns whose values must be metric ids of the catalogue
    metric_columns: tuple[str, ...] = ()
    # facts: the timestamp whose day places a row in the rollups
    day_column: str | None = None
    # facts: a day outside the calendar gets a plain calendar row when loaded
    extends_calendar: bool = True


_SPECS = [
    TableSpec("city"),
    TableSpec("branch", {"city_id": ("city", "city_id")}),
    TableSpec("hotline_queue"),
    TableSpec("segment"),
    TableSpec("brand"),
    TableSpec("channel"),
    TableSpec("service_type"),
    TableSpec("complaint_category"),
    TableSpec("calendar"),
    TableSpec(
        "customer_base",
        {
            "city_id": ("city", "city_id"),
            "segment": ("segment", "segment_id"),
            "brand": ("brand", "brand_id"),
        },
    ),
    TableSpec("target", metric_columns=("metric_id",)),
    TableSpec("benchmark", metric_columns=("metric_id",)),
    TableSpec("event", {"city_id": ("city", "city_id"), "branch_id": ("branch", "branch_id")}),
    TableSpec(
        "queue_ticket",
        {
            "branch_id": ("branch", "branch_id"),
            "service_type": ("service_type", "service_type_id"),
            "segment": ("segment", "segment_id"),
        },
        day_column="issued_at",
    ),
    TableSpec(
        "hotline_call",
        {
            "queue_id": ("hotline_queue", "queue_id"),
            "city_id": ("city", "city_id"),
            "segment": ("segment", "segment_id"),
        },
        day_column="arrived_at",
    ),
    TableSpec("hotline_staffing", {"queue_id": ("hotline_queue", "queue_id")}),
    TableSpec(
        "complaint",
        {
            "city_id": ("city", "city_id"),
            "branch_id": ("branch", "branch_id"),
            "segment": ("segment", "segment_id"),
            "brand": ("brand", "brand_id"),
            "channel": ("channel", "channel_id"),
            "subcategory_id": ("complaint_category", "subcategory_id"),
        },
        day_column="received_at",
    ),
    TableSpec(
        "survey_response",
        {
            "city_id": ("city", "city_id"),
            "branch_id": ("branch", "branch_id"),
            "queue_id": ("hotline_queue", "queue_id"),
            "segment": ("segment", "segment_id"),
            "brand": ("brand", "brand_id"),
            "touchpoint": ("channel", "channel_id"),
            "ticket_id": ("queue_ticket", "ticket_id"),
            "call_id": ("hotline_call", "call_id"),
            "complaint_id": ("complaint", "complaint_id"),
        },
        day_column="responded_at",
    ),
    # per-minute queue-system snapshots: a state rather than events, summed per hall-minute
    # into their own rollup (queue_snapshot_hourly), the Queues page's snapshot metrics
    TableSpec(
        "queue_snapshot",
        {
            "branch_id": ("branch", "branch_id"),
            "service_type": ("service_type", "service_type_id"),
        },
        day_column="snapshot_at",
        extends_calendar=False,  # no page reads the snapshots' days through the calendar
    ),
]

# The reserved service type of a hall-wide queue snapshot: all service types of the hall (a
# reference row since schema 025). Where a hall has one for a minute, it stands for the hall.
ALL_SERVICE_TYPES = "all"


def reserved(table: str, target: str) -> dict:
    """A reference code rows of `table` may not name although `target` holds it: the hall-wide
    service type is for queue snapshots alone (a ticket is always of one service type)."""
    hall_wide = target == "service_type" and table != "queue_snapshot"
    return {"reserved": ALL_SERVICE_TYPES if hall_wide else None}


SPECS: dict[str, TableSpec] = {spec.name: spec for spec in _SPECS}
LOAD_ORDER: tuple[str, ...] = tuple(SPECS)
FACTS: tuple[str, ...] = tuple(s.name for s in _SPECS if s.day_column)
