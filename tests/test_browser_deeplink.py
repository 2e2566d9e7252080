"""A deep link that is the very first request to a fresh server opens the full app, whether
the server was started by pulse.serve or by plain `streamlit run app.py` (the page hands over)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in, streamlit_server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("plain", [False, True], ids=["pulse.serve", "streamlit-run"])
def test_first_request_to_a_fresh_server_is_a_deep_link(tiny_path, tmp_path, page, plain):
    with streamlit_server(tiny_path, tmp_path, plain) as url:
        page.goto(f"{url}/data?period=last_7&lang=zh")
        sign_in(page, cookie=not plain)  # the link opens the sign-in, then the page it names
        expect(page.get_by_role("heading", name="数据管理")).to_be_visible()
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav.get_by_role("link", name="总览")).to_be_visible()  # the router's pages
        expect(nav.get_by_role("link", name="app", exact=True)).to_have_count(0)
        expect(page).to_have_url(re.compile(r"period=last_7"))  # the link's filter is kept
        if not plain:  # pulse.serve never serves pages/ the old way, so nothing is "not found"
            expect(page.get_by_text("Page not found")).to_have_count(0)
