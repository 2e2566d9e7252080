"""The global filter bar in the sidebar, kept in step with the URL; its widgets are drawn from
the fields pulse.filters declares.

The URL is read into the widgets once per session, and again whenever it carries a filter
the session did not write (a pasted or clicked link). When a page switch drops the query
string, the session's filter is kept and written back, so a copied link always reproduces
the view. Children reset when a parent changes: cities when provinces change, halls when
cities change. apply() is the one way to set the filter from code (a click on a city or a
hall): nothing else writes the widgets' session keys.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulse import filters
from pulse.dimensions import Dimensions
from pulse.filters import COMPARE, FIELDS, PERIOD, RANGE_KEY
from pulse.i18n import LANGUAGES, t
from pulse.ui import fragment

LANG_KEY = filters.SESSION_PREFIX + "lang"
_WRITTEN = "_pulse_url_written"
_NOTICES = "_pulse_url_notices"
_SHOWN = "_pulse_filter_shown"
_KEYS = (LANG_KEY, PERIOD.session_key, RANGE_KEY, COMPARE.session_key)
_KEYS += tuple(fl.session_key for fl in FIELDS)
OWNED = filters.URL_KEYS | {"lang"}  # URL keys the filter bar owns; a page's own are left alone
# a page's subject, which "Reset filters" keeps (page slug in app.PAGES -> filter fields)
KEEP_ON_RESET = {"hall": ("halls",)}


def language_from_url() -> str:
    """The session's language: the widget's value once it exists, else the URL's."""
    if LANG_KEY in st.session_state:
        return st.session_state[LANG_KEY]
    lang = st.query_params.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def current() -> filters.Filter:
    """The filter the widgets hold (in a callback: before the click's change)."""
    state = st.session_state
    period = state.get(PERIOD.session_key, PERIOD.default)
    start = end = None
    chosen = state.get(RANGE_KEY)
    if period == "custom":
        if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
            start, end = chosen
        else:
            period = PERIOD.default  # a half-picked range: keep the default until both ends exist
    return filters.Filter(
        period=period,
        start=start,
        end=end,
        compare=state.get(COMPARE.session_key, COMPARE.default),
        **{fl.name: tuple(state.get(fl.session_key, [])) for fl in FIELDS},
    )


def apply(f: filters.Filter, lang: str | None = None) -> None:
    """Show `f` in the widgets and the URL. Call it before the filter bar is drawn (a widget
    callback, or the top of a run); the widgets show it on the run that follows."""
    state = st.session_state
    state[PERIOD.session_key] = f.period
    state[COMPARE.session_key] = f.compare
    if f.start and f.end:
        state[RANGE_KEY] = (f.start, f.end)
    for fl in FIELDS:
        state[fl.session_key] = list(getattr(f, fl.name))
    if lang is not None:
        state[LANG_KEY] = lang
    _write_url(f, state.get(LANG_KEY, "en"))
    fragment.whole_run_next()  # from a click in a section: the sidebar shows it too


def _load_from_url(options: filters.Options) -> None:
    current_url = {k: v for k, v in st.query_params.to_dict().items() if k in OWNED}
    written = st.session_state.get(_WRITTEN)
    if written is not None and (not current_url or current_url == written):
        # our own URL, or a page switch that dropped it: keep the session's filter. Streamlit
        # drops some widgets' state on a page switch; put back what the last run showed
        # (a key that is present holds the user's latest pick and is left alone)
        for key, value in st.session_state.get(_SHOWN, {}).items():
            if key not in st.session_state:
                st.session_state[key] = value
        return
    f, notices = filters.from_params(current_url, options)
    st.session_state[_NOTICES] = notices
    lang = current_url.get("lang", "en")
    apply(f, lang if lang in LANGUAGES else "en")


def _remember_shown() -> None:
    """Keep the widgets' values under a key of our own, which Streamlit never drops."""
    st.session_state[_SHOWN] = {k: st.session_state[k] for k in _KEYS if k in st.session_state}


def _index(choices: tuple, key: str) -> int:
    """The position of the session's value among a widget's choices. Passed as the widget's
    default so that a browser which lost the widget's state (it can, on a page switch under
    load) shows the session's value instead of the first choice."""
    value = st.session_state.get(key)
    return choices.index(value) if value in choices else 0


def _chosen(key: str) -> list:
    """The session's picks for a multiselect, passed as its default for the same reason."""
    return list(st.session_state.get(key, []))


def _reset_children(*names: str) -> None:
    for name in names:
        st.session_state[filters.BY_NAME[name].session_key] = []


def _relabel() -> None:
    """The language changed: the browser still holds the other widgets' values as the old
    language's labels and would send them back on the next click (a period in English is no
    period in Chinese, and falls to the first choice); setting every value again makes
    every widget show its value in the new language (a half-picked range included). The
    pages' own widgets too (the Trends page's window fell to its first choice and its
    metrics to none): every keyed value a label can show."""
    state = st.session_state
    for key in list(state.keys()):
        # the filter bar's own (an empty pick or a half-picked range too), and the pages'
        relabel = key in _KEYS or (not str(key).startswith("_") and _labelled(state[key]))
        if relabel and key != LANG_KEY:
            state[key] = state[key]


_PLAIN = (str, int, float, dt.date)


def _labelled(value) -> bool:
    """True for a value a choice widget shows through a label (a choice, several, a date):
    not a flag (a button's, a toggle's), a file, a table's edits or nothing, whose widgets
    show no label or may not be set (a button, an uploader)."""
    if isinstance(value, (list, tuple)):
        return bool(value) and all(_labelled(v) for v in value)
    return isinstance(value, _PLAIN) and not isinstance(value, bool)


def _reset(keep: tuple[str, ...]) -> None:
    kept = current()
    apply(filters.Filter(**{name: getattr(kept, name) for name in keep}))


def render(
    dims: Dimensions, page: str | None = None, options: filters.Options | None = None
) -> tuple[filters.Filter, list]:
    """Draw the filter bar; return the filter and any notices about ignored URL values.
    `page` (its slug in app.PAGES) names the page whose subject "Reset filters" keeps;
    `options` are the user's (filters.within: only the places in their scope)."""
    options = options or dims.options()
    _load_from_url(options)
    lang = st.session_state.get(LANG_KEY, "en")
    with st.sidebar:
        st.radio(
            t("filter.language"),
            LANGUAGES,
            key=LANG_KEY,
            index=_index(LANGUAGES, LANG_KEY),
            horizontal=True,
            format_func=lambda code: {"en": "English", "zh": "中文"}[code],
            label_visibility="collapsed",
            on_change=_relabel,
        )
        _setting(PERIOD)
        if st.session_state[PERIOD.session_key] == "custom":
            _dates(options)
        _setting(COMPARE)
        for fl in FIELDS:
            _field(fl, dims, options, lang)
        keep = KEEP_ON_RESET.get(page or "", ())
        label = t("filter.reset")
        if keep:
            kept = ", ".join(t(filters.BY_NAME[name].words) for name in keep)
            label = t("filter.reset_keeping", fields=kept)
        st.button(label, on_click=_reset, args=(keep,), width="stretch")
    f = current()
    _write_url(f, lang)
    _remember_shown()
    return f, st.session_state.get(_NOTICES, [])


def _setting(setting: filters.Setting) -> None:
    # the words are fixed while the run's language is known: Streamlit may format a value
    # again outside the run (a callback, a test), where the language is not this run's
    words = {v: t(f"{setting.name}.{v}") for v in setting.choices}
    st.selectbox(
        t(setting.words),
        setting.choices,
        key=setting.session_key,
        index=_index(setting.choices, setting.session_key),
        format_func=words.get,
    )


def _dates(options: filters.Options) -> None:
    """The custom period's date input, bounded by the data's days (a range the session holds
    outside them, from a link that misses the data altogether, widens the bounds)."""
    last = options.last_day or dt.date.today()
    first = options.first_day or last - dt.timedelta(days=3650)
    state = st.session_state
    state.setdefault(RANGE_KEY, (max(first, last - dt.timedelta(days=29)), last))
    chosen = [d for d in state[RANGE_KEY] if isinstance(d, dt.date)]
    st.date_input(
        t("filter.dates"),
        value=state[RANGE_KEY],
        key=RANGE_KEY,
        min_value=min([first, *chosen]),
        max_value=max([last, *chosen]),
    )


def _field(fl: filters.Field, dims: Dimensions, options: filters.Options, lang: str) -> None:
    """One list field's multiselect; a place's choices follow its parent's choice."""
    state = st.session_state
    choices = list(getattr(options, fl.name))
    if fl.parent is not None:
        parent = filters.BY_NAME[fl.parent]
        picked = state.get(parent.session_key) or _in_scope(parent, options, state)
        choices = [v for v, up in getattr(options, fl.name).items() if up in picked]
        state[fl.session_key] = [v for v in state.get(fl.session_key, []) if v in choices]
    children = tuple(c.name for c in FIELDS if c.parent == fl.name)
    descendants = children + tuple(c.name for c in FIELDS if c.parent in children)
    labels = dims.labels(fl.kind, lang)
    st.multiselect(
        t(fl.words),
        choices,
        key=fl.session_key,
        default=_chosen(fl.session_key),
        format_func=lambda v: labels.get(v, v),
        placeholder=t("filter.all"),
        on_change=_reset_children if descendants else None,
        args=descendants if descendants else None,
    )


def _in_scope(fl: filters.Field, options: filters.Options, state) -> list[str]:
    """Every value of a place field its own parent's choice allows (all when none)."""
    values = getattr(options, fl.name)
    if fl.parent is None:
        return list(values)
    parent = filters.BY_NAME[fl.parent]
    picked = state.get(parent.session_key) or _in_scope(parent, options, state)
    return [v for v, up in values.items() if up in picked]


def _write_url(f: filters.Filter, lang: str) -> None:
    params = filters.to_params(f)
    if lang != "en":
        params["lang"] = lang
    others = {k: v for k, v in st.query_params.to_dict().items() if k not in OWNED}
    wanted = {**others, **params}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_WRITTEN] = params
