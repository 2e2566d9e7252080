"""Every page shows the numbers recorded in tests/fixtures/page_values.json (see
tests/page_values.py): a refactoring that moves a number on any page fails here."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests import page_values

EXPECTED = json.loads(page_values.EXPECTED.read_text())


def _difference(expected: list, found: list) -> str:
    missing = Counter(map(str, expected)) - Counter(map(str, found))
    extra = Counter(map(str, found)) - Counter(map(str, expected))
    return f"missing {sorted(missing.elements())[:12]}, new {sorted(extra.elements())[:12]}"


@pytest.mark.parametrize("name", list(page_values.FILTERS))
@pytest.mark.parametrize("page", page_values.PAGES)
def test_page_shows_the_recorded_numbers(app_env, page, name):
    at = page_values.open_page(page, page_values.FILTERS[name])
    assert not at.exception
    found = page_values.read_tabs(at, page)
    expected = EXPECTED[f"{page}/{name}"]
    for part, numbers in expected.items():
        assert found[part] == numbers, f"{page}/{name} {part}: {_difference(numbers, found[part])}"
