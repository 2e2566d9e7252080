"""One plotly look for every chart: colours, fonts and a template pages build on."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Colour-blind-safe categorical palette (Okabe-Ito), then status colours.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
STATUS = {"green": "#2e9d5b", "amber": "#e3a008", "red": "#d64545", "unknown": "#9aa5b1"}
TARGET = "#d64545"
BAND = "rgba(0, 114, 178, 0.15)"
FONT = "Noto Sans CJK SC, Noto Sans, Source Han Sans SC, Microsoft YaHei, Arial, sans-serif"

pio.templates["pulse"] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": "#1f2933"},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        xaxis={"gridcolor": "#e4e7eb", "zerolinecolor": "#cbd2d9", "linecolor": "#cbd2d9"},
        yaxis={"gridcolor": "#e4e7eb", "zerolinecolor": "#cbd2d9", "linecolor": "#cbd2d9"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
)


def figure(title: str | None = None, **layout) -> go.Figure:
    """An empty figure in the house style."""
    fig = go.Figure()
    fig.update_layout(template="pulse", title={"text": title} if title else None, **layout)
    return fig
