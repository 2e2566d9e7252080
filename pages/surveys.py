"""Surveys: how satisfied customers are, with honest intervals; why (key drivers); how their
scores follow the wait and the handling they experienced; and what they wrote. Below the
headline each section is a tab, built only when it is open (pulse.ui.tabs)."""

from __future__ import annotations

import streamlit as st

from pulse import kpis
from pulse.i18n import t
from pulse.surveys import comments as survey_comments
from pulse.surveys import data as surveys
from pulse.surveys import experience as survey_experience
from pulse.surveys import insights as survey_insights
from pulse.surveys import sections as survey_parts
from pulse.ui import context, tabs
from pulse.ui.heading import heading
from pulse.ui.tabs import Section


def render() -> None:
    """Draw the Surveys page for the current filter."""
    ctx = context.current()
    caption = heading(ctx, "surveys")
    data = kpis.tiles(ctx.store, [*surveys.HEADLINE, *surveys.DIM_METRICS], ctx.filter, ctx.period)
    if not data.has_data:
        st.info(t("surveys.empty", caption=caption), icon=":material/search_off:")
        return
    survey_parts.headline(ctx, data)

    def dimensions() -> None:
        survey_parts.dimensions(ctx, data)
        survey_parts.places(ctx)

    tabs.lazy(
        "surveys",
        [
            Section(
                "groups",
                t("surveys.groups"),
                lambda: survey_parts.groups(ctx),
                ("surveys_by", "surveys_item"),
            ),
            Section("dimensions", t("surveys.dimensions"), dimensions, ("surveys_place_level",)),
            Section(
                "drivers",
                t("surveys.drivers.heading"),
                lambda: survey_insights.key_drivers(ctx, data),
            ),
            Section(
                "experience",
                t("surveys.experience.heading"),
                lambda: survey_experience.experience(ctx),
            ),
            Section(
                "comments",
                t("surveys.comments.heading"),
                lambda: survey_comments.comments(ctx),
                (survey_comments.SEARCH_KEY, survey_comments.PAGE_KEY),
            ),
        ],
    )


render()
