"""Which engine built the store's rollups, and when: what the Data page shows."""

from __future__ import annotations

import pandas as pd

from pulse import sql
from pulse.store import Store


def builds(store: Store, max_rows: int = 20) -> pd.DataFrame:
    """The latest lake builds landed in the store, newest first (empty: every rollup was
    built by the embedded DuckDB as each file loaded)."""
    return store.cached_df(sql.text("data/rollup_builds"), {"max_rows": max_rows})
