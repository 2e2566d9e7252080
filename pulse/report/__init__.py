"""The board report: a scope, a period, a comparison, a language and sections in, a PDF,
PowerPoint deck or Excel workbook out. Content is built from the catalogue (pulse.report.build);
the files are written by pulse.export (pdf, slides, workbook).

    report = build(store, Request(Filter(period="last_quarter", cities=("SZ",)), lang="zh"))
    data = write(report, "pdf")
"""

from __future__ import annotations

from collections.abc import Callable

from pulse.report.build import SECTIONS, EmptyStoreError, build, preview, register
from pulse.report.model import FORMATS, SECTION_IDS, Chart, Report, Request, Section, Table

MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

__all__ = [
    "FORMATS",
    "MIME",
    "SECTIONS",
    "SECTION_IDS",
    "Chart",
    "EmptyStoreError",
    "Report",
    "Request",
    "Section",
    "Table",
    "build",
    "preview",
    "register",
    "write",
]


def write(report: Report, kind: str, *, progress: Callable[[float, str], None] | None = None):
    """The report as PDF, PPTX or XLSX bytes; `progress(fraction, text)` follows the charts."""
    if kind == "pdf":
        from pulse.report import pdf

        return pdf.write(report, progress=progress)
    if kind == "pptx":
        from pulse.report import slides

        return slides.write(report, progress=progress)
    if kind == "xlsx":
        from pulse.report import workbook

        return workbook.write(report)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {kind!r}")
