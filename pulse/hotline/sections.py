"""The Hotline page's sections, drawn with Streamlit from a HotlineView and the staffing gap."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import catalog, targets
from pulse.hotline import data as hotline
from pulse.hotline import exports, staffing, whatif
from pulse.hotline import figures as figs
from pulse.i18n import t
from pulse.ui import downloads, fragment, navigate, notices, show, tabs
from pulse.ui import format as fmt
from pulse.ui import records as widgets
from pulse.ui.context import Context

GAP_KEY = "hotline_gap_chart"
WORST_SHOWN = 20


def choose_queue(ctx: Context) -> str | None:
    """The page's queue: every queue, or one of them."""
    names = ctx.dims.labels("queue", ctx.lang)
    choice = st.segmented_control(
        t("hotline.queue"),
        ["all", *names],
        format_func=lambda q: t("hotline.all_queues") if q == "all" else names.get(q, q),
        default="all",
        key="hotline_queue",
    )
    return None if choice in (None, "all") else choice


QUEUES_ACROSS = 5  # up to this many queues are drawn as columns, metrics as rows


def service_target(ctx: Context, period) -> float:
    """The service-level target of the scope (company, or the one city), else 80%."""
    year_targets = targets.for_year(ctx.store, period.end.year)
    city = ctx.filter.cities[0] if len(ctx.filter.cities) == 1 else None
    found = targets.pick(year_targets, "hotline_service_level", city=city)
    return found.value if found else staffing.TARGET_LEVEL


def headline(ctx: Context, view: hotline.HotlineView) -> None:
    """The eight headline tiles, then every queue side by side."""
    sparks = view.trends
    cmp_label = t(f"compare.short.{ctx.filter.compare}")
    widgets.tile_rows(view.tiles, sparks, view.not_applied, cmp_label, per_row=4)
    names = ctx.dims.labels("queue", ctx.lang)
    frame = view.by_queue
    rows = {}
    for metric_id in hotline.TILE_METRICS:
        metric = catalog.metric(metric_id)
        part = frame[frame["metric_id"] == metric_id].set_index("queue_id")
        rows[metric.label(ctx.lang)] = {
            names.get(q, q): _cell(metric, r) for q, r in part.to_dict("index").items()
        }
    table = pd.DataFrame(rows)
    table.index.name = t("hotline.queue")
    if len(table) <= QUEUES_ACROSS:
        # a metric a row and a queue a column: ten metric columns left each cell too narrow
        # for its value and interval at 1440 px
        table = table.T
        table.index.name = t("hotline.metric")
    show.table(
        table,
        show.Meta(
            t("hotline.by_queue_title"),
            t("hotline.by_queue_definition"),
            n=float(frame.loc[frame["metric_id"] == "hotline_offered", "n"].fillna(0).sum()),
            notes=notices.not_filtered(view.not_applied.get("hotline_offered", [])),
            name="hotline_by_queue",
        ),
        key="hotline_by_queue",
        export=partial(exports.by_queue, frame, ctx.lang, names),
        hide_index=False,
    )


def _cell(metric, row: dict) -> str:
    if pd.isna(row["value"]):
        return fmt.DASH
    text = fmt.value(metric, row["value"])
    if metric.kind == "count":
        return text
    if not row["enough_n"]:
        return f"({text})"
    return fmt.short_cell(metric, row["value"], row["low"], row["high"])


def daily(ctx: Context, view: hotline.HotlineView, target: float) -> None:
    """Calls offered and the service level per day, with the events in view."""
    offered = view.trends["hotline_offered"]
    level = view.trends["hotline_service_level"]
    metric = catalog.metric("hotline_service_level")
    show.chart(
        figs.daily(offered, level, view.events, target, ctx.lang),
        show.Meta(
            t("hotline.daily_title"),
            metric.definition(ctx.lang),
            n=float(offered["n"].sum()),
            notes=notices.not_filtered(view.not_applied.get("hotline_offered", [])),
            name="hotline_daily",
        ),
        key="hotline_daily_chart",
        # a row a day and metric, each in its own unit (calls; percent)
        data=partial(
            downloads.by_metric,
            pd.concat(
                [
                    offered.assign(metric_id="hotline_offered"),
                    level.assign(metric_id="hotline_service_level"),
                ]
            ),
            ctx.lang,
        ),
    )


@fragment.section
def intraday(ctx: Context, view: hotline.HotlineView, gap: pd.DataFrame, target: float) -> None:
    """Calls, agents on duty, agents needed and the service level per half hour."""
    short = view.period.days <= hotline.MAX_TIMELINE_DAYS
    modes = ("average", "timeline") if short else ("average",)
    mode = st.segmented_control(
        t("hotline.profile_mode"),
        modes,
        format_func=lambda m: t(f"hotline.profile_{m}"),
        default="average",
        key="hotline_profile_mode",
    )
    if not short:
        st.caption(t("hotline.profile_long", days=hotline.MAX_TIMELINE_DAYS))
    by_day = mode == "timeline"
    scoped = hotline.calls(ctx.store, ctx.filter, view.period, by_day=by_day)
    frame = hotline.profile(scoped, gap, view.queue, by_day=by_day, days=view.days_with_calls)
    unfiltered = hotline.staffing_not_filtered(ctx.filter, ctx.dims)
    notes = (t("hotline.staff_not_filtered", fields=_fields(unfiltered)),) if unfiltered else ()
    title = "hotline.profile_title_timeline" if by_day else "hotline.profile_title_average"
    show.chart(
        figs.profile(frame, by_day=by_day, target=target, lang=ctx.lang),
        show.Meta(
            t(title, days=view.days_with_calls),
            t("hotline.profile_definition"),
            n=float(frame["sl_n"].sum()),
            notes=notes,
            name="hotline_intraday",
        ),
        key="hotline_profile_chart",
        data=partial(exports.profile, frame, by_day=by_day),
    )


def _fields(fields: list[str]) -> str:
    return fmt.names([t(f"filter.{f}") for f in fields])


def staffing_gap(ctx: Context, view: hotline.HotlineView, gap: pd.DataFrame) -> None:
    """Per queue: intervals short of the agents 80/20 needed; the day x half-hour map (a click
    loads that interval into the calculator) and the worst intervals."""
    names = ctx.dims.labels("queue", ctx.lang)
    mine = gap if view.queue is None else gap[gap["queue_id"] == view.queue]
    unfiltered = hotline.staffing_not_filtered(ctx.filter, ctx.dims)
    notes = (t("hotline.staff_not_filtered", fields=_fields(unfiltered)),) if unfiltered else ()
    summary = staffing.summary(mine)
    shown = pd.DataFrame(
        {
            t("hotline.queue"): summary["queue_id"].map(lambda q: names.get(q, q)),
            t("hotline.col.intervals"): summary["n_intervals"],
            t("hotline.col.understaffed"): summary["n_understaffed"],
            t("hotline.col.understaffed_share"): summary["understaffed_share"].map(fmt.share),
            t("hotline.col.agent_hours_short"): summary["agent_hours_short"].map(fmt.number),
        }
    )
    show.table(
        shown,
        show.Meta(
            t("hotline.gap_summary_title"),
            t("hotline.gap_definition"),
            n=float(summary["n_intervals"].sum()),
            notes=notes,
            name="staffing_gap_summary",
        ),
        key="hotline_gap_summary",
        export=partial(exports.gap_summary, summary, names),
    )
    event = show.chart(
        figs.gap_heatmap(mine, None),
        show.Meta(
            t("hotline.gap_title"),
            t("hotline.gap_definition"),
            n=float(mine["n_queued"].sum()),
            notes=(*notes, t("hotline.gap_click")),
            name="staffing_gap",
        ),
        key=GAP_KEY,
        data=partial(exports.gap, mine, names),
        on_select="rerun",
        selection_mode=("points",),
    )
    _apply_gap_click(ctx, event, mine, view.queue)
    worst = mine[mine["is_understaffed"]].sort_values(["gap", "n_queued"], ascending=[True, False])
    worst = worst.head(WORST_SHOWN)
    if worst.empty:
        st.success(t("hotline.gap_none"), icon=":material/check_circle:")
        return
    table = pd.DataFrame(
        {
            t("hotline.col.when"): [
                f"{pd.Timestamp(d):%Y-%m-%d} {hotline.slot_label(int(s))}"
                for d, s in zip(worst["day"], worst["slot"], strict=True)
            ],
            t("hotline.queue"): worst["queue_id"].map(lambda q: names.get(q, q)),
            t("hotline.col.queued"): worst["n_queued"].astype(int),
            t("hotline.col.aht"): worst["aht_s"].map(lambda v: fmt.number(v, 0)),
            t("hotline.col.needed"): worst["agents_needed"].astype(int),
            t("hotline.col.on_duty"): worst["agents_on_duty"].map(lambda v: fmt.number(v, 0)),
            t("hotline.col.gap"): worst["gap"].map(lambda v: fmt.number(v, 0, signed=True)),
            t("hotline.col.sl"): worst["service_level"].map(lambda v: fmt.share(v, 0)),
        }
    )
    show.table(
        table,
        show.Meta(
            t("hotline.worst_title", n=len(worst)),
            t("hotline.gap_definition"),
            n=float(worst["n_queued"].sum()),
            notes=notes,
            name="understaffed_intervals",
        ),
        key="hotline_worst",
        export=partial(exports.gap, worst, names),
    )


def _apply_gap_click(ctx: Context, event, gap: pd.DataFrame, queue: str | None) -> None:
    clicked = navigate.new_cell(event, "_hotline_gap_applied")
    if clicked is None:
        return
    try:
        slot = int(clicked[0][:2]) * 2 + int(clicked[0][3:5]) // 30
        day = pd.Timestamp(clicked[1])
    except (TypeError, ValueError):
        return
    rows = gap[(gap["slot"] == slot) & (pd.to_datetime(gap["day"]) == day)]
    if rows.empty:
        return
    row = rows.sort_values("n_queued", ascending=False).iloc[0]
    st.session_state["hotline_whatif_calls"] = int(row["n_queued"])
    if pd.notna(row["aht_s"]):
        st.session_state["hotline_whatif_aht"] = round(float(row["aht_s"]))
    names = ctx.dims.labels("queue", ctx.lang)
    st.session_state["hotline_whatif_from"] = (
        f"{day:%Y-%m-%d} {hotline.slot_label(slot)} · {names.get(row['queue_id'], row['queue_id'])}"
    )
    whatif.loaded(ctx, queue)
    tabs.open_next("hotline", "whatif")  # the calculator, with the interval loaded
    st.rerun()
