"""Who receives what: the active users (pulse.users), whether a user's or a webhook's scope
covers a unit (pulse.access.covers), and the audit log (pulse.audit): the one place alerts
read accounts and write the audit trail."""

from __future__ import annotations

from pulse import access, audit, users
from pulse.alerts.config import Webhook
from pulse.dimensions import Dimensions


def active(store_path) -> list[access.User]:
    """Every active account."""
    return users.active(store_path)


def admins(store_path) -> list[access.User]:
    """The active admins, who hear of failed report builds."""
    return [u for u in active(store_path) if u.role.admin]


def record(store_path, user: access.User | None, action: str, detail: dict | None = None) -> None:
    """One audit log entry (pulse.audit.record)."""
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
