"""Complaints: how many and how fast they are handled, against target and the regulator's
published figures; what customers complain about; and every complaint with its timeline.
Below the headline each section is a tab, built only when it is open (pulse.ui.tabs)."""

from __future__ import annotations

import streamlit as st

from pulse import kpis
from pulse.complaints import cases as complaint_cases
from pulse.complaints import data as complaints
from pulse.complaints import lifecycle_sections as complaint_lifecycle_parts
from pulse.complaints import mix as complaint_mix
from pulse.complaints import sections as complaint_parts
from pulse.i18n import t
from pulse.ui import context, tabs
from pulse.ui.heading import heading
from pulse.ui.tabs import Section


def render() -> None:
    """Draw the Complaints page for the current filter."""
    ctx = context.current()
    caption = heading(ctx, "complaints")
    data = kpis.tiles(ctx.store, list(complaints.HEADLINE), ctx.filter, ctx.period)
    if not data.has_data:
        st.info(t("complaints.empty", caption=caption), icon=":material/search_off:")
        complaint_lifecycle_parts.backlog(ctx)
        return
    complaint_parts.headline(ctx, data)
    complaint_parts.regulator(ctx, data)

    def what() -> None:
        complaint_parts.pareto(ctx)
        complaint_parts.trend(ctx)
        complaint_mix.channels(ctx)

    def lifecycle() -> None:
        complaint_lifecycle_parts.distributions(ctx)
        complaint_lifecycle_parts.outcomes(ctx)
        complaint_lifecycle_parts.backlog(ctx)

    tabs.lazy(
        "complaints",
        [
            Section("what", t("complaints.what"), what, (complaint_parts.CATEGORY_KEY,)),
            Section("lifecycle", t("complaints.lifecycle"), lifecycle),
            Section(
                "halls",
                t("complaints.halls"),
                lambda: complaint_mix.attitude_funnel(ctx),
            ),
            Section(
                "cases",
                t("complaints.cases_heading"),
                lambda: complaint_cases.cases(ctx),
                (complaint_cases.PAGE_KEY,),
            ),
        ],
    )


render()
