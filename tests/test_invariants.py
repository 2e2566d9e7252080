"""Data invariants: each query in queries/invariants lists violations and must return none."""

from __future__ import annotations

import pytest

from pulse import rollups, settings, sql
from tests.conftest import HANDMADE

INVARIANTS = sorted(p.name.split(".")[0] for p in (sql.QUERIES / "invariants").glob("*.sql*"))


def invariant(store, name: str) -> str:
    """An invariant's query; the copy check is rendered from the catalogue and the store."""
    if name == "copies_add_up":
        with store.cursor() as cur:
            return rollups.copies_check(cur)
    return sql.text(f"invariants/{name}")


def violations(store, name: str):
    """An invariant's violations, the settings it names ($repeat_within_days ...) bound."""
    query = invariant(store, name)
    return store.df(query, sql.used_params(query, settings.sql_params()))


def test_there_are_invariants():
    assert len(INVARIANTS) >= 8


@pytest.mark.parametrize("name", INVARIANTS)
def test_handmade_store_holds(handmade, name):
    assert violations(handmade, name).empty


@pytest.mark.parametrize("name", INVARIANTS)
def test_tiny_store_holds(tiny, name):
    found = violations(tiny, name)
    assert found.empty, found.head(10).to_string()


def test_an_invariant_catches_a_broken_rollup(handmade):
    with handmade.cursor() as cur:
        cur.execute("update queue_daily set n_tickets = n_tickets + 1 where segment = 'gold'")
    found = handmade.df(sql.text("invariants/rollup_totals_match_facts"))
    assert found[["rollup", "fact_rows", "rollup_rows"]].values.tolist() == [["queue_daily", 4, 5]]


def test_an_invariant_catches_a_wrong_repeat_flag(handmade):
    with handmade.cursor() as cur:
        cur.execute("update complaint set is_repeat = false where complaint_id = 'C3'")
    found = violations(handmade, "repeat_flag_matches_history")
    assert found.values.tolist() == [["C3", False, True]]


def test_an_invariant_catches_a_repeat_flag_without_its_customer(handmade):
    with handmade.cursor() as cur:
        cur.execute("update complaint set is_repeat = null where complaint_id = 'C1'")
        cur.execute("update complaint set customer_key = null where complaint_id = 'C2'")
    found = violations(handmade, "repeat_flag_known_with_customer")
    rows = found.astype(object).where(found.notna(), None).values.tolist()
    assert rows == [["C1", "k1", None], ["C2", None, False]]


def test_a_complaint_without_a_customer_is_not_judged_a_repeat(handmade):
    with handmade.cursor() as cur:
        cur.execute(
            "update complaint set customer_key = null, is_repeat = null where complaint_id = 'C3'"
        )
    for name in ("repeat_flag_matches_history", "repeat_flag_known_with_customer"):
        assert violations(handmade, name).empty, name


def test_an_invariant_catches_a_monthly_copy_dated_from_the_month_not_its_data(handmade):
    # the monthly copy's first day must be the unit's first day with data (30 and 31 October),
    # not the month's first day
    with handmade.cursor() as cur:
        cur.execute("update queue_monthly set first_day = day")
    found = violations(handmade, "copies_add_up")
    found = found[found["measure"] == "first_day"]
    assert found["copy"].unique().tolist() == ["queue_monthly"]
    # days since 1970, one row per unit (GZ-001's gold and regular tickets, SZ-001's): 1
    # October 2026 in the copy, against the 30th, the 30th and the 31st
    assert sorted(found["base_value"].tolist()) == [20756.0, 20756.0, 20757.0]
    assert found["copy_value"].tolist() == [20727.0] * 3


def test_an_invariant_catches_a_wrong_hall_number(handmade):
    with handmade.cursor() as cur:
        cur.execute("update queue_wait_hist_hall_monthly set hall_no = hall_no + 1000")
    found = handmade.df(sql.text("invariants/hall_numbers_match_their_halls"))
    assert set(found["source"]) == {"queue_wait_hist_hall_monthly"}
    assert len(found) > 0


def test_a_hall_added_later_gets_the_next_number_and_the_others_keep_theirs(handmade, tmp_path):
    from pulse import ingest

    before = handmade.df("select branch_id, hall_no from hall_number order by hall_no")
    assert before.values.tolist() == [["GZ-001", 0], ["SZ-001", 1]]
    branches = (HANDMADE / "branch.csv").read_text(encoding="utf-8")
    new_hall = (
        "GZ-000,Guangzhou Haizhu Hall,广州海珠营业厅,GZ,Haizhu,海珠区,"
        "standard,2020-01-01,6,23.1,113.3"
    )
    (tmp_path / "branch.csv").write_text(branches.rstrip("\n") + "\n" + new_hall + "\n")
    header = (HANDMADE / "queue_ticket.csv").read_text(encoding="utf-8").splitlines()[0]
    ticket = (
        "900,GZ-000,2026-10-30 10:00:00,2026-10-30 10:12:00,2026-10-30 10:12:00,"
        "2026-10-30 10:20:00,billing,regular,false,served"
    )
    (tmp_path / "queue_ticket.csv").write_text(header + "\n" + ticket + "\n")
    for table in ("branch", "queue_ticket"):
        ingest.load_file(handmade, table, tmp_path / f"{table}.csv", loaded_by="tests")
    after = handmade.df("select branch_id, hall_no from hall_number order by hall_no")
    assert after.values.tolist() == [["GZ-001", 0], ["SZ-001", 1], ["GZ-000", 2]]
    assert handmade.df(sql.text("invariants/hall_numbers_match_their_halls")).empty
    rows = handmade.df(
        "select hall_no, bucket_min, n from queue_wait_hist where branch_id = 'GZ-000'"
    )
    assert rows.values.tolist() == [[2, 12, 1]]
