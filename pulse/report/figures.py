"""The report's charts, built from data with the house template (pulse.ui.charts): a trend with
its interval band, target and comparison lines and the events in the period; cities against
their targets with intervals; our figure against published benchmarks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pulse import i18n
from pulse.catalog import Metric
from pulse.export import theme
from pulse.i18n import t
from pulse.report import words
from pulse.ui import charts
from pulse.ui import format as fmt

GREY = charts.STATUS["unknown"]
EVENT_FILL = {
    "outage": theme.TINT_RED,
    "initiative": theme.TINT_GREEN,
    "holiday": theme.GRID,
    "promotion": theme.TINT_AMBER,
}


def _plain(metric: Metric, series) -> list[float | None]:
    return [fmt.plain(metric, v) for v in series]


def trend(
    metric: Metric,
    frame: pd.DataFrame,
    grain: str,
    *,
    target: float | None,
    before: float | None,
    compare: str,
    events: pd.DataFrame,
) -> go.Figure:
    """One metric by day, week or month: value, 95% band, target and comparison lines, events
    as shaded spans. Points with too few observations are drawn hollow and grey."""
    fig = charts.figure()
    x = pd.to_datetime(frame["bucket"])
    low, high = _plain(metric, frame["low"]), _plain(metric, frame["high"])
    fig.add_scatter(
        x=x, y=high, mode="lines", line={"width": 0}, hoverinfo="skip", showlegend=False
    )
    fig.add_scatter(
        x=x,
        y=low,
        mode="lines",
        line={"width": 0},
        fill="tonexty",
        fillcolor=charts.BAND,
        name=t("report.chart.interval"),
        hoverinfo="skip",
    )
    enough = frame["enough_n"].astype(bool).tolist()
    fig.add_scatter(
        x=x,
        y=_plain(metric, frame["value"]),
        mode="lines+markers",
        name=metric.label(i18n.language()),
        line={"color": charts.PALETTE[0], "width": 2.5},
        marker={
            "size": 7,
            "color": [charts.PALETTE[0] if ok else "white" for ok in enough],
            "line": {"color": [charts.PALETTE[0] if ok else GREY for ok in enough], "width": 1.5},
        },
        customdata=frame["n"],
        hovertemplate="%{x}<br>%{y}<br>n = %{customdata:,.0f}<extra></extra>",
    )
    if not words.missing(target):
        fig.add_hline(y=fmt.plain(metric, target), line={"color": charts.TARGET, "dash": "dot"})
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=t("report.chart.target"),
            line={"color": charts.TARGET, "dash": "dot"},
        )
    if not words.missing(before) and compare != "none":
        fig.add_hline(y=fmt.plain(metric, before), line={"color": GREY, "dash": "dash"})
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=t(f"report.chart.before_{compare}"),
            line={"color": GREY, "dash": "dash"},
        )
    _events(fig, events)
    fig.update_layout(yaxis_title=words.axis_title(metric), xaxis_title=t(f"report.grain.{grain}"))
    if metric.format == "pct1":
        fig.update_yaxes(ticksuffix="%")
    if i18n.language() == "zh":  # plotly words dates in English otherwise
        fig.update_xaxes(tickformat="%Y年%-m月" if grain == "month" else "%-m月%-d日")
    return fig


def _events(fig: go.Figure, events: pd.DataFrame) -> None:
    with charts.batch(fig):  # every band and name in one write
        zh = i18n.language() == "zh"
        for i, e in enumerate(events.to_dict("records")):
            start = pd.Timestamp(e["starts_on"])
            end = pd.Timestamp(e["ends_on"]) + pd.Timedelta(days=1)
            fig.add_vrect(
                x0=start,
                x1=end,
                fillcolor=EVENT_FILL.get(e["kind"], theme.GRID),
                opacity=0.6,
                layer="below",
                line_width=0,
            )
            fig.add_annotation(
                x=start,
                y=1 - 0.07 * (i % 3),
                yref="paper",
                xanchor="left",
                yanchor="top",
                text=e["title_zh"] if zh else e["title_en"],
                showarrow=False,
                font={"size": 11, "color": theme.MUTED},
            )


def by_place(metric: Metric, frame: pd.DataFrame, names: dict[str, str], key: str) -> go.Figure:
    """One metric by city (or hall): dots with 95% intervals coloured by status against each
    place's target, target marks, best at the top."""
    fig = charts.figure()
    rows = frame[frame["value"].notna()].copy()
    ascending = metric.higher_is_better is not False
    rows = rows.sort_values("value", ascending=ascending)
    y = [names.get(k, k) for k in rows[key]]
    values = _plain(metric, rows["value"])
    colours = [
        charts.STATUS[s if ok else "unknown"]
        for s, ok in zip(rows["status"], rows["enough_n"], strict=True)
    ]
    fig.add_scatter(
        x=values,
        y=y,
        mode="markers",
        name=metric.label(i18n.language()),
        marker={"size": 12, "color": colours},
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [
                h - v if h is not None and v is not None else None
                for h, v in zip(_plain(metric, rows["high"]), values, strict=True)
            ],
            "arrayminus": [
                v - lo if lo is not None and v is not None else None
                for lo, v in zip(_plain(metric, rows["low"]), values, strict=True)
            ],
            "color": theme.MUTED,
            "thickness": 1.2,
        },
        customdata=rows["n"],
        hovertemplate="%{y}: %{x}<br>n = %{customdata:,.0f}<extra></extra>",
        showlegend=False,
    )
    if rows["target"].notna().any():
        fig.add_scatter(
            x=_plain(metric, rows["target"]),
            y=y,
            mode="markers",
            name=t("report.chart.target"),
            marker={
                "symbol": "line-ns",
                "size": 18,
                "line": {"width": 2.5, "color": charts.TARGET},
            },
        )
    fig.update_layout(xaxis_title=words.axis_title(metric), height=max(420, 38 * len(y) + 160))
    fig.update_yaxes(automargin=True)
    if metric.format == "pct1":
        fig.update_xaxes(ticksuffix="%")
    return fig


def benchmarks(metric: Metric, rows: pd.DataFrame, ours: dict | None, ours_label: str):
    """Published figures for a metric as bars, with ours (and its interval) on top."""
    zh = i18n.language() == "zh"
    labels = [
        f"{r['subject_zh' if zh else 'subject_en']} · {r['period_label']}"
        + (f" · {words.code_label('report.market', r['market'])}" if r["market"] else "")
        for r in rows.to_dict("records")
    ]
    fig = charts.figure()
    fig.add_bar(
        x=rows["value"].tolist(),
        y=labels,
        orientation="h",
        marker_color=GREY,
        name=t("report.chart.published"),
        text=[fmt.as_published(v) for v in rows["value"]],
        textposition="outside",
    )
    if ours is not None and not words.missing(ours.get("value")):
        value = ours["value"]
        fig.add_bar(
            x=[value],
            y=[ours_label],
            orientation="h",
            marker_color=charts.PALETTE[0],
            name=ours_label,
            text=[fmt.value(metric, value)],
            textposition="outside",
            error_x=charts.whiskers(value, ours["low"], ours["high"]),
        )
    fig.update_layout(
        xaxis_title=words.axis_title(metric),
        barmode="overlay",
        height=max(420, 40 * (len(labels) + 1) + 160),
    )
    fig.update_yaxes(automargin=True, autorange="reversed")
    return fig
