"""Data: how fresh each source is and which are later than usual, every load with its
rejected rows, and loading a new file."""

from __future__ import annotations

import streamlit as st

from pulse import ingest, loads, tables
from pulse.i18n import t
from pulse.ui import context, signin, stale, trail


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
    shown = status[order].rename(
        columns=lambda c: t(f"freshness.col.{c}") if c in late_columns else t(f"data.col.{c}")
    )
    days = {
        t(f"data.col.{c}"): st.column_config.DateColumn(format="YYYY-MM-DD")
        for c in ("first_day", "last_day")
    }
    st.dataframe(shown, hide_index=True, width="stretch", column_config=days)

    st.subheader(t("data.history"))
    history = loads.history(ctx.store)
    if history.empty:
        st.info(t("data.no_loads"))
    else:
        shown = history.rename(columns=lambda c: t(f"data.col.{c}"))
        st.dataframe(shown, hide_index=True, width="stretch")
        with_rejects = history[history["rows_rejected"] > 0]["load_id"].tolist()
        if with_rejects:
            load_id = st.selectbox(t("data.pick_load"), with_rejects, key="data_load_id")
            frame = loads.rejects(ctx.store, load_id)
            st.dataframe(
                frame.rename(columns=lambda c: t(f"data.col.{c}")), hide_index=True, width="stretch"
            )

    with st.expander(t("data.load_title"), icon=":material/upload_file:"):
        user = signin.user()
        if user is None or not user.role.loads:
            role = t(f"role.{user.role.name}") if user else ""
            st.info(t("data.no_loading", role=role), icon=":material/lock:")
        else:
            _upload(ctx, user)


def _upload(ctx, user) -> None:
    st.caption(t("data.load_help"))
    table = st.selectbox(t("data.table"), tables.LOAD_ORDER, key="data_table")
    upload = st.file_uploader(
        t("data.file"), type=["csv", "tsv", "txt", "parquet"], key="data_file"
    )
    whole = st.checkbox(t("data.reject_whole"), key="data_whole")
    st.caption(t("data.who_signed_in", name=user.name))
    if st.button(t("data.load"), disabled=upload is None, type="primary"):
        try:
            result = trail.load_file(ctx.store, user, table, upload.name, upload.getvalue(), whole)
        except ingest.LoadError as err:
            st.error(t("data.refused", reason=str(err)), icon=":material/block:")
            return
        st.success(
            t(
                "data.loaded",
                loaded=result.rows_loaded,
                total=result.rows_in,
                table=table,
                load_id=result.load_id,
            )
        )
        if result.rows_rejected:
            st.warning(t("data.some_rejected", n=result.rows_rejected))


render()
