"""The national scale: provinces generated one at a time straight into the lake, each with its
own ids, and the rollups built from it into a store that holds only the dimensions."""

from __future__ import annotations

import duckdb

from pulse import ingest, tables
from pulse.lake import build, definitions, engines, land, layout
from pulse.store import Store
from sample_data import national


def test_two_provinces_land_in_their_own_partitions_and_build(tmp_path):
    lake = tmp_path / "lake"
    written = national.generate_national(lake, provinces=2, template="tiny")
    assert [c.province for c in layout.cells(lake, "queue_ticket")] == ["BJ", "TJ"] * 2
    files = layout.files(layout.fact_dir(lake, "queue_ticket"))
    counts = duckdb.sql(
        "select count(*), count(distinct ticket_id), count(distinct split_part(branch_id, '.', 1))"
        " from read_parquet($files)",
        params={"files": files},
    ).fetchall()[0]
    assert counts == (written["queue_ticket"], written["queue_ticket"], 2)

    store = Store(tmp_path / "national.duckdb")
    try:
        for table in tables.LOAD_ORDER:
            path = lake / "_load" / f"{table}.csv"
            if path.exists():
                ingest.load_file(store, table, path, reject_file_on_error=True)
        land.prepare(store, lake)
        with store.cursor() as cur:
            plan = definitions.plan(cur)
        cells = {fact: layout.cells(lake, fact) for fact in layout.FACTS}
        land.land(store, lake, build.run(engines.DuckEngine(), lake, plan, cells))
        by_province = store.df(
            "select province_id, sum(n_tickets) as n from queue_daily group by 1 order by 1"
        )
    finally:
        store.close()
    assert by_province["province_id"].tolist() == ["BJ", "TJ"]
    assert by_province["n"].sum() == written["queue_ticket"]
