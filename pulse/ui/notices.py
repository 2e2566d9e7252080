"""Notices about the URL, worded in the reader's language."""

from __future__ import annotations

from pulse.filters import FIELDS, Notice
from pulse.i18n import t

_WORDS = {fl.url: fl.words for fl in FIELDS}  # a field named by its URL key, in words


def word(notice: Notice) -> str:
    """The sentence for one notice from pulse.filters.from_params."""
    code, values = notice
    if "field" in values:
        values = {**values, "field": t(_WORDS.get(values["field"], values["field"]))}
    return t(f"notice.{code}", **values)
