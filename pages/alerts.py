"""Alerts: the alerts within the user's scope, open first, with their sentence, chart, link
and history; acknowledge or snooze them; failed deliveries; the rules checked; the user's
report subscriptions."""

from __future__ import annotations

import streamlit as st

from pulse.alerts import rule_form, sections, subscribe
from pulse.i18n import t
from pulse.ui import context


def render() -> None:
    """Draw the Alerts page."""
    ctx = context.current()
    st.title(t("page.alerts"))
    st.caption(t("alerts.page.intro"))
    found = sections.alerts_in_scope(ctx)
    sections.listing(ctx, found)
    sections.failures(ctx)
    with st.expander(t("alerts.page.rules"), icon=":material/rule:"):
        rule_form.section(ctx)
    subscribe.form(ctx)


render()
