"""Named thresholds (promises, service-level time, score cut-offs, windows), read from one
declarative file, pulse/settings.toml; PULSE_SETTINGS points at a deployment's own copy."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("settings.toml")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@functools.cache
def _load(path: str) -> dict[str, int | float]:
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    flat: dict[str, int | float] = {}
    for section in raw.values():
        for name, value in section.items():
            if name in flat:
                raise ValueError(f"setting {name} is named twice")
            flat[name] = value
    return flat


def source() -> str:
    """The file the settings are read from: PULSE_SETTINGS, else pulse/settings.toml."""
    return os.environ.get("PULSE_SETTINGS", str(DEFAULT_PATH))


def all_settings() -> dict[str, int | float]:
    """Every setting by name."""
    return dict(_load(source()))


def get(name: str) -> int | float:
    """One setting; KeyError names it."""
    return all_settings()[name]


def sql_params() -> dict[str, int | float]:
    """Every setting as a bound SQL parameter ($promise_s ...)."""
    return all_settings()


def text_values() -> dict[str, int | float]:
    """Every setting for a text that states it ("within {promise_min} minutes"), whole numbers
    without a decimal point, plus the few a reader wants in another unit."""
    return dict(_text_values(source()))


@functools.cache
def _text_values(path: str) -> dict[str, int | float]:
    flat = _load(path)
    values = {
        **flat,
        "promise_min": flat["promise_s"] / 60,
        "deadline_medium_d": flat["deadline_medium_h"] / 24,
        "passive_min": flat["detractor_max"] + 1,
        "passive_max": flat["promoter_min"] - 1,
    }
    return {k: int(v) if float(v).is_integer() else v for k, v in values.items()}


def fill(text: str, keep=()) -> str:
    """A text with the placeholders that name a setting ("within {promise_min} minutes")
    filled with its configured value, so it states the threshold the numbers use; other
    placeholders, and those named in `keep`, are left for the caller's format()."""
    if "{" not in text:  # most texts name no setting: every label goes through here
        return text
    known = _text_values(source())

    def value(match: re.Match) -> str:
        name = match.group(1)
        return str(known[name]) if name in known and name not in keep else match.group(0)

    return _PLACEHOLDER.sub(value, text)
