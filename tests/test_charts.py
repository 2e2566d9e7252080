"""pulse.ui.charts.Figure adds lines and bands across a plot as plotly's own add_hline,
add_vline, add_hrect and add_vrect do: the same shapes and annotations, checked against
plotly's methods on a plain go.Figure."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.subplots import make_subplots

from pulse.ui import charts

CALLS = [
    ("add_hline", {"y": 82.5}),
    ("add_hline", {"y": 0.9, "line_dash": "dash", "line_color": "#c00"}),
    (
        "add_hline",
        {
            "y": 90,
            "line_dash": "dash",
            "annotation_text": "target 90%",
            "annotation_position": "bottom right",
        },
    ),
    ("add_hline", {"y": 3, "line": {"color": "#888", "dash": "dot"}, "annotation_text": "3"}),
    ("add_vline", {"x": 10, "line_dash": "dash", "annotation_text": "promise"}),
    ("add_vline", {"x": dt.date(2026, 10, 3), "line_width": 2}),
    ("add_vline", {"x": 4.5, "annotation_text": "cut", "annotation_position": "top left"}),
    ("add_hrect", {"y0": 1, "y1": 2, "fillcolor": "#eee", "annotation_text": "band"}),
    (
        "add_vrect",
        {
            "x0": "2026-10-01",
            "x1": "2026-10-04",
            "fillcolor": "#4e79a7",
            "opacity": 0.12,
            "line_width": 0,
            "annotation_text": "Network outage",
            "annotation_position": "top left",
            "annotation_font_size": 11,
            "annotation_yshift": -15,
        },
    ),
]


def _layout(fig) -> dict:
    layout = fig.to_plotly_json()["layout"]
    return {k: layout.get(k) for k in ("shapes", "annotations")}


@pytest.mark.parametrize(("method", "kwargs"), CALLS)
def test_a_line_or_band_is_the_one_plotly_draws(method, kwargs):
    ours, theirs = charts.figure(), go.Figure()
    for fig in (ours, theirs):
        fig.add_scatter(x=[1, 2], y=[3, 4])
    getattr(ours, method)(**kwargs)
    getattr(theirs, method)(**kwargs)
    assert _layout(ours) == _layout(theirs)
    assert _layout(ours)["shapes"]  # and there is one


def test_several_in_a_row_keep_their_order():
    ours, theirs = charts.figure(), go.Figure()
    for fig in (ours, theirs):
        for method, kwargs in CALLS:
            getattr(fig, method)(**kwargs)
    assert _layout(ours) == _layout(theirs)
    assert len(_layout(ours)["shapes"]) == len(CALLS)


def test_subplots_and_secondary_axes_are_left_to_plotly():
    grid = make_subplots(rows=1, cols=2)
    ours = charts.Figure(grid)
    for fig in (ours, grid):
        fig.add_scatter(x=[1], y=[1], row=1, col=2)
        fig.add_vline(x=10, row=1, col=2, annotation_text="promise")
    assert _layout(ours) == _layout(grid)
    assert _layout(ours)["shapes"][0]["xref"] == "x2"


def test_every_figure_starts_in_the_house_style():
    # Streamlit makes its own template the default when it is imported: it must come first
    import streamlit.elements.plotly_chart  # noqa: F401

    assert pio.templates.default == "pulse"
    assert go.Figure().layout.template.layout.font.family == charts.FONT
