"""The calendar dimension: Chinese public holidays and make-up workdays (调休), 2022-2026."""

from datetime import date, timedelta

import numpy as np

# (en, zh, first day, last day) as published by the State Council General Office each year
HOLIDAYS = [
    ("New Year", "元旦", "2022-01-01", "2022-01-03"),
    ("Spring Festival", "春节", "2022-01-31", "2022-02-06"),
    ("Qingming Festival", "清明节", "2022-04-03", "2022-04-05"),
    ("Labour Day", "劳动节", "2022-04-30", "2022-05-04"),
    ("Dragon Boat Festival", "端午节", "2022-06-03", "2022-06-05"),
    ("Mid-Autumn Festival", "中秋节", "2022-09-10", "2022-09-12"),
    ("National Day", "国庆节", "2022-10-01", "2022-10-07"),
    ("New Year", "元旦", "2022-12-31", "2023-01-02"),
    ("Spring Festival", "春节", "2023-01-21", "2023-01-27"),
    ("Qingming Festival", "清明节", "2023-04-05", "2023-04-05"),
    ("Labour Day", "劳动节", "2023-04-29", "2023-05-03"),
    ("Dragon Boat Festival", "端午节", "2023-06-22", "2023-06-24"),
    ("Mid-Autumn Festival", "中秋节", "2023-09-29", "2023-09-30"),
    ("National Day", "国庆节", "2023-10-01", "2023-10-06"),
    ("New Year", "元旦", "2023-12-30", "2024-01-01"),
    ("Spring Festival", "春节", "2024-02-10", "2024-02-17"),
    ("Qingming Festival", "清明节", "2024-04-04", "2024-04-06"),
    ("Labour Day", "劳动节", "2024-05-01", "2024-05-05"),
    ("Dragon Boat Festival", "端午节", "2024-06-08", "2024-06-10"),
    ("Mid-Autumn Festival", "中秋节", "2024-09-15", "2024-09-17"),
    ("National Day", "国庆节", "2024-10-01", "2024-10-07"),
    ("New Year", "元旦", "2025-01-01", "2025-01-01"),
    ("Spring Festival", "春节", "2025-01-28", "2025-02-04"),
    ("Qingming Festival", "清明节", "2025-04-04", "2025-04-06"),
    ("Labour Day", "劳动节", "2025-05-01", "2025-05-05"),
    ("Dragon Boat Festival", "端午节", "2025-05-31", "2025-06-02"),
    # Mid-Autumn (6 October) falls inside the National Day week in 2025
    ("National Day", "国庆节", "2025-10-01", "2025-10-08"),
    ("New Year", "元旦", "2026-01-01", "2026-01-03"),
    ("Spring Festival", "春节", "2026-02-15", "2026-02-23"),
    ("Qingming Festival", "清明节", "2026-04-04", "2026-04-06"),
    ("Labour Day", "劳动节", "2026-05-01", "2026-05-05"),
    ("Dragon Boat Festival", "端午节", "2026-06-19", "2026-06-21"),
    ("Mid-Autumn Festival", "中秋节", "2026-09-25", "2026-09-27"),
    ("National Day", "国庆节", "2026-10-01", "2026-10-07"),
]

# weekend days that are official working days, to make up for bridged holidays
MAKEUP_WORKDAYS = np.array(
    """
2022-01-29 2022-01-30 2022-04-02 2022-04-24 2022-05-07 2022-10-08 2022-10-09
2023-01-28 2023-01-29 2023-04-23 2023-05-06 2023-06-25 2023-10-07 2023-10-08
2024-02-04 2024-02-18 2024-04-07 2024-04-28 2024-05-11 2024-09-14 2024-09-29 2024-10-12
2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11
2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10
""".split(),  # noqa: SIM905
    dtype="datetime64[D]",
)


def holiday_spans(en: str) -> list[tuple[date, date]]:
    """First and last day of every holiday with this English name."""
    return [(date.fromisoformat(a), date.fromisoformat(b)) for n, _, a, b in HOLIDAYS if n == en]


def holiday_names(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """English and Chinese holiday name per day ('' when none)."""
    en = np.full(len(days), "", dtype=object)
    zh = np.full(len(days), "", dtype=object)
    for name_en, name_zh, a, b in HOLIDAYS:
        hit = (days >= np.datetime64(a)) & (days <= np.datetime64(b))
        en[hit], zh[hit] = name_en, name_zh
    return en, zh


def day_kinds(days: np.ndarray) -> dict[str, np.ndarray]:
    """Weekday (1=Mon), workday flag and holiday name for an array of datetime64[D] days."""
    weekday = ((days.astype("int64") + 3) % 7) + 1  # 1970-01-01 was a Thursday
    en, zh = holiday_names(days)
    makeup = np.isin(days, MAKEUP_WORKDAYS)
    workday = ((weekday <= 5) | makeup) & (en == "")
    return {"weekday": weekday, "workday": workday, "holiday_en": en, "holiday_zh": zh}


def calendar_rows(first: date, last: date) -> list[dict]:
    """One row per day, first to last inclusive."""
    days = np.arange(np.datetime64(first), np.datetime64(last) + 1, dtype="datetime64[D]")
    k = day_kinds(days)
    rows = []
    for i, d in enumerate(days.tolist()):
        q_month = (d.month - 1) // 3 * 3 + 1
        rows.append(
            {
                "day": d.isoformat(),
                "week_start": (d - timedelta(days=d.weekday())).isoformat(),
                "month_start": d.replace(day=1).isoformat(),
                "quarter_start": d.replace(month=q_month, day=1).isoformat(),
                "year": d.year,
                "weekday": int(k["weekday"][i]),
                "is_workday": bool(k["workday"][i]),
                "holiday_en": k["holiday_en"][i] or None,
                "holiday_zh": k["holiday_zh"][i] or None,
            }
        )
    return rows
