"""What every page needs from the app shell: the store, dimensions, filter and language."""

from __future__ import annotations

import contextvars
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pulse import ROOT, filters
from pulse.dimensions import Dimensions
from pulse.store import Store

ROUTER = ROOT / "app.py"
# Set once per script run by the shell; a run is one thread, so runs never see each other's.
_current: contextvars.ContextVar[Context | None] = contextvars.ContextVar("context", default=None)


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
    _current.set(ctx)


def current() -> Context:
    """The context of this run. A page started on its own - a deep link that reaches a fresh
    server before app.py ever ran, when Streamlit still serves pages/ by itself, or a test
    running one page - hands the run to the router, which draws the shell and runs the
    requested page in full; this run then stops."""
    ctx = _current.get()
    if ctx is None:
        import runpy

        import streamlit as st

        start = _calling_page()
        runpy.run_path(str(ROUTER), init_globals={"START_PAGE": start}, run_name="__main__")
        st.stop()
    return ctx


def _calling_page() -> str | None:
    """The pages/ file whose run asked for the context, as app.py's PAGES names it."""
    import inspect

    for frame in inspect.stack():
        path = Path(frame.filename).resolve()
        if path.parent == ROOT / "pages":
            return f"pages/{path.name}"
    return None
