"""Named thresholds (promises, service-level time, score cut-offs, windows), read from one
declarative file, pulse/settings.toml; PULSE_SETTINGS points at a deployment's own copy."""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("settings.toml")


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


def all_settings() -> dict[str, int | float]:
    """Every setting by name."""
    return dict(_load(os.environ.get("PULSE_SETTINGS", str(DEFAULT_PATH))))


def get(name: str) -> int | float:
    """One setting; KeyError names it."""
    return all_settings()[name]


def sql_params() -> dict[str, int | float]:
    """Every setting as a bound SQL parameter ($promise_s ...)."""
    return all_settings()
