"""Hall profile: every metric of one hall against its peers of the same tier, its target and
the comparison period; its trend; its worst hours; its open and overdue complaints; its latest
comments. Deep link: /hall?hall=SZ-002 (the global hall filter)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import catalog, describe, events, filters
from pulse.drill import hall_profile
from pulse.drill import hall_sections as hall_parts
from pulse.drill import sections as drill_parts
from pulse.i18n import t
from pulse.trends import data as trends
from pulse.trends import figures as trend_charts
from pulse.trends import sections as trend_parts
from pulse.ui import codes, context, fragment, navigate, notices, show
from pulse.ui.heading import heading

DEFAULT_TREND = "queue_within_10min"


def render() -> None:
    """Draw the profile of the one hall in the global filter, or let the user pick one."""
    ctx = context.current()
    navigate.follow(ctx)
    heading(ctx, "hall", captioned=False)
    if len(ctx.filter.halls) != 1:
        hall_parts.picker(ctx)
        return
    hall_id = ctx.filter.halls[0]
    profile = hall_profile.build(ctx.store, hall_id, ctx.filter, ctx.period, ctx.as_of, ctx.dims)
    hall_parts.header(ctx, profile)
    caption = describe.caption(ctx.filter, ctx.period, ctx.dims)
    st.caption(f"{caption} · {t('shell.as_of', date=ctx.as_of.isoformat())}")
    if not profile.has_data:
        st.info(t("hall.empty", caption=caption), icon=":material/search_off:")
        return
    hall_parts.metric_table(ctx, profile)
    _trend(ctx, profile)
    _hours(ctx, profile)
    _complaints(ctx, profile)
    _comments(ctx, profile)


@fragment.section
def _trend(ctx, profile) -> None:
    """The hall's line and its tier's over a year; choosing another metric redraws this
    section alone."""
    st.subheader(t("hall.trend_title"))
    ids = [m.id for m in hall_profile.hall_metrics()]
    metric_id = st.selectbox(
        t("hall.trend_metric"),
        ids,
        index=ids.index(DEFAULT_TREND) if DEFAULT_TREND in ids else 0,
        key="hall_trend_metric",
        format_func={m: catalog.metric(m).label(ctx.lang) for m in ids}.get,
        persist_state="session",
    )
    hall = profile.hall
    mine = trends.build(
        ctx.store, [metric_id], ctx.filter, ctx.period, grain="week", window_choice="12m"
    )
    peers_filter = filters.everyone(ctx.filter)  # the tier's aggregate line only
    peers = trends.build(
        ctx.store, [metric_id], peers_filter, ctx.period, grain="week", split="tier",
        window_choice="12m",
    )  # fmt: skip
    metric = mine.metrics[0]
    line = mine.line(metric_id)
    if line.empty:
        st.info(t("hall.no_trend"))
        return
    tier_name = t(f"benchmarks.peer.{hall['tier']}")
    name = hall["name_zh"] if ctx.lang == "zh" else hall["name_en"]
    tier_line = peers.line(metric_id, hall["tier"])
    lines = [(name, line, True), (tier_name, tier_line, False)]
    st.markdown(f"**{name}:** {trend_parts.sentence(metric, trend_parts.trend_of(line, 'week'))}")
    scope = {"hall": hall["branch_id"], "tier": hall["tier"], "city": hall["city_id"]}
    fig = trend_charts.line_figure(
        metric,
        lines,
        [],
        trends.target_steps(ctx.store, metric, mine.start, mine.end, scope),
        trends.industry(ctx.store, metric.id).head(0),
        events.in_window(ctx.store, ctx.filter, mine.start, mine.end),
        (ctx.period.start, ctx.period.end),
    )
    show.chart(
        fig,
        show.Meta(
            t("hall.trend_chart", metric=metric.label(ctx.lang)),
            metric.definition(ctx.lang),
            float(line["n"].sum()),
            (t("hall.trend_note", tier=tier_name),),
            name=f"hall_trend_{metric.id}",
            span=mine.span,  # a year of weeks, not the filter's period
        ),
        key="hall_trend",
        # both lines drawn: the hall's (the total of its filter) and its tier's
        data=partial(
            trend_parts.export_frame,
            metric,
            pd.concat([line, tier_line]),
            {hall["tier"]: tier_name},
            name,
        ),
    )


def _hours(ctx, profile) -> None:
    st.subheader(t("hall.hours_title"))
    if profile.hours.empty or not profile.hours["is_hall"].any():
        st.caption(t("hall.no_hours"))
        return
    notes = (t("hall.hours_segment_only"),) if ctx.filter.brands or ctx.filter.channels else ()
    show.chart(
        hall_parts.hours_figure(profile),
        show.Meta(
            t("hall.hours_chart"),
            t("hall.hours_note"),
            float(profile.hours.loc[profile.hours["is_hall"], "n_called"].sum()),
            notes,
            name=f"hall_hours_{profile.hall['branch_id']}",
        ),
        key="hall_hours",
        data=hall_parts.hours_export(
            profile.hours[profile.hours["is_hall"]].sort_values(["weekday", "hour"])
        ),
    )
    worst = hall_parts.worst_hours_table(profile)
    if len(worst):
        show.table(
            worst,
            show.Meta(
                t("hall.worst_title"),
                t("hall.worst_note", min_n=hall_profile.MIN_HOUR_TICKETS),
                name="worst_hours",
            ),
            key="hall_worst",
            export=hall_parts.hours_export(profile.worst_hours),
        )


def _complaints(ctx, profile) -> None:
    st.subheader(t("hall.complaints_title"))
    frame = profile.open_complaints
    overdue = int(frame["is_overdue"].sum()) if len(frame) else 0
    st.markdown(t("hall.complaints_summary", open=len(frame), overdue=overdue))
    if frame.empty:
        return
    show.table(
        hall_parts.complaints_table(ctx, frame),
        show.Meta(
            t("hall.complaints_table"),
            t("hall.complaints_note", date=ctx.as_of.isoformat()),
            float(len(frame)),
            name=f"open_complaints_{profile.hall['branch_id']}",
        ),
        key="hall_complaints",
    )


def _comments(ctx, profile) -> None:
    st.subheader(t("hall.comments_title"))
    frame = profile.comments
    if hidden := notices.withheld(ctx.filter, "comments"):  # not "none in the period"
        st.caption(hidden)
        return
    if frame.empty:
        st.caption(t("hall.no_comments"))
        return
    show.table(
        codes.readable(ctx, frame, "surveys").rename(columns=drill_parts.field_label),
        show.Meta(
            t("hall.comments_table"),
            t("hall.comments_note", n=hall_profile.COMMENTS_SHOWN),
            float(len(frame)),
            name=f"comments_{profile.hall['branch_id']}",
        ),
        key="hall_comments",
    )


render()
