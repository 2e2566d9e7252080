"""The Reports page's form: scope, period, comparison, language, sections and file types,
first filled from the global filter, and the report files built from it with a progress bar."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass

import streamlit as st

from pulse import filters, report
from pulse.i18n import LANGUAGES, t
from pulse.ui import context
from pulse.ui import format as fmt

_BUILT = "rp_built"
FORMAT_LABELS = {"pdf": "PDF", "pptx": "PowerPoint (PPTX)", "xlsx": "Excel (XLSX)"}


@dataclass(frozen=True)
class Choice:
    """What the form asks for."""

    filter: filters.Filter
    lang: str
    sections: tuple[str, ...]
    formats: tuple[str, ...]

    def request(self) -> report.Request:
        """The report request (the file types aside)."""
        return report.Request(self.filter, lang=self.lang, sections=self.sections)


def _defaults(ctx: context.Context) -> None:
    f = ctx.filter
    state = st.session_state
    state.setdefault("rp_cities", list(f.cities))
    state.setdefault("rp_halls", list(f.halls))
    state.setdefault("rp_period", f.period)
    state.setdefault("rp_compare", f.compare)
    state.setdefault("rp_lang", ctx.lang)
    state.setdefault("rp_sections", list(report.SECTION_IDS))
    state.setdefault("rp_formats", list(report.FORMATS))
    if f.start and f.end:
        state.setdefault("rp_range", (f.start, f.end))


def form(ctx: context.Context) -> Choice:
    """Draw the choices and return them."""
    _defaults(ctx)
    dims, lang = ctx.dims, ctx.lang
    st.subheader(t("reports.what"))
    left, right = st.columns(2)
    with left:
        city_labels = dims.labels("city", lang)
        cities = st.multiselect(
            t("reports.cities"),
            list(dims.cities["city_id"]),
            key="rp_cities",
            format_func=lambda c: city_labels.get(c, c),
            placeholder=t("reports.all_cities"),
        )
        in_scope = dims.halls[dims.halls["city_id"].isin(cities)] if cities else dims.halls
        st.session_state["rp_halls"] = [
            h for h in st.session_state["rp_halls"] if h in set(in_scope["branch_id"])
        ]
        hall_labels = dims.labels("hall", lang)
        halls = st.multiselect(
            t("reports.halls"),
            list(in_scope["branch_id"]),
            key="rp_halls",
            format_func=lambda h: hall_labels.get(h, h),
            placeholder=t("reports.all_halls"),
        )
    with right:
        period = st.selectbox(
            t("reports.period"),
            filters.PERIODS,
            key="rp_period",
            format_func=lambda p: t(f"period.{p}"),
        )
        start = end = None
        if period == "custom":
            last = ctx.as_of
            st.session_state.setdefault("rp_range", (last - dt.timedelta(days=29), last))
            chosen = st.date_input(t("reports.dates"), key="rp_range", max_value=last)
            if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
                start, end = chosen
            else:
                period = "last_30"
        compare = st.selectbox(
            t("reports.compare"),
            filters.COMPARISONS,
            key="rp_compare",
            format_func=lambda c: t(f"compare.{c}"),
        )
        report_lang = st.radio(
            t("reports.language"),
            LANGUAGES,
            key="rp_lang",
            horizontal=True,
            format_func=lambda code: {"en": "English", "zh": "中文"}[code],
        )
        formats = st.pills(
            t("reports.formats"),
            report.FORMATS,
            selection_mode="multi",
            key="rp_formats",
            format_func=lambda k: FORMAT_LABELS[k],
        )
    sections = st.multiselect(
        t("reports.sections"),
        report.SECTION_IDS,
        key="rp_sections",
        format_func=lambda s: t(f"report.section.{s}"),
    )
    f = ctx.filter.with_(
        period=period,
        start=start,
        end=end,
        compare=compare,
        provinces=(),
        cities=tuple(cities),
        halls=tuple(halls),
    )
    _segment_note(ctx)
    order = tuple(s for s in report.SECTION_IDS if s in sections)
    return Choice(f, report_lang, order, tuple(k for k in report.FORMATS if k in (formats or [])))


def _segment_note(ctx: context.Context) -> None:
    f, dims, lang = ctx.filter, ctx.dims, ctx.lang
    chosen = []
    for field, kind in (("segments", "segment"), ("brands", "brand"), ("channels", "channel")):
        labels = dims.labels(kind, lang)
        chosen += [labels.get(v, v) for v in getattr(f, field)]
    words = ", ".join(chosen) if chosen else t("reports.no_segment")
    st.caption(t("reports.segment_note", filters=words))


def file_name(choice: Choice, period: filters.Period, kind: str) -> str:
    """service-pulse_SZ_20260701-20260930_en.pdf"""
    f = choice.filter
    scope = "-".join(f.halls or f.cities) or "all"
    scope = re.sub(r"[^A-Za-z0-9-]+", "", scope)[:40] or "scope"
    return f"service-pulse_{scope}_{period.start:%Y%m%d}-{period.end:%Y%m%d}_{choice.lang}.{kind}"


def build_files(ctx: context.Context, choice: Choice) -> None:
    """Build the report and each chosen file under a progress bar; keep them in the session."""
    bar = st.progress(0.0, text=t("reports.building"))
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
