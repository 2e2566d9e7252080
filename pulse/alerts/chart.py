"""The small chart an alert carries: the unit's recent points, its control limits, and the
reference the condition passed (target, limit), as a PNG for e-mail and the Alerts page."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from pulse import i18n
from pulse.alerts.conditions import Finding
from pulse.export import images, theme
from pulse.i18n import t
from pulse.ui import charts
from pulse.ui import format as fmt

WIDTH, HEIGHT = 640, 360  # small enough for a mail client's reading pane


def figure(finding: Finding, title: str) -> go.Figure:
    """The points with their control limits; the newest point marked."""
    m = finding.rule.metric
    points = finding.series
    scale = fmt.plain(m, 1.0) or 1.0
    fig = charts.figure(title)
    if points.empty:
        return fig
    x = points["bucket_end"]
    fig.add_trace(
        go.Scatter(
            x=x, y=points["upper"] * scale, mode="lines", line={"color": theme.REFERENCE,
            "dash": "dash", "width": 1}, name=t("alerts.chart.limits"),
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=x, y=points["lower"] * scale, mode="lines", line={"color": theme.REFERENCE,
            "dash": "dash", "width": 1}, showlegend=False,
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=x, y=points["value"] * scale, mode="lines+markers",
            line={"color": theme.BLUE}, name=m.label(i18n.language()),
            showlegend=False,  # the title names it: the legend keeps to one line at 640 px
        )
    )  # fmt: skip
    last = points.iloc[-1]
    fig.add_trace(
        go.Scatter(
            x=[last["bucket_end"]], y=[last["value"] * scale], mode="markers",
            marker={"color": theme.RED if finding.firing else theme.GREEN, "size": 12},
            showlegend=False,
        )
    )  # fmt: skip
    if finding.rule.condition in ("target", "funnel") and np.isfinite(finding.reference):
        # the reference the sentence names, across the chart and named in its legend
        reference = t(f"alerts.chart.{finding.rule.condition}")
        fig.add_trace(
            go.Scatter(
                x=[x.min(), x.max()], y=[finding.reference * scale] * 2, mode="lines",
                line={"color": theme.TARGET, "width": 1}, name=reference,
            )
        )  # fmt: skip
    if finding.rule.condition == "funnel" and np.isfinite(finding.value):
        # a funnel judges the window's value, not the weekly points: drawn over its days
        fig.add_trace(
            go.Scatter(
                x=[finding.start, finding.end], y=[finding.value * scale] * 2, mode="lines",
                line={"color": theme.RED if finding.firing else theme.GREEN, "width": 3},
                name=t("alerts.chart.window", days=(finding.end - finding.start).days + 1),
            )
        )  # fmt: skip
    return fig


def png(finding: Finding, title: str, caption: str) -> bytes | None:
    """The chart as a PNG, or None when there are no points to draw."""
    if finding.series.empty:
        return None
    stamp = theme.Stamp(title=title, caption=caption, n=t("alerts.chart.n", n=fmt.count(finding.n)))
    return images.render(figure(finding, title), "png", stamp, width=WIDTH, height=HEIGHT, scale=1)
