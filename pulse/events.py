"""Outages, initiatives, holidays and promotions: the annotations of every time chart."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pulse import filters, sql
from pulse.store import Store


def in_window(store: Store, f: filters.Filter, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events that overlap start..end and concern the whole company or a place in scope."""
    params = {**filters.place_lists(f), "day_from": start, "day_to": end}
    return store.cached_df(sql.text("events/in_window"), params)


def in_period(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Events that overlap the filter's current period, in scope."""
    return in_window(store, f, period.start, period.end)
