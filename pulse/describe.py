"""A filter in words, for captions on screen and stamps on exports."""

from __future__ import annotations

import datetime as dt

from pulse import filters
from pulse.dimensions import Dimensions
from pulse.i18n import language, t

_SHOWN = 3  # names listed before "and N more"


def date(day: dt.date) -> str:
    """A date in the reader's language: 31 Oct 2026 / 2026年10月31日."""
    if language() == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%b')} {day.year}"


def span(start: dt.date, end: dt.date) -> str:
    """A date range: 2 Oct – 31 Oct 2026."""
    if start == end:
        return date(start)
    if language() == "zh":
        return f"{date(start)}至{date(end)}"
    first = f"{start.day} {start.strftime('%b')}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first} – {date(end)}"


def _names(ids: tuple[str, ...], labels: dict[str, str]) -> str:
    names = [labels.get(i, i) for i in ids]
    if len(names) > _SHOWN:
        return t(
            "describe.and_more",
            names="、".join(names[:_SHOWN]) if language() == "zh" else ", ".join(names[:_SHOWN]),
            n=len(names) - _SHOWN,
        )
    return ("、" if language() == "zh" else ", ").join(names)


def scope(f: filters.Filter, dims: Dimensions) -> str:
    """Where: the narrowest place chosen, else the units of the reader's scope (a hall
    manager's page is about their hall, not the company), else the whole company."""
    lang = language()
    for fl in reversed([fl for fl in filters.FIELDS if fl.widget == "place"]):
        chosen = getattr(f, fl.name)
        if chosen:
            return _names(chosen, dims.labels(fl.kind, lang))
    if f.reach is not None and not f.reach.empty:
        named = {"province": f.reach.provinces, "city": f.reach.cities, "hall": f.reach.halls}
        labels = {k: v for kind in named for k, v in dims.labels(kind, lang).items()}
        return _names(tuple(u for units in named.values() for u in units), labels)
    return t("describe.all_company")


def caption(f: filters.Filter, period: filters.Period, dims: Dimensions) -> str:
    """The whole filter in one line, e.g. 'Shenzhen · 2 Oct – 31 Oct 2026 vs 2 Sep – 1 Oct 2026'."""
    lang = language()
    parts = [scope(f, dims), span(period.start, period.end)]
    if period.cmp_start:
        parts[-1] += t("describe.versus", span=span(period.cmp_start, period.cmp_end))
    for fl in filters.FIELDS:
        chosen = getattr(f, fl.name)
        if fl.widget != "place" and chosen:
            parts.append(_names(chosen, dims.labels(fl.kind, lang)))
    return " · ".join(parts)
