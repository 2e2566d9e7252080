"""Service Pulse: the router. Page config, navigation over pages/, the global filter bar."""

from __future__ import annotations

import streamlit as st

from pulse import build, filters, i18n
from pulse.dimensions import load as load_dimensions
from pulse.i18n import t
from pulse.store import default_path, open_store
from pulse.ui import context, filterbar, notices

# st.navigation turns off the automatic discovery of pages/, so every page is listed here.
PAGES = [
    ("pages/overview.py", "overview", ":material/dashboard:"),
]


def _open_store():
    """Open the store, building the demo store with a progress bar on the very first run."""
    path = default_path()
    if not path.exists():
        bar = st.progress(0.0, text=t("build.start"))

        def step(done: int, total: int, what: str) -> None:
            bar.progress(done / total, text=t("build.step", what=what, done=done, total=total))

        build.ensure_store(path, progress=step)
        bar.empty()
    return open_store(path)


def run() -> None:
    """One run of the app: shell, filter, then the chosen page."""
    st.set_page_config(page_title="Service Pulse", page_icon=":material/monitoring:",
                       layout="wide")
    lang = i18n.set_language(filterbar.language_from_url())
    store = _open_store()
    dims = load_dimensions(store)
    pages = [
        st.Page(path, title=t(f"page.{slug}"), url_path=slug, icon=icon, default=(i == 0))
        for i, (path, slug, icon) in enumerate(PAGES)
    ]
    page = st.navigation(pages)
    if dims.as_of is None:
        st.warning(t("shell.no_data"))
        st.stop()
    f, url_notices = filterbar.render(dims)
    with st.sidebar:
        st.caption(t("shell.as_of", date=dims.as_of.isoformat()))
    context.publish(
        context.Context(
            store=store,
            dims=dims,
            filter=f,
            period=filters.resolve(f, dims.as_of),
            as_of=dims.as_of,
            lang=lang,
            notices=tuple(notices.word(n) for n in url_notices),
        )
    )
    page.run()


run()
