"""Rollups and metric values on the hand-made store, against values worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from pulse import catalog, filters, measures, values
from pulse.filters import Filter

TWO_DAYS = Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
AS_OF = dt.date(2026, 10, 31)


def metric_values(store, f: Filter, group: tuple[str, ...] = ()) -> dict:
    period = filters.resolve(f, AS_OF)
    metrics = list(catalog.metrics().values())
    raw = measures.fetch(store, metrics, f, period, [group])[group]
    frame = values.evaluate(metrics, raw, group, period)
    if not group:
        return {r["metric_id"]: r for r in frame.to_dict("records")}
    return {(*(r[c] for c in group), r["metric_id"]): r for r in frame.to_dict("records")}


def test_queue_daily_rows(handmade):
    rows = handmade.df(
        "select cast(day as varchar) as day, branch_id, segment, n_tickets, n_called, "
        "n_walked_away, n_within_10min, wait_s_sum, n_service, service_s_sum "
        "from queue_daily order by day, branch_id, segment"
    ).values.tolist()
    assert rows == [
        ["2026-10-30", "GZ-001", "gold", 1, 1, 0, 1, 60.0, 1, 600.0],
        ["2026-10-30", "GZ-001", "regular", 3, 2, 1, 1, 1200.0, 2, 900.0],
        ["2026-10-31", "SZ-001", "regular", 2, 2, 0, 1, 2280.0, 2, 1320.0],
    ]


def test_hotline_daily_rows(handmade):
    rows = handmade.df(
        "select cast(day as varchar) as day, city_id, queue_id, n_offered, n_ivr, n_queued, "
        "n_answered, n_abandoned, n_short_abandoned, n_answered_20s, answer_s_sum, "
        "handle_s_sum, n_fcr_known, n_fcr from hotline_daily order by day, city_id, queue_id"
    ).values.tolist()
    assert rows == [
        ["2026-10-30", "GZ", "general", 3, 1, 2, 2, 0, 0, 1, 70.0, 540.0, 2, 1],
        ["2026-10-30", "SZ", "general", 1, 0, 1, 0, 1, 1, 0, 0.0, 0.0, 0, 0],
        ["2026-10-31", "SZ", "general", 1, 0, 1, 0, 1, 0, 0, 0.0, 0.0, 0, 0],
        ["2026-10-31", "SZ", "vip", 1, 0, 1, 1, 0, 0, 1, 5.0, 360.0, 1, 1],
    ]


def test_complaint_daily_rows_judge_open_complaints_against_the_extract_date(handmade):
    rows = handmade.df(
        "select cast(day as varchar) as day, channel, category, n_complaints, n_escalated, "
        "n_repeat, n_resolved, n_decided, n_ontime, n_return_visit, n_return_satisfied "
        "from complaint_daily order by day, channel"
    ).values.tolist()
    assert rows == [
        ["2026-10-30", "hall", "billing", 1, 0, 0, 0, 0, 0, 0, 0],  # open, not yet due
        ["2026-10-30", "hotline", "network", 1, 0, 0, 1, 1, 1, 1, 1],
        ["2026-10-31", "regulator", "billing", 1, 1, 1, 1, 1, 0, 1, 0],  # resolved late
    ]


EXPECTED_ALL = {
    "sat_index": (82.5, 4),
    "csat": (0.75, 4),
    "nps": (25.0, 4),
    "dim_network": (8.0, 3),
    "dim_tariff": (7.0, 3),
    "dim_staff": (25 / 3, 3),
    "dim_speed": (20 / 3, 3),
    "dim_convenience": (25 / 3, 3),
    "dim_billing": (9.0, 3),
    "queue_within_10min": (0.6, 5),
    "queue_wait_mean": (708.0, 5),
    "queue_wait_p90": (1830.0, 5),  # 90% of 5 waits falls halfway into the 30-minute bucket
    "queue_walkaway_rate": (1 / 6, 6),
    "queue_service_mean": (564.0, 5),
    "queue_tickets": (6.0, 6),
    "hotline_offered": (6.0, 6),
    "hotline_answer_rate": (0.6, 5),
    "hotline_service_level": (0.5, 4),  # the 3-second abandon is left out
    "hotline_abandon_rate": (0.25, 4),
    "hotline_asa": (25.0, 3),
    "hotline_aht": (300.0, 3),
    "hotline_fcr": (2 / 3, 3),
    "hotline_ivr_share": (1 / 6, 6),
    "complaints_count": (3.0, 3),
    # 1.55 million subscribers for 2 days = 3.1 million subscriber-days
    "complaints_per_million": (3 / (3.1e6 / 30.4375 / 1e6), 3),
    "regulator_per_million": (1 / (3.1e6 / 91.3125 / 1e6), 1),
    "complaint_ontime_rate": (0.5, 2),
    "complaint_resolution_median_h": (13.0, 2),
    "complaint_first_response_h": (7 / 3, 3),
    "complaint_repeat_rate": (1 / 3, 3),
    "complaint_escalation_rate": (1 / 3, 3),
    "complaint_return_satisfaction": (0.5, 2),
}


def test_every_metric_for_the_whole_company(handmade):
    got = metric_values(handmade, TWO_DAYS)
    assert set(got) == set(catalog.metric_ids())
    for metric_id, (value, n) in EXPECTED_ALL.items():
        assert got[metric_id]["value"] == pytest.approx(value), metric_id
        assert got[metric_id]["n"] == n, metric_id


def test_metrics_by_city(handmade):
    got = metric_values(handmade, TWO_DAYS, ("city_id",))
    assert got[("GZ", "queue_within_10min")]["value"] == pytest.approx(2 / 3)
    assert got[("SZ", "queue_wait_mean")]["value"] == pytest.approx(1140.0)
    assert got[("GZ", "hotline_answer_rate")]["value"] == pytest.approx(1.0)
    assert got[("SZ", "hotline_service_level")]["value"] == pytest.approx(1 / 2)
    assert got[("GZ", "sat_index")]["value"] == pytest.approx(230 / 3)
    # 1.05 million subscribers in Guangzhou for two days
    assert got[("GZ", "complaints_per_million")]["value"] == pytest.approx(
        2 / (2.1e6 / 30.4375 / 1e6)
    )


def test_a_segment_filter_narrows_every_family(handmade):
    got = metric_values(handmade, TWO_DAYS.with_(segments=("gold",)))
    assert got["queue_tickets"]["value"] == 1
    assert got["queue_wait_mean"]["value"] == pytest.approx(60.0)
    assert got["hotline_offered"]["value"] == 1
    assert got["sat_index"]["value"] == pytest.approx(100.0)
    assert got["complaints_per_million"]["value"] == 0.0  # 50,000 gold subscribers, none complained
    assert "complaints_count" not in got or got["complaints_count"]["n"] != 1


def test_a_hall_filter_is_not_applied_to_the_hotline(handmade):
    f = TWO_DAYS.with_(halls=("SZ-001",))
    got = metric_values(handmade, f)
    assert got["queue_tickets"]["value"] == 2
    assert got["hotline_offered"]["value"] == 6  # calls carry no hall
    assert measures.not_applied(catalog.metric("hotline_offered"), f) == ["hall"]
    assert "complaints_per_million" not in got  # subscribers are counted by city, not hall
