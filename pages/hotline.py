"""Hotline: the 10086 call centre's answer rate and service level per queue, the day's profile
against the agents on duty, the intervals that were understaffed, a what-if staffing calculator,
and the single call. Below the daily trend each section is a tab, built only when it is open
(pulse.ui.tabs)."""

from __future__ import annotations

import streamlit as st

from pulse.hotline import data as hotline
from pulse.hotline import sections as hotline_sections
from pulse.hotline import whatif
from pulse.i18n import t
from pulse.ui import context, tabs
from pulse.ui import records as widgets
from pulse.ui.heading import heading
from pulse.ui.tabs import Section


def render() -> None:
    """Draw the Hotline page for the current filter."""
    ctx = context.current()
    caption = heading(ctx, "hotline")
    queue = hotline_sections.choose_queue(ctx)
    view = hotline.build(ctx.store, ctx.filter, ctx.dims, ctx.as_of, queue)
    if view.withheld:  # not "no calls": the calls exist, the scope does not reach them
        st.info(t("access.withheld.page"), icon=":material/block:")
        return
    if not view.has_data:
        st.info(t("hotline.empty", caption=caption), icon=":material/search_off:")
        return
    target = hotline_sections.service_target(ctx, view.period)
    hotline_sections.headline(ctx, view)
    hotline_sections.daily(ctx, view, target)

    def gap():  # for the three tabs that read it; only the open one asks
        return hotline.staffing_gap(ctx.store, view.period)

    def calculator() -> None:
        st.caption(t("hotline.whatif_intro"))
        whatif.render(ctx, gap(), view.queue, target)

    tabs.lazy(
        "hotline",
        [
            Section(
                "profile",
                t("hotline.section_profile"),
                lambda: hotline_sections.intraday(ctx, view, gap(), target),
                ("hotline_profile_mode",),
            ),
            Section(
                "gap",
                t("hotline.section_gap"),
                lambda: hotline_sections.staffing_gap(ctx, view, gap()),
            ),
            Section("whatif", t("hotline.section_whatif"), calculator, whatif.KEYS),
            widgets.records_tab(ctx, "calls"),
        ],
    )


render()
