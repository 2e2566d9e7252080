"""The Hotline page, driven by Streamlit's AppTest on the tiny store."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pulse import catalog
from pulse.hotline import data as hotline
from tests import apptest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/hotline.py"
TILES = len(hotline.TILE_METRICS)


def open_page(query: dict | None = None) -> AppTest:
    at = apptest.app_test(APP, default_timeout=180)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(PAGE).run()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_hotline_page_in_english(app_env):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Hotline"
    labels = [m.label for m in at.metric][:TILES]
    assert labels == [catalog.metric(m).label("en") for m in hotline.TILE_METRICS]
    assert apptest.tab_labels(at) == [
        "The day, half hour by half hour",
        "Staffing gap",
        "What-if staffing calculator",
        "Individual calls",
    ]
    # every queue side by side: a few queues are columns, the metrics rows, each cell the
    # value and its interval without "95% CI" (the caption says what the brackets hold)
    queues = next(d.value for d in at.dataframe if d.value.index.name == "Metric")
    assert "Service level 20 s" in queues.index and len(queues.columns) <= 5
    level = queues.loc["Service level 20 s"].tolist()
    assert level and all(
        re.fullmatch(r"\(?\d+\.\d%( \(\d+\.\d% – \d+\.\d%\))?\)?", c) for c in level
    )
    assert any("Data as of 2026-10-31" in c.value for c in at.caption)


def test_hotline_page_in_chinese(app_env):
    at = open_page({"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "客服热线"
    labels = [m.label for m in at.metric][:TILES]
    assert labels == [catalog.metric(m).label("zh") for m in hotline.TILE_METRICS]
    assert "坐席缺口" in apptest.tab_labels(at)


def test_one_queue_narrows_the_headline(app_env):
    at = open_page()
    every = int(_metric(at, "Calls offered").replace(",", ""))
    at.segmented_control(key="hotline_queue").set_value("vip").run()
    assert not at.exception
    vip = int(_metric(at, "Calls offered").replace(",", ""))
    assert 0 < vip < every


def test_a_city_filter_says_staffing_is_not_filtered(app_env):
    at = open_page({"city": "SZ"})
    assert not at.exception
    notes = " ".join(c.value for c in at.caption)
    assert "Agents and staffing are per queue and not filtered by City" in notes
    at.selectbox(key="f_period").select("last_7").run()
    assert not at.exception
    at.segmented_control(key="hotline_profile_mode").set_value("timeline").run()
    assert not at.exception
    assert any("Every half hour of the period" in m.value for m in at.markdown)


def test_whatif_reproduces_the_worked_example(app_env):
    at = apptest.open_tab(open_page(), "hotline", "What-if staffing calculator")
    at.number_input(key="hotline_whatif_calls").set_value(100)
    at.number_input(key="hotline_whatif_aht").set_value(180)
    at.slider(key="hotline_whatif_level").set_value(80)
    at.number_input(key="hotline_whatif_seconds").set_value(20)
    at.slider(key="hotline_whatif_shrinkage").set_value(30)
    at.slider(key="hotline_whatif_occupancy").set_value(85).run()
    assert not at.exception
    assert _metric(at, "Agents to roster") == "20"
    assert _metric(at, "Agents taking calls") == "14"
    assert _metric(at, "Probability of waiting") == "17.4%"
    at.number_input(key="hotline_whatif_patience").set_value(120).run()
    assert any("Erlang A" in c.value for c in at.caption)


def test_record_table_opens(app_env):
    at = apptest.open_tab(open_page(), "hotline", "Individual calls")
    assert not at.exception
    calls = at.dataframe[-1].value
    assert list(calls.columns)[:3] == ["Call", "Arrived", "Asked for an agent"]
    assert 0 < len(calls) <= 50


def test_an_empty_selection_says_so(app_env):
    at = open_page({"period": "custom", "from": "2020-01-01", "to": "2020-01-31"})
    assert not at.exception
    assert at.info and "No hotline calls for this selection" in at.info[0].value


def test_the_calculator_keeps_its_inputs_while_another_tab_is_open(app_env):
    at = apptest.open_tab(open_page(), "hotline", "What-if staffing calculator")
    at.number_input(key="hotline_whatif_calls").set_value(123)
    at.slider(key="hotline_whatif_shrinkage").set_value(40).run()
    apptest.open_tab(at, "hotline", "Staffing gap")
    assert not at.exception
    apptest.open_tab(at, "hotline", "What-if staffing calculator")
    assert at.number_input(key="hotline_whatif_calls").value == 123
    assert at.slider(key="hotline_whatif_shrinkage").value == 40
