"""Real-browser tests: Debian's Chromium, driven by Playwright, against a running dashboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import choose, query, select_first_row, wait_until_idle

pytestmark = pytest.mark.browser


def test_filter_survives_reload_and_page_switch(server, page):
    page.goto(server)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(10)

    choose(page, "Period", "Last 7 days")
    expect(page).to_have_url(re.compile(r"period=last_7"))
    caption = page.get_by_text(re.compile(r"All company · \d+ \w+ – \d+ \w+ 2026 vs"))
    expected_caption = caption.first.inner_text()
    assert "25 Oct – 31 Oct 2026 vs 18 Oct – 24 Oct 2026" in expected_caption

    page.reload()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_text(expected_caption, exact=True)).to_be_visible()
    assert query(page)["period"] == "last_7"

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data").click()
    expect(page.get_by_role("heading", name="Data")).to_be_visible()
    wait_until_idle(page)
    assert query(page).get("period") == "last_7"
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_text(expected_caption, exact=True)).to_be_visible()
    assert query(page)["period"] == "last_7"


def test_a_shared_link_reproduces_the_view_in_chinese(server, page):
    page.goto(f"{server}/overview?period=last_90&compare=last_year&city=SZ&lang=zh")
    expect(page.get_by_role("heading", name="总览")).to_be_visible()
    expect(page.get_by_text(re.compile("深圳 · .* 对比 ")).first).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(10)


def test_selecting_a_city_row_filters_to_that_city(server, page):
    page.goto(server)
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    select_first_row(page, table)
    expect(page).to_have_url(re.compile(r"city=GZ"))
