"""Reports: the board report for the sidebar's filter (named on the page); choose language,
sections and files, preview the first chart, then build PDF, PowerPoint and Excel with a
progress bar. Or the monthly scorecard for the sidebar's scope: card, month, PDF and Excel."""

from __future__ import annotations

import streamlit as st

from pulse import report
from pulse.i18n import t
from pulse.report import form as report_form
from pulse.report import scorecard_form
from pulse.ui import context, show


def render() -> None:
    """Draw the Reports page."""
    ctx = context.current()
    st.title(t("page.reports"))
    st.caption(t("reports.intro"))
    for notice in ctx.notices:
        st.warning(notice, icon=":material/link_off:")
    choice = report_form.form(ctx)
    if choice.kind == "scorecard":
        _scorecard(ctx, choice)
        return
    if not choice.sections:
        st.warning(t("reports.no_sections"))
    elif not choice.formats:
        st.warning(t("reports.no_formats"))
    elif st.button(t("reports.build"), type="primary", icon=":material/description:"):
        report_form.build_files(ctx, choice)
    report_form.downloads(choice)

    st.subheader(t("reports.preview"))
    _preview(ctx, choice)
    with st.expander(t("reports.cli"), icon=":material/terminal:"):
        st.code(_command(choice), language="bash")


def _scorecard(ctx: context.Context, choice: report_form.Choice) -> None:
    """The monthly scorecard's build button, files and command (it has no preview: the
    Scorecard page shows it)."""
    if not choice.formats:
        st.warning(t("reports.no_formats"))
    elif st.button(t("reports.build"), type="primary", icon=":material/description:"):
        report_form.build_files(ctx, choice)
    report_form.downloads(choice)
    f = choice.filter
    with st.expander(t("reports.scorecard_cli"), icon=":material/terminal:"):
        scope = ",".join(f.halls or f.cities) or "all"
        kind = (choice.formats or ("pdf",))[0]
        st.code(
            scorecard_form.command(choice.card, choice.month, choice.lang, scope, kind),
            language="bash",
        )


def _preview(ctx: context.Context, choice: report_form.Choice) -> None:
    """The report's first chart, drawn and downloadable like every chart, stamped with the
    sidebar's filter, which the report uses."""
    request = report.Request(choice.filter, choice.lang, choice.sections or ("surveys",))
    chart = report.preview(ctx.store, request)
    if chart is None:
        caption = report_form.filter_caption(ctx)
        st.info(t("report.empty_section", caption=caption), icon=":material/search_off:")
        return
    st.caption(chart.headline)
    n = float(chart.data["n"].sum()) if "n" in chart.data else None  # n adds up
    meta = show.Meta(
        chart.title, chart.stamp.definition, n, chart.stamp.notes, name="report_preview"
    )
    show.chart(
        chart.figure, meta, key="reports_preview", data=chart.data, export_formats=chart.formats
    )
    st.caption(t("reports.preview_note"))


def _command(choice: report_form.Choice) -> str:
    f = choice.filter
    period = f.period if f.period != "custom" else f"{f.start}..{f.end}"
    parts = [
        "python -m pulse.report",
        f"--scope {','.join(f.halls or f.cities) or 'all'}",
        f"--period {period}",
        f"--compare {f.compare}",
        f"--lang {choice.lang}",
        f"--sections {','.join(choice.sections) or 'all'}",
    ]
    for flag, values in (
        ("--segment", f.segments),
        ("--brand", f.brands),
        ("--channel", f.channels),
    ):
        if values:
            parts.append(f"{flag} {','.join(values)}")
    kind = (choice.formats or ("pdf",))[0]
    parts.append(f"--format {kind} --out report.{kind}")
    return " \\\n    ".join(parts)


render()
