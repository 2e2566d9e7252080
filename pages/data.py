"""Data: how fresh each source is and which are later than usual, every load with its
rejected rows, and loading a new file."""

from __future__ import annotations

import streamlit as st

from pulse import ingest, loads, tables
from pulse.i18n import t
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
    days = {
        t(f"data.col.{c}"): st.column_config.DateColumn(format="YYYY-MM-DD")
        for c in ("first_day", "last_day")
    }
    show.grid(shown, column_config=days)

    st.subheader(t("data.history"))
    history = loads.history(ctx.store)
    if history.empty:
        st.info(t("data.no_loads"))
    else:
        shown = _readable(history).rename(columns=lambda c: t(f"data.col.{c}"))
        show.grid(shown)
        with_rejects = history[history["rows_rejected"] > 0]["load_id"].tolist()
        if with_rejects:
            load_id = st.selectbox(t("data.pick_load"), with_rejects, key="data_load_id")
            frame = loads.rejects(ctx.store, load_id)
            show.grid(_readable(frame).rename(columns=lambda c: t(f"data.col.{c}")))

    with st.expander(t("data.load_title"), icon=":material/upload_file:"):
        _upload(ctx)


# counts written with thousands separators; table names as their label, not the store's name
_COUNTS = ("n_rows", "n_loads", "rows_rejected", "rows_in", "rows_loaded", "row_number")


def _readable(frame):
    """Table names labelled and counts with thousands separators (as text, by pulse.ui.format)."""
    out = frame.copy()
    if "table_name" in out:
        out["table_name"] = out["table_name"].map(table_label)
    for column in _COUNTS:
        if column in out:
            out[column] = out[column].map(fmt.count)
    return out


def table_label(name: str) -> str:
    """A store table's name as the reader knows it."""
    return t(f"data.table_name.{name}")


def _table_option(name: str) -> str:
    # the store's name stays beside the label here: it is the TABLE of `pulse.ingest` and
    # of the extract's file name
    return t("data.table_option", label=table_label(name), name=name)


def _upload(ctx) -> None:
    st.caption(t("data.load_help"))
    table = st.selectbox(
        t("data.table"), tables.LOAD_ORDER, format_func=_table_option, key="data_table"
    )
    upload = st.file_uploader(
        t("data.file"), type=["csv", "tsv", "txt", "parquet"], key="data_file"
    )
    whole = st.checkbox(t("data.reject_whole"), key="data_whole")
    who = st.text_input(t("data.who"), key="data_who")
    if st.button(t("data.load"), disabled=upload is None or not who.strip(), type="primary"):
        try:
            result = loads.load_upload(
                ctx.store,
                table,
                upload.name,
                upload.getvalue(),
                loaded_by=who.strip(),
                reject_file_on_error=whole,
            )
        except ingest.LoadError as err:
            st.error(t("data.refused", reason=str(err)), icon=":material/block:")
            return
        st.success(
            t(
                "data.loaded",
                loaded=fmt.count(result.rows_loaded),
                total=fmt.count(result.rows_in),
                table=table_label(table),
                load_id=result.load_id,
            )
        )
        if result.rows_rejected:
            st.warning(t("data.some_rejected", n=fmt.count(result.rows_rejected)))


render()
