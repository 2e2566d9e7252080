"""The audit trail of what a signed-in reader does on a page: exports and report builds."""

from __future__ import annotations

from collections.abc import Callable

from pulse import audit
from pulse.ui import context, signin


def record(action: str, detail: dict | None = None) -> None:
    """Record an action of this run's user on this run's store."""
    audit.record_quietly(context.current().store.path, signin.user(), action, detail)


def audited(make: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """A download button's data callable that records the export when the file is made: it
    runs on Streamlit's download thread, with the user and store fixed while the page ran, and
    needs no rerun (an on_click callback would run the whole page again)."""
    path, user = context.current().store.path, signin.user()

    def run() -> bytes:
        data = make()
        audit.record_quietly(path, user, "export", {"file": file_name})
        return data

    return run
