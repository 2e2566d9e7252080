"""Mapping profiles: one TOML file per source system that says how its export becomes one of
the store's tables (docs/profiles.md). This module reads and checks a profile."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pulse import tables
from pulse.profiles.reading import FileOptions

COLUMN_KINDS = ("from", "value", "expr", "surrogate")
SCALES = ("1-5", "0-5", "1-7", "0-10", "1-10", "yes/no")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the key at fault."""


@dataclass(frozen=True)
class Column:
    """Where one target column comes from and how its values are read."""

    name: str
    kind: str  # from | value | expr | surrogate
    source: object  # the source column, the constant, the expression or the key columns
    format: str | None = None
    values: dict[str, object] | None = None  # value map: source code -> product code
    default: object = "reject"  # unmapped code: "reject", "keep" or a product code
    reject: tuple[str, ...] = ()  # source codes whose rows are rejected
    scale: str | None = None
    to_0_10: dict[str, int] | None = None


@dataclass(frozen=True)
class Members:
    """What to do with a code the store's dimension does not have yet."""

    column: str
    unknown: str  # "reject" or "create"
    name_en: str | None = None  # source column holding the English name; default the code
    name_zh: str | None = None
    set: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RejectRule:
    """Rows the profile rejects on purpose, with the reason stored in load_reject."""

    when: str
    reason: str


@dataclass(frozen=True)
class Profile:
    """One source system's mapping onto one table."""

    table: str
    file: FileOptions
    columns: tuple[Column, ...]
    members: tuple[Members, ...] = ()
    rejects: tuple[RejectRule, ...] = ()
    timezone: str | None = None  # the source's clock; None: store as written
    store_timezone: str = "Asia/Shanghai"
    name: str = ""


def load(path: Path | str) -> Profile:
    """Read and check a profile file."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ProfileError(f"{path.name}: {err}") from err
    return from_dict(raw, path.name)


def from_dict(raw: dict, name: str = "profile") -> Profile:
    """A profile from its parsed TOML."""
    table = raw.get("table")
    if table not in tables.FACTS and table not in tables.SPECS:
        raise ProfileError(f"{name}: table = {table!r}; loadable: {', '.join(tables.SPECS)}")
    unknown = set(raw) - {"table", "description", "file", "columns", "members", "reject"}
    if unknown:
        raise ProfileError(f"{name}: unknown keys {', '.join(sorted(unknown))}")
    file = dict(raw.get("file", {}))
    timezone = file.pop("timezone", None)
    store_timezone = file.pop("store_timezone", "Asia/Shanghai")
    try:
        options = FileOptions(**file)
    except TypeError as err:
        raise ProfileError(f"{name}: [file]: {err}") from err
    columns = tuple(_column(name, col, spec) for col, spec in raw.get("columns", {}).items())
    if not columns:
        raise ProfileError(f"{name}: [columns] is empty")
    spec = tables.SPECS[table]
    members = []
    for column, rule in raw.get("members", {}).items():
        if column not in spec.references:
            raise ProfileError(
                f"{name}: [members.{column}]: {table}.{column} refers to no dimension"
            )
        rule = dict(rule)
        unknown_rule = rule.pop("unknown", "reject")
        if unknown_rule not in ("reject", "create"):
            raise ProfileError(f"{name}: [members.{column}] unknown = 'reject' or 'create'")
        members.append(Members(column, unknown_rule, **rule))
    rejects = tuple(
        RejectRule(r["when"], r.get("reason", f"rejected by the profile: {r['when']}"))
        for r in raw.get("reject", [])
    )
    return Profile(table, options, columns, tuple(members), rejects, timezone, store_timezone, name)


def _column(profile: str, name: str, spec) -> Column:
    if not isinstance(spec, dict):
        spec = {"from": spec} if isinstance(spec, str) else {"value": spec}
    kinds = [k for k in COLUMN_KINDS if k in spec]
    if len(kinds) != 1:
        raise ProfileError(
            f"{profile}: columns.{name} needs exactly one of {', '.join(COLUMN_KINDS)}"
        )
    extra = set(spec) - {*COLUMN_KINDS, "format", "map", "default", "reject", "scale", "to_0_10"}
    if extra:
        raise ProfileError(f"{profile}: columns.{name}: unknown keys {', '.join(sorted(extra))}")
    scale = spec.get("scale")
    if scale is not None and scale not in SCALES:
        raise ProfileError(f"{profile}: columns.{name}: scale {scale!r}; scales: {SCALES}")
    values = spec.get("map")
    return Column(
        name,
        kinds[0],
        spec[kinds[0]],
        spec.get("format"),
        {str(k): v for k, v in values.items()} if values is not None else None,
        spec.get("default", "reject"),
        tuple(str(c) for c in spec.get("reject", ())),
        scale,
        {str(k): int(v) for k, v in spec["to_0_10"].items()} if "to_0_10" in spec else None,
    )
