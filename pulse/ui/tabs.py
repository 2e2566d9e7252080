"""A page's sections below its headline, as tabs of which only the open one is built: a filter
change computes and draws one section, not every section of the page (Streamlit's tabs with
on_change="rerun" say which tab is open; the others stay empty until clicked).

The open tab is remembered per page, so it stays open across filter changes, page switches and
a language switch (the tabs' labels, and so the widget's key, change with the language)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from pulse.i18n import language

Section = tuple[str, Callable[[], None]]


def key(page: str, lang: str) -> str:
    """The tab bar's widget key: its state is the open tab's label in `lang`."""
    return f"{page}_tab_{lang}"


def _remembered(page: str) -> str:
    return f"_{page}_tab_open"


def lazy(page: str, sections: Sequence[Section]) -> None:
    """Draw `sections` (label, draw) as tabs; only the open tab's draw() runs."""
    labels = [label for label, _ in sections]
    bar_key = key(page, language())
    if st.session_state.get(bar_key) not in labels:  # first visit, or back from elsewhere
        opened = int(st.session_state.get(_remembered(page), 0))
        st.session_state[bar_key] = labels[min(max(opened, 0), len(labels) - 1)]
    bar = st.tabs(labels, key=bar_key, on_change="rerun")
    for i, (tab, (_, draw)) in enumerate(zip(bar, sections, strict=True)):
        if tab.open:
            st.session_state[_remembered(page)] = i
            with tab:
                draw()
