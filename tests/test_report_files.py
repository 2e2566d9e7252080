"""The report's files opened the way a reader's program opens them: the PDF's text (pypdf),
the deck's slides, titles, tables and notes (python-pptx), the workbook's sheets (openpyxl)."""

from __future__ import annotations

import io
import unicodedata

import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from pulse import report
from pulse.filters import Filter
from pulse.report import workbook


def _text(data: bytes) -> str:
    # the text as typed, up to Unicode compatibility (NFKC): Noto CJK shares glyphs between
    # ideographs and Kangxi radicals (月 and ⽉), so the PDF maps some back to the radical;
    # Chromium sets "fi" as a ligature; the en dash shares the figure dash glyph
    pages = PdfReader(io.BytesIO(data)).pages
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pages))
    return text.replace("‒", "–")


@pytest.fixture(scope="module")
def built(tiny):
    return report.build(tiny, report.Request(Filter(period="last_30", cities=("SZ",)), lang="en"))


@pytest.fixture(scope="module")
def pdf(built):
    return report.write(built, "pdf")


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(io.BytesIO(report.write(built, "pptx")))


def test_the_pdf_text_holds_the_title_and_the_filter_caption(built, pdf):
    text = _text(pdf)
    assert built.caption == "Shenzhen · 2 Oct – 31 Oct 2026 vs 2 Sep – 1 Oct 2026"
    assert "Service quality report" in text
    assert built.caption in text.replace("\n", " ")
    for section in (
        "1. Overview",
        "2. Surveys",
        "3. Business-hall queues",
        "4. Hotline",
        "5. Complaints",
        "6. Benchmarks",
        "Definitions",
    ):
        assert section in text, section


def test_the_pdf_charts_are_vector_text_not_pictures(built, pdf):
    text = _text(pdf)
    for chart in built.charts():
        assert chart.title in text, chart.title  # the stamp on the chart is selectable text
    reader = PdfReader(io.BytesIO(pdf))
    pictures = sum(len(page.images) for page in reader.pages)
    assert pictures == 0


def test_the_pdf_paginates_long_tables_with_their_header_on_every_page(tiny):
    f = Filter(period="last_30")
    built = report.build(tiny, report.Request(f, sections=("queues",)))
    halls = next(b for b in built.sections[0].blocks if b.key.startswith("queues.halls"))
    halls.display = halls.display.sample(n=200, replace=True, random_state=1).reset_index(drop=True)
    halls.status = None
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(report.write(built, "pdf"))).pages]
    with_rows = [p for p in pages if "Tier" in p and "Halls furthest" not in p]
    assert len(with_rows) >= 2  # the table ran on over several pages, header repeated


def test_the_deck_has_a_slide_per_chart_with_its_title_headline_and_notes(built, deck):
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[0] == "Service quality report"
    for chart in built.charts():
        slide = deck.slides[titles.index(chart.title)]
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert chart.headline in texts
        assert sum(1 for sh in slide.shapes if sh.shape_type == 13) == 1  # one picture
        notes = slide.notes_slide.notes_text_frame.text
        assert chart.stamp.definition in notes and built.caption in notes
        assert "Data as of 2026-10-31" in notes


def test_the_deck_lists_every_section_and_table_in_order(built, deck):
    titles = [s.shapes.title.text for s in deck.slides]
    expected = ["Service quality report"]
    for section in built.sections:
        expected.append(section.title)
        expected += [b.title for b in section.blocks]
    shown = [t for t in titles if "(continued)" not in t and t != "Definitions"]
    assert shown == expected


def test_deck_tables_are_native_tables_with_the_values(built, deck):
    headline = built.sections[0].blocks[0]
    slide = next(s for s in deck.slides if s.shapes.title.text == headline.title)
    grid = next(sh for sh in slide.shapes if sh.has_table).table
    header = [grid.cell(0, j).text for j in range(len(grid.columns))]
    assert header == list(headline.display.columns)
    first = [grid.cell(1, j).text for j in range(len(grid.columns))]
    assert first == [str(v) for v in headline.display.iloc[0]]


def test_the_workbook_has_a_sheet_per_chart_and_table(built):
    book = openpyxl.load_workbook(io.BytesIO(report.write(built, "xlsx")))
    assert book.sheetnames == ["Contents", *workbook.sheet_names(built), "Definitions"]
    contents = list(book["Contents"].iter_rows(values_only=True))
    assert contents[0][0] == "Service quality report"
    assert contents[1][0] == built.caption


def test_a_chinese_report_keeps_its_chinese_text(tiny):
    built = report.build(
        tiny, report.Request(Filter(period="last_30"), lang="zh", sections=("hotline",))
    )
    text = _text(report.write(built, "pdf"))
    for words in ("服务质量报告", "全公司 · 2026年10月2日至2026年10月31日", "人工接通率（按日）"):
        assert unicodedata.normalize("NFKC", words) in text, words
    deck = Presentation(io.BytesIO(report.write(built, "pptx")))
    assert [s.shapes.title.text for s in deck.slides][:3] == [
        "服务质量报告",
        "客服热线",
        "客服热线：全部指标",
    ]
