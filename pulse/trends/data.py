"""Trend series for any catalogue metric: per day, week, month or quarter, optionally split by
city, tier, segment or channel, with the previous period and last year laid over the same
axis. Computed without Streamlit, so tests and the benchmark use the same code as the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pulse import catalog, filters, histograms, measures, sql, targets, values, weeks
from pulse import keys as key_slots
from pulse.catalog import Metric
from pulse.store import Store

GRAINS = ("day", "week", "month", "quarter")
WINDOWS = ("period", "12m", "24m", "36m")  # how far back the chart reaches from the period's end
SPLITS = ("none", "city", "tier", "segment", "channel")
OVERLAYS = ("previous", "last_year")
_FREQ = {"day": "D", "week": weeks.FREQ, "month": "M", "quarter": "Q"}
BUCKET_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91}
MARKETS = ("mobile", "hall", "all")  # benchmark markets that compare with a mobile operator
NO_KEY = "_none"  # a split value that is missing (the tier of a hotline or web survey)
_TOTAL = "\x00total"  # the key of a metric's total line where lines are split (its key is None)
BUCKET = measures.BUCKET  # a point's time key, its days summed up to it in the SQL


@dataclass
class Trends:
    """Everything the Trends page draws for one choice of metrics, grain, split and window."""

    metrics: list[Metric]
    grain: str
    split: str
    start: dt.date
    end: dt.date
    lines: pd.DataFrame  # metric_id, key (None: all in scope), bucket, bucket_end, partial, ...
    overlays: dict[str, pd.DataFrame] = field(default_factory=dict)
    unsplit: dict[str, str] = field(default_factory=dict)  # metric -> why it cannot be split
    not_applied: dict[str, list[str]] = field(default_factory=dict)
    _lines_split: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The history drawn: its first and last day (what its charts' stamps name)."""
        return self.start, self.end

    @property
    def has_data(self) -> bool:
        """False when nothing in scope has data in the window."""
        return bool(len(self.lines) and (self.lines["n"].fillna(0) > 0).any())

    def line(self, metric_id: str, key=None) -> pd.DataFrame:
        """One line's points in time order (a frame of its own: the caller may change it)."""
        ordered, where = self._by_line()
        rows = where.get((metric_id, _TOTAL if key is None else key))
        if rows is None:
            return ordered.iloc[:0].copy()
        return ordered.take(rows).reset_index(drop=True)

    def _by_line(self) -> tuple[pd.DataFrame, dict]:
        """The points in time order and each line's rows among them, found once: a mask
        over all the lines for each of a company-wide page's 27 lines took a tenth of the
        Trends page's run."""
        if self._lines_split is None:
            ordered = self.lines.sort_values("bucket", kind="stable").reset_index(drop=True)
            missing = ordered["key"].isna().to_numpy()
            where: dict[tuple, list[int]] = {}  # a loop: pandas' groupby took 1.5 ms for 1 line
            for row, (metric_id, key, total) in enumerate(
                zip(
                    ordered["metric_id"].to_numpy(dtype=object),
                    ordered["key"],
                    missing,
                    strict=True,
                )
            ):
                where.setdefault((metric_id, _TOTAL if total else key), []).append(row)
            self._lines_split = (ordered, where)
        return self._lines_split

    def keys(self, metric_id: str) -> list:
        """The split values of a metric's lines, largest n first (empty without a split)."""
        rows = self.lines[(self.lines["metric_id"] == metric_id) & self.lines["key"].notna()]
        order = rows.groupby("key")["n"].sum().sort_values(ascending=False)
        return list(order.index)


def window(period: filters.Period, choice: str) -> tuple[dt.date, dt.date]:
    """The dates a trend covers: the filter's period, or whole months back from its end."""
    if choice not in WINDOWS:
        raise ValueError(f"window must be one of {WINDOWS}, got {choice!r}")
    if choice == "period":
        return period.start, period.end
    months = int(choice[:-1])
    first = (pd.Timestamp(period.end).to_period("M") - (months - 1)).start_time.date()
    return first, period.end


def default_grain(start: dt.date, end: dt.date) -> str:
    """Days for up to three months, weeks for up to two years, months beyond."""
    days = (end - start).days + 1
    return "day" if days <= 92 else "week" if days <= 731 else "month"


def split_column(metric: Metric, split: str) -> str | None:
    """The rollup column that splits this metric, or None when it cannot be split so."""
    if split == "none":
        return None
    columns = catalog.rollup(metric.rollup).filters
    if split == "city":
        return "city_id"
    if split == "segment":
        return "segment"
    if metric.kind == "rate":  # subscribers are counted by city and segment only
        return None
    if split == "tier":
        return "tier" if "branch_id" in columns.values() else None
    if split == "channel":
        return columns.get("channel")
    raise ValueError(f"split must be one of {SPLITS}, got {split!r}")


def bucket_of(days: pd.Series, grain: str) -> pd.Series:
    """The first day of the day's week (Monday), month or quarter."""
    stamps = pd.to_datetime(days)
    if grain == "day":
        return stamps.dt.normalize()
    if grain == "week":
        return weeks.week_start(stamps)
    return stamps.dt.to_period(_FREQ[grain]).dt.start_time


def _last_days(first: np.ndarray, grain: str) -> np.ndarray:
    """The last day of the buckets that start on `first` (numpy days): a period's end_time
    in pandas took 1-2 ms a line."""
    if grain in ("month", "quarter"):
        months = 1 if grain == "month" else 3
        return (first.astype("datetime64[M]") + months).astype("datetime64[D]") - 1
    return first + (6 if grain == "week" else 0)


def overlay_shift(choice: str, start: dt.date, end: dt.date, which: str) -> pd.DateOffset:
    """How far back an overlay's data lies: a year, or the window's own length."""
    if which == "last_year":
        return pd.DateOffset(years=1)
    if choice == "period":
        return pd.DateOffset(days=(end - start).days + 1)
    return pd.DateOffset(months=int(choice[:-1]))


def build(
    store: Store,
    metric_ids: list[str],
    f: filters.Filter,
    period: filters.Period,
    *,
    grain: str,
    split: str = "none",
    window_choice: str = "24m",
    overlays: tuple[str, ...] = (),
) -> Trends:
    """The lines of each metric in the window (one per split value, plus the total)."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}, got {grain!r}")
    metrics = [catalog.metric(m) for m in metric_ids]
    start, end = window(period, window_choice)
    groups: dict[str | None, list[Metric]] = {}
    unsplit = {}
    for m in metrics:
        column = split_column(m, split)
        if split != "none" and column is None:
            unsplit[m.id] = split
        groups.setdefault(column, []).append(m)
    lines, extra, firsts = [], {w: [] for w in overlays}, []
    for column, members in groups.items():
        sets = [(BUCKET,)] + ([(BUCKET, column)] if column else [])
        shifts = {w: overlay_shift(window_choice, start, end, w) for w in overlays}
        ranges = [(start, end, None)] + [
            ((pd.Timestamp(start) - s).date(), (pd.Timestamp(end) - s).date(), w)
            for w, s in shifts.items()
        ]
        for (day_from, day_to, which), part in _by_range(store, members, ranges):
            span = filters.Period(day_from, day_to)
            shift = shifts.get(which)
            sums = [m for m in part if m.kind != "quantile"]
            time_key = _time_key(grain, shift)
            raw = measures.fetch(store, sums, f, span, sets, time_key=time_key) if sums else {}
            # the span's days where the chart puts them: an overlay's moved by its shift
            moved = shift if shift is not None else pd.Timedelta(0)
            shown = [pd.Timestamp(d) + moved for d in (day_from, day_to)]
            for g in sets if sums else ():
                buckets = raw[g]
                if which is None and (first := _first_day(buckets)) is not None:
                    firsts.append(first)
                frame = _evaluate(sums, buckets, g[1] if len(g) > 1 else None, grain, shown)
                (lines if which is None else extra[which]).append(frame)
            for m in part:
                if m.kind == "quantile":
                    frame = quantile_lines(store, m, f, span, column, grain, shift)
                    (lines if which is None else extra[which]).append(frame)
    covered_from = max(start, min(firsts)) if firsts else start
    return Trends(
        metrics=metrics,
        grain=grain,
        split=split,
        start=start,
        end=end,
        lines=_mark_partial(_concat(lines), grain, covered_from, end),
        overlays={
            w: _mark_partial(_concat(frames), grain, covered_from, end)
            for w, frames in extra.items()
        },
        unsplit=unsplit,
        not_applied={m.id: measures.not_applied(m, f) for m in metrics},
    )


_COLUMNS = ["metric_id", "key", "bucket", "value", "low", "high", "n", "enough_n", "x", "size"]


def _time_key(grain: str, shift: pd.DateOffset | None) -> str:
    """The SQL that puts a day (shifted by an overlay's offset) in its bucket."""
    day = "day" if shift is None else f"(day + {_interval(shift)})"
    return histograms.TIME_KEYS[grain].replace("day", day)


def _first_day(buckets: pd.DataFrame) -> dt.date | None:
    """The first day with data among a fetch's buckets (any of its rollups); None when no
    rollup had a row (a scope the data cannot state withholds them all)."""
    columns = [c for c in buckets.columns if c.endswith("__first_day")]
    firsts = [pd.Timestamp(day) for c in columns if pd.notna(day := buckets[c].min())]
    return min(firsts).date() if firsts else None


def _evaluate(members: list[Metric], grouped: pd.DataFrame, column, grain, window) -> pd.DataFrame:
    """Values per (bucket, split value) from measures summed to the buckets in SQL, with each
    point's control-chart inputs: x (successes or events) and size (trials, exposure or the
    bucket's days in the window)."""
    grouped = grouped[grouped["period"] == "cur"]
    if grouped.empty:
        return pd.DataFrame(columns=_COLUMNS)
    keys = ["bucket", *([column] if column else [])]
    grouped = grouped.assign(bucket=pd.to_datetime(grouped["bucket"]))
    grouped["days_in_window"] = _days_in(grouped["bucket"], grain, window)
    frame = values.evaluate(members, grouped, tuple(keys), filters.Period(dt.date.min, dt.date.min))
    # evaluate puts each metric's rows in key order (pulse.keys): the inputs go to the same
    # slots, one numpy assignment each, not a merge on the keys
    slot, _ = key_slots.slots({k: grouped[k] for k in keys})
    by_id = {m.id: m for m in members}
    inputs = {"x": [], "size": []}
    for metric_id in pd.unique(frame["metric_id"]):
        for name, found in zip(inputs, _control_inputs(by_id[metric_id], grouped), strict=True):
            placed = np.empty(len(grouped))
            placed[slot] = found
            inputs[name].append(placed)
    frame["x"], frame["size"] = (np.concatenate(inputs[name]) for name in ("x", "size"))
    frame["key"] = (
        frame[column].astype(object).where(frame[column].notna(), NO_KEY) if column else None
    )
    return frame[_COLUMNS]


def quantile_lines(store, m: Metric, f, span, column, grain, shift) -> pd.DataFrame:
    """A quantile metric's lines, bucketed in SQL (a daily histogram per city is too many
    dictionaries to add up in pandas): the total's, and one per value of `column` when
    given; each day moved by `shift` (an overlay's) when given. The board report's trend
    reads the total's too."""
    keys = [("bucket", _time_key(grain, shift)), *([(column, column)] if column else [])]
    sets = [("bucket",), *([("bucket", column)] if column else [])]
    found = histograms.fetch(store, m, f, span, keys, sets)
    frames = []
    for g, part in found.items():
        part = part[part["period"] == "cur"]
        frames.append(
            pd.DataFrame(
                {
                    "metric_id": m.id,
                    "key": part[g[1]].astype(object).where(part[g[1]].notna(), NO_KEY)
                    if len(g) > 1
                    else None,
                    "bucket": pd.to_datetime(part["bucket"]),
                    "value": part["value"],
                    "low": part["low"],
                    "high": part["high"],
                    "n": part["n"],
                    "enough_n": part["n"] >= max(m.min_n, 1),
                    "x": np.nan,
                    "size": np.nan,
                }
            )
        )
    return _concat(frames)


def _interval(shift: pd.DateOffset) -> str:
    """A DuckDB interval literal for an overlay's shift (built from our own constants)."""
    kwds = shift.kwds
    unit, amount = next((u, kwds[u]) for u in ("years", "months", "days") if u in kwds)
    return f"interval {int(amount)} {unit[:-1]}"


def data_days(store: Store, rollup: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a rollup holds."""
    row = store.cached_df(sql.render("trends/data_days", rollup=rollup)).iloc[0]
    if pd.isna(row["first_day"]):
        return None, None
    return pd.Timestamp(row["first_day"]).date(), pd.Timestamp(row["last_day"]).date()


def _by_range(store, members: list[Metric], ranges) -> list[tuple[tuple, list[Metric]]]:
    """The members fetched together for each range (day_from, day_to, overlay): those whose
    rollups hold data over the same days. A metric whose rollup covers other days (queue
    snapshots from a few days, say) is fetched on its own, so it neither empties nor narrows
    the others' lines; a range a rollup holds no data for is left out."""
    found: dict[tuple, list[Metric]] = {}
    for day_from, day_to, which in ranges:
        for m in members:
            first, last = _clip(store, [m], day_from, day_to)
            if first <= last:
                found.setdefault((first, last, which), []).append(m)
    return list(found.items())


def _clip(store, members, day_from, day_to):
    """Narrow a range to the days every member's rollup holds data (measures.fetch cannot
    join a rollup with rows to one without)."""
    for rollup in {m.rollup for m in members}:
        first, last = data_days(store, rollup)
        if first is None:
            return day_to, day_from - dt.timedelta(days=1)
        day_from, day_to = max(day_from, first), min(day_to, last)
    return day_from, day_to


def _days_in(buckets: pd.Series, grain: str, window: list[pd.Timestamp]) -> np.ndarray:
    """The days of each bucket inside the days fetched: a count's exposure, days without a
    case included (a hall has no complaint on most days, and no rows for them)."""
    first = buckets.to_numpy().astype("datetime64[D]")
    last = _last_days(first, grain)
    lo, hi = (np.datetime64(pd.Timestamp(d).date(), "D") for d in window)
    return ((np.minimum(last, hi) - np.maximum(first, lo)).astype(int) + 1).astype(float)


def _control_inputs(m: Metric, grouped: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    def col(name):
        if name not in grouped:
            return np.full(len(grouped), np.nan)
        return grouped[name].to_numpy(dtype=float, na_value=np.nan)

    if m.kind == "share":
        return col(f"{m.id}__numerator"), col(f"{m.id}__denominator")
    if m.kind == "rate":
        exposure = col("subscriber_days") / m.exposure_days / 1e6
        return np.nan_to_num(col(f"{m.id}__numerator")), exposure
    if m.kind == "count":
        return col(f"{m.id}__numerator"), col("days_in_window")
    return np.full(len(grouped), np.nan), np.full(len(grouped), np.nan)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*_COLUMNS, "bucket_end", "partial"])
    out = pd.concat(frames, ignore_index=True)
    out["key"] = out["key"].astype(object).where(out["key"].notna(), None)
    return out


def _mark_partial(frame: pd.DataFrame, grain: str, first: dt.date, last: dt.date):
    """Flag buckets only partly inside the window (a count there is not comparable)."""
    if frame.empty:
        return frame.assign(bucket_end=pd.Series(dtype="datetime64[ns]"), partial=False)
    bucket = pd.to_datetime(frame["bucket"])
    start = bucket.to_numpy().astype("datetime64[D]")  # numpy days: a column at a time
    end = _last_days(start, grain)
    partial = (start < np.datetime64(first, "D")) | (end > np.datetime64(last, "D"))
    return frame.assign(bucket=bucket, bucket_end=end.astype(bucket.dtype), partial=partial)


def target_steps(
    store: Store, metric: Metric, start: dt.date, end: dt.date, scope: dict
) -> pd.DataFrame:
    """The target that applies to the scope in each year of the window (year, value, level,
    source); scope holds hall, tier and city when a single one is chosen."""
    rows = []
    for year in range(start.year, end.year + 1):
        found = targets.pick(targets.for_year(store, year), metric.id, **scope)
        if found:
            first = max(pd.Timestamp(year, 1, 1), pd.Timestamp(start))
            stop = min(pd.Timestamp(year, 12, 31), pd.Timestamp(end))
            rows.append((first, stop, found.value, found.level, found.source))
    return pd.DataFrame(rows, columns=["starts_on", "ends_on", "value", "level", "source"])


def industry(store: Store, metric_id: str, markets: tuple[str, ...] = MARKETS) -> pd.DataFrame:
    """Published industry figures for a metric (subject, market, period, value, source, year)."""
    rows = store.cached_df(sql.text("benchmarks/industry"), {"metric_id": metric_id})
    return rows[rows["market"].isin(markets)].reset_index(drop=True)
