"""Every page at 1440 x 900 in Chinese, as test_browser_walk.py walks them in English; a file
of its own so that the two walks, minutes each, run on the suite's two workers side by side."""

from __future__ import annotations

import pytest

from tests import walk

pytestmark = [pytest.mark.browser, pytest.mark.long]


def test_every_page_reads_at_1440_in_chinese(server, tiny_path, wide_page):
    problems, missing = walk.check_every_page(wide_page, server, tiny_path, "zh")
    assert problems == []
    assert missing == set()
