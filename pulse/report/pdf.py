"""A report as PDF: HTML from a Jinja template with every chart inline as kaleido's SVG, printed
by the export engine's Chromium. Text stays text (selectable, searchable, Noto CJK embedded),
charts stay vectors, and tables repeat their header on each page instead of being cut."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path

import jinja2

from pulse.export import images, theme
from pulse.export.engine import engine
from pulse.export.theme import Stamp
from pulse.report.model import Chart, Report, Table

TEMPLATES = Path(__file__).with_name("templates")
# A4 text width at 96 px/in is about 690 px; charts are drawn wider and scaled down, so their
# type prints at about 80% of the screen size
CHART_WIDTH, CHART_HEIGHT = 1000, 560
STATUSES = {"green", "amber", "red", "unknown"}


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("report.html.j2")


def stamp_line(stamp: Stamp) -> str:
    """The line under a table: definition, n, data date and notes."""
    return " · ".join(p for p in (stamp.definition, stamp.n, stamp.as_of, *stamp.notes) if p)


def cell_class(block: Table, row: int, column: int) -> str:
    """The status colour of one table cell, if any."""
    if block.status is None or row >= len(block.status) or column >= block.status.shape[1]:
        return ""
    value = block.status.iat[row, column]
    return value if value in STATUSES else ""


def to_html(report: Report, svgs: dict[str, str]) -> str:
    """The report as one HTML document; `svgs` holds each chart's SVG by block key."""
    css = theme.css_colours() + (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _template().render(
        report=report,
        labels=report.labels,
        svgs=svgs,
        css=css,
        cell_class=cell_class,
        stamp_line=stamp_line,
    )


def chart_svgs(
    report: Report, progress: Callable[[float, str], None] | None = None
) -> dict[str, str]:
    """Every chart of the report as inline SVG, stamped, in the print theme."""
    charts = report.charts()
    out = {}
    for i, chart in enumerate(charts):
        if progress:
            progress(i / max(len(charts), 1), chart.title)
        out[chart.key] = _svg(chart)
    return out


def _svg(chart: Chart) -> str:
    height = max(CHART_HEIGHT, int(chart.figure.layout.height or 0))
    return images.svg_for_html(chart.figure, chart.stamp, CHART_WIDTH, min(height, 900))


def footer(report: Report) -> str:
    """Chromium's footer template: the report and its scope on the left, page x of y right."""
    left = html.escape(f"Service Pulse · {report.title} · {report.caption}")
    labels = report.labels
    page = (
        f'{html.escape(labels["page"])} <span class="pageNumber"></span> '
        f'{html.escape(labels["of"])} <span class="totalPages"></span>'
    )
    if report.lang == "zh":
        page += " 页"
    return (
        "<div style=\"font-family: 'Noto Sans CJK SC', sans-serif; font-size: 7pt; "
        f"color: {theme.MUTED}; width: 100%; margin: 0 14mm; display: flex; "
        f'justify-content: space-between;"><span>{left}</span><span>{page}</span></div>'
    )


def write(report: Report, progress: Callable[[float, str], None] | None = None) -> bytes:
    """The report as PDF bytes."""
    svgs = chart_svgs(report, progress)
    if progress:
        progress(1.0, report.labels["title"])
    return engine().pdf(to_html(report, svgs), footer=footer(report))
