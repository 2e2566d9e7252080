"""The store: schema applied once, and one connection shared safely by many threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from pulse import store as store_module
from pulse.store import Store
from tests.test_invariants import violations


def test_schema_versions_apply_once(tmp_path):
    path = tmp_path / "s.duckdb"
    first = Store(path)
    versions = first.df("select version from schema_version order by version")["version"].tolist()
    first.close()
    again = Store(path)
    assert again.df("select count(*) as n from schema_version")["n"][0] == len(versions)
    with again.cursor() as cur:
        assert store_module.migrate(cur) == []
    again.close()
    assert versions == sorted(int(p.name[:3]) for p in store_module.SCHEMA_DIR.glob("*.sql"))


def test_queries_from_many_threads_share_one_connection(handmade):
    query = "select count(*) as n from queue_ticket where branch_id = $hall"

    def count(i):
        return int(handmade.df(query, {"hall": "GZ-001" if i % 2 else "SZ-001"})["n"][0])

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(count, range(200)))
    assert results == [4 if i % 2 else 2 for i in range(200)]


def test_cache_is_dropped_after_a_load(handmade):
    query = "select count(*) as n from load_log"
    before = handmade.cached_df(query)["n"][0]
    with handmade.cursor() as cur:
        cur.execute(
            "insert into load_log (table_name, file_name, checksum_sha256, rows_in, "
            "rows_loaded, rows_rejected, loaded_by, loaded_at) values "
            "('city', 'x.csv', 'abc', 0, 0, 0, 'test', now())"
        )
    assert handmade.cached_df(query)["n"][0] == before  # same data version: cached
    handmade.loaded()
    assert handmade.cached_df(query)["n"][0] == before + 1


def test_an_older_store_gets_hall_numbers_and_segment_copies(tiny_path, tmp_path):
    # a store made before schema 011: no hall numbers and no segment copies of the waits
    import shutil

    from pulse import catalog, filters, histograms

    path = tmp_path / "old.duckdb"
    shutil.copy(tiny_path, path)
    f = filters.Filter(period="ytd", compare="last_year", segments=("gold",))
    metric = catalog.metric("queue_wait_p90")
    keys = [("city_id", "city_id"), ("branch_id", "branch_id")]
    sets = [("city_id", "branch_id"), ()]
    current = Store(path, read_only=True)
    period = filters.resolve(f, current.df("select max(day) as d from queue_daily")["d"][0].date())
    expected = histograms.fetch(current, metric, f, period, keys, sets)
    current.close()
    old = Store(path)
    with old.cursor() as cur:
        for table in ("queue_wait_hist", "queue_wait_hist_hall_monthly"):
            cur.execute(f"alter table {table} drop column hall_no")
        cur.execute("drop table hall_number")
        cur.execute("drop table queue_wait_hist_city_segment_monthly")
        cur.execute("drop table queue_wait_hist_hall_segment_monthly")
        # a store made before 011 was made before 028 (first days in the monthly copies) too
        cur.execute("delete from schema_version where version in (11, 12, 28)")
    old.close()
    upgraded = Store(path)  # applies 011 and 012, and fills the new copies
    for name in ("hall_numbers_match_their_halls", "copies_add_up"):
        assert violations(upgraded, name).empty, name
    got = histograms.fetch(upgraded, metric, f, period, keys, sets)
    for g in sets:
        assert len(got[g]) == len(expected[g]) > 0
        assert got[g].equals(expected[g]), g
    upgraded.close()


COMPLAINT_ROLLUPS = (
    "complaint_daily",
    "complaint_daily_city",
    "complaint_monthly",
    "complaint_monthly_city",
    "complaint_subcategory_daily",
    "complaint_subcategory_daily_city",
    "complaint_subcategory_monthly",
    "complaint_subcategory_monthly_city",
)


def test_an_older_store_gets_optional_customers_and_rebuilt_complaint_rollups(tiny_path, tmp_path):
    # a store made before schema 024: customer keys required, no n_repeat_known anywhere
    import shutil

    from pulse import catalog, filters, measures, values

    path = tmp_path / "old.duckdb"
    shutil.copy(tiny_path, path)
    f = filters.Filter(period="ytd", compare="last_year")
    metric = catalog.metric("complaint_repeat_rate")
    current = Store(path, read_only=True)
    as_of = current.df("select max(day) as d from complaint_daily")["d"][0].date()
    period = filters.resolve(f, as_of)
    groups = [(), ("city_id",)]
    raw = measures.fetch(current, [metric], f, period, groups, months_ok=True)
    expected = {g: values.evaluate([metric], raw[g], g, period) for g in groups}
    known = current.df("select count(is_repeat) as n from complaint")["n"][0]
    current.close()
    old = Store(path)
    with old.cursor() as cur:
        for table in COMPLAINT_ROLLUPS:
            cur.execute(f"alter table {table} drop column n_repeat_known")
        for column in ("customer_key", "is_repeat"):
            cur.execute(f"alter table complaint alter column {column} set not null")
        cur.execute("delete from schema_version where version = 24")
    old.close()
    upgraded = Store(path)  # applies 024, which empties the rollups; opening refills them
    nullable = upgraded.df(
        "select column_name, is_nullable from information_schema.columns "
        "where table_name = 'complaint' and column_name in ('customer_key', 'is_repeat') "
        "order by column_name"
    ).values.tolist()
    assert nullable == [["customer_key", "YES"], ["is_repeat", "YES"]]
    for table in COMPLAINT_ROLLUPS:
        assert upgraded.df(f"select sum(n_repeat_known) as n from {table}")["n"][0] == known > 0
    for name in ("rollup_totals_match_facts", "copies_add_up"):
        assert violations(upgraded, name).empty, name
    raw = measures.fetch(upgraded, [metric], f, period, groups, months_ok=True)
    for g in groups:
        got = values.evaluate([metric], raw[g], g, period)
        assert len(got) == len(expected[g]) > 0

        # the same rows, in whatever order the rollups returned them
        def ordered(frame, g=g):
            return frame.sort_values(list(g)).reset_index(drop=True) if g else frame

        pd.testing.assert_frame_equal(ordered(got), ordered(expected[g]), obj=str(g))
    upgraded.close()


def test_an_older_store_gets_first_days_in_its_monthly_copies(tiny_path, tmp_path):
    # a store made before schema 028: monthly copies without first_day
    import shutil

    from pulse import catalog

    path = tmp_path / "old.duckdb"
    shutil.copy(tiny_path, path)
    monthly = [v.table for vs in catalog.variants().values() for v in vs if v.grain == "month"]
    current = Store(path, read_only=True)
    expected = {t: current.df(f"select * from {t} order by all") for t in monthly}
    current.close()
    old = Store(path)
    with old.cursor() as cur:
        for table in monthly:
            cur.execute(f"alter table {table} drop column first_day")
        cur.execute("delete from schema_version where version = 28")
    old.close()
    upgraded = Store(path)  # applies 028, which empties the copies; they are rebuilt with it
    assert upgraded.df("select max(version) as v from schema_version")["v"][0] == 28
    for table in monthly:
        got = upgraded.df(f"select * from {table} order by all")
        assert len(got) == len(expected[table]) > 0, table
        pd.testing.assert_frame_equal(got[expected[table].columns], expected[table], obj=table)
        assert got["first_day"].notna().all(), table
    assert violations(upgraded, "copies_add_up").empty
    upgraded.close()


def test_a_remembered_frame_is_computed_once_per_key_until_the_data_changes(handmade):
    calls = []

    def compute():
        calls.append(1)
        return handmade.df("select count(*) as n from load_log")

    first = handmade.remembered(("count", 1), compute)
    assert handmade.remembered(("count", 1), compute) is first and len(calls) == 1
    handmade.remembered(("count", 2), compute)  # another key: computed
    assert len(calls) == 2
    handmade.loaded()  # a load: every remembered frame is stale
    handmade.remembered(("count", 1), compute)
    assert len(calls) == 3
