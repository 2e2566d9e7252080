"""A chart's download in the screen's units and words (pulse.ui.downloads): a wait stored in
seconds is written in minutes, a share in percent, each under a header or a unit column that
says so, and codes as their labels. The charts' downloads gave the stored numbers under a
definition that says minutes or percent, and the codes (SZ-001, vip, green)."""

from __future__ import annotations

import threading

import pandas as pd

from pulse import catalog, i18n
from pulse.ui import context, downloads, show

WAIT = catalog.metric("queue_wait_mean")


def test_one_metrics_values_are_in_the_unit_drawn_and_its_codes_are_labels():
    frame = pd.DataFrame(
        {
            "unit": ["SZ-001", "GZ-009"],
            "value": [330.0, 600.0],
            "low": [300.0, 540.0],
            "high": [360.0, 660.0],
            "n": [120, 80],
            "target": [378.0, 378.0],
            "status": ["green", "red"],
        },
        index=[4, 9],  # the rows of a slice
    )
    names = {"SZ-001": "Shenzhen Futian Hall"}  # GZ-009 has no name: its code stays
    out = downloads.one_metric(frame, WAIT, {"unit": names, "status": downloads.statuses()})
    assert list(out.columns) == [
        "unit", "value (min)", "low (min)", "high (min)", "n", "target (min)", "status"
    ]  # fmt: skip
    assert out.values.tolist() == [
        ["Shenzhen Futian Hall", 5.5, 5.0, 6.0, 120, 6.3, "On target"],
        ["GZ-009", 10.0, 9.0, 11.0, 80, 6.3, "Off target"],
    ]
    assert frame["value"].tolist() == [330.0, 600.0]  # the caller's frame is left as it was


def test_a_count_has_no_unit_to_name():
    count = catalog.metric("complaints_count")
    frame = pd.DataFrame({"category": ["billing"], "value": [12.0], "n": [12]})
    out = downloads.one_metric(frame, count, {"category": {"billing": "Billing and tariff"}})
    assert out.values.tolist() == [["Billing and tariff", 12.0, 12]]
    assert list(out.columns) == ["category", "value", "n"]


def test_several_metrics_each_row_in_its_own_unit_named_beside_it():
    frame = pd.DataFrame(
        {
            "tier": ["flagship", "rural"],
            "metric_id": ["hotline_service_level", "queue_wait_mean"],
            "value": [0.875, 450.0],
            "low": [0.85, 420.0],
            "high": [0.9, 480.0],
            "n": [400, 90],
        }
    )
    tiers = {"flagship": "Flagship", "rural": "Rural"}
    out = downloads.by_metric(frame, "en", {"tier": tiers})
    assert list(out.columns) == ["tier", "metric", "value", "low", "high", "unit", "n"]
    assert out.values.tolist() == [
        ["Flagship", "Service level 20 s", 87.5, 85.0, 90.0, "%", 400],
        ["Rural", "Mean wait", 7.5, 7.0, 8.0, "min", 90],
    ]
    with i18n.speaking("zh"):
        chinese = downloads.by_metric(frame, "zh")
    assert chinese["metric"].tolist() == ["20秒服务水平", "平均等候时长"]
    assert chinese["unit"].tolist() == ["%", "分钟"]


def test_the_comparison_and_the_change_are_in_the_unit_drawn_a_shares_change_in_points():
    share = catalog.metric("queue_within_10min")
    frame = pd.DataFrame(
        {"value": [0.9], "cmp_value": [0.85], "cmp_low": [0.84], "cmp_high": [0.86]}
    ).assign(delta=[0.05])
    out = downloads.one_metric(frame, share)
    assert list(out.columns) == [
        "value (%)", "cmp_value (%)", "cmp_low (%)", "cmp_high (%)", "delta (pp)"
    ]  # fmt: skip
    assert [round(x, 6) for x in out.iloc[0]] == [90.0, 85.0, 84.0, 86.0, 5.0]
    minutes = downloads.one_metric(frame.assign(delta=[-60.0]), WAIT)
    assert minutes["delta (min)"].tolist() == [-1.0]


def test_a_frame_made_when_its_download_is_clicked_is_in_the_language_of_its_page():
    """A page hands show.chart and show.table a function that makes the download's frame;
    Streamlit calls it on a download thread of its own, which starts in English, after the
    page's run has ended. pulse.ui.trail.audited, which every download goes through, runs it
    in the page's context (pulse.ui.context.carried)."""
    frame = pd.DataFrame({"metric_id": ["queue_within_10min"], "value": [0.9], "delta": [0.05]})
    with i18n.speaking("zh"):
        make = context.carried(show.later(lambda: downloads.by_metric(frame, "zh")))
    made: dict[str, object] = {}

    def download_thread() -> None:
        made["language"] = i18n.language()
        made["first"], made["second"] = make(), make()  # the CSV's and the XLSX's

    thread = threading.Thread(target=download_thread)
    thread.start()
    thread.join()
    assert made["language"] == "en"
    for out in (made["first"], made["second"]):
        assert out.values.tolist() == [["10分钟内叫号率", 90.0, 5.0, "%", "个百分点"]]
    assert i18n.language() == "en"  # the page's language stayed with the page
    assert show.later(frame)() is frame
