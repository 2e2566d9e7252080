"""The Reports page's form: what to build (the board report or the monthly scorecard),
language, sections or card and month, and file types. The report's scope, period, comparison,
segment, brand and channel are the sidebar's filter, named on the page; the files are built
from it with a progress bar."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import streamlit as st

from pulse import access, describe, filters, report
from pulse.i18n import LANGUAGES, t
from pulse.report import scorecard_form
from pulse.ui import context, trail
from pulse.ui import format as fmt

_BUILT = "rp_built"
_LANG_OF_UI = "rp_lang_of_ui"
KINDS = ("board", "scorecard")
FORMAT_LABELS = {"pdf": "PDF", "pptx": "PowerPoint (PPTX)", "xlsx": "Excel (XLSX)"}


@dataclass(frozen=True)
class Choice:
    """What the report is for: the sidebar's filter and the form's choices."""

    filter: filters.Filter
    lang: str
    sections: tuple[str, ...]
    formats: tuple[str, ...]
    kind: str = "board"  # or "scorecard"
    card: str = ""  # the scorecard's card and month
    month: str = ""
    user: access.User | None = None  # who builds it (stamped on the files)

    def request(self) -> report.Request:
        """The report request (the file types aside)."""
        return report.Request(self.filter, lang=self.lang, sections=self.sections, user=self.user)


def _defaults(ctx: context.Context) -> None:
    state = st.session_state
    # the report's language follows the app's until the user picks another, and again
    # whenever the app's language changes
    if state.get(_LANG_OF_UI) != ctx.lang:
        state["rp_lang"] = ctx.lang
        state[_LANG_OF_UI] = ctx.lang
    state.setdefault("rp_sections", list(report.SECTION_IDS))
    state.setdefault("rp_formats", list(report.FORMATS))
    state.setdefault("rp_sc_formats", list(scorecard_form.FORMATS))


def form(ctx: context.Context) -> Choice:
    """Name the filter the report uses, draw the other choices and return them all."""
    _defaults(ctx)
    st.subheader(t("reports.what"))
    # worded now: AppTest calls format_func again later, on a thread in another language
    kinds = {k: t(f"reports.kind_{k}") for k in KINDS}
    kind = st.radio(t("reports.kind"), KINDS, key="rp_kind", horizontal=True, format_func=kinds.get)
    if kind == "scorecard":
        card, month = scorecard_form.fields(ctx)
        st.info(
            t("reports.scorecard_uses", caption=scorecard_form.caption(ctx, month)),
            icon=":material/filter_alt:",
        )
    else:
        st.info(
            t("reports.filter_used", caption=filter_caption(ctx)),
            icon=":material/filter_alt:",
        )
    left, right = st.columns(2)
    with left:
        report_lang = st.radio(
            t("reports.language"),
            LANGUAGES,
            key="rp_lang",
            horizontal=True,
            format_func=lambda code: {"en": "English", "zh": "中文"}[code],
        )
    offered = scorecard_form.FORMATS if kind == "scorecard" else report.FORMATS
    with right:
        formats = st.pills(
            t("reports.formats"),
            offered,
            selection_mode="multi",
            key="rp_sc_formats" if kind == "scorecard" else "rp_formats",
            format_func=lambda k: FORMAT_LABELS[k],
        )
    chosen_formats = tuple(k for k in offered if k in (formats or []))
    if kind == "scorecard":
        return Choice(ctx.filter, report_lang, (), chosen_formats, kind, card, month, ctx.user)
    sections = st.multiselect(
        t("reports.sections"),
        report.SECTION_IDS,
        key="rp_sections",
        format_func=lambda s: t(f"report.section.{s}"),
    )
    order = tuple(s for s in report.SECTION_IDS if s in sections)
    return Choice(ctx.filter, report_lang, order, chosen_formats, user=ctx.user)


def filter_caption(ctx: context.Context) -> str:
    """The sidebar's filter in words, with the comparison named even when there is none."""
    caption = describe.caption(ctx.filter, ctx.period, ctx.dims)
    if ctx.period.cmp_start is None:
        caption += " · " + t("compare.none")
    return caption


def file_name(choice: Choice, period: filters.Period, kind: str) -> str:
    """service-pulse_SZ_20260701-20260930_en.pdf"""
    f = choice.filter
    scope = "-".join(f.halls or f.cities) or "all"
    scope = re.sub(r"[^A-Za-z0-9-]+", "", scope)[:40] or "scope"
    return f"service-pulse_{scope}_{period.start:%Y%m%d}-{period.end:%Y%m%d}_{choice.lang}.{kind}"


def build_files(ctx: context.Context, choice: Choice) -> None:
    """Build the report and each chosen file under a progress bar; keep them in the session."""
    bar = st.progress(0.0, text=t("reports.building"))
    if choice.kind == "scorecard":
        _build_scorecard(ctx, choice, bar)
        return
    started = time.perf_counter()
    steps = 1 + len(choice.formats)

    def step(index: int):
        def tell(fraction: float, text: str) -> None:
            bar.progress(min((index + fraction) / steps, 1.0), text=text)

        return tell

    try:
        built = report.build(ctx.store, choice.request(), progress=step(0))
        period = filters.resolve(choice.filter, ctx.as_of)
        files = {}
        for i, kind in enumerate(choice.formats, start=1):
            files[kind] = (
                report.write(built, kind, progress=step(i)),
                file_name(choice, period, kind),
            )
    except Exception as err:  # shown to the user, who can act on it
        bar.empty()
        st.error(t("reports.failed", reason=str(err)), icon=":material/error:")
        return
    bar.empty()
    trail.record("report_build", {"kind": "board", "formats": list(files), "lang": choice.lang})
    tables = sum(1 for _, b in built.blocks() if isinstance(b, report.Table))
    st.session_state[_BUILT] = {
        "choice": choice,
        "files": files,
        "summary": t(
            "reports.built",
            sections=len(built.sections),
            charts=len(built.charts()),
            tables=tables,
            seconds=fmt.number(time.perf_counter() - started, 1),
        ),
    }


def _build_scorecard(ctx: context.Context, choice: Choice, bar) -> None:
    def tell(fraction: float, text: str) -> None:
        bar.progress(min(fraction, 1.0), text=text)

    try:
        files, said = scorecard_form.build(
            ctx, choice.lang, choice.card, choice.month, choice.formats, tell
        )
    except Exception as err:  # shown to the user, who can act on it
        bar.empty()
        st.error(t("reports.failed", reason=str(err)), icon=":material/error:")
        return
    bar.empty()
    if files is None:
        st.info(said, icon=":material/search_off:")
        return
    trail.record("report_build", {"kind": "scorecard", "card": choice.card, "month": choice.month})
    st.session_state[_BUILT] = {"choice": choice, "files": files, "summary": said}


def downloads(choice: Choice) -> None:
    """The files built last, with a note when the choices have changed since."""
    built = st.session_state.get(_BUILT)
    if not built:
        return
    st.success(built["summary"], icon=":material/task_alt:")
    if built["choice"] != choice:
        st.info(t("reports.stale"), icon=":material/update:")
    columns = st.columns(max(len(built["files"]), 1))
    for column, (kind, (data, name)) in zip(columns, built["files"].items(), strict=False):
        column.download_button(
            t("reports.download", kind=FORMAT_LABELS[kind]),
            data=data,
            file_name=name,
            mime=report.MIME[kind],
            key=f"rp_download_{kind}",
            on_click="ignore",
            type="primary",
            width="stretch",
            icon=":material/download:",
        )
