"""The app shell and the Overview, driven by Streamlit's AppTest on the tiny store."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pulse import catalog
from tests import apptest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def start(query: dict | None = None) -> AppTest:
    at = apptest.app_test(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_overview_opens_with_ten_tiles(app_env):
    at = start()
    assert not at.exception
    assert at.title[0].value == "Overview"
    labels = [m.label for m in at.metric]
    assert labels == [m.label("en") for m in catalog.headline()]
    assert all(m.help for m in at.metric)  # every tile carries its definition
    assert any("Data as of 2026-10-31" in c.value for c in at.caption)


def test_overview_in_chinese(app_env):
    at = start({"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "总览"
    assert [m.label for m in at.metric] == [m.label("zh") for m in catalog.headline()]
    assert any("数据截至" in c.value for c in at.caption)


def test_changing_a_filter_updates_the_url(app_env):
    at = start()
    at.selectbox(key="f_period").select("last_7").run()
    assert not at.exception
    assert at.query_params["period"] == ["last_7"] or at.query_params["period"] == "last_7"
    at.multiselect(key="f_cities").select("SZ").run()
    assert "SZ" in str(at.query_params["city"])
    assert any("Shenzhen" in c.value for c in at.caption)


def test_a_parent_change_resets_its_children(app_env):
    at = start({"city": "SZ"})
    assert at.multiselect(key="f_cities").value == ["SZ"]
    at.multiselect(key="f_provinces").select("GD").run()
    assert at.multiselect(key="f_cities").value == []


def test_unknown_url_values_are_named_and_ignored(app_env):
    at = start({"city": "SZ,Atlantis", "period": "forever"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Atlantis" in warnings and "forever" in warnings
    assert at.multiselect(key="f_cities").value == ["SZ"]


def test_an_empty_selection_says_so(app_env):
    at = start({"period": "custom", "from": "2020-01-01", "to": "2020-01-31"})
    assert not at.exception
    assert at.info and "No data for this selection" in at.info[0].value
    assert not at.metric


def test_data_page_lists_sources_and_loads(app_env):
    at = start().switch_page("pages/data.py").run()
    assert not at.exception
    assert at.title[0].value == "Data"
    assert len(at.dataframe) >= 2  # sources and load history
    assert at.multiselect(key="f_cities")  # the filter bar stays in the sidebar


def test_the_widgets_default_to_the_session_filter(app_env):
    # a browser that lost a widget's state on a page switch shows the widget's default: that
    # default must be the session's filter, not the first choice
    at = start({"period": "last_90", "compare": "last_year", "city": "SZ"})
    at.multiselect(key="f_segments").select("gold").run()
    assert not at.exception
    period = at.selectbox(key="f_period")
    assert period.options[period.proto.default] == "Last 90 days"
    compare = at.selectbox(key="f_compare")
    assert compare.options[compare.proto.default] == "Same period last year"
    cities, segments = at.multiselect(key="f_cities"), at.multiselect(key="f_segments")
    assert [cities.options[i] for i in cities.proto.default] == ["Shenzhen"]
    assert [segments.options[i] for i in segments.proto.default] == ["Gold card"]
