"""The Complaints page's headline, the regulator's figures, the category Pareto with its drill
into subcategories, the trend by category, the channel mix and attitude complaints by hall."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from pulse import catalog, describe, events, kpis
from pulse.complaints import data as complaints
from pulse.complaints import exports
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import charts, codes, fragment, notices, show, tiles
from pulse.ui import format as fmt
from pulse.ui.context import Context

CATEGORY_KEY = "complaints_category"
CATEGORY_COLORS = dict(zip(complaints.CATEGORIES, charts.PALETTE, strict=False))


def headline(ctx: Context, data: kpis.Tiles) -> None:
    """Ten tiles: volume and rates against target, then the lifecycle."""
    cmp_label = t(f"compare.short.{ctx.filter.compare}")
    rows = data.rows.to_dict("records")
    for start in range(0, len(rows), tiles.PER_ROW):
        columns = st.columns(tiles.PER_ROW)
        for column, row in zip(columns, rows[start : start + tiles.PER_ROW], strict=False):
            with column:
                tiles.tile(
                    row,
                    data.sparklines.get(row["metric_id"]),
                    data.not_applied.get(row["metric_id"], []),
                    cmp_label,
                )


def category_names(ctx: Context) -> tuple[dict[str, str], dict[str, str]]:
    """Category and subcategory names in the reader's language."""
    frame = complaints.names(ctx.store)
    zh = ctx.lang == "zh"
    cats = dict(
        zip(frame["category_id"], frame["category_zh" if zh else "category_en"], strict=True)
    )
    return cats, codes.subcategories(ctx)


def regulator(ctx: Context, data: kpis.Tiles) -> None:
    """Complaints escalated to the regulator per million subscribers per quarter, beside the
    regulator's published figures for operators and the industry."""
    row = data.row("regulator_per_million")
    bench = complaints.regulator_benchmarks(ctx.store)
    if not row or bench.empty:
        return
    metric = catalog.metric("regulator_per_million")
    subject = "subject_zh" if ctx.lang == "zh" else "subject_en"
    labels = [f"{r[subject]} {r['period_label']}" for r in bench.to_dict("records")]
    ours = t("complaints.ours")
    fig = charts.figure(height=120 + 34 * (len(labels) + 1))
    fig.add_bar(
        y=labels,
        x=bench["value"],
        orientation="h",
        name=t("complaints.published"),
        marker_color=theme.GREY,
        text=[fmt.number(v, 1) for v in bench["value"]],
        textposition="outside",
        customdata=bench["source"],
        hovertemplate="%{y}: %{x:.1f}<br>%{customdata}<extra></extra>",
    )
    value = row.get("value")
    ours_row = None
    if value is not None and not pd.isna(value):
        ours_row = {
            "subject": ours,
            "period": describe.span(ctx.period.start, ctx.period.end),
            "value": value,
            "low": row.get("low"),
            "high": row.get("high"),
            "target": row.get("target"),
        }
        fig.add_bar(
            y=[ours],
            x=[value],
            orientation="h",
            name=ours,
            marker_color=charts.PALETTE[0],
            text=[fmt.number(value, 1)],
            textposition="inside",
            insidetextanchor="start",
            error_x=charts.whiskers(value, row["low"], row["high"]),
        )
    if not pd.isna(row.get("target", np.nan)):
        fig.add_vline(x=row["target"], line={"dash": "dash", "color": charts.TARGET})
        fig.add_annotation(
            x=row["target"],
            y=1,
            yref="paper",
            text=t("complaints.target_line", value=fmt.number(row["target"], 1)),
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"color": charts.TARGET},
        )
    fig.update_layout(xaxis={"title": metric.label(ctx.lang)}, margin={"l": 10}, showlegend=False)
    show.chart(
        fig,
        show.Meta(
            t("complaints.regulator_title"),
            metric.definition(ctx.lang),
            n=row.get("n"),
            notes=(t("complaints.sources", sources=codes.benchmark_sources(bench)),),
            name="regulator_per_million",
        ),
        key="complaints_regulator",
        data=partial(exports.regulator, bench, ctx.lang, ours_row),
    )


def _select_category() -> None:
    event = st.session_state.get("complaints_pareto")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points and points[0].get("customdata"):
        st.session_state[CATEGORY_KEY] = points[0]["customdata"][0]


@fragment.section
def pareto(ctx: Context) -> None:
    """Complaints by category, largest first with the cumulative share; clicking a bar (or
    choosing it below) drills into that category's subcategories."""
    cats, subs = category_names(ctx)
    options = ["", *complaints.CATEGORIES]
    if st.session_state.get(CATEGORY_KEY) not in options:
        st.session_state[CATEGORY_KEY] = ""
    chosen = st.session_state.get(CATEGORY_KEY) or None
    frame, not_applied = complaints.pareto(ctx.store, ctx.filter, ctx.period, chosen)
    names = subs if chosen else cats
    if frame.empty:
        st.info(t("complaints.no_category", category=cats.get(chosen, chosen or "")))
    else:
        _pareto_chart(ctx, frame, chosen, names, cats, not_applied)
    st.selectbox(
        t("complaints.drill"),
        options,
        key=CATEGORY_KEY,
        format_func=lambda c: cats.get(c, c) if c else t("complaints.all_categories"),
    )


def _pareto_chart(ctx, frame, chosen, names, cats, not_applied) -> None:
    labels = [names.get(k, k) for k in frame["key"]]
    colors = (
        [CATEGORY_COLORS.get(chosen, charts.PALETTE[0])] * len(frame)
        if chosen
        else [CATEGORY_COLORS.get(k, charts.PALETTE[0]) for k in frame["key"]]
    )
    marks = []
    for row in frame.to_dict("records"):
        mark = ""
        if pd.notna(row.get("p_value")) and row["p_value"] < 0.05 and np.isfinite(row["change"]):
            mark = f" {'▲' if row['change'] > 0 else '▼'}{fmt.share(row['change'], 0, signed=True)}"
        marks.append(f"{fmt.count(row['n'])}{mark}")
    fig = charts.figure(height=400)
    fig.add_bar(
        x=labels,
        y=frame["n"],
        name=t("complaints.count"),
        marker_color=colors,
        text=marks,
        # at the foot of the bar: the comparison diamonds sit at its top and the cumulative
        # line crosses its upper part, and the numbers printed there were covered
        textposition="inside",
        insidetextanchor="start",
        textfont={"color": "white"},
        customdata=np.column_stack([frame["key"], frame["share"] * 100]),
        hovertemplate="%{x}: %{y:,.0f} (%{customdata[1]:.1f}%)<extra></extra>",
    )
    if ctx.period.cmp_start:
        scaled = frame["cmp_n"] * ctx.period.days / ctx.period.cmp_days
        fig.add_scatter(
            x=labels,
            y=scaled,
            mode="markers",
            name=t("complaints.cmp_scaled"),
            marker={"symbol": "diamond-open", "size": 12, "color": theme.INK},
            hovertemplate="%{x}: %{y:,.1f}<extra></extra>",
        )
    fig.add_scatter(
        x=labels,
        y=frame["cum_share"] * 100,
        mode="lines+markers",
        name=t("complaints.cumulative"),
        yaxis="y2",
        line={"color": charts.PALETTE[3]},
        hovertemplate="%{x}: %{y:.0f}%<extra></extra>",
    )
    fig.update_layout(
        yaxis={"title": t("complaints.count")},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "dtick": 20,
            "ticksuffix": "%",
            "showgrid": False,
        },
    )
    title = (
        t("complaints.pareto_sub_title", category=cats.get(chosen, chosen))
        if chosen
        else t("complaints.pareto_title")
    )
    show.chart(
        fig,
        show.Meta(
            title,
            t("complaints.pareto_definition"),
            n=float(frame["n"].sum()),
            notes=notices.not_filtered(not_applied),
            name="complaints_pareto" + (f"_{chosen}" if chosen else ""),
        ),
        key=f"complaints_pareto_{chosen}" if chosen else "complaints_pareto",
        data=partial(
            exports.pareto,
            frame,
            names,
            "subcategory" if chosen else "category",
            ctx.period.days,
            ctx.period.cmp_days,
        ),
        on_select="ignore" if chosen else _select_category,
    )


def trend(ctx: Context) -> None:
    """Complaints per category by day or week, with the outages and promotions in view."""
    frame, grain = complaints.trend(ctx.store, ctx.filter, ctx.period)
    if frame.empty:
        return
    cats, _ = category_names(ctx)
    fig = charts.figure(height=380, barmode="stack")
    for category in complaints.CATEGORIES:
        part = frame[frame["category"] == category]
        if part.empty:
            continue
        fig.add_bar(
            x=part["bucket"],
            y=part["n"],
            name=cats.get(category, category),
            marker_color=CATEGORY_COLORS[category],
            hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra>"
            + cats.get(category, category)
            + "</extra>",
        )
    found = events.in_period(ctx.store, ctx.filter, ctx.period)
    found = found[found["kind"].isin(("outage", "promotion", "initiative"))]
    rows = charts.event_label_rows(fig, found, ctx.lang)
    with charts.batch(fig):  # every band and name in one write
        for line, row in zip(rows, found.to_dict("records"), strict=True):
            color = {"outage": "rgba(214,69,69,0.15)", "promotion": "rgba(230,159,0,0.12)"}.get(
                row["kind"], "rgba(0,114,178,0.10)"
            )
            # bars are centred on their day (or week start): the span covers whole bars
            half = pd.Timedelta(hours=12) if grain == "D" else pd.Timedelta(days=3.5)
            fig.add_vrect(
                x0=pd.Timestamp(row["starts_on"]) - half,
                x1=pd.Timestamp(row["ends_on"]) + half,
                fillcolor=color,
                line_width=0,
                layer="below",
                annotation_text=row["title_zh"] if ctx.lang == "zh" else row["title_en"],
                annotation_position="top left",
                annotation_font_size=11,
                annotation_yshift=-15 * line,  # names of nearby events on lines of their own
            )
    fig.update_layout(yaxis={"title": t("complaints.count")}, bargap=0.1)
    show.chart(
        fig,
        show.Meta(
            t(f"complaints.trend_title_{grain}"),
            t("complaints.trend_definition"),
            n=float(frame["n"].sum()),
            name="complaints_by_category_over_time",
        ),
        key="complaints_trend",
        data=partial(exports.trend, frame, cats, grain),
    )
