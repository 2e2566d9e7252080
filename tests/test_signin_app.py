"""Sign-in under AppTest on the tiny store: a page without a session shows the sign-in and
nothing else, in both languages; wrong passwords, lockouts, disabled accounts and expired
sessions are refused with their message; the Audit and Data pages follow the role."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid

import pytest

from pulse import access, sessions, settings, users
from tests import apptest

APP = "app.py"
GOOD = "correct horse battery"


def signed_out(lang: str = "en", page: str = APP):
    at = apptest.app_test(page, 180, user=None)
    at.query_params["lang"] = lang
    return at.run()


def submit(at, name: str, password: str):
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    return at.button[0].click().run()


def fresh_account(tiny_path, role: str = "hall_manager", **fields) -> str:
    """An account of its own on the tiny store's side database, for a test that changes it."""
    name = f"t_{uuid.uuid4().hex[:8]}"
    users.add(tiny_path, name, role, access.Scope(halls=("SZ-001",)), GOOD, **fields)
    return name


def everything_text(at) -> str:
    parts = [
        e.value
        for kind in ("title", "markdown", "caption", "error", "warning", "info")
        for e in getattr(at, kind)
    ]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("lang", "title", "labels"),
    [
        ("en", "Service Pulse: sign in", ["User name", "Password"]),
        ("zh", "Service Pulse：登录", ["用户名", "密码"]),
    ],
)
def test_a_page_without_a_session_shows_only_the_sign_in(app_env, lang, title, labels):
    at = signed_out(lang, "pages/queues.py")
    assert not at.exception
    assert [t.value for t in at.title] == [title]
    assert [w.label for w in at.text_input] == labels
    assert len(at.sidebar.children) == 0  # no filter bar, no data date, no sign-out
    assert not at.metric and not at.dataframe and not at.selectbox and not at.multiselect
    assert "2026-10-31" not in everything_text(at)  # not even the data date


def test_signing_in_opens_the_page_the_link_named(app_env):
    at = apptest.app_test("pages/queues.py", 180, user=None)
    at.query_params["period"] = "last_7"
    at = submit(at.run(), "hall", "pulse-demo-hall")
    assert not at.exception
    assert at.title[0].value == "Queues"
    assert "Signed in as Demo hall (Hall manager)" in [c.value for c in at.sidebar.caption]
    assert apptest.url(at, "period") == "last_7"


def test_a_wrong_password_is_refused_with_a_message(app_env):
    at = submit(signed_out(), "hall", "not the password")
    assert [e.value for e in at.error] == ["Wrong user name or password."]
    assert at.title[0].value == "Service Pulse: sign in"


def test_a_locked_account_says_until_when(app_env, tiny_path):
    name = fresh_account(tiny_path)
    at = signed_out()
    for _ in range(settings.get("lockout_failures")):
        at = submit(at, name, "not the password")
    (said,) = [e.value for e in at.error]
    assert said.startswith("Too many wrong passwords: this account is locked until ")
    at = submit(at, name, GOOD)
    assert [e.value for e in at.error] == [said]


def test_a_disabled_account_is_refused_with_a_message(app_env, tiny_path):
    name = fresh_account(tiny_path)
    users.change(tiny_path, name, disabled=True)
    at = submit(signed_out(), name, GOOD)
    assert [e.value for e in at.error] == [
        "This account is disabled. Ask an admin if you need access."
    ]


def test_an_expired_session_asks_for_a_new_sign_in(app_env, tiny_path):
    name = fresh_account(tiny_path)
    long_ago = users.now() - dt.timedelta(minutes=settings.get("session_idle_min") + 1)
    token = sessions.start(tiny_path, users.lookup(tiny_path, name), "password", long_ago)
    at = apptest.app_test(APP, 180, user=None)
    at.session_state["pulse_token"] = token
    at = at.run()
    assert [w.value for w in at.warning] == ["Your session has expired. Please sign in again."]
    assert [w.label for w in at.text_input] == ["User name", "Password"]
    assert len(at.sidebar.children) == 0


def test_signing_out_ends_the_session(app_env):
    at = apptest.app_test(APP, 180, user="executive").run()
    token = at.session_state["pulse_token"]
    at = at.sidebar.button(key="signin_sign_out").click().run()
    assert [w.value for w in at.warning] == ["You have signed out."]
    assert at.title[0].value == "Service Pulse: sign in"
    assert sessions.resume(apptest.default_path(), token).result == "ended"


def test_the_audit_page_is_for_admins_only(app_env):
    at = apptest.open_page("audit", user="admin")
    assert not at.exception
    assert at.title[0].value == "Audit log"
    actions = at.dataframe[0].value["Action"].tolist()
    assert "user_change" in actions  # the demo accounts pulse.build made
    # another role is not even offered the page: the router shows its first page instead
    at = apptest.open_page("audit", user="analyst")
    assert at.title[0].value == "Overview"


def test_only_a_role_that_loads_may_load_and_the_load_names_the_user(app_env):
    at = apptest.open_page("data", user="hall")
    assert not at.exception
    assert any("Loading files is for analysts" in i.value for i in at.info)
    assert "Loaded by hall" not in everything_text(at)
    at = apptest.open_page("data", user="analyst")
    assert "Loaded by analyst: the signed-in user." in [c.value for c in at.caption]
    assert not any("Loading files is for analysts" in i.value for i in at.info)


def test_a_store_without_an_admin_serves_nothing(handmade_path, tmp_path, monkeypatch):
    path = tmp_path / "no_admin.duckdb"
    shutil.copy(handmade_path, path)
    monkeypatch.setenv("PULSE_STORE", str(path))
    at = apptest.app_test(APP, 180, user=None).run()
    assert not at.exception
    assert at.error[0].value.startswith("This store has no admin account yet")
    assert [c.value for c in at.code] == [users.ADMIN_COMMAND]
    assert not at.text_input
