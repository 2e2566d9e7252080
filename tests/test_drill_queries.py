"""The drill's path, its levels and the record and hall queries on the hand-made store."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pulse import catalog, dimensions, filters, sql
from pulse.drill import data as drill
from pulse.drill import hall_profile
from pulse.filters import Filter

TWO_DAYS = Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
PERIOD = filters.resolve(TWO_DAYS, dt.date(2026, 10, 31))


def test_the_path_goes_down_and_back_up():
    path = drill.Path()
    assert path.level == "company"
    path = path.down("GD").down("SZ").down("SZ-001").down("tickets").down("5")
    assert (path.level, path.to_param()) == ("record", "GD/SZ/SZ-001/tickets/5")
    assert path.up_to("city") == drill.Path("GD", "SZ")
    assert path.up_to("records").to_param() == "GD/SZ/SZ-001/tickets"
    assert path.up_to("company").to_param() == ""
    calls = drill.Path("GD", "SZ").down("calls")
    assert (calls.level, calls.to_param()) == ("records", "GD/SZ//calls")


def test_the_path_narrows_the_filter():
    f = drill.Path("GD", "SZ", "SZ-001").scope(TWO_DAYS.with_(segments=("gold",)))
    assert (f.provinces, f.cities, f.halls, f.segments) == (
        ("GD",),
        ("SZ",),
        ("SZ-001",),
        ("gold",),
    )


@pytest.mark.parametrize(
    ("text", "param", "dropped"),
    [
        ("GD/SZ/SZ-001/tickets/5", "GD/SZ/SZ-001/tickets/5", []),
        ("GD/SZ//calls", "GD/SZ//calls", []),
        ("GD/GZ/SZ-001", "GD/GZ", ["SZ-001"]),  # the hall is not in that city
        ("XX/SZ", "", ["XX"]),
        ("GD/SZ/SZ-001/calls", "GD/SZ/SZ-001", ["calls"]),  # calls have no hall
        ("GD/SZ/SZ-001/tickets/1;drop", "GD/SZ/SZ-001/tickets", ["1;drop"]),
        ("", "", []),
    ],
)
def test_a_path_from_a_link_is_checked(handmade, text, param, dropped):
    path, gone = drill.parse(text, dimensions.load(handmade))
    assert (path.to_param(), gone) == (param, dropped)


def test_children_carry_values_and_status(handmade):
    dims = dimensions.load(handmade)
    metric = catalog.metric("queue_tickets")
    rows = drill.children(handmade, metric, TWO_DAYS, PERIOD, drill.Path("GD"), dims)
    assert rows.sort_values("unit")[["unit", "value", "n"]].values.tolist() == [
        ["GZ", 4.0, 4.0],
        ["SZ", 2.0, 2.0],
    ]
    halls = drill.children(handmade, metric, TWO_DAYS, PERIOD, drill.Path("GD", "GZ"), dims)
    assert halls[["unit", "value"]].values.tolist() == [["GZ-001", 4.0]]


def test_a_category_narrows_complaint_figures(handmade):
    metric = catalog.metric("complaints_count")
    found = drill.values_by(handmade, metric, TWO_DAYS, PERIOD, ("city_id",), "billing")
    # C2 (GZ, billing) and C3 (SZ, billing); C1 is a network complaint
    assert found.sort_values("city_id")[["city_id", "value"]].values.tolist() == [
        ["GZ", 1.0],
        ["SZ", 1.0],
    ]
    page = drill.record_page(handmade, "complaints", TWO_DAYS, PERIOD, 0, "network")
    assert (page.total, page.rows["complaint_id"].tolist()) == (1, ["C1"])


def test_one_record_and_the_survey_that_followed_it(handmade):
    row, linked = drill.record(handmade, "tickets", "1", Filter())
    assert (row["branch_id"], row["wait_s"], row["service_s"], row["outcome"]) == (
        "GZ-001",
        300.0,
        600.0,
        "served",
    )
    assert linked[["response_id", "score_overall", "comment"]].values.tolist() == [
        [1001, 9, "服务很好"]
    ]
    complaint, _ = drill.record(handmade, "complaints", "C3", Filter())
    assert (complaint["category"], complaint["is_on_time"]) == ("billing", False)
    assert drill.record(handmade, "calls", "999", Filter())[0] is None


def test_hall_hours_by_weekday_and_hour(handmade):
    query = "drill/hall_hours"
    rows = handmade.df(
        sql.text(query),
        {
            "hall": "GZ-001",
            "tier": "flagship",
            "day_from": dt.date(2026, 10, 30),
            "day_to": dt.date(2026, 10, 31),
            "segments": [],
        },
    )
    # Friday 30 Oct: 09:00 tickets 1 and 2 (waits 300 and 900 s); 10:00 ticket 3 (60 s) and
    # ticket 4, which walked away. GZ-001 is the only flagship hall, so its tier is itself.
    assert rows[
        ["weekday", "hour", "is_hall", "n_tickets", "n_called", "n_walked_away", "n_within_10min"]
    ].values.tolist() == [
        [5, 9, True, 2, 2, 0, 1],
        [5, 9, False, 2, 2, 0, 1],
        [5, 10, True, 2, 1, 1, 1],
        [5, 10, False, 2, 1, 1, 1],
    ]
    gold = handmade.df(
        sql.text(query),
        {
            "hall": "GZ-001",
            "tier": "flagship",
            "day_from": dt.date(2026, 10, 30),
            "day_to": dt.date(2026, 10, 31),
            "segments": ["gold"],
        },
    )
    assert gold[["hour", "is_hall", "n_tickets"]].values.tolist() == [[10, True, 1], [10, False, 1]]


def test_open_complaints_and_latest_comments(handmade):
    found = hall_profile.open_complaints(handmade, "GZ-001", dt.date(2026, 10, 31))
    # C2: received 30 Oct 09:00, due 1 Nov 09:00: open and not yet due at the end of the 31st
    assert found[["complaint_id", "category", "is_overdue", "age_h"]].values.tolist() == [
        ["C2", "billing", False, 39.0]
    ]
    later = hall_profile.open_complaints(handmade, "GZ-001", dt.date(2026, 11, 2))
    assert later["is_overdue"].tolist() == [True]
    comments = hall_profile.comments(handmade, "GZ-001", TWO_DAYS, PERIOD)
    assert comments[["response_id", "comment"]].values.tolist() == [
        [1002, "等太久了"],
        [1001, "服务很好"],
    ]
    mzone = hall_profile.comments(handmade, "GZ-001", TWO_DAYS.with_(brands=("mzone",)), PERIOD)
    assert mzone["response_id"].tolist() == [1002]


def test_the_hall_profile_ranks_the_hall_among_its_tier(handmade):
    dims = dimensions.load(handmade)
    profile = hall_profile.build(
        handmade, "GZ-001", TWO_DAYS.with_(halls=("GZ-001",)), PERIOD, dt.date(2026, 10, 31), dims
    )
    rows = profile.metrics.set_index("metric_id")
    assert rows.loc[
        "queue_tickets", ["value", "peer_value", "peer_rank", "peer_count"]
    ].tolist() == [
        4.0,
        4.0,
        1.0,
        1,
    ]  # the only flagship hall
    assert "hotline_answer_rate" in profile.city_only
    assert isinstance(profile.worst_hours, pd.DataFrame)
