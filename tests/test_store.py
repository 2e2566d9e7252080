"""The store: schema applied once, and one connection shared safely by many threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pulse import store as store_module
from pulse.store import Store


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
