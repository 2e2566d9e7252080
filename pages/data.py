"""Data: how fresh each source is and which are later than usual, every load with its
rejected rows, and loading a new file."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulse import loads
from pulse.alerts import annotate
from pulse.i18n import t
from pulse.importer import sections
from pulse.lake import history as lake_history
from pulse.ui import context, show, stale
from pulse.ui import format as fmt


def render() -> None:
    """Draw the Data page."""
    ctx = context.current()
    st.title(t("page.data"))
    st.caption(t("data.intro"))

    st.subheader(t("data.freshness"))
    status = stale.sources(ctx.store)
    stale.sources_warning(status)
    late_columns = ("days_behind", "usual_delay_days", "is_late")
    order = [c for c in status.columns if c not in late_columns]
    order[order.index("last_day") + 1 : order.index("last_day") + 1] = late_columns
    shown = _readable(status[order]).rename(
        columns=lambda c: t(f"freshness.col.{c}") if c in late_columns else t(f"data.col.{c}")
    )
    show.grid(shown)

    st.subheader(t("data.history"))
    history = loads.history(ctx.store)
    if history.empty:
        st.info(t("data.no_loads"))
    else:
        shown = _readable(history).rename(columns=lambda c: t(f"data.col.{c}"))
        show.grid(shown)
        by_id = history.set_index("load_id")
        load_id = st.selectbox(
            t("data.pick_load"),
            history["load_id"].tolist(),
            format_func=lambda i: t(
                "importer.load_choice",
                load_id=i,
                file=by_id.at[i, "file_name"],
                table=sections.table_label(by_id.at[i, "table_name"]),
            ),
            key="data_load_id",
        )
        # rejected rows repeat a file's values (any hall's): for the roles that load or see all
        sees_rows = ctx.user.role.loads or ctx.user.role.everywhere
        if by_id.at[load_id, "rows_rejected"] and sees_rows:
            frame = loads.rejects(ctx.store, load_id)
            show.grid(_readable(frame).rename(columns=lambda c: t(f"data.col.{c}")))
        with st.expander(t("importer.undo_title", load_id=load_id), icon=":material/undo:"):
            if _may_load(ctx.user):
                table = by_id.at[load_id, "table_name"]
                sections.undo_and_replace(ctx.store, int(load_id), table, ctx.user.name)

    st.subheader(t("data.builds"))
    builds = lake_history.builds(ctx.store)
    if builds.empty:
        st.caption(t("data.no_builds"))
    else:
        show.grid(_readable(builds).rename(columns=lambda c: t(f"data.col.{c}")))

    with st.expander(t("data.load_title"), icon=":material/upload_file:"):
        if _may_load(ctx.user):
            st.caption(t("data.who_signed_in", name=ctx.user.name))
            sections.wizard(ctx.store, ctx.user.name)

    with st.expander(t("importer.inbox_title"), icon=":material/inbox:"):
        sections.inbox(ctx.store)

    annotate.form(ctx, "data_note")


def _may_load(user) -> bool:
    """Loading, undo and replace are for the roles that load; the others are told why not."""
    if user.role.loads:
        return True
    st.info(t("data.no_loading", role=t(f"role.{user.role.name}")), icon=":material/lock:")
    return False


# counts written with thousands separators; table names as their label, not the store's name
_COUNTS = ("n_rows", "n_loads", "rows_rejected", "rows_in", "rows_loaded", "row_number")


def _readable(frame):
    """Table names labelled and counts with thousands separators (as text, by pulse.ui.format)."""
    out = frame.copy()
    for column in ("first_day", "last_day"):
        if column in out:  # a day as the ISO date, blank for a source with no rows
            out[column] = out[column].map(
                lambda d: pd.Timestamp(d).date().isoformat() if pd.notna(d) else ""
            )
    # blank, not "None": the loads nobody undid or replaced, a source never loaded
    for column in ("undone_at", "undone_by", "replaces_load", "days_behind", "last_loaded_at"):
        if column in out:
            out[column] = out[column].map(_cell)
    if "table_name" in out:
        out["table_name"] = out["table_name"].map(sections.table_label)
    for column in _COUNTS:
        if column in out:
            out[column] = out[column].map(fmt.count)
    return out


def _cell(value) -> str:
    """A cell as text: blank when missing, a time to the second (the store keeps
    microseconds, which nobody reads)."""
    if pd.isna(value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


render()
