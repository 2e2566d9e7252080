"""The lake without Spark: the Parquet layout, validated loads into it, every rollup's Spark
SQL, and the DuckDB engine's builds (whole and incremental) against the store's own."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pulse import rollups
from pulse.lake import build, compare, definitions, engines, export, land, layout, portable
from pulse.store import Store, open_store
from tests import lake_fixtures


@pytest.fixture(scope="module")
def duck_built(tiny, tiny_path, tmp_path_factory):
    """The tiny store with every rollup emptied and rebuilt by DuckDB from its lake."""
    return lake_fixtures.lake_built(
        tiny_path, tmp_path_factory.mktemp("duck"), engines.DuckEngine()
    )


def test_every_rollup_has_a_spark_form(tiny):
    """A rollup that only DuckDB can build fails here (and in test_lake_spark.py)."""
    with tiny.cursor() as cur:
        plan = definitions.plan(cur)
    assert {d.table for d in plan} >= set(rollups.sources())
    for definition in plan:
        assert portable.to_spark(definition.select).upper().startswith(("WITH", "SELECT"))
    for body in definitions.staging_views().values():
        portable.to_spark(body)


@pytest.mark.parametrize(
    "duckdb_sql",
    [
        "select quantile_cont(wait_s, 0.9) as p90 from t",
        "select histogram(bucket_min) as h from t",
        "select time_bucket(interval 30 minute, issued_at) as slot from t",
        "select list(wait_s order by issued_at) as waits from t",
        "select array_agg(wait_s order by issued_at) as waits from t",
        "select * from read_parquet('lake/*/*.parquet', hive_partitioning = true)",
    ],
)
def test_what_spark_would_get_wrong_is_refused(duckdb_sql):
    with pytest.raises(portable.NotPortable):
        portable.to_spark(duckdb_sql)


def test_spark_sql_keeps_the_parameters_bound_and_the_seconds_exact():
    spark_sql = portable.to_spark(
        "select epoch(called_at - issued_at) as wait_s, hours_bucket(h) as b from t "
        "where day between $day_from and $day_to"
    )
    assert ":day_from" in spark_sql and ":day_to" in spark_sql
    assert "(UNIX_MICROS(called_at) - UNIX_MICROS(issued_at)) / 1000000" in spark_sql
    assert "HOURS_BUCKET" not in spark_sql.upper()  # the store's macro, written out


def test_export_writes_every_fact_by_month_and_province(tiny, duck_built):
    _path, lake = duck_built
    for fact in layout.FACTS:
        assert [c.path() for c in layout.cells(lake, fact)] == [
            "month=2026-09/province=GD",
            "month=2026-10/province=GD",
        ]
        files = layout.files(layout.fact_dir(lake, fact))
        in_lake = duckdb.sql("select count(*) from read_parquet($f)", params={"f": files})
        assert in_lake.fetchall()[0][0] == tiny.df(f"select count(*) as n from {fact}")["n"][0]


def test_duckdb_builds_from_the_lake_what_the_store_builds(tiny, tiny_path, duck_built):
    path, _lake = duck_built
    assert compare.stores(tiny, open_store(path), lake_fixtures.tables(tiny)) == {}


def test_a_load_to_the_lake_rejects_rows_with_reasons_and_rebuilds_only_its_partition(
    tiny, tiny_path, duck_built, tmp_path
):
    _path, source_lake = duck_built
    lake = tmp_path / "lake"
    shutil.copytree(source_lake, lake)
    store_path = tmp_path / "store.duckdb"
    shutil.copy(_path, store_path)
    # two served September tickets again: one walked away after all, one the store would refuse
    rows = tiny.df(
        "select * from queue_ticket where issued_at < '2026-10-01' and outcome = 'served' "
        "order by ticket_id limit 2"
    )
    rows.loc[0, "outcome"] = "walked_away"
    rows.loc[0, ["called_at", "served_at", "finished_at"]] = None
    rows.loc[1, "outcome"] = "lost"
    extract = tmp_path / "tickets.parquet"
    duckdb.from_df(rows).to_parquet(str(extract))
    result, touched = export.load_to_lake(lake, "queue_ticket", extract, loaded_by="tests")
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (2, 1, 1)
    assert result.rejects[0][0] == 2 and "outcome" in result.rejects[0][1]
    assert touched == [layout.Cell("2026-09", "GD")]

    store = Store(store_path)
    try:
        since = land.last_build(store, "duckdb")
        cells = {fact: layout.changed_since(lake, fact, since) for fact in layout.FACTS}
        assert cells == {
            "queue_ticket": [layout.Cell("2026-09", "GD")],
            "hotline_call": [],
            "complaint": [],
            "survey_response": [],
        }
        land.prepare(store, lake)
        with store.cursor() as cur:
            plan = definitions.plan(cur)
        built = build.run(engines.DuckEngine(), lake, plan, cells)
        version = store.data_version
        load_id = land.land(store, lake, built)
        assert store.data_version == load_id > version  # as a load bumps it: caches go stale
        assert built.tables["queue_daily"] == ("cells", ["month=2026-09/province=GD"])
        assert built.tables["queue_monthly"] == ("months", ["month=2026-09"])
        assert "survey_daily" not in built.tables
        walked = store.df(
            "select sum(n_walked_away) as n from queue_daily where day < '2026-10-01'"
        )["n"][0]
    finally:
        store.close()
    before = tiny.df("select sum(n_walked_away) as n from queue_daily where day < '2026-10-01'")[
        "n"
    ][0]
    assert walked == before + 1


@pytest.mark.parametrize(
    ("lang", "engine_column", "heading"),
    [("en", "Engine", "Rollup builds"), ("zh", "引擎", "汇总表构建")],
)
def test_the_data_page_says_which_engine_built_the_rollups(
    duck_built, monkeypatch, lang, engine_column, heading
):
    from tests.apptest import open_page

    monkeypatch.setenv("PULSE_STORE", str(duck_built[0]))
    at = open_page("data", lang=lang)
    assert not at.exception
    assert heading in [s.value for s in at.subheader]
    (builds,) = [d.value for d in at.dataframe if engine_column in d.value.columns]
    assert builds[engine_column].tolist() == ["duckdb"]
    # 55 tables (schema 027 added the two company-wide complaint copies) and their rows
    assert builds.iloc[0].tolist()[2:5] == ["embedded", 55, 109]
