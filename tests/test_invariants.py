"""Data invariants: each query in queries/invariants lists violations and must return none."""

from __future__ import annotations

import pytest

from pulse import sql

INVARIANTS = sorted(p.stem for p in (sql.QUERIES / "invariants").glob("*.sql"))


def test_there_are_invariants():
    assert len(INVARIANTS) >= 8


@pytest.mark.parametrize("name", INVARIANTS)
def test_handmade_store_holds(handmade, name):
    assert handmade.df(sql.text(f"invariants/{name}")).empty


@pytest.mark.parametrize("name", INVARIANTS)
def test_tiny_store_holds(tiny, name):
    violations = tiny.df(sql.text(f"invariants/{name}"))
    assert violations.empty, violations.head(10).to_string()


def test_an_invariant_catches_a_broken_rollup(handmade):
    with handmade.cursor() as cur:
        cur.execute("update queue_daily set n_tickets = n_tickets + 1 where segment = 'gold'")
    found = handmade.df(sql.text("invariants/rollup_totals_match_facts"))
    assert found[["rollup", "fact_rows", "rollup_rows"]].values.tolist() == [["queue_daily", 4, 5]]


def test_an_invariant_catches_a_wrong_repeat_flag(handmade):
    with handmade.cursor() as cur:
        cur.execute("update complaint set is_repeat = false where complaint_id = 'C3'")
    found = handmade.df(sql.text("invariants/repeat_flag_matches_history"))
    assert found.values.tolist() == [["C3", False, True]]


def test_an_invariant_catches_a_wrong_hall_number(handmade):
    with handmade.cursor() as cur:
        cur.execute("update queue_wait_hist_hall_monthly set hall_no = hall_no + 1000")
    found = handmade.df(sql.text("invariants/hall_numbers_match_their_halls"))
    assert set(found["source"]) == {"queue_wait_hist_hall_monthly"}
    assert len(found) > 0
