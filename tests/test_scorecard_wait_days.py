"""The whole-day wait deduction: hall-days on which every hour with called tickets had a mean
wait above the promise (queue_wait_days, metric queue_days_over_promise), worked by hand on the
hand-made store and two added days, and the points a card takes off for them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pulse import catalog, filters, measures, rollups, settings
from pulse.dimensions import load as load_dims
from pulse.scorecard import data, definition, scoring
from pulse.scorecard.definition import Deduction, Rule
from tests.test_invariants import violations

# SZ-001 (a community hall): on 28 October both hours wait more than 10 minutes on average (a
# whole day over the promise); on 29 October the afternoon keeps it (not a whole day).
ADDED = [
    (101, "SZ-001", "2026-10-28 09:00:00", "2026-10-28 09:12:00"),  # 12 min
    (102, "SZ-001", "2026-10-28 10:00:00", "2026-10-28 10:20:00"),  # 20 min
    (103, "SZ-001", "2026-10-28 10:30:00", "2026-10-28 10:32:00"),  # 2 min: hour 10 mean 11
    (104, "SZ-001", "2026-10-29 09:00:00", "2026-10-29 09:25:00"),  # 25 min
    (105, "SZ-001", "2026-10-29 14:00:00", "2026-10-29 14:03:00"),  # 3 min: the promise kept
]
WAIT_DAYS = Deduction("wait_days", "queue_days_over_promise", "value", 1.5, most=2.5)


def _add_tickets(store) -> None:
    with store.cursor() as cur:
        for ticket, hall, issued, called in ADDED:
            cur.execute(
                "insert into queue_ticket by name select $ticket as ticket_id, $hall as branch_id,"
                " $issued::timestamp as issued_at, $called::timestamp as called_at,"
                " $called::timestamp as served_at,"
                " $called::timestamp + interval 5 minute as finished_at,"
                " 'billing' as service_type, 'regular' as segment,"
                " false as is_priority_lane, 'served' as outcome",
                {"ticket": ticket, "hall": hall, "issued": issued, "called": called},
            )
        rollups.refresh(cur, "queue_hourly", dt.date(2026, 10, 28), dt.date(2026, 10, 31))
        rollups.refresh(cur, "queue_wait_days", dt.date(2026, 10, 28), dt.date(2026, 10, 31))


def test_the_promise_is_the_named_setting():
    # the definitions below are worked for a 10-minute promise
    assert settings.get("promise_s") == 600


def test_whole_days_worked_by_hand(handmade):
    _add_tickets(handmade)
    found = handmade.df(
        "select branch_id, day, n_open_hours, n_hours_over_promise, n_days_open,"
        " n_days_over_promise from queue_wait_days order by branch_id, day"
    )
    assert found.astype({"day": str}).values.tolist() == [
        # hour 9 averages exactly 10 minutes (5 and 15): not above the promise; hour 10's
        # walk-away has no wait, its called ticket waited 1 minute
        ["GZ-001", "2026-10-30", 2, 0, 1, 0],
        ["SZ-001", "2026-10-28", 2, 2, 1, 1],  # hours 9 (12 min) and 10 (11 min)
        ["SZ-001", "2026-10-29", 2, 1, 1, 0],  # 14:00 kept the promise
        ["SZ-001", "2026-10-31", 1, 1, 1, 1],  # hour 11: 8 and 30 minutes, 19 on average
    ]
    assert violations(handmade, "wait_days_match_tickets").empty


def test_the_invariant_catches_a_wrong_whole_day(handmade):
    _add_tickets(handmade)
    with handmade.cursor() as cur:
        cur.execute("update queue_wait_days set n_days_over_promise = 1 where day = '2026-10-29'")
    found = violations(handmade, "wait_days_match_tickets")
    assert found[["branch_id", "expected_over", "rollup_over"]].values.tolist() == [
        ["SZ-001", 0, 1]
    ]


def test_points_deducted_per_hall_and_city(handmade):
    _add_tickets(handmade)
    dims = load_dims(handmade)
    rule = Rule("queue_within_10min", 100, "linear", target=0.9, floor=0.6)
    version = definition.Version("2026-10", (rule,), (WAIT_DAYS,))
    when = data.period(filters.Filter(), "2026-10", dims.as_of)
    got = {}
    for level, units in (("hall", ["GZ-001", "SZ-001"]), ("city", ["GZ", "SZ"])):
        values = data.fetch_values(handmade, version, level, filters.Filter(), when, units)
        scored = scoring.score(version, values, {"queue_within_10min": 0.9}, 60)
        raw = scoring.deduction(WAIT_DAYS, values["count__wait_days"])
        got[level] = pd.DataFrame({"count": values["count__wait_days"], "points": raw})
        # what is taken off stops at the points the unit earned (no total below zero)
        earned = scored.filter(like="scaled__").fillna(0.0).sum(axis=1)
        assert scored["ded__wait_days"].tolist() == np.minimum(raw, earned).tolist()
    # SZ-001: 28 and 31 October, 2 x 1.5 = 3 points, capped at 2.5; GZ-001 none
    assert got["hall"].values.tolist() == [[0.0, 0.0], [2.0, 2.5]]
    assert got["city"].values.tolist() == [[0.0, 0.0], [2.0, 2.5]]


def test_the_demo_cards_deduct_whole_days_from_october_2026():
    for card in definition.cards().values():
        october = card.version_for("2026-10")
        assert "queue_days_over_promise" in [d.metric for d in october.deductions]
        september = card.version_for("2026-09")
        assert "queue_days_over_promise" not in [d.metric for d in september.deductions]


def test_a_segment_filter_is_named_not_applied():
    # a whole day is the hall's, whoever queued: a segment filter is said not to apply
    metric = catalog.metric("queue_days_over_promise")
    assert measures.not_applied(metric, filters.Filter(segments=("gold",))) == ["segment"]
