"""Persistently below target: the cities and halls whose headline metric missed its target in
each of the last k whole months (or weeks), so a chronic problem is as visible as a new one.
"What changed" lists only significant changes, and a unit that has been red for a year has not
changed. k and the grain are settings (pulse/settings.toml, [overview])."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pulse import catalog, dimensions, filters, measures, settings, targets, values, weeks
from pulse.store import Store

CITY, HALL = ("bucket", "city_id"), ("bucket", "city_id", "branch_id")
MISSED = (targets.AMBER, targets.RED)
COLUMNS = [
    "level",
    "unit",
    "city_id",
    "metric_id",
    "buckets",
    "values",
    "statuses",
    "value",
    "target",
    "n",
    "shortfall",
]


@dataclass(frozen=True)
class Window:
    """The whole months or weeks looked at, oldest first."""

    grain: str  # "month" or "week"
    spans: tuple[tuple[dt.date, dt.date], ...]

    @property
    def start(self) -> dt.date:
        """The first day of the oldest span."""
        return self.spans[0][0]

    @property
    def end(self) -> dt.date:
        """The last day of the newest span."""
        return self.spans[-1][1]


def window(end: dt.date, months: int | None = None, weeks_k: int | None = None) -> Window:
    """The last k whole months (or weeks, Monday to Sunday) that end on or before `end`,
    k from the settings unless given."""
    weeks_k = settings.get("persistent_weeks") if weeks_k is None else weeks_k
    if weeks_k:
        last = end - dt.timedelta(days=(end.weekday() + 1) % 7)  # the Sunday on or before
        spans = [
            (last - dt.timedelta(weeks=i, days=6), last - dt.timedelta(weeks=i))
            for i in range(int(weeks_k))
        ]
        return Window("week", tuple(reversed(spans)))
    months = settings.get("persistent_months") if months is None else months
    next_day = end + dt.timedelta(days=1)
    last = end if next_day.day == 1 else end.replace(day=1) - dt.timedelta(days=1)
    spans = []
    for _ in range(int(months)):
        first = last.replace(day=1)
        spans.append((first, last))
        last = first - dt.timedelta(days=1)
    return Window("month", tuple(reversed(spans)))


def below(store: Store, f: filters.Filter, win: Window) -> pd.DataFrame:
    """Every (city or hall, headline metric) in scope below its target in each span of the
    window with enough n in each: the values per span, the value and n over the whole window,
    its target and how far below it, cities first, the furthest below first. Remembered per
    filter and window until the data changes: a change of period that ends on the same day
    (last 7 to last 90 days) judges the same months again."""
    # the key: the filter without its period and comparison (the window stands for them)
    key = ("persistent.below", f.with_(period="", start=None, end=None, compare=""), win)
    return store.remembered(key, lambda: _below(store, f, win))


def _below(store: Store, f: filters.Filter, win: Window) -> pd.DataFrame:
    heads = catalog.headline()
    period = filters.Period(win.start, win.end)
    raw = measures.fetch(
        store,
        heads,
        f,
        period,
        [("day", "city_id"), ("day", *HALL[1:])],
        months_ok=win.grain == "month",
    )
    dims = dimensions.load(store)
    tiers = dict(zip(dims.halls["branch_id"], dims.halls["tier"], strict=True))
    frames = []
    for level, keys in (("city", CITY), ("hall", HALL)):
        found = raw[("day", *keys[1:])]
        if level == "hall":
            found = found[found["branch_id"].notna()]
        if found.empty:
            continue
        found = found.assign(bucket=_bucket(found["day"], win)).drop(columns="day")
        per_span = values.evaluate(heads, measures.regroup(found, list(keys)), keys, period)
        whole = values.evaluate(
            heads, measures.regroup(found.drop(columns="bucket"), list(keys[1:])), keys[1:], period
        )
        frames.append(_missed(level, per_span, whole, win, store, tiers))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    if out.empty:
        return pd.DataFrame(columns=COLUMNS)
    out["level_order"] = out["level"].map({"city": 0, "hall": 1})
    out = out.sort_values(["level_order", "shortfall", "unit"], ascending=[True, False, True])
    return out[COLUMNS].reset_index(drop=True)


def _bucket(days: pd.Series, win: Window) -> pd.Series:
    days = pd.to_datetime(days)
    if win.grain == "week":
        return weeks.week_start(days)
    return days.dt.to_period("M").dt.start_time


def _missed(level, per_span, whole, win: Window, store, tiers) -> pd.DataFrame:
    """The (unit, metric) pairs below target in every span, one row each."""
    unit_col = "city_id" if level == "city" else "branch_id"
    starts = [pd.Timestamp(a) for a, _ in win.spans]
    by_year = {y: targets.for_year(store, y) for y in {b.year for b in starts}}
    judged = per_span[per_span["bucket"].isin(starts)]
    if judged.empty:
        return pd.DataFrame(columns=COLUMNS)
    # each row's target and status, read from the columns' arrays: a company-wide list judges
    # 36,000 (hall, metric, span) rows at province scale, and making each a dict first
    # (to_dict("records")) and its lists by a groupby of lambdas took 1.9 s where this takes 0.6
    metrics = {m: catalog.metric(m) for m in judged["metric_id"].unique()}
    found, statuses = [], []
    for unit, city, metric_id, year, value, enough in zip(
        judged[unit_col].to_numpy(dtype=object),
        judged["city_id"].to_numpy(dtype=object),
        judged["metric_id"].to_numpy(dtype=object),
        judged["bucket"].dt.year.to_numpy(),
        judged["value"].to_numpy(dtype=float, na_value=np.nan),
        judged["enough_n"].fillna(False).to_numpy(dtype=bool),
        strict=True,
    ):
        where = {"city": city}
        if level == "hall":
            where.update(hall=unit, tier=tiers.get(unit))
        target = targets.pick(by_year[year], metric_id, **where)
        found.append(target.value if target else np.nan)
        statuses.append(targets.status(metrics[metric_id], value if enough else None, target))
    judged = judged.assign(target=found, status=statuses)
    keys, k = [unit_col, "metric_id"], len(starts)
    judged = judged.assign(is_missed=judged["status"].isin(MISSED))
    # the pairs that missed in every span (one row per span): a mask, not a lookup on an
    # index of the keys, which took a tenth of the Overview's run
    grouped = judged.groupby(keys, sort=False)["is_missed"]
    every = (grouped.transform("sum") == k) & (grouped.transform("size") == k)
    chronic = judged[every.to_numpy()]
    if chronic.empty:
        return pd.DataFrame(columns=COLUMNS)
    # each pair's k spans together, the oldest first: its lists are a row of a (pairs, k) array
    chronic = chronic.sort_values([*keys, "bucket"], kind="stable")
    first = chronic.iloc[::k]
    out = pd.DataFrame(
        {
            "unit": first[unit_col].to_numpy(dtype=object),
            "metric_id": first["metric_id"].to_numpy(dtype=object),
            "city_id": first["city_id"].to_numpy(dtype=object),
            "buckets": chronic["bucket"].dt.date.to_numpy(dtype=object).reshape(-1, k).tolist(),
            "values": chronic["value"].to_numpy(dtype=float).reshape(-1, k).tolist(),
            "statuses": chronic["status"].to_numpy(dtype=object).reshape(-1, k).tolist(),
            "target": chronic["target"].to_numpy(dtype=float).reshape(-1, k)[:, -1],  # newest
        }
    )
    overall = whole.set_index(keys)[["value", "n"]]
    out = out.join(overall, on=["unit", "metric_id"])
    # relative to the target, so a share and a wait in seconds sort together
    with np.errstate(divide="ignore", invalid="ignore"):
        out["shortfall"] = (out["value"] - out["target"]).abs() / out["target"].abs()
    return out.assign(level=level)[COLUMNS]
