"""Land a lake build in the dashboard's store: the partitions it replaced, in one transaction
with a load_log row (the data version every cache keys on) and one rollup_build row a table."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pulse import sql
from pulse.lake import build, definitions, layout
from pulse.store import Store


def prepare(store: Store, lake: Path) -> None:
    """Number new halls in the store (queue_wait_hist's bookkeeping), then write the tables the
    rollups join to the lake, so an engine reads the store's current dimensions."""
    from pulse import rollups

    with store.cursor() as cur:
        cur.execute("begin transaction")
        for rollup in rollups.sources():
            for statement in definitions.bookkeeping(rollup):
                cur.execute(statement)
        cur.execute("commit")
        for table in build.dimensions():
            target = layout.dimension_dir(lake, table)
            target.mkdir(parents=True, exist_ok=True)
            for old in target.glob("*.parquet"):
                old.unlink()
            cur.table(sql.ident(table)).to_parquet(str(target / "data.parquet"))


def _day_range(month: str) -> tuple[dt.date, dt.date]:
    return layout.month_span({month})


def _clear(cur, table: str, scope: str, part: str) -> None:
    if not part:
        cur.execute(sql.render("lake/delete_all", table=table))
        return
    keys = dict(piece.split("=", 1) for piece in part.split("/"))
    day_from, day_to = _day_range(keys["month"])
    params = {"day_from": day_from, "day_to": day_to}
    if scope == "cells":
        params["province"] = keys["province"]
        cur.execute(sql.render("lake/delete_cell", table=table), params)
    else:
        cur.execute(sql.render("lake/delete_days", table=table), params)


def land(store: Store, lake: Path, built: build.Built) -> int:
    """Replace in the store what the build replaced in the lake; returns the load id."""
    lake = Path(lake)
    counts: dict[str, tuple[int, int]] = {}
    digest = hashlib.sha256()
    with store.cursor() as cur:
        cur.execute("begin transaction")
        try:
            for table, (scope, parts) in built.tables.items():
                rows = 0
                for part in parts:
                    _clear(cur, table, scope, part)
                    found = layout.files(layout.rollup_dir(lake, table) / part)
                    digest.update("\n".join(found).encode())
                    if found:
                        insert = sql.render("lake/insert_files", table=table)
                        rows += cur.execute(insert, {"files": found}).fetchone()[0]
                counts[table] = (len(parts), rows)
            load_id = cur.execute(
                sql.text("load/record_load"),
                {  # a landing is a load of rollups, with nothing kept to undo it
                    "table_name": "rollups",
                    "file_name": f"{lake.name} ({built.engine} {built.master})",
                    "checksum": digest.hexdigest(),
                    "rows_in": sum(r for _, r in counts.values()),
                    "rows_loaded": sum(r for _, r in counts.values()),
                    "rows_rejected": 0,
                    "loaded_by": f"pulse.lake {built.engine}",
                    "replaces_load": None,
                    "undoable": False,
                },
            ).fetchone()[0]
            for table, (n_parts, rows) in counts.items():
                cur.execute(
                    sql.text("lake/record_build"),
                    {
                        "load_id": load_id,
                        "table_name": table,
                        "engine": built.engine,
                        "master": built.master,
                        "scope": built.tables[table][0],
                        "n_partitions": n_parts,
                        "n_rows": rows,
                        "started_at": built.started_at,
                    },
                )
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
    store.loaded()
    return load_id


def last_build(store: Store, engine: str) -> dt.datetime | None:
    """When the engine's last landed build started (None before the first)."""
    value = store.df(sql.text("lake/last_build"), {"engine": engine})["started_at"].iloc[0]
    return None if value is None or value != value else value.to_pydatetime()


def clear(store: Store, tables: list[str]) -> None:
    """Empty rollup tables, in one transaction (a store whose rollups come from a lake)."""
    with store.cursor() as cur:
        cur.execute("begin transaction")
        for table in tables:
            cur.execute(sql.render("lake/delete_all", table=table))
        cur.execute("commit")
    store.loaded()
