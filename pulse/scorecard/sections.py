"""The Scorecard page's parts in Streamlit: the pickers, the table, the chart of totals, the
parts of a difference, the links to the metric pages and the XLSX and PDF downloads."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pulse import ROOT, catalog, filters
from pulse.i18n import sentences, t
from pulse.scorecard import data, definition, figures, frames, publish, ranks
from pulse.scorecard.data import Scorecard
from pulse.ui import fragment, page_state, show, trail

CARD_KEY, MONTH_KEY, WHY_KEY = "sc_card", "sc_month", "sc_why"
WHY_MODES = ("units", "previous", "last_year")
PAGES = ROOT / "pages"  # absolute: a page started on its own resolves links from pages/
TREND_MONTHS = 12
SAME = 0.05  # points: parts smaller than this show as 0.0
TABLE_ROW, TABLE_MOST = (
    35,
    740,
)  # px: every unit shown up to about twenty rows  # a trend link shows the year up to the month


def controls(ctx) -> tuple[definition.Card, str]:
    """The card and the month, kept in the URL (sc_card, sc_month)."""
    cards = definition.cards()
    ids = list(cards)
    page_state.restore(CARD_KEY, CARD_KEY, page_state.one_of(ids))
    st.session_state.setdefault(CARD_KEY, ids[0])
    left, right, _ = st.columns([2, 2, 3])
    card_id = left.selectbox(
        t("scorecard.card"),
        ids,
        key=CARD_KEY,
        format_func=lambda c: cards[c].label(ctx.lang),
    )
    card = cards[card_id]
    months = data.months(card, ctx.as_of) or [data.default_month(ctx.as_of)]
    page_state.restore(MONTH_KEY, MONTH_KEY, page_state.one_of(months))
    if st.session_state.get(MONTH_KEY) not in months:
        st.session_state[MONTH_KEY] = months[0]
    month = right.selectbox(
        t("scorecard.month"),
        months,
        key=MONTH_KEY,
        format_func=frames.month_name,
        help=t("scorecard.month_help"),
    )
    page_state.publish(CARD_KEY, CARD_KEY, str, ids[0])
    page_state.publish(MONTH_KEY, MONTH_KEY, str, months[0])
    return card, month


def about(ctx, board: Scorecard) -> None:
    """The version in force, its weights and how missing data is scored."""
    version, card = board.version, board.card
    month = frames.month_name(board.month.month)
    st.markdown(
        t(
            "scorecard.version",
            month=month,
            valid_from=version.valid_from,
            note=version.note(ctx.lang),
        )
    )
    st.caption(t("scorecard.weights", weights=frames.weights(version)))
    st.caption(t("scorecard.rescale_note", coverage=frames.coverage(card)))


def summary(board: Scorecard) -> None:
    """How many ranks are real, and who has no total."""
    text = frames.verdict(board)
    missing = int(board.table["total"].isna().sum())
    if missing:
        text = sentences(
            text, t("scorecard.no_total", n=missing, coverage=frames.coverage(board.card))
        )
    st.markdown(f"**{text}**")
    for other in (board.previous, board.last_year):
        if other.version is not None and other.version is not board.version:
            st.caption(
                t(
                    "scorecard.other_version",
                    month=frames.month_name(other.month),
                    valid_from=other.version.valid_from,
                )
            )


def table(ctx, board: Scorecard, names: dict[str, str]) -> None:
    """The scorecard table with its downloads."""
    month = frames.month_name(board.month.month)
    exported, formats = frames.export(board, names)
    show.table(
        frames.display(board, names),
        show.Meta(
            t("scorecard.table_title", card=board.card.label(ctx.lang), month=month),
            t("scorecard.table_note", draws=ranks.DRAWS, too_few=t("scorecard.too_few")),
            name=f"scorecard_{board.card.id}",
        ),
        key="sc_table",
        export=exported,
        export_formats=formats,
        height=min(TABLE_ROW * (len(board.table) + 1) + 3, TABLE_MOST),
        column_config={
            c: st.column_config.TextColumn(width=w) for c, w in frames.column_widths().items()
        },
    )


def chart(ctx, board: Scorecard, names: dict[str, str]) -> None:
    """Totals with their intervals."""
    month = frames.month_name(board.month.month)
    exported, formats = frames.export(board, names)
    show.chart(
        figures.totals(board.table, names),
        show.Meta(
            t("scorecard.chart_title", card=board.card.label(ctx.lang), month=month),
            t("scorecard.chart_note"),
            name=f"scorecard_totals_{board.card.id}",
        ),
        key="sc_chart",
        data=exported,
        export_formats=formats,
    )


def download(ctx, board: Scorecard, pdf: Callable[[Scorecard], bytes] | None = None) -> None:
    """The whole scorecard as one workbook and, when the page passes a `pdf` builder (the
    report's writer sits above this family), as PDF; each built when clicked, in the page's
    language (pulse.ui.trail.audited runs them in the page's context and audits them)."""
    dims, made_by = ctx.dims, show.made_by()
    name, printed_name = publish.file_name(board), publish.file_name(board, "pdf")
    left, right = st.columns(2)
    left.download_button(
        t("scorecard.download"),
        data=trail.audited(lambda: publish.workbook(board, dims, made_by), name),
        file_name=name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="sc_xlsx",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
        width="stretch",
    )
    if pdf is not None:
        right.download_button(
            t("scorecard.download_pdf"),
            data=trail.audited(lambda: pdf(board), printed_name),
            file_name=printed_name,
            mime="application/pdf",
            key="sc_pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            width="stretch",
        )


@fragment.section
def why(ctx, board: Scorecard, names: dict[str, str]) -> None:
    """The parts of the difference between two units, or one unit and an earlier month;
    choosing other units or months redraws this section alone."""
    st.subheader(t("scorecard.why_title"))
    with_total = [u for u in board.table.index if pd.notna(board.table.at[u, "total"])]
    if not with_total:
        return
    mode = st.radio(
        t("scorecard.why_mode"),
        WHY_MODES,
        key=WHY_KEY,
        horizontal=True,
        format_func=lambda m: t(f"scorecard.why_{m}"),
    )
    left, right, _ = st.columns([2, 2, 3])

    def label(unit: str) -> str:
        return names.get(unit, unit)

    a = left.selectbox(t("scorecard.why_a"), with_total, key="sc_why_a", format_func=label)
    if mode == "units":
        others = [u for u in with_total if u != a] or with_total
        b = right.selectbox(
            t("scorecard.why_b"),
            others,
            index=len(others) - 1,  # the first against the last: the widest gap
            key="sc_why_b",
            format_func=label,
        )
        if a == b:
            st.info(t("scorecard.why_same"), icon=":material/info:")
            return
        parts, total_b, name_b = (
            data.between_units(board, a, b),
            board.table.at[b, "total"],
            label(b),
        )
    else:
        then = board.previous if mode == "previous" else board.last_year
        total_b = then.units["total"].get(a) if "total" in then.units else None
        if total_b is None or pd.isna(total_b):
            st.info(t("scorecard.why_none"), icon=":material/info:")
            return
        parts = data.between_months(board, a, mode)
        name_b = f"{label(a)}, {frames.month_name(then.month)}"
    total_a = board.table.at[a, "total"]
    frame = frames.parts(board.version, parts)
    top = frame.iloc[0]
    st.markdown(
        t(
            "scorecard.why_sentence" if abs(top["value"]) >= SAME else "scorecard.why_equal",
            a=label(a),
            total_a=frames.points(total_a),
            b=name_b,
            total_b=frames.points(total_b),
            diff=frames.points(total_a - total_b, signed=True),
            part=top["part"],
            part_value=frames.points(top["value"], signed=True),
        )
    )
    shown = frame.rename(
        columns={"part": t("scorecard.col_unit"), "value": t("scorecard.why_part")}
    )
    shown = shown.rename(columns={t("scorecard.col_unit"): t("scorecard.def_metric")})
    show.chart(
        figures.parts(frame),
        show.Meta(
            t("scorecard.why_chart", a=label(a), b=name_b),
            t("scorecard.why_note"),
            name=f"scorecard_why_{board.card.id}",
        ),
        key="sc_why_chart",
        data=shown,
    )


def links(ctx, board: Scorecard, names: dict[str, str]) -> None:
    """From a unit to the metric pages, with the filter narrowed to it and its month."""
    units = [u for u in board.table.index if board.table.at[u, "own"]]  # never a peer's pages
    if not units:
        return
    st.subheader(t("scorecard.open_title"))
    unit = st.columns([2, 5])[0].selectbox(
        t("scorecard.open_unit"), units, key="sc_open", format_func=lambda u: names.get(u, u)
    )
    level = board.card.level
    scoped = (
        ctx.filter.with_(cities=(unit,), halls=())
        if level == "city"
        else ctx.filter.with_(cities=(board.table.at[unit, "city_id"],), halls=(unit,))
    )
    start, end = data.bounds(board.month.month)
    year_start, _ = data.bounds(data.shift(board.month.month, 1 - TREND_MONTHS))
    month_params = filters.to_params(scoped.with_(period="custom", start=start, end=end))
    trend_params = filters.to_params(scoped.with_(period="custom", start=year_start, end=end))
    peer_params = filters.to_params(ctx.filter.with_(period="custom", start=start, end=end))
    lang = {"lang": ctx.lang} if ctx.lang != "en" else {}
    columns = st.columns(3)
    for i, metric_id in enumerate(board.version.metric_ids):
        label = catalog.metric(metric_id).label(ctx.lang)
        with columns[i % 3]:
            st.page_link(
                PAGES / "trends.py",
                label=t("scorecard.open_trend", metric=label),
                icon=":material/show_chart:",
                query_params={**trend_params, **lang, "t_metrics": metric_id},
            )
            st.page_link(
                PAGES / "benchmarks.py",
                label=t("scorecard.open_bench", metric=label),
                icon=":material/leaderboard:",
                query_params={
                    **peer_params,
                    **lang,
                    "b_metric": metric_id,
                    "b_level": "city" if level == "city" else "hall",
                },
            )
    if level == "city":
        province = ctx.dims.cities.set_index("city_id")["province_id"].get(unit)
        st.page_link(
            PAGES / "drill.py",
            label=t("scorecard.open_drill"),
            icon=":material/account_tree:",
            query_params={**month_params, **lang, "drill": f"{province}/{unit}"},
        )
    else:
        st.page_link(
            PAGES / "hall.py",
            label=t("scorecard.open_hall"),
            icon=":material/storefront:",
            query_params={**month_params, **lang},
        )
