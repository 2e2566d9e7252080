"""Scorecard: the monthly appraisal of cities or halls. Each unit's total and points per
metric by the card in force that month, against the month before and last year, with honest
ranks (intervals, tied bands), why two totals differ, links to the metric pages, and the
XLSX and the PDF (printed by the report's writer, which this page passes to the section)."""

from __future__ import annotations

import dataclasses

import streamlit as st

from pulse import report
from pulse.dimensions import Dimensions
from pulse.i18n import t
from pulse.report import scorecard as printed
from pulse.scorecard import data, frames, publish, sections
from pulse.ui import context, show
from pulse.ui.heading import heading


def render() -> None:
    """Draw the Scorecard page for the sidebar's scope and the month picked here."""
    ctx = context.current()
    heading(ctx, "scorecard", captioned=False)
    card, month = sections.controls(ctx)
    st.caption(f"{card.description(ctx.lang)} · {t('shell.as_of', date=ctx.as_of.isoformat())}")
    if card.version_for(month) is None:
        st.info(
            t(
                "scorecard.no_version",
                card=card.label(ctx.lang),
                month=frames.month_name(month),
                first=frames.month_name(card.versions[0].valid_from),
            ),
            icon=":material/event_busy:",
        )
        return
    board = data.build(ctx.store, card, ctx.filter, month, ctx.dims)
    if board.table.empty or board.table["total"].isna().all():
        caption = publish.caption(board, ctx.dims)
        st.info(
            t(
                "scorecard.empty",
                card=card.label(ctx.lang),
                month=frames.month_name(month),
                caption=caption,
            ),
            icon=":material/search_off:",
        )
        return
    # the charts' and tables' stamps and file names say the month, not the sidebar's period
    context.publish(dataclasses.replace(ctx, filter=board.filter, period=board.period))
    names = frames.unit_names(board, ctx.dims, ctx.lang)
    sections.about(ctx, board)
    sections.summary(board)
    made_by = show.made_by()  # worded now: the file is built on the download's thread
    sections.download(ctx, board, lambda b: _pdf(b, ctx.dims, made_by))
    sections.table(ctx, board, names)
    sections.chart(ctx, board, names)
    sections.why(ctx, board, names)
    sections.links(ctx, board, names)


def _pdf(board: data.Scorecard, dims: Dimensions, made_by: str) -> bytes:
    """The scorecard printed by the report's PDF writer (with the definition and weights)."""
    return report.write(printed.report(board, dims, made_by), "pdf")


render()
