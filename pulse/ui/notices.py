"""Notes a view adds about itself, worded in the reader's language: URL values it could not
use, and filters it cannot honour."""

from __future__ import annotations

from pulse.filters import Notice
from pulse.i18n import t
from pulse.ui import format as fmt


def word(notice: Notice) -> str:
    """The sentence for one notice from pulse.filters.from_params."""
    code, values = notice
    return t(f"notice.{code}", **values)


def not_filtered(fields: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The note naming the filters a view could not apply ("not filtered by City, Hall"), as
    a tuple of notes: empty when every filter applied."""
    if not fields:
        return ()
    return (t("tile.not_applied", fields=fmt.names([t(f"filter.{f}") for f in fields])),)
