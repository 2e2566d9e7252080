"""The cron command's "run now" request, for when the dashboard holds the store: DuckDB lets
one process write a store file and refuses others even a read-only look, but both can open the
side database (SQLite), so the command leaves a request there and the dashboard's scheduler
thread runs the pass and records what it did."""

from __future__ import annotations

import getpass

from pulse import sql
from pulse.alerts import side


def ask(store_path, forced: bool) -> int:
    """Leave a request; its id."""
    with side.connection(store_path) as con:
        cur = con.execute(
            sql.text("alerts/side/check_request_add"),
            {"at": side.now(), "is_forced": int(forced), "by": _who()},
        )
        return cur.lastrowid


def take(store_path) -> list[dict]:
    """The requests waiting, each now marked picked by this process (another scheduler that
    reads them at the same moment gets none of them)."""
    taken = []
    with side.connection(store_path) as con:
        for row in con.execute(sql.text("alerts/side/check_requests_pending")).fetchall():
            cur = con.execute(
                sql.text("alerts/side/check_request_pick"),
                {"request_id": row["request_id"], "at": side.now()},
            )
            if cur.rowcount == 1:
                taken.append(dict(row))
    return taken


def done(store_path, request_ids: list[int], outcome: str) -> None:
    """Record what the pass did for each request it served."""
    with side.connection(store_path) as con:
        for request_id in request_ids:
            con.execute(
                sql.text("alerts/side/check_request_done"),
                {"request_id": request_id, "at": side.now(), "outcome": outcome},
            )


def one(store_path, request_id: int) -> dict | None:
    """A request and what became of it."""
    with side.connection(store_path) as con:
        row = con.execute(
            sql.text("alerts/side/check_request_one"), {"request_id": request_id}
        ).fetchone()
    return dict(row) if row else None


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return ""


def waiting(store_path) -> bool:
    """True when a request waits for a scheduler."""
    with side.connection(store_path) as con:
        return con.execute(sql.text("alerts/side/check_requests_pending")).fetchone() is not None
