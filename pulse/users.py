"""Accounts in the store's side database, and the command that keeps them.

    python -m pulse.users add NAME --role ROLE --units SZ,GZ-003 --password-stdin
    python -m pulse.users set NAME [--role R] [--units U] [--password-stdin] [--enable]
    python -m pulse.users disable NAME
    python -m pulse.users list

Unit codes are checked against the store's dimensions (province, city or hall codes) and
become the account's Scope. Passwords are kept as argon2id hashes; pulse.sessions checks them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import argon2

from pulse import access, audit, settings, sidecar, sql

_hasher = argon2.PasswordHasher()  # argon2id with the RFC 9106 low-memory parameters
# the first admin of a store that is not a demo store (it opens the dashboard's store)
ADMIN_COMMAND = "python -m pulse.users add admin --role admin --password-stdin"


class AccountError(ValueError):
    """A request the accounts refuse: unknown account or unit, bad role, short password."""


class StoreBusy(AccountError):
    """Another process holds the DuckDB store, so its unit codes cannot be read."""


@dataclass(frozen=True)
class Units:
    """The unit codes a store knows: each hall's city and each city's province."""

    halls: dict[str, str]
    cities: dict[str, str]

    @property
    def provinces(self) -> frozenset[str]:
        return frozenset(self.cities.values())


def units_of(store) -> Units:
    """The unit codes of an open pulse.store.Store."""
    from pulse.dimensions import load

    options = load(store).options()
    return Units(halls=dict(options.halls), cities=dict(options.cities))


EVERY_UNIT = "*"  # --units '*': every unit, e.g. an analyst for the whole company


def scope_for(codes: list[str], units: Units) -> access.Scope:
    """The Scope a list of unit codes names ('*': every unit); an unknown code is an error
    that names it."""
    if list(codes) == [EVERY_UNIT]:
        return access.EVERYTHING
    unknown = [c for c in codes if c not in units.halls and c not in units.cities]
    unknown = [c for c in unknown if c not in units.provinces]
    if unknown:
        raise AccountError(f"unknown unit code(s): {', '.join(unknown)}")
    return access.Scope(
        provinces=tuple(c for c in codes if c in units.provinces),
        cities=tuple(c for c in codes if c in units.cities),
        halls=tuple(c for c in codes if c in units.halls),
    )


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(",") if c)


def user_from(row: sqlite3.Row) -> access.User:
    """The access.User an account row describes."""
    scope = access.Scope(
        provinces=_codes(row["province_ids"]),
        cities=_codes(row["city_ids"]),
        halls=_codes(row["hall_ids"]),
    )
    if scope.provinces == (EVERY_UNIT,):
        scope = access.EVERYTHING
    return access.User(
        name=row["account_name"],
        role=access.ROLES[row["role_name"]],
        scope=scope,
        display=row["display_name"],
        email=row["email"],
    )


def now() -> dt.datetime:
    """The time accounts and sessions are stamped with (UTC)."""
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    """A time as the side database keeps it."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def account(store_path: Path | str, name: str) -> sqlite3.Row | None:
    """One account's row, whatever its state."""
    con = sidecar.connect(store_path)
    try:
        return con.execute(sql.text("accounts/account_by_name"), {"account_name": name}).fetchone()
    finally:
        con.close()


def lookup(store_path: Path | str, name: str) -> access.User | None:
    """The user of an active (not disabled) account, or None."""
    row = account(store_path, name)
    return None if row is None or row["is_disabled"] else user_from(row)


def by_email(store_path: Path | str, email: str) -> sqlite3.Row | None:
    """The account an OpenID Connect user's e-mail names, or None."""
    con = sidecar.connect(store_path)
    try:
        return con.execute(sql.text("accounts/account_by_email"), {"email": email}).fetchone()
    finally:
        con.close()


def active(store_path: Path | str) -> list[access.User]:
    """Every active account's user, by name."""
    return [user_from(r) for r in accounts(store_path) if not r["is_disabled"]]


def accounts(store_path: Path | str) -> list[sqlite3.Row]:
    """Every account's row, by name."""
    con = sidecar.connect(store_path)
    try:
        return con.execute(sql.text("accounts/accounts")).fetchall()
    finally:
        con.close()


def has_admin(store_path: Path | str) -> bool:
    """True when an active admin account can sign in."""
    con = sidecar.connect(store_path)
    try:
        return con.execute(sql.text("accounts/count_admins")).fetchone()[0] > 0
    finally:
        con.close()


def hash_password(password: str) -> str:
    """An argon2id hash of a password long enough to keep (password_min_chars)."""
    if len(password) < settings.get("password_min_chars"):
        raise AccountError(
            f"the password is too short: at least {settings.get('password_min_chars')} characters"
        )
    return _hasher.hash(password)


def add(
    store_path: Path | str,
    name: str,
    role: str,
    scope: access.Scope = access.NOTHING,
    password: str | None = None,
    email: str = "",
    display: str = "",
    by: access.User | None = None,
) -> access.User:
    """Create an account (audited as a user_change)."""
    if role not in access.ROLES:
        raise AccountError(f"unknown role {role!r}: one of {', '.join(access.ROLES)}")
    if not name or name != name.strip():
        raise AccountError("an account name must not be empty or start or end with a space")
    row = {
        "account_name": name,
        "role_name": role,
        "province_ids": EVERY_UNIT if scope.everything else ",".join(scope.provinces),
        "city_ids": ",".join(scope.cities),
        "hall_ids": ",".join(scope.halls),
        "display_name": display,
        "email": email,
        "password_hash": hash_password(password) if password else "",
        "is_disabled": 0,
        "changed_at": stamp(now()),
    }
    con = sidecar.connect(store_path)
    try:
        con.execute(sql.text("accounts/insert_account"), row)
    except sqlite3.IntegrityError as err:
        raise AccountError(f"an account named {name!r} or with e-mail {email!r} exists") from err
    finally:
        con.close()
    detail = {"account": name, "change": "add", "role": role, **audit.scope_words(scope)}
    audit.record(store_path, by, "user_change", _by_command_line(detail, by))
    return user_from(account(store_path, name))


def change(store_path: Path | str, name: str, by: access.User | None = None, **fields) -> None:
    """Change an account: role, scope, password, email, display, disabled (audited). A change
    of role, scope or password, or disabling it, ends the account's open sessions."""
    row = account(store_path, name)
    if row is None:
        raise AccountError(f"no account named {name!r}")
    new = dict(row)
    if "role" in fields:
        if fields["role"] not in access.ROLES:
            raise AccountError(f"unknown role {fields['role']!r}: one of {', '.join(access.ROLES)}")
        new["role_name"] = fields["role"]
    if "scope" in fields:
        scope = fields["scope"]
        new["province_ids"] = EVERY_UNIT if scope.everything else ",".join(scope.provinces)
        new["city_ids"] = ",".join(scope.cities)
        new["hall_ids"] = ",".join(scope.halls)
    if "password" in fields:
        new["password_hash"] = hash_password(fields["password"])
        new["count_failures"], new["locked_until"] = 0, None
    for key, column in (("email", "email"), ("display", "display_name")):
        if key in fields:
            new[column] = fields[key]
    if "disabled" in fields:
        new["is_disabled"] = int(bool(fields["disabled"]))
        if not fields["disabled"]:
            new["count_failures"], new["locked_until"] = 0, None
    new["changed_at"] = stamp(now())
    new.pop("created_at")
    con = sidecar.connect(store_path)
    try:
        con.execute("begin immediate")
        con.execute(sql.text("accounts/update_account"), new)
        if fields.keys() & {"role", "scope", "password"} or fields.get("disabled"):
            con.execute(
                sql.text("accounts/end_account_sessions"),
                {"account_name": name, "ended_at": new["changed_at"]},
            )
        con.execute("commit")
    except sqlite3.IntegrityError as err:
        con.execute("rollback")
        raise AccountError(f"another account has the e-mail {fields.get('email')!r}") from err
    finally:
        con.close()
    shown = {k: v for k, v in fields.items() if k not in ("password", "scope")}
    if "scope" in fields:
        shown.update(audit.scope_words(fields["scope"]))
    if "password" in fields:
        shown["password"] = "changed"
    detail = {"account": name, "change": "set", **shown}
    audit.record(store_path, by, "user_change", _by_command_line(detail, by))


def _by_command_line(detail: dict, by: access.User | None) -> dict:
    """A change made from the command line names the operating-system user who made it."""
    return detail if by else {**detail, "via": "command line", "os_user": getpass.getuser()}


def _store_units(path: Path) -> Units:
    """The unit codes of the store at `path`, opened read-only for the moment it takes."""
    import duckdb

    from pulse.store import Store

    if not path.exists():
        raise AccountError(f"no store at {path} (build one with python -m pulse.build)")
    try:
        store = Store(path, read_only=True)
    except duckdb.IOException as err:
        raise StoreBusy(
            f"cannot read the unit codes of {path}: another process (the dashboard?) holds "
            "it. Stop it, or give no --units now and set them later."
        ) from err
    try:
        return units_of(store)
    finally:
        store.close()


def _password(args) -> str | None:
    """The password on the first line of standard input, when --password-stdin is given."""
    if not args.password_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise AccountError("--password-stdin: standard input holds no password")
    return line


def _state(row: sqlite3.Row) -> str:
    if row["is_disabled"]:
        return "disabled"
    if row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now():
        return f"locked until {row['locked_until']}"
    return "active"


def _list(store_path: Path) -> None:
    for row in accounts(store_path):
        user = user_from(row)
        scope = user.scope
        units = ",".join((*scope.provinces, *scope.cities, *scope.halls)) or "none"
        units = "everything" if user.role.everywhere else units
        login = "password" if row["password_hash"] else "single sign-on only"
        print(
            f"{row['account_name']}\t{row['role_name']}\tunits: {units}\t{_state(row)}\t"
            f"{login}\t{row['email']}\t{row['display_name']}"
        )


def main(argv: list[str] | None = None) -> int:
    """Command line: add, set, disable and list accounts. Exit 0 done, 2 refused (the message
    says why), 4 the unit codes cannot be read because another process holds the store."""
    from pulse.store import default_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="default: the dashboard's store")
    commands = parser.add_subparsers(dest="command", required=True)
    add_cmd = commands.add_parser("add", help="create an account")
    set_cmd = commands.add_parser("set", help="change an account")
    for cmd in (add_cmd, set_cmd):
        cmd.add_argument("name")
        cmd.add_argument("--role", choices=list(access.ROLES), required=cmd is add_cmd)
        cmd.add_argument(
            "--units", help="province, city or hall codes, comma-separated; '*' for every unit"
        )
        cmd.add_argument("--password-stdin", action="store_true", help="read it from stdin")
        cmd.add_argument("--email", help="matches an OpenID Connect sign-in to this account")
        cmd.add_argument("--display", help="a full name for stamps")
    set_cmd.add_argument("--enable", action="store_true", help="enable a disabled account")
    commands.add_parser("disable", help="disable an account").add_argument("name")
    commands.add_parser("list", help="list every account")
    args = parser.parse_args(argv)
    store_path = args.store or default_path()
    try:
        if args.command == "list":
            _list(store_path)
            return 0
        if args.command == "disable":
            change(store_path, args.name, disabled=True)
            print(f"disabled {args.name}")
            return 0
        fields: dict = {}
        if args.units is not None:
            codes = [c.strip() for c in args.units.split(",") if c.strip()]
            fields["scope"] = scope_for(codes, _store_units(store_path))
        password = _password(args)
        if args.command == "add":
            if password is None and not args.email:
                raise AccountError("give --password-stdin, or --email for single sign-on")
            user = add(
                store_path,
                args.name,
                args.role,
                fields.get("scope", access.NOTHING),
                password,
                email=args.email or "",
                display=args.display or "",
            )
            if user.sees.empty:
                print(f"note: {user.name} has no units and will see nothing", file=sys.stderr)
            print(f"added {user.name} ({user.role.name})")
            return 0
        if args.role:
            fields["role"] = args.role
        if password is not None:
            fields["password"] = password
        for key in ("email", "display"):
            if getattr(args, key) is not None:
                fields[key] = getattr(args, key)
        if args.enable:
            fields["disabled"] = False
        if not fields:
            parser.error("set: nothing to change")
        change(store_path, args.name, **fields)
        print(f"changed {args.name}: {', '.join(sorted(fields))}")
        return 0
    except StoreBusy as err:
        print(f"error: {err}", file=sys.stderr)
        return 4
    except AccountError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
