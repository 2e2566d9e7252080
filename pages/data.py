"""Data: how fresh each source is and which are later than usual, every load with its
rejected rows, and loading a new file."""

from __future__ import annotations

import streamlit as st

from pulse import loads
from pulse.alerts import annotate
from pulse.i18n import t
from pulse.importer import sections
from pulse.lake import history as lake_history
from pulse.ui import context, stale


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
    who = st.session_state.get("data_who", "")
    if history.empty:
        st.info(t("data.no_loads"))
    else:
        shown = history.rename(columns=lambda c: t(f"data.col.{c}"))
        st.dataframe(shown, hide_index=True, width="stretch")
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
        if by_id.at[load_id, "rows_rejected"]:
            frame = loads.rejects(ctx.store, load_id)
            st.dataframe(
                frame.rename(columns=lambda c: t(f"data.col.{c}")), hide_index=True, width="stretch"
            )
        with st.expander(t("importer.undo_title", load_id=load_id), icon=":material/undo:"):
            sections.undo_and_replace(ctx.store, int(load_id), by_id.at[load_id, "table_name"], who)

    st.subheader(t("data.builds"))
    builds = lake_history.builds(ctx.store)
    if builds.empty:
        st.caption(t("data.no_builds"))
    else:
        shown = builds.rename(columns=lambda c: t(f"data.col.{c}"))
        st.dataframe(shown, hide_index=True, width="stretch")

    with st.expander(t("data.load_title"), icon=":material/upload_file:"):
        st.text_input(t("data.who"), key="data_who")
        sections.wizard(ctx.store, st.session_state.get("data_who", "").strip())

    with st.expander(t("importer.inbox_title"), icon=":material/inbox:"):
        sections.inbox(ctx.store)

    annotate.form(ctx, "data_note")


render()
