"""Numbers as people read them: values, changes, intervals and sample sizes in either language."""

from __future__ import annotations

import math

from pulse.catalog import Metric
from pulse.i18n import t

DASH = "—"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def value(metric: Metric, x: float | None) -> str:
    """A metric value in its unit, e.g. 92.4%, 81.2, +32, 7.5 min, 23 s, 13.0 h."""
    if _missing(x):
        return DASH
    x = float(x)
    fmt = metric.format
    if fmt == "pct1":
        return f"{x * 100:.1f}%"
    if fmt == "num1":
        return f"{x:,.1f}"
    if fmt == "num2":
        return f"{x:.2f}"
    if fmt == "int":
        return f"{x:,.0f}"
    if fmt == "points":
        return f"{x:+.0f}" if round(x) else "0"
    if fmt == "minutes":
        return t("unit.minutes", x=f"{x / 60:.1f}")
    if fmt == "seconds":
        return t("unit.seconds", x=f"{x:.0f}")
    if fmt == "hours":
        return t("unit.hours", x=f"{x:.1f}")
    return f"{x:g}"


def plain(metric: Metric, x: float | None) -> float | None:
    """The number as displayed, without unit text (percent for shares, minutes for waits)."""
    if _missing(x):
        return None
    scale = {"pct1": 100.0, "minutes": 1 / 60}.get(metric.format, 1.0)
    return float(x) * scale


def delta(metric: Metric, d: float | None) -> str | None:
    """A change in the metric's unit: +1.2 pp for shares, −0.4 min for waits ..."""
    if _missing(d):
        return None
    d = float(d)
    shown = {"pct1": d * 100, "minutes": d / 60}.get(metric.format, d)
    places = {"int": 0, "seconds": 0, "num2": 2}.get(metric.format, 1)
    if round(shown, places) == 0:
        d = 0.0  # never "-0.0"
    fmt = metric.format
    if fmt == "pct1":
        return t("unit.pp", x=f"{d * 100:+.1f}")
    if fmt == "points":
        return t("unit.points", x=f"{d:+.1f}")
    if fmt == "int":
        return f"{d:+,.0f}"
    if fmt == "minutes":
        return t("unit.minutes", x=f"{d / 60:+.1f}")
    if fmt == "seconds":
        return t("unit.seconds", x=f"{d:+.0f}")
    if fmt == "hours":
        return t("unit.hours", x=f"{d:+.1f}")
    if fmt == "num2":
        return f"{d:+.2f}"
    return f"{d:+.1f}"


def interval(metric: Metric, low: float | None, high: float | None) -> str:
    """The 95% interval, or nothing when it cannot be computed."""
    if _missing(low) or _missing(high):
        return ""
    return t("stat.interval", low=value(metric, low), high=value(metric, high))


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
