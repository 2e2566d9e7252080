"""What every page needs from the app shell: the user, the store, dimensions, filter and
language."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pulse import access, deeplink, filters
from pulse.dimensions import Dimensions
from pulse.store import Store

T = TypeVar("T")

# Set once per script run by the shell; a run is one thread, so runs never see each other's.
_current: contextvars.ContextVar[Context | None] = contextvars.ContextVar("context", default=None)


@dataclass(frozen=True)
class Context:
    """The shell's state for this run."""

    store: Store
    dims: Dimensions
    filter: filters.Filter
    period: filters.Period
    as_of: dt.date
    lang: str
    notices: tuple[str, ...] = ()
    # the signed-in user; the filter already holds their scope (filter.reach), so every query
    # made from it stays inside; pages read the user for what their role may see (records)
    user: access.User = access.ANONYMOUS


def publish(ctx: Context) -> None:
    """Hand the context to the page about to run."""
    _current.set(ctx)


def current() -> Context:
    """The context of this run. A page started on its own (a deep link under plain `streamlit
    run`, see pulse.deeplink) hands the run to the router, which draws the shell and runs
    the requested page in full; this run then stops."""
    ctx = _current.get()
    if ctx is None:
        deeplink.hand_to_router()
    return ctx


def carried(make: Callable[[], T]) -> Callable[[], T]:
    """`make` to be called on another thread (Streamlit makes a download's file on a thread
    of its own, after the run), run there in a copy of this run's context: its language
    (pulse.i18n) and this context, so a file is worded as the page that offered it. Each
    call gets its own copy, so two files made at once never share one."""
    run = contextvars.copy_context()
    return lambda: run.copy().run(make)
