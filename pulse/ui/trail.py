"""The audit trail of what a signed-in reader does on a page: exports, report builds, loads
and the changes a load makes to targets, benchmarks and events."""

from __future__ import annotations

from collections.abc import Callable

from pulse import audit, ingest, loads
from pulse.ui import context, signin


def record(action: str, detail: dict | None = None) -> None:
    """Record an action of this run's user on this run's store."""
    audit.record_quietly(context.current().store.path, signin.user(), action, detail)


def audited(make: Callable[[], bytes], file_name: str) -> Callable[[], bytes]:
    """A download button's data callable that records the export when the file is made: it
    runs on Streamlit's download thread, in the page's context (its language, filter and
    store: context.carried), with the user fixed while the page ran, and needs no rerun (an
    on_click callback would run the whole page again). Every download goes through here."""
    path, user = context.current().store.path, signin.user()
    made = context.carried(make)

    def run() -> bytes:
        data = made()
        audit.record_quietly(path, user, "export", {"file": file_name})
        return data

    return run


def load_file(store, user, table: str, file_name: str, content: bytes, whole: bool):
    """Load an uploaded file as `user` (the load log names them) and audit it, refused or not;
    a refusal is raised again for the page to word."""
    detail = {"table": table, "file": file_name}
    try:
        result = loads.load_upload(
            store, table, file_name, content, loaded_by=user.name, reject_file_on_error=whole
        )
    except ingest.LoadError as err:
        audit.record(store.path, user, "load", {**detail, "refused": str(err)})
        raise
    counts = ("load_id", "rows_in", "rows_loaded", "rows_rejected")
    audit.record(store.path, user, "load", {**detail, **{k: getattr(result, k) for k in counts}})
    audit.record_changes(store.path, user, result)
    return result


def record_changes(result) -> None:
    """Record what a load changed in targets, benchmarks or events, as this run's user."""
    audit.record_changes(context.current().store.path, signin.user(), result)
