"""The import wizard in a real browser: the ACD log as its source exports it, through its saved
profile, dry run (nothing changes, the rejects are named) and a load that is all or nothing
unless a share of rejected rows is allowed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import TIMEOUT, sign_in, streamlit_server, wait_until_idle
from tests.test_profiles_realdata import ACD, REALDATA

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def writable_server(tiny_path, tmp_path_factory):
    """The dashboard on its own copy of the tiny store: this test loads into it."""
    with streamlit_server(tiny_path, tmp_path_factory.mktemp("import")) as url:
        yield url


def pick(page: Page, where, label: str, option: str, tries: int = 3) -> None:
    """Choose an option in a select box of the page's main area. On a loaded machine a rerun
    can move the open list under the grid beside it, so that a click lands on the grid: then
    close the list, let the page settle and open it again."""
    box = where.get_by_test_id("stSelectbox").filter(has_text=label)
    for attempt in range(tries):
        wait_until_idle(page)
        box.click()
        page.keyboard.type(option)  # the list shows its first options only: narrow it down
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=TIMEOUT / 6)
            break
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
    expect(box.get_by_role("combobox")).to_have_value(option)
    wait_until_idle(page)


def test_the_acd_log_loads_through_the_wizard(writable_server, page):
    sign_in(page, f"{writable_server}/data", user="analyst")  # loading is for analysts
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.get_by_text("Load a file", exact=True).click()
    wizard = page.get_by_test_id("stExpander").filter(has_text="Upload an extract")
    expect(wizard.get_by_text("Loaded by analyst: the signed-in user.")).to_be_visible()
    pick(page, wizard, "Table", "Hotline calls")
    wizard.locator("input[type='file']").set_input_files(str(REALDATA / ACD[1]))
    wait_until_idle(page)
    expect(wizard.get_by_text(re.compile(r"33,344 rows and 17 columns"))).to_be_visible()
    pick(page, wizard, "Mapping profile", "anonymous_bank_acd")

    wizard.get_by_role("button", name="Dry run").click()
    wait_until_idle(page)
    would = "Dry run: 33,066 of 33,344 rows would be stored in Hotline calls; 278 rejected"
    expect(wizard.get_by_text(re.compile(re.escape(would)))).to_be_visible()

    wizard.get_by_role("button", name="Load", exact=True).click()  # all or nothing: refused
    wait_until_idle(page)
    expect(wizard.get_by_text(re.compile(r"278 of 33344 rows are invalid"))).to_be_visible()

    wizard.get_by_label("Load only if at most this % of rows are rejected").fill("1")
    wizard.get_by_label("Load only if at most this % of rows are rejected").press("Enter")
    wait_until_idle(page)
    wizard.get_by_role("button", name="Load", exact=True).click()
    wait_until_idle(page)
    expect(
        wizard.get_by_text(re.compile(r"33,066 of 33,344 rows stored in Hotline calls"))
    ).to_be_visible()
