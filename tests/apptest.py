"""A page driven by Streamlit's AppTest on its own, with the filter in its URL, signed in:
as the tiny store's demo executive unless `user=` names another demo account (pulse.build's
DEMO_ACCOUNTS), or None for a visitor who has not signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from pulse import access, i18n, sessions, users
from pulse.build import DEMO_ACCOUNTS
from pulse.store import default_path
from pulse.ui import tabs

DEMO_NAMES = {name for name, _, _ in DEMO_ACCOUNTS}
PAGES = Path(__file__).resolve().parent.parent / "pages"


def sign_in(at: AppTest, user: str | access.User | None = "executive") -> AppTest:
    """Give an AppTest's session a live session on the store the app opens (PULSE_STORE), as
    the sign-in form would: of the demo account named `user`, or of an access.User, whose
    account is made (or brought to its role and scope) first; None leaves it signed out."""
    if user is None:
        return at
    path = default_path()
    if isinstance(user, access.User):
        user = _account_for(path, user)
    account = users.lookup(path, user)
    assert account is not None, f"no active account {user!r} on {path}"
    at.session_state["pulse_token"] = sessions.start(path, account, "password", users.now())
    return at


def _account_for(path, user: access.User) -> str:
    """An account with the user's name, role and scope on the store; its name. A demo
    account's name is refused: changing it would change it for every later test."""
    assert user.name not in DEMO_NAMES, f"{user.name!r} is a demo account; name the user apart"
    found = users.lookup(path, user.name)
    if found is None:
        users.add(path, user.name, user.role.name, user.scope)
    elif (found.role, found.scope) != (user.role, user.scope):
        users.change(path, user.name, role=user.role.name, scope=user.scope)
    return user.name


def app_test(
    path, default_timeout: float = 180, user: str | access.User | None = "executive"
) -> AppTest:
    """AppTest.from_file(path), signed in as `user`; a relative path is the repository's."""
    path = PAGES.parent / path  # an absolute path stays as it is
    return sign_in(AppTest.from_file(str(path), default_timeout=default_timeout), user)


def open_page(
    page: str,
    period: str = "last_30",
    lang: str = "en",
    dates=None,
    user: str | access.User | None = "executive",
) -> AppTest:
    """pages/<page>.py run on its own (it prepares the shell itself), with the filter in its
    URL. A switch from app.py would do, but AppTest resets the filter bar's widgets on a switch."""
    at = app_test(PAGES / f"{page}.py", 180, user)
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


def via_router(page: str, user: str | None = "executive") -> AppTest:
    """pages/<page>.py reached the way a reader does: app.py's router switching to it."""
    at = app_test(PAGES.parent / "app.py", 180, user).run()
    return at.switch_page(f"pages/{page}.py").run()


def start(page: str, user: str | None = "executive", **query) -> AppTest:
    """The page file run once with `query` as its URL's parameters."""
    at = app_test(page, 180, user)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def url(at: AppTest, key: str):
    """One parameter of the URL the run left behind."""
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def _section_tabs(node) -> list:
    """The tabs of a page's section bar (pulse.ui.tabs): Tab blocks not inside another tab."""
    found = []
    for child in getattr(node, "children", {}).values():
        if type(child).__name__ == "Tab":
            found.append(child)
        else:
            found += _section_tabs(child)
    return found


def tab_labels(at: AppTest) -> list[str]:
    """The labels of the page's section tabs, in order."""
    return [tab.label for tab in _section_tabs(at.main)]


def open_tab(at: AppTest, page: str, label: str) -> AppTest:
    """Open the page's section tab named `label` and run the page, as a click on it does."""
    lang = next(lang for lang in i18n.LANGUAGES if tabs.key(page, lang) in at.session_state)
    at.session_state[tabs.key(page, lang)] = label
    i18n.set_language(lang)
    try:
        return at.run()
    finally:
        i18n.set_language("en")


def each_tab(at: AppTest, page: str) -> Iterator[tuple[str, object]]:
    """Every section tab of the page, opened in turn (the open one first): its label and its
    block, as built while it is open. Only the open tab is built, so a test that reads a lower
    section opens it; one that reads them all walks them with this. A page without section
    tabs (or that stopped before them: no data) yields nothing."""
    if not any(tabs.key(page, lang) in at.session_state for lang in i18n.LANGUAGES):
        return
    labels = [tab.label for tab in _section_tabs(at.main)]
    first = next(tab.label for tab in _section_tabs(at.main) if tab.children)
    for label in [first, *(x for x in labels if x != first)]:
        if label != first:
            open_tab(at, page, label)
        assert not at.exception, f"{page} / {label}: {at.exception[0].value}"
        (tab,) = [x for x in _section_tabs(at.main) if x.label == label]
        yield label, tab
