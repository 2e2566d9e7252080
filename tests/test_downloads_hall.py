"""The hall profile's downloads say what its table and charts show (pulse.drill.hall_sections):
the metric table a row per metric by name, each value in its unit with the target's level and
the status as words; the hall's hours by weekday name and clock time, shares in percent and the
wait in minutes; the trend both lines it draws. They gave the table's formatted text ("77.0%
(company)"), the hours' raw frame (weekday numbers, shares from 0 to 1, waits in seconds, sums
and the peers' rows) and the hall's line alone."""

from __future__ import annotations

import pandas as pd

from pulse import catalog, i18n
from pulse.drill import hall_sections
from pulse.trends import sections as trend_parts

NAN = float("nan")


def _metrics() -> pd.DataFrame:
    """Profile.metrics for three metrics: a share, a wait in seconds without a target, and one
    the hall has too few responses for."""
    return pd.DataFrame(
        {
            "branch_id": ["SZ-002", "SZ-002", "SZ-002"],
            "city_id": ["SZ", "SZ", "SZ"],
            "metric_id": ["queue_within_10min", "queue_wait_mean", "csat"],
            "value": [0.625, 600.0, 0.5],
            "low": [0.6, 540.0, 0.25],
            "high": [0.65, 660.0, 0.75],
            "n": [6000.0, 6000.0, 12.0],
            "enough_n": [True, True, False],
            "cmp_value": [0.5, 660.0, 0.5],
            "cmp_low": [0.48, 600.0, 0.2],
            "cmp_high": [0.52, 720.0, 0.8],
            "cmp_n": [5000.0, 5000.0, 10.0],
            "delta": [0.125, -60.0, 0.0],
            "p_value": [0.001, 0.02, 1.0],
            "is_significant": [True, True, False],
            "peer_count": [7, 7, 6],
            "peer_rank": [6.0, 5.0, NAN],
            "peer_value": [0.875, 300.0, 0.75],
            "peer_median": [0.9, 290.0, 0.76],
            "target": [0.9, NAN, 0.77],
            "target_level": ["hall", None, "company"],
            "company_target": [0.9, NAN, 0.77],
            "status": ["red", "unknown", "unknown"],
        }
    )


def test_the_metric_table_a_row_per_metric_by_name_each_value_in_its_unit():
    out = hall_sections.metric_export(_metrics(), "en")
    assert list(out.columns) == [
        "metric", "value", "low", "high", "n", "enough_n", "peer_value", "peer_rank",
        "peer_count", "target", "target_level", "company_target", "status", "delta", "unit",
        "delta_unit", "p_value", "is_significant",
    ]  # fmt: skip
    rows = out.astype(object).where(out.notna(), None).values.tolist()
    assert rows == [
        ["Called within 10 min", 62.5, 60.0, 65.0, 6000.0, True, 87.5, 6, 7, 90.0, "hall",
         90.0, "Off target", 12.5, "%", "pp", 0.001, True],
        ["Mean wait", 10.0, 9.0, 11.0, 6000.0, True, 5.0, 5, 7, None, None, None,
         "No target", -1.0, "min", "min", 0.02, True],
        ["CSAT", 50.0, 25.0, 75.0, 12.0, False, 75.0, None, 6, 77.0, "company", 77.0,
         "No target", 0.0, "%", "pp", 1.0, False],
    ]  # fmt: skip


def test_the_metric_table_in_chinese():
    with i18n.speaking("zh"):
        out = hall_sections.metric_export(_metrics(), "zh")
    assert out["metric"].tolist() == ["10分钟内叫号率", "平均等候时长", "满意率"]
    assert out["target_level"].fillna("").tolist() == ["本厅", "", "公司"]
    assert out["status"].tolist() == ["未达标", "无目标", "无目标"]
    assert out["unit"].tolist() == ["%", "分钟", "%"]
    assert out["delta_unit"].tolist() == ["个百分点", "分钟", "个百分点"]


def _hours() -> pd.DataFrame:
    """The hall's rows of Profile.hours (the peers' taken out), worst first as its worst
    hours table lists them."""
    return pd.DataFrame(
        {
            "is_hall": [True, True],
            "weekday": [1, 6],
            "hour": [16, 9],
            "n_days": [4, 4],
            "n_tickets": [200.0, 80.0],
            "n_called": [160.0, 64.0],
            "n_walked_away": [40.0, 16.0],
            "n_within_10min": [40.0, 48.0],
            "wait_s_sum": [172800.0, 23040.0],
            "within_10min": [0.25, 0.75],
            "wait_mean_s": [1080.0, 360.0],
            "walkaway": [0.2, 0.2],
            "peer_within_10min": [0.7, 0.875],
            "peer_wait_mean_s": [300.0, 240.0],
            "peer_walkaway": [0.05, 0.04],
        },
        index=[14, 52],
    )


def test_the_halls_hours_by_weekday_name_and_clock_time_in_percent_and_minutes():
    pd.testing.assert_frame_equal(
        hall_sections.hours_export(_hours()),
        pd.DataFrame(
            {
                "weekday": ["Mon", "Sat"],
                "hour": ["16:00", "09:00"],
                "within_10min (%)": [25.0, 75.0],
                "peer_within_10min (%)": [70.0, 87.5],
                "wait_mean (min)": [18.0, 6.0],
                "walkaway (%)": [20.0, 20.0],
                "n_tickets": [200.0, 80.0],
                "n_called": [160.0, 64.0],
            }
        ),
    )


def test_the_halls_hours_in_chinese():
    with i18n.speaking("zh"):
        out = hall_sections.hours_export(_hours())
    assert out["weekday"].tolist() == ["周一", "周六"]
    assert "wait_mean (分钟)" in out.columns


def test_the_trend_holds_both_lines_drawn_the_halls_and_its_tiers():
    week = pd.Timestamp("2026-10-26")
    line = {
        "metric_id": "queue_within_10min", "bucket": week, "value": 0.625, "low": 0.6,
        "high": 0.65, "n": 400.0, "enough_n": True, "partial": False,
    }  # fmt: skip
    hall = pd.DataFrame([{**line, "key": None}])  # the hall's own: the total of its filter
    tier = pd.DataFrame([{**line, "key": "standard", "value": 0.875, "low": 0.85, "high": 0.9}])
    out = trend_parts.export_frame(
        catalog.metric("queue_within_10min"),
        pd.concat([hall, tier]),
        {"standard": "Standard halls"},
        "Shenzhen Bao'an Jiefang Road Hall",
    )
    assert out["line"].tolist() == ["Shenzhen Bao'an Jiefang Road Hall", "Standard halls"]
    assert out["value (%)"].tolist() == [62.5, 87.5]
