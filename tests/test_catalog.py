"""The metric catalogue: complete, consistent, and every entry computable on a real store."""

from __future__ import annotations

import datetime as dt

import pytest

from pulse import catalog, filters, measures, values
from pulse.catalog import CatalogError
from pulse.store import open_store
from tests.conftest import reads_snapshots


def test_at_least_twenty_metrics_across_the_four_families():
    metrics = catalog.metrics()
    assert len(metrics) >= 20
    assert {m.family for m in metrics.values()} == {"survey", "queue", "hotline", "complaint"}


def test_ten_headline_metrics_in_order():
    assert [m.headline for m in catalog.headline()] == list(range(1, 11))


@pytest.mark.parametrize("metric", list(catalog.metrics().values()), ids=lambda m: m.id)
def test_each_metric_is_complete(metric):
    assert metric.label_en and metric.label_zh and metric.definition_en and metric.definition_zh
    assert metric.unit and metric.format and metric.rollup
    assert metric.interval in catalog.INTERVALS.values()
    assert metric.min_n >= 0


@pytest.mark.parametrize("metric", list(catalog.metrics().values()), ids=lambda m: m.id)
def test_each_metric_computes_on_the_tiny_store(tiny, tiny_snapshots_path, metric):
    # the generated data has no queue-system snapshots: their metrics read the tiny store
    # with conftest.SNAPSHOTS loaded
    store = open_store(tiny_snapshots_path) if reads_snapshots([metric.id]) else tiny
    f = filters.Filter(period="last_90")
    period = filters.resolve(f, dt.date(2026, 10, 31))
    raw = measures.fetch(store, [metric], f, period, [()])[()]
    row = values.evaluate([metric], raw, (), period).iloc[0]
    assert row["value"] == row["value"]  # not NaN
    if metric.kind not in ("rate", "count"):  # zero events is a valid count
        assert row["n"] > 0
        assert row["low"] <= row["value"] <= row["high"] or metric.kind == "nps"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('id = "x"\nkind = "share"\nnumerator = "1"', "needs denominator"),
        ('id = "x"\nkind = "ratio"', "kind must be one of"),
        ('id = "x"\nkind = "count"\nnumerator = "1"\nrollup = "nowhere"', "unknown rollup"),
        ('id = "x"\nkind = "count"\nnumerator = "1"\nneeds = "customer_key"', "needs is for a"),
    ],
)
def test_inconsistent_entries_are_refused(tmp_path, entry, message):
    path = tmp_path / "metrics.toml"
    path.write_text("[rollup.r]\nfilters = {}\n\n[[metric]]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=message):
        catalog.load(path)


def test_a_rollup_names_its_filter_set(tmp_path):
    path = tmp_path / "metrics.toml"
    sets = '[filter_sets]\nplaces = { city = "city_id", hall = "branch_id" }\n\n'
    metric = '[[metric]]\nid = "x"\nkind = "count"\nnumerator = "1"\nrollup = "r"\n'
    metric += 'family = "queue"\nlabel_en = "x"\nlabel_zh = "x"\nunit = "n"\nformat = "int"\n'
    metric += 'direction = "higher"\nmin_n = 0\ndefinition_en = "x"\ndefinition_zh = "x"\n'
    path.write_text(sets + '[rollup.r]\nfilters = "places"\n\n' + metric, encoding="utf-8")
    assert catalog.load(path)[1]["r"].filters == {"city": "city_id", "hall": "branch_id"}
    other = tmp_path / "other.toml"  # load() remembers each file
    other.write_text(sets + '[rollup.r]\nfilters = "nowhere"\n\n' + metric, encoding="utf-8")
    with pytest.raises(CatalogError, match="unknown filter set nowhere"):
        catalog.load(other)


def test_a_needed_field_is_an_optional_column_of_the_metrics_facts(tmp_path):
    # "not in this source" is said when n is 0 over rows that lack the field: it must be a
    # column the facts may leave empty
    from pulse import rollups
    from pulse.store import Store

    needing = {m.id: m for m in catalog.metrics().values() if m.needs}
    assert {m: needing[m].needs for m in needing} == {
        "nps": "score_recommend",
        "complaint_repeat_rate": "customer_key",
    }
    store = Store(tmp_path / "empty.duckdb")
    for metric in needing.values():
        fact = rollups.sources()[metric.rollup]
        nullable = store.df(
            "select is_nullable from information_schema.columns "
            "where table_name = $table and column_name = $column",
            {"table": fact, "column": metric.needs},
        )["is_nullable"].tolist()
        assert nullable == ["YES"], metric.id
    store.close()
