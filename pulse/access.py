"""Who may see what: roles, what each role may do, and a user's scope (a list of units).

Deny by default: a user whose scope names no unit sees nothing, and a second role never widens
a scope (a user has one role and one explicit list of units). The one place a scope becomes
SQL is pulse.filters; sign-in (pulse.users, pulse.ui.signin) only says who the user is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """One role and what it may do beyond seeing its scope's numbers."""

    name: str
    everywhere: bool = False  # sees every unit whatever its scope says (executive, admin)
    records: bool = False  # single tickets, calls, complaints and responses
    customer_keys: bool = False  # customer ids in records and exports
    comments: bool = False  # free-text comments and complaint texts
    loads: bool = False  # loads extracts, undoes loads
    keeps_reference: bool = False  # targets, benchmarks, events (annotations), scorecards
    admin: bool = False  # users, settings, the audit log


ROLES = {
    r.name: r
    for r in (
        Role("executive", everywhere=True, records=True),
        Role("province_manager", records=True, comments=True),
        Role("city_manager", records=True, comments=True),
        Role("hall_manager", records=True, customer_keys=True, comments=True),
        Role(
            "analyst",
            records=True,
            customer_keys=True,
            comments=True,
            loads=True,
            keeps_reference=True,
        ),
        Role("admin", everywhere=True, admin=True),
    )
}


@dataclass(frozen=True)
class Scope:
    """The units a user is responsible for, at any level (province, city or hall codes).
    `everything` is for the roles that see every unit; an empty scope sees nothing."""

    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    halls: tuple[str, ...] = ()
    everything: bool = False

    @property
    def empty(self) -> bool:
        """True when the scope names no unit and is not everything: the user sees nothing."""
        return not (self.everything or self.provinces or self.cities or self.halls)


EVERYTHING = Scope(everything=True)
NOTHING = Scope()


@dataclass(frozen=True)
class User:
    """A signed-in user: name (the account or the OIDC subject's e-mail), role and scope."""

    name: str
    role: Role
    scope: Scope
    display: str = ""  # a full name for stamps, when the identity provider gives one
    email: str = ""  # where alerts and subscriptions go

    @property
    def sees(self) -> Scope:
        """The scope the user's queries run in: everything for roles that see everything."""
        return EVERYTHING if self.role.everywhere else self.scope


def halls_in(scope: Scope, halls: dict[str, str], cities: dict[str, str]) -> frozenset[str] | None:
    """The halls a scope covers, given each hall's city and each city's province (the filter's
    Options hold both); None for everything. A code the maps do not know covers nothing."""
    if scope.everything:
        return None
    return frozenset(
        hall
        for hall, city in halls.items()
        if hall in scope.halls or city in scope.cities or cities.get(city) in scope.provinces
    )


def covers(scope: Scope, unit: str, halls: dict[str, str], cities: dict[str, str]) -> bool:
    """True when the scope covers all of a unit (a province, city or hall code): a hall
    manager's scope covers their hall, not its city."""
    if scope.everything:
        return True
    inside = halls_in(scope, halls, cities)
    if unit in halls:
        return unit in inside
    under = [h for h, c in halls.items() if c == unit or cities.get(c) == unit]
    return bool(under) and all(h in inside for h in under)
