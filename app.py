"""Service Pulse: the router. Page config, navigation over pages/, the shell, then the page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from pulse import runtimes
from pulse.alerts import scheduler
from pulse.i18n import t
from pulse.store import default_path
from pulse.ui import shell, signin

HERE = Path(__file__).resolve().parent  # pages resolve from here even when a page runs first
# st.navigation turns off the automatic discovery of pages/, so every page is listed here.
PAGES = [
    ("pages/overview.py", "overview", ":material/dashboard:"),
    ("pages/queues.py", "queues", ":material/confirmation_number:"),
    ("pages/hotline.py", "hotline", ":material/support_agent:"),
    ("pages/surveys.py", "surveys", ":material/sentiment_satisfied:"),
    ("pages/complaints.py", "complaints", ":material/report:"),
    ("pages/trends.py", "trends", ":material/show_chart:"),
    ("pages/benchmarks.py", "benchmarks", ":material/leaderboard:"),
    ("pages/scorecard.py", "scorecard", ":material/military_tech:"),
    ("pages/drill.py", "drill", ":material/account_tree:"),
    ("pages/hall.py", "hall", ":material/storefront:"),
    ("pages/data.py", "data", ":material/database:"),
    ("pages/reports.py", "reports", ":material/description:"),
    ("pages/alerts.py", "alerts", ":material/notifications:"),
    ("pages/audit.py", "audit", ":material/policy:"),
]
# pages only some roles see in the navigation (the page checks the role again)
ADMIN_ONLY = {"audit"}


def run(start_page: str | None = None) -> None:
    """One run of the app, timed into $PULSE_RUN_TIMES when set (bench.browser reads it)."""
    with runtimes.timed() as timed:
        timed.name = route(start_page)


def route(start_page: str | None = None) -> str:
    """Shell, filter, then the chosen page; returns the page's slug. start_page (a path in
    PAGES) is the page to show when the URL names none: a page file started on its own."""
    st.set_page_config(page_title="Service Pulse", page_icon=":material/monitoring:", layout="wide")
    shell.language()
    scheduler.start_once()  # alert checks and report subscriptions, once per process
    default = start_page or PAGES[0][0]
    user = signin.signed_in(default_path())
    listed = [p for p in PAGES if p[1] not in ADMIN_ONLY or (user and user.role.admin)]
    pages = {
        slug: st.Page(
            HERE / path,
            title=t(f"page.{slug}"),
            url_path=slug,
            icon=icon,
            default=(path == default),
        )
        for path, slug, icon in listed
    }
    # before sign-in the navigation is hidden: the sign-in is all a visitor sees
    # every page listed (expanded): Streamlit folds a long list behind "View N more", in
    # English whatever the language, and hides pages a reader is looking for
    page = st.navigation(
        list(pages.values()), position="sidebar" if user else "hidden", expanded=True
    )
    slug = next((s for s, p in pages.items() if p is page), page.url_path)
    shell.run(page, slug)
    return slug


if __name__ == "__main__":
    run(globals().get("START_PAGE"))  # set by pulse.deeplink when a page started the run
