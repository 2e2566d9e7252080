"""The Alerts page's parts: the alerts within the user's scope (open first), each with its
sentence, chart, link, history and failed deliveries, and acknowledge and snooze."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pulse import access, events, filters
from pulse.alerts import delivery, lifecycle, people
from pulse.alerts.annotate import signed_in
from pulse.i18n import t
from pulse.ui import format as fmt

SNOOZE_DAYS = (1, 3, 7, 14)


def scope() -> access.Scope:
    """The scope the page shows: the signed-in user's (nothing without one: deny by default)."""
    user = signed_in()
    return user.sees if user else access.NOTHING


def alerts_in_scope(ctx) -> list[dict]:
    """Open and recent alerts whose unit the user's scope covers."""
    seen = scope()
    return [a for a in lifecycle.recent(ctx.store.path) if people.covers(seen, a["unit"], ctx.dims)]


def listing(ctx, found: list[dict]) -> None:
    """Open alerts first, then the closed; each in an expander."""
    open_ones = [a for a in found if a["state"] == "open"]
    closed = [a for a in found if a["state"] != "open"]
    st.subheader(t("alerts.page.open", n=fmt.count(len(open_ones))))
    if not open_ones:
        st.success(t("alerts.page.none_open"), icon=":material/check_circle:")
    for alert in open_ones:
        _one(ctx, alert, expanded=True)
    st.subheader(t("alerts.page.closed", n=fmt.count(len(closed))))
    for alert in closed:
        _one(ctx, alert, expanded=False)


def _one(ctx, alert: dict, expanded: bool) -> None:
    lang = ctx.lang
    sentence = alert[f"sentence_{lang}"]
    icon = ":material/notifications_active:" if alert["state"] == "open" else ":material/done:"
    with st.expander(sentence, expanded=expanded, icon=icon):
        st.markdown(sentence)
        st.caption(
            t(
                "alerts.page.meta",
                condition=t(f"alerts.condition.{alert['condition']}"),
                rule=alert["rule_id"],
                day=alert["opened_for"],
            )
        )
        if alert["state"] != "open":
            st.info(alert[f"cleared_{lang}"] or "", icon=":material/done:")
        if alert["count_failed"]:
            st.error(
                t("alerts.page.failed", n=fmt.count(alert["count_failed"])),
                icon=":material/error:",
            )
        causes = matched_events(ctx, alert)
        if causes:
            st.markdown(t("alerts.page.events", events=fmt.names(causes)))
        picture = lifecycle.chart(ctx.store.path, alert["alert_id"])
        if picture:
            st.image(picture)
        st.link_button(t("alerts.open_view"), alert["link"], icon=":material/open_in_new:")
        if alert["acked_by"]:
            st.caption(t("alerts.page.acked", by=alert["acked_by"], note=alert["ack_note"] or ""))
        if alert["state"] == "open":
            _actions(ctx, alert)
        history = pd.DataFrame(lifecycle.history(ctx.store.path, alert["alert_id"]))
        if len(history):
            history["action"] = history["action"].map(lambda a: t(f"alerts.action.{a}"))
            st.dataframe(
                history.rename(columns=lambda c: t(f"alerts.col.{c}")),
                hide_index=True,
                width="stretch",
            )


def matched_events(ctx, alert: dict) -> list[str]:
    """The titles of events (loaded or annotated) in the alert's place that overlap the
    fortnight before its data day, or the days after (an outage's after-effect)."""
    day = dt.date.fromisoformat(alert["opened_for"])
    options = ctx.dims.options()
    unit = alert["unit"]
    f = filters.Filter(
        provinces=(unit,) if unit in options.provinces else (),
        cities=(options.halls.get(unit, unit),)
        if unit in options.halls or unit in options.cities
        else (),
        halls=(unit,) if unit in options.halls else (),
    )
    closed = alert["closed_for"] or alert["opened_for"]
    found = events.in_window(
        ctx.store, f, day - dt.timedelta(days=14), dt.date.fromisoformat(closed)
    )
    return list(found[f"title_{ctx.lang}"])


def _actions(ctx, alert: dict) -> None:
    user = signed_in()
    who = user.name if user else t("alerts.page.someone")
    key = f"alert_{alert['alert_id']}"
    note = st.text_input(t("alerts.page.note"), key=f"{key}_note")
    left, right = st.columns(2)
    if left.button(t("alerts.page.ack"), key=f"{key}_ack", icon=":material/task_alt:"):
        lifecycle.acknowledge(ctx.store.path, alert["alert_id"], who, note)
        people.record(ctx.store.path, user, "alert_ack", {"alert_id": alert["alert_id"]})
        st.rerun()
    days = right.selectbox(
        t("alerts.page.snooze_for"), SNOOZE_DAYS, key=f"{key}_days",
        format_func=lambda d: t("alerts.page.days", n=d),
    )  # fmt: skip
    if right.button(t("alerts.page.snooze"), key=f"{key}_snooze", icon=":material/snooze:"):
        until = (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).replace(microsecond=0)
        lifecycle.snooze(ctx.store.path, alert["alert_id"], who, until.isoformat())
        st.rerun()


def failures(ctx) -> None:
    """Deliveries that failed after their retries, for the units in scope."""
    seen = scope()
    units = {a["alert_id"]: a["unit"] for a in lifecycle.recent(ctx.store.path)}
    rows = [
        f
        for f in delivery.failures(ctx.store.path)
        if f["alert_id"] is None or people.covers(seen, units.get(f["alert_id"], ""), ctx.dims)
    ]
    if not rows:
        return
    st.subheader(t("alerts.page.failures"))
    frame = pd.DataFrame(rows)[
        ["created_at", "what", "channel", "recipient", "state", "attempts", "last_error"]
    ]
    frame["state"] = frame["state"].map(lambda s: t(f"alerts.delivery_state.{s}"))
    st.dataframe(
        frame.rename(columns=lambda c: t(f"alerts.col.{c}")), hide_index=True, width="stretch"
    )
