"""The what-if staffing calculator: calls per half hour, AHT, target, shrinkage and maximum
occupancy in; agents needed, the service level, ASA, occupancy and waiting probability they
give, and the service level against agents, out. Erlang A adds abandonment for a patience."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from pulse import queueing
from pulse.hotline import data as hotline
from pulse.hotline import exports, staffing
from pulse.hotline import figures as figs
from pulse.i18n import t
from pulse.ui import format as fmt
from pulse.ui import show
from pulse.ui.context import Context

CURVE_SPAN = 12  # agents shown either side of the answer
# the calculator's inputs, kept while its tab is closed (pulse.ui.tabs)
KEYS = tuple(
    f"hotline_whatif_{name}"
    for name in ("calls", "aht", "level", "seconds", "shrinkage", "occupancy", "patience")
)


@dataclass(frozen=True)
class WhatIf:
    """The calculator's answer."""

    agents_taking_calls: int  # the Erlang C answer, before shrinkage
    agents_scheduled: int  # rostered, so that enough remain after shrinkage
    result: queueing.ErlangResult
    abandon: queueing.ErlangAResult | None
    curve: pd.DataFrame


def calculate(
    calls_per_interval: float,
    aht_s: float,
    target_level: float,
    target_s: float,
    shrinkage: float = 0.0,
    max_occupancy: float | None = None,
    patience_s: float | None = None,
    interval_s: int = staffing.SLOT_S,
) -> WhatIf:
    """Agents for `calls_per_interval` calls in an interval of `interval_s` seconds; raises
    ValueError (from pulse.queueing) with a plain message for impossible inputs."""
    rate = calls_per_interval * 3600 / interval_s
    taking = queueing.agents_needed(rate, aht_s, target_level, target_s, 0.0, max_occupancy)
    scheduled = queueing.agents_needed(
        rate, aht_s, target_level, target_s, shrinkage, max_occupancy
    )
    result = queueing.erlang_c(rate, aht_s, taking, target_s)
    abandon = None
    if patience_s and taking > 0:
        abandon = queueing.erlang_a(rate, aht_s, taking, target_s, patience_s)
    low = max(int(result.traffic_erlangs), taking - CURVE_SPAN, 1)
    curve = queueing.service_level_curve(rate, aht_s, target_s, range(low, taking + CURVE_SPAN))
    return WhatIf(taking, scheduled, result, abandon, curve)


def loaded(ctx: Context, queue: str | None) -> None:
    """The calculator's calls and AHT were set from elsewhere (a click on the staffing gap)
    for this queue and period: the busiest half hour does not replace them."""
    st.session_state["_hotline_whatif_signature"] = (queue, ctx.period.start, ctx.period.end)


def _reset_defaults(ctx: Context, gap: pd.DataFrame, queue: str | None) -> None:
    signature = (queue, ctx.period.start, ctx.period.end)
    if st.session_state.get("_hotline_whatif_signature") == signature:
        return
    st.session_state["_hotline_whatif_signature"] = signature
    start = hotline.whatif_defaults(gap, queue)
    st.session_state["hotline_whatif_calls"] = int(start["calls"])
    st.session_state["hotline_whatif_aht"] = int(start["aht_s"])
    slot = start["slot"]
    st.session_state["hotline_whatif_from"] = (
        t(
            "hotline.whatif_from_peak",
            queue=ctx.dims.labels("queue", ctx.lang).get(start["queue_id"], start["queue_id"]),
            slot=hotline.slot_label(slot),
        )
        if slot is not None
        else ""
    )


def render(ctx: Context, gap: pd.DataFrame, queue: str | None, target: float) -> None:
    """Draw the calculator, prefilled from the selection's busiest half hour."""
    _reset_defaults(ctx, gap, queue)
    source = st.session_state.get("hotline_whatif_from")
    if source:
        st.caption(t("hotline.whatif_prefilled", source=source))
    st.session_state.setdefault("hotline_whatif_level", round(target * 100))
    st.session_state.setdefault("hotline_whatif_seconds", int(staffing.TARGET_S))
    st.session_state.setdefault("hotline_whatif_shrinkage", 30)
    st.session_state.setdefault("hotline_whatif_occupancy", 85)
    st.session_state.setdefault("hotline_whatif_patience", 0)
    top = st.columns(4)
    calls = top[0].number_input(
        t("hotline.whatif_calls"),
        min_value=0,
        max_value=100_000,
        step=1,
        key="hotline_whatif_calls",
    )
    aht = top[1].number_input(
        t("hotline.whatif_aht"), min_value=1, max_value=7_200, step=5, key="hotline_whatif_aht"
    )
    level = top[2].slider(
        t("hotline.whatif_level"), 50, 99, format="%d%%", key="hotline_whatif_level"
    )
    seconds = top[3].number_input(
        t("hotline.whatif_seconds"),
        min_value=1,
        max_value=600,
        step=5,
        key="hotline_whatif_seconds",
    )
    bottom = st.columns(3)
    shrinkage = bottom[0].slider(
        t("hotline.whatif_shrinkage"), 0, 60, format="%d%%", key="hotline_whatif_shrinkage"
    )
    occupancy = bottom[1].slider(
        t("hotline.whatif_occupancy"),
        50,
        100,
        format="%d%%",
        key="hotline_whatif_occupancy",
        help=t("hotline.whatif_occupancy_help"),
    )
    patience = bottom[2].number_input(
        t("hotline.whatif_patience"),
        min_value=0,
        max_value=3_600,
        step=30,
        key="hotline_whatif_patience",
        help=t("hotline.whatif_patience_help"),
    )
    try:
        answer = calculate(
            calls,
            aht,
            level / 100,
            seconds,
            shrinkage / 100,
            None if occupancy >= 100 else occupancy / 100,
            patience or None,
        )
    except ValueError as err:
        st.error(t("hotline.whatif_bad", reason=str(err)), icon=":material/error:")
        return
    if calls == 0:
        st.info(t("hotline.whatif_no_calls"))
        return
    _answer(answer, level / 100)


def _answer(answer: WhatIf, target: float) -> None:
    r = answer.result
    cols = st.columns(6)
    cols[0].metric(
        t("hotline.whatif_scheduled"),
        str(answer.agents_scheduled),
        help=t("hotline.whatif_scheduled_help"),
    )
    cols[1].metric(t("hotline.whatif_taking"), str(answer.agents_taking_calls))
    cols[2].metric(t("hotline.service_level"), fmt.share(r.service_level))
    cols[3].metric(t("hotline.asa"), fmt.seconds(r.asa_s, 1))
    cols[4].metric(t("hotline.whatif_occupancy_out"), fmt.share(r.occupancy))
    cols[5].metric(t("hotline.whatif_p_wait"), fmt.share(r.p_wait))
    if answer.abandon is not None:
        a = answer.abandon
        st.caption(
            t(
                "hotline.whatif_erlang_a",
                abandon=fmt.share(a.p_abandon),
                level=fmt.share(a.service_level),
                asa=fmt.number(a.asa_s, 1),
            )
        )
    show.chart(
        figs.whatif_curve(answer.curve, target, answer.agents_taking_calls),
        show.Meta(
            t("hotline.whatif_curve_title"),
            t("hotline.whatif_curve_definition", erlangs=fmt.number(r.traffic_erlangs, 1)),
            name="whatif_curve",
        ),
        key="hotline_whatif_curve",
        data=partial(exports.whatif_curve, answer.curve),
    )
