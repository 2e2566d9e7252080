"""The Surveys page driven by Streamlit's AppTest on the tiny store, in both languages."""

from __future__ import annotations

import datetime as dt
import re

from streamlit.testing.v1 import AppTest

from pulse import access
from tests import apptest
from tests.apptest import markdown

# the page's comments are for the roles that may read them (an executive's role may not)
READER = access.User("surveys-reader", access.ROLES["analyst"], access.EVERYTHING)


def open_page(period: str = "last_30", lang: str = "en", dates=None) -> AppTest:
    """pages/surveys.py with the filter in its URL, as a user who may read comments."""
    return apptest.open_page("surveys", period, lang, dates, user=READER)


def test_surveys_open_with_scores_intervals_and_every_section(app_env):
    at = open_page("last_90")
    assert not at.exception
    assert at.title[0].value == "Surveys"
    assert [m.label for m in at.metric] == ["Satisfaction index", "CSAT", "NPS"]
    assert all(m.help for m in at.metric)
    captions = " ".join(c.value for c in at.caption)
    assert "95% CI" in captions and "n = " in captions and "Data as of 2026-10-31" in captions
    built = {
        label: (" ".join(m.value for m in tab.markdown), len(tab.dataframe))
        for label, tab in apptest.each_tab(at, "surveys")
    }
    assert list(built) == [
        "Scores by touchpoint, segment and brand",
        "The six dimensions",
        "Key drivers: what to fix first",
        "Operations to satisfaction",
        "What customers wrote",
    ]
    drivers = built["Key drivers: what to fix first"][0]
    assert "Importance against performance" in drivers and "R² = " in drivers
    assert (
        "Scores by the wait the respondent had in the hall"
        in built["Operations to satisfaction"][0]
    )
    assert sum(tables for _, tables in built.values()) >= 5


def test_surveys_in_chinese(app_env):
    at = open_page("last_90", lang="zh")
    assert not at.exception
    assert at.title[0].value == "满意度调查"
    assert [m.label for m in at.metric] == ["满意度指数", "满意率", "净推荐值"]
    apptest.open_tab(at, "surveys", "关键驱动因素：优先改进什么")
    assert "重要性与表现对比" in markdown(at)


def test_breaking_down_by_segment(app_env):
    at = open_page()
    at.radio(key="surveys_by").set_value("segment").run()
    assert not at.exception
    assert "Index, CSAT and NPS by Segment" in markdown(at)


def test_key_drivers_refuse_a_week_of_the_tiny_store(app_env):
    at = apptest.open_tab(open_page("last_7"), "surveys", "Key drivers: what to fix first")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Too few complete responses for a driver analysis" in warnings
    assert "at least 120 are needed" in warnings


def test_comment_search_that_matches_nothing_says_so(app_env):
    at = apptest.open_tab(open_page("last_90"), "surveys", "What customers wrote")
    at.text_input(key="surveys_comment_search").input("no-such-words-anywhere").run()
    assert not at.exception
    assert any("No comment in this selection contains" in i.value for i in at.info)


def test_comments_are_listed_for_a_reader_and_withheld_from_an_executive_who_is_told_so(
    app_env,
):
    reader = apptest.open_tab(open_page("last_90"), "surveys", "What customers wrote")
    assert not reader.exception and not reader.info
    comments = next(d.value for d in reader.dataframe if "Comment" in d.value.columns)
    assert len(comments) and comments["Comment"].str.len().gt(0).all()
    # the executive's role may not read comments: saying "no response carries a comment"
    # (as the page did) is untrue when the period has hundreds
    executive = apptest.open_page("surveys", "last_90", user="executive")
    executive = apptest.open_tab(executive, "surveys", "What customers wrote")
    assert not executive.exception and not executive.dataframe
    (said,) = [i.value for i in executive.info]
    assert said.startswith("Customers' comments are not shown to your role (executive).")
    assert "No response in this selection carries a comment" not in said


def test_an_empty_selection_says_so(app_env):
    at = open_page(dates=(dt.date(2020, 1, 1), dt.date(2020, 1, 31)))
    assert not at.exception
    assert at.info and "No survey responses for this selection" in at.info[0].value
    assert not at.metric


def test_the_router_lists_the_page(app_env):
    at = apptest.via_router("surveys")
    assert not at.exception
    assert at.title[0].value == "Surveys"


def test_the_dimension_tables_interval_column_holds_the_interval_alone(app_env):
    at = apptest.open_tab(open_page("last_90"), "surveys", "The six dimensions")
    table = next(d.value for d in at.dataframe if "95% interval" in d.value.columns)
    spans = [s for s in table["95% interval"] if s]
    assert spans and all(re.fullmatch(r"\d+\.\d+ – \d+\.\d+", s) for s in spans), spans
