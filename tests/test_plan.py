"""Choosing the coarsest rollup copy that can answer, and cutting periods into whole months."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pulse import catalog, filters, histograms, measures, plan, rollups, sql
from tests.test_queries import EXPECTED_ALL, TWO_DAYS, metric_values

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "months", "days"),
    [
        (D(2026, 10, 2), D(2026, 10, 31), [], [(D(2026, 10, 2), D(2026, 10, 31))]),
        (D(2026, 10, 1), D(2026, 10, 31), [(D(2026, 10, 1), D(2026, 10, 1))], []),
        (D(2025, 11, 1), D(2026, 10, 31), [(D(2025, 11, 1), D(2026, 10, 1))], []),
        (
            D(2026, 1, 15),
            D(2026, 3, 10),
            [(D(2026, 2, 1), D(2026, 2, 1))],
            [(D(2026, 1, 15), D(2026, 1, 31)), (D(2026, 3, 1), D(2026, 3, 10))],
        ),
        (D(2024, 2, 1), D(2024, 2, 29), [(D(2024, 2, 1), D(2024, 2, 1))], []),
        (D(2026, 1, 1), D(2026, 1, 30), [], [(D(2026, 1, 1), D(2026, 1, 30))]),
    ],
)
def test_split_into_whole_months_and_leftover_days(start, end, months, days):
    assert plan.split(start, end) == (months, days)


@pytest.mark.parametrize(
    ("needed", "by_day", "table"),
    [
        (set(), False, "queue_monthly_city"),
        ({"city_id"}, False, "queue_monthly_city"),
        ({"city_id"}, True, "queue_daily_city"),
        ({"branch_id"}, False, "queue_monthly"),
        ({"branch_id"}, True, "queue_daily"),
    ],
)
def test_the_coarsest_copy_that_keeps_what_is_needed(needed, by_day, table):
    assert plan.choose(catalog.rollup("queue_daily"), needed, by_day).table == table


@pytest.mark.parametrize(
    ("needed", "by_day", "table"),
    [
        ({"category"}, False, "complaint_monthly_category"),
        ({"category", "channel", "severity"}, True, "complaint_daily_category"),
        ({"category", "city_id"}, False, "complaint_monthly_city"),
        ({"segment"}, True, "complaint_daily_city"),
        ({"branch_id"}, False, "complaint_monthly"),
    ],
)
def test_company_wide_complaints_read_the_copy_without_cities(needed, by_day, table):
    assert plan.choose(catalog.rollup("complaint_daily"), needed, by_day).table == table


def test_month_pieces_take_their_edges_from_the_smallest_daily_copy():
    rollup = catalog.rollup("survey_daily")
    variant = plan.choose(rollup, set(), False)
    pieces = plan.pieces(
        rollup, variant, {"cur": (D(2026, 1, 15), D(2026, 3, 10)), "cmp": (None, None)}, set()
    )
    assert [(p.period, p.table) for p in pieces] == [
        ("cur", "survey_monthly_city"),
        ("cur", "survey_daily_city"),
        ("cur", "survey_daily_city"),
        ("cmp", "survey_daily_city"),
    ]


@pytest.mark.parametrize(
    "f",
    [
        TWO_DAYS.with_(start=D(2026, 10, 1)),  # a whole month: the monthly copies answer
        TWO_DAYS.with_(start=D(2026, 9, 15), end=D(2026, 11, 12)),  # month plus edges
    ],
    ids=["whole-month", "month-and-edges"],
)
def test_copies_give_the_same_values_as_the_daily_rollups(handmade, f):
    got = metric_values(handmade, f)
    for metric_id, (value, n) in EXPECTED_ALL.items():
        if catalog.metric(metric_id).kind == "rate":
            continue  # the exposure grows with the period; checked in test_queries
        assert got[metric_id]["value"] == pytest.approx(value), metric_id
        assert got[metric_id]["n"] == n, metric_id


@pytest.mark.parametrize(
    ("base", "variant"),
    [(b, v.table) for b, vs in catalog.variants().items() for v in vs],
)
def test_every_copy_holds_the_same_totals_as_its_base(tiny, base, variant):
    typed = tiny.df(sql.text("rollups/table_columns"), {"table": base})
    columns = rollups.split_columns(base, list(typed.itertuples(index=False)))[1]
    sums = ", ".join(f"sum({c}) as {c}" for c in columns)
    month = "date_trunc('month', day)"
    query = f"select {month} as m, {sums} from {{t}} group by all order by m"
    left, right = tiny.df(query.format(t=base)), tiny.df(query.format(t=variant))
    assert len(left) > 0
    assert left["m"].equals(right["m"])
    numbers = list(columns)
    assert left[numbers].round(6).equals(right[numbers].round(6))


@pytest.mark.parametrize("scope", [{}, {"cities": ("SZ",), "halls": ("SZ-001", "SZ-002")}])
def test_days_from_monthly_copies_add_up_to_the_same_months(tiny, scope):
    # the Overview's year-long sparkline reads whole months from the monthly copies
    f = filters.Filter(period="ytd", compare="last_year", **scope)
    period = filters.resolve(f, D(2026, 10, 31))
    metrics = [
        catalog.metric(m) for m in ("queue_within_10min", "sat_index", "complaints_per_million")
    ]
    by_day = measures.fetch(tiny, metrics, f, period, [("day",)])[("day",)]
    mixed = measures.fetch(tiny, metrics, f, period, [("day",)], months_ok=True)[("day",)]
    # whole months came as one row each (the subscriber exposure stays daily)
    sums = "queue_within_10min__numerator"
    assert mixed[sums].notna().sum() < by_day[sums].notna().sum()

    def monthly(raw):
        raw = raw.assign(month=pd.to_datetime(raw["day"]).dt.to_period("M")).drop(columns="day")
        return measures.regroup(raw, ["month"]).set_index(["period", "month"]).sort_index()

    expected, got = monthly(by_day), monthly(mixed)
    assert list(got.index) == list(expected.index)
    assert set(got.columns) == set(expected.columns)
    for column in expected.columns:
        assert got[column].to_numpy() == pytest.approx(expected[column].to_numpy()), column


@pytest.mark.parametrize("grain", ["week", "month", "quarter"])
def test_days_summed_to_buckets_in_sql_match_days_summed_in_pandas(tiny, grain):
    # the Trends page's lines: a share, a mean, an NPS, a count and a per-million rate (whose
    # subscriber exposure is a query of its own), by city, over twenty months
    f = filters.Filter(period="custom", start=D(2025, 3, 5), end=D(2026, 10, 31), compare="none")
    period = filters.resolve(f, D(2026, 10, 31))
    ids = ("queue_within_10min", "queue_wait_mean", "nps", "complaints_count",
           "complaints_per_million")  # fmt: skip
    metrics = [catalog.metric(m) for m in ids]
    sets = [("day",), ("day", "city_id")]
    by_day = measures.fetch(tiny, metrics, f, period, sets)
    key = histograms.TIME_KEYS[grain]
    by_sql = measures.fetch(
        tiny, metrics, f, period, [("bucket",), ("bucket", "city_id")], time_key=key
    )
    freq = {"week": "W-SUN", "month": "M", "quarter": "Q"}[grain]
    for days, buckets in zip(sets, by_sql, strict=True):
        raw = by_day[days]
        raw = raw.assign(bucket=pd.to_datetime(raw["day"]).dt.to_period(freq).dt.start_time)
        expected = measures.regroup(raw.drop(columns="day"), ["bucket", *days[1:]])
        got = by_sql[buckets].assign(bucket=lambda x: pd.to_datetime(x["bucket"]))
        index = ["period", *buckets]
        expected = expected.set_index(index).sort_index()
        got = got.set_index(index).sort_index()
        assert list(got.index) == list(expected.index)
        # every measure of every rollup, and each rollup's first day in the bucket
        assert set(got.columns) == set(expected.columns) | {
            "queue_daily__first_day", "survey_daily__first_day", "complaint_daily__first_day"
        }  # fmt: skip
        for column in expected.columns:
            assert got[column].to_numpy(dtype=float) == pytest.approx(
                expected[column].to_numpy(dtype=float), nan_ok=True
            ), column
        firsts = raw.assign(day=pd.to_datetime(raw["day"]))
        firsts = firsts[firsts["queue_within_10min__denominator"].notna()]
        first = firsts.groupby(["period", *buckets])["day"].min().sort_index()
        assert (pd.to_datetime(got["queue_daily__first_day"]).dropna() == first).all()


def test_months_and_quarters_come_from_monthly_rows_unless_a_shift_splits_a_month():
    keys = histograms.TIME_KEYS
    assert not plan.needs_days(keys["month"])
    assert not plan.needs_days(keys["quarter"])
    assert plan.needs_days(keys["week"]) and plan.needs_days(keys["day"])
    # an overlay a year or whole months back moves every day of a month into one month
    assert not plan.needs_days(keys["month"].replace("day", "(day + interval 1 year)"))
    assert not plan.needs_days(keys["quarter"].replace("day", "(day + interval 24 month)"))
    # one the window's own length back (90 days) moves a month's days into two
    assert plan.needs_days(keys["month"].replace("day", "(day + interval 90 day)"))
