"""Record columns reach the screen worded: codes through their dimension's label in the
reader's language, a missing time as a dash, flags as yes/no (pulse.ui.codes)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from pulse import dimensions
from pulse.i18n import set_language
from pulse.ui import codes


def _ctx(store, lang):
    set_language(lang)
    return SimpleNamespace(store=store, dims=dimensions.load(store), lang=lang)


def test_a_drill_record_is_worded_in_english(tiny):
    row = pd.Series(
        {
            "ticket_id": 7,
            "called_at": pd.NaT,
            "issued_at": pd.Timestamp("2026-10-02 09:15:00"),
            "city_id": "SZ",
            "tier": "standard",
            "segment": "group_c",
            "touchpoint": "hotline",
            "severity": "low",
            "service_type": "plan_change",
            "is_priority_lane": False,
            "outcome": "walked_away",
            "wait_s": 312.0,
        }
    )
    words = codes.readable_row(_ctx(tiny, "en"), row, "tickets")
    assert words == {
        "ticket_id": "7",
        "called_at": "—",
        "issued_at": "2026-10-02 09:15",
        "city_id": "Shenzhen",
        "tier": "Standard",
        "segment": "Group customer, class C",
        "touchpoint": "Hotline 10086",
        "severity": "Low",
        "service_type": "Plan change",
        "is_priority_lane": "No",
        "outcome": "Walked away",
        "wait_s": "312",
    }


def test_a_table_of_comments_is_worded_in_chinese(tiny):
    frame = pd.DataFrame({"touchpoint": ["hotline", None], "segment": ["group_c", "gold"]})
    shown = codes.readable(_ctx(tiny, "zh"), frame, "surveys")
    set_language("en")
    assert shown.to_dict("list") == {
        "touchpoint": ["10086热线", "—"],
        "segment": ["集团C类", "金卡"],
    }


def test_target_sources_follow_the_language():
    source = "Hall service promise: wait at most 10 minutes"
    set_language("zh")
    assert codes.target_source(source) == "营业厅服务承诺：等候不超过10分钟"
    assert codes.target_source("Our own plan") == "Our own plan"  # shown as entered
    set_language("en")
    assert codes.target_source(source) == source


def test_industry_sources_follow_the_language_and_every_demo_source_is_worded():
    from sample_data.reference import benchmark_rows

    industry = pd.DataFrame(benchmark_rows())
    set_language("zh")
    try:
        worded = {codes.benchmark_source(s) for s in industry["source"]}
        caption = codes.benchmark_sources(industry.head(1))
    finally:
        set_language("en")
    assert not any(c.isascii() and c.isalpha() for c in "".join(worded).replace("TCSI", ""))
    assert "工信部电信服务质量通告，2022年" in worded
    assert caption.endswith(f"({industry['source_year'].iloc[0]})")
    assert codes.benchmark_source("MIIT telecom service quality notice, 2022") == (
        "MIIT telecom service quality notice, 2022"
    )


def test_every_target_source_of_the_demo_data_is_worded_in_chinese(tiny):
    sources = tiny.df("select distinct source from target")["source"]
    set_language("zh")
    try:
        unworded = [s for s in sources if codes.target_source(s) == s]
    finally:
        set_language("en")
    assert unworded == []


def test_a_complaints_subcategory_is_named_not_coded(tiny):
    frame = pd.DataFrame({"category": ["billing"], "subcategory_id": ["billing_tariff"]})
    english = codes.readable(_ctx(tiny, "en"), frame, "complaints")
    chinese = codes.readable(_ctx(tiny, "zh"), frame, "complaints")
    set_language("en")
    assert english.to_dict("list") == {
        "category": ["Billing and tariff"],
        "subcategory_id": ["Tariff not as agreed"],
    }
    assert chinese["subcategory_id"].tolist() == ["资费与约定不符"]
