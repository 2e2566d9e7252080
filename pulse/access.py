"""Who may see what: roles, what each role may do, and a user's scope (a list of units).

Deny by default: a user whose scope names no unit sees nothing, and a second role never widens
a scope (a user has one role and one explicit list of units). The one place a scope becomes
SQL is pulse.filters; sign-in (pulse.users, pulse.ui.signin) only says who the user is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pulse.i18n import t


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


ANONYMOUS = User("", Role("anonymous"), NOTHING)  # no role, no scope: may see nothing


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


@dataclass(frozen=True)
class Reach:
    """A scope resolved against the dimensions, as the filter binds it: the units it names
    whole, coarsest first (a city inside a named province is not named again), and the finer
    units they hold, for a source that lacks the coarser column (the hotline has no halls,
    tickets record only their hall). A scope that names halls only reaches no city-level row:
    a city's figure holds its other halls too."""

    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()  # named cities outside the named provinces
    halls: tuple[str, ...] = ()  # named halls outside the named cities and provinces
    province_cities: tuple[str, ...] = ()  # the cities of `provinces`
    province_halls: tuple[str, ...] = ()  # the halls of `provinces`
    city_halls: tuple[str, ...] = ()  # the halls of `cities`

    @property
    def all_halls(self) -> frozenset[str]:
        """Every hall the scope covers."""
        return frozenset(self.province_halls + self.city_halls + self.halls)

    @property
    def whole_cities(self) -> frozenset[str]:
        """Every city the scope covers whole (its rows without a hall included)."""
        return frozenset(self.province_cities + self.cities)

    @property
    def empty(self) -> bool:
        """True when the scope reaches no unit at all."""
        return not (self.provinces or self.cities or self.halls)


def reach(
    scope: Scope, provinces: tuple[str, ...], cities: dict[str, str], halls: dict[str, str]
) -> Reach | None:
    """A scope resolved against the dimensions (the filter's Options: the provinces, each
    city's province, each hall's city); None for everything. Codes the dimensions do not
    hold reach nothing."""
    if scope.everything:
        return None
    named_p = tuple(p for p in provinces if p in scope.provinces)
    p_cities = tuple(c for c, p in cities.items() if p in named_p)
    named_c = tuple(c for c in cities if c in scope.cities and c not in p_cities)
    p_halls = tuple(h for h, c in halls.items() if c in p_cities)
    c_halls = tuple(h for h, c in halls.items() if c in named_c)
    named_h = tuple(h for h in halls if h in scope.halls and h not in p_halls and h not in c_halls)
    return Reach(named_p, named_c, named_h, p_cities, p_halls, c_halls)


def narrow(
    reach: Reach, provinces: tuple[str, ...], cities: dict[str, str], halls: dict[str, str]
) -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """The places a user may pick in the filter: the halls the reach covers, the cities it
    covers whole or through a hall, and their provinces (so a hall manager still picks their
    own hall through its city; the reach, not the pick, decides which rows they see)."""
    kept_halls = {h: c for h, c in halls.items() if h in reach.all_halls}
    kept_cities = reach.whole_cities | set(kept_halls.values())
    kept = {c: p for c, p in cities.items() if c in kept_cities}
    kept_provinces = set(kept.values()) | set(reach.provinces)
    return tuple(p for p in provinces if p in kept_provinces), kept, kept_halls


def made_by(user: User, names: Mapping[str, str]) -> str:
    """Who made a download or a report and under which scope, in this run's language (the
    stamp on every file); `names` words the scope's units (code -> name)."""
    sees = user.sees
    units = [*sees.provinces, *sees.cities, *sees.halls]
    scope = t("access.everything") if sees.everything else ", ".join(names.get(u, u) for u in units)
    who = user.display or user.name
    return t(
        "access.made_by", user=who, role=t(f"access.role.{user.role.name}"), scope=scope or "-"
    )
