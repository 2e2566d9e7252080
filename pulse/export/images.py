"""Charts as PNG, SVG and PDF files: the figure in the print theme with its stamp, rendered
by plotly's kaleido in the process's one running Chromium (pulse.export.engine)."""

from __future__ import annotations

import plotly.graph_objects as go

from pulse.export.engine import engine
from pulse.export.theme import Stamp, stamped

FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
# 16:9 at 1200 x 675 CSS pixels; PNG at 3x is 3600 x 2025, 300 dpi across a 12-inch slide
WIDTH, HEIGHT, PNG_SCALE = 1200, 675, 3


def render(
    fig: go.Figure,
    kind: str,
    stamp: Stamp,
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float | None = None,
) -> bytes:
    """The stamped figure as PNG, SVG or PDF bytes; PNG at print resolution unless `scale`
    says otherwise."""
    if kind not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {kind!r}")
    if width < 200 or height < 150:
        raise ValueError(f"an image needs at least 200 x 150 pixels, not {width} x {height}")
    if scale is None:
        scale = PNG_SCALE if kind == "png" else 1
    figure = stamped(fig, stamp, width, height)
    if kind == "pdf":
        # kaleido's own PDF draws the SVG as a picture, whose digits lose their text mapping;
        # printing the SVG inline keeps every character selectable and searchable
        svg = engine().image(figure, "svg", width, height, 1).decode("utf-8")
        return engine().pdf(_page(svg[svg.find("<svg") :], width, height))
    return engine().image(figure, kind, width, height, scale)


def _page(svg: str, width: int, height: int) -> str:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        f"@page {{ size: {width}px {height}px; margin: 0; }} html, body {{ margin: 0; }}"
        "svg { display: block; }</style></head><body>"
        f"{svg}</body></html>"
    )


def svg_for_html(fig: go.Figure, stamp: Stamp, width: int, height: int) -> str:
    """The stamped figure as an inline SVG element (no XML declaration) for HTML documents."""
    text = render(fig, "svg", stamp, width=width, height=height).decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text
