"""The peer benchmark's pandas engine: the facts in memory, and the same questions as
queries/peers/ answered with pandas alone."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

COLUMNS = {
    "survey_response": "responded_at, city_id, branch_id, score_overall, score_recommend",
    "queue_ticket": "issued_at, called_at, branch_id, outcome",
    "hotline_call": (
        "arrived_at, queued_at, answered_at, ended_at, city_id, outcome, is_first_contact_resolved"
    ),
    "complaint": "received_at, resolved_at, due_at, city_id, subcategory_id",
    "branch": "branch_id, city_id",
    "complaint_category": "subcategory_id, category_id",
}


BATCH_ROWS = 1_000_000


def load(cur) -> dict[str, pd.DataFrame]:
    """The columns the questions read, one frame per table, as a careful pandas user would
    hold a province's 204 M rows: the ids and codes (a city, a hall, an outcome) as
    categoricals, a byte a row instead of a string, and the rows streamed from DuckDB in
    Arrow batches, so that a table passes through memory once. As strings the province's
    frames took 10.9 GB, and with DuckDB's buffers beside them the first question took the
    process to 23.7 GB, where the kernel killed it (1 December 2026)."""
    frames = {}
    for table, columns in COLUMNS.items():
        reader = cur.sql(f"select {columns} from {table}").to_arrow_reader(BATCH_ROWS)
        arrow = pa.Table.from_batches(list(reader), schema=reader.schema)
        for i, field in enumerate(arrow.schema):
            if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
                arrow = arrow.set_column(i, field.name, pc.dictionary_encode(arrow.column(i)))
        frames[table] = arrow.to_pandas(
            types_mapper={pa.bool_(): pd.BooleanDtype()}.get, self_destruct=True
        )
        del arrow
        pa.default_memory_pool().release_unused()  # give the batches' memory back
    return frames


def memory_mb(frames: dict[str, pd.DataFrame]) -> float:
    """What the frames hold in memory."""
    return sum(f.memory_usage(deep=True).sum() for f in frames.values()) / 1e6


def _within(frame: pd.DataFrame, column: str, p: dict) -> pd.DataFrame:
    start, end = pd.Timestamp(p["cur_from"]), pd.Timestamp(p["cur_end"])
    return frame[(frame[column] >= start) & (frame[column] < end)]


def _nps(recommend: pd.Series, p: dict) -> float:
    promoters = (recommend >= p["promoter_min"]).sum()
    detractors = (recommend <= p["detractor_max"]).sum()
    return 100.0 * (promoters - detractors) / len(recommend)


def _calls(fr, p: dict) -> pd.DataFrame:
    c = _within(fr["hotline_call"], "arrived_at", p)
    if p.get("city"):
        c = c[c["city_id"] == p["city"]]
    c = c.copy()
    c["answer_s"] = (c["answered_at"] - c["queued_at"]).dt.total_seconds()
    to_end = (c["ended_at"] - c["queued_at"]).dt.total_seconds()
    c["is_short_abandon"] = (c["outcome"] == "abandoned") & (to_end < p["short_abandon_s"])
    return c


def _service_level(c: pd.DataFrame, p: dict) -> float:
    asked = c["queued_at"].notna().sum() - c["is_short_abandon"].sum()
    return (c["answer_s"] <= p["service_level_s"]).sum() / asked if asked else float("nan")


def _ontime(m: pd.DataFrame, p: dict) -> float:
    decided = m["resolved_at"].notna() | (m["due_at"] < pd.Timestamp(p["as_of"]))
    on_time = m["resolved_at"] <= m["due_at"]
    return on_time.sum() / decided.sum() if decided.sum() else float("nan")


def headline(fr, p: dict) -> pd.DataFrame:
    s = _within(fr["survey_response"], "responded_at", p)
    t = _within(fr["queue_ticket"], "issued_at", p)
    m = _within(fr["complaint"], "received_at", p)
    if p.get("city"):
        s, m = s[s["city_id"] == p["city"]], m[m["city_id"] == p["city"]]
        halls = fr["branch"].loc[fr["branch"]["city_id"] == p["city"], "branch_id"]
        t = t[t["branch_id"].isin(halls)]
    wait = (t["called_at"] - t["issued_at"]).dt.total_seconds()
    called = t["called_at"].notna().sum()
    c = _calls(fr, p)
    fcr = c["is_first_contact_resolved"]
    row = {
        "sat_index": s["score_overall"].mean() * 10,
        "nps": _nps(s["score_recommend"], p),
        "queue_within_10min": (wait <= p["promise_s"]).sum() / called,
        "queue_wait_mean": wait.sum() / called,
        "queue_walkaway_rate": (t["outcome"] == "walked_away").mean(),
        "hotline_answer_rate": (c["outcome"] == "answered").sum() / c["queued_at"].notna().sum(),
        "hotline_service_level": _service_level(c, p),
        "hotline_fcr": (fcr == True).sum() / fcr.notna().sum(),  # noqa: E712 (nullable)
        "complaint_ontime_rate": _ontime(m, p),
    }
    return pd.DataFrame([row])


def wait_p90_by_hall(fr, p: dict) -> pd.DataFrame:
    t = _within(fr["queue_ticket"], "issued_at", p)
    t = t[t["called_at"].notna()]
    wait = (t["called_at"] - t["issued_at"]).dt.total_seconds()
    grouped = wait.groupby(t["branch_id"])
    out = grouped.quantile(0.9, interpolation="lower").rename("wait_p90_s").to_frame()
    out["n_called"] = grouped.size()
    return out.reset_index()


def service_level_by_slot(fr, p: dict) -> pd.DataFrame:
    c = _calls(fr, p)
    slot = c["arrived_at"].dt.hour * 2 + c["arrived_at"].dt.minute // 30
    rows = [{"slot": s, "service_level": _service_level(part, p)} for s, part in c.groupby(slot)]
    return pd.DataFrame(rows)


def complaints_by_category(fr, p: dict) -> pd.DataFrame:
    m = _within(fr["complaint"], "received_at", p)
    m = m.merge(fr["complaint_category"], on="subcategory_id")
    rows = [
        {"category": k, "n_complaints": len(part), "ontime_rate": _ontime(part, p)}
        for k, part in m.groupby("category_id")
    ]
    return pd.DataFrame(rows)


def nps_by_month(fr, p: dict) -> pd.DataFrame:
    s = _within(fr["survey_response"], "responded_at", p)
    s = s[s["branch_id"] == p["hall"]]
    month = s["responded_at"].dt.to_period("M").dt.start_time.dt.date
    rows = [
        {"month_start": k, "nps": _nps(part["score_recommend"], p), "n_responses": len(part)}
        for k, part in s.groupby(month)
    ]
    return pd.DataFrame(rows)


ANSWERS = {
    "headline": headline,
    "wait_p90_by_hall": wait_p90_by_hall,
    "service_level_by_slot": service_level_by_slot,
    "complaints_by_category": complaints_by_category,
    "nps_by_month": nps_by_month,
}


def answer(frames, q) -> pd.DataFrame:
    """The question's answer with pandas."""
    return ANSWERS[q.query](frames, q.params)
