"""Charts as PNG, SVG and PDF, rendered by plotly's kaleido with Debian's Chromium, in a light
print theme with the title and the caption stamped on the image."""

from __future__ import annotations

import copy
import textwrap

import plotly.graph_objects as go

FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
WIDTH, HEIGHT, PNG_SCALE = 1200, 675, 3  # 16:9; PNG at 3x is print resolution


def print_figure(fig: go.Figure, title: str, caption: str) -> go.Figure:
    """A copy of the figure on white with the title above and the caption below."""
    out = go.Figure(copy.deepcopy(fig))
    lines = textwrap.wrap(caption, 150)
    out.update_layout(
        template="pulse",
        paper_bgcolor="white",
        plot_bgcolor="white",
        title={"text": f"<b>{title}</b>", "x": 0.01, "xanchor": "left"},
        margin={"t": 80, "b": 70 + 18 * len(lines)},
    )
    out.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-60,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 11, "color": "#52606d"},
    )
    return out


def render(fig: go.Figure, kind: str, title: str, caption: str) -> bytes:
    """The stamped figure as PNG, SVG or PDF bytes."""
    stamped = print_figure(fig, title, caption)
    scale = PNG_SCALE if kind == "png" else 1
    return stamped.to_image(format=kind, width=WIDTH, height=HEIGHT, scale=scale)
