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


# the grids the pages draw: a secondary axis, two panels side by side, two rows sharing x
GRIDS = {
    "secondary": {"specs": [[{"secondary_y": True}]]},
    "panels": {"rows": 1, "cols": 2, "subplot_titles": ("a", "b"), "horizontal_spacing": 0.08},
    "rows": {
        "rows": 2,
        "cols": 1,
        "shared_xaxes": True,
        "row_heights": [0.62, 0.38],
        "vertical_spacing": 0.06,
        "specs": [[{"secondary_y": True}], [{}]],
    },
}
# (grid, where the traces go, the line or band and where it goes)
ON_SUBPLOTS = [
    ("secondary", [{}, {"secondary_y": True}], "add_hline", {"y": 80, "secondary_y": True}),
    ("secondary", [{}, {"secondary_y": True}], "add_hline", {"y": 2, "line_dash": "dash"}),
    (
        "panels",
        [{"row": 1, "col": 1}, {"row": 1, "col": 2}],
        "add_vline",
        {"x": 10, "line_dash": "dash", "row": 1, "col": 2},
    ),
    (
        "panels",
        [{"row": 1, "col": 1}, {"row": 1, "col": 2}],
        "add_hline",
        {
            "y": 90,
            "row": 1,
            "col": 2,
            "annotation_text": "target 90%",
            "annotation_position": "bottom right",
        },
    ),
    (
        "rows",
        [{"row": 1, "col": 1}, {"row": 1, "col": 1, "secondary_y": True}, {"row": 2, "col": 1}],
        "add_hline",
        {"y": 80, "row": 2, "col": 1, "annotation_text": "80%"},
    ),
    (
        "rows",
        [{"row": 1, "col": 1}, {"row": 1, "col": 1, "secondary_y": True}, {"row": 2, "col": 1}],
        "add_vrect",
        {"x0": 1, "x1": 2, "row": 1, "col": 1, "secondary_y": True, "annotation_text": "x"},
    ),
    # an empty subplot gets no line from plotly, nor from ours
    ("panels", [{"row": 1, "col": 1}], "add_vline", {"x": 10, "row": 1, "col": 2}),
    # every subplot at once is left to plotly's method
    ("panels", [{"row": 1, "col": 1}, {"row": 1, "col": 2}], "add_vline", {"x": 10}),
]


@pytest.mark.parametrize("name", GRIDS)
def test_subplots_are_plotlys_grid(name):
    ours, theirs = charts.subplots(**GRIDS[name]), make_subplots(**GRIDS[name])
    assert isinstance(ours, charts.Figure)
    for fig in (ours, theirs):
        fig.add_scatter(x=[1, 2], y=[3, 4], row=len(fig._grid_ref), col=len(fig._grid_ref[0]))
        fig.update_yaxes(title_text="%", row=1, col=1)
    assert ours.to_plotly_json() == theirs.to_plotly_json()
    assert ours.layout.template.layout.font.family == charts.FONT


@pytest.mark.parametrize(("name", "traces", "method", "kwargs"), ON_SUBPLOTS)
def test_a_line_on_a_subplot_is_the_one_plotly_draws(name, traces, method, kwargs):
    ours, theirs = charts.subplots(**GRIDS[name]), make_subplots(**GRIDS[name])
    for fig in (ours, theirs):
        for where in traces:
            fig.add_scatter(x=[1, 2], y=[3, 4], **where)
        getattr(fig, method)(**kwargs)
    assert _layout(ours) == _layout(theirs)


def test_every_figure_starts_in_the_house_style():
    # Streamlit makes its own template the default when it is imported: it must come first
    import streamlit.elements.plotly_chart  # noqa: F401

    assert pio.templates.default == "pulse"
    assert go.Figure().layout.template.layout.font.family == charts.FONT


def test_a_batch_writes_the_figure_plotly_writes_one_at_a_time():
    # every kind of line and band, free annotations between them, and lines placed on a
    # subplot (added at once, after what the batch kept): the same shapes and annotations,
    # in the same order, as plotly's methods one call at a time
    def draw(fig):
        for i, (method, kwargs) in enumerate(CALLS):
            getattr(fig, method)(**kwargs)
            fig.add_annotation(x=i, y=1, yref="paper", text=f"note {i}", showarrow=False)
            if i == 4:
                fig.add_hline(y=1.5, row=1, col=2, line_dash="dot")
        fig.add_shape(type="line", x0=0, x1=1, y0=0, y1=1, line={"color": "#123"})

    theirs = make_subplots(rows=1, cols=2)
    ours = charts.subplots(rows=1, cols=2)
    for fig in (ours, theirs):
        fig.add_scatter(x=[1, 2], y=[3, 4], row=1, col=1)
        fig.add_scatter(x=[1, 2], y=[5, 6], row=1, col=2)
    draw(theirs)
    with charts.batch(ours):
        draw(ours)
        with charts.batch(ours):  # a batch inside a batch is the same batch
            ours.add_annotation(x=0, y=0, text="inner")
    theirs.add_annotation(x=0, y=0, text="inner")
    assert _layout(ours) == _layout(theirs)
    assert len(_layout(ours)["annotations"]) > len(CALLS)
    # a plain plotly figure is drawn as it is, one at a time
    plain = go.Figure()
    with charts.batch(plain):
        plain.add_vline(x=1)
    assert len(plain.layout.shapes) == 1


def test_a_scatter_or_bar_added_is_the_trace_plotly_adds():
    mine, theirs = (
        charts.subplots(specs=[[{"secondary_y": True}]]),
        make_subplots(specs=[[{"secondary_y": True}]]),
    )
    for fig in (mine, theirs):
        fig.add_bar(x=["a", "b"], y=[3, 4], name="calls", marker_color="#56B4E9", text=None)
        fig.add_scatter(
            x=["a", "b"],
            y=[0.5, 0.7],
            mode="lines",
            line={"dash": "dot"},
            customdata=[[1], [2]],
            secondary_y=True,
        )
        fig.add_scatter(x=[1], y=[2], row=1, col=1, visible="legendonly")
    assert mine.to_plotly_json() == theirs.to_plotly_json()
    assert mine.data[1].yaxis == "y2" and mine.data[0].marker.color == "#56B4E9"
