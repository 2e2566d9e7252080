"""What every page needs from the app shell: the store, dimensions, filter and language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from pulse import filters
from pulse.dimensions import Dimensions
from pulse.store import Store

_KEY = "_pulse_context"


@dataclass(frozen=True)
class Context:
    """The shell's state for this run."""

    store: Store
    dims: Dimensions
    filter: filters.Filter
    period: filters.Period
    as_of: dt.date
    lang: str
    notices: tuple[str, ...] = ()


def publish(ctx: Context) -> None:
    """Hand the context to the page about to run."""
    st.session_state[_KEY] = ctx


def current() -> Context:
    """The context the app shell published for this run."""
    if _KEY not in st.session_state:
        raise RuntimeError("pages run inside app.py: start the dashboard with `streamlit run app.py`")
    return st.session_state[_KEY]
