"""Start the dashboard: `python -m pulse.serve [streamlit run options]`.

The same as `streamlit run app.py`, with safe defaults, and even the first request after a
start (a bookmarked deep link, say) goes through app.py's router: see pulse.deeplink.

- It listens on 127.0.0.1 only, unless an address is configured (`--server.address`, the
  STREAMLIT_SERVER_ADDRESS variable or `[server] address` in a config.toml).
- The secret that signs its cookies must be strong: a configured one (`[auth] cookie_secret`
  in secrets.toml, `[server] cookieSecret` in config.toml, STREAMLIT_SERVER_COOKIE_SECRET)
  shorter than 32 characters or a known example value stops the start with a message. When
  none is configured, one is generated once per install and kept in data/cookie_secret
  (readable by its owner only), so signed cookies survive a restart.
- A store that exists but has no admin account is refused, with the command that makes one.
"""

from __future__ import annotations

import os
import secrets
import sys
import tomllib
from pathlib import Path

from pulse import ROOT

SECRET_FILE = ROOT / "data" / "cookie_secret"
MIN_SECRET_CHARS = 32
# Values that documentation shows as examples (Streamlit's "xxx", ours in docs/signin.md):
# anyone can read them, so they sign nothing.
KNOWN_SECRETS = frozenset(
    {
        "xxx",
        "secret",
        "changeme",
        "change-me",
        "replace-with-the-output-of-python-secrets-token-hex-32",
    }
)
LOOPBACK = "127.0.0.1"


class Refused(Exception):
    """A configuration the dashboard will not serve with; the message says what to do."""


def main(argv: list[str] | None = None) -> None:
    """Check the configuration, then run Streamlit on app.py with the given options."""
    from streamlit.web import cli

    from pulse import deeplink, session_cookie

    args = sys.argv[1:] if argv is None else list(argv)
    try:
        args = safe_defaults(args)
    except Refused as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    deeplink.route_every_request()
    session_cookie.install()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *args]
    cli.main()


def safe_defaults(args: list[str], secret_file: Path = SECRET_FILE) -> list[str]:
    """The options to run with: a loopback address unless one is configured, a strong cookie
    secret (checked, or the install's own in the environment); Refused when unsafe."""
    from streamlit import config

    config.get_config_options(force_reparse=True, options_from_flags=_flags(args))
    if not (config.is_manually_set("server.address") or os.environ.get("STREAMLIT_SERVER_ADDRESS")):
        args = [*args, "--server.address", LOOPBACK]
    found = configured_secrets()
    for where, secret in found:
        check_secret(where, secret)
    if not found:
        os.environ["STREAMLIT_SERVER_COOKIE_SECRET"] = install_secret(secret_file)
    _check_admin()
    return args


def _flags(args: list[str]) -> dict:
    """The options among `args` that decide the address and where secrets are read."""
    flags: dict = {}
    for i, arg in enumerate(args):
        name, _, value = arg.partition("=")
        if name in ("--server.address", "--secrets.files"):
            value = value or (args[i + 1] if i + 1 < len(args) else "")
            key = name.removeprefix("--")
            flags[key] = [*flags.get(key, []), value] if key == "secrets.files" else value
    return flags


def configured_secrets() -> list[tuple[str, str]]:
    """Every cookie secret configured, with where: Streamlit signs with the [auth] one of
    secrets.toml when there is one, else with server.cookieSecret."""
    from streamlit import config

    found = []
    if config.is_manually_set("server.cookieSecret"):
        found.append(("server.cookieSecret", str(config.get_option("server.cookieSecret"))))
    auth: dict = {}
    for name in config.get_option("secrets.files"):  # read in order, the last one wins
        path = Path(name)
        if path.is_file():
            auth.update(tomllib.loads(path.read_text(encoding="utf-8")).get("auth", {}))
    if "cookie_secret" in auth:
        found.append(("[auth] cookie_secret", str(auth["cookie_secret"])))
    return found


def check_secret(where: str, secret: str) -> None:
    """Refuse a cookie secret that is short or a known example value."""
    how = "generate one with: python -c 'import secrets; print(secrets.token_hex(32))'"
    if secret.strip().lower() in KNOWN_SECRETS:
        raise Refused(f"{where} is an example value that anyone can read; {how}")
    if len(secret) < MIN_SECRET_CHARS:
        raise Refused(
            f"{where} is {len(secret)} characters long; at least {MIN_SECRET_CHARS} are "
            f"needed to sign sessions safely; {how}"
        )


def install_secret(path: Path = SECRET_FILE) -> str:
    """This install's cookie secret, generated on first use and kept in `path` (mode 0600)."""
    if path.exists():
        secret = path.read_text(encoding="utf-8").strip()
        check_secret(str(path.name), secret)
        return secret
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secret + "\n")
    return secret


def _check_admin() -> None:
    """Refuse a store (not a demo store still to be built) that has no admin account."""
    from pulse import users
    from pulse.store import default_path

    path = default_path()
    if path.exists() and not users.has_admin(path):
        raise Refused(
            f"the store {path} has no admin account, so nobody could sign in to manage it. "
            "Create the first one (the password is read from standard input):\n"
            f"    {users.ADMIN_COMMAND}"
        )


if __name__ == "__main__":
    main()
