"""Verbatim survey comments for the selection: searchable, paged, downloadable."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulse import records
from pulse.export import tables as table_files
from pulse.i18n import t
from pulse.surveys import data as surveys
from pulse.ui import format as fmt
from pulse.ui import notices, show, trail
from pulse.ui.context import Context

PAGE_KEY = "surveys_comment_page"
SEARCH_KEY = "surveys_comment_search"


def _first_page() -> None:
    st.session_state[PAGE_KEY] = 1


def comments(ctx: Context) -> None:
    """One page of the comments in scope, newest first, with a bound text search. A role
    that may not read comments is told so: "none in this selection" would be untrue."""
    if hidden := notices.withheld(ctx.filter, "comments"):
        st.info(hidden, icon=":material/lock:")
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    search = left.text_input(
        t("surveys.comments.search"),
        key=SEARCH_KEY,
        placeholder=t("surveys.comments.search_hint"),
        on_change=_first_page,
    )
    page_no = int(st.session_state.get(PAGE_KEY, 1))
    data = surveys.comments(ctx.store, ctx.filter, ctx.period, page=page_no - 1, search=search)
    if data.total == 0:
        message = "surveys.comments.no_match" if search.strip() else "surveys.comments.none"
        st.info(t(message, search=search.strip()))
        return
    right.number_input(
        t("surveys.comments.page", pages=data.pages),
        min_value=1,
        max_value=data.pages,
        step=1,
        key=PAGE_KEY,
    )
    shown = _frame(ctx, data.rows)
    notes = notices.page_of_records("surveys.comments.paging", data)
    show.table(
        shown,
        show.Meta(
            t("surveys.comments.title"),
            t("surveys.comments.definition"),
            n=float(data.total),
            notes=notes,
            name="survey_comments",
        ),
        key="surveys_comments_table",
        column_config={
            t("surveys.comments.col.comment"): st.column_config.TextColumn(width="large")
        },
    )
    if data.total > len(data.rows):
        file_name = f"survey_comments_{ctx.period.start:%Y%m%d}-{ctx.period.end:%Y%m%d}.csv"
        st.download_button(
            t("surveys.comments.download_all", n=fmt.count(min(data.total, records.MAX_EXPORT))),
            data=trail.audited(lambda: _all(ctx, search), file_name),
            file_name=file_name,
            mime="text/csv",
            key="surveys_comments_all",
            on_click="ignore",
            icon=":material/download:",
        )


def _all(ctx: Context, search: str) -> bytes:
    """Every matching comment (up to records.MAX_EXPORT), worded and headed as the table on
    screen words them."""
    rows = records.export(
        ctx.store, "surveys", ctx.filter, ctx.period, search=search, comments_only=True
    )
    return table_files.to_csv(_frame(ctx, rows), show.made_by())


def _frame(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    touchpoints = ctx.dims.labels("channel", ctx.lang)
    segments = ctx.dims.labels("segment", ctx.lang)
    halls = ctx.dims.labels("hall", ctx.lang)
    cities = ctx.dims.labels("city", ctx.lang)
    place = [
        halls.get(b) if isinstance(b, str) else cities.get(c, c)
        for b, c in zip(rows["branch_id"], rows["city_id"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("surveys.comments.col.responded_at"): fmt.to_minute(rows["responded_at"]),
            t("surveys.comments.col.touchpoint"): rows["touchpoint"].map(
                lambda v: touchpoints.get(v, v)
            ),
            t("surveys.comments.col.place"): place,
            t("surveys.comments.col.segment"): rows["segment"].map(lambda v: segments.get(v, v)),
            t("surveys.comments.col.overall"): rows["score_overall"].astype(int),
            t("surveys.comments.col.recommend"): rows["score_recommend"].astype(int),
            t("surveys.comments.col.comment"): rows["comment"],
        }
    )
