"""Accounts (python -m pulse.users), password hashes, lockout, session expiry, disabled
accounts, and the server's safe defaults (pulse.serve), on copies of the hand-made store."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sqlite3

import argon2
import pytest

from pulse import access, serve, sessions, settings, sidecar, users

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
GOOD = "correct horse battery"


@pytest.fixture
def store_path(handmade_path, tmp_path):
    """A copy of the hand-made store (closed: the command opens it read-only itself)."""
    path = tmp_path / "store.duckdb"
    shutil.copy(handmade_path, path)
    return path


def cli(store_path, *args, stdin: str = "", monkeypatch=None) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return users.main(["--store", str(store_path), *args])


def test_add_resolves_units_to_a_scope_at_each_level(store_path, monkeypatch, capsys):
    code = cli(
        store_path,
        *("add", "mei", "--role", "city_manager", "--units", "SZ,GZ-001", "--password-stdin"),
        stdin=GOOD + "\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0, capsys.readouterr().err
    user = users.lookup(store_path, "mei")
    assert user.role is access.ROLES["city_manager"]
    assert user.scope == access.Scope(cities=("SZ",), halls=("GZ-001",))
    assert cli(store_path, "list", monkeypatch=monkeypatch) == 0
    assert "mei\tcity_manager\tunits: SZ,GZ-001\tactive\tpassword" in capsys.readouterr().out


def test_an_unknown_unit_code_is_refused_by_name(store_path, monkeypatch, capsys):
    args = ("add", "lin", "--role", "hall_manager", "--units", "SZ,XX-9,GD", "--password-stdin")
    assert cli(store_path, *args, stdin=GOOD, monkeypatch=monkeypatch) == 2
    assert "unknown unit code(s): XX-9" in capsys.readouterr().err
    assert users.account(store_path, "lin") is None


def test_the_password_is_kept_as_an_argon2id_hash(store_path):
    users.add(store_path, "ann", "analyst", password=GOOD)
    hashed = users.account(store_path, "ann")["password_hash"]
    assert hashed.startswith("$argon2id$")
    assert GOOD not in hashed
    assert argon2.PasswordHasher().verify(hashed, GOOD)


def test_a_short_password_is_refused(store_path, monkeypatch, capsys):
    short = "x" * (settings.get("password_min_chars") - 1)
    args = ("add", "bo", "--role", "analyst", "--password-stdin")
    assert cli(store_path, *args, stdin=short, monkeypatch=monkeypatch) == 2
    assert "too short" in capsys.readouterr().err


def test_set_changes_role_units_and_password_and_ends_open_sessions(store_path, monkeypatch):
    users.add(store_path, "mei", "hall_manager", access.Scope(halls=("SZ-001",)), GOOD)
    signed = sessions.check_password(store_path, "mei", GOOD, T0)
    args = ("set", "mei", "--role", "province_manager", "--units", "GD", "--password-stdin")
    assert cli(store_path, *args, stdin="a new long password", monkeypatch=monkeypatch) == 0
    user = users.lookup(store_path, "mei")
    assert (user.role.name, user.scope) == ("province_manager", access.Scope(provinces=("GD",)))
    assert sessions.resume(store_path, signed.token, T0).result == "ended"
    assert sessions.check_password(store_path, "mei", GOOD, T0).result == "wrong"
    assert sessions.check_password(store_path, "mei", "a new long password", T0).result == "ok"


def test_a_disabled_account_cannot_sign_in_or_keep_its_session(store_path, monkeypatch):
    users.add(store_path, "dan", "executive", password=GOOD)
    signed = sessions.check_password(store_path, "dan", GOOD, T0)
    assert cli(store_path, "disable", "dan", monkeypatch=monkeypatch) == 0
    assert users.lookup(store_path, "dan") is None
    assert [u.name for u in users.active(store_path)] == []
    assert sessions.resume(store_path, signed.token, T0).result == "ended"
    assert sessions.check_password(store_path, "dan", GOOD, T0).result == "disabled"
    # a wrong password says only that, even for a disabled account
    assert sessions.check_password(store_path, "dan", "not the password", T0).result == "wrong"
    assert cli(store_path, "set", "dan", "--enable", monkeypatch=monkeypatch) == 0
    assert sessions.check_password(store_path, "dan", GOOD, T0).result == "ok"


def test_an_unknown_name_reads_as_a_wrong_password(store_path):
    assert sessions.check_password(store_path, "nobody", GOOD, T0).result == "wrong"


def test_repeated_failures_lock_the_account_for_the_set_time(store_path):
    users.add(store_path, "kim", "analyst", password=GOOD)
    tries = settings.get("lockout_failures")
    results = [sessions.check_password(store_path, "kim", "wrong guess!", T0) for _ in range(tries)]
    assert [r.result for r in results] == ["wrong"] * (tries - 1) + ["locked"]
    until = T0 + dt.timedelta(minutes=settings.get("lockout_min"))
    assert results[-1].locked_until == until
    # locked: even the right password is refused until the lockout ends
    assert (
        sessions.check_password(store_path, "kim", GOOD, until - dt.timedelta(seconds=1)).result
        == "locked"
    )
    assert sessions.check_password(store_path, "kim", GOOD, until).result == "ok"


def test_a_success_resets_the_count_of_failures(store_path):
    users.add(store_path, "kim", "analyst", password=GOOD)
    tries = settings.get("lockout_failures")
    for _ in range(tries - 1):
        sessions.check_password(store_path, "kim", "wrong guess!", T0)
    assert sessions.check_password(store_path, "kim", GOOD, T0).result == "ok"
    assert sessions.check_password(store_path, "kim", "wrong guess!", T0).result == "wrong"


def test_a_session_expires_when_idle_and_when_too_old(store_path):
    users.add(store_path, "eve", "executive", password=GOOD)
    idle = dt.timedelta(minutes=settings.get("session_idle_min"))
    longest = dt.timedelta(hours=settings.get("session_max_h"))
    token = sessions.check_password(store_path, "eve", GOOD, T0).token
    assert sessions.resume(store_path, token, T0 + idle).result == "ok"  # used: idle restarts
    assert sessions.resume(store_path, token, T0 + 2 * idle).result == "ok"
    late = T0 + 2 * idle + idle + dt.timedelta(seconds=1)
    assert sessions.resume(store_path, token, late).result == "expired"
    assert sessions.resume(store_path, token, late).result == "ended"  # and stays over
    busy = sessions.check_password(store_path, "eve", GOOD, T0).token
    step = idle - dt.timedelta(minutes=1)
    when = T0
    while when + step < T0 + longest:
        when += step
        assert sessions.resume(store_path, busy, when).result == "ok"
    assert sessions.resume(store_path, busy, T0 + longest + step).result == "expired"


def test_only_the_token_hash_is_kept(store_path):
    users.add(store_path, "eve", "executive", password=GOOD)
    token = sessions.check_password(store_path, "eve", GOOD, T0).token
    con = sidecar.connect(store_path)
    rows = [tuple(r) for r in con.execute("select * from user_session")]
    con.close()
    assert rows and not any(token in str(v) for row in rows for v in row)


def test_sign_out_ends_the_session(store_path):
    users.add(store_path, "eve", "executive", password=GOOD)
    token = sessions.check_password(store_path, "eve", GOOD, T0).token
    sessions.end(store_path, token, T0)
    assert sessions.resume(store_path, token, T0).result == "ended"


def test_an_identity_provider_user_is_matched_by_email(store_path):
    users.add(store_path, "li", "analyst", email="Li.Wei@Example.com")
    assert sessions.check_email(store_path, "li.wei@example.com", T0).user.name == "li"
    assert sessions.check_email(store_path, "other@example.com", T0).result == "unknown_email"
    # an account without a password cannot sign in with one
    assert sessions.check_password(store_path, "li", "", T0).result == "wrong"


def test_the_demo_store_has_one_account_per_role(tiny_path):
    from pulse.build import DEMO_ACCOUNTS, demo_password

    assert {u.role.name for u in users.active(tiny_path)} >= set(access.ROLES)
    for name, role, _ in DEMO_ACCOUNTS:
        assert users.lookup(tiny_path, name).role.name == role
    assert users.lookup(tiny_path, "hall").scope == access.Scope(halls=("SZ-001",))
    assert users.lookup(tiny_path, "city").scope == access.Scope(cities=("SZ",))
    hashed = users.account(tiny_path, "hall")["password_hash"]
    assert argon2.PasswordHasher().verify(hashed, demo_password("hall"))


def test_the_server_binds_loopback_unless_an_address_is_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("PULSE_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET", raising=False)
    secret = tmp_path / "cookie_secret"
    args = serve.safe_defaults(["--server.port", "8600"], secret)
    assert args == ["--server.port", "8600", "--server.address", "127.0.0.1"]
    assert serve.safe_defaults(["--server.address", "0.0.0.0"], secret) == [
        "--server.address",
        "0.0.0.0",
    ]


def test_a_cookie_secret_is_generated_once_per_install_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.setenv("PULSE_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET", raising=False)
    secret_file = tmp_path / "data" / "cookie_secret"
    serve.safe_defaults([], secret_file)
    first = secret_file.read_text().strip()
    assert len(first) == 64 and secret_file.stat().st_mode & 0o777 == 0o600
    assert serve.install_secret(secret_file) == first


@pytest.mark.parametrize(
    ("secret", "said"),
    [("xxx", "example value"), ("s3cr3t-but-short", "16 characters long"), ("a" * 32, None)],
)
def test_a_weak_cookie_secret_stops_the_start(tmp_path, monkeypatch, secret, said):
    monkeypatch.setenv("PULSE_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", secret)
    if said is None:
        serve.safe_defaults([], tmp_path / "unused")
        assert not (tmp_path / "unused").exists()
        return
    with pytest.raises(serve.Refused, match=said):
        serve.safe_defaults([], tmp_path / "unused")


def test_a_weak_auth_cookie_secret_in_secrets_toml_stops_the_start(tmp_path, monkeypatch):
    monkeypatch.setenv("PULSE_STORE", str(tmp_path / "none.duckdb"))
    monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET", raising=False)
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text('[auth]\ncookie_secret = "changeme"\n')
    with pytest.raises(serve.Refused, match=r"\[auth\] cookie_secret is an example value"):
        serve.safe_defaults(["--secrets.files", str(secrets_file)], tmp_path / "unused")


def test_a_store_without_an_admin_is_not_served(store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("PULSE_STORE", str(store_path))
    monkeypatch.delenv("STREAMLIT_SERVER_COOKIE_SECRET", raising=False)
    with pytest.raises(serve.Refused, match=re.escape(users.ADMIN_COMMAND)):
        serve.safe_defaults([], tmp_path / "cookie_secret")
    users.add(store_path, "admin", "admin", password=GOOD)
    serve.safe_defaults([], tmp_path / "cookie_secret")


def test_the_side_database_is_not_shared_between_copies(store_path, tmp_path):
    users.add(store_path, "eve", "executive", password=GOOD)
    other = tmp_path / "other.duckdb"
    assert users.lookup(other, "eve") is None
    with pytest.raises(sqlite3.IntegrityError):
        con = sidecar.connect(store_path)
        try:
            con.execute("insert into account (account_name) values ('eve')")
        finally:
            con.close()
