"""The Surveys page's rollups and queries on the hand-made store, against rows worked out by
hand from tests/fixtures/handmade/survey_response.csv and the tickets and calls behind it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from pulse import filters, records, sql
from pulse.filters import Filter
from pulse.surveys import data as surveys
from tests.conftest import AS_OF, PERIOD, TWO_DAYS


def test_score_hist_rollup_rows(handmade):
    frame = handmade.df(
        "select cast(day as varchar) as day, city_id, branch_id, touchpoint, brand, "
        "columns('n_overall_\\d+'), columns('n_recommend_\\d+') "
        "from survey_score_hist order by day, touchpoint, brand"
    )
    rows = []
    for row in frame.to_dict("records"):
        overall = [s for s in range(11) if row[f"n_overall_{s}"]]
        recommend = [s for s in range(11) if row[f"n_recommend_{s}"]]
        total = sum(row[f"n_overall_{s}"] for s in range(11))
        rows.append([row["day"], row["touchpoint"], row["brand"], overall, recommend, total])
    assert rows == [
        ["2026-10-30", "hall", "gotone", [9], [10], 1],
        ["2026-10-30", "hall", "mzone", [6], [5], 1],
        ["2026-10-31", "app", "gotone", [10], [9], 1],
        ["2026-10-31", "hotline", "gotone", [8], [8], 1],
    ]


def test_experience_rollup_links_each_survey_to_what_happened(handmade):
    rows = handmade.df(
        "select contact, wait_bucket, is_first_contact_resolved, is_on_time, return_visit, "
        "n_responses, overall_sum, n_promoters, n_detractors, speed_sum, staff_sum "
        "from survey_experience order by contact, wait_bucket"
    )
    rows = rows.astype(object).where(rows.notna(), None).values.tolist()
    assert rows == [
        # call 102 waited 10 s for an agent and was resolved first time
        ["call", 10, True, None, None, 1, 8.0, 0, 0, 8.0, 9.0],
        # ticket 1 waited 5 minutes, ticket 2 waited 15
        ["ticket", 4, None, None, None, 1, 9.0, 1, 0, 9.0, 10.0],
        ["ticket", 15, None, None, None, 1, 6.0, 0, 1, 3.0, 6.0],
    ]


def test_distribution_by_touchpoint(handmade):
    frame, not_applied = surveys.distribution(handmade, TWO_DAYS, PERIOD, "touchpoint")
    assert not_applied == []
    shown = frame[(frame["n"] > 0)].sort_values(["group_key", "item", "score"])
    assert shown[["group_key", "item", "score", "n", "share"]].values.tolist() == [
        ["app", "overall", 10, 1.0, 1.0],
        ["app", "recommend", 9, 1.0, 1.0],
        ["hall", "overall", 6, 1.0, 0.5],
        ["hall", "overall", 9, 1.0, 0.5],
        ["hall", "recommend", 5, 1.0, 0.5],
        ["hall", "recommend", 10, 1.0, 0.5],
        ["hotline", "overall", 8, 1.0, 1.0],
        ["hotline", "recommend", 8, 1.0, 1.0],
    ]
    assert len(frame) == 3 * 2 * 11  # every score of every item of every group


def test_distribution_refuses_an_unknown_breakdown(handmade):
    with pytest.raises(ValueError, match="cannot break surveys down"):
        surveys.distribution(handmade, TWO_DAYS, PERIOD, "city_id; drop table city")


def test_splits_by_touchpoint(handmade):
    frame = surveys.splits(handmade, TWO_DAYS, PERIOD, "touchpoint").set_index("group_key")
    hall = frame.loc["hall"]
    assert (hall["n"], hall["n_promoters"], hall["n_passives"], hall["n_detractors"]) == (
        2,
        1,
        0,
        1,
    )
    assert hall["sat_index"] == pytest.approx(75.0)
    assert hall["csat"] == pytest.approx(0.5)
    assert hall["nps"] == pytest.approx(0.0)
    assert not hall["nps_enough_n"]  # two responses are far below the minimum of 50
    assert frame.loc["app", "sat_index"] == pytest.approx(100.0)
    assert frame.loc["hotline", "nps"] == pytest.approx(0.0)  # one passive


def test_splits_follow_the_brand_filter(handmade):
    frame = surveys.splits(handmade, TWO_DAYS.with_(brands=("mzone",)), PERIOD, "segment")
    assert frame[["group_key", "n", "sat_index"]].values.tolist() == [["regular", 1, 60.0]]


def test_experience_views(handmade):
    views, not_applied = surveys.experience(handmade, TWO_DAYS, PERIOD)
    assert not_applied == []
    hall = views["hall_wait"]
    assert hall[["wait_bucket", "n_responses", "index", "speed"]].values.tolist() == [
        [4, 1, 90.0, 9.0],
        [15, 1, 60.0, 3.0],
    ]
    assert views["call_wait"][["wait_bucket", "n_responses"]].values.tolist() == [[10, 1]]
    assert views["call_fcr"]["is_first_contact_resolved"].tolist() == [True]
    assert views["complaint"].empty


def test_split_test_is_welch_on_the_sums():
    frame = pd.DataFrame(
        {
            "wait_bucket": [0, 2, 10, 15],
            "n_responses": [3, 2, 2, 3],
            "overall_sum": [27.0, 17.0, 13.0, 18.0],  # 9 9 9 | 8 9 | 6 7 | 5 6 7
            "overall_sumsq": [243.0, 145.0, 85.0, 110.0],
        }
    )
    got = surveys.split_test(frame, frame["wait_bucket"] < 10)
    expected = sps.ttest_ind([9, 9, 9, 8, 9], [6, 7, 5, 6, 7], equal_var=False).pvalue
    assert got["mean_in"] == pytest.approx(8.8) and got["mean_out"] == pytest.approx(6.2)
    assert (got["n_in"], got["n_out"]) == (5, 5)
    assert got["p_value"] == pytest.approx(expected)


def test_driver_sample_keeps_complete_responses_in_scope(handmade):
    where, params, _ = filters.conditions(TWO_DAYS, records.SOURCES["surveys"])
    query = sql.render("surveys/driver_sample", where=where)
    base = {
        **params,
        "ts_from": dt.datetime(2026, 10, 30),
        "ts_to": dt.datetime(2026, 11, 1),
        "seed": 1,
    }
    everything = handmade.df(query, {**base, "keep_per_million": 1_000_000})
    assert everything.values.tolist() == [
        [1001, 9, 8, 7, 10, 9, 8, 9],
        [1002, 6, 7, 5, 6, 3, 7, 8],
    ]
    assert handmade.df(query, {**base, "keep_per_million": 0}).empty
    where, params, _ = filters.conditions(
        TWO_DAYS.with_(brands=("mzone",)), records.SOURCES["surveys"]
    )
    query = sql.render("surveys/driver_sample", where=where)
    narrowed = handmade.df(query, {**base, **params, "keep_per_million": 1_000_000})
    assert narrowed["response_id"].tolist() == [1002]


def test_driver_sample_draws_about_the_share_asked_for(tiny):
    where, params, _ = filters.conditions(Filter(), records.SOURCES["surveys"])
    query = sql.render("surveys/driver_sample", where=where)
    base = {**params, "ts_from": dt.datetime(2026, 9, 1), "ts_to": dt.datetime(2026, 11, 1)}
    everything = tiny.df(query, {**base, "seed": 1, "keep_per_million": 1_000_000})
    half = tiny.df(query, {**base, "seed": 1, "keep_per_million": 500_000})
    again = tiny.df(query, {**base, "seed": 1, "keep_per_million": 500_000})
    other = tiny.df(query, {**base, "seed": 2, "keep_per_million": 500_000})
    assert half.equals(again)  # the same selection always draws the same responses
    assert set(half["response_id"]) <= set(everything["response_id"])
    assert set(half["response_id"]) != set(other["response_id"])
    share = len(half) / len(everything)
    assert 0.35 < share < 0.65


def test_key_drivers_refuse_the_hand_made_store(handmade):
    result = surveys.key_drivers(handmade, TWO_DAYS, PERIOD, n_in_scope=4)
    assert result.refused == "too_few" and result.n == 2 and result.sample_rate == 1.0


def test_comments_only_lists_responses_with_a_comment(handmade):
    page = surveys.comments(handmade, TWO_DAYS, PERIOD)
    assert page.total == 2
    assert page.rows["response_id"].tolist() == [1002, 1001]
    found = surveys.comments(handmade, TWO_DAYS, PERIOD, search="服务")
    assert found.rows["comment"].tolist() == ["服务很好"]


def test_by_place_flags_nothing_on_two_halls(handmade):
    frame = surveys.by_place(handmade, TWO_DAYS, PERIOD, "city")
    sat = frame[frame["metric_id"] == "sat_index"].set_index("city_id")
    assert sat["value"].to_dict() == pytest.approx({"GZ": 230 / 3, "SZ": 100.0})
    assert set(frame["versus_rest"]) == {""}  # one response in SZ: nothing to test against
    halls = surveys.by_place(handmade, TWO_DAYS, PERIOD, "hall")
    assert set(halls["branch_id"]) == {"GZ-001"}  # responses without a hall are not a hall


def test_by_place_labels_every_cell(tiny):
    f = Filter(period="last_90", compare="none")
    period = filters.resolve(f, AS_OF)
    frame = surveys.by_place(tiny, f, period, "hall")
    assert {"p_rest", "q_rest", "versus_rest"} <= set(frame.columns)
    assert np.isin(frame["versus_rest"], ["", "above", "below"]).all()
