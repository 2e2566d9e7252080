"""The operational drivers the store knows behind a number off target: a hall's counters
against the counters the queue model says it needs in each hour (pulse.counters), and the
hotline's agents on duty against Erlang C's need in each half hour (pulse.staffing). Each
names the hours where the shortfall is, so the explanation can point at them."""

from __future__ import annotations

import pandas as pd

from pulse import counters, filters, queueing, settings, staffing
from pulse.catalog import Metric
from pulse.dimensions import Dimensions
from pulse.store import Store

HALLS_SHOWN = 3  # the halls that contribute most to a gap get their counters checked
DEFAULT_P_OVER = 0.2  # the risk of waiting past the promise planned for without a target
COUNTER_COLUMNS = [
    "branch_id",
    "day_type",
    "counters",
    "days",
    "short_hours",
    "most_needed",
    "open_at_peak",
    "p_over_observed",
    "n_called",
]
AGENT_COLUMNS = [
    "queue_id",
    "n_intervals",
    "n_understaffed",
    "understaffed_share",
    "agent_hours_short",
    "short_hours",
    "most_short",
]


def risk(metric: Metric, target: float | None) -> float:
    """The chance of waiting past the promise the counters are planned for: what the target
    of "called within 10 min" leaves over, else DEFAULT_P_OVER."""
    if metric.id == "queue_within_10min" and target and 0 < target < 1:
        return 1 - target
    return DEFAULT_P_OVER


def hall_counters(
    store: Store,
    halls: list[str],
    dims: Dimensions,
    period: filters.Period,
    max_p_over: float = DEFAULT_P_OVER,
) -> pd.DataFrame:
    """For each hall and day type (workday, weekend) with tickets: its counters, the hours of
    the average day in which the queue model needs more, the most it needs, and the chance
    of waiting past the promise with its counters in its worst short hour."""
    known = dims.halls.set_index("branch_id")["counters"]
    rows = []
    for hall in halls:
        if hall not in known.index:
            continue
        hours = counters.hall_hours(store, hall, period.start, period.end)
        for day_type in counters.DAY_TYPES:
            plan = counters.plan(hours, int(known[hall]), day_type=day_type, max_p_over=max_p_over)
            if plan.is_empty:
                continue
            hours_open = working(plan)
            short = hours_open[hours_open["counters_needed"] > hours_open["open"]]
            peak = short.loc[short["counters_needed"].idxmax()] if len(short) else None
            rows.append(
                {
                    "branch_id": hall,
                    "day_type": day_type,
                    "counters": plan.counters,
                    "days": plan.days,
                    "short_hours": sorted(int(h) for h in short["hour"]),
                    "most_needed": int(plan.hours["counters_needed"].max()),
                    "open_at_peak": int(peak["open"]) if peak is not None else None,
                    "p_over_observed": float(peak["p_over_observed"]) if peak is not None else None,
                    "n_called": int(plan.hours["n_called"].sum()),
                }
            )
    return pd.DataFrame(rows, columns=COUNTER_COLUMNS)


def working(plan: counters.Plan) -> pd.DataFrame:
    """The plan's hours with the counters that were open, as the waits observed tell it: the
    fewest counters with which the queue model (pulse.queueing, Erlang C) expects no more
    waits past the promise than were seen, at most the counters the hall has. The store
    knows the counters a hall has, not how many were staffed; a hall that waits as if it had
    five counters open had about five open."""
    promise_s = settings.get("promise_s")
    opened = []
    for row in plan.hours.to_dict("records"):
        seen, rate = row["p_over_observed"], row["arrivals_per_hour"]
        found = plan.counters
        if pd.notna(seen) and rate > 0:
            for open_now in range(1, plan.counters + 1):
                model = queueing.erlang_c(rate, plan.service_s, open_now, promise_s)
                if 1 - model.service_level <= seen:
                    found = open_now
                    break
        opened.append(found)
    return plan.hours.assign(open=opened)


def hotline_agents(store: Store, period: filters.Period) -> pd.DataFrame:
    """For each hotline queue: half hours with calls or staff, those with fewer agents on duty
    than Erlang C needs for the service level, the agent-hours short, and the hours of the
    average day in which the agents on duty fall short, the worst first."""
    gap = staffing.staffing_gap(store, period)
    if gap.empty:
        return pd.DataFrame(columns=AGENT_COLUMNS)
    summary = staffing.summary(gap).set_index("queue_id")
    average = gap.assign(hour=gap["slot"] // 2).groupby(["queue_id", "hour"])[
        ["agents_on_duty", "agents_needed"]
    ]
    # agents per half hour of the average day, summed to the hour: what a roster shows
    by_hour = average.sum(min_count=1) / gap["day"].nunique()
    by_hour["short"] = by_hour["agents_needed"] - by_hour["agents_on_duty"]
    rows = []
    for queue_id, part in by_hour.groupby(level="queue_id"):
        short = part[part["short"] > 0].droplevel("queue_id")
        worst = short["short"].idxmax() if len(short) else None
        rows.append(
            {
                "queue_id": queue_id,
                **summary.loc[queue_id].to_dict(),
                "short_hours": sorted(int(h) for h in short.index),
                "most_short": int(worst) if worst is not None else None,
            }
        )
    frame = pd.DataFrame(rows, columns=AGENT_COLUMNS)
    return frame.sort_values("agent_hours_short", ascending=False, ignore_index=True)


def hour_spans(hours: list[int]) -> list[tuple[int, int]]:
    """Consecutive hours as (first, last + 1) spans: [9, 10, 11, 15] -> [(9, 12), (15, 16)]."""
    spans: list[tuple[int, int]] = []
    for hour in sorted(hours):
        if spans and spans[-1][1] == hour:
            spans[-1] = (spans[-1][0], hour + 1)
        else:
            spans.append((hour, hour + 1))
    return spans
