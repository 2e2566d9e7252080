"""Every chart's and table's download, on every page and in every section tab, says what the
screen says: codes as their labels, no working columns (sums, sums of squares, numerators,
keys beside their labels). Walked in Chinese on the tiny store, where any code left in a
cell stands out (tests.walk's rule for the screen, applied to the files). Units are checked
where each conversion is made (tests/test_downloads*.py): a frame does not say what a chart
drew."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pulse.ui import show
from tests import apptest, walk

# (page, its URL's parameters): every page with downloads, the drill-down at each level
PAGES = [
    ("overview", {}),
    ("queues", {}),
    ("hotline", {}),
    ("surveys", {}),
    ("complaints", {}),
    ("trends", {}),
    ("benchmarks", {}),
    ("drill", {}),
    ("drill", {"city": "SZ"}),
    ("hall", {"hall": "SZ-002"}),
    ("scorecard", {}),
]
# a working column: a key with an id, a sum or sum of squares, a numerator or denominator, a
# metric's fields run together ("queue_wait_mean__low")
WORKING = re.compile(r"(_id$|^group_key$|_sum$|_sumsq$|__|numerator|denominator)")


def _downloads(page: str, query: dict, monkeypatch) -> dict[str, pd.DataFrame]:
    """Every download the page offers, by its key, with each section tab opened in turn."""
    found: dict[str, pd.DataFrame] = {}
    footer = show._footer

    def record(meta, key, fig=None, data=None, formats=None):
        if data is not None:  # a frame, or the function that makes it when clicked
            found.setdefault(key, show.later(data)())
        return footer(meta, key, fig=fig, data=data, formats=formats)

    monkeypatch.setattr(show, "_footer", record)
    at = apptest.start(f"pages/{page}.py", lang="zh", period="last_30", **query)
    assert not at.exception, at.exception
    for label, _ in apptest.each_tab(at, page):
        assert not at.exception, f"{label}: {at.exception}"
    return found


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p}-{q}" for p, q in PAGES])
def test_every_download_is_in_the_screens_words(app_env, tiny_path, monkeypatch, page, query):
    codes = walk.patterns(walk.raw_codes(tiny_path))["zh"]
    found = _downloads(page, query, monkeypatch)
    assert found, f"{page} offers no download on the tiny store"
    problems = []
    for key, frame in found.items():
        frame = frame.reset_index(drop=not any(frame.index.names))
        working = [c for c in map(str, frame.columns) if WORKING.search(c)]
        if working:
            problems.append(f"{key}: working columns {working}")
        for column in frame.columns:
            if frame[column].dtype == bool and str(column) in ("group", "handling"):
                problems.append(f"{key}: {column} holds True/False, not the group's name")
            cells = {str(v) for v in frame[column].dropna() if isinstance(v, str)}
            raw = sorted(v for v in cells if codes.search(v))
            if raw:
                problems.append(f"{key}: {column} holds codes {raw[:4]}")
    assert not problems, "\n".join(problems)
