"""The invariants of the Surveys and Complaints rollups catch what they are there to catch."""

from __future__ import annotations

from pulse import rollups, sql
from tests.test_invariants import violations


def test_a_rollup_that_lost_a_response_is_caught(handmade):
    with handmade.cursor() as cur:
        cur.execute("delete from survey_experience where contact = 'call'")
        cur.execute("update complaint_backlog set n_open = 2")
    found = handmade.df(sql.text("invariants/rollup_totals_match_facts"))
    found = found.assign(day=found["day"].astype(str), rollup_rows=found["rollup_rows"].fillna(0))
    assert sorted(found.values.tolist()) == [
        ["complaint_backlog", "2026-10-30", 1, 2],
        ["survey_experience", "2026-10-31", 1, 0],  # the call survey is gone from the rollup
    ]


def test_a_survey_about_an_unresolved_complaint_is_caught(handmade):
    with handmade.cursor() as cur:
        cur.execute("update survey_response set complaint_id = 'C2' where response_id = 1004")
        rollups.refresh(cur, "survey_experience")
    found = handmade.df(sql.text("invariants/surveys_follow_a_finished_contact"))
    assert found[["contact", "n_responses"]].values.tolist() == [["complaint", 1]]


def test_a_copy_that_missed_a_month_is_caught(handmade):
    with handmade.cursor() as cur:
        cur.execute("delete from survey_experience_monthly_city")
    found = violations(handmade, "copies_add_up")
    assert set(found["copy"]) == {"survey_experience_monthly_city"}
    assert found["copy_value"].isna().all()
    responses = found[found["measure"] == "n_responses"]
    assert responses["day"].astype(str).tolist() == ["2026-10-01"] * 3
    assert responses["base_value"].sum() == 3
