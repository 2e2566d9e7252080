"""Who receives what: the active users (pulse.users), whether a user's or a webhook's scope
covers a unit (pulse.access.covers), and the audit log (pulse.audit). The identity branch
provides pulse.users and pulse.audit; this is the one place alerts import them, lazily, so
the lead joins the branches here."""

from __future__ import annotations

import importlib

from pulse import access
from pulse.alerts.config import Webhook
from pulse.dimensions import Dimensions


def _module(name: str):
    """pulse.users or pulse.audit, or None before the identity branch is joined."""
    try:
        return importlib.import_module(f"pulse.{name}")
    except ModuleNotFoundError:
        return None  # joined with the identity branch at merge


def active(store_path) -> list[access.User]:
    """Every active account (none before accounts exist: nobody is sent anything)."""
    users = _module("users")
    return users.active(store_path) if users else []


def admins(store_path) -> list[access.User]:
    """The active admins, who hear of failed report builds."""
    return [u for u in active(store_path) if u.role.admin]


def record(store_path, user: access.User | None, action: str, detail: dict | None = None) -> None:
    """One audit log entry (pulse.audit.record)."""
    audit = _module("audit")
    if audit:
        audit.record(store_path, user, action, detail)


def maps(dims: Dimensions) -> tuple[dict[str, str], dict[str, str]]:
    """Each hall's city and each city's province, as access.covers wants them."""
    options = dims.options()
    return options.halls, options.cities


def covers(scope: access.Scope, unit: str, dims: Dimensions) -> bool:
    """True when the scope covers all of the unit ('all' is the whole company)."""
    if unit == "all":
        return scope.everything
    halls, cities = maps(dims)
    return access.covers(scope, unit, halls, cities)


def webhook_scope(hook: Webhook, dims: Dimensions) -> access.Scope:
    """A webhook's codes as a scope ('all' for every unit); unknown codes cover nothing."""
    if "all" in hook.scope:
        return access.EVERYTHING
    options = dims.options()
    return access.Scope(
        provinces=tuple(c for c in hook.scope if c in options.provinces),
        cities=tuple(c for c in hook.scope if c in options.cities),
        halls=tuple(c for c in hook.scope if c in options.halls),
    )


def recipients(store_path, unit: str, dims: Dimensions) -> list[access.User]:
    """The active users with an e-mail address whose scope covers the unit."""
    return [u for u in active(store_path) if u.email and covers(u.sees, unit, dims)]


def hooks_for(hooks, unit: str, dims: Dimensions) -> list[Webhook]:
    """The webhooks whose scope covers the unit."""
    return [h for h in hooks if covers(webhook_scope(h, dims), unit, dims)]
