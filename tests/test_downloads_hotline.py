"""The Hotline page's downloads say what its charts and tables show (pulse.hotline.exports):
queues by their labels, a half hour as its clock time, shares in percent under a header that
says so, and none of the sums, numerators and flags the page works with. They gave codes
(general), slot numbers (17), shares from 0 to 1 and an infinite ASA."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from pulse import i18n
from pulse.hotline import exports

NAMES = {"general": "General enquiries", "vip": "VIP line"}
DAY = dt.date(2026, 10, 2)


def _same(out: pd.DataFrame, expected: dict) -> None:
    pd.testing.assert_frame_equal(out, pd.DataFrame(expected), check_dtype=False)


def test_every_queue_by_its_label_each_metric_in_its_unit():
    frame = pd.DataFrame(
        {
            "queue_id": ["general", "vip", "complaints"],
            "metric_id": ["hotline_service_level", "hotline_asa", "hotline_offered"],
            "value": [0.875, 25.0, 120.0],
            "low": [0.75, 20.0, 100.0],
            "high": [0.9375, 30.0, 140.0],
            "n": [400, 60, 120],
            "enough_n": [True, True, False],
            "cmp_value": [0.75, 30.0, 110.0],
            "delta": [0.125, -5.0, 10.0],
            "p_value": [0.01, 0.2, 0.5],
        }
    )
    out = exports.by_queue(frame, "en", NAMES)  # complaints has no name here: its code stays
    assert list(out.columns) == [
        "queue", "metric", "value", "low", "high", "n", "enough_n", "cmp_value", "delta",
        "unit", "delta_unit", "p_value",
    ]  # fmt: skip
    # a share's change is in percentage points, the other changes in their values' unit
    assert out.values.tolist() == [
        ["General enquiries", "Service level 20 s", 87.5, 75.0, 93.75, 400, True, 75.0, 12.5,
         "%", "pp", 0.01],
        ["VIP line", "Average speed of answer", 25.0, 20.0, 30.0, 60, True, 30.0, -5.0, "s",
         "s", 0.2],
        ["complaints", "Calls offered", 120.0, 100.0, 140.0, 120, False, 110.0, 10.0, "", "",
         0.5],
    ]  # fmt: skip
    with i18n.speaking("zh"):
        chinese = exports.by_queue(frame, "zh", {"general": "综合业务", "vip": "VIP专席"})
    assert chinese["queue"].tolist() == ["综合业务", "VIP专席", "complaints"]
    assert chinese["metric"].tolist() == ["20秒服务水平", "平均应答时长", "呼入量"]
    assert chinese["unit"].tolist() == ["%", "秒", ""]
    assert chinese["delta_unit"].tolist() == ["个百分点", "秒", ""]


def _profile(**extra) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "slot": [0, 17],
            "n_offered": [60.0, 300.0],
            "n_queued": [40.0, 200.0],
            "n_answered": [38.0, 180.0],
            "handle_s_sum": [9000.0, 54000.0],
            "hotline_service_level__numerator": [35.0, 150.0],
            "hotline_service_level__denominator": [40.0, 200.0],
            "service_level": [0.875, 0.75],
            "sl_n": [40.0, 200.0],
            "agents_on_duty": [4.5, 20.0],
            "agents_needed": [4.0, 22.5],
            **extra,
        }
    )


def test_the_average_day_by_clock_time_per_day_service_level_in_percent():
    frame = _profile(offered_per_day=[2.0, 10.0], queued_per_day=[1.25, 6.5])
    _same(
        exports.profile(frame, by_day=False),
        {
            "half_hour": ["00:00", "08:30"],
            "offered_per_day": [2.0, 10.0],
            "agents_on_duty": [4.5, 20.0],
            "agents_needed": [4.0, 22.5],
            "service_level (%)": [87.5, 75.0],
            "n": [40.0, 200.0],
        },
    )


def test_every_half_hour_by_day_and_clock_time_with_the_calls_of_each():
    frame = _profile(
        day=[DAY, DAY],
        start=[pd.Timestamp("2026-10-02 00:00"), pd.Timestamp("2026-10-02 08:30")],
    )
    frame.loc[0, "service_level"] = float("nan")  # no call asked for an agent: none drawn
    _same(
        exports.profile(frame, by_day=True),
        {
            "day": [DAY, DAY],
            "half_hour": ["00:00", "08:30"],
            "n_offered": [60.0, 300.0],
            "agents_on_duty": [4.5, 20.0],
            "agents_needed": [4.0, 22.5],
            "service_level (%)": [float("nan"), 75.0],
            "n": [40.0, 200.0],
        },
    )


def test_understaffed_half_hours_per_queue_label_share_in_percent():
    summary = pd.DataFrame(
        {
            "queue_id": ["general", "vip"],
            "n_intervals": [1440, 96],
            "n_understaffed": [360, 12],
            "understaffed_share": [0.25, 0.125],
            "agent_hours_short": [310.5, 4.0],
        }
    )
    _same(
        exports.gap_summary(summary, NAMES),
        {
            "queue": ["General enquiries", "VIP line"],
            "n_intervals": [1440, 96],
            "n_understaffed": [360, 12],
            "understaffed_share (%)": [25.0, 12.5],
            "agent_hours_short": [310.5, 4.0],
        },
    )


def _gap() -> pd.DataFrame:
    """Two rows of the staffing gap, a slice of it (the worst half hours keep their index)."""
    return pd.DataFrame(
        {
            "day": [DAY, DAY],
            "slot": [20, 23],
            "queue_id": ["general", "vip"],
            "n_offered": [204.0, 3.0],
            "n_queued": [133.0, 2.0],
            "n_answered": [82.0, 2.0],
            "handle_s_sum": [22594.0, 600.0],
            "service_level": [0.5, 1.0],
            "agents_on_duty": [15.0, 0.0],
            "is_own_aht": [True, False],
            "aht_s": [275.5, 300.0],
            "agents_needed": [25.0, 1.0],
            "gap": [-10.0, -1.0],
            "is_understaffed": [True, True],
            "occupancy": [0.8125, float("nan")],  # nobody on duty: no occupancy
        },
        index=[3517, 1510],
    )


def test_the_staffing_gap_by_day_clock_time_and_queue_shares_in_percent():
    _same(
        exports.gap(_gap(), NAMES),
        {
            "day": [DAY, DAY],
            "half_hour": ["10:00", "11:30"],
            "queue": ["General enquiries", "VIP line"],
            "n_offered": [204.0, 3.0],
            "n_queued": [133.0, 2.0],
            "aht (s)": [275.5, 300.0],
            "agents_needed": [25.0, 1.0],
            "agents_on_duty": [15.0, 0.0],
            "gap": [-10.0, -1.0],
            "service_level (%)": [50.0, 100.0],
            "occupancy (%)": [81.25, float("nan")],
        },
    )


def test_the_staffing_gap_in_chinese_names_the_unit_of_seconds_so():
    with i18n.speaking("zh"):
        out = exports.gap(_gap(), {"general": "综合业务", "vip": "VIP专席"})
    assert out["queue"].tolist() == ["综合业务", "VIP专席"]
    assert list(out.columns)[5] == "aht (秒)"


def _curve() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agents": [13, 14, 15],
            "traffic_erlangs": [13.5, 13.5, 13.5],
            "p_wait": [1.0, 0.75, 0.5],
            "service_level": [0.0, 0.25, 0.625],
            "asa_s": [math.inf, 180.0, 60.0],
            "occupancy": [1.0, 0.96875, 0.875],
            "is_stable": [False, True, True],
        }
    )


def test_the_calculators_curve_in_percent_no_asa_where_agents_cannot_keep_up():
    _same(
        exports.whatif_curve(_curve()),
        {
            "agents": [13, 14, 15],
            "traffic_erlangs": [13.5, 13.5, 13.5],
            "service_level (%)": [0.0, 25.0, 62.5],
            "asa (s)": [float("nan"), 180.0, 60.0],
            "p_wait (%)": [100.0, 75.0, 50.0],
            "occupancy (%)": [100.0, 96.875, 87.5],
            "is_stable": [False, True, True],
        },
    )
    with i18n.speaking("zh"):
        chinese = exports.whatif_curve(_curve())
    assert "asa (秒)" in chinese.columns
