"""Signing in: the password check with its lockout, and sessions that expire.

A session is a random token the browser tab keeps; the side database keeps only its SHA-256,
the account and when it started and was last used. A session unused for session_idle_min,
or older than session_max_h, has expired (pulse/settings.toml). Every outcome that the
sign-in page words is one of the OUTCOMES below.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

import argon2

from pulse import access, audit, settings, sidecar, sql, users

# wrong: name or password wrong (never which); locked: too many failures, try later;
# disabled: the account is disabled; expired/ended: the session is over; unknown_email: an
# OpenID Connect user no account is matched to
OUTCOMES = ("ok", "wrong", "locked", "disabled", "expired", "ended", "unknown_email")
_hasher = argon2.PasswordHasher()
# checked when the name is unknown, so a wrong name takes as long as a wrong password
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class Outcome:
    """What a sign-in or a session check came to: the user when ok, else why not."""

    result: str
    user: access.User | None = None
    token: str = ""
    locked_until: dt.datetime | None = None


def check_password(
    store_path: Path | str, name: str, password: str, when: dt.datetime | None = None
) -> Outcome:
    """Check a name and password, counting failures; lock the account after
    lockout_failures in a row, for lockout_min. Never says which of name or password is wrong.
    Audited: sign_in, or sign_in_failed with the name tried and the reason."""
    outcome = _check_password(store_path, name, password, when or users.now())
    _audit(store_path, outcome, "password", name)
    return outcome


def _audit(store_path, outcome: Outcome, method: str, claimed: str) -> None:
    if outcome.result == "ok":
        audit.record(store_path, outcome.user, "sign_in", {"method": method})
    else:
        detail = {"method": method, "tried": claimed, "reason": outcome.result}
        audit.record(store_path, None, "sign_in_failed", detail)


def _check_password(store_path, name: str, password: str, when: dt.datetime) -> Outcome:
    row = users.account(store_path, name)
    if row is None or not row["password_hash"]:
        _verify(_DUMMY_HASH, password)
        return Outcome("wrong")
    locked_until = _at(row["locked_until"]) if row["locked_until"] else None
    if locked_until and locked_until > when:
        return Outcome("locked", locked_until=locked_until)
    if not _verify(row["password_hash"], password):
        failures = row["count_failures"] + 1
        if failures >= settings.get("lockout_failures"):
            locked_until = when + dt.timedelta(minutes=settings.get("lockout_min"))
            _attempt(store_path, name, 0, users.stamp(locked_until))
            return Outcome("locked", locked_until=locked_until)
        _attempt(store_path, name, failures, None)
        return Outcome("wrong")
    if row["is_disabled"]:
        return Outcome("disabled")
    _attempt(store_path, name, 0, None)
    if _hasher.check_needs_rehash(row["password_hash"]):
        users.change(store_path, name, password=password, by=users.user_from(row))
    user = users.user_from(row)
    return Outcome("ok", user, start(store_path, user, "password", when))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False


def _attempt(store_path, name: str, failures: int, locked_until: str | None) -> None:
    con = sidecar.connect(store_path)
    try:
        con.execute(
            sql.text("accounts/record_attempt"),
            {"account_name": name, "count_failures": failures, "locked_until": locked_until},
        )
    finally:
        con.close()


def check_email(store_path: Path | str, email: str, when: dt.datetime | None = None) -> Outcome:
    """Sign in an OpenID Connect user by the e-mail their identity provider vouched for
    (audited as for a password)."""
    row = users.by_email(store_path, email) if email else None
    if row is None:
        outcome = Outcome("unknown_email")
    elif row["is_disabled"]:
        outcome = Outcome("disabled")
    else:
        user = users.user_from(row)
        outcome = Outcome("ok", user, start(store_path, user, "oidc", when or users.now()))
    _audit(store_path, outcome, "oidc", email)
    return outcome


def start(store_path: Path | str, user: access.User, method: str, when: dt.datetime) -> str:
    """Start a session for a user who has just proved who they are; return its token."""
    token = secrets.token_urlsafe(32)
    con = sidecar.connect(store_path)
    try:
        con.execute(
            sql.text("accounts/insert_session"),
            {
                "token_sha256": _digest(token),
                "account_name": user.name,
                "method": method,
                "started_at": users.stamp(when),
            },
        )
    finally:
        con.close()
    return token


def resume(store_path: Path | str, token: str, when: dt.datetime | None = None) -> Outcome:
    """The user of a live session (and it counts as used now), or why the session is over:
    expired (idle or too old), ended (signed out, or the account changed) or disabled."""
    when = when or users.now()
    con = sidecar.connect(store_path)
    try:
        key = {"token_sha256": _digest(token)}
        session = con.execute(sql.text("accounts/session_by_token"), key).fetchone()
        if session is None or session["ended_at"]:
            return Outcome("ended")
        seen, started = _at(session["seen_at"]), _at(session["started_at"])
        idle = dt.timedelta(minutes=settings.get("session_idle_min"))
        longest = dt.timedelta(hours=settings.get("session_max_h"))
        if when - seen > idle or when - started > longest:
            con.execute(sql.text("accounts/end_session"), {**key, "ended_at": users.stamp(when)})
            return Outcome("expired")
        account = con.execute(
            sql.text("accounts/account_by_name"), {"account_name": session["account_name"]}
        ).fetchone()
        if account is None or account["is_disabled"]:
            return Outcome("disabled")
        con.execute(sql.text("accounts/touch_session"), {**key, "seen_at": users.stamp(when)})
        return Outcome("ok", users.user_from(account), token)
    finally:
        con.close()


def end(store_path: Path | str, token: str, when: dt.datetime | None = None) -> None:
    """End a session (signing out)."""
    con = sidecar.connect(store_path)
    try:
        con.execute(
            sql.text("accounts/end_session"),
            {"token_sha256": _digest(token), "ended_at": users.stamp(when or users.now())},
        )
    finally:
        con.close()


def _at(text: str) -> dt.datetime:
    """A time the side database keeps; one written without a zone (by hand, say) is UTC."""
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
