"""A page driven by Streamlit's AppTest on its own, with the filter in its URL."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pulse import i18n

PAGES = Path(__file__).resolve().parent.parent / "pages"


def open_page(
    page: str, period: str = "last_30", lang: str = "en", dates=None, user=None
) -> AppTest:
    """pages/<page>.py run on its own (it prepares the shell itself), with the filter in its
    URL, signed in as `user` (an access.User; default: the shell's). A switch from app.py
    would do, but AppTest resets the filter bar's widgets on a switch."""
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=180)
    if user is not None:
        at.session_state["pulse_user"] = user
    at.query_params["lang"] = lang
    if dates:
        at.query_params["period"] = "custom"
        at.query_params["from"], at.query_params["to"] = (d.isoformat() for d in dates)
    else:
        at.query_params["period"] = period
    # AppTest words select boxes with their format function in this thread: same language
    i18n.set_language(lang)
    try:
        return at.run()
    finally:
        i18n.set_language("en")


def markdown(at: AppTest) -> str:
    """Every markdown element's text, joined."""
    return " ".join(m.value for m in at.markdown)


def via_router(page: str) -> AppTest:
    """pages/<page>.py reached the way a reader does: app.py's router switching to it."""
    at = AppTest.from_file(str(PAGES.parent / "app.py"), default_timeout=180).run()
    return at.switch_page(f"pages/{page}.py").run()


def start(page: str, **query) -> AppTest:
    """The page file run once with `query` as its URL's parameters."""
    at = AppTest.from_file(page, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def url(at: AppTest, key: str):
    """One parameter of the URL the run left behind."""
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value
