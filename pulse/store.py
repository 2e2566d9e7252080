"""Open or create the DuckDB store, apply its schema once, and run every query on a cursor."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from pulse import ROOT, rollups, sql

SCHEMA_DIR = ROOT / "queries" / "schema"


def default_path() -> Path:
    """The store the dashboard opens: $PULSE_STORE, else data/pulse.duckdb in the repo."""
    return Path(os.environ.get("PULSE_STORE") or ROOT / "data" / "pulse.duckdb")


_CACHE_SIZE = 512


# Group on small integer columns (hall number and wait bucket: 11 + 6 bits for 2,000 halls)
# with a perfect hash table instead of a hashed one; DuckDB's default stops at 12 bits, and each
# table costs 2^bits entries per thread, so 18 bits is a few MB.
_CONFIG = {"perfect_ht_threshold": 18}


class Store:
    """One DuckDB connection per process. DuckDB connections are not safe to share across
    Streamlit's script threads, but a cursor per call is: every query gets its own."""

    def __init__(self, path: Path | str, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._con = duckdb.connect(str(self.path), read_only=read_only, config=_CONFIG)
        self._cache: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()
        self._columns: dict[str, list[str]] = {}
        if not read_only:
            migrate(self._con)
        self._version = self._read_version()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor on the shared connection; close it when done."""
        return self._con.cursor()

    def df(self, query: str, params: dict | None = None) -> pd.DataFrame:
        """Run one query with bound parameters and return its rows."""
        with self.cursor() as cur:
            return cur.execute(query, params or {}).df()

    def cached_df(self, query: str, params: dict | None = None) -> pd.DataFrame:
        """Like df(), remembered per (query, parameters, data version); do not mutate it."""
        key = (query, _freeze(params or {}), self._version)
        return self._remember(key, lambda: self.df(query, params))

    def remembered(self, key: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A frame computed from the store's data, remembered per (key, data version) in the
        same cache as cached_df: `key` must name everything the frame depends on (the
        filter, with the user's scope, and the days); do not mutate it."""
        return self._remember(("remembered", key, self._version), compute)

    def _remember(self, key: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        frame = compute()
        with self._lock:
            self._cache[key] = frame
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return frame

    def columns(self, table: str) -> list[str]:
        """A table's column names; the schema changes only when the store is opened."""
        with self._lock:
            known = self._columns.get(table)
        if known is None:
            known = self.df(sql.text("rollups/table_columns"), {"table": table})[
                "column_name"
            ].tolist()
            with self._lock:
                self._columns[table] = known
        return known

    @property
    def data_version(self) -> int:
        """The id of the last load: it changes whenever data changes, so caches key on it."""
        return self._version

    def loaded(self) -> None:
        """Record that a load committed: cached results are stale from now on."""
        self._version = self._read_version()
        with self._lock:
            self._cache.clear()

    def clear_cache(self) -> None:
        """Forget every cached result (benchmarks measure an empty cache)."""
        with self._lock:
            self._cache.clear()

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def _read_version(self) -> int:
        with self.cursor() as cur:
            return cur.execute(sql.text("store/data_version")).fetchone()[0]


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every schema file not yet recorded in schema_version. A new store takes each
    file in its own transaction. An upgrade takes them all in one, with the rollups and
    copies they add or empty built from the data before it commits (pulse.rollups.fill_empty),
    so a store is upgraded whole or not at all, never left with a copy missing its rows."""
    con.execute(sql.text("store/create_schema_version"))
    done = {row[0] for row in con.execute(sql.text("store/applied_versions")).fetchall()}
    pending = [
        path
        for path in sorted(SCHEMA_DIR.glob("*.sql"))
        if int(path.name.split("_", 1)[0]) not in done
    ]
    batches = [pending] if done else [[path] for path in pending]
    for batch in batches:
        con.execute("begin transaction")
        try:
            for path in batch:
                con.execute(path.read_text(encoding="utf-8"))
                version = int(path.name.split("_", 1)[0])
                con.execute(
                    sql.text("store/record_version"), {"version": version, "name": path.name}
                )
            if done and batch:
                rollups.fill_empty(con)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    return [path.name for path in pending]


_stores: dict[Path, Store] = {}
_stores_lock = threading.Lock()


def open_store(path: Path | str | None = None) -> Store:
    """The process's one Store for this file, created on first use."""
    key = Path(path or default_path()).resolve()
    with _stores_lock:
        if key not in _stores:
            _stores[key] = Store(key)
        return _stores[key]
