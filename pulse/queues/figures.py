"""Plotly figures of the Queues page, built from pulse.queueview frames in the house style.
Pure functions of their data, so exports and reports can draw the same figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pulse import catalog, settings
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import format as fmt
from pulse.ui.charts import (
    BAND,
    PALETTE,
    STATUS,
    TARGET,
    Figure,
    add_events,
    click_layer,
    date_axis,
    figure,
    subplots,
)

HEAT_METRICS = ("per_day", "within_share", "wait_mean_s")
HEAT_SCALES = {
    "per_day": "Blues",
    "within_share": [[0, STATUS["red"]], [0.5, theme.TINT_AMBER], [1, STATUS["green"]]],
    "wait_mean_s": [[0, STATUS["green"]], [0.5, theme.TINT_AMBER], [1, STATUS["red"]]],
}
SHARE_PANEL_MIN = 45  # the per-minute panel stops here; the cumulative one runs to 60+
HEAT_MIN_CALLED = 30  # cells with fewer called tickets show no wait figures


def trend(frame: pd.DataFrame, metric_id: str, events: pd.DataFrame, target, lang: str):
    """A metric over time with its 95% interval band, the target and the events in view."""
    metric = catalog.metric(metric_id)
    x = frame["bucket"]
    shown = frame.assign(**{c: frame[c].map(lambda v: fmt.plain(metric, v)) for c in _VALS})
    fig = figure(yaxis_title=_unit_title(metric), hovermode="x unified")
    fig.add_trace(
        go.Scatter(
            x=pd.concat([x, x[::-1]]),
            y=pd.concat([shown["high"], shown["low"][::-1]]),
            fill="toself",
            fillcolor=BAND,
            line_width=0,
            hoverinfo="skip",
            name=t("queues.ci95"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=shown["value"],
            mode="lines+markers",
            name=metric.label(lang),
            line_color=PALETTE[0],
            customdata=np.stack([frame["n"].map(fmt.count)], axis=-1),
            hovertemplate="%{y:.3~f} · n = %{customdata[0]}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_hline(
            y=fmt.plain(metric, target),
            line_dash="dash",
            line_color=TARGET,
            annotation_text=t("queues.target_line", value=fmt.value(metric, target)),
            annotation_position="bottom right",
        )
    add_events(fig, events, lang, centred=frame["bucket"].dt.day_of_week.nunique() > 1)
    date_axis(fig, lang)
    return fig


_VALS = ("value", "low", "high")


def _unit_title(metric) -> str:
    return {"pct1": "%", "minutes": t("queues.axis_minutes"), "num1": ""}.get(metric.format, "")


def wait_distribution(dist: pd.DataFrame, labels: dict, target: float | None) -> go.Figure:
    """Left: the share of each group's called tickets per minute of wait; right: the share
    called within x minutes. The 10-minute promise is marked on both.

    Written as the traces and layout plotly would make of add_trace(row, col), add_vline,
    add_hline and update_xaxes on the grid, in one go: those took 28-42 ms on the demo store,
    mostly finding the subplot of each call; this takes 8-12 (the same figure)."""
    grid = subplots(
        rows=1,
        cols=2,
        subplot_titles=(t("queues.dist_share"), t("queues.dist_cumulative")),
        horizontal_spacing=0.08,
    ).layout
    traces = []
    for i, (group, part) in enumerate(dist.groupby("group", sort=False)):
        name = labels.get(group, str(group))
        color = PALETTE[i % len(PALETTE)]
        n = fmt.count(part["group_n"].iloc[0])
        hover = "%{y:.1f}%<extra>" + name + "</extra>"
        minutes = part["bucket_min"].to_numpy()
        traces += [
            {
                "type": "scatter",
                "x": minutes + 0.5,
                "y": part["share"].to_numpy(dtype=float) * 100,
                "name": f"{name} (n = {n})",
                "legendgroup": name,
                "mode": "lines",
                "line": {"color": color, "shape": "hvh"},
                "hovertemplate": hover,
                "xaxis": "x",
                "yaxis": "y",
            },
            {
                "type": "scatter",
                "x": minutes + 1,
                "y": part["cum_share"].to_numpy(dtype=float) * 100,
                "name": name,
                "legendgroup": name,
                "showlegend": False,
                "mode": "lines",
                "line": {"color": color},
                "hovertemplate": hover,
                "xaxis": "x2",
                "yaxis": "y2",
            },
        ]
    promise_min = settings.get("promise_s") / 60
    promise = {"type": "line", "x0": promise_min, "x1": promise_min, "y0": 0, "y1": 1}
    shapes = [
        {**promise, "xref": x, "yref": f"{y} domain", "line": {"dash": "dash", "color": TARGET}}
        for x, y in (("x", "y"), ("x2", "y2"))
    ]
    notes = [
        *(a.to_plotly_json() for a in grid.annotations),  # the subplot titles
        {
            "x": promise_min,
            "y": 1.0,
            "xref": "x2",
            "yref": "paper",
            "text": t("queues.promise_line"),
            "showarrow": False,
            "xanchor": "left",
            "font": {"color": TARGET},
        },
    ]
    if target is not None:
        shapes.append(
            {
                "type": "line",
                "x0": 0,
                "x1": 1,
                "y0": target * 100,
                "y1": target * 100,
                "xref": "x2 domain",
                "yref": "y2",
                "line": {"dash": "dot", "color": TARGET},
            }
        )
        notes.append(
            {
                "text": t("queues.target_line", value=fmt.share(target, 0)),
                "x": 1,
                "xanchor": "right",
                "xref": "x2 domain",
                "y": target * 100,
                "yanchor": "top",
                "yref": "y2",
                "showarrow": False,
            }
        )
    layout = grid.to_plotly_json()  # the subplots' domains and titles (charts.subplots)
    wait = {"title": {"text": t("queues.axis_wait")}}
    layout.update(
        hovermode="x unified",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        # what plotly settled on for a row of the legend under the axes' titles, given
        # from the start so it lays the chart out once (pulse.ui.margins)
        margin={"l": 70, "r": 20, "t": 40, "b": 100},
        shapes=shapes,
        annotations=notes,
        xaxis={**layout["xaxis"], **wait, "range": [0, SHARE_PANEL_MIN]},
        xaxis2={**layout["xaxis2"], **wait, "range": [0, 61]},
        yaxis={**layout["yaxis"], "title": {"text": "%"}},
        yaxis2={**layout["yaxis2"], "title": {"text": "%"}, "range": [0, 101]},
    )
    return Figure(data=traces, layout=layout)


def heatmap(heat: pd.DataFrame, measure: str, weekday_names: list[str]) -> go.Figure:
    """Weekday x hour of issue, coloured by `measure` (one of HEAT_METRICS); cells with too
    few called tickets carry no wait figure."""
    frame = heat.copy()
    if measure != "per_day":
        frame.loc[frame["n_called"] < HEAT_MIN_CALLED, measure] = np.nan
    hours = sorted(frame["hour"].unique()) if len(frame) else []
    grid = frame.pivot_table(index="weekday", columns="hour", values=measure, aggfunc="first")
    grid = grid.reindex(index=range(1, 8), columns=hours)
    n = frame.pivot_table(index="weekday", columns="hour", values="n_tickets", aggfunc="first")
    n = n.reindex(index=range(1, 8), columns=hours)
    z = grid.to_numpy(dtype=float)
    if measure == "within_share":
        z, text = z * 100, np.vectorize(_pct)(z)
    elif measure == "wait_mean_s":
        z, text = z / 60, np.vectorize(_minutes)(z)
    else:
        text = np.vectorize(_count)(z)
    fig = figure(margin={"l": 60, "r": 20, "t": 30, "b": 50})
    xs = [fmt.clock(h) for h in hours]
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=xs,
            y=weekday_names,
            text=text,
            texttemplate="%{text}",
            hoverinfo="skip",  # the points on top carry the hover and the click
            colorscale=HEAT_SCALES[measure],
            hoverongaps=False,
            colorbar={"title": {"text": t(f"queues.heat_unit.{measure}")}},
        )
    )
    counts = np.vectorize(_count)(n.to_numpy(dtype=float))
    click_layer(
        fig,
        xs,
        weekday_names,
        np.stack([text, counts], axis=-1),
        "%{y} %{x} · %{customdata[0]} · n = %{customdata[1]}<extra></extra>",
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("queues.axis_hour"))
    return fig


def _pct(x: float) -> str:
    return "" if np.isnan(x) else fmt.share(x, 0)


def _minutes(x: float) -> str:
    return "" if np.isnan(x) else fmt.number(x / 60, 1)


def _count(x: float) -> str:
    return "" if np.isnan(x) else fmt.count(x)


def breakdown(frame: pd.DataFrame, key: str, metric_id: str, labels: dict, target) -> go.Figure:
    """One point per group with its 95% interval and its value written beside it; groups
    below the metric's minimum n are grey. Counts are bars from zero."""
    metric = catalog.metric(metric_id)
    rows = frame[frame["metric_id"] == metric_id].copy()
    rows = rows.sort_values("value", ascending=not metric.higher_is_better)
    value = rows["value"].map(lambda v: fmt.plain(metric, v))
    names = rows[key].map(lambda k: labels.get(k, k))
    colors = [PALETTE[0] if ok else STATUS["unknown"] for ok in rows["enough_n"]]
    text = rows["value"].map(lambda v: fmt.value(metric, v))
    custom = np.stack([text, rows["n"].map(fmt.count)], axis=-1)
    hover = "%{y}: %{customdata[0]} · n = %{customdata[1]}<extra></extra>"
    fig = figure(margin={"l": 160, "r": 40, "t": 20, "b": 50}, xaxis_title=_unit_title(metric))
    if metric.kind == "count":
        fig.add_trace(
            go.Bar(
                x=value,
                y=names,
                orientation="h",
                marker_color=colors,
                text=text,
                textposition="outside",
                customdata=custom,
                hovertemplate=hover,
            )
        )
    else:
        fig.add_trace(
            go.Scatter(
                x=value,
                y=names,
                mode="markers+text",
                marker={"color": colors, "size": 11},
                text=text,
                textposition="top center",
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["high"].map(lambda v: fmt.plain(metric, v)) - value,
                    "arrayminus": value - rows["low"].map(lambda v: fmt.plain(metric, v)),
                    "color": theme.MUTED,
                    "thickness": 1.5,
                },
                customdata=custom,
                hovertemplate=hover,
            )
        )
    if target is not None:
        fig.add_vline(
            x=fmt.plain(metric, target),
            line_dash="dash",
            line_color=TARGET,
            annotation_text=t("queues.target_line", value=fmt.value(metric, target)),
            annotation_position="bottom right",
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=max(300, 48 * len(rows) + 110))
    return fig


def planning(plan_hours: pd.DataFrame, counters: int, chosen_hour: int | None) -> go.Figure:
    """Counters needed per hour (red where above the hall's counters) against its counters."""
    frame = plan_hours.sort_values("hour")
    short = frame["counters_needed"] > counters
    colors = [STATUS["red"] if s else PALETTE[0] for s in short]
    widths = [3 if h == chosen_hour else 0 for h in frame["hour"]]
    fig = figure(
        yaxis_title=t("queues.axis_counters"),
        xaxis_title=t("queues.axis_hour"),
        margin={"l": 60, "r": 20, "t": 30, "b": 50},
    )
    fig.add_trace(
        go.Bar(
            x=[fmt.clock(h) for h in frame["hour"]],
            y=frame["counters_needed"],
            marker={"color": colors, "line": {"width": widths, "color": theme.INK}},
            name=t("queues.plan_needed"),
            customdata=np.stack(
                [
                    frame["arrivals_per_hour"].map(lambda v: fmt.number(v, 1)),
                    frame["p_over_now"].map(fmt.share),
                ],
                axis=-1,
            ),
            hovertemplate=t("queues.plan_hover") + "<extra></extra>",
        )
    )
    fig.add_hline(
        y=counters,
        line_dash="dash",
        line_color=TARGET,
        annotation_text=t("queues.plan_has", n=counters),
        annotation_position="top left",
    )
    return fig


def snapshot_hours(means: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """The queue system's snapshots by hour of day: the mean people waiting per hall-minute as
    a line, the mean counters open as bars behind it (`means`: a row per hour, a column per
    metric, pulse.queues.snapshots.by_hour; `labels`: the metrics' names)."""
    fig = figure(
        xaxis_title=t("queues.snap.axis_hour"),
        yaxis_title=t("queues.snap.axis_people"),
        legend={"orientation": "h", "y": -0.2},
    )
    counters, waiting = "snapshot_counters_mean", "snapshot_waiting_mean"
    fig.add_bar(x=means.index, y=means[counters], name=labels[counters], marker_color=PALETTE[2])
    fig.add_scatter(x=means.index, y=means[waiting], name=labels[waiting], line_color=PALETTE[0])
    fig.update_xaxes(dtick=1)
    return fig
