"""The Queues page's "From queue snapshots" section: the queue system's own per-minute counts
and wait estimates, drawn apart from the ticket-based metrics and never mixed with them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulse.i18n import t
from pulse.queues import figures as figs
from pulse.queues import snapshots
from pulse.ui import format as fmt
from pulse.ui import notices, show
from pulse.ui.context import Context

TABLE_KEY = "queues_snapshot_table"
CHART_KEY = "queues_snapshot_chart"


def render(ctx: Context, period) -> None:
    """The section for the filter's halls and period; one line when there are no snapshots."""
    st.subheader(t("queues.snap.section"))
    view = snapshots.build(ctx.store, ctx.filter, period)
    if not view.has_data:
        st.caption(t("queues.snap.none"))
        return
    definition = t("queues.snap.definition")
    st.caption(definition)
    st.markdown(
        t(
            "queues.snap.summary",
            share=fmt.share(view.share_over),
            interval=fmt.span(fmt.share, view.low, view.high),
            over=fmt.count(view.n_over_promise),
            estimates=fmt.count(view.n_estimates),
            n=fmt.count(view.n_snapshots),
            day=view.last_at.date().isoformat(),
        )
    )
    notes = notices.not_filtered(view.not_applied)

    def meta(title: str, name: str) -> show.Meta:
        return show.Meta(t(title), definition, n=view.n_snapshots, notes=notes, name=name)

    show.chart(
        figs.snapshot_hours(view.hours),
        meta("queues.snap.chart_title", "queue_snapshots"),
        key=CHART_KEY,
        data=view.hours,
    )
    show.table(
        _table(view.hours),
        meta("queues.snap.table_title", "queue_snapshot_hours"),
        key=TABLE_KEY,
        export=view.hours,
    )


def _table(hours: pd.DataFrame) -> pd.DataFrame:
    """The hours as text cells, in the reader's language."""
    return pd.DataFrame(
        {
            t("queues.snap.col.hour"): [fmt.clock(int(h)) for h in hours["hour_of_day"]],
            t("queues.snap.col.n"): hours["n_snapshots"].map(fmt.count),
            t("queues.snap.col.mean_waiting"): hours["mean_waiting"].map(fmt.number),
            t("queues.snap.col.max_waiting"): hours["max_waiting"].map(fmt.count),
            t("queues.snap.col.mean_counters"): hours["mean_counters_open"].map(fmt.number),
            t("queues.snap.col.share_over"): hours["share_over"].map(fmt.share),
            t("queues.snap.col.n_estimates"): hours["n_estimates"].map(fmt.count),
        }
    )
