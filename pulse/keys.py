"""Rows told apart by their keys, without a pandas index: each row's slot (the rank of its
key among the distinct keys, in key order, nulls last) and the distinct keys.

Aligning, joining and summing by an index (set_index, union, reindex, merge, groupby) costs
pandas a few tenths of a millisecond a step whatever the size, and a page does hundreds of
them; numpy on the slots does the same work in microseconds (values.Aligned, measures._join,
measures.regroup)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def slots(columns: dict[str, pd.Series]) -> tuple[np.ndarray, dict[str, pd.Series]]:
    """For rows keyed by `columns` (name -> a column, all of one length): each row's slot, and
    the distinct keys in slot order, each column in its own type."""
    size = len(next(iter(columns.values()))) if columns else 0
    codes = np.zeros(size, dtype=np.int64)
    for column in columns.values():
        part, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
        codes = codes * max(len(uniques), 1) + part
    slot, distinct = pd.factorize(codes, sort=True)
    first = np.full(len(distinct), size, dtype=np.intp)
    np.minimum.at(first, slot, np.arange(size))  # a row that holds each key
    return slot, {name: c.iloc[first].reset_index(drop=True) for name, c in columns.items()}
