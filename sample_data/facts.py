"""Turn generated fact columns into Arrow columns named and typed exactly as the DDL."""

import numpy as np
import pyarrow as pa

from .complaints import CHANNELS, RETURN_VISITS, SEVERITIES
from .dimensions import BRAND_IDS, SEGMENT_IDS, SERVICE_IDS, SUBCATEGORY_IDS
from .hotline import OUTCOMES as CALL_OUTCOMES
from .queues import OUTCOMES as TICKET_OUTCOMES
from .surveys import DIMS, TOUCHPOINTS
from .world import World
from .writer import I8, I16, STR, labels, ts


def ticket_columns(world: World, t: dict) -> dict:
    """queue_ticket columns."""
    return {
        "ticket_id": t["ticket_id"],
        "branch_id": labels(t["hall"], world.halls.branch_id),
        "issued_at": ts(t["issued"]),
        "called_at": ts(t["called"], t["called"] >= 0),
        "served_at": ts(t["served"], t["served"] >= 0),
        "finished_at": ts(t["finished"], t["finished"] >= 0),
        "service_type": labels(t["service"], SERVICE_IDS),
        "segment": labels(t["segment"], SEGMENT_IDS),
        "is_priority_lane": t["priority"],
        "outcome": labels(t["outcome"], TICKET_OUTCOMES),
    }


def call_columns(world: World, c: dict) -> dict:
    """hotline_call columns."""
    answered = c["outcome"] == 1
    return {
        "call_id": c["call_id"],
        "queue_id": labels(c["queue"], world.scale.queues),
        "city_id": labels(c["city"], world.cities),
        "segment": labels(c["segment"], SEGMENT_IDS),
        "arrived_at": ts(c["arrived"]),
        "queued_at": ts(c["queued"], c["queued"] >= 0),
        "answered_at": ts(c["answered"], answered),
        "ended_at": ts(c["ended"]),
        "outcome": labels(c["outcome"], CALL_OUTCOMES),
        "is_first_contact_resolved": pa.array(c["fcr"], mask=~answered),
        "is_transferred": c["transferred"],
    }


def staffing_columns(world: World, s: dict) -> dict:
    """hotline_staffing columns."""
    n = len(s["queue"])
    return {
        "queue_id": labels(s["queue"], world.scale.queues),
        "interval_start": ts(s["interval_start"]),
        "interval_min": pa.array(np.full(n, 30, dtype=np.int16), I16),
        "agents_on_duty": pa.array(s["agents"].astype(np.int16), I16),
    }


def complaint_columns(world: World, c: dict) -> dict:
    """complaint columns; status, response and resolution as known on the data's last day."""
    resolved = c["status_resolved"]
    visit = (c["return_visit"] >= 0) & resolved
    return {
        "complaint_id": pa.array(c["complaint_id"], STR),
        "received_at": ts(c["received"]),
        "channel": labels(c["channel"], CHANNELS),
        "city_id": labels(c["city"], world.cities),
        "branch_id": labels(c["branch"], world.halls.branch_id, c["branch"] >= 0),
        "segment": labels(c["segment"], SEGMENT_IDS),
        "brand": labels(c["brand"], BRAND_IDS),
        "subcategory_id": labels(c["sub"], SUBCATEGORY_IDS),
        "severity": labels(c["severity"], SEVERITIES),
        "is_escalated": c["escalated"],
        "due_at": ts(c["due"]),
        "first_response_at": ts(c["first"], c["first_known"]),
        "resolved_at": ts(c["resolved"], resolved),
        "status": labels(resolved.astype(np.int64), ("open", "resolved")),
        "customer_key": pa.array(c["customer_key"], STR),
        "is_repeat": c["repeat"],
        "return_visit": labels(np.maximum(c["return_visit"], 0), RETURN_VISITS, visit),
    }


def survey_columns(world: World, s: dict, complaint_ids: np.ndarray) -> dict:
    """survey_response columns."""
    cols = {
        "response_id": s["response_id"],
        "responded_at": ts(s["t"]),
        "touchpoint": labels(s["touch"], TOUCHPOINTS),
        "city_id": labels(s["city"], world.cities),
        "branch_id": labels(s["branch"], world.halls.branch_id, s["branch"] >= 0),
        "queue_id": labels(s["queue"], world.scale.queues, s["queue"] >= 0),
        "segment": labels(s["segment"], SEGMENT_IDS),
        "brand": labels(s["brand"], BRAND_IDS),
        "score_overall": pa.array(s["overall"].astype(np.int8), I8),
        "score_recommend": pa.array(s["recommend"].astype(np.int8), I8),
    }
    for i, dim in enumerate(DIMS):
        v = s["dims"][:, i]
        cols[f"score_{dim}"] = pa.array(np.nan_to_num(v).astype(np.int8), I8, mask=np.isnan(v))
    has_c = s["complaint"] >= 0
    cols.update(
        comment=pa.array(s["comment"], STR),
        ticket_id=pa.array(s["ticket"], mask=s["ticket"] < 0),
        call_id=pa.array(s["call"], mask=s["call"] < 0),
        complaint_id=pa.array(complaint_ids[np.where(has_c, s["complaint"], 0)], STR, mask=~has_c),
    )
    return cols
