"""The Queues page's sections, drawn with Streamlit from a QueuesView."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from pulse import catalog, filters, targets
from pulse.i18n import t
from pulse.queues import data as queues
from pulse.queues import exports
from pulse.queues import figures as figs
from pulse.ui import downloads, fragment, navigate, notices, painted, show, tabs
from pulse.ui import format as fmt
from pulse.ui import records as widgets
from pulse.ui.context import Context

HALL_TABLE_KEY = "queues_hall_table"
HEAT_KEY = "queues_heatmap"
TIER_ORDER = ("flagship", "standard", "community", "rural")
_WAITS = catalog.rollup("queue_wait_hist")
OPEN_BUCKET_S = _WAITS.bucket_open * _WAITS.bucket_scale  # waits of an hour or more


def headline(ctx: Context, view: queues.QueuesView) -> None:
    """The six headline tiles with their weekly (or daily) sparklines."""
    sparks = queues.trends(view.daily, queues.TILE_METRICS, view.period)
    cmp_label = t(f"compare.short.{ctx.filter.compare}")
    widgets.tile_rows(view.tiles, sparks, view.not_applied, cmp_label, per_row=3)


def target_of(store, period, metric_id: str, f: filters.Filter) -> float | None:
    year_targets = targets.for_year(store, period.end.year)
    hall = f.halls[0] if len(f.halls) == 1 else None
    city = f.cities[0] if len(f.cities) == 1 and not f.halls else None
    found = targets.pick(year_targets, metric_id, hall=hall, city=city)
    return found.value if found else None


@fragment.section
def trend(ctx: Context, view: queues.QueuesView) -> None:
    """A headline metric over the period, with the events in view."""
    metric_id = st.selectbox(
        t("queues.trend_metric"),
        queues.TREND_METRICS,
        format_func=lambda m: widgets.metric_label(m, ctx.lang),
        key="queues_trend_metric",
    )
    frame = queues.trend(view.daily, metric_id, view.period)
    metric = catalog.metric(metric_id)
    target = target_of(ctx.store, view.period, metric_id, ctx.filter)
    grain = t("queues.by_week") if view.period.days > 45 else t("queues.by_day")
    show.chart(
        figs.trend(frame, metric_id, view.events, target, ctx.lang),
        show.Meta(
            t("queues.trend_title", metric=metric.label(ctx.lang), grain=grain),
            metric.definition(ctx.lang),
            n=frame["n"].sum(),
            notes=notices.not_filtered(view.not_applied.get(metric_id, [])),
            name="queue_trend",
        ),
        key="queues_trend_chart",
        data=partial(downloads.one_metric, frame, metric),
    )


@fragment.section
def distribution(ctx: Context, view: queues.QueuesView) -> None:
    """The wait distribution and its cumulative curve, split by lane or segment."""
    split = st.segmented_control(
        t("queues.split"),
        tuple(queues.SPLITS),
        format_func=lambda s: t(f"queues.split_{s}"),
        default="lane",
        key="queues_split",
    )
    split = split or "lane"
    dist = queues.wait_distribution(ctx.store, ctx.filter, view.period, split)
    if split == "lane":
        labels = {True: t("queues.lane_priority"), False: t("queues.lane_regular")}
    else:
        labels = ctx.dims.labels("segment", ctx.lang)
    target = target_of(ctx.store, view.period, "queue_within_10min", ctx.filter)
    summary = queues.wait_summary(dist)
    show.chart(
        figs.wait_distribution(dist, labels, target),
        show.Meta(
            t("queues.dist_title"),
            t("queues.dist_definition"),
            n=float(summary["n"].sum()) if len(summary) else 0,
            name="queue_wait_distribution",
        ),
        key="queues_dist_chart",
        data=partial(exports.distribution, dist, labels),
    )
    if len(summary):
        within, p90 = catalog.metric("queue_within_10min"), catalog.metric("queue_wait_p90")
        table = pd.DataFrame(
            {
                t("queues.col.group"): summary["group"].map(lambda g: labels.get(g, g)),
                t("queues.col.n"): summary["n"].map(fmt.count),
                t("queues.col.within"): [
                    fmt.cell(within, v, lo, hi)
                    for v, lo, hi in zip(
                        summary["within_share"],
                        summary["within_low"],
                        summary["within_high"],
                        strict=True,
                    )
                ],
                t("queues.col.median"): summary["median_s"].map(lambda s: fmt.number(s / 60, 1)),
                t("queues.col.p90"): [
                    fmt.cell(p90, v, lo, hi)
                    for v, lo, hi in zip(
                        summary["p90_s"], summary["p90_low_s"], summary["p90_high_s"], strict=True
                    )
                ],
            }
        )
        show.table(
            table,
            show.Meta(t("queues.dist_table"), t("queues.dist_table_definition"), name="lanes"),
            key="queues_dist_table",
            export=partial(exports.waits_by_group, summary, labels),
        )


@fragment.section
def heatmap(ctx: Context, view: queues.QueuesView) -> None:
    """Weekday x hour; clicking a cell plans counters for that day type and hour."""
    measure = st.segmented_control(
        t("queues.heat_measure"),
        figs.HEAT_METRICS,
        format_func=lambda m: t(f"queues.heat.{m}"),
        default="per_day",
        key="queues_heat_measure",
    )
    measure = measure or "per_day"
    heat = queues.heatmap(ctx.store, ctx.filter, view.period)
    names = [t(f"queues.weekday.{d}") for d in range(1, 8)]
    event = show.chart(
        figs.heatmap(heat, measure, names),
        show.Meta(
            t("queues.heat_title"),
            t(f"queues.heat_definition.{measure}"),
            n=float(heat["n_tickets"].sum()),
            notes=(t("queues.heat_click"),),
            name="queue_heatmap",
        ),
        key=HEAT_KEY,
        data=partial(exports.heatmap, heat, names),
        on_select="rerun",
        selection_mode=("points",),
    )
    _apply_heat_click(event, names)


def _apply_heat_click(event, names: list[str]) -> None:
    clicked = navigate.new_cell(event, "_queues_heat_applied")
    if clicked is None:
        return
    if clicked[1] in names:
        weekday = names.index(clicked[1]) + 1
        st.session_state["queues_plan_day_type"] = "workday" if weekday <= 5 else "weekend"
    if isinstance(clicked[0], str) and clicked[0][:2].isdigit():
        st.session_state["queues_plan_hour"] = int(clicked[0][:2])
    tabs.open_next("queues", "planning")  # the planner, set to the cell's day type and hour
    st.rerun()


@fragment.section
def breakdowns(ctx: Context, view: queues.QueuesView) -> None:
    """The chosen metric by hall tier and by service type, side by side."""
    metric_id = st.selectbox(
        t("queues.breakdown_metric"),
        queues.SERVICE_METRICS,
        index=1,
        format_func=lambda m: widgets.metric_label(m, ctx.lang),
        key="queues_breakdown_metric",
    )
    metric = catalog.metric(metric_id)
    target = target_of(ctx.store, view.period, metric_id, ctx.filter)
    left, right = st.columns(2)
    tiers = {tier: t(f"queues.tier.{tier}") for tier in TIER_ORDER}
    with left:
        show.chart(
            figs.breakdown(view.by_tier, "tier", metric_id, tiers, target),
            show.Meta(
                t("queues.by_tier", metric=metric.label(ctx.lang)),
                metric.definition(ctx.lang),
                n=_n(view.by_tier, metric_id),
                notes=notices.not_filtered(view.not_applied.get(metric_id, [])),
                name="queue_by_tier",
            ),
            key="queues_tier_chart",
            data=partial(
                downloads.by_metric,
                view.by_tier[view.by_tier["metric_id"] == metric_id],
                ctx.lang,
                {"tier": tiers},
            ),
        )
    with right:
        show.chart(
            figs.breakdown(
                view.by_service, "service_type", metric_id, widgets.service_types(ctx), target
            ),
            show.Meta(
                t("queues.by_service", metric=metric.label(ctx.lang)),
                metric.definition(ctx.lang),
                n=_n(view.by_service, metric_id),
                name="queue_by_service",
            ),
            key="queues_service_chart",
            data=partial(
                downloads.by_metric,
                view.by_service[view.by_service["metric_id"] == metric_id],
                ctx.lang,
                {"service_type": widgets.service_types(ctx)},
            ),
        )


def _n(frame: pd.DataFrame, metric_id: str) -> float:
    return float(frame.loc[frame["metric_id"] == metric_id, "n"].fillna(0).sum())


def hall_table(ctx: Context, view: queues.QueuesView) -> None:
    """Every hall in scope with the headline metrics, ranked on the promise; a row selects
    the hall in the global filter, the link opens its profile."""
    halls = view.halls
    names = ctx.dims.labels("hall", ctx.lang)
    cities = ctx.dims.labels("city", ctx.lang)
    tiers = {tier: t(f"queues.tier.{tier}") for tier in TIER_ORDER}
    promise = catalog.metric(queues.RANK_METRIC)
    ranked = int(halls["rank"].notna().sum())
    shown = pd.DataFrame(
        {
            t("queues.col.rank"): halls["rank"].map(
                lambda r: "" if np.isnan(r) else fmt.number(r, 0)
            ),
            t("queues.col.hall"): halls["branch_id"].map(lambda h: names.get(h, h)),
            t("queues.col.city"): halls["city_id"].map(lambda c: cities.get(c, c)),
            t("queues.col.tier"): halls["tier"].map(lambda v: tiers.get(v, v)),
            t("queues.col.n"): halls["n"].astype(int),
        }
    )
    for metric_id in queues.TILE_METRICS:
        metric = catalog.metric(metric_id)
        shown[metric.label(ctx.lang)] = [
            table_cell(metric, v, lo, hi, ok, fmt.short_cell)  # the caption says "95% interval"
            for v, lo, hi, ok in zip(
                halls[f"{metric_id}__value"],
                halls[f"{metric_id}__low"],
                halls[f"{metric_id}__high"],
                halls[f"{metric_id}__enough_n"],
                strict=True,
            )
        ]
    shown[t("queues.col.target")] = halls["target"].map(lambda v: fmt.value(promise, v))
    found = targets.pick(targets.for_year(ctx.store, view.period.end.year), promise.id)
    company = found.value if found else None
    shown[t("queues.col.company_target")] = fmt.value(promise, company)
    shown[t("queues.col.status")] = exports.status_words(halls)
    shown[t("queues.col.change")] = [
        _change(promise, d, sig)
        for d, sig in zip(
            halls[f"{queues.RANK_METRIC}__delta"],
            halls[f"{queues.RANK_METRIC}__is_significant"],
            strict=True,
        )
    ]
    shown[t("queues.col.profile")] = halls["branch_id"].map(lambda h: _hall_link(ctx, h))
    # the promise, its target, status and change first: what a manager scans the table for
    first = [t(f"queues.col.{c}") for c in ("rank", "hall", "profile", "city", "tier", "n")]
    first += [promise.label(ctx.lang)]
    first += [t(f"queues.col.{c}") for c in ("target", "company_target", "status", "change")]
    shown = shown[first + [c for c in shown.columns if c not in first]]
    colours = {s: widgets.status_style(s) for s in ("green", "amber", "red", "unknown")}
    status_col = t("queues.col.status")
    styled = painted.painted(shown, {status_col: [colours[s] for s in halls["status"]]})
    show.table(
        styled,
        show.Meta(
            t("queues.halls_title", n=len(halls), ranked=ranked),
            t("queues.halls_definition", metric=promise.label(ctx.lang)),
            n=float(halls["n"].sum()),
            name="halls",
        ),
        key=HALL_TABLE_KEY,
        export=partial(exports.hall_table, halls, ctx.lang, (names, cities, tiers), company),
        whole=(promise.label(ctx.lang),),  # the ranked value and its interval, never cut
        on_select=lambda: _select_hall(halls["branch_id"].tolist()),
        selection_mode="single-row",
        column_config={
            t("queues.col.profile"): st.column_config.LinkColumn(
                display_text=t("queues.open_profile")
            ),
            t("queues.col.hall"): st.column_config.TextColumn(pinned=True),
        },
    )


def table_cell(metric, value, low, high, enough, write=fmt.cell) -> str:
    """A value with its interval for a table, in brackets below its minimum n. `write` is
    fmt.short_cell in a table whose caption says what the brackets hold (the hall table:
    its 41 rows, at 1440 px, cut "56.7% (95% CI 55…" at every cell)."""
    if not enough or pd.isna(value):
        return fmt.DASH if pd.isna(value) else f"({fmt.value(metric, value)})"
    if metric.kind == "quantile" and value >= OPEN_BUCKET_S:
        # the quantile lies in the open last bucket: only a lower bound is known
        return "≥ " + fmt.value(metric, OPEN_BUCKET_S)
    return write(metric, value, low, high)


def _change(metric, delta, significant) -> str:
    if pd.isna(delta):
        return fmt.DASH
    mark = "▲ " if delta > 0 else "▼ "
    return mark + fmt.delta(metric, delta) + ("" if significant else " · " + t("queues.noise"))


def _hall_link(ctx: Context, hall: str) -> str:
    params = filters.to_params(ctx.filter.with_(halls=(hall,)))
    if ctx.lang != "en":
        params["lang"] = ctx.lang
    return "./hall?" + urlencode(params)


def _select_hall(order: list[str]) -> None:
    rows = st.session_state[HALL_TABLE_KEY].selection.rows
    if rows:
        from pulse.ui import filterbar  # the filter's owner sets it (kept here: a one-line change)

        filterbar.apply(filterbar.current().with_(halls=(order[rows[0]],)))
