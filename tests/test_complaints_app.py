"""The Complaints page driven by Streamlit's AppTest on the tiny store, in both languages."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from pulse import catalog
from pulse.complaints import data as complaints
from tests import apptest
from tests.apptest import markdown


def open_page(period: str = "last_30", lang: str = "en", dates=None) -> AppTest:
    """pages/complaints.py with the filter in its URL."""
    return apptest.open_page("complaints", period, lang, dates)


def test_complaints_open_with_ten_tiles_and_every_section(app_env):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Complaints"
    assert [m.label for m in at.metric] == [
        catalog.metric(m).label("en") for m in complaints.HEADLINE
    ]
    assert [h.value for h in at.subheader] == [
        "What customers complain about",
        "How complaints are handled",
        "Service-attitude complaints by hall",
        "Individual complaints",
    ]
    text = markdown(at)
    for title in (
        "Regulator complaints per million subscribers per quarter",
        "Complaints by category (Pareto)",
        "Time to resolution",
        "Open complaints by age at the data date",
        "funnel plot",
        "Complaints received in the period, newest first",
    ):
        assert title in text, title
    captions = " ".join(c.value for c in at.caption)
    assert "MIIT" in captions  # the published figures carry their source


def test_complaints_in_chinese(app_env):
    at = open_page(lang="zh")
    assert not at.exception
    assert at.title[0].value == "投诉管理"
    assert "按大类的投诉量（帕累托图）" in markdown(at)


def test_drilling_into_a_category_shows_its_subcategories(app_env):
    at = open_page("last_90")
    at.selectbox(key="complaints_category").select("network").run()
    assert not at.exception
    assert "Network quality: complaints by subcategory" in markdown(at)
    at.selectbox(key="complaints_category").select("").run()
    assert "Complaints by category (Pareto)" in markdown(at)


def test_paging_through_complaints(app_env):
    at = open_page("last_90")
    pages = at.number_input(key="complaints_case_page")
    assert pages.value == 1
    pages.set_value(2).run()
    assert not at.exception
    assert any("complaints 51–100 of" in c.value for c in at.caption)


def test_an_empty_period_says_so_and_still_shows_the_backlog(app_env):
    at = open_page(dates=(dt.date(2020, 1, 1), dt.date(2020, 1, 31)))
    assert not at.exception
    assert at.info and "No complaints were received in this selection" in at.info[0].value
    assert "Open backlog" in markdown(at)


def test_the_router_lists_the_page(app_env):
    at = apptest.via_router("complaints")
    assert not at.exception
    assert at.title[0].value == "Complaints"
