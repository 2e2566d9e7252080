"""A page's sections below its headline, as tabs of which only the open one is built: a filter
change computes and draws one section, not every section of the page (Streamlit's tabs with
on_change="rerun" say which tab is open; the others stay empty until clicked). The tab bar is
a section of its own (pulse.ui.fragment): opening a tab runs the tabs, not the page above.

The open tab is remembered per page by its section's name, so it stays open across filter
changes, page switches and a language switch (the labels, and so the widget's key, change
with the language). A click in one tab that sets up another opens it with open_next().

Streamlit forgets a widget's value on a run that does not draw it, so a closed tab would
lose what the reader set in it; each section names the widget keys it keeps (`keep`), which
are put back when the tab opens again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import streamlit as st

from pulse.i18n import language
from pulse.ui import context, fragment, kept


class Section(NamedTuple):
    """One tab: a name that stays the same in every language, its label, what draws it and
    the keys of its widgets whose values outlive a closed tab."""

    name: str
    label: str
    draw: Callable[[], None]
    keep: tuple[str, ...] = ()


def key(page: str, lang: str) -> str:
    """The tab bar's widget key: its state is the open tab's label in `lang`."""
    return f"{page}_tab_{lang}"


def _remembered(page: str) -> str:
    return f"_{page}_tab_open"


def _requested(page: str) -> str:
    return f"_{page}_tab_requested"


def open_next(page: str, name: str) -> None:
    """Open the page's section `name` on the next run (call st.rerun() after): the tab bar
    of this run exists already and cannot be changed."""
    st.session_state[_requested(page)] = name


def lazy(page: str, sections: Sequence[Section]) -> None:
    """Draw `sections` as tabs; only the open tab's draw() runs. Opening another tab, or a
    control inside the open one, reruns the tabs alone (pulse.ui.fragment), not the page
    above them."""
    _bar(context.current(), page, tuple(sections))


@fragment.section
def _bar(ctx: context.Context, page: str, sections: tuple[Section, ...]) -> None:
    labels = {s.name: s.label for s in sections}
    bar_key = key(page, language())
    requested = st.session_state.pop(_requested(page), None)
    if requested or st.session_state.get(bar_key) not in labels.values():  # asked, first, back
        name = requested or st.session_state.get(_remembered(page))
        st.session_state[bar_key] = labels.get(name, sections[0].label)
    bar = st.tabs(list(labels.values()), key=bar_key, on_change="rerun")
    for tab, section in zip(bar, sections, strict=True):
        if tab.open:
            st.session_state[_remembered(page)] = section.name
            kept.restore(page, section.keep)
            with tab:
                section.draw()
            kept.keep(page, section.keep)
