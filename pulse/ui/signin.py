"""Sign-in: every visitor signs in, always, before the shell draws anything of the data.

Two ways in: a local account's name and password (pulse.sessions), or OpenID Connect through
Streamlit's st.login when .streamlit/secrets.toml has an [auth] section, the identity
provider's user matched to an account by e-mail. The session lives with the browser tab: its
token in st.session_state["pulse_token"], the signed-in access.User in
st.session_state["pulse_user"]. Under `python -m pulse.serve` the token is also kept in an
HttpOnly cookie (pulse.session_cookie), so a reload or a second tab resumes the session while
it is valid; elsewhere (plain `streamlit run`, AppTest) a session lasts as long as its tab.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from pulse import access, audit, session_cookie, sessions, users
from pulse.i18n import language, t

log = logging.getLogger(__name__)
USER_KEY = "pulse_user"
TOKEN_KEY = "pulse_token"
_NOTICE_KEY = "pulse_signin_notice"  # why the last session ended, shown on the sign-in
_NO_SSO_KEY = "pulse_no_sso"  # signed out or expired: no automatic OpenID Connect sign-in
_TICKET_KEY = "pulse_cookie_ticket"  # a sign-in's ticket, exchanged for the cookie once
_CLEAR_KEY = "pulse_cookie_clear"  # the cookie holds a session that is over: clear it


def signed_in(store_path: Path | str) -> access.User | None:
    """The user of this tab's live session, or None; draws nothing (the router asks it which
    pages to list). A session that has ended leaves its reason for the sign-in to show."""
    token = st.session_state.get(TOKEN_KEY)
    if not token and session_cookie.installed() and not st.session_state.get(_CLEAR_KEY):
        token = st.context.cookies.get(session_cookie.COOKIE)
    if not token:
        st.session_state.pop(USER_KEY, None)
        return None
    try:
        outcome = sessions.resume(store_path, token)
    except Exception:  # deny, and keep the traceback for the log, never the page
        log.exception("a session could not be checked")
        outcome = sessions.Outcome("ended")
    if outcome.result != "ok":
        _forget(outcome.result)
        return None
    st.session_state[TOKEN_KEY] = token
    st.session_state[USER_KEY] = outcome.user
    return outcome.user


def user() -> access.User | None:
    """The signed-in user of this run, as require_user() left it."""
    return st.session_state.get(USER_KEY)


def require_user(store) -> access.User:
    """The signed-in user, with a sign-out button in the sidebar; or the sign-in page and
    st.stop(). A store without an admin account serves nothing until one is created."""
    path = store.path
    if not users.has_admin(path):
        st.title(t("signin.title"))
        st.error(t("signin.no_admin"), icon=":material/block:")
        st.code(users.ADMIN_COMMAND, language="sh")
        st.stop()
    signed = signed_in(path)
    if signed is None and _sso_configured() and not st.session_state.get(_NO_SSO_KEY):
        signed = _from_identity_provider(path)
    if signed is None:
        _draw(path)
        st.stop()
    _sign_out_button(path, signed)
    return signed


def _forget(reason: str) -> None:
    """Leave the tab signed out, remembering why for the sign-in page."""
    for key in (TOKEN_KEY, USER_KEY, _TICKET_KEY):
        st.session_state.pop(key, None)
    st.session_state[_NOTICE_KEY] = reason
    st.session_state[_NO_SSO_KEY] = True
    st.session_state[_CLEAR_KEY] = session_cookie.installed()


def _signed_in_now(outcome) -> None:
    """Keep a new session in this tab, and in the cookie when the server has its route."""
    st.session_state[TOKEN_KEY] = outcome.token
    st.session_state[USER_KEY] = outcome.user
    for key in (_NOTICE_KEY, _CLEAR_KEY, "signin_password"):
        st.session_state.pop(key, None)
    if session_cookie.installed():
        st.session_state[_TICKET_KEY] = session_cookie.ticket_for(outcome.token)


def _fetch(path: str) -> None:
    """Have the browser fetch one of the cookie routes (its response sets or clears it)."""
    script = f"<script>fetch({json.dumps(path)}, {{credentials: 'same-origin'}});</script>"
    st.html(script, unsafe_allow_javascript=True)


def _sso_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OpenID Connect)."""
    from streamlit.auth_util import get_secrets_auth_section

    return bool(get_secrets_auth_section())


def _providers() -> list[str | None]:
    """The named providers of [auth.NAME] sections, or [None] for the [auth] section's own."""
    from streamlit.auth_util import get_secrets_auth_section

    section = get_secrets_auth_section()
    named = [k for k, v in section.items() if hasattr(v, "get") and v.get("client_id")]
    return named or [None]


def _from_identity_provider(path) -> access.User | None:
    """The account an OpenID Connect user (st.user) is matched to by e-mail, signed in."""
    if not st.user.get("is_logged_in"):
        return None
    email = str(st.user.get("email") or "")
    if st.user.get("email_verified") is False:
        email = ""  # an address the provider has not checked proves nothing
    if st.session_state.get(_NOTICE_KEY) in ("unknown_email", "disabled"):
        return None  # refused once already in this tab: said so, not logged again each run
    outcome = sessions.check_email(path, email)
    if outcome.result != "ok":
        st.session_state[_NOTICE_KEY] = outcome.result
        return None
    _signed_in_now(outcome)
    return outcome.user


def _draw(path) -> None:
    """The sign-in page: a notice, the identity provider's button, the password form."""
    st.title(t("signin.title"))
    st.markdown(_other_language_link())
    if st.session_state.get(_CLEAR_KEY):
        _fetch(session_cookie.url(session_cookie.CLEAR_PATH))
    notice = st.session_state.get(_NOTICE_KEY)
    if notice in ("unknown_email", "disabled") and st.user.get("is_logged_in"):
        who = str(st.user.get("email") or st.user.get("name") or "")
        st.error(t(f"signin.sso_{notice}", who=who), icon=":material/block:")
        if st.button(t("signin.sso_other"), key="signin_sso_out"):
            st.logout()
        return
    if notice:
        st.warning(t(f"signin.notice.{notice}"), icon=":material/lock_clock:")
    if _sso_configured():
        for provider in _providers():
            label = t("signin.sso", provider=provider or t("signin.sso_default"))
            if st.button(label, key=f"signin_sso_{provider}", type="primary"):
                st.login(provider)
        st.caption(t("signin.or_password"))
    with st.form("signin_form"):
        name = st.text_input(t("signin.name"), key="signin_name")
        password = st.text_input(t("signin.password"), type="password", key="signin_password")
        sent = st.form_submit_button(t("signin.submit"), type="primary")
    if sent:
        _check(path, name.strip(), password)


def _check(path, name: str, password: str) -> None:
    """Check the form's name and password: sign in and run again, or say why not."""
    outcome = sessions.check_password(path, name, password)
    if outcome.result == "ok":
        _signed_in_now(outcome)
        st.rerun()
    if outcome.result == "locked":
        until = outcome.locked_until.astimezone(dt.UTC).strftime("%H:%M")
        st.error(t("signin.locked", until=until), icon=":material/lock:")
    else:
        st.error(t(f"signin.{outcome.result}"), icon=":material/block:")


def _sign_out_button(path, signed: access.User) -> None:
    """The sidebar's name, role and sign-out button."""
    with st.sidebar:
        if ticket := st.session_state.pop(_TICKET_KEY, None):
            _fetch(session_cookie.url(session_cookie.SET_PATH, ticket=ticket))
        role = t(f"role.{signed.role.name}")
        st.caption(t("signin.as", name=signed.display or signed.name, role=role))
        if st.button(t("signin.sign_out"), key="signin_sign_out", icon=":material/logout:"):
            sessions.end(path, st.session_state.get(TOKEN_KEY, ""))
            audit.record(path, signed, "sign_out")
            _forget("signed_out")
            if st.user.get("is_logged_in"):
                st.logout()  # the identity provider's cookie too; the browser is sent home
                st.stop()
            st.rerun()


def _other_language_link() -> str:
    """A link to this page in the other language, keeping the rest of the URL."""
    other = "zh" if language() == "en" else "en"
    query = {k: st.query_params.get_all(k) for k in st.query_params}
    query["lang"] = [other]
    return f"[{t(f'signin.lang_{other}')}](?{urlencode(query, doseq=True)})"
