"""The global filter bar in the sidebar, kept in step with the URL.

The URL is read into the widgets once per session, and again whenever it carries a filter
the session did not write (a pasted or clicked link). When a page switch drops the query
string, the session's filter is kept and written back, so a copied link always reproduces
the view. Children reset when a parent changes: cities when provinces change, halls when
cities change.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pulse import filters
from pulse.dimensions import Dimensions
from pulse.i18n import LANGUAGES, t

_LISTS = ("provinces", "cities", "halls", "segments", "brands", "channels")
_WRITTEN = "_pulse_url_written"
_NOTICES = "_pulse_url_notices"
_SHOWN = "_pulse_filter_shown"
# URL keys the filter bar owns; any other key (a page's own) is left alone
_OWNED = {
    "period",
    "from",
    "to",
    "compare",
    "lang",
    "province",
    "city",
    "hall",
    "segment",
    "brand",
    "channel",
}


def language_from_url() -> str:
    """The session's language: the widget's value once it exists, else the URL's."""
    if "f_lang" in st.session_state:
        return st.session_state["f_lang"]
    lang = st.query_params.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def _key(name: str) -> str:
    return f"f_{name}"


def _url_filter_keys(params: dict) -> dict:
    return {k: v for k, v in params.items() if k in _OWNED}


def _load_from_url(options: filters.Options) -> None:
    current = _url_filter_keys(st.query_params.to_dict())
    written = st.session_state.get(_WRITTEN)
    if written is not None and (not current or current == written):
        # our own URL, or a page switch that dropped it: keep the session's filter. Streamlit
        # drops some widgets' state on a page switch; put back what the last run showed
        # (a key that is present holds the user's latest pick and is left alone)
        for key, value in st.session_state.get(_SHOWN, {}).items():
            if key not in st.session_state:
                st.session_state[key] = value
        return
    f, notices = filters.from_params(current, options)
    st.session_state[_NOTICES] = notices
    st.session_state[_key("period")] = f.period
    st.session_state[_key("compare")] = f.compare
    if f.start and f.end:
        st.session_state[_key("range")] = (f.start, f.end)
    for name in _LISTS:
        st.session_state[_key(name)] = list(getattr(f, name))
    lang = current.get("lang", "en")
    st.session_state[_key("lang")] = lang if lang in LANGUAGES else "en"


def _remember_shown() -> None:
    """Keep the widgets' values under a key of our own, which Streamlit never drops."""
    names = ("lang", "period", "range", "compare", *_LISTS)
    st.session_state[_SHOWN] = {
        _key(n): st.session_state[_key(n)] for n in names if _key(n) in st.session_state
    }


def _index(choices: tuple, name: str) -> int:
    """The position of the session's value among a widget's choices. Passed as the widget's
    default so that a browser which lost the widget's state (it can, on a page switch under
    load) shows the session's value instead of the first choice."""
    value = st.session_state.get(_key(name))
    return choices.index(value) if value in choices else 0


def _chosen(name: str) -> list:
    """The session's picks for a multiselect, passed as its default for the same reason."""
    return list(st.session_state.get(_key(name), []))


def _reset(*names: str) -> None:
    for name in names:
        st.session_state[_key(name)] = []


def _reset_all() -> None:
    st.session_state[_key("period")] = "last_30"
    st.session_state[_key("compare")] = "previous"
    _reset(*_LISTS)


def _filter_from_state() -> filters.Filter:
    state = st.session_state
    period = state.get(_key("period"), "last_30")
    start = end = None
    chosen = state.get(_key("range"))
    if period == "custom":
        if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
            start, end = chosen
        else:
            period = "last_30"  # a half-picked range: keep the default until both ends exist
    return filters.Filter(
        period=period,
        start=start,
        end=end,
        compare=state.get(_key("compare"), "previous"),
        **{name: tuple(state.get(_key(name), [])) for name in _LISTS},
    )


def render(dims: Dimensions) -> tuple[filters.Filter, list[str]]:
    """Draw the filter bar; return the filter and any notices about ignored URL values."""
    options = dims.options()
    _load_from_url(options)
    lang = st.session_state.get(_key("lang"), "en")
    with st.sidebar:
        st.radio(
            t("filter.language"),
            LANGUAGES,
            key=_key("lang"),
            index=_index(LANGUAGES, "lang"),
            horizontal=True,
            format_func=lambda code: {"en": "English", "zh": "中文"}[code],
            label_visibility="collapsed",
        )
        st.selectbox(
            t("filter.period"),
            filters.PERIODS,
            key=_key("period"),
            index=_index(filters.PERIODS, "period"),
            format_func=lambda p: t(f"period.{p}"),
        )
        if st.session_state[_key("period")] == "custom":
            last = options.last_day or dt.date.today()
            st.session_state.setdefault(_key("range"), (last - dt.timedelta(days=29), last))
            st.date_input(
                t("filter.dates"),
                value=st.session_state[_key("range")],
                key=_key("range"),
                max_value=last,
            )
        st.selectbox(
            t("filter.compare"),
            filters.COMPARISONS,
            key=_key("compare"),
            index=_index(filters.COMPARISONS, "compare"),
            format_func=lambda c: t(f"compare.{c}"),
        )
        _scope(dims, options, lang)
        for name, kind in (("segments", "segment"), ("brands", "brand"), ("channels", "channel")):
            labels = dims.labels(kind, lang)
            st.multiselect(
                t(f"filter.{kind}"),
                list(getattr(options, name)),
                key=_key(name),
                default=_chosen(name),
                format_func=lambda v, labels=labels: labels.get(v, v),
                placeholder=t("filter.all"),
            )
        st.button(t("filter.reset"), on_click=_reset_all, width="stretch")
    f = _filter_from_state()
    _write_url(f, lang)
    _remember_shown()
    return f, st.session_state.get(_NOTICES, [])


def _scope(dims: Dimensions, options: filters.Options, lang: str) -> None:
    state = st.session_state
    provinces = dims.labels("province", lang)
    st.multiselect(
        t("filter.province"),
        list(options.provinces),
        key=_key("provinces"),
        default=_chosen("provinces"),
        format_func=lambda v: provinces.get(v, v),
        placeholder=t("filter.all"),
        on_change=_reset,
        args=("cities", "halls"),
    )
    chosen_provinces = state[_key("provinces")]
    cities = [c for c, p in options.cities.items() if not chosen_provinces or p in chosen_provinces]
    city_labels = dims.labels("city", lang)
    state[_key("cities")] = [c for c in state.get(_key("cities"), []) if c in cities]
    st.multiselect(
        t("filter.city"),
        cities,
        key=_key("cities"),
        default=_chosen("cities"),
        format_func=lambda v: city_labels.get(v, v),
        placeholder=t("filter.all"),
        on_change=_reset,
        args=("halls",),
    )
    chosen_cities = state[_key("cities")] or cities
    halls = [h for h, c in options.halls.items() if c in chosen_cities]
    hall_labels = dims.labels("hall", lang)
    state[_key("halls")] = [h for h in state.get(_key("halls"), []) if h in halls]
    st.multiselect(
        t("filter.hall"),
        halls,
        key=_key("halls"),
        default=_chosen("halls"),
        format_func=lambda v: hall_labels.get(v, v),
        placeholder=t("filter.all"),
    )


def _write_url(f: filters.Filter, lang: str) -> None:
    params = filters.to_params(f)
    if lang != "en":
        params["lang"] = lang
    others = {k: v for k, v in st.query_params.to_dict().items() if k not in _OWNED}
    wanted = {**others, **params}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_WRITTEN] = params
