"""Report options in words a scheduler can write: a scope of province, city or hall ids (or
names), a period preset or calendar unit, a comparison, segments, brands and channels. Every
value is checked against the store's dimensions; a bad one is an OptionError that says what
would have been accepted."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys

import duckdb

from pulse import access, filters
from pulse.dimensions import Dimensions
from pulse.report.model import SECTION_IDS
from pulse.store import Store

PRESETS = tuple(p for p in filters.PERIODS if p != "custom")
PERIOD_HELP = (
    f"{', '.join(PRESETS)}, or a calendar unit: YYYY, YYYY-Qn, YYYY-MM, or YYYY-MM-DD..YYYY-MM-DD"
)
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_SHOWN = 12  # accepted values listed in an error


class OptionError(ValueError):
    """An option value the report cannot use; the message says what it accepts."""


def period(text: str, as_of: dt.date) -> dict:
    """Filter fields (period, start, end) for a preset or a calendar unit. A unit that is
    what a preset means on the data date becomes that preset, so its comparison is the
    previous calendar unit; other dates compare with the same number of days before."""
    text = (text or "").strip()
    if text in PRESETS:
        return {"period": text}
    start, end = _unit(text)
    if end < start:
        raise OptionError(f"period {text!r} ends before it starts")
    for preset in ("last_month", "last_quarter", "last_year"):
        p = filters.resolve(filters.Filter(period=preset), as_of)
        if (p.start, p.end) == (start, end):
            return {"period": preset}
    return {"period": "custom", "start": start, "end": end}


def _unit(text: str) -> tuple[dt.date, dt.date]:
    try:
        if m := _QUARTER.match(text):
            year, q = int(m[1]), int(m[2])
            last = 3 * q
            return dt.date(year, last - 2, 1), dt.date(
                year, last, calendar.monthrange(year, last)[1]
            )
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), dt.date(
                year, month, calendar.monthrange(year, month)[1]
            )
        if m := _YEAR.match(text):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := _RANGE.match(text):
            return dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
    except ValueError as err:
        raise OptionError(f"period {text!r} is not a real date: {err}") from None
    raise OptionError(f"period {text!r} is not known; use {PERIOD_HELP}")


def scope(text: str, dims: Dimensions) -> dict:
    """Filter fields (provinces, cities, halls) for comma-separated ids or names; 'all' or
    nothing is the whole company."""
    values = [v.strip() for v in (text or "").split(",") if v.strip()]
    if not values or [v.lower() for v in values] == ["all"]:
        return {}
    kinds = {
        "provinces": _lookup(dims.cities, "province_id", ("province_en", "province_zh")),
        "cities": _lookup(dims.cities, "city_id", ("city_en", "city_zh")),
        "halls": _lookup(dims.halls, "branch_id", ("name_en", "name_zh")),
    }
    chosen: dict[str, list[str]] = {k: [] for k in kinds}
    for value in values:
        for kind, names in kinds.items():
            if value.lower() in names:
                chosen[kind].append(names[value.lower()])
                break
        else:
            known = [*dict.fromkeys(dims.cities["province_id"]), *dims.cities["city_id"]]
            hall = dims.halls["branch_id"].iloc[0]
            raise OptionError(
                f"scope {value!r} is not a province, city or hall; use 'all', ids such as "
                f"{', '.join(known[:_SHOWN])} or a hall id such as {hall}"
            )
    found = {k: tuple(dict.fromkeys(v)) for k, v in chosen.items() if v}
    f = filters.cascade(filters.Filter(**found), dims.options())
    dropped = [h for h in found.get("halls", ()) if h not in f.halls]
    dropped += [c for c in found.get("cities", ()) if c not in f.cities]
    if dropped:
        raise OptionError(
            f"scope {', '.join(dropped)} lies outside the other places chosen; choose either"
        )
    return {k: getattr(f, k) for k in found}


def account(store_path, name: str) -> access.User:
    """The user a command runs as (--as NAME): an active account of the store (pulse.users),
    else an OptionError (exit 2)."""
    from pulse import users  # the identity helper's accounts (joined at merge)

    found = users.lookup(store_path, name)
    if found is None:
        raise OptionError(f"--as {name!r} is not an active account of this store")
    return found


def as_user(f: filters.Filter, user: access.User | None, dims: Dimensions) -> filters.Filter:
    """The filter within the user's scope (unchanged without a user): a place outside it,
    or a scope that reaches nothing, is an OptionError, never a narrower file."""
    if user is None:
        return f
    options = filters.within(dims.options(), user.sees)
    if options.reach is not None and options.reach.empty:
        raise OptionError(
            f"--as {user.name!r} is responsible for no unit: there is nothing to show"
        )
    outside = [v for name in ("provinces", "cities", "halls") for v in getattr(f, name)]
    outside = [v for v in outside if v in options.outside]
    if outside:
        raise OptionError(f"scope {', '.join(outside)} is outside the units of {user.name!r}")
    return filters.cascade(f, options).with_(role=user.role)


def _lookup(frame, id_column: str, name_columns: tuple[str, ...]) -> dict[str, str]:
    names = {}
    for row in frame.to_dict("records"):
        for column in (*name_columns, id_column):
            names[str(row[column]).lower()] = row[id_column]
    return names


def choices(text: str | None, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Comma-separated values that must each be one of `allowed`."""
    values = tuple(dict.fromkeys(v.strip() for v in (text or "").split(",") if v.strip()))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise OptionError(
            f"{what} {', '.join(unknown)} not known; choose from {', '.join(allowed[:_SHOWN])}"
        )
    return values


def sections(text: str | None) -> tuple[str, ...]:
    """The sections in the order given (all of them when not given)."""
    if not text or text.strip().lower() == "all":
        return SECTION_IDS
    return choices(text, SECTION_IDS, "section(s)")


def request_filter(
    dims: Dimensions,
    *,
    scope_text: str,
    period_text: str,
    compare: str,
    segments: str | None = None,
    brands: str | None = None,
    channels: str | None = None,
    user: access.User | None = None,
) -> filters.Filter:
    """The whole filter from option texts, checked against the store (and within the user's
    scope when one is given)."""
    if compare not in filters.COMPARISONS:
        raise OptionError(
            f"comparison {compare!r} is not known; choose from {', '.join(filters.COMPARISONS)}"
        )
    options = dims.options()
    f = filters.Filter(
        compare=compare,
        **period(period_text, dims.as_of),
        **scope(scope_text, dims),
        segments=choices(segments, options.segments, "segment(s)"),
        brands=choices(brands, options.brands, "brand(s)"),
        channels=choices(channels, options.channels, "channel(s)"),
    )
    return as_user(f, user, dims)


def output_kind(parser, out, chosen: str | None, formats: tuple[str, ...]) -> str:
    """The file type a command writes, from --format or the file name; a parser error (exit 2)
    names what is wrong: an unknown type, a name that disagrees, a folder that is not there."""
    kind = chosen or out.suffix.lower().lstrip(".")
    if kind not in formats:
        named = f"{', '.join(formats[:-1])} or {formats[-1]}"
        parser.error(f"say --format {named} (the file name {out.name} does not)")
    if chosen and out.suffix and out.suffix.lower() != f".{chosen}":
        parser.error(f"--out {out.name} does not end in .{chosen}")
    if not out.parent.is_dir():
        parser.error(f"the folder {out.parent} does not exist")
    return kind


def open_store(path):
    """The store at `path`, read-only, or None after saying on stderr why it cannot be read."""
    if not path.exists():
        print(f"error: no store at {path} (build one with python -m pulse.build)", file=sys.stderr)
        return None
    try:
        return Store(path, read_only=True)
    except duckdb.Error as err:
        print(f"error: cannot open the store {path}: {err}", file=sys.stderr)
        return None
