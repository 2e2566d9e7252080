"""The "why" behind a red number in a real browser (Debian's Chromium, the tiny store): opening
a red city cell's expander reruns only its fragment, which draws the breakdown in the page's
language without an error, and its link opens the Queues page on that city."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser import query, wait_until_idle

pytestmark = pytest.mark.browser


def _open(page: Page, server: str, label: str, lang: str = "en"):
    page.goto(f"{server}/?period=last_90&lang={lang}")
    wait_until_idle(page)
    box = page.get_by_test_id("stExpander").filter(has_text=label).first
    box.scroll_into_view_if_needed()
    box.locator("summary").click()
    expect(box.get_by_test_id("stTabs")).to_be_visible()
    wait_until_idle(page)
    return box


def test_opening_a_red_cell_explains_it_without_an_error(page: Page, server):
    box = _open(page, server, "Shenzhen · Called within 10 min")
    expect(box.get_by_text("11.6 pp short, over n = 1,433", exact=False)).to_be_visible()
    expect(box.get_by_role("tab", name="hour")).to_be_visible()
    expect(box.get_by_text("Counters in the halls that contribute most")).to_be_visible()
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
    wait_until_idle(page)  # a click while a run is still going can be dropped (a busy CI)
    box.get_by_role("link", name="Open the Queues page for this selection").click()
    expect(page.get_by_role("heading", name="Queues", exact=True)).to_be_visible()
    wait_until_idle(page)
    assert query(page)["city"] == "SZ"


def test_the_explanation_stays_in_chinese(page: Page, server):
    box = _open(page, server, "深圳 · 10分钟内叫号率", lang="zh")
    expect(box.get_by_role("tab", name="营业厅")).to_be_visible()
    expect(box.get_by_text("贡献最大的营业厅的窗口")).to_be_visible()
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
