"""The Reports page's monthly scorecard: the card and the month (the sidebar's scope applies,
its period does not), built as PDF (the report's writer) and XLSX (the scorecard's workbook)
in the chosen language, as `python -m pulse.scorecard` builds them."""

from __future__ import annotations

import streamlit as st

from pulse import describe, i18n, report
from pulse.i18n import t
from pulse.report import scorecard as printed
from pulse.scorecard import data, definition, frames, publish
from pulse.ui import context, show

FORMATS = ("pdf", "xlsx")


def fields(ctx: context.Context) -> tuple[str, str]:
    """The card and the month, newest month first; returns their ids."""
    cards = definition.cards()
    left, right = st.columns(2)
    card_id = left.selectbox(
        t("scorecard.card"),
        list(cards),
        key="rp_card",
        format_func=lambda c: cards[c].label(ctx.lang),
    )
    months = data.months(cards[card_id], ctx.as_of) or [data.default_month(ctx.as_of)]
    if st.session_state.get("rp_month") not in months:
        st.session_state["rp_month"] = months[0]
    named = {m: frames.month_name(m) for m in months}  # worded now, as form.py says
    month = right.selectbox(
        t("scorecard.month"),
        months,
        key="rp_month",
        format_func=named.get,
        help=t("scorecard.month_help"),
    )
    return card_id, month


def caption(ctx: context.Context, month: str) -> str:
    """The sidebar's scope (and segment, brand ...) with the month chosen here in words."""
    return describe.caption(ctx.filter, data.period(ctx.filter, month, ctx.as_of), ctx.dims)


def build(ctx: context.Context, lang: str, card_id: str, month: str, kinds, tell):
    """The chosen files {kind: (bytes, file name)} and the sentence saying what was built;
    (None, reason) when the month has no card in force or no unit in scope has data."""
    card = definition.cards()[card_id]
    with i18n.speaking(lang):
        if card.version_for(month) is None:
            return None, t(
                "scorecard.no_version",
                card=card.label(lang),
                month=frames.month_name(month),
                first=frames.month_name(card.versions[0].valid_from),
            )
        board = data.build(ctx.store, card, ctx.filter, month, ctx.dims)
        if board.table.empty or board.table["total"].isna().all():
            return None, t(
                "scorecard.empty",
                card=card.label(lang),
                month=frames.month_name(month),
                caption=publish.caption(board, ctx.dims),
            )
        files, made_by = {}, show.made_by()
        for i, kind in enumerate(kinds):
            tell(i / max(len(kinds), 1), kind.upper())
            content = (
                report.write(printed.report(board, ctx.dims, made_by), "pdf")
                if kind == "pdf"
                else publish.workbook(board, ctx.dims, made_by)
            )
            files[kind] = (content, printed.file_name(board, kind))
        units = len(board.table)
    built = t(
        "reports.scorecard_built",
        card=card.label(ctx.lang),
        month=frames.month_name(month),
        units=units,
    )
    return files, built


def command(card_id: str, month: str, lang: str, scope: str, kind: str) -> str:
    """The same scorecard from the command line."""
    parts = [
        "python -m pulse.scorecard",
        f"--card {card_id}",
        f"--month {month}",
        f"--scope {scope}",
        f"--lang {lang}",
        f"--out scorecard_{card_id}_{month}_{lang}.{kind}",
    ]
    return " \\\n    ".join(parts)
