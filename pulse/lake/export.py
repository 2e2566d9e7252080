"""Write a store's facts to the lake, and load an extract into the lake through the store's
own validation (pulse.ingest), rejecting each bad row with its row number and reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pulse import ingest, sql, tables
from pulse.lake import build, layout
from pulse.store import Store

# each fact's natural key: a load replaces the lake's rows that share it
KEYS = {
    "queue_ticket": "ticket_id",
    "hotline_call": "call_id",
    "complaint": "complaint_id",
    "survey_response": "response_id",
}


def _partitioned(cur, table: str):
    query = sql.render(
        "lake/fact_partitioned",
        table=table,
        day_column=tables.SPECS[table].day_column,
        via_branch=table == "queue_ticket",
    )
    return cur.sql(query)


def lake_dimensions() -> list[str]:
    """Every table a fact refers to or a rollup joins, copied beside the facts."""
    wanted = set(build.dimensions())
    for fact in layout.FACTS:
        wanted |= {target for target, _ in tables.SPECS[fact].references.values()}
    return sorted(wanted - set(layout.FACTS))


def export_store(store: Store, lake: Path) -> dict[str, int]:
    """Write every fact of the store to the lake (replacing what was there) and the
    dimensions beside them; returns the rows written per fact."""
    lake = Path(lake)
    written = {}
    with store.cursor() as cur:
        for table in lake_dimensions():
            _write_dimension(cur, lake, table)
        for fact in layout.FACTS:
            relation = _partitioned(cur, fact)
            layout.swap(_stage(cur, lake, relation), layout.fact_dir(lake, fact), [""])
            written[fact] = cur.table(fact).count("*").fetchall()[0][0]
    return written


def _write_dimension(cur, lake: Path, table: str) -> None:
    target = layout.dimension_dir(lake, table)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.parquet"):
        old.unlink()
    cur.table(sql.ident(table)).to_parquet(str(target / "data.parquet"))


def _stage(cur, lake: Path, relation) -> Path:
    stage = layout.staging(lake)
    relation.to_parquet(str(stage), partition_by=["month", "province"], overwrite=True)
    return stage


def load_to_lake(
    lake: Path, table: str, path: Path, *, profile=None, loaded_by: str | None = None
) -> tuple[ingest.LoadResult, list[layout.Cell]]:
    """Validate an extract as the store would (types, rules, keys, references to the lake's
    dimensions) and write the rows that pass into their partitions, replacing rows with the
    same natural key; returns the load's result (rejects with row and reason) and the
    partitions written."""
    if table not in KEYS:
        raise ingest.LoadError(f"the lake holds {', '.join(KEYS)}; {table} loads into the store")
    lake = Path(lake)
    with tempfile.TemporaryDirectory(prefix="pulse-lake-") as scratch_dir:
        scratch = Store(Path(scratch_dir) / "check.duckdb")
        try:
            with scratch.cursor() as cur:
                _copy_references(cur, lake, table)
            result = ingest.load_file(
                scratch, table, path, profile=profile, loaded_by=loaded_by, refresh_rollups=False
            )
            with scratch.cursor() as cur:
                stage = _stage(cur, lake, _partitioned(cur, table))
                touched = _merge(cur, lake, table, stage)
        finally:
            scratch.close()
    return result, touched


def _copy_references(cur, lake: Path, table: str) -> None:
    """Put in the scratch store what the rows refer to: the dimensions, and for surveys the
    contacts they follow (the whole facts: the lake keeps no index of their ids)."""
    sources = {d: layout.dimension_dir(lake, d) for d in lake_dimensions()}
    for target, _ in tables.SPECS[table].references.values():
        if target in KEYS:
            sources[target] = layout.fact_dir(lake, target)
    for name, directory in sources.items():
        found = layout.files(directory)
        if found:
            cur.execute(sql.render("lake/insert_references", table=name), {"files": found})


def _merge(cur, lake: Path, table: str, stage: Path) -> list[layout.Cell]:
    """Fold the staged partitions into the lake's, keeping rows the load does not replace."""
    touched = []
    merged = layout.staging(lake)
    for leaf in sorted(stage.glob("month=*/province=*")):
        cell = layout.Cell(leaf.parent.name.split("=", 1)[1], leaf.name.split("=", 1)[1])
        old = layout.files(layout.fact_dir(lake, table) / cell.path())
        out = merged / cell.path()
        out.mkdir(parents=True, exist_ok=True)
        if old:
            query = sql.render("lake/merge_cell", key=KEYS[table])
            params = {"new_files": layout.files(leaf), "old_files": old}
            cur.sql(query, params=params).to_parquet(str(out / "data.parquet"))
        else:
            for part in layout.files(leaf):
                Path(part).rename(out / Path(part).name)
        touched.append(cell)
    layout.swap(merged, layout.fact_dir(lake, table), [c.path() for c in touched])
    layout.swap(stage, stage, [])
    return touched
