"""The Surveys page's downloads say what its charts and tables show (pulse.surveys.exports):
groups, places, dimensions and waits by their names, CSAT in percent, the overall score on the
0-10 axis the experience charts draw, quadrants and verdicts in words, and none of the sums,
codes and helper columns the page draws from. They gave group_key codes, CSAT from 0 to 1,
sums of squares, wait bucket numbers, True/False groups and quadrant codes (fix_first)."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import pandas as pd

from pulse import i18n
from pulse.surveys import comments, exports

NAN = math.nan
TOUCHPOINTS = {"hall": "Business hall", "web": "Online hall", "app": "Mobile app"}


def _same(out: pd.DataFrame, expected: dict) -> None:
    pd.testing.assert_frame_equal(out, pd.DataFrame(expected), check_dtype=False)


def _groups() -> pd.DataFrame:
    """Two touchpoints as pulse.surveys.data.splits gives them; the web's NPS and index rest
    on too few responses."""
    return pd.DataFrame(
        {
            "group_key": ["hall", "web"], "n": [400.0, 40.0],
            "n_promoters": [200.0, 20.0], "n_passives": [150.0, 10.0],
            "n_detractors": [50.0, 10.0],
            "sat_index": [82.5, 80.0], "sat_index_low": [81.0, 75.0],
            "sat_index_high": [84.0, 85.0], "sat_index_enough_n": [True, False],
            "sat_index_cmp_value": [81.0, 79.0], "sat_index_p_value": [0.2, 0.8],
            "csat": [0.875, 0.5], "csat_low": [0.8, 0.3], "csat_high": [0.92, 0.7],
            "csat_enough_n": [True, True], "csat_cmp_value": [0.85, 0.55],
            "csat_p_value": [0.3, 0.6],
            "nps": [37.5, 25.0], "nps_low": [30.0, 5.0], "nps_high": [45.0, 45.0],
            "nps_enough_n": [True, False], "nps_cmp_value": [35.0, 20.0],
            "nps_p_value": [0.4, 0.7],
        }
    )  # fmt: skip


def test_the_split_by_name_counts_and_shares_in_percent_nps_withheld_below_its_n():
    _same(
        exports.split(_groups(), "touchpoint", TOUCHPOINTS),
        {
            "touchpoint": ["Business hall", "Online hall"],
            "n": [400, 40],
            "n_promoters": [200, 20],
            "n_passives": [150, 10],
            "n_detractors": [50, 10],
            "promoters (%)": [50.0, 50.0],
            "passives (%)": [37.5, 25.0],
            "detractors (%)": [12.5, 25.0],
            "nps (pts)": [37.5, NAN],
            "nps_low (pts)": [30.0, NAN],
            "nps_high (pts)": [45.0, NAN],
        },
    )
    with i18n.speaking("zh"):
        chinese = exports.split(_groups(), "touchpoint", {"hall": "营业厅", "web": "网上营业厅"})
    assert chinese["touchpoint"].tolist() == ["营业厅", "网上营业厅"]
    assert list(chinese.columns)[-3:] == ["nps (分)", "nps_low (分)", "nps_high (分)"]


def test_the_groups_table_each_score_in_its_unit_withheld_where_the_table_withholds_it():
    _same(
        exports.groups_table(_groups(), "segment", {"hall": "Regular"}),  # web has no name
        {
            "segment": ["Regular", "web"],
            "n": [400, 40],
            "sat_index": [82.5, NAN],
            "sat_index_low": [81.0, NAN],
            "sat_index_high": [84.0, NAN],
            "csat (%)": [87.5, 50.0],
            "csat_low (%)": [80.0, 30.0],
            "csat_high (%)": [92.0, 70.0],
            "nps (pts)": [37.5, NAN],
            "nps_low (pts)": [30.0, NAN],
            "nps_high (pts)": [45.0, NAN],
        },
    )


def test_the_distribution_by_name_share_in_percent_the_top_bar_first():
    dist = pd.DataFrame(
        {
            "group_key": ["app", "app", "hall", "hall"],
            "item": ["overall"] * 4,
            "score": [9, 10, 9, 10],
            "n": [1.0, 3.0, 6.0, 2.0],
            "share": [0.25, 0.75, 0.75, 0.25],
        }
    )
    _same(
        exports.distribution(dist, "touchpoint", TOUCHPOINTS),
        {
            "touchpoint": ["Business hall", "Business hall", "Mobile app", "Mobile app"],
            "score": [9, 10, 9, 10],
            "n": [6, 2, 1, 3],
            "share (%)": [75.0, 25.0, 25.0, 75.0],
        },
    )


def _dimension_rows() -> pd.DataFrame:
    """Two dimension rows as the Surveys page holds them (kpis.tiles, and the chart's label)."""
    return pd.DataFrame(
        {
            "metric_id": ["dim_speed", "dim_tariff"],
            "value": [7.5, 8.25],
            "low": [7.25, 8.0],
            "high": [7.75, 8.5],
            "n": [400.0, 20.0],
            "enough_n": [True, False],
            "cmp_value": [7.0, 8.0],
            "cmp_low": [6.75, 7.5],
            "cmp_high": [7.25, 8.5],
            "cmp_n": [380.0, 25.0],
            "delta": [0.5, 0.25],
            "p_value": [0.01, 0.6],
            "is_significant": [True, False],
            "target": [8.0, NAN],
            "target_level": ["company", None],
            "target_source": ["Business plan", None],
            "status": ["red", "unknown"],
            "withheld": [False, False],
            "label": ["Handling speed", "Tariff value"],
        }
    )


def test_the_dimensions_by_the_charts_names_highest_first():
    _same(
        exports.dimensions(_dimension_rows(), "en"),
        {
            "dimension": ["Tariff value", "Handling speed"],
            "value": [8.25, 7.5],
            "low": [8.0, 7.25],
            "high": [8.5, 7.75],
            "n": [20, 400],
            "enough_n": [False, True],
            "cmp_value": [8.0, 7.0],
            "unit": ["", ""],
            "target": [NAN, 8.0],
        },
    )


def test_the_dimension_table_adds_the_change_its_test_and_the_status_in_words():
    _same(
        exports.dimensions(_dimension_rows(), "en", table=True),
        {
            "dimension": ["Tariff value", "Handling speed"],
            "value": [8.25, 7.5],
            "low": [8.0, 7.25],
            "high": [8.5, 7.75],
            "n": [20, 400],
            "enough_n": [False, True],
            "cmp_value": [8.0, 7.0],
            "delta": [0.25, 0.5],
            "unit": ["", ""],
            "delta_unit": ["", ""],
            "p_value": [0.6, 0.01],
            "is_significant": [False, True],
            "target": [NAN, 8.0],
            "status": ["No target", "Off target"],
        },
    )
    with i18n.speaking("zh"):
        chinese = exports.dimensions(_dimension_rows(), "zh", table=True)
    assert chinese["dimension"].tolist() == ["资费合理性", "办理效率"]
    assert chinese["status"].tolist() == ["无目标", "未达标"]


def _places(key: str, places: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city_id": ["SZ", "SZ", "GZ"],
            key: places,
            "metric_id": ["dim_network", "sat_index", "sat_index"],
            "value": [7.5, 82.5, 80.0],
            "low": [7.0, 80.0, 70.0],
            "high": [8.0, 85.0, 90.0],
            "n": [100.0, 120.0, 30.0],
            "enough_n": [True, True, False],
            "cmp_value": [7.25, 81.0, 79.0],
            "p_value": [0.3, 0.4, 0.9],
            "p_rest": [0.1, 0.002, 0.4],
            "q_rest": [0.2, 0.01, 0.5],
            "versus_rest": ["", "above", ""],
        }
    )


def test_the_places_by_name_in_the_tables_order_the_colour_in_words():
    frame = _places("city_id", ["SZ", "SZ", "GZ"])
    _same(
        exports.places(frame, "city", {"SZ": "Shenzhen", "GZ": "Guangzhou"}, ["SZ", "GZ"], "en"),
        {
            "city": ["Shenzhen", "Shenzhen", "Guangzhou"],
            "metric": ["Satisfaction index", "Network quality score", "Satisfaction index"],
            "value": [82.5, 7.5, 80.0],
            "unit": ["", "", ""],
            "n": [120, 100, 30],
            "enough_n": [True, True, False],
            "versus_rest": ["Significantly above the rest of the selection", "", ""],
            "q_rest": [0.01, 0.2, 0.5],
        },
    )
    with i18n.speaking("zh"):
        chinese = exports.places(frame, "city", {"SZ": "深圳", "GZ": "广州"}, ["SZ", "GZ"], "zh")
    assert chinese["city"].tolist() == ["深圳", "深圳", "广州"]
    assert chinese["metric"].tolist() == ["满意度指数", "网络质量评分", "满意度指数"]
    assert chinese["versus_rest"].tolist() == ["显著高于筛选范围内的其他问卷", "", ""]


def test_the_halls_by_name_without_their_city_code():
    frame = _places("branch_id", ["SZ-001", "SZ-001", "GZ-002"])
    names = {"SZ-001": "Futian Hall", "GZ-002": "Tianhe Hall"}
    out = exports.places(frame, "hall", names, ["GZ-002", "SZ-001"], "en")
    assert list(out.columns) == [
        "hall", "metric", "value", "unit", "n", "enough_n", "versus_rest", "q_rest",
    ]  # fmt: skip
    assert out[["hall", "metric", "value"]].values.tolist() == [
        ["Tianhe Hall", "Satisfaction index", 80.0],
        ["Futian Hall", "Satisfaction index", 82.5],
        ["Futian Hall", "Network quality score", 7.5],
    ]


def _drivers() -> pd.DataFrame:
    """drivers.quadrants' table of two dimensions, the second the most important."""
    return pd.DataFrame(
        {
            "dimension": ["tariff", "network"],
            "coef": [0.125, 0.25], "coef_low": [0.1, 0.2], "coef_high": [0.15, 0.3],
            "p_value": [0.001, 0.0001], "lmg": [0.1, 0.15],
            "importance": [0.25, 0.375], "importance_low": [0.2, 0.3],
            "importance_high": [0.3, 0.45],
            "rank": [2, 1], "performance": [7.25, 8.0], "quadrant": ["fix_first", "keep_up"],
            "label": ["Tariff value", "Network quality"],
        }
    )  # fmt: skip


def test_the_driver_table_by_rank_importance_in_percent_quadrant_in_words():
    _same(
        exports.drivers_table(_drivers()),
        {
            "dimension": ["Network quality", "Tariff value"],
            "rank": [1, 2],
            "importance (%)": [37.5, 25.0],
            "importance_low (%)": [30.0, 20.0],
            "importance_high (%)": [45.0, 30.0],
            "coef": [0.25, 0.125],
            "coef_low": [0.2, 0.1],
            "coef_high": [0.3, 0.15],
            "performance": [8.0, 7.25],
            "quadrant": ["Keep up", "Fix first"],
        },
    )
    with i18n.speaking("zh"):
        chinese = exports.drivers_table(_drivers())
    assert chinese["dimension"].tolist() == ["网络质量", "资费合理性"]
    assert chinese["quadrant"].tolist() == ["继续保持", "优先改进"]


def test_the_quadrant_charts_points_without_the_tables_rank_and_coefficients():
    _same(
        exports.drivers_chart(_drivers()),
        {
            "dimension": ["Network quality", "Tariff value"],
            "importance (%)": [37.5, 25.0],
            "importance_low (%)": [30.0, 20.0],
            "importance_high (%)": [45.0, 30.0],
            "performance": [8.0, 7.25],
            "quadrant": ["Keep up", "Fix first"],
        },
    )


# the experience rollup's sums: none of them reaches a download
SUMS = (
    "overall_sum", "overall_sumsq", "n_overall_top", "n_promoters", "n_passives", "n_detractors",
    "speed_n", "speed_sum", "speed_sumsq", "staff_n", "staff_sum", "staff_sumsq",
)  # fmt: skip


def _experience(**keys) -> pd.DataFrame:
    """Rows of pulse.surveys.data.experience: the keys, n, the sums and the scores."""
    n = len(next(iter(keys.values())))
    scores = {
        "index": [85.0, 70.0, 60.0], "index_low": [80.0, 60.0, 50.0],
        "index_high": [90.0, 80.0, 70.0], "speed": [8.0, 6.5, 6.0],
        "speed_low": [7.5, 6.0, 5.0], "speed_high": [8.5, 7.0, 7.0],
        "staff": [9.0, 7.5, 7.0], "staff_low": [8.75, 7.0, 6.0], "staff_high": [9.25, 8.0, 8.0],
        "nps": [50.0, 10.0, 0.0], "nps_low": [40.0, 0.0, -10.0], "nps_high": [60.0, 20.0, 10.0],
    }  # fmt: skip
    return pd.DataFrame(
        {
            **keys,
            "n_responses": [10.0, 4.0, 2.0][:n],
            **{column: [1.0] * n for column in SUMS},
            **{column: values[:n] for column, values in scores.items()},
        }
    )


SERIES = {
    "overall": [8.5, 7.0],
    "overall_low": [8.0, 6.0],
    "overall_high": [9.0, 8.0],
    "speed": [8.0, 6.5],
    "speed_low": [7.5, 6.0],
    "speed_high": [8.5, 7.0],
    "staff": [9.0, 7.5],
    "staff_low": [8.75, 7.0],
    "staff_high": [9.25, 8.0],
}


def test_the_wait_by_its_band_the_overall_score_on_the_charts_0_to_10_axis():
    frame = _experience(wait_bucket=[0, 2])
    _same(
        exports.experience_wait(frame, ["0–2 min", "2+ min"]),
        {"wait": ["0–2 min", "2+ min"], "n": [10, 4], **SERIES},
    )


def test_first_contact_resolution_by_the_names_of_the_bars():
    frame = _experience(is_first_contact_resolved=[True, False])
    _same(
        exports.experience_fcr(frame),
        {"resolved_first_time": ["Resolved on the call", "Not resolved"], "n": [10, 4], **SERIES},
    )
    with i18n.speaking("zh"):
        chinese = exports.experience_fcr(frame)
    assert chinese["resolved_first_time"].tolist() == ["一次解决", "未解决"]


def test_the_complaint_handling_by_return_visit_then_on_time_in_words():
    frame = _experience(
        is_on_time=[False, True, True], return_visit=["satisfied", "none", "satisfied"]
    )
    _same(
        exports.experience_complaint(frame),
        {
            "return_visit": ["Satisfied", "Satisfied", "No return visit"],
            "handling": ["Resolved on time", "Resolved late", "Resolved on time"],
            "n": [2, 10, 4],
            "overall": [6.0, 8.5, 7.0],
            "overall_low": [5.0, 8.0, 6.0],
            "overall_high": [7.0, 9.0, 8.0],
        },
    )
    with i18n.speaking("zh"):
        chinese = exports.experience_complaint(frame)
    assert chinese["return_visit"].tolist() == ["满意", "满意", "未回访"]
    assert chinese["handling"].tolist() == ["按时办结", "超时办结", "按时办结"]


def test_every_matching_comment_is_worded_as_the_table_words_it():
    names = {
        "channel": {"hall": "Business hall"},
        "segment": {"regular": "Regular"},
        "hall": {"SZ-001": "Futian Hall"},
        "city": {"GZ": "Guangzhou"},
    }
    ctx = SimpleNamespace(lang="en", dims=SimpleNamespace(labels=lambda kind, lang: names[kind]))
    rows = pd.DataFrame(
        {
            "responded_at": [dt.datetime(2026, 10, 2, 9, 30, 15), dt.datetime(2026, 10, 1, 17, 5)],
            "touchpoint": ["hall", "hall"],
            "branch_id": ["SZ-001", None],
            "city_id": ["SZ", "GZ"],
            "segment": ["regular", "regular"],
            "score_overall": [9.0, 3.0],
            "score_recommend": [10.0, 2.0],
            "comment": ["快", "slow"],
        }
    )
    _same(
        comments._frame(ctx, rows),
        {
            "Responded": ["2026-10-02 09:30", "2026-10-01 17:05"],
            "Touchpoint": ["Business hall", "Business hall"],
            "Hall or city": ["Futian Hall", "Guangzhou"],
            "Segment": ["Regular", "Regular"],
            "Overall": [9, 3],
            "Recommend": [10, 2],
            "Comment": ["快", "slow"],
        },
    )
