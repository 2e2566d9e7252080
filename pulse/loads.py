"""What the Data page shows and does: freshness of each fact table, the load history, the rows
a load rejected, and loading an uploaded file through the same loader as everything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from pulse import ingest, sql
from pulse.store import Store


def table_status(store: Store) -> pd.DataFrame:
    """Rows and date range of each fact table, with its last load."""
    return store.cached_df(sql.text("data/table_status"))


def history(store: Store, max_rows: int = 200) -> pd.DataFrame:
    """The latest loads, newest first."""
    return store.cached_df(sql.text("data/load_history"), {"max_rows": max_rows})


def rejects(store: Store, load_id: int) -> pd.DataFrame:
    """Every row one load rejected, with its reason."""
    return store.cached_df(sql.text("data/load_rejects"), {"load_id": int(load_id)})


def load_upload(
    store: Store,
    table: str,
    file_name: str,
    content: bytes,
    *,
    loaded_by: str,
    reject_file_on_error: bool,
) -> ingest.LoadResult:
    """Load an uploaded file; its name is kept in the load log."""
    suffix = Path(file_name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="pulse-upload-") as folder:
        path = Path(folder) / Path(file_name).name
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        path.write_bytes(content)
        return ingest.load_file(
            store,
            table,
            path,
            loaded_by=loaded_by,
            reject_file_on_error=reject_file_on_error,
            in_child=True,  # the dashboard's process serves pages meanwhile
        )
