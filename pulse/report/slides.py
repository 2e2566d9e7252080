"""A report as a PowerPoint deck (python-pptx): a cover, a slide per section with its summary,
one chart per slide under its headline sentence, tables as native PowerPoint tables split over
as many slides as they need, and every definition, n and data date in the speaker notes."""

from __future__ import annotations

import io
from collections.abc import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from pulse.export import images
from pulse.export.theme import Stamp, width_of
from pulse.report.model import Chart, Report, Section, Table
from pulse.report.pdf import stamp_line

WIDE, HIGH = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY, TITLE_SLIDE = 5, 0  # layouts of python-pptx's default template
ROWS_PER_SLIDE = 12
IMAGE_W, IMAGE_H, IMAGE_SCALE = 1300, 580, 2
INK, MUTED = RGBColor(0x1F, 0x29, 0x33), RGBColor(0x52, 0x60, 0x6D)
HEADER_FILL = RGBColor(0xE4, 0xE7, 0xEB)
FILLS = {
    "green": RGBColor(0xDC, 0xF3, 0xE3),
    "amber": RGBColor(0xFF, 0xF1, 0xCC),
    "red": RGBColor(0xFB, 0xDA, 0xDA),
}
FONT = "Noto Sans CJK SC"


def write(report: Report, progress: Callable[[float, str], None] | None = None) -> bytes:
    """The report as PPTX bytes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE, HIGH
    _cover(deck, report)
    charts = report.charts()
    done = 0
    for section in report.sections:
        _section_slide(deck, section, report)
        for block in section.blocks:
            if isinstance(block, Chart):
                if progress:
                    progress(done / max(len(charts), 1), block.title)
                _chart_slide(deck, block, report)
                done += 1
            else:
                _table_slides(deck, block, report)
    if not report.definitions.empty:
        _definition_slides(deck, report)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _cover(deck, report: Report) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    _set(slide.shapes.title.text_frame, report.title, size=40, bold=True)
    labels = report.labels
    _set(
        slide.placeholders[1].text_frame,
        f"{report.caption}\n{labels['as_of']} {report.as_of.isoformat()} · "
        f"{labels['generated']} {report.generated_at:%Y-%m-%d %H:%M}",
        size=18,
        color=MUTED,
    )
    slide.notes_slide.notes_text_frame.text = f"{report.title}\n{report.caption}"


def _titled(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        MARGIN,
        Inches(0.3),
        WIDE - 2 * MARGIN,
        Inches(0.8),
    )
    _set(shape.text_frame, title, size=26, bold=True)
    return slide


def _section_slide(deck, section: Section, report: Report) -> None:
    slide = _titled(deck, section.title)
    lines = section.summary or [section.empty or report.labels["nothing"]]
    box = slide.shapes.add_textbox(MARGIN, Inches(1.4), WIDE - 2 * MARGIN, Inches(5.5))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = f"•  {line}"
        paragraph.space_after = Pt(10)
        _style(paragraph, size=18)
    slide.notes_slide.notes_text_frame.text = "\n".join([report.caption, *lines])


def _chart_slide(deck, chart: Chart, report: Report) -> None:
    slide = _titled(deck, chart.title)
    headline = slide.shapes.add_textbox(MARGIN, Inches(1.05), WIDE - 2 * MARGIN, Inches(0.9))
    headline.text_frame.word_wrap = True
    _set(headline.text_frame, chart.headline, size=14, color=INK)
    # the slide carries the title; the image keeps the rest of its stamp
    stamp = Stamp(
        "",
        chart.stamp.caption,
        chart.stamp.n,
        chart.stamp.as_of,
        chart.stamp.definition,
        chart.stamp.notes,
    )
    png = images.render(
        chart.figure, "png", stamp, width=IMAGE_W, height=IMAGE_H, scale=IMAGE_SCALE
    )
    box_w, box_h = WIDE - 2 * MARGIN, HIGH - Inches(2.05) - Inches(0.25)
    ratio = IMAGE_W / IMAGE_H
    width = min(box_w, Emu(int(box_h * ratio)))
    height = Emu(int(width / ratio))
    slide.shapes.add_picture(io.BytesIO(png), (WIDE - width) // 2, Inches(2.05), width, height)
    slide.notes_slide.notes_text_frame.text = _notes(chart.headline, chart.stamp, report)


def _notes(headline: str, stamp: Stamp, report: Report) -> str:
    lines = [headline, "", f"{report.labels['notes_heading']}:", stamp.definition]
    lines += [p for p in (stamp.n, stamp.caption, stamp.as_of, *stamp.notes) if p]
    return "\n".join(line for line in lines if line is not None)


def _table_slides(deck, table: Table, report: Report) -> None:
    frame = table.display
    chunks = [
        frame.iloc[i : i + ROWS_PER_SLIDE] for i in range(0, max(len(frame), 1), ROWS_PER_SLIDE)
    ]
    for page, chunk in enumerate(chunks):
        title = table.title if page == 0 else f"{table.title} ({report.labels['continued']})"
        slide = _titled(deck, title)
        top = Inches(1.15)
        if table.headline and page == 0:
            box = slide.shapes.add_textbox(MARGIN, Inches(1.05), WIDE - 2 * MARGIN, Inches(0.6))
            box.text_frame.word_wrap = True
            _set(box.text_frame, table.headline, size=14)
            top = Inches(1.7)
        if chunk.empty:
            box = slide.shapes.add_textbox(MARGIN, top, WIDE - 2 * MARGIN, Inches(1))
            _set(box.text_frame, report.labels["nothing"], size=16, color=MUTED)
        else:
            _native_table(slide, chunk, table, page * ROWS_PER_SLIDE, top)
        note = slide.shapes.add_textbox(MARGIN, HIGH - Inches(0.75), WIDE - 2 * MARGIN, Inches(0.6))
        note.text_frame.word_wrap = True
        _set(note.text_frame, stamp_line(table.stamp), size=10, color=MUTED)
        slide.notes_slide.notes_text_frame.text = _notes(table.headline, table.stamp, report)


def _native_table(slide, chunk, table: Table, offset: int, top) -> None:
    rows, cols = len(chunk) + 1, len(chunk.columns)
    height = HIGH - top - Inches(0.9)
    shape = slide.shapes.add_table(
        rows, cols, MARGIN, top, WIDE - 2 * MARGIN, min(height, Inches(0.4) * rows)
    )
    grid = shape.table
    weights = [
        max(width_of(str(c)), *(min(width_of(str(v)), 40) for v in chunk[c].tolist()), 7)
        for c in chunk.columns
    ]
    total = sum(weights)
    for j, weight in enumerate(weights):
        grid.columns[j].width = Emu(int((WIDE - 2 * MARGIN) * weight / total))
    size = 12 if cols <= 6 else 10 if cols <= 9 else 9
    for j, column in enumerate(chunk.columns):
        cell = grid.cell(0, j)
        cell.fill.solid()
        cell.fill.fore_color.rgb = HEADER_FILL
        _set(cell.text_frame, str(column), size=size, bold=True)
    for i, row in enumerate(chunk.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            cell = grid.cell(i, j)
            status = _status(table, offset + i - 1, j)
            cell.fill.solid()
            cell.fill.fore_color.rgb = FILLS.get(status, RGBColor(0xFF, 0xFF, 0xFF))
            _set(
                cell.text_frame, str(value), size=size, color=MUTED if status == "unknown" else INK
            )


def _status(table: Table, row: int, column: int) -> str:
    status = table.status
    if status is None or row >= len(status) or column >= status.shape[1]:
        return ""
    return str(status.iat[row, column] or "")


def _definition_slides(deck, report: Report) -> None:
    frame = report.definitions.drop(columns="metric_id")
    definitions = Table(
        key="definitions",
        title=report.labels["definitions"],
        headline="",
        display=frame,
        stamp=Stamp(report.labels["definitions"], report.caption),
        data=frame,
    )
    for i in range(0, len(frame), 6):
        part = Table(**{**definitions.__dict__, "display": frame.iloc[i : i + 6]})
        if i:
            part.title = f"{report.labels['definitions']} ({report.labels['continued']})"
        slide = _titled(deck, part.title)
        _native_table(slide, part.display, part, 0, Inches(1.2))
        slide.notes_slide.notes_text_frame.text = report.caption


def _set(frame, text: str, *, size: int, bold: bool = False, color: RGBColor = INK) -> None:
    frame.text = text
    for paragraph in frame.paragraphs:
        _style(paragraph, size=size, bold=bold, color=color)


def _style(paragraph, *, size: int, bold: bool = False, color: RGBColor = INK) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = color
