"""Whether two stores hold the same rollups, row for row: the check that both engines agree."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import sql
from pulse.store import Store

# sums of fractional hours and seconds added in another order differ in the last bits
RELATIVE = 1e-9


def _rows(con, table: str) -> pd.DataFrame:
    frame = con.table(sql.ident(table)).df()
    exact = [c for c in frame.columns if frame[c].dtype.kind not in "fc"]
    return frame.sort_values(exact + [c for c in frame.columns if c not in exact]).reset_index(
        drop=True
    )


def difference(a: pd.DataFrame, b: pd.DataFrame) -> str | None:
    """What differs between two sorted tables (None when they agree)."""
    if list(a.columns) != list(b.columns):
        return f"columns {list(a.columns)} != {list(b.columns)}"
    if len(a) != len(b):
        return f"{len(a)} rows != {len(b)} rows"
    for column in a.columns:
        left, right = a[column], b[column]
        if left.dtype.kind in "fc" or right.dtype.kind in "fc":
            x = left.to_numpy(dtype=float)
            y = right.to_numpy(dtype=float)
            same = np.isclose(x, y, rtol=RELATIVE, atol=0, equal_nan=True)
        else:
            same = (left.isna() & right.isna()) | (left == right).fillna(False)
            same = same.to_numpy(dtype=bool)
        if not same.all():
            first = int(np.flatnonzero(~same)[0])
            return f"{column}, row {first}: {left.iloc[first]!r} != {right.iloc[first]!r}"
    return None


def stores(first: Store, second: Store, tables: list[str]) -> dict[str, str]:
    """Every table whose rows differ between two stores, with what differs."""
    found = {}
    with first.cursor() as one, second.cursor() as two:
        for table in tables:
            problem = difference(_rows(one, table), _rows(two, table))
            if problem:
                found[table] = problem
    return found
