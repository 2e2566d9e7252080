"""The store: schema applied once, and one connection shared safely by many threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

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
        cur.execute("delete from schema_version where version in (11, 12)")
    old.close()
    upgraded = Store(path)  # applies 011 and 012, and fills the new copies
    for name in ("hall_numbers_match_their_halls", "copies_add_up"):
        assert violations(upgraded, name).empty, name
    got = histograms.fetch(upgraded, metric, f, period, keys, sets)
    for g in sets:
        assert len(got[g]) == len(expected[g]) > 0
        assert got[g].equals(expected[g]), g
    upgraded.close()
