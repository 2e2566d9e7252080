"""Real-browser tests of the Trends, Benchmarks, Drill-down and Hall pages: Debian's Chromium,
driven by Playwright, clicking charts and tables as a person would."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import choose, query, select_first_row, wait_until_idle

pytestmark = pytest.mark.browser


def click_mark(page: Page, chart, selector: str, index: int = 0) -> None:
    """Click a plotly mark (a bar or a point) where it is drawn, as a mouse would."""
    mark = chart.locator(selector).nth(index)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_until_idle(page)


def bars(page: Page):
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator("g.point path").first).to_be_visible()
    return chart


def test_drill_from_the_province_to_a_record_and_back(server, page):
    page.goto(f"{server}/drill")
    expect(page.get_by_role("heading", name="Drill-down")).to_be_visible()
    wait_until_idle(page)
    click_mark(page, bars(page), "g.point path")  # the province
    expect(page).to_have_url(re.compile(r"drill=GD(&|$)"))
    click_mark(page, bars(page), "g.point path")  # a city
    expect(page).to_have_url(re.compile(r"drill=GD%2F(GZ|SZ)(&|$)"))
    click_mark(page, bars(page), "g.point path")  # a hall
    expect(page).to_have_url(re.compile(r"drill=GD%2F(GZ|SZ)%2F(GZ|SZ)-00\d(&|$)"))
    page.get_by_role("button", name="Queue tickets").click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"%2Ftickets(&|$)"))
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    select_first_row(page, table)
    expect(page).to_have_url(re.compile(r"%2Ftickets%2F\d+(&|$)"))
    expect(page.get_by_role("heading", name=re.compile(r"Queue tickets #\d+"))).to_be_visible()
    record_url = page.url

    page.reload()  # the path lives in the URL: a reload opens the same record
    expect(page.get_by_role("heading", name=re.compile(r"Queue tickets #\d+"))).to_be_visible()
    assert page.url == record_url

    page.get_by_role("button", name="All company").click()
    wait_until_idle(page)
    expect(page).not_to_have_url(re.compile(r"drill="))
    expect(page.get_by_text("Called within 10 min by province")).to_be_visible()


def test_a_treemap_tile_goes_down_and_a_segment_filters_the_page(server, page):
    page.goto(f"{server}/drill?drill=GD")
    expect(page.get_by_role("heading", name="Drill-down")).to_be_visible()
    wait_until_idle(page)
    page.get_by_text("Treemap", exact=True).click()
    wait_until_idle(page)
    tiles = page.get_by_test_id("stPlotlyChart").first
    expect(tiles.locator("g.slice").first).to_be_visible()
    click_mark(page, tiles, "g.slice path.surface", index=1)
    expect(page).to_have_url(re.compile(r"drill=GD%2F(GZ|SZ)(&|$)"))
    segments = page.get_by_test_id("stPlotlyChart").nth(1)
    expect(segments.locator("g.point path").first).to_be_visible()
    click_mark(page, segments, "g.point path")
    expect(page).to_have_url(re.compile(r"drill_segment=\w+"))
    expect(page.get_by_role("button", name=re.compile(r"Segment: \w+"))).to_be_visible()


def test_trends_follow_the_filter_and_download(server, page):
    page.goto(f"{server}/trends?t_metrics=hotline_service_level&t_window=period&t_split=none")
    expect(page.get_by_role("heading", name="Trends")).to_be_visible()
    wait_until_idle(page)
    choose(page, "Period", "Last 90 days")
    expect(page).to_have_url(re.compile(r"period=last_90"))
    assert query(page)["t_metrics"] == "hotline_service_level"
    expect(page.get_by_text("Outage: Shenzhen network outage").first).to_be_visible()
    page.get_by_test_id("stPopover").first.get_by_role("button").click()
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    assert download.value.suggested_filename.endswith(".csv")


def test_a_click_on_the_funnel_opens_the_hall(server, page):
    page.goto(f"{server}/benchmarks?b_metric=queue_within_10min&b_level=hall&period=last_90")
    expect(page.get_by_role("heading", name="Benchmarks")).to_be_visible()
    wait_until_idle(page)
    funnel = page.get_by_test_id("stPlotlyChart").first
    expect(funnel.locator("g.points path.point").first).to_be_visible()
    click_mark(page, funnel, "g.points path.point")
    expect(page.get_by_role("heading", name="Hall profile")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/hall\?.*hall=(GZ|SZ)-00\d"))
    wait_until_idle(page)
    # the hall opens on the period the funnel showed, in the URL and in the sidebar
    assert query(page)["period"] == "last_90"
    period = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    expect(period.get_by_role("combobox")).to_have_value("Last 90 days")


def test_a_hall_link_survives_a_reload(server, page):
    page.goto(f"{server}/hall?hall=SZ-002&lang=zh")
    name = page.get_by_role("heading", name="深圳宝安东风路社区营业厅")
    expect(name).to_be_visible()
    page.reload()
    expect(name).to_be_visible()
    assert query(page)["hall"] == "SZ-002"
    expect(page.get_by_role("heading", name="最差时段")).to_be_visible()
