"""Plotly figures of the Hotline page, built from pulse.queueview frames in the house style."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pulse.export import theme
from pulse.hotline.data import SLOTS, slot_label
from pulse.i18n import t
from pulse.ui import charts
from pulse.ui import format as fmt
from pulse.ui.charts import PALETTE, STATUS, TARGET, add_events, click_layer

AGENTS_COLOR, NEEDED_COLOR = PALETTE[2], PALETTE[3]


def daily(offered: pd.DataFrame, level: pd.DataFrame, events, target: float, lang: str):
    """Calls offered per day (bars) and the service level (line, right axis) with its target
    and the events in view. Written in one go as plotly's add_trace, add_hline and
    update_yaxes on a secondary axis build it: 13.5 ms that way, 7 ms this way (demo store)."""
    layout = charts.subplots(specs=[[{"secondary_y": True}]]).layout.to_plotly_json()
    bars = {
        "type": "bar",
        "x": offered["day"],
        "y": offered["value"],
        "name": t("hotline.offered"),
        "marker": {"color": theme.LIGHT_BLUE},
        "hovertemplate": "%{y:,.0f}",
    }
    line = {
        "type": "scatter",
        "x": level["day"],
        "y": level["value"] * 100,
        "name": t("hotline.service_level"),
        "mode": "lines+markers",
        "line": {"color": PALETTE[0]},
        "customdata": level["n"],
        "hovertemplate": "%{y:.1f}% · n = %{customdata:,.0f}",
        "xaxis": "x",
        "yaxis": "y2",
    }
    sl = target * 100
    layout.update(
        hovermode="x unified",
        shapes=[
            {
                "type": "line",
                "x0": 0,
                "x1": 1,
                "y0": sl,
                "y1": sl,
                "xref": "x domain",
                "yref": "y2",
                "line": {"dash": "dash", "color": TARGET},
            }
        ],
        # named by hand: an hline's own annotation on a secondary axis lands on the primary one
        annotations=[
            {
                "x": 1,
                "xref": "paper",
                "xanchor": "right",
                "y": sl,
                "yref": "y2",
                "yanchor": "top",
                "text": t("hotline.target_line", value=fmt.share(target, 0)),
                "showarrow": False,
                "font": {"color": TARGET, "size": 11},
            }
        ],
        xaxis={**layout["xaxis"], **charts.dates(lang)},
        yaxis={**layout["yaxis"], "title": {"text": t("hotline.axis_calls")}},
        yaxis2={
            **layout["yaxis2"],
            "title": {"text": t("hotline.axis_sl")},
            "range": [0, 101],
            "showgrid": False,
            "tickmode": "linear",
            "tick0": 0,
            "dtick": 20,
        },
    )
    fig = charts.Figure(data=[bars, line], layout=layout)
    add_events(fig, events, lang, centred=True)
    return fig


def profile(frame: pd.DataFrame, *, by_day: bool, target: float, lang: str = "en") -> go.Figure:
    """Top: calls offered per half hour with the agents on duty and the agents Erlang C needed
    for 80/20; bottom: the service level with its target. Its traces and axes are written in
    one go, as add_trace and update_yaxes by row, col and secondary_y would write them."""
    fig = charts.subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.62, 0.38],
        vertical_spacing=0.06,
        specs=[[{"secondary_y": True}], [{}]],
    )
    x = frame["start"] if by_day else frame["slot"].map(slot_label)
    offered = frame["n_offered"] if by_day else frame["offered_per_day"]
    traces = [
        {
            "type": "bar",
            "x": x,
            "y": offered,
            "name": t("hotline.offered"),
            "marker": {"color": theme.LIGHT_BLUE},
            "xaxis": "x",
            "yaxis": "y",
        }
    ]
    for column, name, color, dash in (
        ("agents_on_duty", t("hotline.agents_on_duty"), AGENTS_COLOR, "solid"),
        ("agents_needed", t("hotline.agents_needed"), NEEDED_COLOR, "dot"),
    ):
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": frame[column],
                "name": name,
                "mode": "lines",
                "line": {"color": color, "dash": dash, "shape": "hv"},
                "hovertemplate": "%{y:.1f}",
                "xaxis": "x",
                "yaxis": "y2",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": x,
            "y": frame["service_level"] * 100,
            "name": t("hotline.service_level"),
            "mode": "lines+markers" if not by_day else "lines",
            "line": {"color": PALETTE[0]},
            "customdata": frame["sl_n"],
            "hovertemplate": "%{y:.1f}% · n = %{customdata:,.0f}",
            "xaxis": "x2",
            "yaxis": "y3",
        }
    )
    fig.update_layout(
        hovermode="x unified",
        height=560,
        yaxis={"title": {"text": t("hotline.axis_calls_slot")}},
        yaxis2={
            "title": {"text": t("hotline.axis_agents")},
            "showgrid": False,
            "rangemode": "tozero",
            "tickformat": ",d",
            "tickmode": "auto",
        },
        yaxis3={"title": {"text": t("hotline.axis_sl")}, "range": [0, 101]},
        **({"xaxis": charts.dates(lang), "xaxis2": charts.dates(lang)} if by_day else {}),
    )
    fig.add_traces(traces)
    fig.add_hline(
        y=target * 100,
        line_dash="dash",
        line_color=TARGET,
        row=2,
        col=1,
        annotation_text=t("hotline.target_line", value=fmt.share(target, 0)),
        annotation_position="bottom right",
    )
    return fig


def gap_heatmap(gap: pd.DataFrame, queue: str | None) -> go.Figure:
    """Day x half hour, coloured by agents on duty minus agents needed (summed over the chosen
    queues): red where the roster was short of what 80/20 needed."""
    mine = gap if queue is None else gap[gap["queue_id"] == queue]
    cells = mine.groupby(["day", "slot"], as_index=False).agg(
        gap=("gap", lambda s: s.sum(min_count=1)),
        needed=("agents_needed", "sum"),
        on_duty=("agents_on_duty", "sum"),
        queued=("n_queued", "sum"),
        short=("is_understaffed", "sum"),
    )
    days = sorted(cells["day"].unique())
    grid = cells.pivot(index="day", columns="slot", values="gap").reindex(
        index=days, columns=range(SLOTS)
    )
    extra = {
        name: cells.pivot(index="day", columns="slot", values=name)
        .reindex(index=days, columns=range(SLOTS))
        .to_numpy(dtype=float)
        for name in ("needed", "on_duty", "queued")
    }
    z = grid.to_numpy(dtype=float)
    reach = max(float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 1.0, 1.0)
    fig = go.Figure()
    fig.update_layout(
        height=max(320, min(900, 14 * len(days) + 120)),
        margin={"l": 90, "r": 20, "t": 20, "b": 50},
    )
    xs = [slot_label(s) for s in range(SLOTS)]
    ys = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in days]
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=xs,
            y=ys,
            hoverinfo="skip",  # the points on top carry the hover and the click
            colorscale=[[0, STATUS["red"]], [0.5, theme.MIST], [1, PALETTE[0]]],
            zmin=-reach,
            zmax=reach,
            hoverongaps=False,
            colorbar={"title": {"text": t("hotline.gap_unit")}},
        )
    )
    custom = np.stack([z, extra["needed"], extra["on_duty"], extra["queued"]], axis=-1)
    click_layer(fig, xs, ys, custom, t("hotline.gap_hover") + "<extra></extra>", size=10)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text=t("hotline.axis_slot"))
    return fig


def whatif_curve(curve: pd.DataFrame, target: float, chosen: int | None) -> go.Figure:
    """Service level (and ASA, right axis, cut at four times the answer's ASA so the curve
    near the answer stays readable) against agents taking calls."""
    fig = charts.subplots(specs=[[{"secondary_y": True}]])
    fig.update_layout(hovermode="x unified", height=380)
    stable = curve[curve["is_stable"]]
    fig.add_trace(
        go.Scatter(
            x=curve["agents"],
            y=curve["service_level"] * 100,
            name=t("hotline.service_level"),
            mode="lines+markers",
            line_color=PALETTE[0],
            hovertemplate="%{y:.1f}%",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=stable["agents"],
            y=stable["asa_s"],
            name=t("hotline.asa"),
            mode="lines",
            line={"color": PALETTE[1], "dash": "dot"},
            hovertemplate="%{y:.0f} s",
        ),
        secondary_y=True,
    )
    fig.add_hline(y=target * 100, line_dash="dash", line_color=TARGET)
    if chosen is not None:
        fig.add_vline(
            x=chosen,
            line_color=STATUS["green"],
            annotation_text=t("hotline.whatif_chosen", n=chosen),
            annotation_position="top left",
        )
    fig.update_xaxes(title_text=t("hotline.axis_agents_taking"))
    fig.update_yaxes(title_text=t("hotline.axis_sl"), range=[0, 101], secondary_y=False)
    at_answer = stable.loc[stable["agents"] == chosen, "asa_s"]
    top = max(4 * float(at_answer.iloc[0]) if len(at_answer) else 0.0, 30.0)
    fig.update_yaxes(
        title_text=t("hotline.axis_asa"),
        secondary_y=True,
        range=[0, top],
        showgrid=False,
        tickmode="auto",
    )
    return fig
