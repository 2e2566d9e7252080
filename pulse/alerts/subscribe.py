"""The Alerts page's subscription form: the signed-in user's board-report subscriptions, and
a new one for a scope, period, language, format and schedule."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulse import report
from pulse.alerts import subscriptions
from pulse.alerts.annotate import signed_in
from pulse.i18n import t

PERIODS = ("last_month", "last_quarter")  # the periods a standing report makes sense for


def form(ctx) -> None:
    """Subscriptions of the signed-in user (none before sign-in exists: nobody to send to)."""
    st.subheader(t("subscribe.title"))
    user = signed_in()
    if user is None:
        st.info(t("subscribe.sign_in"), icon=":material/login:")
        return
    mine = [s for s in subscriptions.active(ctx.store.path) if s.user_name == user.name]
    if mine:
        frame = pd.DataFrame(
            {
                t("subscribe.col.scope"): [s.scope for s in mine],
                t("subscribe.col.period"): [t(f"subscribe.period.{s.period}") for s in mine],
                t("subscribe.col.format"): [s.report_format.upper() for s in mine],
                t("subscribe.col.lang"): [t(f"subscribe.lang.{s.lang}") for s in mine],
                t("subscribe.col.schedule"): [t(f"subscribe.schedule.{s.schedule}") for s in mine],
            }
        )
        st.dataframe(frame, hide_index=True, width="stretch")
    if not user.email:
        st.warning(t("subscribe.no_email"))
        return
    left, middle, right = st.columns(3)
    scope = left.text_input(t("subscribe.scope"), value=_default_scope(ctx, user), key="sub_scope")
    period = middle.selectbox(
        t("subscribe.col.period"), PERIODS, key="sub_period",
        format_func=lambda p: t(f"subscribe.period.{p}"),
    )  # fmt: skip
    kind = right.selectbox(
        t("subscribe.col.format"), report.FORMATS, key="sub_format", format_func=str.upper
    )
    left, right = st.columns(2)
    lang = left.selectbox(
        t("subscribe.col.lang"), ("en", "zh"), key="sub_lang",
        index=("en", "zh").index(ctx.lang), format_func=lambda x: t(f"subscribe.lang.{x}"),
    )  # fmt: skip
    schedule = right.selectbox(
        t("subscribe.col.schedule"), subscriptions.SCHEDULES, key="sub_schedule",
        format_func=lambda s: t(f"subscribe.schedule.{s}"),
    )  # fmt: skip
    if st.button(t("subscribe.add"), key="sub_add", icon=":material/mail:"):
        subscriptions.add(ctx.store.path, user.name, kind, scope.strip() or "all", period, lang,
                          schedule)  # fmt: skip
        st.success(t("subscribe.added"))


def _default_scope(ctx, user) -> str:
    seen = user.sees
    if seen.everything:
        return "all"
    return ",".join((*seen.provinces, *seen.cities, *seen.halls))
