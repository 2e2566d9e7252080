"""The Complaints page's downloads say what its charts and tables show: each conversion
of pulse.complaints.exports on a hand-made frame, with the rows it must give written out, in
English and, where the words differ, in Chinese (a case's own downloads:
test_downloads_complaint_cases.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from pulse import i18n
from pulse.complaints import exports

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
