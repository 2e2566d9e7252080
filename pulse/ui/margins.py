"""Margins a screen chart is drawn with, wide enough for its axis labels from the start.

Streamlit's chart theme gives every plotly chart a left and right margin of 0 and lets the axes
push them out (`automargin`). plotly then lays a chart out twice on every draw: once in the
given margins, and again when the tick labels did not fit (`doAutoMargin` calls `_doPlot`).
Every filter change draws every chart from nothing (docs/speed.md, eighth round), so each
chart paid the second pass on each change: 40-50 % of its drawing (`bench.chart_draw`).

`fit` estimates the room the tick labels take, in the theme's tick font (12 px Source Sans;
CJK characters a full 12 px), and gives it as the margin. plotly still pushes a margin that
is too small, so an estimate short of the labels costs the second pass, never a cut label.
The figures below were measured in Chromium on the dashboard's own charts
(`python -m bench.chart_draw --store FILE` prints, per chart, the margins plotly settled on)."""

from __future__ import annotations

import math
import unicodedata

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# advance widths in px of Source Sans at 12 px (Streamlit's tick font), measured with the
# browser's canvas; a character not listed takes AVERAGE, a wide one (CJK, full-width forms:
# east-asian width W or F, as pulse.ui.fit counts them) WIDE
_NARROW = {
    **dict.fromkeys("0123456789#$+<=>^~−", 5.96),
    **dict.fromkeys(" ", 2.4),
    **dict.fromkeys(",.:;·'", 2.99),
    **dict.fromkeys("()[]{}", 3.64),
    "I": 3.16, "i": 2.95, "j": 2.96, "l": 3.06, "f": 3.5, "|": 2.89, "!": 3.47,
    "%": 9.89, "&": 7.31, "*": 5.02, "-": 3.73, "/": 4.2, "\\": 4.2, "?": 5.1, "@": 10.16,
    "_": 6.0, '"': 5.11, "`": 6.5, "–": 6.0, "—": 12.0,
    "A": 6.52, "B": 7.06, "C": 6.85, "D": 7.38, "E": 6.32, "F": 5.93, "G": 7.4, "H": 7.82,
    "J": 5.75, "K": 6.95, "L": 5.83, "M": 8.72, "N": 7.76, "O": 7.97, "P": 6.79, "Q": 7.97,
    "R": 6.83, "S": 6.41, "T": 6.43, "U": 7.74, "V": 6.18, "W": 9.43, "X": 6.16, "Y": 5.71,
    "Z": 6.47, "a": 6.05, "b": 6.64, "c": 5.47, "d": 6.66, "e": 5.95, "g": 6.05, "h": 6.53,
    "k": 5.94, "m": 9.95, "n": 6.56, "o": 6.5, "p": 6.66, "q": 6.66, "r": 4.16, "s": 5.03,
    "t": 4.06, "u": 6.53, "v": 5.6, "w": 8.63, "x": 5.35, "y": 5.6, "z": 5.1,
}  # fmt: skip
AVERAGE = 6.6
WIDE = 12.0
# what plotly adds to the widest tick label, measured: a category axis without a title (the
# theme's margin pad), a value axis with its title (the title's line and standoff)
LABEL_PAD = 9
TITLE_ROOM = 43
# the theme's own bottom margin, and with an x-axis title under the labels
BOTTOM = 50
BOTTOM_TITLED = 56
# plotly's tick spacing: about one tick per 30 px of a value axis, 4 to 10 ticks; the axis
# is the chart's height but for the theme's top and bottom margins (Streamlit draws a chart
# without a height 450 px tall)
_PX_PER_TICK = 30
HEIGHT = 450
SLACK = 2  # a rounding pixel either way, so the estimate is not a hair short


def text_width(text: str) -> float:
    """The width in px of a tick label in the theme's tick font."""
    return sum(_NARROW.get(ch) or _other(ch) for ch in text)


def _other(ch: str) -> float:
    return WIDE if unicodedata.east_asian_width(ch) in "WF" else AVERAGE


def fit(fig: go.Figure) -> dict[str, int]:
    """The margin sides to give `fig`: each side's room for its axis labels, where that is
    more than the figure gives itself. Sides the labels do not need are left to the figure."""
    layout = fig.layout
    given = layout.margin
    axes = list(fig.select_yaxes())
    if len(axes) > 1:
        # a second value axis over the first (side by side on the right) or a grid of
        # subplots: plotly adds to the margins it is given there (measured: a Pareto chart
        # given 10 px more on each side settled 10 px wider still), so they are left to it
        return {}
    axis = layout.yaxis
    room = {"l": 0.0, "r": 0.0}
    if axis.visible is not False and axis.showticklabels is not False:
        labels = _labels(fig, axis, (layout.height or HEIGHT) - 100)
        if labels:
            titled = bool(axis.title.text)
            need = max(map(text_width, labels)) + (TITLE_ROOM if titled else LABEL_PAD)
            room["r" if axis.side == "right" else "l"] = need
    out = {}
    for side in ("l", "r"):
        want = math.ceil(room[side]) + SLACK if room[side] else 0
        if want > (given[side] or 0):
            out[side] = want
    bottom = BOTTOM_TITLED if layout.xaxis.title.text else BOTTOM
    if given.b is None or given.b < bottom:
        out["b"] = bottom
    return out


def _labels(fig: go.Figure, axis, length: float) -> list[str]:
    """The tick labels plotly will write on the y axis, or a superset of their widths."""
    if axis.ticktext:
        return [str(t) for t in axis.ticktext]
    drawn = [(t, y) for t in fig.data if (y := getattr(t, "y", None)) is not None and len(y)]
    if axis.type == "category" or any(_texts(y) for _, y in drawn):
        return sorted({str(x) for _, y in drawn for x in y if x is not None}, key=text_width)[-1:]
    if axis.type in ("date", "log"):
        return []  # not drawn on a y axis here; plotly pushes what they need
    if axis.range and None not in axis.range:
        low, high = sorted(axis.range)
    else:
        ends = _extent(fig, drawn)
        if ends is None:
            return []
        low, high = ends
        pad = 0.055 * (high - low or abs(high) or 1)
        low, high = low - pad, high + pad
    return _numbers(low, high, length, axis)


def _extent(fig: go.Figure, drawn: list[tuple]) -> tuple[float, float] | None:
    """The lowest and highest values the y axis spans: the values of the traces `drawn`
    (pairs of a trace and its y; stacked bars summed at each x), zero under bars, and the
    shapes drawn in data units (a target line counts toward the axis's range as a trace
    does)."""
    bars = [(t, y) for t, y in drawn if t.type == "bar"]
    stacked = bars if fig.layout.barmode in ("stack", "relative") else []
    values = [np.asarray(y, dtype=float) for t, y in drawn if not (stacked and t.type == "bar")]
    if stacked:
        frame = pd.DataFrame(
            {
                "x": np.concatenate([np.asarray(t.x, dtype=object) for t, _ in stacked]),
                "y": np.concatenate([np.asarray(y, dtype=float) for _, y in stacked]),
            }
        )
        sums = frame.assign(up=frame.y.clip(lower=0), down=frame.y.clip(upper=0))
        sums = sums.groupby("x")[["up", "down"]].sum()
        values += [sums["up"].to_numpy(), sums["down"].to_numpy()]
    for shape in fig.layout.shapes or ():
        if shape.yref in (None, "y"):
            values.append(np.array([y for y in (shape.y0, shape.y1) if isinstance(y, int | float)]))
    if bars:
        values.append(np.zeros(1))
    numbers = np.concatenate([v[np.isfinite(v)] for v in values if len(v)]) if values else []
    if not len(numbers):
        return None
    return float(numbers.min()), float(numbers.max())


def _texts(values) -> bool:
    first = next((x for x in values if x is not None), None)
    return isinstance(first, str)


def _numbers(low: float, high: float, length: float, axis) -> list[str]:
    """The labels of a value axis from `low` to `high`, spaced as plotly spaces them: the
    first two and last two ticks, where the widest are."""
    ticks = min(max(length / _PX_PER_TICK, 4), 9) + 1
    step = _nice((high - low) / ticks)
    first, last = math.ceil(low / step), math.floor(high / step)
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    # plotly writes every tick of an axis in thousands once its largest reaches 10,000
    si = max(abs(first), abs(last)) * step >= 10_000
    ends = {first, first + 1, last - 1, last}
    return [_format(k * step, decimals, si, axis) for k in sorted(ends) if first <= k <= last]


def _nice(rough: float) -> float:
    """plotly's round tick step: 1, 2 or 5 times a power of ten."""
    if rough <= 0:
        return 1.0
    base = 10 ** math.floor(math.log10(rough))
    for m in (1, 2, 5, 10):
        if rough <= m * base:
            return m * base
    return 10 * base


def _format(value: float, decimals: int, si: bool, axis) -> str:
    fmt = axis.tickformat or ""
    if "%" in fmt:
        text = f"{value * 100:.0f}%"
    elif "," in fmt:
        text = f"{value:,.{decimals}f}"
    elif si:
        text = _si(value)
    else:
        text = f"{value:.{decimals}f}"
    text = text.replace("-", "−")
    return f"{axis.tickprefix or ''}{text}{axis.ticksuffix or ''}"


def _si(value: float) -> str:
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + unit
    return f"{value:g}"  # below a thousand (0 on an axis of thousands)
