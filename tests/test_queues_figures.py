"""The Queues wait distribution is written as plotly's own methods would build it
(make_subplots, add_trace by row and col, add_vline, add_hline, update_xaxes): the figure
pulse.queues.figures builds in one go must be the same figure, trace for trace and layout key
for layout key."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from pulse import settings
from pulse.i18n import t
from pulse.queues import figures
from pulse.ui import format as fmt

DIST = pd.DataFrame(
    {
        "group": [False, False, False, True, True],
        "bucket_min": [0, 1, 60, 0, 2],
        "n": [30.0, 50.0, 20.0, 8.0, 2.0],
        "group_n": [100.0, 100.0, 100.0, 10.0, 10.0],
        "share": [0.3, 0.5, 0.2, 0.8, 0.2],
        "cum_share": [0.3, 0.8, 1.0, 0.8, 1.0],
    }
)
LABELS = {True: "Priority lane", False: "Regular queue"}


def _as_plotly_builds_it(dist: pd.DataFrame, labels: dict, target) -> go.Figure:
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(t("queues.dist_share"), t("queues.dist_cumulative")),
        horizontal_spacing=0.08,
    )
    fig.update_layout(
        hovermode="x unified",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        margin={"l": 70, "r": 20, "t": 40, "b": 100},
    )
    for i, (group, part) in enumerate(dist.groupby("group", sort=False)):
        name, color = labels[group], figures.PALETTE[i]
        n = fmt.count(part["group_n"].iloc[0])
        hover = "%{y:.1f}%<extra>" + name + "</extra>"
        fig.add_trace(
            go.Scatter(
                x=part["bucket_min"] + 0.5,
                y=part["share"] * 100,
                name=f"{name} (n = {n})",
                legendgroup=name,
                mode="lines",
                line={"color": color, "shape": "hvh"},
                hovertemplate=hover,
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=part["bucket_min"] + 1,
                y=part["cum_share"] * 100,
                name=name,
                legendgroup=name,
                showlegend=False,
                mode="lines",
                line={"color": color},
                hovertemplate=hover,
            ),
            row=1,
            col=2,
        )
    promise = settings.get("promise_s") / 60
    for col in (1, 2):
        fig.add_vline(x=promise, line_dash="dash", line_color=figures.TARGET, row=1, col=col)
    fig.add_annotation(
        x=promise,
        y=1.0,
        yref="paper",
        xref="x2",
        text=t("queues.promise_line"),
        showarrow=False,
        xanchor="left",
        font={"color": figures.TARGET},
    )
    if target is not None:
        fig.add_hline(
            y=target * 100,
            line_dash="dot",
            line_color=figures.TARGET,
            row=1,
            col=2,
            annotation_text=t("queues.target_line", value=fmt.share(target, 0)),
            annotation_position="bottom right",
        )
    fig.update_xaxes(title_text=t("queues.axis_wait"))
    fig.update_xaxes(range=[0, figures.SHARE_PANEL_MIN], row=1, col=1)
    fig.update_xaxes(range=[0, 61], row=1, col=2)
    fig.update_yaxes(title_text="%", row=1, col=1)
    fig.update_yaxes(title_text="%", range=[0, 101], row=1, col=2)
    return fig


@pytest.mark.parametrize("target", [0.9, None])
def test_the_wait_distribution_is_the_figure_plotlys_methods_build(target):
    ours = json.loads(figures.wait_distribution(DIST, LABELS, target).to_json())
    theirs = json.loads(_as_plotly_builds_it(DIST, LABELS, target).to_json())
    assert ours["data"] == theirs["data"]
    assert ours["layout"] == theirs["layout"]
    assert len(ours["layout"]["shapes"]) == (3 if target else 2)
