"""Trend series, events, targets and industry figures on the hand-made store, against values
worked out by hand from its six tickets (see tests/fixtures/handmade)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pulse import catalog, events, filters, rollups
from pulse.filters import Filter
from pulse.trends import data as trends

TWO_DAYS = Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
PERIOD = filters.resolve(TWO_DAYS, dt.date(2026, 10, 31))


def lines(store, metrics, split="none", grain="day"):
    found = trends.build(
        store, metrics, TWO_DAYS, PERIOD, grain=grain, split=split, window_choice="period"
    )
    rows = found.lines.sort_values(["metric_id", "key", "bucket"], na_position="first")
    return [
        [r.metric_id, r.key, r.bucket.date().isoformat(), round(r.value, 4), r.n]
        for r in rows.itertuples()
    ]


def add_tickets(store, tickets) -> None:
    """Regular billing tickets (id, hall, day), each issued at 09:00 and called a minute
    later, and the rollups of their days rebuilt."""
    values = ", ".join(
        f"({ticket}, '{hall}', '{day} 09:00:00', '{day} 09:01:00', '{day} 09:01:00', "
        f"'{day} 09:05:00', 'billing', 'regular', false, 'served')"
        for ticket, hall, day in tickets
    )
    days = sorted(dt.date.fromisoformat(day) for _, _, day in tickets)
    with store.cursor() as cur:
        cur.execute(f"insert into queue_ticket values {values}")
        for rollup in rollups.for_table("queue_ticket"):
            rollups.refresh(cur, rollup, days[0], days[-1])
    store.loaded()


def test_daily_lines_split_by_segment(handmade):
    # GZ-001 on the 30th: tickets 1, 2, 4 regular (4 walked away), 3 gold; waits 300, 900
    # and 60 s. SZ-001 on the 31st: tickets 5 and 6, regular, waits 480 and 1800 s.
    assert lines(handmade, ["queue_tickets", "queue_within_10min"], split="segment") == [
        ["queue_tickets", None, "2026-10-30", 4.0, 4.0],
        ["queue_tickets", None, "2026-10-31", 2.0, 2.0],
        ["queue_tickets", "gold", "2026-10-30", 1.0, 1.0],
        ["queue_tickets", "regular", "2026-10-30", 3.0, 3.0],
        ["queue_tickets", "regular", "2026-10-31", 2.0, 2.0],
        ["queue_within_10min", None, "2026-10-30", 0.6667, 3.0],
        ["queue_within_10min", None, "2026-10-31", 0.5, 2.0],
        ["queue_within_10min", "gold", "2026-10-30", 1.0, 1.0],
        ["queue_within_10min", "regular", "2026-10-30", 0.5, 2.0],
        ["queue_within_10min", "regular", "2026-10-31", 0.5, 2.0],
    ]


def test_quantile_lines_are_bucketed_in_sql(handmade):
    # the 30th: minute buckets 1, 5 and 15; 90% of 3 = 2.7 falls 0.7 into bucket 15 -> 15.7 min.
    # the 31st: buckets 8 and 30; 90% of 2 = 1.8 falls 0.8 into bucket 30 -> 30.8 min.
    assert lines(handmade, ["queue_wait_p90"]) == [
        ["queue_wait_p90", None, "2026-10-30", 942.0, 3.0],
        ["queue_wait_p90", None, "2026-10-31", 1848.0, 2.0],
    ]


def test_a_week_holds_both_days_and_is_marked_partial(handmade):
    found = trends.build(
        handmade, ["queue_within_10min"], TWO_DAYS, PERIOD, grain="week", window_choice="period"
    )
    line = found.line("queue_within_10min")
    assert line[["value", "n", "x", "size"]].values.tolist() == [[0.6, 5.0, 3.0, 5.0]]
    assert line["bucket"].dt.date.tolist() == [dt.date(2026, 10, 26)]
    assert line["partial"].tolist() == [True]  # Monday 26th .. Sunday 1 Nov, only 2 days in


def test_a_counts_exposure_is_the_days_of_its_bucket_with_or_without_a_case(handmade):
    # C1 and C2 in Guangzhou on the 30th, C3 in Shenzhen on the 31st: split by city, each
    # city has a case on one of the two days, and each point's exposure is both days (a
    # day without a complaint is a day of zero, not a day left out)
    found = trends.build(
        handmade,
        ["complaints_count"],
        TWO_DAYS,
        PERIOD,
        grain="week",
        split="city",
        window_choice="period",
    )
    rows = found.lines.sort_values("key", na_position="first")
    assert rows[["key", "x", "size"]].values.tolist() == [
        [None, 3.0, 2.0],
        ["GZ", 2.0, 2.0],
        ["SZ", 1.0, 2.0],
    ]
    # by day: one day each
    daily = trends.build(
        handmade, ["complaints_count"], TWO_DAYS, PERIOD, grain="day", window_choice="period"
    ).line("complaints_count")
    assert daily[["x", "size"]].values.tolist() == [[2.0, 1.0], [1.0, 1.0]]


def test_metrics_that_cannot_split_say_so(handmade):
    found = trends.build(
        handmade,
        ["hotline_answer_rate", "queue_tickets"],
        TWO_DAYS,
        PERIOD,
        grain="day",
        split="tier",
        window_choice="period",
    )
    assert found.unsplit == {"hotline_answer_rate": "tier"}
    # largest n first: GZ-001 (flagship) issued 4 tickets, SZ-001 (community) 2
    assert found.keys("queue_tickets") == ["flagship", "community"]


def test_the_window_reaches_back_whole_months():
    period = filters.Period(dt.date(2026, 10, 2), dt.date(2026, 10, 31))
    assert trends.window(period, "12m") == (dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    assert trends.window(period, "period") == (dt.date(2026, 10, 2), dt.date(2026, 10, 31))
    with pytest.raises(ValueError):
        trends.window(period, "forever")
    assert trends.default_grain(dt.date(2026, 8, 1), dt.date(2026, 10, 31)) == "day"
    assert trends.default_grain(dt.date(2025, 11, 1), dt.date(2026, 10, 31)) == "week"
    assert trends.default_grain(dt.date(2023, 11, 1), dt.date(2026, 10, 31)) == "month"


def test_an_overlay_lies_on_the_current_axis(handmade):
    # the same two days a year earlier, one ticket each
    add_tickets(handmade, [(901, "GZ-001", "2025-10-30"), (902, "SZ-001", "2025-10-31")])
    found = trends.build(
        handmade,
        ["queue_tickets"],
        TWO_DAYS,
        PERIOD,
        grain="day",
        window_choice="period",
        overlays=("last_year",),
    )
    overlay = found.overlays["last_year"]
    rows = overlay[overlay["key"].isna()].sort_values("bucket")
    assert rows["bucket"].dt.date.tolist() == [dt.date(2026, 10, 30), dt.date(2026, 10, 31)]
    assert rows["value"].tolist() == [1.0, 1.0]


def test_events_in_the_window_and_scope(handmade):
    with handmade.cursor() as cur:
        cur.execute(
            "insert into event values "
            "('outage-sz', 'outage', '2026-10-31', '2026-10-31', 'SZ', null, 'SZ outage', "
            "'深圳故障', null, null), "
            "('holiday', 'holiday', '2026-10-01', '2026-10-07', null, null, 'National Day', "
            "'国庆', null, null), "
            "('old', 'initiative', '2025-01-01', '2025-01-01', 'GZ', null, 'Old', '旧', null, null)"
        )
    everything = events.in_window(handmade, TWO_DAYS, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert everything["event_id"].tolist() == ["holiday", "outage-sz"]
    guangzhou = events.in_window(
        handmade, TWO_DAYS.with_(cities=("GZ",)), dt.date(2026, 10, 1), dt.date(2026, 10, 31)
    )
    assert guangzhou["event_id"].tolist() == ["holiday"]


def test_targets_step_by_year_and_industry_rows(handmade):
    with handmade.cursor() as cur:
        cur.execute(
            "insert into target values "
            "('sat_index', 'company', 'all', 2025, 80, 2, 'plan 2025'), "
            "('sat_index', 'company', 'all', 2026, 81, 2, 'plan 2026'), "
            "('sat_index', 'city', 'GZ', 2026, 83, 2, 'GZ plan')"
        )
        cur.execute(
            "insert into benchmark values "
            "('sat_index', 'China Mobile', '中国移动', 'mobile', '2017', '2017-01-01', 78.6, "
            "'TCSI 2017', 2017, null), "
            "('sat_index', 'China Telecom', '中国电信', 'fixed', '2017', '2017-01-01', 77.7, "
            "'TCSI 2017', 2017, null)"
        )
    metric = catalog.metric("sat_index")
    steps = trends.target_steps(handmade, metric, dt.date(2025, 11, 1), dt.date(2026, 10, 31), {})
    assert steps[["value", "level", "source"]].values.tolist() == [
        [80.0, "company", "plan 2025"],
        [81.0, "company", "plan 2026"],
    ]
    assert steps["starts_on"].dt.date.tolist() == [dt.date(2025, 11, 1), dt.date(2026, 1, 1)]
    city = trends.target_steps(
        handmade, metric, dt.date(2026, 1, 1), dt.date(2026, 10, 31), {"city": "GZ"}
    )
    assert city[["value", "level"]].values.tolist() == [[83.0, "city"]]
    rows = trends.industry(handmade, "sat_index")
    assert rows[["subject_en", "market", "value"]].values.tolist() == [
        ["China Mobile", "mobile", 78.6]
    ]


def test_a_month_trend_reads_the_monthly_copy_and_knows_its_first_day(handmade, monkeypatch):
    # the hand-made store's tickets: GZ-001's on 30 October, SZ-001's on the 31st; one more
    # for GZ-001 on 10 September, so October is a whole month of data
    add_tickets(handmade, [(903, "GZ-001", "2026-09-10")])
    monthly = handmade.df(
        "select branch_id, day, first_day from queue_monthly group by all order by all"
    )
    assert monthly.values.tolist() == [
        ["GZ-001", pd.Timestamp("2026-09-01"), pd.Timestamp("2026-09-10")],
        ["GZ-001", pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-30")],
        ["SZ-001", pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31")],
    ]
    read = []
    real = handmade.cached_df
    monkeypatch.setattr(handmade, "cached_df", lambda q, p=None: read.append(q) or real(q, p))

    def month_line(f):
        found = trends.build(
            handmade, ["queue_within_10min"], f, PERIOD, grain="month", window_choice="12m"
        )
        line = found.line("queue_within_10min")
        return [[r.bucket.date().isoformat(), r.value, r.n, r.partial] for r in line.itertuples()]

    # the company's data start on 10 September: September is part-period, October whole
    assert month_line(TWO_DAYS) == [
        ["2026-09-01", 1.0, 1.0, True],
        ["2026-10-01", 0.6, 5.0, False],
    ]
    # Shenzhen's hall has data from 31 October only: its October is part-period too, known
    # from the monthly copy's first day (the month's row is dated the 1st)
    assert month_line(TWO_DAYS.with_(cities=("SZ",))) == [["2026-10-01", 0.5, 2.0, True]]
    measures_queries = [q for q in read if "measures from" in q]
    assert measures_queries and all("from queue_monthly" in q for q in measures_queries)
    # by week a month's days fall in two weeks: the daily rows are read
    read.clear()
    trends.build(
        handmade, ["queue_within_10min"], TWO_DAYS, PERIOD, grain="week", window_choice="12m"
    )
    measures_queries = [q for q in read if "measures from" in q]
    assert measures_queries and not any("from queue_monthly" in q for q in measures_queries)
