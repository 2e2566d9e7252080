"""Counter planning: the arrivals and service time it plans with, worked out by hand, and the
counters it asks for against an independent Erlang C written here with scipy's Poisson law."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from pulse.queues import planning


def _p_over_scipy(rate_per_hour: float, service_s: float, servers: int, wait_s: float) -> float:
    """P(wait > wait_s) in M/M/s: C(s, a) exp(-(s - a) wait_s / service_s), with Erlang B from
    scipy's Poisson law (B = pmf(s) / cdf(s)) and C = s B / (s - a (1 - B))."""
    a = rate_per_hour * service_s / 3600
    if servers <= a:
        return 1.0
    b = sps.poisson.pmf(servers, a) / sps.poisson.cdf(servers, a)
    c = servers * b / (servers - a * (1 - b))
    return float(c * np.exp(-(servers - a) * wait_s / service_s))


def _needed_scipy(rate_per_hour, service_s, max_p_over, wait_s=600) -> int:
    s = int(rate_per_hour * service_s / 3600) + 1
    while _p_over_scipy(rate_per_hour, service_s, s, wait_s) > max_p_over:
        s += 1
    return s


def hours_frame() -> pd.DataFrame:
    """Two workdays and a Saturday of a hand-made hall: day 1 has 20 tickets at 10:00 and 10
    at 11:00, day 2 has 40 at 10:00 and none at 11:00, the Saturday 35 at 10:00; 600 s of
    service per served ticket."""
    rows = [
        (dt.date(2026, 10, 29), 10, True, 20, 20, 18, 20),
        (dt.date(2026, 10, 29), 11, True, 10, 10, 10, 10),
        (dt.date(2026, 10, 30), 10, True, 40, 38, 20, 36),
        (dt.date(2026, 10, 31), 10, False, 35, 35, 30, 35),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "day",
            "hour",
            "is_workday",
            "n_tickets",
            "n_called",
            "n_within_10min",
            "n_service",
        ],
    )
    frame["service_s_sum"] = frame["n_service"] * 600.0
    return frame


def test_average_workday():
    result = planning.plan(hours_frame(), counters=6, day_type="workday", max_p_over=0.2)
    assert (result.days, result.service_s, result.n_service) == (2, 600.0, 66)
    got = result.hours.set_index("hour")
    # 10:00: (20 + 40) / 2; 11:00: (10 + 0) / 2, the day without tickets counting as zero
    assert got["arrivals_per_hour"].to_dict() == {10: 30.0, 11: 5.0}
    assert got["traffic_erlangs"].to_dict() == pytest.approx({10: 5.0, 11: 5 / 6})
    assert got.loc[10, "counters_needed"] == _needed_scipy(30, 600, 0.2)
    assert got.loc[11, "counters_needed"] == _needed_scipy(5, 600, 0.2)
    assert got.loc[10, "p_over_now"] == pytest.approx(_p_over_scipy(30, 600, 6, 600))
    assert got.loc[10, "utilisation_now"] == pytest.approx(5 / 6)
    # observed: 38 of 58 called at 10:00 within 10 minutes
    assert got.loc[10, "p_over_observed"] == pytest.approx(20 / 58)


def test_busy_day_plans_for_the_90th_percentile():
    result = planning.plan(hours_frame(), counters=6, basis="busy", max_p_over=0.2)
    got = result.hours.set_index("hour")
    assert got["arrivals_per_hour"].to_dict() == pytest.approx({10: 38.0, 11: 9.0})
    assert got.loc[10, "counters_needed"] == _needed_scipy(38, 600, 0.2)


def test_weekend_days_are_planned_on_their_own():
    result = planning.plan(hours_frame(), counters=2, day_type="weekend", max_p_over=0.1)
    assert (result.days, result.n_service) == (1, 35)
    assert result.hours["arrivals_per_hour"].tolist() == [35.0]
    assert result.hours["counters_needed"].tolist() == [_needed_scipy(35, 600, 0.1)]


def test_too_few_served_tickets_give_no_plan():
    frame = hours_frame()
    frame.loc[frame["is_workday"] == False, "n_service"] = 29  # noqa: E712
    result = planning.plan(frame, counters=2, day_type="weekend")
    assert result.is_empty and result.n_service == 29


def test_a_stricter_level_needs_more_counters():
    loose = planning.plan(hours_frame(), counters=6, max_p_over=0.3).hours
    strict = planning.plan(hours_frame(), counters=6, max_p_over=0.01).hours
    assert (strict["counters_needed"] >= loose["counters_needed"]).all()
    assert (strict["counters_needed"] > loose["counters_needed"]).any()


def test_short_and_busiest_hours():
    result = planning.plan(hours_frame(), counters=3, max_p_over=0.2)
    assert planning.busiest_hour(result) == 10
    assert planning.short_hours(result).tolist() == [10]


def test_too_few_counters_is_an_unstable_queue():
    result = planning.plan(hours_frame(), counters=4, max_p_over=0.2)  # 5 Erlangs at 10:00
    row = result.hours.set_index("hour").loc[10]
    assert not row["is_stable_now"] and row["p_over_now"] == 1.0


def test_no_days_of_the_type_is_empty():
    frame = hours_frame()
    result = planning.plan(frame[frame["is_workday"]], counters=3, day_type="weekend")
    assert result.is_empty and planning.busiest_hour(result) is None


@pytest.mark.parametrize(
    "kwargs", [{"day_type": "holiday"}, {"basis": "peak"}, {"max_p_over": 0}, {"max_p_over": 1}]
)
def test_bad_choices_are_refused(kwargs):
    with pytest.raises(ValueError):
        planning.plan(hours_frame(), counters=3, **kwargs)


def test_hall_hours_query(handmade):
    got = planning.hall_hours(handmade, "GZ-001", dt.date(2026, 10, 30), dt.date(2026, 10, 31))
    columns = ["hour", "is_workday", "n_tickets", "n_called", "n_within_10min", "n_service"]
    assert got[columns].values.tolist() == [[9, True, 2, 2, 1, 2], [10, True, 2, 1, 1, 1]]
    assert got["service_s_sum"].tolist() == [900.0, 600.0]
