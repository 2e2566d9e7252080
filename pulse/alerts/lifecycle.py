"""An alert's episode in the side database: opened once when its condition starts, then
acknowledged (with a note) or snoozed, and closed when the condition clears; every step is
logged with who did it."""

from __future__ import annotations

import sqlite3

from pulse import sql
from pulse.alerts import side


def _q(name: str) -> str:
    return sql.text(f"alerts/side/{name}")


def open_alert(store_path, row: dict) -> int | None:
    """Open an episode; None when one is already open for the rule and unit (the check before
    said so: an alert fires once, not on every check)."""
    with side.connection(store_path) as con:
        con.execute("begin immediate")
        try:
            cur = con.execute(_q("alert_open"), {**row, "opened_at": side.now()})
        except sqlite3.IntegrityError:
            con.execute("rollback")
            return None
        alert_id = cur.lastrowid
        _log(con, alert_id, "opened", None, None)
        con.execute("commit")
        return alert_id


def open_alerts(store_path) -> dict[tuple[str, str], dict]:
    """The open episodes by (rule, unit)."""
    with side.connection(store_path) as con:
        rows = con.execute(_q("alerts_open")).fetchall()
    return {(r["rule_id"], r["unit"]): dict(r) for r in rows}


def close(store_path, alert_id: int, closed_for: str, words: dict) -> None:
    """Close an episode: its condition no longer holds on `closed_for`."""
    with side.connection(store_path) as con:
        con.execute("begin immediate")
        con.execute(
            _q("alert_close"),
            {"alert_id": alert_id, "closed_at": side.now(), "closed_for": closed_for, **words},
        )
        _log(con, alert_id, "closed", None, None)
        con.execute("commit")


def acknowledge(store_path, alert_id: int, by: str, note: str) -> None:
    """Someone has seen the alert and says what is being done."""
    with side.connection(store_path) as con:
        con.execute("begin immediate")
        con.execute(
            _q("alert_ack"), {"alert_id": alert_id, "by": by, "at": side.now(), "note": note}
        )
        _log(con, alert_id, "acknowledged", by, note)
        con.execute("commit")


def snooze(store_path, alert_id: int, by: str, until: str) -> None:
    """No messages about this alert until `until` (an ISO date or time, UTC)."""
    with side.connection(store_path) as con:
        con.execute("begin immediate")
        con.execute(_q("alert_snooze"), {"alert_id": alert_id, "until": until})
        _log(con, alert_id, "snoozed", by, until)
        con.execute("commit")


def _log(con, alert_id: int, action: str, by: str | None, note: str | None) -> None:
    con.execute(
        _q("alert_log_add"),
        {"alert_id": alert_id, "at": side.now(), "action": action, "by": by, "note": note},
    )


def recent(store_path) -> list[dict]:
    """Open alerts first, then the most recently closed, with their delivery failures."""
    with side.connection(store_path) as con:
        return [dict(r) for r in con.execute(_q("alerts_recent"))]


def history(store_path, alert_id: int) -> list[dict]:
    """What happened to one alert, oldest first."""
    with side.connection(store_path) as con:
        return [dict(r) for r in con.execute(_q("alert_history"), {"alert_id": alert_id})]


def chart(store_path, alert_id: int) -> bytes | None:
    """An alert's chart PNG."""
    with side.connection(store_path) as con:
        row = con.execute(_q("alert_chart"), {"alert_id": alert_id}).fetchone()
    return row["chart_png"] if row else None
