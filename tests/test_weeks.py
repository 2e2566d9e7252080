"""A week starts on Monday on every page: pulse.weeks, the trends' week buckets, and DuckDB's
date_trunc('week') that the histogram queries use."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from pulse import filters, weeks
from pulse.queues import data as queues
from pulse.trends import data as trends

# Sunday 1 Nov 2026 closes the week that began on Monday 26 Oct; Monday 2 Nov opens the next
DAYS = pd.Series(pd.to_datetime(["2026-10-26", "2026-10-27", "2026-11-01", "2026-11-02"]))
MONDAYS = ["2026-10-26", "2026-10-26", "2026-10-26", "2026-11-02"]


def _iso(stamps: pd.Series) -> list[str]:
    return [s.date().isoformat() for s in stamps]


def test_a_week_starts_on_monday():
    assert _iso(weeks.week_start(DAYS)) == MONDAYS
    assert {s.weekday() for s in weeks.week_start(DAYS)} == {0}


def test_trend_buckets_and_duckdb_agree():
    assert _iso(trends.bucket_of(DAYS, "week")) == MONDAYS
    query = "select cast(date_trunc('week', d) as date) as w from unnest($days) as t(d)"
    found = duckdb.sql(query, params={"days": [d.date() for d in DAYS]}).fetchall()
    assert [w.isoformat() for (w,) in found] == MONDAYS


def test_the_queues_weekly_trend_runs_monday_to_sunday():
    period = filters.Period(dt.date(2026, 9, 1), dt.date(2026, 11, 2))  # past 45 days: weeks
    days = pd.date_range("2026-10-26", "2026-11-02")
    daily = pd.DataFrame(
        {
            "period": "cur",
            "day": days,
            "queue_tickets__numerator": 1.0,
        }
    )
    line = queues.trend(daily, "queue_tickets", period)
    # Monday 26 Oct to Sunday 1 Nov is one week of seven tickets; Monday 2 Nov starts the next
    assert _iso(line["bucket"]) == ["2026-10-26", "2026-11-02"]
    assert line["value"].tolist() == [7.0, 1.0]
