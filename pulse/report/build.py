"""Build a report from the store: resolve the filter, run each chosen section's builder in the
report's language, and collect the definitions of every metric it shows.

Section builders are plain functions Context -> Section kept in SECTIONS. A page that has its
own figure builders plugs them in with register("surveys", builder); the report then shows
exactly what that page shows, stamped and exported the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from pulse import access, catalog, describe, dimensions, filters, i18n
from pulse.i18n import t
from pulse.report import families
from pulse.report.blocks import Context
from pulse.report.facts import FAMILIES, Facts
from pulse.report.model import SECTION_IDS, Chart, Report, Request, Section
from pulse.report.summary import benchmark_section, overview_section
from pulse.store import Store

SectionBuilder = Callable[[Context], Section]
Progress = Callable[[float, str], None]

SECTIONS: dict[str, SectionBuilder] = {
    "overview": overview_section,
    "surveys": lambda ctx: families.build("surveys", ctx),
    "queues": lambda ctx: families.build("queues", ctx),
    "hotline": lambda ctx: families.build("hotline", ctx),
    "complaints": lambda ctx: families.build("complaints", ctx),
    "benchmarks": benchmark_section,
}


class EmptyStoreError(ValueError):
    """The store holds no data to report on."""


def register(section: str, builder: SectionBuilder) -> None:
    """Use `builder` for one of the report's sections (e.g. a page's own figure builders)."""
    if section not in SECTION_IDS:
        raise ValueError(f"unknown section {section!r}; choose from {', '.join(SECTION_IDS)}")
    SECTIONS[section] = builder


def build(store: Store, request: Request, *, progress: Progress | None = None) -> Report:
    """The report for a request, worded in its language. `progress(fraction, text)` is told
    as each section starts."""
    dims = dimensions.load(store)
    if dims.as_of is None:
        raise EmptyStoreError("the store holds no data yet")
    with i18n.speaking(request.lang):
        period = filters.resolve(request.filter, dims.as_of)
        caption = describe.caption(request.filter, period, dims)
        if request.user is not None:  # who made it, under which scope: in every format
            caption += " · " + access.made_by(request.user, dims.labels("unit", request.lang))
        facts = Facts(store, request.filter, period, dims)
        ctx = Context(facts=facts, request=request, caption=caption, as_of=dims.as_of)
        sections = []
        for i, key in enumerate(request.sections):
            if progress:
                progress(
                    i / len(request.sections),
                    t("report.progress.section", section=t(f"report.section.{key}")),
                )
            sections.append(SECTIONS[key](ctx))
        return Report(
            request=request,
            title=t("report.title"),
            caption=caption,
            as_of=dims.as_of,
            generated_at=dt.datetime.now().replace(microsecond=0),
            sections=sections,
            definitions=_definitions(sections),
            labels=labels(),
        )


def _definitions(sections: list[Section]) -> pd.DataFrame:
    """Every catalogue metric the report shows, in catalogue order."""
    shown = set()
    for section in sections:
        for block in section.blocks:
            if "metric_id" in block.data:
                shown |= set(block.data["metric_id"].dropna())
    lang = i18n.language()
    rows = [
        {
            "metric_id": m.id,
            t("report.col.metric"): m.label(lang),
            t("report.col.definition"): m.definition(lang),
            t("report.col.interval_method"): t(f"report.interval.{m.interval}"),
            t("report.col.min_n"): m.min_n,
        }
        for m in catalog.metrics().values()
        if m.id in shown
    ]
    return pd.DataFrame(rows)


def labels() -> dict[str, str]:
    """The fixed words the file writers need, in the current language."""
    keys = (
        "title",
        "as_of",
        "generated",
        "contents",
        "definitions",
        "page",
        "of",
        "scope",
        "notes_heading",
        "workbook_sheet",
        "workbook_block",
        "workbook_headline",
        "nothing",
        "continued",
    )
    return {k: t(f"report.label.{k}") for k in keys}


def preview(store: Store, request: Request) -> Chart | None:
    """The first chart the report would hold (from its first family section, else the
    surveys), worded in the caller's language: what the Reports page shows before building."""
    dims = dimensions.load(store)
    if dims.as_of is None:
        return None
    period = filters.resolve(request.filter, dims.as_of)
    caption = describe.caption(request.filter, period, dims)
    ctx = Context(Facts(store, request.filter, period, dims), request, caption, dims.as_of)
    chosen = [s for s in request.sections if s in FAMILIES] or ["surveys"]
    for key in chosen:
        section = families.build(key, ctx)
        for block in section.blocks:
            if isinstance(block, Chart):
                return block
    return None
