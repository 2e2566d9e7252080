"""Arrival profiles: hour of day, weekday, season, holidays and promotions, as multipliers."""

from datetime import date, timedelta

import numpy as np

from .calendar_days import day_kinds, holiday_spans

# tickets per opening hour, weekday 9:00-18:00 and weekend 10:00-17:00: peaks 10-11 and 15-16
HALL_HOURS = {
    "weekday": (9, [0.80, 1.38, 1.30, 0.86, 0.74, 1.02, 1.32, 1.18, 0.66]),
    "weekend": (10, [1.15, 1.30, 0.98, 0.90, 1.12, 1.26, 0.96]),
}
# calls per hour 0..23: quiet at night, peaks 9-11 and 14-16
CALL_HOURS = {
    "weekday": [
        0.22,
        0.13,
        0.09,
        0.07,
        0.07,
        0.11,
        0.28,
        0.66,
        1.38,
        2.08,
        2.31,
        2.02,
        1.30,
        1.42,
        2.02,
        2.12,
        1.90,
        1.62,
        1.31,
        1.40,
        1.33,
        1.02,
        0.62,
        0.39,
    ],
    "weekend": [
        0.30,
        0.18,
        0.11,
        0.08,
        0.07,
        0.09,
        0.20,
        0.45,
        0.98,
        1.62,
        1.98,
        1.92,
        1.45,
        1.40,
        1.71,
        1.83,
        1.76,
        1.60,
        1.42,
        1.52,
        1.45,
        1.14,
        0.73,
        0.48,
    ],
}
HALL_WEEKDAY = np.array([1.16, 0.98, 0.95, 0.94, 1.01, 1.14, 0.80])  # Mon..Sun
CALL_WEEKDAY = np.array([1.12, 1.04, 1.00, 0.98, 0.97, 0.87, 0.81])
HALL_MONTH = np.array([1.04, 0.96, 1.0, 0.97, 0.98, 0.97, 1.03, 1.05, 1.09, 0.98, 1.0, 1.01])
CALL_MONTH = np.array([1.03, 0.97, 1.0, 0.98, 0.99, 0.98, 1.01, 1.02, 1.04, 0.99, 1.01, 1.0])
MIGRANT_CITIES = ("SZ", "DG", "FS", "ZS", "HUZ")  # emptier over Spring Festival


def month_days(month: date) -> np.ndarray:
    """The days of the month that starts on `month`, as datetime64[D]."""
    m = np.datetime64(month, "M")
    return np.arange(m, m + 1, dtype="datetime64[D]")


def phone_launches(first: date, last: date) -> list[tuple[date, date]]:
    """New-phone launch windows: the third Friday of September and the nine days after it."""
    out = []
    for year in range(first.year, last.year + 1):
        d = date(year, 9, 15) + timedelta(days=(4 - date(year, 9, 15).weekday()) % 7)
        out.append((d, d + timedelta(days=9)))
    return out


def double_elevens(first: date, last: date) -> list[tuple[date, date]]:
    """The Double 11 shopping festival, 1 to 11 November."""
    return [(date(y, 11, 1), date(y, 11, 11)) for y in range(first.year, last.year + 1)]


def _within(days: np.ndarray, spans, before: int = 0, after: int = 0) -> np.ndarray:
    """True on days within any span, optionally shifted to the days before or after it."""
    hit = np.zeros(len(days), dtype=bool)
    for a, b in spans:
        a, b = np.datetime64(a), np.datetime64(b)
        if before:
            a, b = a - before, a - 1
        elif after:
            a, b = b + 1, b + after
        hit |= (days >= a) & (days <= b)
    return hit


def special_days(days: np.ndarray) -> dict[str, np.ndarray]:
    """Boolean masks of the periods that move volumes, for datetime64[D] days."""
    first, last = days[0].item(), days[-1].item()
    spring = holiday_spans("Spring Festival")
    k = day_kinds(days)
    k["spring"] = _within(days, spring)
    k["spring_eve"] = _within(days, [(a, a + timedelta(days=2)) for a, _ in spring])
    k["pre_spring"] = _within(days, spring, before=10)
    k["post_spring"] = _within(days, spring, after=7)
    k["national"] = k["holiday_en"] == "National Day"
    k["minor"] = (k["holiday_en"] != "") & ~k["spring"] & ~k["national"]
    k["launch"] = _within(days, phone_launches(first, last))
    k["double11"] = _within(days, double_elevens(first, last))
    k["dom"] = (days - days.astype("datetime64[M]").astype("datetime64[D]")).astype(int) + 1
    k["month"] = days.astype("datetime64[M]").astype(int) % 12
    return k


def hall_day_factor(days: np.ndarray, tier: np.ndarray, city: np.ndarray) -> np.ndarray:
    """Multiplier on a hall's weekday volume, shape (halls, days)."""
    k = special_days(days)
    wd = np.where(k["workday"] & (k["weekday"] >= 6), 1.0, HALL_WEEKDAY[k["weekday"] - 1])
    f = (wd * HALL_MONTH[k["month"]])[None, :] * np.ones((len(tier), 1))
    migrant = np.isin(city, MIGRANT_CITIES)[:, None]
    f *= np.where(k["pre_spring"], 1.28, 1.0)
    f *= np.where(k["spring"], np.where(migrant, 0.22, 0.34), 1.0)
    f *= np.where(k["post_spring"], np.where(migrant, 0.76, 0.9), 1.0)
    national = np.select([tier == "community", tier == "rural"], [0.95, 1.12], 1.22)[:, None]
    f *= np.where(k["national"], national, 1.0)
    f *= np.where(k["minor"], 0.72, 1.0)
    launch = np.where(np.isin(tier, ("flagship", "standard")), 1.18, 1.06)[:, None]
    f *= np.where(k["launch"], launch, 1.0)
    f *= np.where(k["double11"], 1.05, 1.0)
    years = (days - np.datetime64("2024-01-01")).astype(int) / 365.25
    return f * (1 - 0.04 * years)  # slow shift of routine business to the app


def call_day_factor(days: np.ndarray) -> np.ndarray:
    """Multiplier on the hotline's daily volume, shape (days,)."""
    k = special_days(days)
    wd = np.where(k["workday"] & (k["weekday"] >= 6), 1.0, CALL_WEEKDAY[k["weekday"] - 1])
    f = wd * CALL_MONTH[k["month"]]
    f *= np.select([k["dom"] <= 3, k["dom"] <= 6], [1.32, 1.14], 1.0)  # bills arrive
    f *= np.where(k["spring"], 0.64, 1.0) * np.where(k["national"], 0.84, 1.0)
    f *= np.where(k["minor"], 0.86, 1.0) * np.where(k["launch"], 1.04, 1.0)
    return f * np.where(k["double11"], 1.06, 1.0)


def hall_minutes(kind: str) -> tuple[int, np.ndarray]:
    """Opening minute and a per-minute CDF of ticket issue times for a weekday or weekend."""
    open_h, weights = HALL_HOURS[kind]
    hours = np.arange(len(weights)) + 0.5
    minutes = np.arange(len(weights) * 60) / 60
    w = np.interp(minutes, hours, weights)
    w[-10:] *= np.linspace(1, 0.1, 10)  # the machine stops issuing just before closing
    return open_h * 60, np.cumsum(w) / w.sum()


def call_intervals(kind: str) -> np.ndarray:
    """Share of a day's calls in each 30-minute interval."""
    h = np.array(CALL_HOURS[kind])
    w = np.interp(np.arange(48) / 2 + 0.25, np.arange(24) + 0.5, h, period=24)
    return w / w.sum()
