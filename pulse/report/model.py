"""What a report is made of, independent of the file it becomes: sections of charts and
tables, each with its headline sentence, its stamp and the typed numbers behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from pulse import access, filters
from pulse.export.theme import Stamp

SECTION_IDS = ("overview", "surveys", "queues", "hotline", "complaints", "benchmarks")
FORMATS = ("pdf", "pptx", "xlsx")


@dataclass(frozen=True)
class Request:
    """What to report on: the filter (scope, period, comparison, segment ...), the language
    and the sections, in order."""

    filter: filters.Filter
    lang: str = "en"
    sections: tuple[str, ...] = SECTION_IDS
    # who asks: the filter already holds their scope; the files are stamped with it (None: a
    # command run without --as, for the whole company)
    user: access.User | None = None

    def __post_init__(self):
        unknown = [s for s in self.sections if s not in SECTION_IDS]
        if unknown:
            raise ValueError(
                f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTION_IDS)}"
            )
        if not self.sections:
            raise ValueError("choose at least one section")
        if self.lang not in ("en", "zh"):
            raise ValueError(f"language must be en or zh, not {self.lang!r}")


@dataclass
class Chart:
    """One chart: a slide of its own in PPTX, a figure in the PDF, a sheet in the workbook."""

    key: str  # stable id, e.g. "queues.trend.queue_within_10min"
    title: str
    headline: str  # the sentence that says what the chart shows
    figure: go.Figure
    stamp: Stamp
    data: pd.DataFrame  # the numbers behind the chart, each with n and interval
    formats: dict = field(default_factory=dict)  # XLSX number formats of `data`


@dataclass
class Table:
    """One table: shown as `display` (worded cells), exported as `data` (typed cells)."""

    key: str
    title: str
    headline: str
    display: pd.DataFrame
    stamp: Stamp
    data: pd.DataFrame
    formats: dict = field(default_factory=dict)
    status: pd.DataFrame | None = None  # per display cell: green, amber, red, unknown or ""


Block = Chart | Table


@dataclass
class Section:
    """A chapter of the report."""

    key: str
    title: str
    summary: list[str]  # sentences, most important first
    blocks: list[Block]
    empty: str = ""  # why there is nothing to show, when there is nothing


@dataclass
class Report:
    """A whole report, ready to be written as PDF, PPTX or XLSX."""

    request: Request
    title: str
    caption: str  # the filter in words
    as_of: dt.date
    generated_at: dt.datetime
    sections: list[Section]
    definitions: pd.DataFrame  # metric, definition, interval, minimum n
    labels: dict[str, str]  # fixed words the writers need, in the report's language

    @property
    def lang(self) -> str:
        """The report's language."""
        return self.request.lang

    def blocks(self) -> list[tuple[Section, Block]]:
        """Every chart and table with its section, in order."""
        return [(s, b) for s in self.sections for b in s.blocks]

    def charts(self) -> list[Chart]:
        """Every chart, in order."""
        return [b for _, b in self.blocks() if isinstance(b, Chart)]
