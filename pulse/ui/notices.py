"""Notes a view adds about itself, worded in the reader's language: URL values it could not
use, and filters it cannot honour."""

from __future__ import annotations

from pulse import filters, records
from pulse.filters import FIELDS, Notice
from pulse.i18n import t
from pulse.records import Page
from pulse.ui import format as fmt

_WORDS = {fl.url: fl.words for fl in FIELDS}  # a field named by its URL key, in words


def word(notice: Notice) -> str:
    """The sentence for one notice from pulse.filters.from_params."""
    code, values = notice
    if "field" in values:
        values = {**values, "field": t(_WORDS.get(values["field"], values["field"]))}
    return t(f"notice.{code}", **values)


def not_filtered(fields: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The note naming the filters a view could not apply ("not filtered by City, Hall"), as
    a tuple of notes: empty when every filter applied."""
    if not fields:
        return ()
    named = [_field_words(field) for field in dict.fromkeys(fields)]  # each field once
    return (t("tile.not_applied", fields=fmt.names(named)),)


def _field_words(field: str) -> str:
    """A filter field (its rollup filter name) in words, from its declaration."""
    declared = filters.BY_ROLLUP.get(field)
    return t(declared.words if declared else f"filter.{field}")


def page_of_records(words: str, page: Page) -> tuple[str, ...]:
    """The notes under one page of records: which rows these are, in the words of `words`
    ("comments 51–100 of 1,234"), then the filters the records could not honour."""
    first = page.page * page.page_size + 1
    where = t(
        words,
        first=fmt.count(first),
        last=fmt.count(first + len(page.rows) - 1),
        total=fmt.count(page.total),
    )
    return (where, *not_filtered(page.not_applied))


def withheld(f: filters.Filter, permission: str) -> str | None:
    """The sentence that tells a user their role may not see `permission` ("records" or
    "comments", pulse.access.Role), None when it may: an empty list in its place would read
    as "there are none", which is untrue."""
    if records.may_see(f, permission):
        return None
    if f.role.admin:  # the administrator cannot ask an administrator
        return t(f"access.{permission}_hidden_admin")
    return t(f"access.{permission}_hidden", role=t(f"access.role.{f.role.name}"))
