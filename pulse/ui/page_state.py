"""Page widgets whose values live in the URL under the page's own keys, so a link reproduces
the view; the filter bar leaves keys it does not own alone. Widgets also keep their value in
the session (persist_state) when the user visits another page and comes back."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

_WRITTEN = "_page_url_written"


def restore(key: str, url_key: str, parse: Callable[[str], object]) -> None:
    """Before drawing the widget `key`: take its value from the URL when the URL carries one
    this session did not write (a pasted or bookmarked link). parse returns None to ignore."""
    written = st.session_state.setdefault(_WRITTEN, {})
    text = st.query_params.get(url_key)
    if text is None or written.get(url_key) == text:
        return
    value = parse(text)
    written[url_key] = text
    if value is not None:
        st.session_state[key] = value


def publish(key: str, url_key: str, dump: Callable[[object], str], default) -> None:
    """After drawing the widget: write its value to the URL (left out when it is the
    default, so links stay short)."""
    written = st.session_state.setdefault(_WRITTEN, {})
    value = st.session_state.get(key, default)
    if value == default or value is None:
        written.pop(url_key, None)
        if url_key in st.query_params:
            del st.query_params[url_key]
        return
    text = dump(value)
    written[url_key] = text
    if st.query_params.get(url_key) != text:
        st.query_params[url_key] = text


def listed(allowed: list[str] | tuple[str, ...], most: int | None = None):
    """A parser for a comma-separated list of allowed values (None when nothing is left)."""

    def parse(text: str):
        values = [v for v in dict.fromkeys(text.split(",")) if v in allowed]
        if most is not None:
            values = values[:most]
        return values or None

    return parse


def one_of(allowed: list[str] | tuple[str, ...]):
    """A parser for a single allowed value."""
    return lambda text: text if text in allowed else None
