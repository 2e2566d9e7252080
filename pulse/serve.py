"""Start the dashboard: `python -m pulse.serve [streamlit run options]`.

The same as `streamlit run app.py`, except that Streamlit is told from the start that app.py
lists every page with st.navigation. Otherwise, because a pages/ folder sits beside app.py,
the first request after a server start - a bookmarked deep link, say - is served the old way
(the raw file list, a "page not found" notice) until app.py has run once. pulse.ui.context
still hands such a run to the router when the app is started with plain `streamlit run`.
"""

from __future__ import annotations

import sys

from pulse import ROOT


def main(argv: list[str] | None = None) -> None:
    """Run Streamlit on app.py with the given options."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
