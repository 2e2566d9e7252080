"""Every user-facing string goes through t(); English and Simplified Chinese catalogues."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import tomllib
from pathlib import Path

from pulse import settings

LANGUAGES = ("en", "zh")
_LOCALES = Path(__file__).with_name("locales")
# Each Streamlit run executes in its own thread, so the language set at the top of a run
# applies to that session's run only.
_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default="en")


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The flat key -> text catalogue of one language, merged from every file in
    pulse/locales/<lang>/ (one file per area, so areas never edit the same file)."""
    merged: dict[str, str] = {}
    for path in sorted((_LOCALES / lang).glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, text in _flatten(raw):
            if key in merged:
                raise ValueError(f"{path.name}: {key} is already defined in another file")
            merged[key] = text
    return merged


def _flatten(table: dict, prefix: str = ""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def set_language(lang: str) -> str:
    """Use `lang` for this run; unknown languages fall back to English."""
    lang = lang if lang in LANGUAGES else "en"
    _language.set(lang)
    return lang


def language() -> str:
    """The language of this run."""
    return _language.get()


def t(key: str, **values) -> str:
    """The text for `key` in this run's language, formatted with `values` and with the settings
    it names ({promise_min} ...). A key missing from the language falls back to English, then
    to the key itself, so nothing is blank."""
    text = catalogue(language()).get(key) or catalogue("en").get(key) or key
    text = settings.fill(text, keep=values)
    return text.format(**values) if values else text


def sentences(*texts: str) -> str:
    """Whole sentences one after another, as the reader's language writes them: a space
    between them in English, none in Chinese (whose full stop ends a sentence). Empty ones
    are left out."""
    gap = "" if language() == "zh" else " "
    return gap.join(text for text in texts if text)


@contextlib.contextmanager
def speaking(lang: str):
    """Word everything in `lang` inside the block (a report, an alert message), then go back
    to the caller's language."""
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)
