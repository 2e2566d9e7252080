"""Numbers as people read them: values, changes, intervals and sample sizes in either language.

Every number a page, table or report shows is written here. Conventions: thousands separators
(1,234.5); shares as percent (87.3%); changes signed (+1.2 pp, never -0.0); a missing value is
DASH. An interval reads "low – high" (spaced en dash, both ends in the metric's format): alone
under a "95% interval" header (`span`), beside its value in a table cell (`cell`:
"82.1 (95% CI 81.8 – 82.4)"), or in a sentence (`interval`). An interval whose ends print the
same as each other is narrower than the digits shown and is not written: the value stands alone."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import pandas as pd

from pulse.catalog import Metric
from pulse.i18n import t

DASH = "—"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


# How each catalogue format shows a value: the factor to the number shown, its decimals, and
# its unit (a locale key, or a suffix).
_VALUE = {
    "pct1": (100.0, 1, "%"),
    "num1": (1.0, 1, ""),
    "num2": (1.0, 2, ""),
    "int": (1.0, 0, ""),
    "points": (1.0, 0, ""),
    "minutes": (1 / 60, 1, "unit.minutes"),
    "seconds": (1.0, 0, "unit.seconds"),
    "hours": (1.0, 1, "unit.hours"),
}
# Durations of 100 units or more are written without their decimal.
_WHOLE_PAST_100 = ("unit.minutes", "unit.hours")
# A change reads in the same unit, except that shares move in percentage points and NPS in
# points with a decimal.
_DELTA = {**_VALUE, "pct1": (100.0, 1, "unit.pp"), "points": (1.0, 1, "unit.points")}


def _in_unit(x: float, shown: tuple[float, int, str], signed: bool) -> str:
    scale, places, unit = shown
    if unit in _WHOLE_PAST_100 and abs(x * scale) >= 100:
        places = 0  # "191 h", not "190.9 h": three digits say it, and it fits a tile
    text = number(x * scale, places, signed)
    return t(unit, x=text) if unit.startswith("unit.") else text + unit


def value(metric: Metric, x: float | None) -> str:
    """A metric value in its unit, e.g. 92.4%, 81.2, +32, 7.5 min, 23 s, 13.0 h."""
    if _missing(x):
        return DASH
    x, fmt = float(x), metric.format
    if fmt not in _VALUE:
        return f"{x:g}"
    if fmt == "points" and not round(x):
        return "0"  # NPS is signed, but zero has no sign
    edge = metric.open_edge
    if edge is not None and x >= edge:  # in the open last bucket: a lower bound only
        return t("kit.at_least", value=_in_unit(edge, _VALUE[fmt], signed=False))
    return _in_unit(x, _VALUE[fmt], signed=fmt == "points")


def bare(metric: Metric, x: float | None) -> str:
    """A metric value without its unit, for a column whose header names the unit: 92.4, 7.5."""
    if _missing(x):
        return DASH
    if metric.format not in _VALUE:
        return value(metric, x)
    scale, places, _ = _VALUE[metric.format]
    if metric.format == "points" and not round(float(x)):
        return "0"
    return number(float(x) * scale, places, signed=metric.format == "points")


def plain(metric: Metric, x: float | None) -> float | None:
    """The number as displayed, without unit text (percent for shares, minutes for waits)."""
    if _missing(x):
        return None
    return float(x) * _VALUE.get(metric.format, (1.0,))[0]


def delta(metric: Metric, d: float | None) -> str | None:
    """A change in the metric's unit: +1.2 pp for shares, −0.4 min for waits ..."""
    if _missing(d):
        return None
    return _in_unit(float(d), _DELTA.get(metric.format, (1.0, 1, "")), signed=True)


def interval(metric: Metric, low: float | None, high: float | None) -> str:
    """The 95% interval for a sentence or caption: "95% CI 81.8 – 82.4"; nothing when it cannot
    be computed or its ends print alike."""
    if _missing(low) or _missing(high) or value(metric, low) == value(metric, high):
        return ""
    return t("stat.interval", low=value(metric, low), high=value(metric, high))


def no_interval(metric: Metric, low: float | None, high: float | None, n: float | None) -> str:
    """Why a value stands alone when `interval` writes nothing although it has ends: one
    observation, no spread among them, or an interval narrower than the digits shown."""
    if _missing(low) or _missing(high) or value(metric, low) != value(metric, high):
        return ""
    if not _missing(n) and float(n) <= 1:
        return t("stat.ci_one")
    return t("stat.ci_flat") if float(low) == float(high) else t("stat.ci_tight")


def span(metric: Metric | Callable[[float], str], low: float | None, high: float | None) -> str:
    """The interval alone, for a column headed "95% interval": "81.8 – 82.4"; one value when
    both ends print alike, nothing when it cannot be computed. `metric` may be a formatter
    (fmt.share) for numbers that are not a catalogue metric's."""
    if _missing(low) or _missing(high):
        return ""
    write = metric if callable(metric) else functools.partial(value, metric)
    low_text, high_text = write(low), write(high)
    return low_text if low_text == high_text else f"{low_text} – {high_text}"


def cell(metric: Metric, x: float | None, low: float | None, high: float | None) -> str:
    """A value with its interval in one table cell: "82.1 (95% CI 81.8 – 82.4)", or the value
    alone when the interval is missing or its ends print as the value."""
    ci = interval(metric, low, high)
    return t("kit.cell", value=value(metric, x), interval=ci) if ci else value(metric, x)


def short_cell(metric: Metric, x: float | None, low: float | None, high: float | None) -> str:
    """A value and its interval for a table whose caption says what the brackets hold:
    "82.1 (81.8 – 82.4)", without cell()'s "95% CI" in every cell (it cut the hotline's
    per-queue cells at 1440 px)."""
    ci = span(metric, low, high) if interval(metric, low, high) else ""
    return t("kit.cell", value=value(metric, x), interval=ci) if ci else value(metric, x)


def count(n: float | None) -> str:
    """A sample size with thousands separators."""
    return "0" if _missing(n) else f"{float(n):,.0f}"


def compact(n: float | None) -> str:
    """A sample size in a few characters: 950, 1.2k, 34k, 1.3M."""
    if _missing(n):
        return "0"
    n = float(n)
    if n >= 1e6:
        return f"{n / 1e6:.1f}M"
    if n >= 1e4:
        return f"{n / 1e3:.0f}k"
    if n >= 1e3:
        return f"{n / 1e3:.1f}k"
    return f"{n:.0f}"


def p_value(p: float | None) -> str:
    """p < 0.001, p = 0.03 ..."""
    if _missing(p):
        return ""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def number(x: float | None, places: int = 1, signed: bool = False) -> str:
    """A number without a unit: 1,234.5; signed, +3.2, and a change that rounds to zero is
    written 0.0 (neither +0.0, which reads as a rise, nor -0.0)."""
    if _missing(x):
        return DASH
    x = 0.0 if round(float(x), places) == 0 else float(x)
    return f"{x:{'+' if signed and x else ''},.{places}f}"


def share(x: float | None, places: int = 1, signed: bool = False) -> str:
    """A fraction as percent: 0.873 -> 87.3%; signed for a relative change, +12%."""
    return DASH if _missing(x) else number(float(x) * 100, places, signed) + "%"


def percent(x: float | None, places: int = 1) -> str:
    """A fraction as a percent number for a sentence that writes the % sign itself: 87.3."""
    return DASH if _missing(x) else number(float(x) * 100, places)


def minutes(seconds: float | None, places: int = 1) -> str:
    """A duration given in seconds, in minutes: 7.5 min."""
    return DASH if _missing(seconds) else t("unit.minutes", x=number(seconds / 60, places))


def seconds(x: float | None, places: int = 0) -> str:
    """A duration in seconds: 23 s, 23.4 s."""
    return DASH if _missing(x) else t("unit.seconds", x=number(x, places))


def hours(x: float | None, places: int = 1) -> str:
    """A duration in hours: 13.0 h."""
    return DASH if _missing(x) else t("unit.hours", x=number(x, places))


def clock(hour: int, minute: int = 0) -> str:
    """A time of day: 08:00, 13:30."""
    return f"{int(hour):02d}:{int(minute):02d}"


def to_minute(stamps) -> pd.Series:
    """Times of day in a table, to the minute ("2026-10-26 17:16"), empty where missing: the
    grid's own format adds the seconds, which a narrowed column cut to "17:16:5"."""
    return pd.to_datetime(stamps).dt.strftime("%Y-%m-%d %H:%M").fillna("")


def level(confidence: float) -> str:
    """A confidence level as people say it: 95%, 99.8%."""
    return f"{confidence * 100:g}%"


def as_published(x: float | None) -> str:
    """A published figure with the digits it was published with: 78.9, 13.6, 30."""
    return DASH if _missing(x) else f"{float(x):g}"


def names(words: list[str] | tuple[str, ...]) -> str:
    """Names in a list: "City, Hall" in English, "城市、营业厅" in Chinese."""
    return t("kit.list_separator").join(words)
