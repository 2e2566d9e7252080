"""Every page at 1440 x 900, in English and Chinese, in Debian's Chromium: no traceback or
server path, no raw code from the store's dimension tables, no table wider than its box.
Screenshots of every page land in tests/artifacts/walk/ (ignored by git) to be looked at."""

from __future__ import annotations

import re

import pytest

from tests import walk
from tests.browser import TIMEOUT, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def wide_page(browser, request):
    """A fresh 1440 x 900 window (its own Streamlit session), signed in as the demo executive
    when the test uses the `server` (every page is behind the sign-in form)."""
    context = browser.new_context(viewport=walk.VIEWPORT)
    context.set_default_timeout(TIMEOUT)
    tab = context.new_page()
    if "server" in request.fixturenames:
        sign_in(tab, request.getfixturevalue("server"))
    yield tab
    context.close()


def test_the_code_pattern_catches_codes_and_spares_words():
    codes = walk.patterns({"SZ", "group_c", "hotline", "standard", "NaT"})
    assert codes["en"].findall("Shenzhen (SZ) · group_c · NaT") == ["SZ", "group_c", "NaT"]
    # ordinary English words that are also codes are caught in Chinese only
    assert codes["en"].findall("Hotline calls · standard halls") == []
    assert codes["zh"].findall("热线 hotline · standard 营业厅") == ["hotline", "standard"]
    # a hall code names its hall and is allowed; a code inside a longer word is not a code
    assert codes["en"].findall("SZ-002 · SZX · group_cx") == []
    # a link column's address is left out before matching
    assert walk._LINK.sub("", "./hall?hall=SZ-002&lang=zh") == ""


def test_the_overflow_check_sees_a_grid_wider_than_its_box(wide_page):
    # the check must be able to fail: a grid's scroller holding more than its box shows
    grid = (
        '<div data-testid="stDataFrame"><div class="dvn-scroller" style="width:{box}px;'
        'overflow:auto"><div style="width:{content}px;height:20px"></div></div></div>'
    )
    wide_page.set_content(grid.format(box=300, content=900) + grid.format(box=300, content=280))
    (wide,) = wide_page.evaluate(walk.WIDE)
    assert wide["scroll"] == 900 and wide["client"] <= 300
    assert wide["title"].startswith("table 1")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_reads_at_1440(server, tiny_path, wide_page, lang):
    codes = walk.patterns(walk.raw_codes(tiny_path))
    problems = []
    for slug, query in walk.PAGES:
        # every tab is checked; pictures of the first view only (python -m tests.walk takes all)
        problems += walk.visit(
            wide_page, server, slug, query, lang, codes, walk.ARTIFACTS, tab_shots=False
        )
    assert [str(p) for p in problems] == []
    shots = {p.name for p in walk.ARTIFACTS.glob(f"*_{lang}.png")}
    assert {f"{slug or 'overview'}_{lang}.png" for slug, _ in walk.PAGES} <= shots
    assert not re.search(r"Traceback", wide_page.content())
