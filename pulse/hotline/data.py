"""Everything the Hotline page shows, computed from the rollups without Streamlit: headline
numbers per queue, the intraday profile, the staffing gap and the what-if defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pulse import catalog, events, filters, kpis, measures, targets, values
from pulse.dimensions import Dimensions

# the half-hour measures and the staffing gap live in the core, which the Overview shares
from pulse.staffing import (  # noqa: F401 (calls and staffing_gap are this page's data too)
    COUNTS,
    INTERVAL_METRICS,
    LEVEL,
    calls,
    service_level,
    staffing_gap,
)
from pulse.store import Store
from pulse.ui import format as fmt

TILE_METRICS = (
    "hotline_offered",
    "hotline_answer_rate",
    "hotline_service_level",
    "hotline_abandon_rate",
    "hotline_abandon_queued_rate",
    "hotline_asa",
    "hotline_aht",
    "hotline_fcr",
    "hotline_ivr_share",
)
DAY_QUEUE = ("day", "queue_id")
MAX_TIMELINE_DAYS = 31  # every half hour of longer periods is more than a chart can show
SLOTS = 48


@dataclass
class HotlineView:
    """The Hotline page's headline content for one filter and queue (None: every queue)."""

    period: filters.Period
    queue: str | None
    tiles: pd.DataFrame  # one row per headline metric, with target and status
    by_queue: pd.DataFrame  # values per (queue, metric)
    daily: pd.DataFrame  # raw measures per day of the chosen queue(s), both periods
    events: pd.DataFrame
    # every headline metric per day of the current period (see trends), worked out once
    trends: dict[str, pd.DataFrame] = field(default_factory=dict)
    not_applied: dict[str, list[str]] = field(default_factory=dict)
    withheld: bool = False  # the user's scope reaches no call (a hall's: calls have no hall)

    @property
    def has_data(self) -> bool:
        """False when no call in scope reached the hotline in the period."""
        offered = self.tiles.loc[self.tiles["metric_id"] == "hotline_offered", "n"]
        return bool(offered.fillna(0).sum() > 0)

    @property
    def days_with_calls(self) -> int:
        """Days of the current period with calls in scope."""
        column = "hotline_offered__numerator"
        if column not in self.daily:
            return 0
        current = self.daily[(self.daily["period"] == "cur") & (self.daily[column] > 0)]
        return int(current["day"].nunique())


def build(
    store: Store, f: filters.Filter, dims: Dimensions, as_of: dt.date, queue: str | None = None
) -> HotlineView:
    """Compute the Hotline page's headline for filter `f`, narrowed to `queue` if given:
    remembered per filter (with the reader's scope) and queue until the data changes, the
    annotations (kept beside the store) read again on every run."""
    key = ("hotline.build", f, as_of, queue)
    return events.remembered_view(store, key, lambda: _build(store, f, dims, as_of, queue), f)


def _build(
    store: Store, f: filters.Filter, dims: Dimensions, as_of: dt.date, queue: str | None
) -> HotlineView:
    period = filters.resolve(f, as_of)
    q = filters.effective(f, dims.options())
    metrics = [catalog.metric(m) for m in TILE_METRICS]
    raw = measures.fetch(store, metrics, q, period, [DAY_QUEUE])[DAY_QUEUE]
    by_queue = values.evaluate(metrics, measures.regroup(raw, ["queue_id"]), ("queue_id",), period)
    chosen = raw if queue is None else raw[raw["queue_id"] == queue]
    daily = measures.regroup(chosen.drop(columns="queue_id"), ["day"])
    total = values.evaluate(metrics, measures.regroup(daily.drop(columns="day"), []), (), period)
    year_targets = targets.for_year(store, period.end.year)
    return HotlineView(
        period=period,
        queue=queue,
        tiles=kpis.with_targets(kpis.ordered(total, TILE_METRICS), year_targets, f),
        by_queue=by_queue,
        daily=daily,
        events=events.NONE,
        trends=trends(daily, TILE_METRICS, period),
        not_applied={m.id: measures.not_applied(m, q) for m in metrics},
        withheld=measures.withheld(metrics[0], f),
    )


def trends(
    daily: pd.DataFrame, metric_ids: tuple[str, ...], period: filters.Period
) -> dict[str, pd.DataFrame]:
    """Each metric per day of the current period (day, value, interval, n), evaluated at once."""
    metrics = [catalog.metric(m) for m in metric_ids]
    current = daily[daily["period"] == "cur"]
    frame = values.evaluate(metrics, current, ("day",), period)
    columns = ["day", "value", "low", "high", "n", "enough_n"]
    return {
        m: frame.loc[frame["metric_id"] == m, columns].sort_values("day").reset_index(drop=True)
        for m in metric_ids
    }


def trend(daily: pd.DataFrame, metric_id: str, period: filters.Period) -> pd.DataFrame:
    """One metric per day of the current period: day, value, interval, n."""
    return trends(daily, (metric_id,), period)[metric_id]


def staffing_not_filtered(f: filters.Filter, dims: Dimensions) -> list[str]:
    """The filter fields that the queue-level staffing figures do not follow."""
    q = filters.effective(f, dims.options())
    fields = [("province", q.provinces), ("city", q.cities), ("hall", q.halls)]
    fields += [("segment", q.segments)]
    return [name for name, chosen in fields if chosen]


def profile(
    scoped_calls: pd.DataFrame,
    gap: pd.DataFrame,
    queue: str | None,
    *,
    by_day: bool,
    days: int,
) -> pd.DataFrame:
    """The intraday profile of the chosen queue(s): per half hour of the average day (by_day
    False; `days` is the number of days averaged) or per half hour of each day: calls offered
    and asking for an agent, the service level and its n, agents on duty and agents needed."""
    keys = ["day", "slot"] if by_day else ["slot"]
    measured = [c for c in scoped_calls.columns if c.startswith(f"{LEVEL}__")]
    mine = _queue_rows(scoped_calls, queue)[["period", *keys, *COUNTS, *measured]]
    sums = measures.regroup(mine, keys)
    sums = pd.concat([sums.drop(columns="period"), service_level(sums)], axis=1)
    staff = (
        _queue_rows(gap, queue)
        .groupby(["day", "slot"], as_index=False)[["agents_on_duty", "agents_needed"]]
        .sum(min_count=1)
    )
    if not by_day:
        staff = staff.groupby("slot", as_index=False)[["agents_on_duty", "agents_needed"]].mean()
    frame = pd.DataFrame({"slot": range(SLOTS)}) if not by_day else sums[keys].drop_duplicates()
    frame = frame.merge(sums, on=keys, how="left").merge(staff, on=keys, how="outer")
    counts = [*COUNTS, "sl_n"]
    frame[counts] = frame[counts].fillna(0)
    if not by_day:
        scale = max(days, 1)
        frame["offered_per_day"] = frame["n_offered"] / scale
        frame["queued_per_day"] = frame["n_queued"] / scale
    else:
        frame["start"] = pd.to_datetime(frame["day"]) + pd.to_timedelta(frame["slot"] * 30, "min")
    return frame.sort_values(keys).reset_index(drop=True)


def _queue_rows(frame: pd.DataFrame, queue: str | None) -> pd.DataFrame:
    return frame if queue is None else frame[frame["queue_id"] == queue]


def whatif_defaults(gap: pd.DataFrame, queue: str | None) -> dict:
    """Starting values for the calculator: the chosen queue (else the busiest) at its busiest
    half hour of the average day, with its AHT over the period."""
    if gap.empty or gap["n_queued"].sum() == 0:
        return {"queue_id": queue, "calls": 0, "aht_s": 300.0, "slot": None}
    if queue is None:
        queue = str(gap.groupby("queue_id")["n_queued"].sum().idxmax())
    mine = gap[gap["queue_id"] == queue]
    days = max(mine["day"].nunique(), 1)
    per_slot = mine.groupby("slot")["n_queued"].sum() / days
    answered = mine["n_answered"].sum()
    aht = float(mine["handle_s_sum"].sum() / answered) if answered else 300.0
    return {
        "queue_id": queue,
        "calls": round(float(per_slot.max())) if len(per_slot) else 0,
        "aht_s": round(aht),
        "slot": int(per_slot.idxmax()) if len(per_slot) else None,
    }


def slot_label(slot: int) -> str:
    """'09:30' for slot 19."""
    return fmt.clock(slot // 2, 30 * (slot % 2))
