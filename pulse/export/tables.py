"""Tables as files: CSV with a byte-order mark for spreadsheet programs, and XLSX with types,
formats, a frozen header and the filter caption. Text that a spreadsheet would read as a
formula is neutralised, so a complaint's text can never run as one."""

from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that starts like a formula with an apostrophe; leave other values alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel opens Chinese text correctly."""
    return _safe(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, caption: str = "", sheet: str = "data") -> bytes:
    """An XLSX workbook: caption on top, typed cells, frozen header, fitted column widths."""
    from openpyxl.utils import get_column_letter

    safe = _safe(frame)
    buffer = io.BytesIO()
    first_row = 2 if caption else 0
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet[:31], startrow=first_row)
        ws = writer.sheets[sheet[:31]]
        if caption:
            ws.cell(row=1, column=1, value=neutralise(caption))
        ws.freeze_panes = ws.cell(row=first_row + 2, column=1)
        for i, column in enumerate(safe.columns, start=1):
            values = [str(column), *safe[column].astype(str).head(500).tolist()]
            width = min(60, max(len(v) + sum(1 for ch in v if ord(ch) > 0x2E80) for v in values))
            ws.column_dimensions[get_column_letter(i)].width = max(8, width + 2)
            if pd.api.types.is_float_dtype(safe[column]):
                for cell in ws.iter_rows(min_row=first_row + 2, min_col=i, max_col=i):
                    cell[0].number_format = "0.000"
    return buffer.getvalue()
