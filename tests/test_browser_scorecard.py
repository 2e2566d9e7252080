"""The Scorecard page in a real browser: it opens, the month changes (and the URL with it),
and the XLSX downloads with the card and its definition, through Debian's Chromium."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser import TIMEOUT, query, wait_until_idle

pytestmark = pytest.mark.browser


def test_the_scorecard_changes_month_and_downloads_its_workbook(server, page):
    page.goto(f"{server}/scorecard")
    expect(page.get_by_role("heading", name="Scorecard")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    expect(page.get_by_text("Cities: scorecard for Oct 2026")).to_be_visible(timeout=TIMEOUT)
    box = page.get_by_test_id("stSelectbox").filter(has_text="Month")
    box.click()
    page.get_by_role("option", name="Sep 2026", exact=True).click()
    wait_until_idle(page)
    expect(page.get_by_text("Cities: scorecard for Sep 2026")).to_be_visible(timeout=TIMEOUT)
    assert query(page).get("sc_month") == "2026-09"
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name="Scorecard as XLSX (with the definition)").click()
    download = info.value
    assert download.suggested_filename == "scorecard_cities_2026-09.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))  # path has no .xlsx
    assert book.sheetnames == ["Scorecard", "Definition", "Values"]
    rows = list(book["Scorecard"].iter_rows(values_only=True))
    assert rows[0][0] == "Cities: scorecard for Sep 2026"
    assert {"Guangzhou", "Shenzhen"} <= {r[1] for r in rows}
    definition = list(book["Definition"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(definition) if r[0] == "Metric")
    assert sum(r[2] for r in definition[header + 1 :] if r[2] is not None) == 100


def test_a_unit_opens_on_the_trends_page_with_its_scope(server, page):
    page.goto(f"{server}/scorecard?sc_month=2026-09")
    expect(page.get_by_text("Cities: scorecard for Sep 2026")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    page.get_by_role("link", name="Satisfaction index: trend").click()
    expect(page.get_by_role("heading", name="Trends")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    shown = query(page)
    assert shown.get("city") == "GZ" and shown.get("t_metrics") == "sat_index"
    # the link asks for the year to September (2025-10-01..2026-09-30); the filter clamps it to
    # the data's first day, as it does any period that starts before the data (tiny: 1 Sep)
    assert (shown.get("from"), shown.get("to")) == ("2026-09-01", "2026-09-30")


def test_why_the_difference_redraws_alone_with_the_months_compared(server, page):
    # the section's own radio (pulse.ui.fragment): another comparison redraws its chart
    page.goto(f"{server}/scorecard")
    expect(page.get_by_role("heading", name="Scorecard")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    section = page.get_by_text("Why the difference", exact=True)
    section.scroll_into_view_if_needed()
    page.get_by_text("One unit against the month before", exact=True).click()
    wait_until_idle(page)
    expect(page.get_by_text(re.compile(r", Sep 2026")).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Cities: scorecard for Oct 2026")).to_be_visible()
