"""Queues: the business halls' waits against the 10-minute promise, where and when they peak,
which halls break it, how many counters an hour needs, and the single ticket."""

from __future__ import annotations

import streamlit as st

from pulse.i18n import t
from pulse.queues import data as queues
from pulse.queues import planning_section, snapshot_section
from pulse.queues import sections as queue_sections
from pulse.ui import context
from pulse.ui import records as widgets
from pulse.ui.heading import heading


def render() -> None:
    """Draw the Queues page for the current filter."""
    ctx = context.current()
    caption = heading(ctx, "queues")
    view = queues.build(ctx.store, ctx.filter, ctx.dims, ctx.as_of)
    if not view.has_data:
        st.info(t("queues.empty", caption=caption), icon=":material/search_off:")
        return
    queue_sections.headline(ctx, view)
    queue_sections.trend(ctx, view)

    st.subheader(t("queues.section_distribution"))
    queue_sections.distribution(ctx, view)

    st.subheader(t("queues.section_peaks"))
    queue_sections.heatmap(ctx, view)

    st.subheader(t("queues.section_breakdown"))
    queue_sections.breakdowns(ctx, view)

    st.subheader(t("queues.section_halls"))
    queue_sections.hall_table(ctx, view)

    st.subheader(t("queues.section_planning"))
    st.caption(t("queues.plan_intro"))
    planning_section.render(ctx, view)

    snapshot_section.render(ctx, view.period)

    widgets.records_section(ctx, "tickets")


render()
