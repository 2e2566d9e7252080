"""The filter in a real browser (issue 14): the language switch keeps the whole filter and a
page's own choices, and a custom period beyond the data is clamped instead of crashing the
date input."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import query, wait_until_idle

pytestmark = pytest.mark.browser


def _open_then_chinese(page, url: str, heading: str, heading_zh: str) -> None:
    """Open `url` in English, then switch the language to Chinese."""
    page.goto(url)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    wait_until_idle(page)
    page.get_by_text("中文", exact=True).click()
    expect(page.get_by_role("heading", name=heading_zh)).to_be_visible()
    wait_until_idle(page)


def _in_url(page, *keys: str) -> tuple:
    """The values of these query parameters in the page's URL (None for one not there)."""
    params = query(page)
    return tuple(params.get(key) for key in keys)


def test_the_language_switch_then_a_page_keeps_the_whole_filter(server, page):
    # the browser holds each widget's value as its label: after the switch it would send the
    # English labels back with the next click, and a period in English is none in Chinese
    _open_then_chinese(
        page, f"{server}/?period=last_90&compare=last_year&city=SZ", "Overview", "总览"
    )
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="营业厅排队").click()
    expect(page.get_by_role("heading", name="营业厅排队")).to_be_visible()
    wait_until_idle(page)
    assert _in_url(page, "period", "compare", "city") == ("last_90", "last_year", "SZ")
    caption = "深圳 · 2026年8月3日至2026年10月31日 对比 2025年8月3日至2025年10月31日"
    expect(page.get_by_text(caption).first).to_be_visible()


def test_the_language_switch_keeps_a_pages_own_choices(server, page):
    # the Trends page's choices are its own widgets, not the filter bar's: after the switch
    # the next click sent their English labels back, and the window fell to its first
    # choice (the filter's period) and the metrics to none
    _open_then_chinese(page, f"{server}/trends?t_window=36m&t_grain=month", "Trends", "趋势")
    split = page.get_by_test_id("stSelectbox").filter(has_text="拆分维度")
    split.click()
    page.get_by_role("option", name="不拆分").click()
    wait_until_idle(page)
    assert _in_url(page, "t_window", "t_grain", "t_split") == ("36m", "month", "none")
    assert "t_metrics" not in query(page)  # the default two, still chosen
    expect(page.get_by_text("平均等候时长").first).to_be_visible()


def test_a_custom_period_beyond_the_data_is_clamped_not_a_traceback(server, page):
    page.goto(f"{server}/?period=custom&from=2026-10-01&to=9999-12-31")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    wait_until_idle(page)
    expect(page.get_by_text("showing 2026-10-01 to 2026-10-31")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(10)
    assert query(page).get("to") == "2026-10-31"
