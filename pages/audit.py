"""Audit log: every sign-in, export, report build, load and change, for admins to read and
download. Nobody can change it here or anywhere (the side database refuses)."""

from __future__ import annotations

import json

import streamlit as st

from pulse import audit
from pulse.export import tables as table_files
from pulse.i18n import t
from pulse.ui import context, signin, trail


def render() -> None:
    """Draw the Audit page."""
    ctx = context.current()
    st.title(t("page.audit"))
    user = signin.user()
    if user is None or not user.role.admin:
        st.warning(t("audit.admins_only"), icon=":material/block:")
        return
    st.caption(t("audit.intro"))
    log = audit.entries(ctx.store.path)
    if log.empty:
        st.info(t("audit.empty"))
        return
    left, right = st.columns(2)
    actions = left.multiselect(t("audit.action"), sorted(log["action"].unique()), key="au_act")
    names = sorted(n for n in log["user_name"].unique() if n)
    who = right.multiselect(t("audit.user"), names, key="au_user")
    if actions:
        log = log[log["action"].isin(actions)]
    if who:
        log = log[log["user_name"].isin(who)]
    log = log.assign(scope_json=log["scope_json"].map(_scope_words))
    shown = log.rename(columns=lambda c: t(f"audit.col.{c}"))
    st.dataframe(shown, hide_index=True, width="stretch")
    st.download_button(
        t("audit.download"),
        data=trail.audited(lambda: table_files.to_csv(shown), "audit_log.csv"),
        file_name="audit_log.csv",
        mime="text/csv",
        key="au_csv",
        on_click="ignore",
        icon=":material/download:",
    )


def _scope_words(text: str) -> str:
    """A logged scope in a few words: everything, or its unit codes."""
    scope = json.loads(text or "{}")
    if scope.get("everything"):
        return "*"
    return ", ".join(c for level in ("provinces", "cities", "halls") for c in scope.get(level, []))


render()
