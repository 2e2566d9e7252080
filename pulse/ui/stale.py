"""Warnings for data older than its source's usual delay: beside the sidebar's "Data as of"
stamp and above the Data page's table of sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulse import freshness, loads
from pulse.i18n import t
from pulse.store import Store

_ICON = ":material/schedule:"


def sources(store: Store, on: dt.date | None = None) -> pd.DataFrame:
    """Each source's rows, dates and last load, with how late it is on `on` (default today)."""
    return freshness.lateness(loads.table_status(store), on or freshness.today())


def stamp_note(store: Store, as_of: dt.date, on: dt.date | None = None) -> None:
    """Under the "Data as of" stamp: how old the data is, when a source is later than usual."""
    status = sources(store, on)
    late = int(status["is_late"].sum())
    if not late:
        return
    days = ((on or freshness.today()) - as_of).days
    # an empty source (a store without queue snapshots) is not one of the sources behind or not
    total = int(status["last_day"].notna().sum())
    st.warning(t("freshness.stamp", days=days, late=late, total=total), icon=_ICON)


def sources_warning(status: pd.DataFrame) -> None:
    """Above the table of sources: each late source, its newest day and its usual delay."""
    late = status[status["is_late"]]
    if late.empty:
        return
    lines = [
        t(
            "freshness.late_source",
            source=t(f"freshness.source.{row.table_name}"),
            day=pd.Timestamp(row.last_day).date().isoformat(),
            days=int(row.days_behind),
            usual=int(row.usual_delay_days),
        )
        for row in late.itertuples()
    ]
    text = t("freshness.late_intro") + "\n\n" + "\n".join(f"- {line}" for line in lines)
    st.warning(text, icon=_ICON)
