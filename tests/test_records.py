"""Record drill-down: the single ticket, call, survey or complaint, filtered and paged."""

from __future__ import annotations

import datetime as dt

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
