"""Individual complaints for the selection, paged; selecting one shows its timeline and the
customer's other complaints around it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulse import records
from pulse.complaints import lifecycle as complaint_lifecycle
from pulse.complaints.sections import category_names
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import charts, notices, show
from pulse.ui import format as fmt
from pulse.ui.context import Context

PAGE_KEY = "complaints_case_page"
TABLE_KEY = "complaints_cases_table"
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
        export=rows,
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


def _frame(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    cats, subs = category_names(ctx)
    channels = ctx.dims.labels("channel", ctx.lang)
    halls = ctx.dims.labels("hall", ctx.lang)
    cities = ctx.dims.labels("city", ctx.lang)

    def when(column: str) -> pd.Series:
        return fmt.to_minute(rows[column])

    on_time = [
        "" if pd.isna(v) else t(f"complaints.on_time.{'yes' if v else 'no'}")
        for v in rows["is_on_time"]
    ]
    return pd.DataFrame(
        {
            t("complaints.col.id"): rows["complaint_id"],
            t("complaints.col.received"): when("received_at"),
            t("complaints.col.channel"): rows["channel"].map(lambda v: channels.get(v, v)),
            t("complaints.col.place"): [
                halls.get(b) if isinstance(b, str) else cities.get(c, c)
                for b, c in zip(rows["branch_id"], rows["city_id"], strict=True)
            ],
            t("complaints.col.category"): rows["category"].map(lambda v: cats.get(v, v)),
            t("complaints.col.subcategory"): rows["subcategory_id"].map(lambda v: subs.get(v, v)),
            t("complaints.col.severity"): rows["severity"].map(
                lambda v: t(f"complaint_lifecycle.severity.{v}")
            ),
            t("complaints.col.status"): rows["status"].map(lambda v: t(f"complaints.status.{v}")),
            t("complaints.col.first_response"): when("first_response_at"),
            t("complaints.col.due"): when("due_at"),
            t("complaints.col.resolved"): when("resolved_at"),
            t("complaints.col.on_time"): on_time,
            t("complaints.col.escalated"): rows["is_escalated"].map(
                lambda v: t("complaints.yes") if v else ""
            ),
            t("complaints.col.repeat"): rows["is_repeat"].map(repeat_word),
            t("complaints.col.return_visit"): rows["return_visit"].map(
                lambda v: t(f"surveys.experience.visit.{v}") if isinstance(v, str) else ""
            ),
        }
    )


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
            data=steps,
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
            export=history,
        )
