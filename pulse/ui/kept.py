"""Widget values that outlive a run that does not draw their widget (a closed tab): Streamlit
forgets a widget's value on such a run, so a tab names the keys it keeps and they are put
back when it opens again (pulse.ui.tabs)."""

from __future__ import annotations

import streamlit as st

_KEEPS = "_tabs_keeps"  # each page's kept widget keys: {page: (key, ...)}


def _kept(page: str) -> str:
    return f"_{page}_tab_kept"


def restore(page: str, keys: tuple[str, ...]) -> None:
    """Before drawing a tab: put back its widgets' values set in an earlier visit and not
    set since by a click, and remember which keys the open tab keeps."""
    kept = st.session_state.setdefault(_kept(page), {})
    for widget in keys:
        if widget not in st.session_state and widget in kept:
            st.session_state[widget] = kept[widget]
    st.session_state.setdefault(_KEEPS, {})[page] = keys


def keep(page: str, keys: tuple[str, ...]) -> None:
    """Keep the current values of a page's widgets `keys` for when their tab opens again."""
    kept = st.session_state.setdefault(_kept(page), {})
    kept.update({w: st.session_state[w] for w in keys if w in st.session_state})


def keep_open() -> None:
    """Keep the values the reader set in the open tabs' widgets. A tab's run does it after
    drawing the tab; a section inside a tab rerun alone (pulse.ui.fragment) calls this."""
    for page, keys in st.session_state.get(_KEEPS, {}).items():
        keep(page, keys)
