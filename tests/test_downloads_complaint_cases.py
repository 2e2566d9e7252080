"""A complaint's own downloads say what the Individual complaints tab shows: the case
records under the table's headers and words (pulse.complaints.cases.export), a case's
timeline (pulse.complaints.exports.timeline), on hand-made frames with the rows written out,
in English and in Chinese."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from pulse import i18n
from pulse.complaints import cases, exports

CATS = {"billing": "Billing and tariff", "network": "Network quality"}


def _same(out: pd.DataFrame, expected: dict) -> None:
    assert_frame_equal(out, pd.DataFrame(expected), check_dtype=False)


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
