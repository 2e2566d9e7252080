"""Every page at 1440 x 900, in English (in Chinese: test_browser_walk_zh.py), in Debian's
Chromium: no traceback or server path, no raw code from the store's dimension tables, no table
wider than its box. Screenshots of every page land in tests/artifacts/walk/ (ignored by git) to
be looked at."""

from __future__ import annotations

import pytest

from tests import walk

pytestmark = [pytest.mark.browser, pytest.mark.long]


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


def test_every_page_reads_at_1440_in_english(server, tiny_path, wide_page):
    # the Chinese walk is tests/test_browser_walk_zh.py: a file of its own runs beside this one
    problems, missing = walk.check_every_page(wide_page, server, tiny_path, "en")
    assert problems == []
    assert missing == set()
