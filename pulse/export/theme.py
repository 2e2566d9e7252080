"""Every colour Service Pulse draws with, by name, on screen and on paper; the light print
theme; and the stamp every exported chart carries: title, the filter in words, n, the data
date and a one-line definition. Whatever the screen theme, paper is white and ink is dark, so
nothing vanishes when printed."""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

# The colours live here, the lowest module that screen charts (pulse.ui.charts, pulse.ui),
# the report (pulse.report) and the PDF stylesheet all reach without an import loop.

# Series, in the order series take them: Okabe-Ito, safe for colour-blind readers.
BLUE, ORANGE, BLUISH_GREEN, VERMILION = "#0072B2", "#E69F00", "#009E73", "#D55E00"
SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK = "#56B4E9", "#CC79A7", "#F0E442", "#000000"
PALETTE = [BLUE, ORANGE, BLUISH_GREEN, VERMILION, SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK]
MORE_SERIES = ["#7b3294", "#008837", "#a6611a"]  # purple, green, brown: lines past the palette
LIGHT_BLUE = "#9fc5e8"  # a quiet bar behind a stronger line

# Status against target (and good, watch, bad wherever a chart judges).
GREEN, AMBER, RED = "#2e9d5b", "#e3a008", "#d64545"
GREY = "#9aa5b1"  # no target, too few to tell, the neutral part of a chart
STATUS = {"green": GREEN, "amber": AMBER, "red": RED, "unknown": GREY}
TARGET = RED
BAND = "rgba(0, 114, 178, 0.15)"  # the interval band around a BLUE line

# Ink and rules.
INK = "#1f2933"  # text, totals, markers that must read as "ours"
INK_SOFT = "#3e4c59"
MUTED = "#52606d"  # secondary text, reference lines drawn solid
REFERENCE = "#7b8794"  # dashed reference lines: averages, centre lines, comparisons
REFERENCE_ALT = "#b08968"  # a second comparison line beside REFERENCE
FAINT = "#8a94a6"  # table text that has no status
RULE = "#cbd2d9"  # screen axis lines, bars without enough data
GRID = "#e4e7eb"
AXIS = GREY  # print axis lines
MIST = "#f5f7fa"  # the middle of a diverging heat map
PANEL = "#f3f6fa"  # a boxed summary on paper
NAVY, BRAND = "#0b3d6b", "#0b6bcb"  # report headings and the brand line

# Tints: status as a cell background, events as a shaded period.
TINT_GREEN, TINT_AMBER, TINT_RED = "#dcf3e3", "#fff1cc", "#fbdada"
CELL = {
    "green": f"background-color: {TINT_GREEN}",
    "amber": f"background-color: {TINT_AMBER}",
    "red": f"background-color: {TINT_RED}",
    "unknown": f"color: {FAINT}",
}

# Survey answers 0-10: 0-6 detractor reds (darkest at 0), 7-8 passive greys, 9-10 greens.
SCORES = [
    "#67000d",
    "#8c0a17",
    "#a50f15",
    "#cb181d",
    "#ef3b2c",
    "#fb6a4a",
    "#fc9272",
    "#cfd4dc",
    "#a9b1bd",
    "#74c476",
    "#238b45",
]
PASSIVE = "#b8c0cc"
NPS_PARTS = {"detractors": RED, "passives": PASSIVE, "promoters": GREEN}

FONT = "Noto Sans CJK SC, Noto Sans, Source Han Sans SC, Microsoft YaHei, Arial, sans-serif"
PRINT = "pulse_print"

pio.templates[PRINT] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 14, "color": INK},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"gridcolor": GRID, "zerolinecolor": AXIS, "linecolor": AXIS, "showline": True},
        yaxis={"gridcolor": GRID, "zerolinecolor": AXIS, "linecolor": AXIS},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
)

TITLE_PX, CAPTION_PX, FOOT_PX = 22, 14, 12
TOP_PX = 84  # title and caption
LEGEND_PX = 30
FOOT_LINE_PX = 17


@dataclass(frozen=True)
class Stamp:
    """What an exported chart says about itself, already worded in the reader's language."""

    title: str
    caption: str = ""  # the filter in words
    n: str = ""  # "n = 12,345"
    as_of: str = ""  # "Data as of 2026-10-31"
    definition: str = ""
    notes: tuple[str, ...] = ()
    made_by: str = ""  # who made the file, under which scope (pulse.access.made_by)

    def footer(self, width_px: int) -> list[str]:
        """The lines under the chart: n, data date and notes, then the definition, then who
        made it under which scope."""
        facts = " · ".join(p for p in (self.n, self.as_of, *self.notes) if p)
        chars = max(40, int(width_px / (FOOT_PX * 0.55)))
        lines = wrap(facts, chars)[:2] if facts else []
        if self.definition:
            lines.extend(wrap(self.definition, chars)[:2])
        if self.made_by:
            lines.extend(wrap(self.made_by, chars)[:1])
        return lines


def width_of(text: str) -> int:
    """Columns a text takes: Chinese characters are twice as wide as Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """Break text into lines of at most `columns` display columns, at spaces where there are
    spaces (English) and anywhere between Chinese characters; an unfinished last line ends
    with an ellipsis only when cut by the caller."""
    lines, line = [], ""
    for token in _tokens(text):
        if width_of((line + token).rstrip()) > columns and line.strip():
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _tokens(text: str):
    word = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word:
                yield word
                word = ""
            yield ch
        elif ch == " ":
            yield word + ch
            word = ""
        else:
            word += ch
    if word:
        yield word


def stamped(fig: go.Figure, stamp: Stamp, width: int, height: int) -> go.Figure:
    """A copy of the figure in the print theme with the stamp drawn on it, laid out for an
    image of width x height pixels."""
    out = go.Figure(copy.deepcopy(fig))
    # a line waiting in the legend (drawn on screen by a click on its name) is not on paper,
    # and neither is its name: a greyed name in a printed legend reads as a line gone missing
    out.data = [trace for trace in out.data if trace.visible != "legendonly"]
    footer = stamp.footer(width)
    has_legend = any(t.showlegend is not False for t in out.data) and len(out.data) > 1
    top = (TOP_PX if stamp.title else TOP_PX - 34) + (
        LEGEND_PX if has_legend and out.layout.showlegend is not False else 0
    )
    bottom = 56 + FOOT_LINE_PX * len(footer)
    margin = out.layout.margin
    out.update_layout(
        template=PRINT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"color": INK, "family": FONT},
        legend={"bgcolor": "rgba(255,255,255,0)", "font": {"color": INK}},
        title=_title(stamp, height),
        margin={
            "t": top,
            "b": bottom,
            "l": max(margin.l or 0, 70),
            "r": max(margin.r or 0, 30),
        },
        width=width,
        height=height,
    )
    out.update_xaxes(color=INK, gridcolor=GRID, linecolor=AXIS)
    out.update_yaxes(color=INK, gridcolor=GRID, linecolor=AXIS)
    if footer:
        plot_height = max(height - top - bottom, 1)
        out.add_annotation(
            text="<br>".join(_escape(line) for line in footer),
            xref="paper",
            yref="paper",
            x=0,
            y=-(bottom - 8) / plot_height,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            align="left",
            font={"size": FOOT_PX, "color": MUTED},
        )
    return out


def _title(stamp: Stamp, height: int) -> dict:
    """The title with the filter in words under it; without a title (a slide that carries
    it), the filter alone."""
    place = {"x": 0, "xref": "paper", "xanchor": "left", "y": 1 - 10 / height}
    place.update(yref="container", yanchor="top")
    if not stamp.title:
        return {
            **place,
            "text": _escape(stamp.caption),
            "font": {"size": CAPTION_PX, "color": MUTED},
        }
    return {
        **place,
        "text": f"<b>{_escape(stamp.title)}</b>",
        "font": {"size": TITLE_PX, "color": INK},
        "subtitle": {"text": _escape(stamp.caption), "font": {"size": CAPTION_PX, "color": MUTED}},
    }


def _escape(text: str) -> str:
    """Plotly reads a small HTML subset in text: keep angle brackets literal."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def css_colours() -> str:
    """The named colours as CSS custom properties, for the report's stylesheet to use."""
    named = {
        "ink": INK,
        "ink-soft": INK_SOFT,
        "muted": MUTED,
        "reference": REFERENCE,
        "grid": GRID,
        "axis": AXIS,
        "panel": PANEL,
        "navy": NAVY,
        "brand": BRAND,
        "tint-green": TINT_GREEN,
        "tint-amber": TINT_AMBER,
        "tint-red": TINT_RED,
    }
    return ":root { " + " ".join(f"--{k}: {v};" for k, v in named.items()) + " }\n"
