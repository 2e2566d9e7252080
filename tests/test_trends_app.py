"""The Trends page under AppTest on the tiny store: every catalogue metric in both languages,
and the tiny data's outage and initiative found and explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pulse import catalog
from tests import apptest
from tests.conftest import reads_snapshots

ROOT = Path(__file__).resolve().parent.parent
APP, PAGE = str(ROOT / "app.py"), str(ROOT / "pages" / "trends.py")


def trends_page(**query) -> AppTest:
    at = apptest.app_test(PAGE, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def tables(at: AppTest) -> str:
    return "\n".join(d.value.to_string() for d in at.dataframe)


def test_the_page_is_in_the_navigation(app_env):
    at = apptest.app_test(APP, default_timeout=180).run()
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    assert at.title[0].value == "Trends"
    assert [s.value for s in at.subheader][:2] == ["Mean wait", "Service level 20 s"]


GROUPS = [catalog.metric_ids()[i : i + 4] for i in range(0, len(catalog.metric_ids()), 4)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g[0])
def test_every_metric_draws_in_both_languages(
    app_env, tiny_snapshots_path, monkeypatch, lang, group
):
    if reads_snapshots(group):  # the generated data has none
        monkeypatch.setenv("PULSE_STORE", str(tiny_snapshots_path))
    at = trends_page(
        t_metrics=",".join(group), t_window="period", period="last_90", t_split="none", lang=lang
    )
    assert not at.exception
    labels = [catalog.metric(m).label(lang) for m in group]
    assert [s.value for s in at.subheader] == labels
    assert not at.error


def test_the_outage_is_flagged_and_explained(app_env):
    at = trends_page(
        t_metrics="hotline_service_level", t_window="period", period="last_90", t_split="none"
    )
    assert not at.exception
    found = tables(at)
    assert "Below the lower limit" in found
    assert "Outage: Shenzhen network outage" in found
    assert any("p-chart" in c.value and "Laney" in c.value for c in at.caption)


def test_the_initiative_shows_as_a_step(app_env):
    at = trends_page(t_metrics="queue_wait_mean", t_window="period", period="last_90")
    found = tables(at)
    assert "Initiative: Guangzhou halls: appointments and smart queuing" in found
    assert "significant step" in found


def test_the_trend_in_words_in_chinese(app_env):
    at = trends_page(t_metrics="queue_wait_mean", t_window="period", period="last_90", lang="zh")
    assert any(m.value.startswith("**全部范围：**") or "全部范围" in m.value for m in at.markdown)
    assert "举措前后水平对比" in tables(at)


def test_choices_go_to_the_url_and_an_empty_choice_says_so(app_env):
    at = trends_page()
    at.selectbox(key="t_grain").select("month").run()
    assert at.query_params["t_grain"] in ("month", ["month"])
    at.multiselect(key="t_metrics").set_value([]).run()
    assert not at.exception
    assert "Pick at least one metric" in at.info[0].value


def test_an_empty_selection_says_so(app_env):
    at = trends_page(
        period="custom", **{"from": "2020-01-01", "to": "2020-01-31"}, t_window="period"
    )
    assert not at.exception
    assert at.info and "No data for this selection" in at.info[0].value


def test_stl_on_request(app_env):
    at = trends_page(t_metrics="queue_tickets", t_window="period", period="last_90", t_split="none")
    at.toggle(key="t_stl").set_value(True).run()
    assert not at.exception
    assert any("Seasonal decomposition" in m.value for m in at.markdown)


def test_a_hall_manager_is_told_the_hotline_is_not_in_their_scope(app_env):
    from pulse import access

    user = access.User("trends-hall", access.ROLES["hall_manager"], access.Scope(halls=("SZ-001",)))
    at = apptest.app_test(PAGE, default_timeout=180, user=user)
    at.query_params.update(t_metrics="hotline_service_level,queue_wait_mean", t_split="none")
    at.run()
    assert not at.exception
    notes = [i.value for i in at.info]
    assert any(n.startswith("Not in your scope") for n in notes), notes
    assert [s.value for s in at.subheader][:2] == ["Service level 20 s", "Mean wait"]


def test_a_metric_with_a_few_days_of_data_does_not_empty_the_others(
    app_env, tiny_snapshots_path, monkeypatch
):
    """Queue snapshots cover one day of the tiny store, complaints two months: drawn together,
    each keeps its own days (they used to be cut to the days both have, none here, and the
    page said there was no data at all)."""
    monkeypatch.setenv("PULSE_STORE", str(tiny_snapshots_path))
    group = ["complaints_count", "snapshot_waiting_mean"]
    at = trends_page(t_metrics=",".join(group), t_window="period", period="last_90", t_split="none")
    assert not at.exception and not at.info
    assert [s.value for s in at.subheader] == [catalog.metric(m).label("en") for m in group]
    days = []
    for chart in at.get("plotly_chart"):
        xs = {x[:10] for trace in json.loads(chart.proto.spec)["data"] for x in trace.get("x", [])}
        days.append(sorted(xs))
    assert ["2026-10-31"] in days  # the snapshots' line: their one day
    assert any(d and d[0] <= "2026-09-07" and d[-1] >= "2026-10-26" for d in days)  # complaints


def test_the_stamps_name_the_history_drawn_not_the_filters_period(app_env):
    # the charts reach 12 months back from the period's end: their stamp, n and file names
    # said the filter's 30 days and its comparison
    at = trends_page(
        t_metrics="queue_wait_mean", t_window="12m", period="last_30", compare="previous",
        t_split="none",
    )  # fmt: skip
    assert not at.exception
    assert any(c.value.startswith("History shown: 1 Nov 2025 – 31 Oct 2026") for c in at.caption)
    stamps = [c.value for c in at.caption if " · Data as of " in c.value]
    assert stamps and all("All company · 1 Nov 2025 – 31 Oct 2026 · " in s for s in stamps)
    assert not any(" vs " in s or "2 Oct" in s for s in stamps)
