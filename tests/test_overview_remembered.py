"""The Overview's numbers (and the Queues and Hotline pages') are remembered per filter until
the data changes, so going back to a filter seen before costs no recomputation; annotations
(kept beside the store) are read fresh on every run, so a new one shows at once."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from pulse import dimensions, events, filters, kpis, values
from pulse.hotline import data as hotline
from pulse.overview import data as overview
from pulse.queues import data as queues
from pulse.store import open_store


def test_a_filter_seen_before_is_not_computed_again_but_a_new_annotation_shows(
    tiny_path, tmp_path, monkeypatch
):
    path = tmp_path / "store.duckdb"
    shutil.copy(tiny_path, path)
    store = open_store(path)
    calls = []
    evaluate = values.evaluate
    monkeypatch.setattr(values, "evaluate", lambda *a, **k: calls.append(1) or evaluate(*a, **k))
    f = filters.Filter(period="last_30")
    first = overview.build(store, f, dt.date(2026, 10, 31))
    computed = len(calls)
    assert computed > 0

    events.add(
        path, None, kind="outage", starts_on=dt.date(2026, 10, 20), ends_on=dt.date(2026, 10, 21),
        city_id=None, branch_id=None, title="Fibre cut", note="",
    )  # fmt: skip
    again = overview.build(store, f, dt.date(2026, 10, 31))
    assert len(calls) == computed  # the same filter: nothing evaluated again
    assert again.tiles is first.tiles and again.cities is first.cities
    assert "Fibre cut" in set(again.events["title_en"]) - set(first.events["title_en"])

    overview.build(store, f.with_(period="last_7"), dt.date(2026, 10, 31))
    assert len(calls) > computed  # another filter: computed
    store.loaded()  # a load: computed again, even for the filter seen before
    before = len(calls)
    overview.build(store, f, dt.date(2026, 10, 31))
    assert len(calls) > before


@pytest.mark.parametrize("page", ["queues", "hotline"])
def test_the_queues_and_hotline_pages_are_remembered_the_same_way(
    tiny_path, tmp_path, monkeypatch, page
):
    path = tmp_path / "store.duckdb"
    shutil.copy(tiny_path, path)
    store = open_store(path)
    dims = dimensions.load(store)
    build = {"queues": queues.build, "hotline": hotline.build}[page]
    calls = []
    evaluate = values.evaluate
    monkeypatch.setattr(values, "evaluate", lambda *a, **k: calls.append(1) or evaluate(*a, **k))
    f = filters.Filter(period="last_30")
    first = build(store, f, dims, dims.as_of)
    computed = len(calls)
    events.add(
        path, None, kind="outage", starts_on=dt.date(2026, 10, 20), ends_on=dt.date(2026, 10, 21),
        city_id=None, branch_id=None, title="Fibre cut", note="",
    )  # fmt: skip
    again = build(store, f, dims, dims.as_of)
    assert len(calls) == computed and again.tiles is first.tiles
    assert "Fibre cut" in set(again.events["title_en"]) - set(first.events["title_en"])


def test_the_tiles_of_the_other_pages_are_remembered_until_a_load(tiny):
    f = filters.Filter(period="last_30")
    period = filters.resolve(f, dt.date(2026, 10, 31))
    ids = ["complaints_count", "complaint_ontime_rate"]
    first = kpis.tiles(tiny, ids, f, period)
    assert kpis.tiles(tiny, ids, f, period) is first
    assert kpis.tiles(tiny, ids, f.with_(cities=("SZ",)), period) is not first
    assert kpis.tiles(tiny, ids[:1], f, period) is not first  # other metrics, other tiles
