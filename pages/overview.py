"""Overview: the ten headline numbers against target and the last period, which cities are red,
what changed, and the events in view."""

from __future__ import annotations

import streamlit as st

from pulse.i18n import t
from pulse.overview import data as overview
from pulse.overview import sections as overview_parts
from pulse.overview import why
from pulse.ui import context, tiles
from pulse.ui.heading import heading


def render() -> None:
    """Draw the Overview for the current filter."""
    ctx = context.current()
    caption = heading(ctx, "overview")
    head = overview.headline(ctx.store, ctx.filter, ctx.as_of)
    if not head.has_data:
        st.info(t("overview.empty", caption=caption), icon=":material/search_off:")
        return
    cmp_label = t(f"compare.short.{ctx.filter.compare}")
    # the tiles go to the browser before the rest is computed: it draws while Python works
    tiles.grid(head.tiles, head.sparklines, head.not_applied, cmp_label)
    why.tiles(ctx, head)
    data = overview.rest(ctx.store, ctx.filter, head)

    overview_parts.city_table(data.cities, ctx.dims, ctx.lang)
    why.cells(ctx, data)
    overview_parts.movers(data.movers, ctx.dims, ctx.lang)
    overview_parts.persistent(data.persistent, data.window, ctx.dims, ctx.lang)

    st.subheader(t("overview.events"))
    overview_parts.events(data.events, ctx.dims, ctx.lang)


render()
