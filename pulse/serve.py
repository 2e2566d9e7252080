"""Start the dashboard: `python -m pulse.serve [streamlit run options]`.

The same as `streamlit run app.py`, except that even the first request after a start (a
bookmarked deep link, say) goes through app.py's router: see pulse.deeplink.
"""

from __future__ import annotations

import sys

from pulse import ROOT


def main(argv: list[str] | None = None) -> None:
    """Run Streamlit on app.py with the given options."""
    from streamlit.web import cli

    from pulse import deeplink

    deeplink.route_every_request()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
