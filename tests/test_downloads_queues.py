"""The Queues page's downloads say what its charts and tables show (pulse.queues.exports): a lane
or segment by the legend's name, a weekday by name and an hour as its clock time, shares in
percent and waits in minutes under headers that say so, the halls by name with each metric's
interval and n. They gave True/False for the lane, weekday numbers, shares from 0 to 1, waits
in seconds, working sums and the hall table's internal wide names (queue_wait_mean__low)."""

from __future__ import annotations

import pandas as pd

from pulse import i18n
from pulse.queues import exports

NAN = float("nan")
LANES = {True: "Priority lane", False: "Regular queue"}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _same(out: pd.DataFrame, expected: dict) -> None:
    pd.testing.assert_frame_equal(out, pd.DataFrame(expected), check_dtype=False)


def _distribution() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": [False, False, True],
            "bucket_min": [0, 60, 0],
            "n": [30.0, 10.0, 20.0],
            "group_n": [40.0, 40.0, 20.0],
            "share": [0.75, 0.25, 1.0],
            "cum_share": [0.75, 1.0, 1.0],
        },
        dtype=object,
    )


def test_the_wait_distribution_by_the_legends_lane_minutes_and_percent():
    _same(
        exports.distribution(_distribution(), LANES),
        {
            "group": ["Regular queue", "Regular queue", "Priority lane"],
            "wait_from (min)": [0.0, 60.0, 0.0],
            "wait_to (min)": [1.0, NAN, 1.0],  # the last bucket holds an hour or more
            "n": [30.0, 10.0, 20.0],
            "share (%)": [75.0, 25.0, 100.0],
            "cum_share (%)": [75.0, 100.0, 100.0],
        },
    )


def test_the_wait_distribution_in_chinese():
    with i18n.speaking("zh"):
        out = exports.distribution(_distribution(), {True: "优先通道", False: "普通队列"})
    assert list(out.columns) == [
        "group", "wait_from (分钟)", "wait_to (分钟)", "n", "share (%)", "cum_share (%)",
    ]  # fmt: skip
    assert out["group"].tolist() == ["普通队列", "普通队列", "优先通道"]


def _summary(groups) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": groups,
            "n": [400.0, 100.0],
            "within_share": [0.875, 0.95],
            "within_low": [0.84, 0.89],
            "within_high": [0.9, 0.98],
            "median_s": [90.0, 60.0],
            "p90_s": [600.0, 300.0],
            "p90_low_s": [540.0, 240.0],
            "p90_high_s": [660.0, 360.0],
        }
    )


def test_waits_by_group_share_in_percent_and_waits_in_minutes_as_the_table_shows():
    _same(
        exports.waits_by_group(_summary([False, True]), LANES),
        {
            "group": ["Regular queue", "Priority lane"],
            "n": [400.0, 100.0],
            "within_share (%)": [87.5, 95.0],
            "within_low (%)": [84.0, 89.0],
            "within_high (%)": [90.0, 98.0],
            "median (min)": [1.5, 1.0],
            "p90 (min)": [10.0, 5.0],
            "p90_low (min)": [9.0, 4.0],
            "p90_high (min)": [11.0, 6.0],
        },
    )


def test_waits_by_segment_name_it_and_keep_a_code_without_a_name():
    out = exports.waits_by_group(_summary(["gold", "new"]), {"gold": "Gold"})
    assert out["group"].tolist() == ["Gold", "new"]
    with i18n.speaking("zh"):
        chinese = exports.waits_by_group(_summary(["gold", "new"]), {"gold": "金卡"})
    assert chinese["group"].tolist() == ["金卡", "new"]
    assert list(chinese.columns)[5:] == ["median (分钟)", "p90 (分钟)", "p90_low (分钟)",
                                         "p90_high (分钟)"]  # fmt: skip


def _heat() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "weekday": [7, 1, 1],
            "hour": [9, 10, 9],
            "n_tickets": [24.0, 240.0, 60.0],
            "n_called": [20.0, 200.0, 50.0],
            "n_within_10min": [20.0, 150.0, 40.0],
            "n_walked_away": [4.0, 40.0, 10.0],
            "wait_s_sum": [2400.0, 72000.0, 15000.0],
            "n_days": [4, 4, 4],
            "per_day": [6.0, 60.0, 15.0],
            "within_share": [1.0, 0.75, 0.8],
            "wait_mean_s": [120.0, 360.0, 300.0],
            "walkaway_share": [1 / 6, 1 / 6, 1 / 6],
        }
    )


def test_the_heat_map_by_weekday_name_and_clock_time_blank_where_the_map_is():
    _same(
        exports.heatmap(_heat(), WEEKDAYS),
        {
            "weekday": ["Mon", "Mon", "Sun"],
            "hour": ["09:00", "10:00", "09:00"],
            "n_tickets": [60.0, 240.0, 24.0],
            "n_called": [50.0, 200.0, 20.0],
            "tickets_per_day": [15.0, 60.0, 6.0],
            # Sunday 09:00 has 20 called tickets, under the map's 30: no wait figures
            "within_share (%)": [80.0, 75.0, NAN],
            "wait_mean (min)": [5.0, 6.0, NAN],
        },
    )


def test_the_heat_map_in_chinese():
    names = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    with i18n.speaking("zh"):
        out = exports.heatmap(_heat(), names)
    assert out["weekday"].tolist() == ["周一", "周一", "周日"]
    assert list(out.columns)[-1] == "wait_mean (分钟)"


def test_the_counter_plan_by_clock_time_with_the_halls_counters_and_percent():
    hours = pd.DataFrame(
        {
            "hour": [10, 9],
            "arrivals_per_hour": [31.5, 17.0],
            "traffic_erlangs": [4.5, 2.5],
            "counters_needed": [6, 4],
            "p_over_now": [0.0025, 0.00001],
            "utilisation_now": [0.5625, 0.3125],
            "is_stable_now": [True, True],
            "p_over_observed": [0.4375, 0.0],
            "n_called": [533, 306],
        }
    )
    _same(
        exports.plan(hours, 8),
        {
            "hour": ["09:00", "10:00"],
            "arrivals_per_hour": [17.0, 31.5],
            "traffic_erlangs": [2.5, 4.5],
            "counters_needed": [4, 6],
            "counters": [8, 8],
            "p_over_now (%)": [0.001, 0.25],
            "utilisation_now (%)": [31.25, 56.25],
            "is_stable_now": [True, True],
            "p_over_observed (%)": [0.0, 43.75],
            "n_called": [306, 533],
        },
    )


def _snapshot_hours() -> pd.DataFrame:
    """view.hours of pulse.queues.snapshots: a row per hour and metric, no comparison."""
    metrics = [
        "snapshot_waiting_mean",
        "snapshot_counters_mean",
        "snapshot_expected_wait_mean",
        "snapshot_over_promise_share",
    ]
    return pd.DataFrame(
        {
            "hour": [9, 9, 9, 9],
            "metric_id": metrics,
            "value": [4.0, 1.5, 600.0, 0.5],
            "low": [2.0, 1.0, 480.0, 0.25],
            "high": [6.0, 2.0, 720.0, 0.75],
            "n": [3.0, 3.0, 2.0, 2.0],
            "enough_n": [False, False, False, False],
            "cmp_value": [NAN] * 4,
            "cmp_low": [NAN] * 4,
            "cmp_high": [NAN] * 4,
            "cmp_n": [NAN] * 4,
            "delta": [NAN] * 4,
            "p_value": [NAN] * 4,
            "is_significant": [False] * 4,
        }
    )


def test_the_snapshot_table_each_metric_by_name_in_its_unit():
    metrics = [
        "snapshot_waiting_mean",
        "snapshot_counters_mean",
        "snapshot_expected_wait_mean",
        "snapshot_over_promise_share",
    ]
    _same(
        exports.snapshot_hours(_snapshot_hours(), metrics, "en"),
        {
            "hour": ["09:00"] * 4,
            "metric": [
                "People waiting (queue system)",
                "Counters open (queue system)",
                "Expected wait (queue system estimate)",
                "Estimates above the 10-min promise",
            ],
            "value": [4.0, 1.5, 10.0, 50.0],
            "low": [2.0, 1.0, 8.0, 25.0],
            "high": [6.0, 2.0, 12.0, 75.0],
            "unit": ["", "", "min", "%"],
            "n": [3.0, 3.0, 2.0, 2.0],
            "enough_n": [False] * 4,
        },
    )


def test_the_snapshot_chart_holds_the_two_metrics_it_draws_in_chinese():
    charted = ("snapshot_waiting_mean", "snapshot_counters_mean")
    with i18n.speaking("zh"):
        out = exports.snapshot_hours(_snapshot_hours(), charted, "zh")
    assert out["metric"].tolist() == ["等候人数（排队系统）", "开放窗口数（排队系统）"]
    assert out["value"].tolist() == [4.0, 1.5]


METRICS = (
    "queue_tickets",
    "queue_within_10min",
    "queue_wait_mean",
    "queue_wait_p90",
    "queue_walkaway_rate",
    "queue_service_mean",
    "queue_tickets_per_counter",
)


def _halls() -> pd.DataFrame:
    """Two halls as pulse.queues.data.hall_table gives them, the weakest first: SZ-001 with
    enough tickets, its 90th percentile in the open last bucket (an hour or more); GZ-009
    with too few to rank."""
    cells = {
        "queue_tickets": ([1200.0, 40.0], [1150.0, 30.0], [1250.0, 50.0], [1200.0, 40.0]),
        "queue_within_10min": ([0.625, 0.9], [0.6, 0.75], [0.65, 0.95], [1000.0, 30.0]),
        "queue_wait_mean": ([720.0, 300.0], [660.0, 240.0], [780.0, 360.0], [1000.0, 30.0]),
        "queue_wait_p90": ([3600.0, 540.0], [3000.0, 420.0], [3600.0, 600.0], [1000.0, 30.0]),
        "queue_walkaway_rate": ([0.125, 0.05], [0.1, 0.01], [0.15, 0.2], [1200.0, 40.0]),
        "queue_service_mean": ([480.0, 420.0], [450.0, 360.0], [510.0, 480.0], [900.0, 28.0]),
        "queue_tickets_per_counter": ([20.0, 4.0], [18.0, 3.0], [22.0, 5.0], [60.0, 10.0]),
    }
    frame = {
        "branch_id": ["SZ-001", "GZ-009"],
        "city_id": ["SZ", "GZ"],
        "tier": ["flagship", "rural"],
        "counters": [10, 2],
    }
    for metric_id, (value, low, high, n) in cells.items():
        frame[f"{metric_id}__value"] = value
        frame[f"{metric_id}__low"] = low
        frame[f"{metric_id}__high"] = high
        frame[f"{metric_id}__n"] = n
        frame[f"{metric_id}__enough_n"] = [True, metric_id == "queue_tickets"]
    frame.update(
        {
            "queue_within_10min__cmp_value": [0.75, NAN],
            "queue_within_10min__delta": [-0.125, NAN],
            "queue_within_10min__p_value": [0.001, NAN],
            "queue_within_10min__is_significant": [True, False],
            "n": [1200.0, 40.0],
            "rank": [1.0, NAN],
            "target": [0.9, 0.85],
            "status": ["red", "unknown"],
            "is_clearly_below": [True, False],
        }
    )
    return pd.DataFrame(frame)


PLACES = (
    {"SZ-001": "Shenzhen Futian Hall"},  # GZ-009 has no name here: its code stays
    {"SZ": "Shenzhen", "GZ": "Guangzhou"},
    {"flagship": "Flagship", "rural": "Rural"},
)


def test_every_hall_by_name_under_the_tables_words_each_metric_in_its_unit():
    out = exports.hall_table(_halls(), "en", PLACES, 0.92)
    assert list(out.columns) == [
        "Rank", "Hall", "City", "Tier", "Tickets (n)",
        "Called within 10 min (%)", "Called within 10 min: 95% low (%)",
        "Called within 10 min: 95% high (%)", "Called within 10 min: n",
        "Target (10 min, %)", "Company target (%)", "Against target", "Change (10 min, pp)",
        "Change: p-value",
        "Mean wait (min)", "Mean wait: 95% low (min)", "Mean wait: 95% high (min)",
        "Mean wait: n",
        "90th-percentile wait (min)", "90th-percentile wait: 95% low (min)",
        "90th-percentile wait: 95% high (min)", "90th-percentile wait: n",
        "90th-percentile wait: only a lower bound",
        "Walk-away rate (%)", "Walk-away rate: 95% low (%)", "Walk-away rate: 95% high (%)",
        "Walk-away rate: n",
        "Mean service time (min)", "Mean service time: 95% low (min)",
        "Mean service time: 95% high (min)", "Mean service time: n",
        "Tickets per counter", "Tickets per counter: 95% low", "Tickets per counter: 95% high",
        "Tickets per counter: n",
    ]  # fmt: skip
    rows = out.astype(object).where(out.notna(), None).values.tolist()
    assert rows == [
        [1, "Shenzhen Futian Hall", "Shenzhen", "Flagship", 1200,
         62.5, 60.0, 65.0, 1000.0, 90.0, 92.0, "Below target beyond doubt", -12.5, 0.001,
         12.0, 11.0, 13.0, 1000.0,
         60.0, None, None, 1000.0, True,  # an hour or more: "≥ 60 min", no interval
         12.5, 10.0, 15.0, 1200.0,
         8.0, 7.5, 8.5, 900.0,
         20.0, 18.0, 22.0, 60.0],
        # too few tickets: the value alone (in brackets on screen), no rank, no interval
        [None, "GZ-009", "Guangzhou", "Rural", 40,
         90.0, None, None, 30.0, 85.0, 92.0, "No target", None, None,
         5.0, None, None, 30.0,
         9.0, None, None, 30.0, False,
         5.0, None, None, 40.0,
         7.0, None, None, 28.0,
         4.0, None, None, 10.0],
    ]  # fmt: skip


def test_the_hall_table_in_chinese_and_without_a_company_target():
    places = ({"SZ-001": "深圳福田营业厅"}, {"SZ": "深圳", "GZ": "广州"}, {"flagship": "旗舰厅"})
    with i18n.speaking("zh"):
        out = exports.hall_table(_halls(), "zh", places, None)
    assert list(out.columns)[:14] == [
        "排名", "营业厅", "城市", "等级", "取号量（n）",
        "10分钟内叫号率（%）", "10分钟内叫号率：95%下限（%）", "10分钟内叫号率：95%上限（%）",
        "10分钟内叫号率：样本量", "目标（10分钟，%）", "公司目标（%）", "目标达成",
        "变化（10分钟，个百分点）", "变化：p值",
    ]  # fmt: skip
    assert out["营业厅"].tolist() == ["深圳福田营业厅", "GZ-009"]
    assert out["等级"].tolist() == ["旗舰厅", "rural"]
    assert out["目标达成"].tolist() == ["确定低于目标", "无目标"]
    assert out["公司目标（%）"].isna().all()
    assert "平均等候时长（分钟）" in out.columns
    assert out["90分位等候时长：仅为下限"].tolist() == [True, False]
