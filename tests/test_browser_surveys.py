"""The Surveys and Complaints pages in a real browser (Debian's Chromium through Playwright):
each loads, follows a filter change, answers a click on a chart and downloads an export."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import (
    TIMEOUT,
    choose,
    download_from,
    open_tab,
    select_first_row,
    sign_in,
    wait_until_idle,
)

pytestmark = pytest.mark.browser


def open_from_navigation(page: Page, server: str, name: str) -> None:
    """Start at the app's root (so the router is in charge) and follow the sidebar link."""
    page.goto(server)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    wait_until_idle(page)


def _text(download) -> str:
    return download.path().read_text(encoding="utf-8-sig")


def test_surveys_follow_the_period_and_export_the_key_drivers(server, page):
    open_from_navigation(page, server, "Surveys")
    expect(page.get_by_test_id("stMetric")).to_have_count(3)
    open_tab(page, "Key drivers: what to fix first")  # it stays open across filter changes
    # a week of the tiny store is too little for a driver analysis, and the page says so
    choose(page, "Period", "Last 7 days")
    expect(page).to_have_url(re.compile(r"period=last_7"))
    expect(page.get_by_text(re.compile("Too few complete responses"))).to_be_visible()
    choose(page, "Period", "Last 90 days")
    expect(page).to_have_url(re.compile(r"period=last_90"))
    expect(page.get_by_text("Importance against performance", exact=True)).to_be_visible()
    csv = _text(download_from(page, "Key drivers", "CSV"))
    assert csv.splitlines()[0].startswith("dimension,")
    # each dimension by its name in the table, not its code (network)
    assert {line.split(",")[0] for line in csv.splitlines()[1:7]} == {
        "Network quality",
        "Tariff value",
        "Staff attitude",
        "Handling speed",
        "Convenience",
        "Billing accuracy",
    }


def test_clicking_a_pareto_bar_drills_into_its_subcategories(server, page):
    open_from_navigation(page, server, "Complaints")
    choose(page, "Period", "Last 90 days")
    title = page.get_by_text("Complaints by category (Pareto)", exact=True)
    title.scroll_into_view_if_needed()
    chart = page.get_by_test_id("stPlotlyChart").filter(has=page.locator(".bars")).nth(1)
    chart.scroll_into_view_if_needed()
    first_bar = chart.locator(".bars .point path").first
    first_bar.click(force=True)
    wait_until_idle(page)
    expect(page.get_by_text(re.compile(r": complaints by subcategory$"))).to_be_visible()
    drill = page.get_by_test_id("stSelectbox").filter(has_text="Drill into a category")
    expect(drill).not_to_contain_text("All categories")


def test_selecting_a_complaint_shows_its_timeline_and_exports(server, page):
    open_from_navigation(page, server, "Complaints")
    choose(page, "Period", "Last 90 days")
    open_tab(page, "Individual complaints")
    heading = page.get_by_text("Complaints received in the period, newest first", exact=True)
    heading.scroll_into_view_if_needed()
    table = heading.locator("xpath=following::*[@data-testid='stDataFrame'][1]")
    select_first_row(page, table)
    expect(page.get_by_text(re.compile(r"^Timeline of complaint CP\d+$"))).to_be_visible()
    csv = _text(download_from(page, "Complaints received in the period, newest first", "CSV"))
    header = csv.splitlines()[0].split(",")
    # the table's words, as the Queues and Hotline record downloads write theirs
    assert header[:3] == ["Complaint", "Received", "Channel"]
    lines = csv.splitlines()
    assert len(lines) == 52  # the page of 50 on screen, its header, and who made the file
    assert lines[-1] == "Made by Demo executive (executive) · scope: all units"


def test_every_comment_downloads_in_the_chinese_pages_words(server, browser):
    """The file of every matching comment is made on Streamlit's download thread after the
    run has ended, in the page's context (pulse.ui.trail.audited): it needs the run's
    language for its headers and its user for the line saying who made it. Comments are
    for the managers' roles, not the executive's."""
    context = browser.new_context(viewport={"width": 1500, "height": 1400}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    sign_in(page, f"{server}/surveys?lang=zh&period=last_90", user="province")
    expect(page.get_by_test_id("stMetric")).to_have_count(3)
    open_tab(page, "客户原声")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"下载全部[\d,]+条匹配评论")).click()
    lines = info.value.path().read_text(encoding="utf-8-sig").splitlines()
    context.close()
    assert lines[0] == "回答时间,触点,营业厅或地市,客户群,总体满意度,推荐意愿,评论"
    assert len(lines) > 52  # more than the page of 50 on screen
    assert lines[-1].startswith("制作人：Demo province")
