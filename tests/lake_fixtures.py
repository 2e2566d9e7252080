"""Building a store's rollups from a lake in the tests: export the tiny store, empty a copy's
rollups, build them on an engine and land them."""

from __future__ import annotations

import shutil
from pathlib import Path

from pulse import sidecar
from pulse.lake import build, definitions, export, land, layout
from pulse.store import Store


def tables(store: Store) -> list[str]:
    """Every rollup and copy the pages read, in build order."""
    with store.cursor() as cur:
        return [d.table for d in definitions.plan(cur)]


def lake_built(source: Path, folder: Path, engine) -> tuple[Path, Path]:
    """A copy of the store at `source` whose rollups were emptied and then built by `engine`
    from a lake exported from it; returns (store path, lake path)."""
    path, lake = folder / "store.duckdb", folder / "lake"
    shutil.copy(source, path)
    if sidecar.path_for(source).exists():  # its accounts, so pages can be opened signed in
        shutil.copy(sidecar.path_for(source), sidecar.path_for(path))
    store = Store(path)
    try:
        export.export_store(store, lake)
        with store.cursor() as cur:
            plan = definitions.plan(cur)
        land.clear(store, [d.table for d in plan])
        land.prepare(store, lake)
        cells = {fact: layout.cells(lake, fact) for fact in layout.FACTS}
        land.land(store, lake, build.run(engine, lake, plan, cells))
    finally:
        store.close()
    return path, lake
