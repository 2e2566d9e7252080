"""Spark (local mode) builds every rollup and copy from the lake equal, row for row, to the
embedded DuckDB build, and the dashboard on Spark's rollups shows every page's recorded
numbers. One Spark session serves the whole test session: it takes a minute to start."""

from __future__ import annotations

import pytest

from pulse.lake import compare, engines
from pulse.store import open_store
from tests import lake_fixtures, page_values
from tests.test_page_values import EXPECTED, _difference

pytestmark = pytest.mark.long  # minutes: started first (conftest.py)


@pytest.fixture(scope="session")
def spark():
    """One local Spark session on two cores for every Spark test."""
    session = engines.spark_session("local[2]", app="pulse-tests", partitions=2, adaptive=False)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_built(tiny, tiny_path, spark, tmp_path_factory):
    """The tiny store with every rollup emptied and rebuilt by Spark from its lake."""
    folder = tmp_path_factory.mktemp("spark")
    path, _lake = lake_fixtures.lake_built(tiny_path, folder, engines.SparkEngine(session=spark))
    return path


def test_spark_builds_every_rollup_as_duckdb_does(tiny, tiny_path, spark_built):
    tables = lake_fixtures.tables(tiny)
    assert len(tables) > 40  # every rollup and every copy of the catalogue
    assert compare.stores(tiny, open_store(spark_built), tables) == {}


def test_the_store_says_spark_built_them(spark_built):
    store = open_store(spark_built)
    builds = store.df("select engine, master, scope, n_rows from rollup_build")
    assert set(builds["engine"]) == {"spark"}
    assert set(builds["master"]) == {"local[2]"}
    assert builds["n_rows"].sum() > 0


@pytest.mark.parametrize("name", list(page_values.FILTERS))
@pytest.mark.parametrize("page", page_values.PAGES)
def test_pages_on_spark_rollups_show_the_recorded_numbers(spark_built, monkeypatch, page, name):
    monkeypatch.setenv("PULSE_STORE", str(spark_built))
    at = page_values.open_page(page, page_values.FILTERS[name])
    assert not at.exception
    found = page_values.read_tabs(at, page)
    for part, numbers in EXPECTED[f"{page}/{name}"].items():
        assert found[part] == numbers, f"{page}/{name} {part}: {_difference(numbers, found[part])}"
