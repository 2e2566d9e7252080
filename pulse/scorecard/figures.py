"""Plotly figures of the Scorecard page: the totals with their intervals, and the parts of a
difference."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pulse.i18n import t
from pulse.ui import charts
from pulse.ui import format as fmt

PLACES = 1  # a part's label: tenths of a point
HOVER = "%{y}: %{x:.1f} (%{customdata[1]:.0f}–%{customdata[2]:.0f})<extra></extra>"
COLOURS = {
    "ahead": charts.STATUS["green"],
    "behind": charts.STATUS["red"],
    "middle": charts.PALETTE[0],
}


def totals(table: pd.DataFrame, unit_names: dict[str, str]) -> go.Figure:
    """Each unit's total with its 95% interval, best at the top; colour by verdict, hollow
    when the total is partial. customdata[0] is the unit id."""
    shown = table[table["total"].notna()].sort_values("total")
    fig = charts.figure(height=max(260, 60 + 24 * len(shown)))
    for verdict, colour in COLOURS.items():
        part = shown[shown["verdict"] == verdict]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["total"],
            y=[unit_names.get(u, u) for u in part.index],
            mode="markers",
            name=t(f"scorecard.verdicts.{verdict}"),
            marker={
                "color": colour,
                "size": 10,
                "symbol": ["circle-open" if p else "circle" for p in part["partial"]],
                "line": {"width": 2, "color": colour},
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": part["total_high"] - part["total"],
                "arrayminus": part["total"] - part["total_low"],
                "color": colour,
                "thickness": 1.5,
                "width": 0,
            },
            customdata=list(zip(part.index, part["rank_low"], part["rank_high"], strict=True)),
            hovertemplate=HOVER,
        )
    fig.update_layout(
        xaxis={"title": t("scorecard.total_axis"), "range": [_floor(shown), 102]},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [unit_names.get(u, u) for u in shown.index],
        },
        margin={"l": 20, "r": 20, "t": 40, "b": 50},
    )
    fig.update_yaxes(automargin=True)
    return fig


def _floor(shown: pd.DataFrame) -> float:
    """The axis starts a little below the lowest interval (totals crowd near 100 otherwise)."""
    lowest = shown["total_low"].min() if len(shown) else 0.0
    return 0.0 if pd.isna(lowest) else max(0.0, 10 * (lowest // 10) - 5)


def parts(frame: pd.DataFrame) -> go.Figure:
    """The parts of a difference as horizontal bars, largest at the top: green helps the
    first unit, red the second; a part that rounds to 0.0 is written 0.0 and grey."""
    ordered = frame.iloc[::-1]
    fig = charts.figure(height=max(220, 60 + 30 * len(frame)))
    fig.add_bar(
        x=ordered["value"],
        y=ordered["part"],
        orientation="h",
        marker={"color": [part_colour(v) for v in ordered["value"]]},
        text=[part_text(v) for v in ordered["value"]],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:+.2f}<extra></extra>",
        showlegend=False,
    )
    fig.update_layout(
        xaxis={"title": t("scorecard.why_part"), "zeroline": True},
        margin={"l": 20, "r": 40, "t": 20, "b": 50},
    )
    fig.update_yaxes(automargin=True)
    return fig


def part_text(value: float) -> str:
    """A part as its bar is labelled: +2.3, -0.4, and 0.0 (unsigned) for one that rounds to
    zero either side."""
    rounded = round(float(value), PLACES)
    return fmt.number(rounded, PLACES, signed=rounded != 0)


def part_colour(value: float) -> str:
    """A part's bar colour, read from the value as written: green for the first unit, red
    for the second, grey for one written 0.0 (it helps neither)."""
    rounded = round(float(value), PLACES)
    if rounded == 0:
        return charts.STATUS["unknown"]
    return charts.STATUS["green"] if rounded > 0 else charts.STATUS["red"]
