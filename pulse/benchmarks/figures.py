"""Plotly figures of the Benchmarks page: the funnel plot and the industry comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pulse.benchmarks import data as benchmarks
from pulse.export import theme
from pulse.i18n import language, t
from pulse.ui import charts, codes
from pulse.ui import format as fmt
from pulse.ui.charts import axis_title, scale

INSIDE, BETTER, WORSE, NEUTRAL = theme.BLUE, theme.GREEN, theme.RED, theme.AMBER


def _colour(differs: int, higher_is_better: bool | None) -> str:
    """Blue within chance; green or red outside, by whether it is better or worse."""
    if differs == 0:
        return INSIDE
    if higher_is_better is None:
        return NEUTRAL
    return BETTER if (differs > 0) == higher_is_better else WORSE


def funnel_figure(league: benchmarks.League, names: dict[str, str]) -> go.Figure:
    """Each unit's value against its n (or exposure), with 95% and 99.8% limits around the
    centre; points outside 95% are red, outside 99.8% larger. customdata[0] is the unit id,
    which a click hands back."""
    metric = league.metric
    k = scale(metric)
    units = league.units[league.units["funnel_x"] > 0]
    fig = charts.figure(height=480)
    if units.empty:
        return fig
    lo, hi = float(units["funnel_x"].min()), float(units["funnel_x"].max())
    grid = np.geomspace(max(lo * 0.7, 1e-9), hi * 1.3, 160)
    for confidence, dash in ((0.95, "dash"), (0.998, "dot")):
        low, high = benchmarks.limits(league, grid, confidence)
        label = t("benchmarks.funnel.limit", level=fmt.level(confidence))
        for i, bound in enumerate((low, high)):
            fig.add_scatter(
                x=grid,
                y=np.asarray(bound) * k,
                mode="lines",
                line={"color": theme.REFERENCE, "dash": dash, "width": 1.2},
                name=label,
                legendgroup=label,
                showlegend=i == 0,
                hoverinfo="skip",
            )
    fig.add_hline(
        y=league.centre * k,
        line={"color": theme.INK, "width": 1.5},
        annotation_text=t("benchmarks.funnel.centre", value=fmt.value(metric, league.centre)),
        annotation_position="top left",
    )
    enough = units["enough_n"].astype(bool)
    for shown, name, symbol in (
        (units[enough], t("benchmarks.funnel.units"), "circle"),
        (units[~enough], t("benchmarks.funnel.too_few"), "circle-open"),
    ):
        if shown.empty:
            continue
        fig.add_scatter(
            x=shown["funnel_x"],
            y=shown["value"] * k,
            mode="markers+text",
            text=_labels(shown, names),
            textposition=_label_positions(shown),
            textfont={"size": 9},
            marker={
                "size": np.where(shown["strongly"], 13, 9),
                "color": [_colour(int(d), metric.higher_is_better) for d in shown["differs"]],
                "symbol": symbol,
                "line": {"width": 1, "color": "white"},
            },
            customdata=np.c_[shown["unit"], [names.get(u, u) for u in shown["unit"]]],
            hovertemplate="%{customdata[1]}: %{y:.2f} (x = %{x:,.0f})<extra></extra>",
            name=name,
            # the colour legend below says what the filled points mean; the open ones keep theirs
            showlegend=symbol != "circle",
        )
    _colour_legend(fig, units, metric.higher_is_better)
    fig.update_layout(
        xaxis={
            **charts.log_axis(lo * 0.7, hi * 1.3),
            "title": t(f"benchmarks.funnel.x_{league.funnel_kind}"),
        },
        yaxis_title=axis_title(metric),
        clickmode="event+select",
    )
    return fig


def _colour_legend(fig: go.Figure, units: pd.DataFrame, higher_is_better) -> None:
    """Legend entries for the point colours in use (the points' own traces are split by n,
    not by colour): within the limits, better or worse beyond them."""
    seen = {_colour(int(d), higher_is_better) for d in units["differs"]}
    for colour, key in ((INSIDE, "inside"), (BETTER, "better"), (WORSE, "worse"),
                        (NEUTRAL, "outside")):  # fmt: skip
        if colour in seen:
            fig.add_scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"color": colour, "size": 9},
                name=t(f"benchmarks.funnel.legend_{key}"),
                hoverinfo="skip",
            )


LABELLED = 8  # names printed on at most this many points; every point names itself on hover


def _labels(units: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """Names on the points beyond the 95% limits; when they are more than LABELLED, on those
    beyond 99.8% only, at most LABELLED (in the league's order), so names do not print over
    each other. Every point names itself on hover."""
    named = units["differs"].astype(bool)
    if named.sum() > LABELLED:
        named &= units["strongly"].astype(bool)
    keep = set(units.index[named][:LABELLED])
    return [
        names.get(u, u) if i in keep else ""
        for i, u in zip(units.index, units["unit"], strict=True)
    ]


def _label_positions(units: pd.DataFrame) -> list[str]:
    """Named points take turns above and below, in order of x, so that neighbours' names
    (the big units crowd at the right) do not print over each other."""
    order = np.argsort(units["funnel_x"].to_numpy(), kind="stable")
    named = units["differs"].astype(bool).to_numpy()
    turn = np.empty(len(units), dtype=int)
    turn[order] = np.cumsum(named[order])
    return ["top center" if k % 2 else "bottom center" for k in turn]


def industry_figure(metric, company: float, low: float, high: float, rows: pd.DataFrame):
    """The company's value (with its interval) beside each published industry figure."""
    k = scale(metric)
    zh = language() == "zh"
    labels = [
        f"{r.subject_zh if zh else r.subject_en} · {t('benchmarks.market.' + r.market)} "
        f"{r.period_label}"
        for r in rows.itertuples()
    ]
    fig = charts.figure(height=max(260, 40 * (len(rows) + 1)))
    fig.add_bar(
        y=labels,
        x=rows["value"] * k,
        orientation="h",
        marker_color=theme.GREY,
        name=t("benchmarks.industry.published"),
        customdata=np.c_[rows["source"].map(codes.benchmark_source), rows["source_year"]],
        hovertemplate="%{y}: %{x:.2f} · %{customdata[0]} (%{customdata[1]})<extra></extra>",
    )
    fig.add_bar(
        y=[t("benchmarks.industry.ours")],
        x=[company * k],
        orientation="h",
        marker_color=charts.PALETTE[0],
        error_x=charts.whiskers(company, low, high, k),
        name=t("benchmarks.industry.ours"),
    )
    fig.update_layout(xaxis_title=axis_title(metric), barmode="overlay", showlegend=False)
    return fig
