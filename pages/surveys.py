"""Surveys: how satisfied customers are, with honest intervals; why (key drivers); how their
scores follow the wait and the handling they experienced; and what they wrote."""

from __future__ import annotations

import streamlit as st

from pulse import kpis
from pulse.i18n import t
from pulse.surveys import comments as survey_comments
from pulse.surveys import data as surveys
from pulse.surveys import experience as survey_experience
from pulse.surveys import insights as survey_insights
from pulse.surveys import sections as survey_parts
from pulse.ui import context
from pulse.ui.heading import heading


def render() -> None:
    """Draw the Surveys page for the current filter."""
    ctx = context.current()
    caption = heading(ctx, "surveys")
    data = kpis.tiles(ctx.store, [*surveys.HEADLINE, *surveys.DIM_METRICS], ctx.filter, ctx.period)
    if not data.has_data:
        st.info(t("surveys.empty", caption=caption), icon=":material/search_off:")
        return
    survey_parts.headline(ctx, data)

    st.subheader(t("surveys.groups"))
    survey_parts.groups(ctx)

    st.subheader(t("surveys.dimensions"))
    survey_parts.dimensions(ctx, data)
    survey_parts.places(ctx)

    st.subheader(t("surveys.drivers.heading"))
    survey_insights.key_drivers(ctx, data)

    st.subheader(t("surveys.experience.heading"))
    survey_experience.experience(ctx)

    st.subheader(t("surveys.comments.heading"))
    survey_comments.comments(ctx)


render()
