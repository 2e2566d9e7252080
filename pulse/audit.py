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
    entry = {
        "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "user_name": user.name if user else "",
        "role_name": user.role.name if user else "",
        "scope_json": json.dumps(scope_words(user.sees) if user else {}, ensure_ascii=False),
        "action": action,
        "detail_json": json.dumps(detail or {}, ensure_ascii=False, default=str, sort_keys=True),
    }
    con = sidecar.connect(store_path)
    try:
        con.execute(sql.text("audit/insert_entry"), entry)
    finally:
        con.close()


def has_load(store_path: Path | str, load_id: int) -> bool:
    """Whether the log holds the entry of one load (a restarted inbox writes it only once)."""
    con = sidecar.connect(store_path)
    try:
        row = con.execute(sql.text("audit/load_entries"), {"load_id": int(load_id)}).fetchone()
    finally:
        con.close()
    return row[0] > 0


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
