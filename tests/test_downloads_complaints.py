"""The Complaints page's downloads say what its charts and tables show: each conversion
(pulse.complaints.exports, pulse.complaints.cases.export) on a hand-made frame, with the rows
it must give written out, in English and, where the words differ, in Chinese."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from pulse import i18n
from pulse.complaints import cases, exports

CATS = {"billing": "Billing and tariff", "network": "Network quality"}
CATS_ZH = {"billing": "计费与资费", "network": "网络质量"}


def _same(out: pd.DataFrame, expected: dict) -> None:
    assert_frame_equal(out, pd.DataFrame(expected), check_dtype=False)


def test_regulator_names_subjects_and_sources_and_puts_this_selection_first():
    bench = pd.DataFrame(
        {
            "metric_id": ["regulator_per_million"],
            "subject_en": ["Industry"],
            "subject_zh": ["全行业"],
            "market": ["all"],
            "period_label": ["2022-Q2"],
            "period_start": [pd.Timestamp("2022-04-01")],
            "value": [25.8],
            "source": ["MIIT telecom service quality notice, 2022"],
            "source_year": [2022],
            "note": ["Appeals to the regulator per million subscribers in the quarter"],
        }
    )
    ours = {
        "subject": "This selection",
        "period": "2 Oct – 31 Oct 2026",
        "value": 20.5,
        "low": 16.0,
        "high": 25.0,
        "target": 12.0,
    }
    _same(
        exports.regulator(bench, "en", ours),
        {
            "subject": ["This selection", "Industry"],
            "period": ["2 Oct – 31 Oct 2026", "2022-Q2"],
            "value": [20.5, 25.8],
            "low": [16.0, np.nan],
            "high": [25.0, np.nan],
            "target": [12.0, np.nan],
            "source": [np.nan, "MIIT telecom service quality notice, 2022"],
            "note": [np.nan, "Appeals to the regulator per million subscribers in the quarter"],
        },
    )
    with i18n.speaking("zh"):
        out = exports.regulator(bench, "zh")
    # the note is kept in English only in the store: a Chinese file goes without it
    _same(
        out,
        {
            "subject": ["全行业"],
            "period": ["2022-Q2"],
            "value": [25.8],
            "source": ["工信部电信服务质量通告，2022年"],
        },
    )


PARETO = pd.DataFrame(
    {
        "key": ["billing", "network"],
        "n": [60.0, 20.0],
        "share": [0.75, 0.25],
        "cum_share": [0.75, 1.0],
        "cmp_n": [50.0, 40.0],
        "p_value": [0.01, 0.2],
        "change": [0.5, -0.375],
    }
)


def test_pareto_names_its_bars_and_gives_percent_and_the_scaled_comparison():
    # 30 days against 15: the diamonds draw the comparison's count doubled
    _same(
        exports.pareto(PARETO, CATS, "category", 30, 15),
        {
            "category": ["Billing and tariff", "Network quality"],
            "n": [60.0, 20.0],
            "share (%)": [75.0, 25.0],
            "cum_share (%)": [75.0, 100.0],
            "cmp_n": [50.0, 40.0],
            "cmp_n_scaled": [100.0, 80.0],
            "change (%)": [50.0, -37.5],
            "p_value": [0.01, 0.2],
        },
    )


def test_pareto_without_a_comparison_period_and_for_subcategories():
    frame = PARETO.assign(
        key=["billing_roaming", "billing_tariff"], cmp_n=np.nan, p_value=np.nan, change=np.nan
    )
    names = {"billing_roaming": "漫游及流量费用", "billing_tariff": "资费与约定不符"}
    out = exports.pareto(frame, names, "subcategory", 30, 0)
    assert list(out.columns) == [
        "subcategory",
        "n",
        "share (%)",
        "cum_share (%)",
        "cmp_n",
        "cmp_n_scaled",
        "change (%)",
        "p_value",
    ]
    assert out["subcategory"].tolist() == ["漫游及流量费用", "资费与约定不符"]
    assert out["cmp_n_scaled"].isna().all()


def test_trend_names_the_day_or_week_and_the_category():
    frame = pd.DataFrame(
        {
            "bucket": pd.to_datetime(["2026-10-05", "2026-10-05"]),
            "category": ["billing", "network"],
            "n": [7.0, 29.0],
        }
    )
    _same(
        exports.trend(frame, CATS, "W"),
        {
            "week": pd.to_datetime(["2026-10-05", "2026-10-05"]),
            "category": ["Billing and tariff", "Network quality"],
            "n": [7.0, 29.0],
        },
    )
    assert list(exports.trend(frame, CATS_ZH, "D").columns) == ["day", "category", "n"]


def _metric_rows(key: str, rows: list[tuple]) -> pd.DataFrame:
    """values.evaluate rows: (group, metric_id, value, low, high, n)."""
    frame = pd.DataFrame(rows, columns=[key, "metric_id", "value", "low", "high", "n"])
    return frame.assign(enough_n=True, p_value=0.5)


def test_channel_table_in_the_tables_order_with_units():
    frame = _metric_rows(
        "channel",
        [
            ("app", "complaint_ontime_rate", 0.875, 0.75, 0.9375, 40.0),
            ("hotline", "complaints_count", 200.0, 180.0, 220.0, 200.0),
            ("app", "complaints_count", 40.0, 30.0, 50.0, 40.0),
            ("hotline", "complaint_escalation_rate", 0.0625, 0.03125, 0.125, 200.0),
        ],
    )
    names = {"app": "Mobile app", "hotline": "Hotline 10086"}
    _same(
        exports.channel_table(frame, names, ["hotline", "app"], "en"),
        {
            "channel": ["Hotline 10086", "Hotline 10086", "Mobile app", "Mobile app"],
            "metric": ["Complaints", "Escalation rate", "Complaints", "Resolved on time"],
            "value": [200.0, 6.25, 40.0, 87.5],
            "low": [180.0, 3.125, 30.0, 75.0],
            "high": [220.0, 12.5, 50.0, 93.75],
            "unit": ["", "%", "", "%"],
            "n": [200.0, 200.0, 40.0, 40.0],
            "enough_n": [True, True, True, True],
            "p_value": [0.5, 0.5, 0.5, 0.5],
        },
    )
    with i18n.speaking("zh"):
        out = exports.channel_table(frame, {"app": "手机APP"}, ["hotline", "app"], "zh")
    assert out["metric"].tolist() == ["投诉量", "越级申诉率", "投诉量", "按时办结率"]
    assert out["channel"].tolist() == ["hotline", "hotline", "手机APP", "手机APP"]


def test_histogram_gives_the_bars_height_per_hour_and_the_share_in_percent():
    frame = pd.DataFrame(
        {
            "from_h": [0, 1, 48],
            "to_h": [1.0, 7.0, np.nan],
            "n": [10.0, 24.0, 6.0],
            "share": [0.25, 0.6, 0.15],
        }
    )
    _same(
        exports.histogram(frame),
        {
            "from_h": [0, 1, 48],
            "to_h": [1.0, 7.0, np.nan],
            "n": [10.0, 24.0, 6.0],
            "n_per_h": [10.0, 4.0, 6.0],
            "share (%)": [25.0, 60.0, 15.0],
        },
    )


def test_outcomes_keep_the_three_drawn_metrics_in_the_bars_order():
    frame = _metric_rows(
        "category",
        [
            ("network", "complaint_repeat_rate", 0.125, 0.0625, 0.25, 80.0),
            ("billing", "complaint_ontime_rate", 0.875, 0.75, 0.9375, 100.0),
            ("billing", "complaint_first_response_h", 5.5, 4.0, 7.0, 100.0),  # not drawn
            ("network", "complaint_ontime_rate", 0.5, 0.375, 0.625, 80.0),
        ],
    )
    _same(
        exports.outcomes(frame, CATS, "en"),
        {
            "category": ["Network quality", "Billing and tariff", "Network quality"],
            "metric": ["Resolved on time", "Resolved on time", "Repeat complaint rate"],
            "value": [50.0, 87.5, 12.5],
            "low": [37.5, 75.0, 6.25],
            "high": [62.5, 93.75, 25.0],
            "unit": ["%", "%", "%"],
            "n": [80.0, 100.0, 80.0],
            "enough_n": [True, True, True],
            "p_value": [0.5, 0.5, 0.5],
        },
    )
    with i18n.speaking("zh"):
        out = exports.outcomes(frame, CATS_ZH, "zh")
    assert out["category"].tolist() == ["网络质量", "计费与资费", "网络质量"]
    assert out["metric"].tolist() == ["按时办结率", "按时办结率", "重复投诉率"]


def test_ontime_by_severity_as_the_table_lists_it_with_the_deadline():
    rows = _metric_rows(
        "severity",
        [
            ("low", "complaint_ontime_rate", 0.875, 0.75, 0.9375, 50.0),
            ("high", "complaint_ontime_rate", 0.5, 0.25, 0.75, 8.0),
        ],
    )
    deadlines = {"high": 48, "medium": 120, "low": 360}
    _same(
        exports.ontime_severity(rows, deadlines, "en"),
        {
            "severity": ["High", "Low"],
            "deadline (h)": [48, 360],
            "metric": ["Resolved on time", "Resolved on time"],
            "value": [50.0, 87.5],
            "low": [25.0, 75.0],
            "high": [75.0, 93.75],
            "unit": ["%", "%"],
            "n": [8.0, 50.0],
            "enough_n": [True, True],
            "p_value": [0.5, 0.5],
        },
    )
    with i18n.speaking("zh"):
        out = exports.ontime_severity(rows, deadlines, "zh")
    assert out["severity"].tolist() == ["高", "低"]


HANDLING = pd.DataFrame(
    {
        "handling": ["ontime", "late"],
        "n": [80.0, 16.0],
        "n_satisfied": [70.0, 6.0],
        "share": [0.875, 0.375],
        "low": [0.75, 0.125],
        "high": [0.9375, 0.625],
    }
)


def test_return_handling_names_the_bars_in_percent():
    _same(
        exports.return_handling(HANDLING),
        {
            "handling": ["Resolved on time", "Resolved late"],
            "n": [80.0, 16.0],
            "n_satisfied": [70.0, 6.0],
            "share (%)": [87.5, 37.5],
            "low (%)": [75.0, 12.5],
            "high (%)": [93.75, 62.5],
        },
    )
    with i18n.speaking("zh"):
        assert exports.return_handling(HANDLING)["handling"].tolist() == ["按时办结", "超时办结"]


BACKLOG = pd.DataFrame(
    {
        "as_of": pd.to_datetime(["2026-11-01"] * 3),
        "age_bucket_d": [0, 16, 31],
        "is_overdue": [False, False, True],
        "is_due_24h": [False, True, False],
        "category": ["billing", "network", "billing"],
        "severity": ["low", "medium", "high"],
        "n_open": [26.0, 3.0, 2.0],
    }
)


def test_backlog_in_the_charts_age_groups_and_stacks():
    _same(
        exports.backlog(BACKLOG, CATS),
        {
            "as_of": pd.to_datetime(["2026-11-01"] * 3),
            "age": ["0–2 days", "16–30 days", "31+ days"],
            "status": ["Within deadline", "Due within 24 h", "Overdue"],
            "category": ["Billing and tariff", "Network quality", "Billing and tariff"],
            "severity": ["Low", "Medium", "High"],
            "n_open": [26.0, 3.0, 2.0],
        },
    )
    with i18n.speaking("zh"):
        out = exports.backlog(BACKLOG, CATS_ZH)
    assert out["age"].tolist() == ["0–2天", "16–30天", "31+天"]
    assert out["status"].tolist() == ["未到期", "24小时内到期", "已超时"]
    assert out["severity"].tolist() == ["低", "中", "高"]


FUNNEL = pd.DataFrame(
    {
        "city_id": ["SZ", "FS", "GZ"],
        "branch_id": ["SZ-002", "FS-003", "GZ-001"],
        "n_tickets": [8000.0, 4000.0, 2000.0],
        "n_attitude": [28.0, 10.0, 2.0],
        "rate": [35.0, 25.0, 10.0],
        "low": [23.0, 12.0, 1.5],
        "high": [50.5, 46.0, 36.0],
        "limit_low_95": [5.0, 2.5, 0.5],
        "limit_high_95": [20.0, 24.0, 30.0],
        "limit_low_998": [1.5, 0.0, 0.0],
        "limit_high_998": [26.0, 34.0, 42.0],
        "overall": [12.5, 12.5, 12.5],
        "phi": [1.0, 1.0, 1.0],
        "is_above": [True, True, False],
        "is_far_above": [True, False, False],
    }
)
HALLS = {"SZ-002": "Bao'an Jiefang Road Hall", "FS-003": "Nanhai Jianshe Road Hall"}


def test_funnel_names_halls_and_where_they_lie_against_the_limits():
    _same(
        exports.attitude_funnel(FUNNEL, HALLS),
        {
            "hall": ["Bao'an Jiefang Road Hall", "Nanhai Jianshe Road Hall", "GZ-001"],
            "n_tickets": [8000.0, 4000.0, 2000.0],
            "n_attitude": [28.0, 10.0, 2.0],
            "rate": [35.0, 25.0, 10.0],
            "low": [23.0, 12.0, 1.5],
            "high": [50.5, 46.0, 36.0],
            "limit_low_95": [5.0, 2.5, 0.5],
            "limit_high_95": [20.0, 24.0, 30.0],
            "limit_low_998": [1.5, 0.0, 0.0],
            "limit_high_998": [26.0, 34.0, 42.0],
            "overall": [12.5, 12.5, 12.5],
            "unit": ["per 10,000 tickets"] * 3,
            "phi": [1.0, 1.0, 1.0],
            "position": ["Above the 99.8% limit", "Above the 95% limit", "Within the limits"],
        },
    )
    with i18n.speaking("zh"):
        out = exports.attitude_funnel(FUNNEL, {"SZ-002": "深圳宝安解放路营业厅"})
    assert out["position"].tolist() == ["超出99.8%控制限", "超出95%控制限", "在控制限内"]
    assert out["unit"].tolist() == ["每万张号"] * 3
    assert out["hall"].tolist()[0] == "深圳宝安解放路营业厅"


def test_timeline_names_the_steps():
    steps = pd.DataFrame(
        {
            "step": ["received_at", "resolved_at"],
            "at": pd.to_datetime(["2026-10-01 09:00", "2026-10-02 15:30"]),
            "hours": [0.0, 30.5],
        }
    )
    _same(
        exports.timeline(steps),
        {
            "step": ["Received", "Resolved"],
            "at": pd.to_datetime(["2026-10-01 09:00", "2026-10-02 15:30"]),
            "hours": [0.0, 30.5],
        },
    )
    with i18n.speaking("zh"):
        assert exports.timeline(steps)["step"].tolist() == ["受理", "办结"]


RECORDS = pd.DataFrame(
    {
        "complaint_id": ["CP1", "CP2"],
        "received_at": pd.to_datetime(["2026-10-31 23:02:41", "2026-10-30 08:00:00"]),
        "first_response_at": pd.to_datetime([None, "2026-10-30 09:00:00"]),
        "due_at": pd.to_datetime(["2026-11-15 23:02:41", "2026-11-01 08:00:00"]),
        "resolved_at": pd.to_datetime([None, "2026-10-31 14:00:00"]),
        "status": ["open", "resolved"],
        "is_on_time": pd.array([pd.NA, True], dtype="boolean"),
        "resolution_h": [np.nan, 30.0],
        "channel": ["hotline", "app"],
        "city_id": ["GZ", "SZ"],
        "branch_id": [None, "SZ-002"],
        "segment": ["regular", "regular"],
        "brand": ["mzone", "gotone"],
        "category": ["billing", "network"],
        "subcategory_id": ["billing_roaming", "network_outage"],
        "severity": ["low", "high"],
        "is_escalated": [False, True],
        "is_repeat": pd.array([pd.NA, False], dtype="boolean"),
        "return_visit": [None, "satisfied"],
        "customer_key": ["k1", "k2"],
    }
)
RECORD_NAMES = {
    "channel": {"hotline": "Hotline 10086", "app": "Mobile app"},
    "city_id": {"GZ": "Guangzhou", "SZ": "Shenzhen"},
    "branch_id": {"SZ-002": "Bao'an Jiefang Road Hall"},
    "segment": {"regular": "Regular"},
    "brand": {"mzone": "M-Zone", "gotone": "GoTone"},
    "category": CATS,
    "subcategory_id": {"billing_roaming": "Roaming and data charges", "network_outage": "Outage"},
}


def test_case_records_download_in_the_tables_words_with_translated_headers():
    _same(
        cases.export(RECORDS, RECORD_NAMES),
        {
            "Complaint": ["CP1", "CP2"],
            "Received": pd.to_datetime(["2026-10-31 23:02:41", "2026-10-30 08:00:00"]),
            "Channel": ["Hotline 10086", "Mobile app"],
            "City": ["Guangzhou", "Shenzhen"],
            "Hall": [None, "Bao'an Jiefang Road Hall"],
            "Segment": ["Regular", "Regular"],
            "Brand": ["M-Zone", "GoTone"],
            "Category": ["Billing and tariff", "Network quality"],
            "Subcategory": ["Roaming and data charges", "Outage"],
            "Severity": ["Low", "High"],
            "Status": ["Open", "Resolved"],
            "First response": pd.to_datetime([None, "2026-10-30 09:00:00"]),
            "Deadline": pd.to_datetime(["2026-11-15 23:02:41", "2026-11-01 08:00:00"]),
            "Resolved": pd.to_datetime([None, "2026-10-31 14:00:00"]),
            "Hours to resolution": [np.nan, 30.0],
            "On time": ["", "on time"],
            "To regulator": ["", "yes"],
            "Repeat": ["not recorded", ""],
            "Return visit": ["", "Satisfied"],
            "Customer (hashed)": ["k1", "k2"],  # for a role that sees customer keys
        },
    )


def test_case_records_download_in_chinese():
    names = {**RECORD_NAMES, "channel": {"hotline": "10086热线", "app": "手机APP"}}
    with i18n.speaking("zh"):
        out = cases.export(RECORDS, names)
    assert list(out.columns) == [
        "投诉编号",
        "受理时间",
        "渠道",
        "城市",
        "营业厅",
        "客户群",
        "品牌",
        "大类",
        "细类",
        "严重程度",
        "状态",
        "首次回应",
        "办理时限",
        "办结时间",
        "办结时长（小时）",
        "是否按时",
        "工信部申诉",
        "重复投诉",
        "回访结果",
        "客户（哈希）",
    ]
    assert out.iloc[1].tolist()[2] == "手机APP"
    assert out["状态"].tolist() == ["在办", "已办结"]
    assert out["严重程度"].tolist() == ["低", "高"]
    assert out["是否按时"].tolist() == ["", "按时"]
    assert out["重复投诉"].tolist() == ["未记录", ""]
    assert out["回访结果"].tolist() == ["", "满意"]


def test_a_customers_history_gives_the_columns_it_has():
    history = RECORDS.drop(columns=["segment", "brand", "resolution_h", "customer_key"])
    out = cases.export(history, RECORD_NAMES)
    assert "Segment" not in out and "Hours to resolution" not in out
    assert out["Category"].tolist() == ["Billing and tariff", "Network quality"]
