"""Queues: the business halls' waits against the 10-minute promise, where and when they peak,
which halls break it, how many counters an hour needs, and the single ticket. Below the
wait trend each section is a tab, built only when it is open (pulse.ui.tabs)."""

from __future__ import annotations

import streamlit as st

from pulse.i18n import t
from pulse.queues import data as queues
from pulse.queues import planning_section, snapshot_section
from pulse.queues import sections as queue_sections
from pulse.ui import context, tabs
from pulse.ui import records as widgets
from pulse.ui.heading import heading
from pulse.ui.tabs import Section


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

    def planning() -> None:
        st.caption(t("queues.plan_intro"))
        planning_section.render(ctx, view)
        snapshot_section.render(ctx, view.period)

    tabs.lazy(
        "queues",
        [
            Section(
                "distribution",
                t("queues.section_distribution"),
                lambda: queue_sections.distribution(ctx, view),
                ("queues_split",),
            ),
            Section(
                "peaks",
                t("queues.section_peaks"),
                lambda: queue_sections.heatmap(ctx, view),
                ("queues_heat_measure",),
            ),
            Section(
                "breakdown",
                t("queues.section_breakdown"),
                lambda: queue_sections.breakdowns(ctx, view),
                ("queues_breakdown_metric",),
            ),
            Section(
                "halls", t("queues.section_halls"), lambda: queue_sections.hall_table(ctx, view)
            ),
            Section("planning", t("queues.section_planning"), planning, planning_section.KEYS),
            widgets.records_tab(ctx, "tickets"),
        ],
    )


render()
