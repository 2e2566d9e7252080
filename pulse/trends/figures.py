"""Plotly figures of the Trends page: lines with interval bands, overlays, targets, industry
figures and events; control charts; STL decompositions. Values are drawn in the unit people
read (percent, minutes), as pulse.ui.format shows them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pulse import control
from pulse.catalog import Metric
from pulse.export import theme
from pulse.i18n import language, t
from pulse.ui import charts, codes
from pulse.ui import format as fmt
from pulse.ui.charts import axis_title, scale

EVENT_COLOURS = {
    "outage": theme.RED,
    "initiative": theme.GREEN,
    "holiday": theme.GREY,
    "promotion": theme.AMBER,
}
TOTAL = theme.INK
FEW_LINES = 3  # split lines drawn at first beside the total; the others wait in the legend
LINE_COLOURS = [c for c in theme.PALETTE if c != theme.BLACK] + theme.MORE_SERIES


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def standing_out(
    metric: Metric, lines: list[tuple[str, pd.DataFrame, bool]], window: tuple | None
) -> list[str]:
    """The split lines a reader looks for first: the FEW_LINES furthest from the total on the
    worse side (either side for a volume) on average over the window (the chosen period, or
    the whole history when None), worst first. Every line when there are no more than that."""
    total = next((points for _, points, is_total in lines if is_total), None)
    split = [(name, points) for name, points, is_total in lines if not is_total]
    if total is None or len(split) <= FEW_LINES:
        return [name for name, _ in split]
    sign = {True: -1.0, False: 1.0, None: 0.0}[metric.higher_is_better]
    # numpy and a dict, not an index per line: aligning each of 27 lines on the total's
    # buckets in pandas took a tenth of the Trends page's run
    at_total = total["bucket"].to_numpy()
    base = dict(zip(at_total, total["value"].to_numpy(dtype=float), strict=True))
    if window is not None:
        lo, hi = (np.datetime64(pd.Timestamp(day).date(), "D") for day in window)
    gaps = []
    for name, points in split:
        whole = ~points["partial"].to_numpy(dtype=bool)  # part-periods do not compare
        at = points["bucket"].to_numpy()[whole].astype(at_total.dtype)
        value = points["value"].to_numpy(dtype=float)[whole]
        if window is not None:
            days = at.astype("datetime64[D]")
            inside = (days >= lo) & (days <= hi)
            if inside.any():
                at, value = at[inside], value[inside]
        gap = value - np.array([base.get(a, np.nan) for a in at], dtype=float)
        gap = gap[~np.isnan(gap)]
        worse = (gap.mean() * sign if sign else np.abs(gap).mean()) if len(gap) else np.nan
        gaps.append((-worse if pd.notna(worse) else np.inf, name))
    return [name for _, name in sorted(gaps)[:FEW_LINES]]


def line_figure(
    metric: Metric,
    lines: list[tuple[str, pd.DataFrame, bool]],
    overlays: list[tuple[str, pd.DataFrame]],
    target_steps: pd.DataFrame,
    industry: pd.DataFrame,
    events: pd.DataFrame,
    shade: tuple | None,
    drawn: list[str] | None = None,
) -> go.Figure:
    """One metric's chart. lines: (name, points, is_total); a split draws every line with a
    light band and the total in black. Partial buckets are hollow markers. Split lines not in
    `drawn` (None: all) start hidden: a click on their name in the legend draws them."""
    k = scale(metric)
    fig = charts.figure(height=430)
    many = len(lines) > 1
    for i, (name, points, is_total) in enumerate(lines):
        colour = TOTAL if (is_total and many) else LINE_COLOURS[(i - many) % len(LINE_COLOURS)]
        visible = True if is_total or drawn is None or name in drawn else "legendonly"
        _band(fig, points, k, colour, 0.08 if many else 0.18, name, visible)
        full = points[~points["partial"]]
        fig.add_scatter(
            x=points["bucket"],
            y=points["value"] * k,
            mode="lines+markers" if len(points) < 60 else "lines",
            name=name,
            legendgroup=name,
            visible=visible,
            line={"color": colour, "width": 3 if is_total else 1.8},
            marker={"size": 5},
            customdata=np.c_[points["n"], points["low"] * k, points["high"] * k],
            hovertemplate="%{x|%Y-%m-%d}: %{y:.2f} ("
            + t("trends.hover_ci")
            + " %{customdata[1]:.2f}–%{customdata[2]:.2f}, n = %{customdata[0]:,.0f})",
        )
        partial = points[points["partial"]]
        if len(partial) and len(full):
            fig.add_scatter(
                x=partial["bucket"],
                y=partial["value"] * k,
                mode="markers",
                marker={"symbol": "circle-open", "size": 9, "color": colour},
                name=t("trends.partial"),
                legendgroup=name,
                visible=visible,
                showlegend=False,
                hovertemplate="%{x|%Y-%m-%d}: %{y:.2f} · " + t("trends.partial"),
            )
    for i, (name, points) in enumerate(overlays):
        fig.add_scatter(
            x=points["bucket"],
            y=points["value"] * k,
            mode="lines",
            name=name,
            line={
                "color": (theme.REFERENCE, theme.REFERENCE_ALT)[i % 2],
                "dash": "dot",
                "width": 1.6,
            },
            hovertemplate="%{x|%Y-%m-%d}: %{y:.2f} · " + name,
        )
    _targets(fig, target_steps, k)
    with charts.batch(fig):  # the industry lines, event bands and names in one write
        _industry(fig, metric, industry, k)
        _events(fig, events)
        if shade:
            fig.add_vrect(
                x0=shade[0],
                x1=shade[1],
                fillcolor="rgba(0, 114, 178, 0.06)",
                line_width=0,
                layer="below",
            )
    fig.update_layout(yaxis_title=axis_title(metric), hovermode="x unified", showlegend=True)
    charts.date_axis(fig, language())
    return fig


def _band(fig, points, k, colour, alpha, name, visible=True) -> None:
    ok = points[points["low"].notna() & points["high"].notna()]
    if ok.empty:
        return
    bucket = ok["bucket"].to_numpy()
    fig.add_scatter(
        x=np.concatenate([bucket, bucket[::-1]]),
        y=np.concatenate([ok["high"].to_numpy() * k, ok["low"].to_numpy()[::-1] * k]),
        fill="toself",
        fillcolor=_rgba(colour, alpha),
        line={"width": 0},
        hoverinfo="skip",
        legendgroup=name,
        visible=visible,
        showlegend=False,
        name=t("trends.band"),
    )


def _targets(fig, steps: pd.DataFrame, k: float) -> None:
    for i, row in enumerate(steps.itertuples()):
        fig.add_scatter(
            x=[row.starts_on, row.ends_on],
            y=[row.value * k, row.value * k],
            mode="lines",
            line={"color": charts.TARGET, "dash": "dash", "width": 1.5},
            name=t("trends.target", level=t(f"trends.level.{row.level}")),
            legendgroup="target",
            showlegend=i == 0,
            hovertemplate=t(
                "trends.target_hover", value="%{y:.2f}", source=codes.target_source(row.source)
            ),
        )


def _industry(fig, metric: Metric, rows: pd.DataFrame, k: float) -> None:
    zh = language() == "zh"
    for row in rows.itertuples():
        subject = row.subject_zh if zh else row.subject_en
        label = t(
            "trends.industry_line",
            subject=subject,
            market=t(f"benchmarks.market.{row.market}"),
            period=row.period_label,
            value=fmt.value(metric, row.value),
        )
        fig.add_hline(
            y=row.value * k,
            line={"color": theme.REFERENCE, "dash": "dot", "width": 1},
            annotation_text=label,
            annotation_position="right",
            annotation_font_size=10,
        )


def _events(fig, events: pd.DataFrame) -> None:
    """Shade every event; name the outages and initiatives once each, each name on the first
    line where it does not run into the one before (charts.event_label_rows)."""
    zh = language() == "zh"
    title = "title_zh" if zh else "title_en"
    # one event per kind, title and days: the same event logged for several cities is one
    events = events.drop_duplicates(["kind", title, "starts_on", "ends_on"])
    for row in events.itertuples():
        colour = EVENT_COLOURS.get(row.kind, theme.GREY)
        start, end = pd.Timestamp(row.starts_on), pd.Timestamp(row.ends_on)
        fig.add_vrect(
            x0=start,
            x1=end + pd.Timedelta(days=1),
            fillcolor=_rgba(colour, 0.12),
            line={"color": colour, "width": 1},
            layer="below",
        )
    named = events[events["kind"].isin(["outage", "initiative"])].sort_values("starts_on")
    labelled = named.assign(
        **{
            title: [
                f"{t('event.' + k)}: {v}" for k, v in zip(named["kind"], named[title], strict=True)
            ]
        }
    )
    rows = charts.event_label_rows(fig, labelled, "zh" if zh else "en")
    for row, line in zip(labelled.itertuples(), rows, strict=True):
        fig.add_annotation(
            x=pd.Timestamp(row.starts_on),
            y=0.99 - 0.07 * line,
            yref="paper",
            text=getattr(row, title),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 10, "color": EVENT_COLOURS.get(row.kind, theme.GREY)},
            bgcolor="rgba(255, 255, 255, 0.75)",
        )


def control_figure(metric: Metric, chart: control.Chart, points: pd.DataFrame, found):
    """A control chart: points, centre, limits, and its signals marked (red outside the
    limits, orange for a sustained shift)."""
    k = 1.0 if chart.chart == "u" and metric.kind == "count" else scale(metric)
    x = points["bucket"]
    fig = charts.figure(height=360)
    fig.add_scatter(
        x=x, y=chart.upper * k, mode="lines", line={"color": theme.RED, "width": 1,
                                                     "shape": "hv"},
        name=t("trends.control.upper"),
    )  # fmt: skip
    fig.add_scatter(
        x=x, y=chart.lower * k, mode="lines", line={"color": theme.RED, "width": 1,
                                                     "shape": "hv"},
        name=t("trends.control.lower"),
    )  # fmt: skip
    fig.add_scatter(
        x=x, y=chart.centre * k, mode="lines", line={"color": theme.REFERENCE, "dash": "dash"},
        name=t("trends.control.centre"),
    )  # fmt: skip
    fig.add_scatter(
        x=x,
        y=chart.values * k,
        mode="lines+markers",
        line={"color": charts.PALETTE[0], "width": 1.5},
        marker={"size": 5},
        name=metric.label(language()),
        customdata=np.c_[points["n"]],
        hovertemplate="%{x|%Y-%m-%d}: %{y:.2f} (n = %{customdata[0]:,.0f})",
    )
    out = found[found["signal"].isin(["above", "below"])] if len(found) else found
    shifts = found[found["signal"].str.startswith("shift")] if len(found) else found
    for frame, colour, name in (
        (out, theme.RED, t("trends.control.outside")),
        (shifts, theme.AMBER, t("trends.control.shift")),
    ):
        if len(frame):
            fig.add_scatter(
                x=frame["starts_on"],
                y=frame["value"] * k,
                mode="markers",
                marker={"size": 12, "color": colour, "symbol": "circle-open", "line":
                        {"width": 2.5}},
                name=name,
            )  # fmt: skip
    title = axis_title(metric) if not (chart.chart == "u" and metric.kind == "count") else None
    fig.update_layout(yaxis_title=title or metric.label(language()), hovermode="x unified")
    charts.date_axis(fig, language())
    return fig


def name_events(fig, metric: Metric, chart: control.Chart, found, names: dict) -> None:
    """Name on a control chart each event a signal is matched with, once, at the first
    signal it explains; `names` words each event by its id (sections.event_names)."""
    k = 1.0 if chart.chart == "u" and metric.kind == "count" else scale(metric)
    named = set()
    with charts.batch(fig):  # the names in one write
        for r in found.itertuples():
            if r.event_ids and r.event_ids[0] not in named:
                named.add(r.event_ids[0])
                fig.add_annotation(
                    x=r.starts_on,
                    y=r.value * k,
                    text=names[r.event_ids[0]],
                    arrowhead=2,
                    font={"size": 10},
                    bgcolor="rgba(255,255,255,0.8)",
                )


def stl_figure(metric: Metric, parts: pd.DataFrame) -> go.Figure:
    """Observed, trend, season and remainder, stacked."""
    k = scale(metric)
    names = ("observed", "trend", "seasonal", "resid")
    fig = charts.subplots(
        rows=4, cols=1, shared_xaxes=True, vertical_spacing=0.04,
        subplot_titles=[t(f"trends.stl.{n}") for n in names],
    )  # fmt: skip
    for i, name in enumerate(names, start=1):
        fig.add_scatter(
            x=parts.index,
            y=parts[name] * k,
            mode="lines",
            line={"color": charts.PALETTE[i - 1], "width": 1.4},
            name=t(f"trends.stl.{name}"),
            row=i,
            col=1,
        )
    fig.update_layout(height=620, showlegend=False)
    charts.date_axis(fig, language())
    return fig
