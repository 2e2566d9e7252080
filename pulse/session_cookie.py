"""Keep a signed-in session across reloads in an HttpOnly cookie that scripts cannot read.

Streamlit gives a script no way to set a cookie: only an HTTP response can set an HttpOnly
one. So `python -m pulse.serve` adds one small route to Streamlit's server (install(): a
private hook, pinned with streamlit==1.67.0 like pulse.deeplink's; check it on upgrade).
After a sign-in the page fetches /_pulse/session?ticket=T once: the ticket is random, single
use and lives TICKET_S seconds in this process's memory, and the response sets the session
token as an HttpOnly, SameSite=Strict cookie. A new Streamlit session (a reload, a second tab)
reads it from st.context.cookies and resumes the session while it is valid (pulse.sessions:
idle and absolute limits). Without the route (plain `streamlit run`, AppTest) sessions stay
per browser tab.
"""

from __future__ import annotations

import secrets
import threading
import time

from pulse import settings

COOKIE = "pulse_session"
SET_PATH = "_pulse/session"
CLEAR_PATH = "_pulse/session/clear"
TICKET_S = 60  # a ticket is fetched by the page right after the sign-in that made it
_tickets: dict[str, tuple[str, float]] = {}
_lock = threading.Lock()
_installed = False


def installed() -> bool:
    """True when this process's server has the cookie route (started by pulse.serve)."""
    return _installed


def ticket_for(token: str) -> str:
    """A single-use ticket the page exchanges for the session's cookie."""
    ticket = secrets.token_urlsafe(24)
    with _lock:
        now = time.monotonic()
        for old in [k for k, (_, until) in _tickets.items() if until < now]:
            del _tickets[old]
        _tickets[ticket] = (token, now + TICKET_S)
    return ticket


def redeem(ticket: str) -> str | None:
    """The session token of a live ticket, which is then spent; None otherwise."""
    with _lock:
        token, until = _tickets.pop(ticket, ("", 0.0))
    return token if token and until >= time.monotonic() else None


def url(path: str, **query: str) -> str:
    """A route's URL path under the server's base path."""
    from urllib.parse import urlencode

    from streamlit import config
    from streamlit.url_util import make_url_path

    base = make_url_path(config.get_option("server.baseUrlPath"), path)
    return f"{base}?{urlencode(query)}" if query else base


def install() -> None:
    """Add the cookie routes to the Streamlit server this process is about to start."""
    global _installed
    from streamlit.web.server.starlette import starlette_app

    streamlit_routes = starlette_app.create_streamlit_routes

    def routes(runtime):
        return [*_routes(), *streamlit_routes(runtime)]

    starlette_app.create_streamlit_routes = routes
    _installed = True


def _routes() -> list:
    from starlette.responses import Response
    from starlette.routing import Route

    path = url("")
    path = path if path.endswith("/") else path + "/"

    async def set_cookie(request):
        token = redeem(request.query_params.get("ticket", ""))
        if token is None:
            return Response(status_code=403)
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.set_cookie(
            COOKIE,
            token,
            max_age=int(settings.get("session_max_h") * 3600),
            path=path,
            httponly=True,
            samesite="strict",
        )
        return response

    async def clear_cookie(request):
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.delete_cookie(COOKIE, path=path, httponly=True, samesite="strict")
        return response

    return [Route(url(SET_PATH), set_cookie), Route(url(CLEAR_PATH), clear_cookie)]
