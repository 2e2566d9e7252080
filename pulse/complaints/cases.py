"""Individual complaints for the selection, paged; selecting one shows its timeline and the
customer's other complaints around it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

import pandas as pd
import streamlit as st

from pulse import records
from pulse.complaints import exports
from pulse.complaints import lifecycle as complaint_lifecycle
from pulse.complaints.sections import category_names
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import charts, notices, show
from pulse.ui import format as fmt
from pulse.ui.context import Context

PAGE_KEY = "complaints_case_page"
TABLE_KEY = "complaints_cases_table"
# a complaint's columns in a download, each with its header (complaints.col): the table's,
# with the hall and city apart, the segment, brand and hours to resolution besides
EXPORTED = (
    ("complaint_id", "id"),
    ("received_at", "received"),
    ("channel", "channel"),
    ("city_id", "city"),
    ("branch_id", "hall"),
    ("segment", "segment"),
    ("brand", "brand"),
    ("category", "category"),
    ("subcategory_id", "subcategory"),
    ("severity", "severity"),
    ("status", "status"),
    ("first_response_at", "first_response"),
    ("due_at", "due"),
    ("resolved_at", "resolved"),
    ("resolution_h", "resolution_h"),
    ("is_on_time", "on_time"),
    ("is_escalated", "escalated"),
    ("is_repeat", "repeat"),
    ("return_visit", "return_visit"),
    # only for a role that sees customer keys (pulse.records): an analyst follows repeats by it
    ("customer_key", "customer"),
)
STEP_COLORS = {
    "received_at": theme.BLUE,
    "first_response_at": theme.BLUISH_GREEN,
    "due_at": theme.RED,
    "resolved_at": theme.INK,
}


def cases(ctx: Context) -> None:
    """One page of complaints in scope, newest first; select a row for its timeline."""
    if hidden := notices.withheld(ctx.filter, "records"):
        st.info(hidden, icon=":material/lock:")
        return
    page_no = int(st.session_state.get(PAGE_KEY, 1))
    data = records.fetch(ctx.store, "complaints", ctx.filter, ctx.period, page=page_no - 1)
    if data.total == 0:
        st.info(t("complaints.cases_none"))
        return
    st.columns([1, 4])[0].number_input(
        t("complaints.cases_page", pages=data.pages),
        min_value=1,
        max_value=data.pages,
        step=1,
        key=PAGE_KEY,
    )
    rows = data.rows.reset_index(drop=True)
    shown = _frame(ctx, rows)
    notes = notices.page_of_records("complaints.cases_paging", data)
    event = show.table(
        shown,
        show.Meta(
            t("complaints.cases_title"),
            t("complaints.cases_definition"),
            n=float(data.total),
            notes=notes,
            name="complaints",
        ),
        key=TABLE_KEY,
        export=partial(export, rows, labels(ctx)),
        on_select="rerun",
        selection_mode="single-row",
    )
    selected = event.selection.rows if event is not None else []
    if selected:
        _detail(ctx, rows.iloc[selected[0]].to_dict())
    else:
        st.caption(t("complaints.cases_pick"))


def repeat_word(flag) -> str:
    """The repeat column's word: yes, nothing for a first complaint, or 'not recorded' when
    the source has no customer id to tell (schema 024), never a 'no' it does not know."""
    if pd.isna(flag):
        return t("complaints.not_recorded")
    return t("complaints.yes") if flag else ""


def labels(ctx: Context) -> dict[str, Mapping[str, str]]:
    """The names the table gives each code column of a complaint, in the reader's language."""
    cats, subs = category_names(ctx)
    return {
        "channel": ctx.dims.labels("channel", ctx.lang),
        "city_id": ctx.dims.labels("city", ctx.lang),
        "branch_id": ctx.dims.labels("hall", ctx.lang),
        "segment": ctx.dims.labels("segment", ctx.lang),
        "brand": ctx.dims.labels("brand", ctx.lang),
        "category": cats,
        "subcategory_id": subs,
    }


def _words(names: dict[str, Mapping[str, str]]) -> dict[str, Callable]:
    """Column -> the function that words one of its values as the table shows it."""
    return {
        **{column: lambda v, n=n: n.get(v, v) for column, n in names.items()},
        "severity": lambda v: t(f"complaint_lifecycle.severity.{v}"),
        "status": lambda v: t(f"complaints.status.{v}"),
        "is_on_time": lambda v: (
            "" if pd.isna(v) else t(f"complaints.on_time.{'yes' if v else 'no'}")
        ),
        "is_escalated": lambda v: t("complaints.yes") if v else "",
        "is_repeat": repeat_word,
        "return_visit": lambda v: t(f"surveys.experience.visit.{v}") if isinstance(v, str) else "",
    }


def _frame(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    names = labels(ctx)
    words = _words(names)

    def when(column: str) -> pd.Series:
        return fmt.to_minute(rows[column])

    def worded(column: str) -> pd.Series:
        return rows[column].map(words[column])

    return pd.DataFrame(
        {
            t("complaints.col.id"): rows["complaint_id"],
            t("complaints.col.received"): when("received_at"),
            t("complaints.col.channel"): worded("channel"),
            t("complaints.col.place"): [
                names["branch_id"].get(b) if isinstance(b, str) else names["city_id"].get(c, c)
                for b, c in zip(rows["branch_id"], rows["city_id"], strict=True)
            ],
            t("complaints.col.category"): worded("category"),
            t("complaints.col.subcategory"): worded("subcategory_id"),
            t("complaints.col.severity"): worded("severity"),
            t("complaints.col.status"): worded("status"),
            t("complaints.col.first_response"): when("first_response_at"),
            t("complaints.col.due"): when("due_at"),
            t("complaints.col.resolved"): when("resolved_at"),
            t("complaints.col.on_time"): worded("is_on_time"),
            t("complaints.col.escalated"): worded("is_escalated"),
            t("complaints.col.repeat"): worded("is_repeat"),
            t("complaints.col.return_visit"): worded("return_visit"),
        }
    )


def export(rows: pd.DataFrame, names: dict[str, Mapping[str, str]]) -> pd.DataFrame:
    """Complaint records for a download as the Queues and Hotline record downloads give theirs:
    headers in the reader's language, codes and flags in the table's words, times as times
    (to the second), a missing code left empty. The columns `rows` holds of EXPORTED."""
    words = _words(names)
    out = {}
    for column, header in EXPORTED:
        if column not in rows:
            continue
        values = rows[column]
        if column in words:
            word = words[column]
            flag = column.startswith("is_") or column == "return_visit"
            values = values.map(
                lambda v, word=word, flag=flag: word(v) if flag or pd.notna(v) else v
            )
        out[t(f"complaints.col.{header}")] = values
    return pd.DataFrame(out)


def _detail(ctx: Context, row: dict) -> None:
    steps = complaint_lifecycle.timeline(row)
    st.markdown(f"**{t('complaints.case_heading', id=row['complaint_id'])}**")
    left, right = st.columns([3, 2])
    with left:
        fig = charts.figure(height=240)
        fig.add_scatter(
            x=steps["at"],
            y=[0] * len(steps),
            mode="markers+text",
            marker={"size": 14, "color": [STEP_COLORS[s] for s in steps["step"]]},
            text=[t(f"complaints.step.{s}") for s in steps["step"]],
            textposition="top center",
            customdata=steps["hours"],
            hovertemplate="%{text}: %{x|%Y-%m-%d %H:%M} (+%{customdata:.1f} h)<extra></extra>",
            showlegend=False,
        )
        fig.update_layout(
            yaxis={"visible": False, "range": [-1, 1.5]}, xaxis={"title": t("complaints.axis_time")}
        )
        show.chart(
            fig,
            show.Meta(
                t("complaints.timeline_title", id=row["complaint_id"]),
                t("complaints.timeline_definition"),
                name=f"complaint_{row['complaint_id']}",
            ),
            key="complaints_case_timeline",
            data=partial(exports.timeline, steps),
        )
    with right:
        if "customer_key" not in row:  # the role does not see customer keys (pulse.records)
            st.caption(t("access.hidden_columns"))
            return
        if pd.isna(row["customer_key"]):  # the source records no customer: no history to look up
            st.caption(t("complaints.history_no_customer"))
            return
        history = complaint_lifecycle.history(
            ctx.store, row["customer_key"], row["received_at"], ctx.filter
        )
        cats, _ = category_names(ctx)
        frame = pd.DataFrame(
            {
                t("complaints.col.id"): history["complaint_id"],
                t("complaints.col.received"): pd.to_datetime(history["received_at"]).dt.strftime(
                    "%Y-%m-%d %H:%M"
                ),
                t("complaints.col.category"): history["category"].map(lambda v: cats.get(v, v)),
                t("complaints.col.repeat"): history["is_repeat"].map(repeat_word),
            }
        )
        show.table(
            frame,
            show.Meta(
                t("complaints.history_title"),
                t("complaints.history_definition"),
                n=float(len(history)),
                name=f"customer_history_{row['complaint_id']}",
            ),
            key="complaints_case_history",
            room=0.38,  # the narrower column of its section
            export=export(history, labels(ctx)),
        )
