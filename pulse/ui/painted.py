"""Tables whose cells carry a background colour (a status, a verdict, a cell above or below
the rest), handed to st.dataframe as a pandas Styler. Streamlit reads a Styler through
pandas' HTML rendering (`Styler._translate`), which builds a dict for every cell and then
rewrites every column with its display text: 9-20 ms for a table of 12-100 rows, on every
run, for text our tables already hold. A painted table gives Streamlit the same CSS rules
straight from the colours, and no display text of its own (every cell is text already, so
Streamlit's display values are the cells themselves): 1-2 ms.
tests/test_painted.py requires the same marshalled table as pandas' own Styler gives."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler


def painted(frame: pd.DataFrame, css: pd.DataFrame | Mapping[str, Sequence[str]]) -> Styler:
    """`frame` with each cell's CSS: a frame of the same shape, or a list per column for the
    columns painted (the others left plain), for st.dataframe only (its `to_html()` would
    write no cells). A frame with a cell that is neither text nor a whole number (pandas
    writes a float 2.500000) gets pandas' own Styler."""
    if not isinstance(css, pd.DataFrame):
        every = pd.DataFrame("", index=frame.index, columns=frame.columns, dtype=object)
        for column, declarations in css.items():
            every[column] = list(declarations)
        css = every
    css = css.fillna("").astype(object)
    styler = frame.style
    if not all(_as_itself(frame[c]) for c in frame.columns):
        return styler.apply(lambda _: css.to_numpy(), axis=None)
    # Streamlit knows a Styler by its exact type, so the table stays one and is given the
    # two steps Streamlit calls: nothing to apply, and the rules straight from the colours
    styler._compute = lambda: styler
    styler._translate = lambda *args, **kwargs: _translated(css)
    styler.painted = True  # for tests: this table skipped pandas' rendering
    return styler


def _translated(css: pd.DataFrame) -> dict:
    """What Streamlit reads of pandas' rendering (`Styler._translate`): a rule per distinct
    declaration with the cells it paints (`row{r}_col{c}`, positions in the body), in the
    order pandas gives them, and no display text of the cells' own."""
    cells: dict[str, list[str]] = {}
    values = css.to_numpy(dtype=object)
    for r, c in zip(*np.nonzero(values != ""), strict=True):
        cells.setdefault(values[r, c], []).append(f"row{r}_col{c}")
    rules = [{"props": _props(text), "selectors": where} for text, where in cells.items()]
    return {"table_styles": [], "cellstyle": rules, "body": []}


def _as_itself(column: pd.Series) -> bool:
    """Whether pandas writes every cell of the column as Python's str() does: text and whole
    numbers (pandas writes a float with six decimals, a missing number as nothing)."""
    # an object column is a string dtype only when every cell is a str (pandas checks it)
    kind = pd.api.types.is_integer_dtype(column) or pd.api.types.is_string_dtype(column)
    return kind and not column.isna().any()


def _props(css: str) -> list[tuple[str, str]]:
    """'background-color: mistyrose; color: black' as pandas splits it."""
    pairs = (d.split(":", 1) for d in css.split(";") if d.strip())
    return [(name.strip(), value.strip()) for name, value in pairs]
