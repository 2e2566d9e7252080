"""The Queues and Hotline pages in a real browser: Debian's Chromium driven by Playwright against
a running dashboard on the tiny store. Each test loads its page, changes a filter, clicks a
chart, downloads an export and opens the record table."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pulse.queues import data as queues
from tests.browser import (
    choose,
    download_from,
    open_tab,
    runs_since,
    script_runs,
    select_first_row,
    wait_until_idle,
)

pytestmark = pytest.mark.browser


def open_page(page: Page, server: str, name: str) -> None:
    page.goto(server)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    wait_until_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    wait_until_idle(page)


def choose_hall(page: Page, name: str) -> None:
    wait_until_idle(page)
    before = page.url
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Hall")
    box.click()
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    expect(page).not_to_have_url(before)
    wait_until_idle(page)


def chart_after(page: Page, title: str):
    """The plotly chart drawn under a bold chart title."""
    heading = page.get_by_text(title, exact=True).first
    heading.scroll_into_view_if_needed()
    return heading.locator("xpath=following::div[@data-testid='stPlotlyChart'][1]")


def click_cell(page: Page, chart, x: str, y: str) -> None:
    """Click the centre of the heatmap cell at category x (column) and y (row). The spot is
    found within the chart and clicked through its locator, which finds the chart again if
    a late run draws it anew meanwhile (Streamlit draws every chart anew on each run: a
    chart held while it scrolled was once gone from the page by the time it got there)."""
    plot = chart.locator(".js-plotly-plot").first
    expect(plot).to_be_visible()
    page.wait_for_timeout(800)
    spot = plot.evaluate(
        """(gd, cell) => {
            const L = gd._fullLayout;
            return {x: L._size.l + L.xaxis.d2p(cell.x), y: L._size.t + L.yaxis.d2p(cell.y)};
        }""",
        {"x": x, "y": y},
    )
    plot.click(position=spot)
    wait_until_idle(page)


def test_queues_page(server, page, tmp_path):
    open_page(page, server, "Queues")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    choose(page, "Period", "Last 7 days")
    expect(page).to_have_url(re.compile(r"period=last_7"))
    expect(page.get_by_text(re.compile(r"25 Oct – 31 Oct 2026 vs")).first).to_be_visible()
    choose_hall(page, "Guangzhou Tianhe Flagship Hall")
    expect(page).to_have_url(re.compile(r"hall=GZ-001"))
    open_tab(page, "Counter planning")
    plan = page.get_by_text("Counters needed per hour · Guangzhou Tianhe Flagship Hall")
    expect(plan).to_have_count(1)

    # a click on Tuesday 09:00 of the heatmap opens the planner, set to workdays at 09:00
    thumbs = page.get_by_test_id("stSliderThumbValue")
    expect(thumbs.filter(has_text="09:00")).to_have_count(0)
    open_tab(page, "When the peaks come")
    click_cell(page, chart_after(page, "Weekday × hour of issue"), "09:00", "Tue")
    selected = page.get_by_role("tab", name="Counter planning", exact=True)
    expect(selected).to_have_attribute("aria-selected", "true")
    expect(thumbs.filter(has_text="09:00")).to_have_count(1)

    open_tab(page, "How long customers wait")

    download = download_from(page, "Wait distribution", "CSV")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")  # the minute of wait, in the chart's unit
    assert saved.suffix == ".csv" and "wait_from (min)" in text

    open_tab(page, "Individual tickets")
    expect(page.get_by_text(re.compile(r"^Tickets, page 1 of \d+$"))).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"All [\d,]+ tickets · CSV")).click()
    tickets = tmp_path / "tickets.csv"
    info.value.save_as(tickets)
    header = tickets.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Ticket,Issued,Called")


def test_every_ticket_downloads_in_the_chinese_pages_words(server, page, tmp_path):
    """The file of every ticket is made on Streamlit's download thread after the run has
    ended, in the page's language (pulse.ui.trail.audited): it was headed in English."""
    page.goto(f"{server}/queues?lang=zh&period=last_7")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    open_tab(page, "取号明细")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"全部[\d,]+张取号票 · CSV")).click()
    tickets = tmp_path / "tickets.csv"
    info.value.save_as(tickets)
    lines = tickets.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("票号,取号时间,叫号时间")
    assert lines[-1].startswith("制作人")


def test_selecting_a_hall_row_filters_to_that_hall(server, page):
    open_page(page, server, "Queues")
    open_tab(page, "Halls")
    title = page.get_by_text(re.compile(r"^Every hall in scope")).first
    title.scroll_into_view_if_needed()
    table = title.locator("xpath=following::div[@data-testid='stDataFrame'][1]")
    expect(table).to_be_visible()
    select_first_row(page, table)
    expect(page).to_have_url(re.compile(r"hall=[A-Z]{2}-\d{3}"))
    expect(page.get_by_text(re.compile(r"^Every hall in scope \(1; "))).to_be_visible()


def test_hotline_page(server, page, tmp_path):
    open_page(page, server, "Hotline")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    choose(page, "Period", "Last 7 days")
    expect(page).to_have_url(re.compile(r"period=last_7"))

    # a click on a half hour of the staffing gap opens the what-if calculator with it loaded
    open_tab(page, "Staffing gap")
    click_cell(
        page,
        chart_after(page, "Agents on duty minus agents needed, every half hour"),
        "10:00",
        "2026-10-27",
    )
    expect(page.get_by_text(re.compile(r"Starting values: 2026-10-27 10:00 · "))).to_be_visible()

    open_tab(page, "Staffing gap")

    download = download_from(page, "Understaffed half hours per queue", "CSV")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert "n_understaffed" in saved.read_text(encoding="utf-8-sig")

    open_tab(page, "Individual calls")
    expect(page.get_by_text(re.compile(r"^Calls, page 1 of \d+$"))).to_be_visible()


def _pick_in_page(page: Page, label: str, option: str) -> None:
    """Choose an option of a select box in the page's main area (a section's own control)."""
    wait_until_idle(page)
    boxes = page.get_by_test_id("stMain").get_by_test_id("stSelectbox")
    box = boxes.filter(has=page.get_by_text(label, exact=True))  # "Metric", not "Metric over…"
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_until_idle(page)


def _queues_drawn(page: Page, server: str) -> int:
    """Open the Queues page on the last 30 days and wait until its run has drawn every tile
    (counted as they came, a loaded make test once read the first row of three); their count."""
    page.goto(f"{server}/queues?period=last_30")
    expect(page.get_by_role("heading", name="Queues", exact=True)).to_be_visible()
    tiles = len(queues.TILE_METRICS)
    expect(page.get_by_test_id("stMetric")).to_have_count(tiles)
    wait_until_idle(page)
    return tiles


def test_a_sections_own_control_redraws_that_section(server, server_dir, page):
    # the trend's metric is the section's own control (pulse.ui.fragment): the chart comes
    # back with the new metric, the tiles above stay, the filter in the URL stays
    tiles = _queues_drawn(page, server)
    url = page.url
    before = len(script_runs(server_dir))
    _pick_in_page(page, "Metric over time", "Mean wait")
    expect(page.get_by_text("Mean wait by day", exact=True)).to_be_visible()
    assert runs_since(server_dir, before, 1) == ["section trend"]  # not the page: "queues"
    expect(chart_after(page, "Mean wait by day")).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(tiles)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.url == url
    # a tab's control set in a section run of its own is kept when the tab closes and opens
    open_tab(page, "By hall tier and service type")
    _pick_in_page(page, "Metric", "Walk-away rate")
    expect(page.get_by_text("Walk-away rate by hall tier", exact=True)).to_be_visible()
    open_tab(page, "How long customers wait")
    open_tab(page, "By hall tier and service type")
    expect(page.get_by_text("Walk-away rate by hall tier", exact=True)).to_be_visible()


def test_opening_a_tab_runs_the_tabs_alone(server, server_dir, page):
    # the tab bar is a section of its own: opening a tab, or a control inside it, runs the
    # tabs (the tab's section), never the tiles and charts above them
    tiles = _queues_drawn(page, server)
    before = len(script_runs(server_dir))
    open_tab(page, "By hall tier and service type")
    expect(page.get_by_text("Called within 10 min by hall tier", exact=True)).to_be_visible()
    _pick_in_page(page, "Metric", "Walk-away rate")
    expect(page.get_by_text("Walk-away rate by hall tier", exact=True)).to_be_visible()
    assert runs_since(server_dir, before, 2) == ["section _bar", "section breakdowns"]
    expect(page.get_by_test_id("stMetric")).to_have_count(tiles)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # a period change still runs the whole page, the open tab with it
    choose(page, "Period", "Last 7 days")
    expect(page.get_by_text("Walk-away rate by hall tier", exact=True)).to_be_visible()
    assert script_runs(server_dir)[-1] == "queues"
