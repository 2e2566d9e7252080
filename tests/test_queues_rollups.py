"""The Queues and Hotline rollups on the hand-made store, against rows worked out by hand from
tests/fixtures/handmade (six tickets in GZ-001 and SZ-001, six calls on 30-31 Oct 2026)."""

from __future__ import annotations

import pytest

from pulse import sql
from tests.test_invariants import violations

# ticket 1: GZ-001 09:00, called 09:05 (300 s), service 600 s, regular
# ticket 2: GZ-001 09:10, called 09:25 (900 s), service 300 s, regular
# ticket 3: GZ-001 10:00, called 10:01 (60 s), service 600 s, gold, priority lane
# ticket 4: GZ-001 10:00, walked away, regular
# ticket 5: SZ-001 (31 Oct) 11:00, called 11:08 (480 s), service 720 s, regular
# ticket 6: SZ-001 (31 Oct) 11:00, called 11:30 (1800 s), service 600 s, regular, transferred
HOURLY = [
    ["2026-10-30", 9, "GZ-001", "regular", 2, 2, 0, 1, 1200.0, 2, 900.0],
    ["2026-10-30", 10, "GZ-001", "gold", 1, 1, 0, 1, 60.0, 1, 600.0],
    ["2026-10-30", 10, "GZ-001", "regular", 1, 0, 1, 0, 0.0, 0, 0.0],
    ["2026-10-31", 11, "SZ-001", "regular", 2, 2, 0, 1, 2280.0, 2, 1320.0],
]
MEASURES = (
    "n_tickets, n_called, n_walked_away, n_within_10min, wait_s_sum, n_service, service_s_sum"
)


def rows(store, query: str) -> list[list]:
    return store.df(query).values.tolist()


def test_queue_hall_hourly_rows(handmade):
    got = rows(
        handmade,
        f"select cast(day as varchar), hour, branch_id, segment, {MEASURES} "
        "from queue_hall_hourly order by day, hour, segment",
    )
    assert got == HOURLY


def test_queue_city_hourly_is_the_hall_grain_without_the_hall(handmade):
    got = rows(
        handmade,
        f"select cast(day as varchar), hour, city_id, segment, {MEASURES} "
        "from queue_city_hourly order by day, hour, segment",
    )
    city = {"GZ-001": "GZ", "SZ-001": "SZ"}
    assert got == [[r[0], r[1], city[r[2]], *r[3:]] for r in HOURLY]


def test_lane_wait_histograms(handmade):
    expected = [
        ["2026-10-30", "GZ-001", "gold", True, 1, 1],
        ["2026-10-30", "GZ-001", "regular", False, 5, 1],
        ["2026-10-30", "GZ-001", "regular", False, 15, 1],
        ["2026-10-31", "SZ-001", "regular", False, 8, 1],
        ["2026-10-31", "SZ-001", "regular", False, 30, 1],
    ]
    got = rows(
        handmade,
        "select cast(day as varchar), branch_id, segment, is_priority_lane, bucket_min, n "
        "from queue_lane_wait_hist order by day, segment, bucket_min",
    )
    assert got == expected
    city = rows(
        handmade,
        "select cast(day as varchar), city_id, segment, is_priority_lane, bucket_min, n "
        "from queue_lane_wait_hist_city order by day, segment, bucket_min",
    )
    assert city == [[r[0], r[1][:2], *r[2:]] for r in expected]


def test_monthly_lane_histogram_holds_whole_months(handmade):
    got = rows(
        handmade,
        "select cast(day as varchar), branch_id, is_priority_lane, bucket_min, n "
        "from queue_lane_wait_hist_monthly order by branch_id, bucket_min",
    )
    assert got == [
        ["2026-10-01", "GZ-001", True, 1, 1],
        ["2026-10-01", "GZ-001", False, 5, 1],
        ["2026-10-01", "GZ-001", False, 15, 1],
        ["2026-10-01", "SZ-001", False, 8, 1],
        ["2026-10-01", "SZ-001", False, 30, 1],
    ]


def test_service_type_rollups(handmade):
    expected = [
        # day, hall, segment, service type, tickets, called, walked, within, wait, wait², service
        ["2026-10-30", "GZ-001", "gold", "new_line", 1, 1, 0, 1, 60.0, 3600.0, 600.0],
        ["2026-10-30", "GZ-001", "regular", "billing", 2, 1, 1, 0, 900.0, 810000.0, 300.0],
        ["2026-10-30", "GZ-001", "regular", "new_line", 1, 1, 0, 1, 300.0, 90000.0, 600.0],
        ["2026-10-31", "SZ-001", "regular", "billing", 1, 1, 0, 1, 480.0, 230400.0, 720.0],
        ["2026-10-31", "SZ-001", "regular", "new_line", 1, 1, 0, 0, 1800.0, 3240000.0, 600.0],
    ]
    columns = (
        "n_tickets, n_called, n_walked_away, n_within_10min, wait_s_sum, wait_s_sumsq, "
        "service_s_sum"
    )
    got = rows(
        handmade,
        f"select cast(day as varchar), branch_id, segment, service_type, {columns} "
        "from queue_hall_service_daily order by day, segment, service_type",
    )
    assert got == expected
    city = rows(
        handmade,
        f"select cast(day as varchar), city_id, segment, service_type, {columns} "
        "from queue_city_service_daily order by day, segment, service_type",
    )
    assert city == [[r[0], r[1][:2], *r[2:]] for r in expected]


def test_counter_daily_has_one_row_per_hall_day(handmade):
    got = rows(
        handmade,
        "select cast(day as varchar), branch_id, counters, n_hall_days, n_tickets, "
        "tickets_per_counter, tickets_per_counter_sq from queue_counter_daily order by day",
    )
    # GZ-001 has 14 counters and issued 4 tickets; SZ-001 4 counters and 2 tickets
    assert got == [
        ["2026-10-30", "GZ-001", 14, 1, 4, pytest.approx(4 / 14), pytest.approx((4 / 14) ** 2)],
        ["2026-10-31", "SZ-001", 4, 1, 2, 0.5, 0.25],
    ]


# call 101: GZ general 30 Oct 09:00, ended in the IVR
# call 102: GZ general 09:00, answered after 10 s, handled 240 s
# call 103: GZ general 09:01, answered after 60 s, handled 300 s
# call 104: SZ general 09:02, hung up after 3 s in the queue (a short abandon)
# call 105: SZ general 31 Oct 09:02, hung up after 120 s
# call 106: SZ vip gold 31 Oct 10:00, answered after 5 s, handled 360 s
CALL_MEASURES = (
    "n_offered, n_ivr, n_queued, n_answered, n_abandoned, n_short_abandoned, n_answered_20s, "
    "answer_s_sum, handle_s_sum"
)


def test_hotline_interval_rows(handmade):
    got = rows(
        handmade,
        f"select cast(day as varchar), slot, city_id, queue_id, segment, {CALL_MEASURES} "
        "from hotline_interval order by day, slot, city_id, queue_id",
    )
    assert got == [
        ["2026-10-30", 18, "GZ", "general", "regular", 3, 1, 2, 2, 0, 0, 1, 70.0, 540.0],
        ["2026-10-30", 18, "SZ", "general", "regular", 1, 0, 1, 0, 1, 1, 0, 0.0, 0.0],
        ["2026-10-31", 18, "SZ", "general", "regular", 1, 0, 1, 0, 1, 0, 0, 0.0, 0.0],
        ["2026-10-31", 20, "SZ", "vip", "gold", 1, 0, 1, 1, 0, 0, 1, 5.0, 360.0],
    ]


@pytest.mark.parametrize(
    ("table", "keys"),
    [("hotline_queue_interval", "queue_id"), ("hotline_segment_interval", "queue_id, segment")],
)
def test_hotline_interval_copies_sum_its_rows(handmade, table, keys):
    # the copies (pulse/metrics.toml) drop the caller's city and province (and the segment)
    got = rows(
        handmade,
        f"select cast(day as varchar), slot, {keys}, {CALL_MEASURES} "
        f"from {table} order by day, slot, queue_id",
    )
    segment = {"hotline_queue_interval": [], "hotline_segment_interval": ["regular"]}[table]
    gold = {"hotline_queue_interval": [], "hotline_segment_interval": ["gold"]}[table]
    assert got == [
        ["2026-10-30", 18, "general", *segment, 4, 1, 3, 2, 1, 1, 1, 70.0, 540.0],
        ["2026-10-31", 18, "general", *segment, 1, 0, 1, 0, 1, 0, 0, 0.0, 0.0],
        ["2026-10-31", 20, "vip", *gold, 1, 0, 1, 1, 0, 0, 1, 5.0, 360.0],
    ]


@pytest.mark.parametrize(
    ("invariant", "table", "column", "days"),
    [
        # SZ-001 issued tickets on 31 Oct only; SZ callers rang on both days
        ("queue_page_rollups_match_tickets", "queue_hourly", "n_tickets", ["2026-10-31"]),
        (
            "hotline_page_rollups_match_calls",
            "hotline_interval",
            "n_offered",
            ["2026-10-30", "2026-10-31"],
        ),
    ],
)
def test_invariants_catch_a_broken_rollup(handmade, invariant, table, column, days):
    assert handmade.df(sql.text(f"invariants/{invariant}")).empty
    with handmade.cursor() as cur:
        cur.execute(f"update {table} set {column} = {column} + 1 where city_id = 'SZ'")
    found = handmade.df(sql.text(f"invariants/{invariant}"))
    assert set(found["rollup"]) == {table}
    assert sorted(found["day"].astype(str)) == days


@pytest.mark.parametrize(
    ("change", "rows"),
    [
        (
            "update queue_lane_wait_hist_monthly set n = 2 where bucket_min = 30",
            [
                [
                    "queue_lane_wait_hist_monthly",
                    "2026-10-01",
                    "GD/SZ/SZ-001/community/regular/false/30",
                    1,
                    2,
                ]
            ],
        ),
        (
            "update queue_city_hourly set n_tickets = 3 where city_id = 'SZ'",
            [["queue_city_hourly", "2026-10-31", "11/GD/SZ/regular", 2, 3]],
        ),
        # the tier-by-hour copy: GZ-001 (flagship) issued two regular tickets at 09:00 on 30 Oct
        (
            "update queue_tier_hourly set n_tickets = 3 where hour = 9",
            [["queue_tier_hourly", "2026-10-30", "9/flagship/regular", 2, 3]],
        ),
        # the minutes moved, the count did not: the wait left one bucket for another
        (
            "update queue_lane_wait_hist_city set bucket_min = 31 where bucket_min = 30",
            [
                ["queue_lane_wait_hist_city", "2026-10-31", "GD/SZ/regular/false/30", 1, None],
                ["queue_lane_wait_hist_city", "2026-10-31", "GD/SZ/regular/false/31", None, 1],
            ],
        ),
        # queue_wait_hist no longer sums the lanes, and its own copies no longer sum it
        (
            "update queue_wait_hist set n = 0 where bucket_min = 30",
            [
                ["queue_wait_hist", "2026-10-31", "GD/SZ/SZ-001/community/regular/30", 1, 0],
                ["queue_wait_hist_city", "2026-10-31", "GD/SZ/30", 0, 1],
                ["queue_wait_hist_city_segment_monthly", "2026-10-01", "GD/SZ/regular/30", 0, 1],
                ["queue_wait_hist_hall_monthly", "2026-10-01", "GD/SZ/SZ-001/community/30/1", 0, 1],
                [
                    "queue_wait_hist_hall_segment_monthly",
                    "2026-10-01",
                    "GD/SZ/SZ-001/community/regular/30/1",
                    0,
                    1,
                ],
            ],
        ),
    ],
)
def test_copy_invariant_catches_a_copy_that_does_not_add_up(handmade, change, rows):
    assert violations(handmade, "copies_add_up").empty
    with handmade.cursor() as cur:
        cur.execute(change)
    found = violations(handmade, "copies_add_up")
    found = found.assign(day=found["day"].astype(str)).astype(object)
    found = found.where(found.notna(), None)
    columns = ["copy", "day", "unit", "base_value", "copy_value"]
    assert found[columns].values.tolist() == rows


def test_invariant_catches_a_missing_histogram_day(handmade):
    with handmade.cursor() as cur:
        cur.execute("delete from queue_lane_wait_hist where day = date '2026-10-31'")
    found = handmade.df(sql.text("invariants/queue_page_rollups_match_tickets"))
    assert found["rollup"].tolist() == ["queue_lane_wait_hist"]
    assert found["fact_count"].tolist() == [2]  # two called tickets, none in the histogram
    assert found["rollup_count"].isna().all()
