"""Tables that fit their box at 1440 px: the name column pinned, narrow columns keep their
full header as a tooltip, text too long for its narrowed column wraps onto taller rows (in a
short table), and the columns that still do not fit move to a "more columns" table below
instead of running off the right edge."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

# The width a full-width table has at 1440 x 900 with the sidebar open (the grid measures
# about 980 px there; a little is kept for the row selector and the scroll bar).
PAGE_PX = 940
NAME_PX = 240  # the pinned name column never takes more than this
MIN_PX = 90  # narrower than this "12.3 (1.4k)" is cut: fewer, readable columns instead
CHAR_PX = 7.4  # one Latin character in the grid's 14 px font; a CJK one counts twice
PAD_PX = 26  # the cell's padding and the header's menu icon
# Streamlit wraps a cell's text only in rows taller than 4rem (64 px); a wrapped line of the
# grid's 14 px font takes about LINE_PX
WRAP_MIN_PX = 65
LINE_PX = 20
WRAP_LINES = 3  # more lines than this and the row is cut; a click on it shows the whole text
WRAP_ROWS = 30  # a longer table is a list scanned a line at a time: its rows stay one line
WRAP_SHOWN = 9  # a table of wrapped rows is made tall enough for this many
HEADER_PX = 38  # the grid's header row and borders
# cell_px's widths: a letter or digit of the 14 px font, and the thin marks (measured on
# screenshots: "90.8 (101k)" takes 58 px, a CJK character 14)
NARROW_CHAR_PX = 7.0
THIN_CHAR_PX = 3.8
CELL_PAD_PX = 17  # a cell's padding, 8.5 px each side
_THIN = frozenset(" .,:;'()[]|!ijlrtf")
INDEX = "_index"  # Streamlit's column_config name for the index
# a number written as text by pulse.ui.format ("3,853,634", "97.2%", "-1.3"): set right
NUMBER_TEXT = re.compile(r"^[+\-−]?\d[\d,.]*\s?%?$")


@dataclass
class Layout:
    """How one table is drawn: its column settings, which columns it shows, which moved."""

    config: dict = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    row_height: int | None = None  # taller rows, so text cut by a narrowed column wraps


def text_px(text: str) -> float:
    """The width of a text in the grid's font, wide (CJK) characters counted twice."""
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return (len(text) + wide) * CHAR_PX + PAD_PX


def natural_px(column: pd.Series, header: str) -> float:
    """The width a column asks for: its header or its longest value (the first 200 rows)."""
    return max(text_px(str(header)), values_px(column))


def values_px(column: pd.Series, measure=text_px) -> float:
    """The width the longest of a column's first 200 values takes (measured by `measure`)."""
    cells = column.head(200).tolist()  # plain values, not a Series.map per cell
    return max((measure("" if v is None else str(v)) for v in cells), default=0.0)


def cell_px(text: str) -> float:
    """A closer guess of a cell's width than text_px (which sizes columns generously):
    what the grid's font takes for each kind of character, and the cell's padding only.
    It decides whether a value is cut, so rows do not wrap for text that fits."""
    width = CELL_PAD_PX
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            width += 2 * NARROW_CHAR_PX
        elif ch in _THIN:
            width += THIN_CHAR_PX
        else:
            width += NARROW_CHAR_PX
    return width


def layout(
    frame: pd.DataFrame,
    room: float,
    with_index: bool,
    config: dict,
    order: list | None = None,
    whole: tuple[str, ...] = (),
) -> Layout:
    """Fit `frame` into `room` of the page's width. The name column (the index when shown,
    else the column the caller pinned, else the first) is pinned. A column that needs less
    than MIN_PX keeps what it needs, and a column in `whole` (the one a table is ranked on)
    its full width, up to half the room; the others are narrowed to a fair share with their
    header as a tooltip, and the columns that cannot keep MIN_PX are moved out, the last
    first. `config` is the caller's column_config (its labels and formats are kept) and
    `order` its column_order."""
    budget = PAGE_PX * room
    columns = [str(c) for c in (order if order is not None else frame.columns)]
    # what a column shows: a link column with fixed words shows them, not its addresses
    labels = {c: text for c in columns if (text := _link_text(config.get(c)))}
    drawn = {c: pd.Series([labels[c]]) if c in labels else frame[c] for c in columns}
    wants = {c: natural_px(drawn[c], c) for c in columns}
    pinned = [c for c in columns if isinstance(config.get(c), dict) and config[c].get("pinned")]
    name = INDEX if with_index else (pinned or [_name_column(frame, columns)])[0]
    if with_index:
        index = pd.Series(frame.index.map(str), index=frame.index)
        wants[INDEX] = natural_px(index, frame.index.name or "")
    result = Layout(config=dict(config), shown=list(columns))
    for column in columns:  # counts written as text line up on the right as numbers do
        if _number_text(frame[column]) and not _aligned(config.get(column)):
            result.config[column] = _merge(config.get(column), alignment="right")
    if name is None:
        return result
    # the pinned name gets the width its longest name needs: sized by the grid, a long
    # Chinese hall name lost its last character
    name_px = min(wants[name], NAME_PX)
    result.config[name] = _merge(result.config.get(name), pinned=True, width=int(name_px))
    if sum(wants.values()) <= budget:
        return result
    rest = [c for c in columns if c != name]
    room_left = budget - name_px
    # the width each column keeps whatever the others get: its own when that is less than
    # MIN_PX (a rank, a short count), when the caller wants it whole or when it is a link's
    # fixed words (a label, not data), else MIN_PX
    fixed = {c: min(wants[c], room_left / 2) for c in rest if c in whole or c in labels}
    fixed.update({c: wants[c] for c in rest if wants[c] < MIN_PX})
    keep, needed = [], 0.0
    for column in rest:  # in the caller's order, while the columns' least widths fit
        least = fixed.get(column, MIN_PX)
        if keep and needed + least > room_left:
            break
        keep.append(column)
        needed += least
    result.shown = ([] if with_index else [name]) + keep
    if not with_index:  # the pinned column keeps its place in the order
        result.shown = [c for c in columns if c in set(result.shown)]
    result.moved = rest[len(keep) :]
    widths = {c: math.ceil(fixed[c]) for c in keep if c in fixed}
    room_left -= sum(widths.values())
    # water-filling: narrow columns take what they need, the wide share what is left
    shared = sorted((c for c in keep if c not in fixed), key=wants.get)
    for i, column in enumerate(shared):
        widths[column] = int(max(MIN_PX, min(wants[column], room_left / (len(shared) - i))))
        room_left -= widths[column]
    lines = 1 if with_index else _lines(frame[name], wants[name], name_px)
    for column, width in widths.items():
        header = column if text_px(column) > width else None
        result.config[column] = _merge(
            result.config.get(column), pinned=False, width=width, help=header
        )
        lines = max(lines, _lines(drawn[column], wants[column], width))
    if lines > 1 and len(frame) <= WRAP_ROWS:
        lines = min(lines, WRAP_LINES)
        result.row_height = max(WRAP_MIN_PX, lines * LINE_PX + 8)
    return result


def _link_text(setting) -> str | None:
    """The fixed words a link column shows instead of its addresses (None for a regular
    expression's match, which is as long as the address)."""
    kind = setting.get("type_config") if isinstance(setting, dict) else None
    text = (kind or {}).get("display_text")
    return text if text and "(" not in text else None


def _lines(column: pd.Series, wanted: float, width: float) -> int:
    """The lines a column's longest text takes at `width`: one when the column got the width
    it asked for (text_px never measures less than cell_px), or holds numbers (drawn whole,
    or by the caller's format), without measuring its values a second time."""
    if width >= wanted or not _text(column):
        return 1
    return wrapped_lines(values_px(column, cell_px), width)


def wrapped_lines(text: float, width: float) -> int:
    """How many lines a cell `text` px wide (padding included, as cell_px counts it) takes
    in a column `width` px wide."""
    if text <= width:
        return 1
    return math.ceil((text - CELL_PAD_PX) / max(width - CELL_PAD_PX, 1.0))


def _text(column: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)


def _number_text(column: pd.Series) -> bool:
    """A column of text that holds only numbers (as pulse.ui.format writes them)."""
    if not _text(column):
        return False
    values = [v for v in _present(column, 200) if v != ""]
    return bool(values) and all(NUMBER_TEXT.fullmatch(v) for v in values)


def _aligned(setting) -> bool:
    return isinstance(setting, dict) and bool(setting.get("alignment"))


def _name_column(frame: pd.DataFrame, columns: list[str]) -> str | None:
    """The column that names the rows: the first that holds words, not numbers (a rank or
    an n before the name is not it); else the first."""
    for column in columns:
        values = _present(frame[column], 50)
        if values and not any(_is_number(v) for v in values):
            return column
    return columns[0] if columns else None


def _present(column: pd.Series, k: int) -> list[str]:
    """The first k values that are not missing, as text. Read as plain values, a slice at a
    time: the pandas steps (dropna, head, astype, str) took 17 of a small table's 30 ms (a
    21 x 12 table), and a records table's whole column as a list is thousands of values."""
    out = []
    step = max(4 * k, 64)
    for start in range(0, len(column), step):
        for value in column.iloc[start : start + step].tolist():
            if not pd.isna(value):
                out.append(str(value))
                if len(out) == k:
                    return out
    return out


def _is_number(text: str) -> bool:
    """Text that reads as a number once its thousands commas are gone (as pd.to_numeric
    reads it: no underscores, and "nan" is not a number)."""
    if "_" in text:
        return False
    try:
        return not math.isnan(float(text.replace(",", "")))
    except ValueError:
        return False


def _merge(setting, **extra):
    """The caller's column setting (a label, a config dict or None) with the fitted width,
    pinning and tooltip laid over it."""
    extra = {k: v for k, v in extra.items() if v is not None}
    if setting is None:
        return st.column_config.Column(**extra)
    if isinstance(setting, str):
        return st.column_config.Column(setting, **extra)
    merged = dict(setting)
    if "help" in extra and merged.get("help"):
        extra.pop("help")
    merged.update(extra)
    return merged
