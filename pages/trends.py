"""Trends: one to four metrics over time, with intervals, targets, industry figures, the
previous period and last year, the trend in words, control charts whose signals are matched
with the event log, and STL on request."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import describe, events, measures, trend_stats
from pulse.alerts import annotate
from pulse.i18n import sentences, t
from pulse.trends import data as trends
from pulse.trends import exports as trend_exports
from pulse.trends import figures as trend_charts
from pulse.trends import sections as trend_parts
from pulse.ui import codes, context, fragment, notices, show
from pulse.ui import format as fmt


def render() -> None:
    """Draw the Trends page for the current filter."""
    ctx = context.current()
    st.title(t("page.trends"))
    for notice in ctx.notices:
        st.warning(notice, icon=":material/link_off:")
    choice = trend_parts.controls(ctx)
    annotate.form(ctx, "trends_note")  # before the charts: a new annotation shows at once
    if not choice.metrics:
        st.info(t("trends.pick_metric"), icon=":material/show_chart:")
        return
    data = trends.build(
        ctx.store,
        choice.metrics,
        ctx.filter,
        ctx.period,
        grain=choice.grain,
        split=choice.split,
        window_choice=choice.window,
        overlays=choice.overlays,
    )
    span = describe.span(data.start, data.end)
    caption = describe.caption(ctx.filter, ctx.period, ctx.dims)
    st.caption(t("trends.window_caption", span=span, grain=t(f"trends.grains.{data.grain}")))
    if not data.has_data:
        st.info(t("trends.empty", caption=caption, span=span), icon=":material/search_off:")
        return
    # the window's events, cut and named once for every metric's lines
    found = trend_parts.Events(events.in_window(ctx.store, ctx.filter, data.start, data.end))
    for metric in data.metrics:
        _section(ctx, data, metric, found, choice)


def _names(ctx, split: str) -> dict:
    kind = {"city": "city", "segment": "segment", "channel": "channel"}.get(split)
    names = ctx.dims.labels(kind, ctx.lang) if kind else {}
    if split == "tier":
        names = {
            tier: t(f"benchmarks.tier.{tier}")
            for tier in ("flagship", "standard", "community", "rural")
        }
    return {**names, trends.NO_KEY: t(f"trends.no_key.{split}")}


def _scope(ctx) -> dict:
    f, halls = ctx.filter, ctx.dims.halls
    if len(f.halls) == 1:
        row = halls[halls["branch_id"] == f.halls[0]].iloc[0]
        return {"hall": row["branch_id"], "tier": row["tier"], "city": row["city_id"]}
    return {"city": f.cities[0]} if len(f.cities) == 1 else {}


def _section(ctx, data: trends.Trends, metric, events, choice) -> None:
    lang = ctx.lang
    st.subheader(metric.label(lang))
    total = data.line(metric.id)
    if total.empty or total["n"].fillna(0).sum() == 0:
        if measures.withheld(metric, ctx.filter):  # the scope cannot reach it: not "no data"
            st.info(sentences(t("access.withheld.tile"), t("access.withheld.help")),
                    icon=":material/block:")  # fmt: skip
        elif metric.kind == "rate" and ctx.filter.halls:
            st.info(t("trends.rate_halls"), icon=":material/info:")
        else:
            st.info(t("trends.metric_empty"), icon=":material/search_off:")
        return
    names = _names(ctx, data.split)
    keys = data.keys(metric.id)
    lines = [(t("trends.total"), total, True)]
    lines += [(names.get(k, k), data.line(metric.id, k), False) for k in keys]
    cities = {names.get(k, k): k for k in keys} if data.split == "city" else {}
    overlays = []
    for which, frame in data.overlays.items():
        part = frame[(frame["metric_id"] == metric.id) & frame["key"].isna()]
        overlays.append((t(f"trends.overlay.{which}"), part.sort_values("bucket")))
    found = trend_parts.trend_of(total, data.grain)
    st.markdown(f"**{t('trends.total')}:** {trend_parts.sentence(metric, found)}")
    steps = trends.target_steps(ctx.store, metric, data.start, data.end, _scope(ctx))
    industry = trends.industry(ctx.store, metric.id)
    shade = (ctx.period.start, ctx.period.end) if choice.window != "period" else None
    drawn = trend_charts.standing_out(metric, lines, shade)
    fig = trend_charts.line_figure(
        metric, lines, overlays, steps, industry, events.frame, shade, drawn
    )  # fmt: skip
    notes = [t("trends.partial_note")]
    if len(drawn) < len(keys):
        how = "apart" if metric.higher_is_better is None else "worse"
        notes.append(
            t("trends.lines_shown", lines=("、" if lang == "zh" else ", ").join(drawn),
              how=t(f"trends.lines_how.{how}"),
              when=t("trends.lines_when." + ("period" if shade else "history")),
              more=len(keys) - len(drawn))
        )  # fmt: skip
    if metric.id in data.unsplit:
        notes.append(t("trends.cannot_split", split=t(f"trends.splits.{data.split}")))
    notes += notices.not_filtered(data.not_applied.get(metric.id, []))
    for which, part in overlays:
        if part.empty:
            notes.append(t("trends.no_overlay_data", overlay=which))
    if len(industry):
        notes.append(t("trends.industry_source", sources=codes.benchmark_sources(industry)))
    show.chart(
        fig,
        trend_parts.shown(
            t("trends.chart_title", metric=metric.label(lang)), metric, total["n"].sum(),
            tuple(notes), data.span,
        ),
        key=f"trend_{metric.id}",
        data=partial(
            trend_parts.export_frame, metric, data.lines[data.lines["metric_id"] == metric.id],
            names, t("trends.total"),
        ),
    )  # fmt: skip
    if keys:
        _line_trends(metric, lines[1:], data.grain, data.span)
    _control(ctx, data, metric, events, lines, cities)
    if choice.stl:
        _stl(metric, total, data.grain, data.span)


def _line_trends(metric, lines, grain, span) -> None:
    rows = []
    for name, points, _ in lines:
        found = trend_parts.trend_of(points, grain)
        rows.append(
            {
                t("trends.col.line"): name,
                t("trends.col.trend"): trend_parts.sentence(metric, found),
                t("trends.col.slope"): trend_parts.slope_text(metric, found.slope)
                if found
                else fmt.DASH,
                t("trends.col.p"): fmt.p_value(found.p_value) if found else "",
            }
        )
    with st.expander(t("trends.line_trends", n=len(rows)), icon=":material/trending_up:"):
        show.table(
            pd.DataFrame(rows),
            show.Meta(
                t("trends.line_trends_title"),
                t("trends.trend_method"),
                name="line_trends",
                span=span,
            ),
            key=f"trend_lines_{metric.id}",
        )


def _control(ctx, data, metric, events, lines, cities) -> None:
    rows, charts = [], {}
    names = events.names  # for the table and the chart
    for name, points, is_total in lines:
        if points["value"].notna().sum() < trend_stats.MIN_POINTS:
            continue
        city = cities.get(name) or (ctx.filter.cities[0] if len(ctx.filter.cities) == 1 else None)
        chart, found = trend_parts.signals_for(metric, points, events, data.grain, city)
        charts[name] = (chart, points[~points["partial"]].reset_index(drop=True), found, points)
        rows += trend_parts.signal_rows(metric, found, names, name)
        reference = None if is_total else lines[0][1]
        rows += trend_parts.step_rows(metric, points, events, data.grain, name, city, reference)
    if not charts:
        return
    st.markdown(f"**{t('trends.stands_out')}**")
    if rows:
        table = pd.DataFrame(rows)
        show.table(
            table,
            show.Meta(
                t("trends.signals_title"),
                t("trends.signals_note"),
                name="signals",
                span=data.span,
            ),
            key=f"trend_signals_{metric.id}",
        )
    else:
        st.caption(t("trends.no_signals"))
    _control_chart(ctx, metric, charts, names, data.grain, data.span)


@fragment.section
def _control_chart(ctx, metric, charts, names, grain, span) -> None:
    """One line's control chart; choosing another line redraws this section alone."""
    first = next(iter(charts))
    which = st.selectbox(
        t("trends.control.line"), list(charts), key=f"trend_control_line_{metric.id}"
    )
    chart, points, found, every = charts.get(which, charts[first])
    fig = trend_charts.control_figure(metric, chart, points, found)
    trend_charts.name_events(fig, metric, chart, found, names)
    show.chart(
        fig,
        show.Meta(
            t("trends.control.title", metric=metric.label(ctx.lang), line=which),
            trend_parts.chart_note(metric, chart),
            points["n"].sum(),
            (t("trends.control.rules"), *trend_parts.partial_note(every, grain)),
            name=f"{metric.id}_control",
            span=span,
        ),
        key=f"trend_control_{metric.id}",
        data=partial(trend_exports.control_frame, metric, chart, points),
    )


def _stl(metric, total, grain, span) -> None:
    series = total[~total["partial"]].set_index("bucket")["value"]
    parts = trend_stats.decompose(series, grain)
    if parts is None:
        st.info(t("trends.stl_unavailable", grain=t(f"trends.grains.{grain}")))
        return
    show.chart(
        trend_charts.stl_figure(metric, parts),
        show.Meta(
            t("trends.stl.title", metric=metric.label(context.current().lang)),
            t("trends.stl.note", period=trend_stats.seasonal_period(grain)),
            name=f"{metric.id}_stl",
            span=span,
        ),
        key=f"trend_stl_{metric.id}",
        data=partial(trend_exports.stl_frame, metric, parts),
    )


render()
