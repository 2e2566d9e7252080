"""The Hotline's two charts are written in one go as plotly's own methods would build them
(make_subplots with a secondary axis, add_trace by row, col and secondary_y, add_hline,
update_yaxes): pulse.hotline.figures must give the same figure, trace for trace and layout key
for layout key, in both languages and both profile modes."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from pulse import i18n
from pulse.export import theme
from pulse.hotline import figures
from pulse.hotline.data import slot_label
from pulse.i18n import t
from pulse.ui import format as fmt
from pulse.ui.charts import PALETTE, TARGET, add_events, date_axis

DAYS = pd.to_datetime(["2026-10-01", "2026-10-02", "2026-10-03"])
OFFERED = pd.DataFrame({"day": DAYS, "value": [5100.0, 5020.0, 3790.0]})
LEVEL = pd.DataFrame({"day": DAYS, "value": [0.86, 0.91, 0.78], "n": [4100.0, 4000.0, 3000.0]})
EVENTS = pd.DataFrame(
    {
        "starts_on": [pd.Timestamp("2026-10-02")],
        "ends_on": [pd.Timestamp("2026-10-02")],
        "title_en": ["Network outage"],
        "title_zh": ["网络故障"],
    }
)
PROFILE = pd.DataFrame(
    {
        "slot": [16, 17, 18],
        "start": pd.to_datetime(["2026-10-01 08:00", "2026-10-01 08:30", "2026-10-01 09:00"]),
        "n_offered": [40.0, 55.0, 61.0],
        "offered_per_day": [20.0, 27.5, 30.5],
        "agents_on_duty": [8.0, 9.0, 9.0],
        "agents_needed": [7.0, 10.0, 11.0],
        "service_level": [0.9, 0.75, 0.7],
        "sl_n": [30.0, 41.0, 44.0],
    }
)


def _daily_as_plotly_builds_it(lang: str) -> go.Figure:
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.update_layout(hovermode="x unified")
    fig.add_trace(
        go.Bar(
            x=OFFERED["day"],
            y=OFFERED["value"],
            name=t("hotline.offered"),
            marker_color=theme.LIGHT_BLUE,
            hovertemplate="%{y:,.0f}",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=LEVEL["day"],
            y=LEVEL["value"] * 100,
            name=t("hotline.service_level"),
            mode="lines+markers",
            line_color=PALETTE[0],
            customdata=LEVEL["n"],
            hovertemplate="%{y:.1f}% · n = %{customdata:,.0f}",
        ),
        secondary_y=True,
    )
    fig.add_hline(y=80.0, line_dash="dash", line_color=TARGET, secondary_y=True)
    fig.add_annotation(
        x=1,
        xref="paper",
        xanchor="right",
        y=80.0,
        yref="y2",
        yanchor="top",
        text=t("hotline.target_line", value=fmt.share(0.8, 0)),
        showarrow=False,
        font={"color": TARGET, "size": 11},
    )
    add_events(fig, EVENTS, lang, centred=True)
    date_axis(fig, lang)
    fig.update_yaxes(title_text=t("hotline.axis_calls"), secondary_y=False)
    fig.update_yaxes(
        title_text=t("hotline.axis_sl"),
        range=[0, 101],
        showgrid=False,
        tickmode="linear",
        tick0=0,
        dtick=20,
        secondary_y=True,
    )
    return fig


def _profile_as_plotly_builds_it(by_day: bool, lang: str) -> go.Figure:
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.62, 0.38],
        vertical_spacing=0.06,
        specs=[[{"secondary_y": True}], [{}]],
    )
    fig.update_layout(hovermode="x unified", height=560)
    x = PROFILE["start"] if by_day else PROFILE["slot"].map(slot_label)
    offered = PROFILE["n_offered"] if by_day else PROFILE["offered_per_day"]
    fig.add_trace(
        go.Bar(x=x, y=offered, name=t("hotline.offered"), marker_color=theme.LIGHT_BLUE),
        row=1,
        col=1,
    )
    for column, name, color, dash in (
        ("agents_on_duty", t("hotline.agents_on_duty"), figures.AGENTS_COLOR, "solid"),
        ("agents_needed", t("hotline.agents_needed"), figures.NEEDED_COLOR, "dot"),
    ):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=PROFILE[column],
                name=name,
                mode="lines",
                line={"color": color, "dash": dash, "shape": "hv"},
                hovertemplate="%{y:.1f}",
            ),
            row=1,
            col=1,
            secondary_y=True,
        )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=PROFILE["service_level"] * 100,
            name=t("hotline.service_level"),
            mode="lines+markers" if not by_day else "lines",
            line_color=PALETTE[0],
            customdata=PROFILE["sl_n"],
            hovertemplate="%{y:.1f}% · n = %{customdata:,.0f}",
        ),
        row=2,
        col=1,
    )
    fig.add_hline(
        y=80.0,
        line_dash="dash",
        line_color=TARGET,
        row=2,
        col=1,
        annotation_text=t("hotline.target_line", value=fmt.share(0.8, 0)),
        annotation_position="bottom right",
    )
    fig.update_yaxes(title_text=t("hotline.axis_calls_slot"), row=1, col=1, secondary_y=False)
    fig.update_yaxes(
        title_text=t("hotline.axis_agents"),
        row=1,
        col=1,
        secondary_y=True,
        showgrid=False,
        rangemode="tozero",
        tickformat=",d",
        tickmode="auto",
    )
    fig.update_yaxes(title_text=t("hotline.axis_sl"), range=[0, 101], row=2, col=1)
    if by_day:
        date_axis(fig, lang)
    return fig


def _same(ours: go.Figure, theirs: go.Figure) -> None:
    ours, theirs = json.loads(ours.to_json()), json.loads(theirs.to_json())
    assert ours["data"] == theirs["data"]
    assert ours["layout"] == theirs["layout"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_daily_chart_is_the_figure_plotlys_methods_build(lang):
    with i18n.speaking(lang):
        _same(figures.daily(OFFERED, LEVEL, EVENTS, 0.8, lang), _daily_as_plotly_builds_it(lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("by_day", [False, True])
def test_the_profile_is_the_figure_plotlys_methods_build(by_day, lang):
    with i18n.speaking(lang):
        ours = figures.profile(PROFILE, by_day=by_day, target=0.8, lang=lang)
        _same(ours, _profile_as_plotly_builds_it(by_day, lang))
    assert [trace.yaxis for trace in ours.data] == ["y", "y2", "y2", "y3"]
