"""Record drill-down: the single ticket, call, survey or complaint, filtered and paged."""

from __future__ import annotations

import datetime as dt

import pytest

from pulse import filters, records
from pulse.filters import Filter

TWO_DAYS = Filter(period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31))
PERIOD = filters.resolve(TWO_DAYS, dt.date(2026, 10, 31))


def test_tickets_newest_first_with_waits(handmade):
    page = records.fetch(handmade, "tickets", TWO_DAYS, PERIOD)
    assert page.total == 6
    rows = page.rows[["ticket_id", "wait_s", "outcome"]].fillna({"wait_s": -1})
    assert rows.values.tolist()[:3] == [
        [6, 1800.0, "transferred"],
        [5, 480.0, "served"],
        [4, -1.0, "walked_away"],
    ]


def test_paging_and_scope(handmade):
    f = TWO_DAYS.with_(halls=("GZ-001",))
    first = records.fetch(handmade, "tickets", f, PERIOD, page_size=3)
    second = records.fetch(handmade, "tickets", f, PERIOD, page=1, page_size=3)
    assert (first.total, first.pages) == (4, 2)
    assert first.rows["ticket_id"].tolist() == [4, 3, 2]
    assert second.rows["ticket_id"].tolist() == [1]
    past_the_end = records.fetch(handmade, "tickets", f, PERIOD, page=9, page_size=3)
    assert past_the_end.page == 1


def test_calls_do_not_know_halls(handmade):
    page = records.fetch(handmade, "calls", TWO_DAYS.with_(halls=("GZ-001",)), PERIOD)
    assert page.total == 6 and page.not_applied == ("hall",)


def test_survey_comment_search_is_bound(handmade):
    page = records.fetch(handmade, "surveys", TWO_DAYS, PERIOD, search="太久")
    assert page.rows["response_id"].tolist() == [1002]
    nothing = records.fetch(handmade, "surveys", TWO_DAYS, PERIOD, search="%' or 1=1 --")
    assert nothing.total == 0


def test_complaint_timeline(handmade):
    rows = records.fetch(
        handmade, "complaints", TWO_DAYS.with_(channels=("regulator",)), PERIOD
    ).rows
    row = rows.iloc[0]
    assert (row["complaint_id"], row["is_on_time"], row["resolution_h"]) == ("C3", False, 12.0)


# Every record joined to its hall and city first, then filtered: what the scope must select.
_JOINED = {
    "tickets": (
        "select t.ticket_id as id, t.issued_at as ts from queue_ticket as t "
        "join branch as b using (branch_id) join city as c on b.city_id = c.city_id",
        {
            "province": "c.province_id",
            "city": "b.city_id",
            "hall": "t.branch_id",
            "segment": "t.segment",
        },
    ),
    "calls": (
        "select h.call_id as id, h.arrived_at as ts from hotline_call as h "
        "join city as c using (city_id)",
        {"province": "c.province_id", "city": "h.city_id", "segment": "h.segment"},
    ),
    "complaints": (
        "select m.complaint_id as id, m.received_at as ts from complaint as m "
        "join city as c using (city_id)",
        {
            "province": "c.province_id",
            "city": "m.city_id",
            "hall": "m.branch_id",
            "segment": "m.segment",
            "brand": "m.brand",
            "channel": "m.channel",
        },
    ),
}
_ID = {"tickets": "ticket_id", "calls": "call_id", "complaints": "complaint_id"}


@pytest.mark.parametrize("family", sorted(_JOINED))
@pytest.mark.parametrize(
    "scope",
    [
        {"provinces": ("GD",)},
        {"cities": ("SZ",)},
        {"cities": ("SZ",), "halls": ("SZ-001", "SZ-002")},
        {"segments": ("gold", "diamond", "silver")},
        {"provinces": ("GD",), "segments": ("regular",)},
    ],
    ids=["province", "cities", "halls", "segments", "province-and-segment"],
)
def test_scope_on_the_facts_selects_what_joining_first_selects(tiny, family, scope):
    f = Filter(period="last_90", **scope)
    period = filters.resolve(f, dt.date(2026, 10, 31))
    query, columns = _JOINED[family]
    where, params, _ = filters.conditions(f, columns)
    expected = tiny.df(
        f"select id from ({query} where true {where}) "
        "where ts >= $day_from and ts < $day_to + interval 1 day order by ts desc, id desc",
        {**params, "day_from": period.start, "day_to": period.end},
    )["id"].tolist()
    page = records.fetch(tiny, family, f, period, page=1, page_size=5)
    assert len(expected) > 10  # a real selection, cut into pages
    assert page.total == len(expected)
    assert page.rows[_ID[family]].tolist() == expected[5:10]
