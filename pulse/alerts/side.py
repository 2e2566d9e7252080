"""The alert tables of the store's side database (pulse.sidecar): a connection that closes
itself, and the clock every row is stamped with."""

from __future__ import annotations

import contextlib
import datetime as dt

from pulse import sidecar


@contextlib.contextmanager
def connection(store_path):
    """A side-database connection for one unit of work (autocommit per statement)."""
    con = sidecar.connect(store_path)
    try:
        yield con
    finally:
        con.close()


def now() -> str:
    """The current UTC time as the side database stores it (ISO 8601, seconds)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
