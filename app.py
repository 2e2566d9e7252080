"""Service Pulse: the router. Page config, navigation over pages/, the shell, then the page."""

from __future__ import annotations

import streamlit as st

from pulse.i18n import t
from pulse.ui import shell

# st.navigation turns off the automatic discovery of pages/, so every page is listed here.
PAGES = [
    ("pages/overview.py", "overview", ":material/dashboard:"),
    ("pages/data.py", "data", ":material/database:"),
    ("pages/reports.py", "reports", ":material/description:"),
]


def run() -> None:
    """One run of the app: shell, filter, then the chosen page."""
    st.set_page_config(page_title="Service Pulse", page_icon=":material/monitoring:", layout="wide")
    shell.language()
    page = st.navigation(
        [
            st.Page(path, title=t(f"page.{slug}"), url_path=slug, icon=icon, default=(i == 0))
            for i, (path, slug, icon) in enumerate(PAGES)
        ]
    )
    shell.prepare()
    page.run()


run()
