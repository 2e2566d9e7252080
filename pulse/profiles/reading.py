"""Read an export as text columns: CSV with any delimiter, TSV, TXT, XLSX and Parquet; the
encoding, delimiter and header found, and a message a person can act on when a file cannot be
read (wrong encoding, a tab-separated file named .csv, empty, truncated or binary files)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pulse import sql
from pulse.profiles import expr

TEXT_KINDS = ("csv", "tsv", "txt")
KINDS = (*TEXT_KINDS, "xlsx", "parquet")
DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "bar"}
ENCODINGS = ("utf-8", "gb18030")
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_RULE = "(only tab, newline and carriage return are allowed in text)"


class ReadError(Exception):
    """A file that cannot be read as a table; the message says why and what to change."""


@dataclass(frozen=True)
class FileOptions:
    """How a source system writes its file; None means: find out from the file."""

    format: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    header_row: int = 1
    sheet: str | None = None


@dataclass(frozen=True)
class Found:
    """What was found or used to read a file."""

    format: str
    encoding: str | None
    delimiter: str | None
    columns: tuple[str, ...]


def read(path: Path, options: FileOptions = FileOptions()) -> tuple[pd.DataFrame, Found]:
    """The file's rows as text (None for empty cells), with `_row` the 1-based data row."""
    kind = (options.format or path.suffix.lower().lstrip(".")).lower()
    if kind not in KINDS:
        raise ReadError(f"{path.name}: cannot read .{kind} files; formats: {', '.join(KINDS)}")
    if kind == "xlsx":
        frame, found = _read_xlsx(path, options), Found("xlsx", None, None, ())
    elif kind == "parquet":
        frame, found = _read_parquet(path), Found("parquet", None, None, ())
    else:
        frame, found = _read_text(path, kind, options)
    frame = _with_row_numbers(frame)
    return frame, Found(found.format, found.encoding, found.delimiter, tuple(frame.columns[1:]))


def control_characters(frame: pd.DataFrame) -> pd.Series:
    """Per row, the columns holding a control character (NUL, bell ...), '' when none:
    such text breaks the XLSX export later, so the row is rejected."""
    found = pd.Series("", index=frame.index, dtype=object)
    for name in frame.columns:
        if name == "_row" or not expr.is_text_series(frame[name]):
            continue
        first = frame[name].str.extract(f"({_CONTROL})", expand=False)
        hit = first.notna()
        # the words of the loader's own check (queries/load/validate.sql.j2), so a row reads alike
        said = first[hit].map(
            lambda c, name=name: f"{name}: holds the control character U+{ord(c):04X} {_RULE}; "
        )
        found = found.where(~hit, found + said.reindex(found.index, fill_value=""))
    return found.str.rstrip("; ")


def _with_row_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.insert(0, "_row", range(1, len(frame) + 1))
    return frame


def _read_text(path: Path, kind: str, options: FileOptions) -> tuple[pd.DataFrame, Found]:
    raw = path.read_bytes()
    _refuse_non_text(path, raw)
    text, encoding = _decode(path, raw, options.encoding)
    lines = text.splitlines()
    skip = max(options.header_row, 1) - 1
    if len(lines) <= skip or not lines[skip].strip():
        raise ReadError(f"{path.name}: no header on line {skip + 1}; the file holds no columns")
    header_line = lines[skip]
    delimiter = options.delimiter or ("\t" if kind == "tsv" else _sniff(header_line))
    if delimiter not in header_line and len(header_line.split()) >= 1:
        likely = _sniff(header_line)
        if likely != delimiter and likely in header_line:
            raise ReadError(
                f"{path.name}: the header holds no {DELIMITERS.get(delimiter, repr(delimiter))} "
                f"but {header_line.count(likely)} {DELIMITERS[likely]}s: the delimiter looks "
                f"like a {DELIMITERS[likely]} (say delimiter = {likely!r} in the profile)"
            )
    rows = _split(path, text, delimiter, skip)
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    _check_header(path, header)
    data = rows[1:]
    return (
        pd.DataFrame(data, columns=header, dtype=object).replace({"": None}),
        Found(kind, encoding, delimiter, tuple(header)),
    )


def _refuse_non_text(path: Path, raw: bytes) -> None:
    if not raw.strip():
        raise ReadError(f"{path.name}: the file is empty ({len(raw)} bytes)")
    if raw[:4] == b"PK\x03\x04":
        raise ReadError(f"{path.name}: is a zip or XLSX workbook, not a text export")
    if raw[:4] == b"PAR1":
        raise ReadError(f"{path.name}: is a Parquet file, not a text export")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ReadError(f"{path.name}: is UTF-16; save it as UTF-8 or GB18030")
    head = raw[:65536]
    nul = head.find(b"\x00")
    # a stray NUL in a comment is a bad row (rejected with its number); many are a binary file
    control = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    if head.count(b"\x00") > max(8, len(head) // 100) or control > len(head) // 10:
        raise ReadError(
            f"{path.name}: holds binary data (a NUL byte at offset {nul}), not a text export"
        )


def _decode(path: Path, raw: bytes, encoding: str | None) -> tuple[str, str]:
    tried = [encoding] if encoding else list(ENCODINGS)
    first_error = None
    for name in tried:
        codec = "utf-8-sig" if name.lower().replace("_", "-") in ("utf-8", "utf8") else name
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as err:
            first_error = first_error or (name, err)
            continue
        except LookupError as err:
            raise ReadError(f"{path.name}: unknown encoding {name!r}") from err
        found = "utf-8 with BOM" if codec == "utf-8-sig" and raw[:3] == b"\xef\xbb\xbf" else name
        return text, found
    name, err = first_error
    line = raw[: err.start].count(b"\n") + 1
    bad = raw[err.start : err.start + 2].hex(" ")
    hint = ""
    if encoding:
        others = [e for e in ENCODINGS if e != encoding.lower()]
        readable = [e for e in others if _decodes(raw, e)]
        if readable:
            hint = f"; it reads as {readable[0]} (say encoding = {readable[0]!r})"
    else:
        name = " nor ".join(ENCODINGS)
        hint = "; save it as UTF-8 or name its encoding in the profile"
    return_line = f"line {line}, offset {err.start}"
    raise ReadError(
        f"{path.name}: the file is not {name}: bytes {bad} on {return_line} cannot be read{hint}"
    )


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _sniff(line: str) -> str:
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _split(path: Path, text: str, delimiter: str, skip: int) -> list[list[str]]:
    """Rows as lists of fields. A quoted field may hold line ends (a bare CR too); a row with
    the wrong number of fields refuses the file with its line number."""
    handle = io.StringIO(text, newline="")
    for _ in range(skip):
        handle.readline()
    reader = csv.reader(handle, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    rows: list[list[str]] = []
    width = None
    line = skip
    try:
        for row in reader:
            if not row or row == [""]:
                line = reader.line_num + skip
                continue
            if width is None:
                width = len(row)
            elif len(row) != width:
                last = handle.tell() >= len(text)
                why = " (the file looks truncated)" if last and len(row) < width else ""
                raise ReadError(
                    f"{path.name}: cannot be read as CSV: line {reader.line_num + skip} has "
                    f"{len(row)} fields where the header has {width}{why}"
                )
            rows.append(row)
            line = reader.line_num + skip
    except csv.Error as err:
        raise ReadError(
            f"{path.name}: cannot be read as CSV: after line {line}: {err}; a quoted field is "
            "never closed or a quote sits inside an unquoted field (the file may be truncated)"
        ) from err
    return rows


def _check_header(path: Path, header: list[str]) -> None:
    empty = [str(i + 1) for i, h in enumerate(header) if not h]
    if empty:
        raise ReadError(f"{path.name}: header column(s) {', '.join(empty)} have no name")
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise ReadError(f"{path.name}: the header names {', '.join(twice)} twice")


def _read_xlsx(path: Path, options: FileOptions) -> pd.DataFrame:
    try:
        # calamine reads a million-row sheet in seconds where openpyxl takes minutes
        book = pd.ExcelFile(path, engine="calamine")
    except Exception as err:  # the reader raises many kinds for a file that is not a workbook
        raise ReadError(f"{path.name}: is not an XLSX workbook ({type(err).__name__})") from err
    with book:
        sheet = options.sheet if options.sheet is not None else book.sheet_names[0]
        if sheet not in book.sheet_names:
            raise ReadError(
                f"{path.name}: no sheet {sheet!r}; sheets: {', '.join(book.sheet_names)}"
            )
        frame = pd.read_excel(book, sheet_name=sheet, header=options.header_row - 1, dtype=object)
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_header(path, [c if not c.startswith("Unnamed: ") else "" for c in frame.columns])
    return frame.map(_cell_text).astype(object)


def _cell_text(value):
    """A cell as the text a CSV export would hold: dates ISO, whole numbers without ".0"."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):  # a duration cell: H:MM:SS, as the hms() rule reads
        seconds = round(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        with duckdb.connect() as con:
            return con.execute(sql.text("load/read_parquet_text"), {"path": str(path)}).df()
    except duckdb.Error as err:
        first_line = str(err).strip().splitlines()[0]
        raise ReadError(f"{path.name}: cannot be read as PARQUET: {first_line}") from err
