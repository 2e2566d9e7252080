"""The Queues page's counter planning, drawn with Streamlit: a hall, day type, basis and risk
level in; counters needed per hour against the hall's counters, and the hour in figures, out."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse.i18n import t
from pulse.queues import data as queues
from pulse.queues import exports, planning
from pulse.queues import figures as figs
from pulse.queues.sections import target_of
from pulse.ui import format as fmt
from pulse.ui import show
from pulse.ui.context import Context

# the planner's inputs, kept while its tab is closed (pulse.ui.tabs)
KEYS = (
    "queues_plan_hall",
    "queues_plan_day_type",
    "queues_plan_basis",
    "queues_plan_risk",
    "queues_plan_hour",
)


def render(ctx: Context, view: queues.QueuesView) -> None:
    """Counters needed per hour for a hall, day type and risk level, against its counters."""
    halls = view.halls[view.halls["n"] > 0]
    if halls.empty:
        return
    names = ctx.dims.labels("hall", ctx.lang)
    options = halls["branch_id"].tolist()
    default = ctx.filter.halls[0] if len(ctx.filter.halls) == 1 else options[0]
    if st.session_state.get("queues_plan_hall") not in options:
        st.session_state["queues_plan_hall"] = default if default in options else options[0]
    target = target_of(ctx.store, view.period, "queue_within_10min", ctx.filter) or 0.8
    st.session_state.setdefault("queues_plan_risk", round((1 - target) * 100))
    st.session_state.setdefault("queues_plan_day_type", "workday")
    st.session_state.setdefault("queues_plan_basis", "mean")
    cols = st.columns([3, 2, 2, 3])
    hall = cols[0].selectbox(
        t("queues.plan_hall"),
        options,
        format_func=lambda h: names.get(h, h),
        key="queues_plan_hall",
    )
    day_type = cols[1].radio(
        t("queues.plan_day_type"),
        planning.DAY_TYPES,
        format_func=lambda d: t(f"queues.day_type.{d}"),
        key="queues_plan_day_type",
    )
    basis = cols[2].radio(
        t("queues.plan_basis"),
        planning.BASES,
        format_func=lambda b: t(f"queues.basis.{b}"),
        key="queues_plan_basis",
    )
    risk = cols[3].slider(
        t("queues.plan_risk"), 1, 50, step=1, format="%d%%", key="queues_plan_risk"
    )
    counters = int(ctx.dims.halls.set_index("branch_id").loc[hall, "counters"])
    hours = planning.hall_hours(ctx.store, hall, view.period.start, view.period.end)
    result = planning.plan(hours, counters, day_type=day_type, basis=basis, max_p_over=risk / 100)
    if result.is_empty:
        st.info(t("queues.plan_empty", hall=names.get(hall, hall)), icon=":material/search_off:")
        return
    hour_options = result.hours["hour"].astype(int).tolist()
    if st.session_state.get("queues_plan_hour") not in hour_options:
        st.session_state["queues_plan_hour"] = planning.busiest_hour(result)
    hour = st.select_slider(
        t("queues.plan_hour"),
        hour_options,
        format_func=fmt.clock,
        key="queues_plan_hour",
    )
    _plan_figures(result, hour, counters)
    show.chart(
        figs.planning(result.hours, counters, hour),
        show.Meta(
            t("queues.plan_title", hall=names.get(hall, hall)),
            t("queues.plan_definition", risk=risk),
            n=float(result.n_service),
            notes=(t("queues.plan_days", days=result.days),),
            name="counter_plan",
        ),
        key="queues_plan_chart",
        data=partial(exports.plan, result.hours, counters),
    )


def _plan_figures(result: planning.Plan, hour: int, counters: int) -> None:
    row = result.hours.set_index("hour").loc[hour]
    needed = int(row["counters_needed"])
    cols = st.columns(6)
    cols[0].metric(t("queues.plan_arrivals"), fmt.number(row["arrivals_per_hour"], 1))
    cols[1].metric(t("queues.plan_service"), fmt.minutes(result.service_s))
    cols[2].metric(
        t("queues.plan_needed"),
        str(needed),
        delta=t("queues.plan_short", n=needed - counters) if needed > counters else None,
        delta_color="inverse",
        help=t("queues.plan_needed_help"),
    )
    cols[3].metric(t("queues.plan_counters"), str(counters))
    p_over = t("queues.plan_unstable") if not row["is_stable_now"] else fmt.share(row["p_over_now"])
    cols[4].metric(
        t("queues.plan_p_now"),
        p_over,
        help=t("queues.plan_p_now_help", util=fmt.share(row["utilisation_now"], 0)),
    )
    observed = row["p_over_observed"]
    cols[5].metric(
        t("queues.plan_p_observed"),
        fmt.share(observed),
        help=t("queues.plan_p_observed_help", n=fmt.count(row["n_called"])),
    )
    if pd.notna(observed) and row["is_stable_now"] and observed > 2 * row["p_over_now"] + 0.05:
        st.warning(
            t(
                "queues.plan_gap",
                observed=fmt.share(observed, 0),
                model=fmt.share(row["p_over_now"]),
                counters=counters,
            ),
            icon=":material/warning:",
        )
