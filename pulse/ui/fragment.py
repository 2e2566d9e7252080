"""Page sections whose own controls rerun them alone (st.fragment): a chart's metric or a
table's breakdown redraws that section, not the page's every tile and chart.

A section rerun alone runs without the shell around it, so `section` does for it what the
shell does for a whole run: hands it the run's context and language, checks that the tab is
still signed in (if not, the whole page runs and shows the sign-in form), runs the whole page
instead when a click in the section changed the filter or the page to open, and turns an
unexpected error into the shell's short message, never a traceback. In a whole run the
section runs as part of the page, and the shell does all of that."""

from __future__ import annotations

import contextvars
import functools
import logging
from collections.abc import Callable
from contextlib import contextmanager

import streamlit as st

from pulse import runtimes
from pulse.i18n import set_language, t
from pulse.ui import context, kept, signin

log = logging.getLogger(__name__)
# True while the shell runs a page, or a section runs alone: a section called then is part of
# that run, which has done the shell's duties (sections nest: a page's body holds its tabs)
_PAGE_RUN: contextvars.ContextVar[bool] = contextvars.ContextVar("page_run", default=False)


@contextmanager
def page_run():
    """Around the shell's run of a page, and a section's own run."""
    token = _PAGE_RUN.set(True)
    try:
        yield
    finally:
        _PAGE_RUN.reset(token)


_WHOLE_RUN = "_fragment_whole_run"


def whole_run_next() -> None:
    """Make the run that follows the whole page's: called by a click's callback that changes
    what every section reads (the filter, the page to open), which a section's own rerun
    would not show."""
    st.session_state[_WHOLE_RUN] = True


def whole_run_started() -> None:
    """At the top of a whole run, which shows whatever a callback asked for."""
    st.session_state.pop(_WHOLE_RUN, None)


def section(draw: Callable) -> Callable:
    """A section drawn by `draw(ctx, ...)` that reruns alone when a control inside it
    changes. Its arguments are kept for those reruns, so it takes what the whole run
    computed (the context, the page's data), never reads the shell's state itself."""

    @st.fragment
    @functools.wraps(draw)
    def drawn(ctx: context.Context, *args, **kwargs):
        if _PAGE_RUN.get():  # part of a whole run, or of an enclosing section's own run
            return draw(ctx, *args, **kwargs)
        context.publish(ctx)
        set_language(ctx.lang)
        if st.session_state.pop(_WHOLE_RUN, False):  # a click here changed the filter or page
            st.rerun(scope="app")
        if signin.signed_in(ctx.store.path) != ctx.user:  # ended, or the account changed
            st.rerun(scope="app")
        with runtimes.timed(f"section {draw.__name__}"), page_run():
            try:
                draw(ctx, *args, **kwargs)
            except Exception:
                log.exception("section %s failed", draw.__name__)
                st.error(t("shell.error"), icon=":material/error:")
            kept.keep_open()  # what the reader set here outlives a closed tab

    return drawn
