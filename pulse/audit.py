"""The audit log: who did what, when and under which scope, kept in the store's side database.

Append-only: queries/sidecar/002_audit.sql has SQLite refuse every update and delete, so
neither the app nor a command can rewrite it. Actions are short snake_case words (sign_in,
sign_in_failed, sign_out, export, report_build, load, undo, settings, user_change ...).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pandas as pd

from pulse import access, sidecar, sql

log = logging.getLogger(__name__)


def scope_words(scope: access.Scope) -> dict:
    """A scope as the log keeps it: everything, or the unit codes per level."""
    if scope.everything:
        return {"everything": True}
    return {
        "provinces": list(scope.provinces),
        "cities": list(scope.cities),
        "halls": list(scope.halls),
    }


def record(
    store_path: Path | str,
    user: access.User | None,
    action: str,
    detail: dict | None = None,
) -> None:
    """Append one entry; the scope is the one the user's queries run in (user.sees)."""
    con = sidecar.connect(store_path)
    try:
        con.execute(sql.text("audit/insert_entry"), _entry(user, action, detail))
    finally:
        con.close()


def _entry(user: access.User | None, action: str, detail: dict | None) -> dict:
    return {
        "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "user_name": user.name if user else "",
        "role_name": user.role.name if user else "",
        "scope_json": json.dumps(scope_words(user.sees) if user else {}, ensure_ascii=False),
        "action": action,
        "detail_json": json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True),
    }


def record_missing_loads(store, via: str | None = None) -> int:
    """Give every load and undo of the store's load_log that has no entry one, from load_log
    (who, when), marked recorded_late, or said to come `via` a command that loads without
    entries of its own (the store build); returns how many. A loader writes its entry after its
    commit, to this other database, and its process can stop in between. Run by a process that
    has just opened the store for writing (pulse.ingest.recover): no other process's load can
    be between its commit and its entry then."""
    with store.cursor() as cur:
        query = cur.execute(sql.text("load/loads_to_audit"))
        names = [c[0] for c in query.description]
        loads = [dict(zip(names, row, strict=True)) for row in query.fetchall()]
    con = sidecar.connect(store.path)
    try:
        recorded = {(a, n) for a, n in con.execute(sql.text("audit/recorded_loads")).fetchall()}
        entries = []
        for load in loads:
            late = {
                "load_id": load["load_id"],
                **({"via": via} if via else {"recorded_late": True}),
            }
            if not load["is_members_load"] and ("load", load["load_id"]) not in recorded:
                words = ("table_name", "file_name", "rows_loaded", "rows_rejected", "loaded_by")
                detail = {k.removesuffix("_name"): load[k] for k in words}
                detail.update(late, loaded_at=load["loaded_at"])
                if load["replaces_load"] is not None:
                    detail["replaces"] = load["replaces_load"]
                entries.append(_entry(None, "load", detail))
            undone = load["undone_at"] is not None and not load["is_replaced"]
            if undone and ("undo", load["load_id"]) not in recorded:
                detail = {**late, "undone_by": load["undone_by"], "undone_at": load["undone_at"]}
                entries.append(_entry(None, "undo", detail))
        con.execute("begin immediate")
        try:
            for entry in entries:
                con.execute(sql.text("audit/insert_entry"), entry)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    finally:
        con.close()
    return len(entries)


def record_quietly(
    store_path: Path | str, user: access.User | None, action: str, detail: dict | None = None
) -> None:
    """record() for a download button's callback: a log that cannot be written is logged on
    the server, and the reader still gets the file they asked for."""
    try:
        record(store_path, user, action, detail)
    except Exception:
        log.exception("audit entry %s could not be written", action)


def record_changes(
    store_path: Path | str, user: access.User | None, result, detail: dict | None = None
) -> None:
    """A load that changed targets, benchmarks or events (ingest.LoadResult.changes) as a
    "settings" entry: each row as it is now and as it was (None: a new key)."""
    if not result.changes:
        return
    about = {"about": result.table, "file": result.file_name, "load_id": result.load_id}
    record(
        store_path, user, "settings", {**about, "changes": list(result.changes), **(detail or {})}
    )


def record_thresholds(
    store_path: Path | str,
    user: access.User | None,
    values: dict,
    source: str,
    detail: dict | None = None,
) -> None:
    """The thresholds (pulse/settings.toml, or the file PULSE_SETTINGS names) a store's rollups
    were built with, as a "settings" entry naming each value changed since the last such entry,
    old and new (old None the first time)."""
    con = sidecar.connect(store_path)
    try:
        row = con.execute(
            sql.text("audit/last_about"), {"action": "settings", "about": "thresholds"}
        ).fetchone()
    finally:
        con.close()
    old = json.loads(row[0]).get("values", {}) if row else {}
    changed = {k: {"old": old.get(k), "new": v} for k, v in values.items() if old.get(k) != v}
    about = {"about": "thresholds", "file": source, "changed": changed, "values": values}
    record(store_path, user, "settings", {**about, **(detail or {})})


def entries(store_path: Path | str, max_rows: int = 5000) -> pd.DataFrame:
    """The latest entries, newest first, scope and detail as JSON text."""
    con = sidecar.connect(store_path)
    try:
        rows = con.execute(sql.text("audit/entries"), {"max_rows": max_rows}).fetchall()
    finally:
        con.close()
    columns = [
        "audit_id",
        "recorded_at",
        "user_name",
        "role_name",
        "scope_json",
        "action",
        "detail_json",
    ]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)
