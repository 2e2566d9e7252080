"""The one workaround for a deep link that is the first request to a fresh server.

Streamlit serves a pages/ folder beside the main script by itself until app.py has called
st.navigation once, so a bookmarked link such as /queues?city=SZ, opened first after a start,
would be served the old way: the page file alone, without the shell, with a "page not found"
notice. Two guards, both here, both covered by tests/test_browser_deeplink.py:

- `route_every_request()`: `python -m pulse.serve` (make run) tells Streamlit before the
  server starts that app.py lists every page. It sets a private attribute of Streamlit
  (PagesManager.uses_pages_directory), pinned with streamlit==1.67.0: check it on upgrade.
- `hand_to_router()`: under plain `streamlit run app.py`, a page file run on its own (found by
  pulse.ui.context.current() having no context) runs the router with itself as the start page.
"""

from __future__ import annotations

import inspect
import runpy
from pathlib import Path

from pulse import ROOT

ROUTER = ROOT / "app.py"


def route_every_request() -> None:
    """Make Streamlit route even a server's first request through app.py's st.navigation."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def hand_to_router() -> None:
    """Run the router with the calling page as its start page, then end this run."""
    import streamlit as st

    runpy.run_path(str(ROUTER), init_globals={"START_PAGE": _calling_page()}, run_name="__main__")
    st.stop()


def _calling_page() -> str | None:
    """The pages/ file whose run asked for the context, as app.py's PAGES names it."""
    frame = inspect.currentframe()
    while frame is not None:  # inspect.stack() would read every frame's source lines
        path = Path(frame.f_code.co_filename).resolve()
        if path.parent == ROOT / "pages":
            return f"pages/{path.name}"
        frame = frame.f_back
    return None
