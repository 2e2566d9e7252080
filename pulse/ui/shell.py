"""The shell every page runs inside: language, store (built on first run), dimensions and the
filter bar. app.py runs the page through it; a page run on its own prepares it itself."""

from __future__ import annotations

import logging
import re
import time

import streamlit as st

from pulse import access, build, filters, i18n, inbox
from pulse.dimensions import load as load_dimensions
from pulse.i18n import t
from pulse.store import Store, default_path, open_store
from pulse.ui import context, filterbar, fragment, notices, signin, stale

log = logging.getLogger(__name__)


def language() -> str:
    """Set this run's language from the session or the URL; call before any text."""
    return i18n.set_language(filterbar.language_from_url())


def open_or_build_store() -> Store:
    """Open the store, building the demo store with a progress bar on the very first run."""
    path = default_path()
    if not path.exists():
        job = build.build_in_background(path)
        bar = st.progress(0.0, text=t("build.start"))
        while job.running:
            if job.done:
                bar.progress(job.done / job.total, text=_step_text(job))
            time.sleep(0.3)
        if job.error is not None:
            raise job.error
        bar.empty()
    store = open_store(path)
    inbox.start(store)  # files handed in while the dashboard holds the store (once a process)
    return store


def _step_text(job: build.Job) -> str:
    """The build's last step in the reader's language: a month generated (YYYY-MM), a
    table loaded (its label), or summaries built (a rollup)."""
    done = {"done": job.done, "total": job.total}
    if re.fullmatch(r"\d{4}-\d{2}", job.what):
        return t("build.generated", month=job.what, **done)
    key = f"data.table_name.{job.what}"
    return t("build.step", what=t(key) if t(key) != key else t("build.summaries"), **done)


def run(page, slug: str) -> None:
    """The shell, then the page (a st.Page; slug: its name in app.PAGES). The one place a
    page's unexpected error is caught: the reader gets a short message in their language,
    never a traceback or a server path, and the log gets the whole story."""
    try:
        prepare(slug)
        fragment.whole_run_started()
        with fragment.page_run():  # sections run as part of the page (pulse.ui.fragment)
            page.run()
    except Exception:
        log.exception("page %s failed", slug)
        st.error(t("shell.error"), icon=":material/error:")


def nothing_in_scope(user: access.User) -> None:
    """The whole page for a user whose scope reaches no unit: what that means and whom to
    ask, and nothing else."""
    st.warning(t("access.nothing.title", user=user.display or user.name), icon=":material/block:")
    st.markdown(t("access.nothing.ask"))
    st.stop()


def prepare(page: str | None = None) -> context.Context:
    """Draw the shell (filter bar, data date) and publish the context for the page (its
    slug tells the filter bar what the page is about). The user's scope goes into the
    filter here, before any page makes a query."""
    lang = language()
    store = open_or_build_store()
    user = signin.require_user(store)  # the sign-in and nothing else, until someone signs in
    dims = load_dimensions(store)
    options = filters.within(dims.options(), user.sees)
    if options.reach is not None and options.reach.empty:
        nothing_in_scope(user)
    if dims.as_of is None:
        st.warning(t("shell.no_data"))
        st.stop()
    f, url_notices = filterbar.render(dims, page, options)
    f = filters.cascade(f, options).with_(role=user.role)  # whatever the widgets held
    with st.sidebar:
        st.caption(t("shell.as_of", date=dims.as_of.isoformat()))
        stale.stamp_note(store, dims.as_of)
    ctx = context.Context(
        store=store,
        dims=dims,
        filter=f,
        period=filters.resolve(f, dims.as_of),
        as_of=dims.as_of,
        lang=lang,
        notices=tuple(notices.word(n) for n in url_notices),
        user=user,
    )
    context.publish(ctx)
    return ctx
