"""Signing in through a real browser: with a local account (kept across a reload by the
session cookie), and through OpenID Connect against a mock provider (oidc-provider-mock)
started on 127.0.0.1; a wrong password, a disabled account and an expired session are
refused with their message."""

from __future__ import annotations

import secrets
import threading

import oidc_provider_mock
import pytest
import werkzeug.serving
from playwright.sync_api import expect

from pulse import access, sidecar, users
from tests.browser import TIMEOUT, served_store, sign_in, streamlit_server, wait_until_idle

pytestmark = pytest.mark.browser
GOOD = "correct horse battery"
OIDC_EMAIL = "li.wei@example.com"


@pytest.fixture(scope="module")
def provider():
    """A mock OpenID Connect provider on 127.0.0.1; yields its base URL."""
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def sso(tiny_path, tmp_path_factory, provider):
    """The dashboard (python -m pulse.serve) with OpenID Connect configured against the mock
    provider; yields (its URL, the store it serves)."""
    workdir = tmp_path_factory.mktemp("sso")

    def secrets_toml(url: str) -> str:
        return (
            "[auth]\n"
            f'redirect_uri = "{url}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "service-pulse"\n'
            'client_secret = "service-pulse-test-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        )

    with streamlit_server(tiny_path, workdir, secrets=secrets_toml) as url:
        yield url, served_store(workdir)


def heading(page):
    return page.get_by_test_id("stHeading").first


def test_a_local_account_signs_in_and_stays_signed_in_across_a_reload(sso, page):
    url, _ = sso
    page.goto(f"{url}/queues?period=last_7")
    expect(heading(page)).to_have_text("Service Pulse: sign in")
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    sign_in(page, user="hall")
    expect(heading(page)).to_have_text("Queues")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Signed in as Demo hall (Hall manager)")).to_be_visible()
    page.reload()  # a new Streamlit session: the cookie resumes the signed-in one
    expect(heading(page)).to_have_text("Queues")
    expect(sidebar.get_by_text("Signed in as Demo hall (Hall manager)")).to_be_visible()
    wait_until_idle(page)
    sidebar.get_by_test_id("stButton").filter(has_text="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    wait_until_idle(page)
    page.reload()  # the cookie was cleared, and its session ended
    wait_until_idle(page)
    expect(heading(page)).to_have_text("Service Pulse: sign in")


def test_a_wrong_password_is_refused(sso, page):
    url, _ = sso
    page.goto(url)
    form = page.get_by_test_id("stForm")
    form.locator("input[type=text]").fill("hall")
    form.locator("input[type=password]").fill("not the password")
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(page.get_by_text("Wrong user name or password.")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_a_disabled_account_is_refused(sso, page):
    url, store = sso
    users.add(store, "gone", "hall_manager", access.Scope(halls=("SZ-001",)), GOOD)
    users.change(store, "gone", disabled=True)
    page.goto(url)
    form = page.get_by_test_id("stForm")
    form.locator("input[type=text]").fill("gone")
    form.locator("input[type=password]").fill(GOOD)
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(page.get_by_text("This account is disabled.")).to_be_visible()


def test_an_expired_session_is_refused_on_the_next_visit(sso, page):
    url, store = sso
    users.add(store, "idle", "analyst", access.Scope(provinces=("GD",)), GOOD)
    sign_in(page, url, user="idle", password=GOOD)
    con = sidecar.connect(store)  # an hour passes without the session being used
    con.execute(
        "update user_session set seen_at = datetime('now', '-1 hour') where account_name = ?",
        ("idle",),
    )
    con.close()
    page.reload()
    wait_until_idle(page)
    expect(page.get_by_text("Your session has expired. Please sign in again.")).to_be_visible()
    expect(heading(page)).to_have_text("Service Pulse: sign in")


def test_signing_in_through_the_identity_provider(sso, page):
    url, store = sso
    users.add(store, "li", "city_manager", access.Scope(cities=("SZ",)), email=OIDC_EMAIL)
    page.goto(url)
    page.get_by_role("button", name="Sign in with your company account").click()
    page.locator("input[name=sub]").fill(OIDC_EMAIL)  # the mock provider's own form
    page.get_by_role("button", name="Authorize").click()
    expect(
        page.get_by_test_id("stSidebar").get_by_text("Signed in as li (City manager)")
    ).to_be_visible(timeout=TIMEOUT)
    expect(heading(page)).to_have_text("Overview")
    assert users.lookup(store, "li").email == OIDC_EMAIL


def test_an_identity_provider_user_without_an_account_is_told_to_ask(sso, page):
    url, _ = sso
    page.goto(url)
    page.get_by_role("button", name="Sign in with your company account").click()
    page.locator("input[name=sub]").fill("stranger@example.com")
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text("stranger@example.com has no access to Service Pulse.")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_a_session_that_ended_is_refused_at_a_sections_own_control(sso, page):
    # a section redrawn alone (pulse.ui.fragment) checks the session as a whole run does
    url, store = sso
    users.add(store, "busy", "analyst", access.Scope(provinces=("GD",)), GOOD)
    sign_in(page, f"{url}/queues?period=last_30", user="busy", password=GOOD)
    expect(heading(page)).to_have_text("Queues")
    con = sidecar.connect(store)  # an hour passes without the session being used
    con.execute(
        "update user_session set seen_at = datetime('now', '-1 hour') where account_name = ?",
        ("busy",),
    )
    con.close()
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox")
    box.filter(has_text="Metric over time").first.click()
    page.get_by_role("option", name="Mean wait", exact=True).click()
    wait_until_idle(page)
    expect(page.get_by_text("Your session has expired. Please sign in again.")).to_be_visible()
    expect(heading(page)).to_have_text("Service Pulse: sign in")
