"""The Complaints page's rollups and queries on the hand-made store, against rows worked out
by hand from tests/fixtures/handmade/complaint.csv (C1 resolved on time, C2 open, C3 a late
regulator repeat of the same customer)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from pulse import catalog, dimensions, filters, kpis, measures, values
from pulse.complaints import data as complaints
from pulse.complaints import lifecycle as complaint_lifecycle
from pulse.drill import data as drill
from pulse.filters import Filter
from pulse.i18n import set_language
from pulse.ui import codes
from tests.conftest import AS_OF, PERIOD, TWO_DAYS
from tests.test_invariants import violations


def test_subcategory_rollup_rows(handmade):
    rows = handmade.df(
        "select cast(day as varchar) as day, channel, subcategory_id, n_complaints, "
        "n_escalated, n_repeat, n_decided, n_ontime, n_return_visit_ontime, "
        "n_return_satisfied_ontime, n_return_visit_late, n_return_satisfied_late "
        "from complaint_subcategory_daily order by day, channel"
    ).values.tolist()
    assert rows == [
        ["2026-10-30", "hall", "billing_overcharge", 1, 0, 0, 0, 0, 0, 0, 0, 0],  # open
        ["2026-10-30", "hotline", "network_signal", 1, 0, 0, 1, 1, 1, 1, 0, 0],
        ["2026-10-31", "regulator", "billing_overcharge", 1, 1, 1, 1, 0, 0, 0, 1, 0],  # late
    ]


def test_first_response_hist_rows(handmade):
    rows = handmade.df(
        "select cast(day as varchar) as day, channel, bucket_h, n "
        "from complaint_response_hist order by day, channel"
    ).values.tolist()
    assert rows == [
        ["2026-10-30", "hall", 4, 1],
        ["2026-10-30", "hotline", 2, 1],
        ["2026-10-31", "regulator", 1, 1],
    ]


def test_backlog_is_the_open_complaint_at_the_extract_date(handmade):
    rows = handmade.df(
        "select cast(as_of as varchar) as as_of, branch_id, tier, category, severity, "
        "age_bucket_d, is_overdue, is_due_24h, n_open from complaint_backlog"
    ).values.tolist()
    # C2 was received 39 hours before the end of the extract and is due 9 hours after it
    assert rows == [
        ["2026-11-01 00:00:00", "GZ-001", "flagship", "billing", "high", 0, False, True, 1]
    ]
    frame, not_applied = complaint_lifecycle.backlog(handmade, TWO_DAYS.with_(cities=("SZ",)))
    assert frame.empty and not_applied == []


def test_pareto_of_categories_and_of_one_categorys_subcategories(handmade):
    frame, not_applied = complaints.pareto(handmade, TWO_DAYS, PERIOD)
    assert not_applied == []
    assert frame[["key", "n", "share", "cum_share"]].values.tolist() == [
        ["billing", 2.0, pytest.approx(2 / 3), pytest.approx(2 / 3)],
        ["network", 1.0, pytest.approx(1 / 3), pytest.approx(1.0)],
    ]
    sub, _ = complaints.pareto(handmade, TWO_DAYS, PERIOD, "billing")
    assert sub[["key", "n"]].values.tolist() == [["billing_overcharge", 2.0]]
    nothing, _ = complaints.pareto(handmade, TWO_DAYS, PERIOD, "attitude")
    assert nothing.empty


def test_pareto_tests_the_change_in_daily_rate(handmade):
    f = Filter(period="custom", start=dt.date(2026, 10, 31), end=dt.date(2026, 10, 31))
    period = filters.resolve(f, AS_OF)  # compared with 30 October
    frame, _ = complaints.pareto(handmade, f, period)
    assert frame[["key", "n", "cmp_n", "change"]].values.tolist() == [["billing", 1.0, 1.0, 0.0]]
    assert frame["p_value"].iloc[0] == pytest.approx(1.0)


def test_channels(handmade):
    frame = complaints.channels(handmade, TWO_DAYS, PERIOD)
    counts = frame[frame["metric_id"] == "complaints_count"].set_index("channel")["value"]
    assert counts.to_dict() == {"hall": 1.0, "hotline": 1.0, "regulator": 1.0}
    escalated = frame[frame["metric_id"] == "complaint_escalation_rate"].set_index("channel")
    assert escalated.loc["regulator", "value"] == 1.0 and escalated.loc["hall", "value"] == 0.0


def test_trend_by_day_and_category(handmade):
    frame, grain = complaints.trend(handmade, TWO_DAYS, PERIOD)
    assert grain == "D"
    rows = frame.assign(bucket=frame["bucket"].dt.strftime("%m-%d")).values.tolist()
    assert rows == [["10-30", "billing", 1.0], ["10-30", "network", 1.0], ["10-31", "billing", 1.0]]


def test_return_visits_by_handling(handmade):
    frame, p = complaint_lifecycle.return_by_handling(handmade, TWO_DAYS, PERIOD)
    assert frame[["handling", "n", "n_satisfied", "share"]].values.tolist() == [
        ["ontime", 1.0, 1.0, 1.0],
        ["late", 1.0, 0.0, 0.0],
    ]
    assert 0 < p < 1


def test_distribution_of_first_response_hours(handmade):
    frame, quantiles = complaint_lifecycle.distribution(
        handmade, TWO_DAYS, PERIOD, "first_response"
    )
    assert frame.loc[frame["n"] > 0, ["from_h", "to_h", "n"]].values.tolist() == [
        [1, 2, 1.0],
        [2, 3, 1.0],
        [4, 5, 1.0],
    ]
    median = quantiles.set_index("metric_id").loc["complaint_first_response_median_h"]
    # the 1.5th of three responses falls halfway into the 2-hour bucket
    assert median["value"] == pytest.approx(2.5) and median["n"] == 3


def test_outcomes_by_severity(handmade):
    frame = complaint_lifecycle.by(handmade, TWO_DAYS, PERIOD, "severity")
    ontime = frame[frame["metric_id"] == "complaint_ontime_rate"].set_index("severity")
    assert ontime["n"].to_dict() == {"low": 1.0, "medium": 1.0, "high": 0.0}
    assert ontime.loc["low", "value"] == 1.0 and ontime.loc["medium", "value"] == 0.0


def test_customer_history_and_timeline(handmade):
    history = complaint_lifecycle.history(
        handmade, "k1", pd.Timestamp("2026-10-31 12:00"), filters.Filter()
    )
    assert history[["complaint_id", "is_repeat", "is_on_time"]].values.tolist() == [
        ["C1", False, True],
        ["C3", True, False],
    ]
    row = history.iloc[1].to_dict()
    steps = complaint_lifecycle.timeline(row)
    assert steps[["step", "hours"]].values.tolist() == [
        ["received_at", 0.0],
        ["first_response_at", 1.0],
        ["due_at", 2.0],
        ["resolved_at", 12.0],
    ]


def test_age_labels():
    assert [complaint_lifecycle.age_label(b) for b in complaint_lifecycle.AGE_BUCKETS_D] == [
        "0–2",
        "3–5",
        "6–10",
        "11–15",
        "16–30",
        "31+",
    ]


def test_attitude_funnel_on_the_tiny_store(tiny):
    f = Filter(period="last_90", compare="none")
    frame = complaints.attitude_by_hall(tiny, f, filters.resolve(f, AS_OF))
    assert len(frame) == 4  # one hall per tier
    assert (frame["n_tickets"] > 0).all()
    overall = frame["n_attitude"].sum() / (frame["n_tickets"].sum() / complaints.TICKETS_PER)
    assert frame["overall"].iloc[0] == pytest.approx(overall)
    assert (frame["limit_high_998"] >= frame["limit_high_95"]).all()
    assert (frame["low"] <= frame["rate"]).all() and (frame["rate"] <= frame["high"]).all()


def test_the_generated_outage_tops_the_pareto_of_its_city(tiny):
    # tiny's outage: Shenzhen 2026-10-20..22 (sample_data, event outage-sz-20261020)
    week = Filter(
        period="custom", start=dt.date(2026, 10, 20), end=dt.date(2026, 10, 26), cities=("SZ",)
    )
    period = filters.resolve(week, AS_OF)
    frame, _ = complaints.pareto(tiny, week, period)
    assert frame["key"].iloc[0] == "network"
    assert frame["n"].iloc[0] > frame["cmp_n"].iloc[0]  # more than in the week before
    before = frame.set_index("key")["cmp_n"]
    assert before["network"] < before.max()  # the week before, network was not on top
    sub, _ = complaints.pareto(tiny, week, period, "network")
    assert sub["key"].iloc[0] == "network_outage"
    assert sub["p_value"].iloc[0] < 0.05


def test_the_repeat_rate_counts_only_complaints_whose_customer_is_known(without_customers):
    metrics = [catalog.metric("complaint_repeat_rate"), catalog.metric("complaints_count")]
    groups = [(), ("channel",)]
    raw = measures.fetch(without_customers, metrics, TWO_DAYS, PERIOD, groups)
    total = raw[()][raw[()]["period"] == "cur"]
    parts = [f"complaint_repeat_rate__{p}" for p in ("numerator", "denominator")]
    # C3 is the one repeat among C1-C3; C4 and C5 count as complaints, not in the rate
    assert total[[*parts, "complaints_count__numerator"]].values.tolist() == [[1, 3, 5]]
    by_channel = values.evaluate(metrics, raw[("channel",)], ("channel",), PERIOD)
    rate = by_channel[by_channel["metric_id"] == "complaint_repeat_rate"].set_index("channel")
    assert rate["n"].to_dict() == {"hall": 1, "hotline": 1, "regulator": 1, "web": 0}
    assert rate.loc["regulator", "value"] == 1 and pd.isna(rate.loc["web", "value"])
    flagged = [c for c, row in rate.iterrows() if kpis.is_not_in_source(row.to_dict())]
    assert flagged == ["web"]  # n = 0 from the missing field, not from thin data
    count = by_channel[by_channel["metric_id"] == "complaints_count"].set_index("channel")
    assert not kpis.is_not_in_source(count.loc["web"].to_dict())  # it needs no field


def test_the_subcategory_rollup_counts_the_known_repeat_flags(without_customers):
    query, rollup = "complaints/by_subcategory", "complaint_subcategory_daily"
    raw, _ = complaints.run(without_customers, query, rollup, TWO_DAYS, PERIOD)
    rows = raw[raw["period"] == "cur"].sort_values("subcategory_id")
    columns = ["subcategory_id", "n_complaints", "n_repeat", "n_repeat_known"]
    assert rows[columns].values.tolist() == [
        ["billing_overcharge", 2, 1, 2],
        ["network_signal", 3, 0, 1],
    ]
    for name in ("repeat_flag_matches_history", "repeat_flag_known_with_customer"):
        assert violations(without_customers, name).empty, name


def test_a_complaint_without_a_customer_reads_as_a_record_with_no_history(without_customers):
    row, _ = drill.record(without_customers, "complaints", "C4", Filter())
    set_language("en")
    ctx = SimpleNamespace(dims=dimensions.load(without_customers), lang="en")
    words = codes.readable_row(ctx, row, "complaints")
    assert (words["complaint_id"], words["is_repeat"]) == ("C4", "—")  # not "No", not "<NA>"
    history = complaint_lifecycle.history(without_customers, None, row["received_at"], Filter())
    assert history.empty  # customer_history.sql matches no row on a null key
