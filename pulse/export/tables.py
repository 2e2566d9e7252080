"""Tables as files: CSV with a byte-order mark so spreadsheet programs read Chinese, and XLSX
with typed numbers and dates, number formats, the caption on top, a frozen header and fitted
column widths. Text that a spreadsheet would read as a formula (starting with = + - @, a tab
or a carriage return) is neutralised, so a complaint's text can never run as one. Control
characters that an XLSX file cannot hold (NUL, U+0001, vertical tab...; not tab, newline or
carriage return) are dropped from XLSX text; the loader keeps them out of the store, but a
table may also show text from elsewhere."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pulse.export.theme import width_of

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# number formats by name; callers may also pass an Excel format string
FORMATS = {
    "int": "#,##0",
    "num1": "#,##0.0",
    "num2": "#,##0.00",
    "num4": "0.0000",
    "pct1": "0.0%",
    "points": "+0.0;-0.0;0.0",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm:ss",
    "text": "@",
}
_HEADER_FILL = PatternFill("solid", fgColor="E4E7EB")
_MAX_WIDTH, _MIN_WIDTH, _SAMPLE = 60, 8, 500


def is_formula_like(value) -> bool:
    """True for text a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralise(value):
    """Text that starts like a formula, prefixed with an apostrophe (the CSV convention);
    every other value unchanged."""
    return "'" + value if is_formula_like(value) else value


def xlsx_text(text: str) -> str:
    """Text without the control characters an XLSX file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def plain_frame(frame) -> pd.DataFrame:
    """A DataFrame from a frame or a Styler, with a meaningful index kept as columns."""
    if not isinstance(frame, pd.DataFrame):  # a Styler: its data
        frame = frame.data
    if not isinstance(frame.index, pd.RangeIndex) or any(frame.index.names):
        frame = frame.reset_index()
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    return frame


def to_csv(frame, stamp: str = "") -> bytes:
    """UTF-8 CSV with a byte-order mark and CRLF line ends; formula-like text neutralised.
    A stamp (who made it, under which scope) is the last line, after the table's rows."""
    out = plain_frame(frame)
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    # CRLF line ends (RFC 4180) also make the writer quote any field holding a CR or LF
    text = out.to_csv(index=False, lineterminator="\r\n")
    if stamp:
        text += pd.DataFrame([[neutralise(stamp)]]).to_csv(
            index=False, header=False, lineterminator="\r\n"
        )
    return text.encode("utf-8-sig")


def to_xlsx(
    frame,
    caption: str = "",
    sheet: str = "data",
    *,
    title: str = "",
    notes: Sequence[str] = (),
    formats: dict[str, str] | None = None,
) -> bytes:
    """One table as an XLSX workbook: title, caption and notes on top, then the table."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet_title(sheet))
    heading = [line for line in (title, caption, *notes) if line]
    write_sheet(ws, plain_frame(frame), heading=heading, formats=formats)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_title(name: str) -> str:
    """A legal sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in xlsx_text(name))
    cleaned = cleaned.strip("'") or "data"
    return cleaned[:31]


def write_sheet(
    ws,
    frame: pd.DataFrame,
    *,
    heading: Sequence[str] = (),
    formats: dict[str, str | Sequence[str]] | None = None,
) -> None:
    """Write a table to a write-only worksheet: heading lines (the first bold), a blank row,
    the header (frozen), then typed rows. `formats` maps a column to a format name or Excel
    format string, or to one per row; other columns get one from their type."""
    formats = formats or {}
    columns = list(frame.columns)
    column_formats = [_format_for(frame[c], formats.get(c)) for c in columns]
    _set_widths(ws, frame, columns)
    header_row = len(heading) + (2 if heading else 1)
    ws.freeze_panes = f"A{header_row + 1}"
    for i, line in enumerate(heading):
        cell = _text_cell(ws, line)
        cell.font = Font(bold=True, size=13) if i == 0 else Font(color="52606D")
        ws.append([cell])
    if heading:
        ws.append([])
    header = []
    for c in columns:
        cell = _text_cell(ws, c)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    ws.append(header)
    values = [frame[c].tolist() for c in columns]
    for r in range(len(frame)):
        row = []
        for j in range(len(columns)):
            value = _cell_value(values[j][r])
            if isinstance(value, str):
                row.append(_text_cell(ws, value))
                continue
            cell = WriteOnlyCell(ws, value)
            number_format = column_formats[j]
            if not isinstance(number_format, str) and number_format is not None:
                number_format = number_format[r]
            if value is not None and number_format:
                cell.number_format = FORMATS.get(number_format, number_format)
            row.append(cell)
        ws.append(row)


def _text_cell(ws, text: str) -> WriteOnlyCell:
    """A text cell that stays text: formula-like text keeps its characters but is stored as a
    string marked with Excel's quote prefix, never as a formula."""
    text = xlsx_text(text)
    cell = WriteOnlyCell(ws, text)
    if is_formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _cell_value(value):
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None) if value.tzinfo else value
        return value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (pd.Timedelta, dt.timedelta)):
        return pd.Timedelta(value).total_seconds()
    return str(value)


def _format_for(series: pd.Series, given):
    if given is not None:
        return given
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        finite = series.replace([np.inf, -np.inf], np.nan).dropna()
        whole = len(finite) and bool((finite == finite.round()).all())
        if whole:
            return "int"
        return "num4" if len(finite) and finite.abs().max() < 1 else "num2"
    if pd.api.types.is_datetime64_any_dtype(series):
        times = series.dropna()
        midnight = len(times) and bool((times == times.dt.normalize()).all())
        return "date" if midnight else "datetime"
    sample = series.dropna().head(50)
    if len(sample) and all(
        isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in sample
    ):
        return "date"
    if len(sample) and all(isinstance(v, (dt.datetime, pd.Timestamp)) for v in sample):
        return "datetime"
    return None


def _set_widths(ws, frame: pd.DataFrame, columns: list[str]) -> None:
    for i, column in enumerate(columns, start=1):
        texts = [str(column), *(_shown(v) for v in frame[column].head(_SAMPLE).tolist())]
        width = max((width_of(t) for t in texts), default=_MIN_WIDTH)
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(_MAX_WIDTH, max(_MIN_WIDTH, width + 2))


def _shown(value) -> str:
    value = _cell_value(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, dt.datetime):
        return "2026-10-31 23:59:59"
    if isinstance(value, dt.date):
        return "2026-10-31"
    return str(value)
