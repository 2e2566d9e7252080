"""Notices about the URL, worded in the reader's language."""

from __future__ import annotations

from pulse.filters import Notice
from pulse.i18n import t


def word(notice: Notice) -> str:
    """The sentence for one notice from pulse.filters.from_params."""
    code, values = notice
    return t(f"notice.{code}", **values)
