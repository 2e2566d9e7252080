"""Complaints: how many and how fast they are handled, against target and the regulator's
published figures; what customers complain about; and every complaint with its timeline."""

from __future__ import annotations

import streamlit as st

from pulse import kpis
from pulse.complaints import cases as complaint_cases
from pulse.complaints import data as complaints
from pulse.complaints import lifecycle_sections as complaint_lifecycle_parts
from pulse.complaints import mix as complaint_mix
from pulse.complaints import sections as complaint_parts
from pulse.i18n import t
from pulse.ui import context
from pulse.ui.heading import heading


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

    st.subheader(t("complaints.what"))
    complaint_parts.pareto(ctx)
    complaint_parts.trend(ctx)
    complaint_mix.channels(ctx)

    st.subheader(t("complaints.lifecycle"))
    complaint_lifecycle_parts.distributions(ctx)
    complaint_lifecycle_parts.outcomes(ctx)
    complaint_lifecycle_parts.backlog(ctx)

    st.subheader(t("complaints.halls"))
    complaint_mix.attitude_funnel(ctx)

    st.subheader(t("complaints.cases_heading"))
    complaint_cases.cases(ctx)


render()
