"""A report as an Excel workbook: a contents sheet, then one sheet per chart and table with
every number behind it (value, interval, n, comparison, target, in the catalogue's units,
typed and formatted), each sheet headed by its title, headline, filter and definition, and the
definitions of every metric at the end."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from pulse.export import tables
from pulse.report.model import Report
from pulse.report.pdf import stamp_line


def sheet_names(report: Report) -> list[str]:
    """The sheet of each chart and table, in report order: '2.3 Satisfaction index by …'."""
    names, seen = [], set()
    for i, section in enumerate(report.sections, start=1):
        for j, block in enumerate(section.blocks, start=1):
            base = tables.sheet_title(f"{i}.{j} {block.title}")
            name, k = base, 2
            while name.lower() in seen:
                suffix = f" ({k})"
                name, k = base[: 31 - len(suffix)] + suffix, k + 1
            seen.add(name.lower())
            names.append(name)
    return names


def write(report: Report) -> bytes:
    """The report as XLSX bytes."""
    labels = report.labels
    book = Workbook(write_only=True)
    blocks = report.blocks()
    names = sheet_names(report)
    contents = pd.DataFrame(
        {
            labels["workbook_sheet"]: names,
            labels["workbook_block"]: [f"{s.title} · {b.title}" for s, b in blocks],
            labels["workbook_headline"]: [b.headline for _, b in blocks],
        }
    )
    heading = [
        report.title,
        report.caption,
        f"{labels['as_of']} {report.as_of.isoformat()} · "
        f"{labels['generated']} {report.generated_at:%Y-%m-%d %H:%M}",
    ]
    tables.write_sheet(
        book.create_sheet(tables.sheet_title(labels["contents"])), contents, heading=heading
    )
    for name, (_, block) in zip(names, blocks, strict=True):
        heading = [block.title, block.headline, block.stamp.caption, stamp_line(block.stamp)]
        tables.write_sheet(
            book.create_sheet(name),
            block.data,
            heading=[line for line in heading if line],
            formats=block.formats,
        )
    if not report.definitions.empty:
        tables.write_sheet(
            book.create_sheet(tables.sheet_title(labels["definitions"])),
            report.definitions,
            heading=[labels["definitions"], report.caption],
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
