"""The store's side database (SQLite, beside the DuckDB file): accounts, sessions, the audit log
and alert state. They change while the dashboard serves and while a command line tool runs at
the same time, which DuckDB's one-writer lock would refuse; SQLite in WAL mode takes both.
Its schema is queries/sidecar/NNN_*.sql, applied once each, in order."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from pulse import ROOT

SCHEMA_DIR = ROOT / "queries" / "sidecar"
_lock = threading.Lock()
_migrated: set[Path] = set()


def path_for(store_path: Path | str) -> Path:
    """The side database of a store: the store's file name with .sqlite added."""
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + ".sqlite")


def remove(store_path: Path | str) -> None:
    """Delete a store's side database (a store built anew replaces the one it had: its audit
    log named the old store's loads, by the ids the new store's loads take again)."""
    path = path_for(store_path)
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        part.unlink(missing_ok=True)
    with _lock:
        _migrated.discard(path.resolve())


def connect(store_path: Path | str) -> sqlite3.Connection:
    """A new connection to a store's side database, its schema brought up to date. One
    connection per call: sqlite3 connections are not shared between threads."""
    path = path_for(store_path)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)  # explicit transactions
    con.row_factory = sqlite3.Row
    con.execute("pragma journal_mode = wal")
    con.execute("pragma foreign_keys = on")
    key = path.resolve()
    with _lock:
        if key not in _migrated:
            migrate(con)
            _migrated.add(key)
    return con


def migrate(con: sqlite3.Connection) -> list[str]:
    """Apply every schema file not yet recorded, each in its own transaction."""
    con.execute(
        "create table if not exists schema_version"
        " (version integer primary key, name text not null, applied_at text not null)"
    )
    done = {row[0] for row in con.execute("select version from schema_version")}
    applied = []
    for file in sorted(SCHEMA_DIR.glob("*.sql")):
        version = int(file.name.split("_", 1)[0])
        if version in done:
            continue
        con.execute("begin immediate")
        try:
            for statement in _statements(file.read_text(encoding="utf-8")):
                con.execute(statement)
            con.execute(
                "insert into schema_version values (?, ?, datetime('now'))", (version, file.name)
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(file.name)
    return applied


def _statements(script: str) -> list[str]:
    """A schema file's statements, split where SQLite says one is complete (so a trigger's
    body stays whole); executescript would commit the open transaction."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
