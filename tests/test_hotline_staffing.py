"""The staffing gap: the vectorised Erlang C against a published worked example, against
pulse.queueing.agents_needed (itself checked against published examples) and against an
independent scipy implementation; and the gap of a hand-made roster, worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from pulse import filters, ingest, queueing, sql
from pulse.hotline import data as hotline
from pulse.hotline import staffing

TWO_DAYS = filters.Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
PERIOD = filters.resolve(TWO_DAYS, dt.date(2026, 10, 31))


def _needed_scipy(calls_per_hour: float, aht_s: float, level: float, target_s: float) -> int:
    """Smallest n with 1 - C(n, a) exp(-(n - a) t / AHT) >= level, C from scipy's Poisson law:
    Erlang B = pmf(n) / cdf(n), C = n B / (n - a (1 - B))."""
    a = calls_per_hour * aht_s / 3600
    if a == 0:
        return 0
    n = int(np.floor(a)) + 1
    while True:
        b = sps.poisson.pmf(n, a) / sps.poisson.cdf(n, a)
        c = n * b / (n - a * (1 - b))
        if 1 - c * np.exp(-(n - a) * target_s / aht_s) >= level:
            return n
        n += 1


def test_call_centre_helper_worked_example():
    # Call Centre Helper: 100 calls per 30 minutes, AHT 180 s, 80% in 20 s -> 14 agents
    assert staffing.needed_agents([200.0], [180.0]).tolist() == [14]


def test_matches_agents_needed_and_scipy_over_many_intervals():
    rng = np.random.default_rng(20261123)
    rate = np.concatenate([[0.0, 0.5, 3.0], rng.uniform(0, 5_000, 400), [36_000.0]])
    aht = np.concatenate([[240.0, 240.0, 240.0], rng.uniform(60, 900, 400), [280.0]])
    got = staffing.needed_agents(rate, aht)
    reference = [queueing.agents_needed(r, a, 0.8, 20) for r, a in zip(rate, aht, strict=True)]
    assert got.tolist() == reference
    for i in (1, 2, 10, 200, len(rate) - 1):
        assert got[i] == _needed_scipy(rate[i], aht[i], 0.8, 20)


def test_other_targets():
    rate, aht = np.array([720.0, 1_200.0]), np.array([240.0, 300.0])
    got = staffing.needed_agents(rate, aht, 0.9, 15)
    assert got.tolist() == [_needed_scipy(720, 240, 0.9, 15), _needed_scipy(1_200, 300, 0.9, 15)]


@pytest.mark.parametrize(
    ("rate", "aht", "level"),
    [([-1.0], [240.0], 0.8), ([10.0], [0.0], 0.8), ([np.nan], [240.0], 0.8), ([1.0], [1.0], 1.0)],
)
def test_bad_input_is_refused(rate, aht, level):
    with pytest.raises(ValueError):
        staffing.needed_agents(rate, aht, level)


def test_gap_of_hand_made_intervals():
    calls = pd.DataFrame(
        {
            "day": ["d1", "d1", "d2"],
            "slot": [20, 21, 20],
            "queue_id": ["general"] * 3,
            # 100 calls in 30 min at 180 s: Call Centre Helper's 14 agents
            "n_queued": [100, 4, 0],
            "n_answered": [95, 3, 0],
            "handle_s_sum": [95 * 180.0, 3 * 400.0, 0.0],
        }
    )
    rosters = pd.DataFrame(
        {
            "day": ["d1", "d1", "d2"],
            "slot": [20, 21, 20],
            "queue_id": ["general"] * 3,
            "agents_on_duty": [12.0, 2.0, 3.0],
        }
    )
    got = staffing.gap(calls, rosters)
    # the 4-call half hour has 3 answered calls: too few for its own AHT, so the queue's
    # (95 * 180 + 3 * 400) / 98 s is used
    queue_aht = (95 * 180 + 3 * 400) / 98
    assert got["aht_s"].tolist() == pytest.approx([180.0, queue_aht, queue_aht])
    assert got["is_own_aht"].tolist() == [True, False, False]
    assert got["agents_needed"].tolist() == [14, _needed_scipy(8, queue_aht, 0.8, 20), 0]
    assert got["gap"].tolist() == [-2, 2 - _needed_scipy(8, queue_aht, 0.8, 20), 3]
    assert got["is_understaffed"].tolist() == [True, False, False]
    assert got["occupancy"].iloc[0] == pytest.approx(95 * 180 / (12 * 1800))
    summary = staffing.summary(got)
    assert summary.values.tolist() == [["general", 3, 1, 1 / 3, 1.0]]


STAFFING_CSV = """queue_id,interval_start,interval_min,agents_on_duty
general,2026-10-30 09:00:00,15,4
general,2026-10-30 09:15:00,15,6
general,2026-10-31 09:00:00,30,0
vip,2026-10-31 10:00:00,60,3
"""


@pytest.fixture
def rostered(handmade, tmp_path):
    """The hand-made store with a roster of 15-, 30- and 60-minute intervals."""
    path = tmp_path / "hotline_staffing.csv"
    path.write_text(STAFFING_CSV, encoding="utf-8")
    ingest.load_file(
        handmade, "hotline_staffing", path, loaded_by="tests", reject_file_on_error=True
    )
    handmade.loaded()
    return handmade


def test_rosters_are_spread_over_half_hours(rostered):
    got = rostered.df(
        sql.text("hotline/staffing"),
        {"day_from": PERIOD.start, "day_to": PERIOD.end},
    )
    got["day"] = got["day"].astype(str)
    assert got.values.tolist() == [
        ["2026-10-30", 18, "general", 5.0],  # (4 x 15 + 6 x 15) / 30
        ["2026-10-31", 18, "general", 0.0],
        ["2026-10-31", 20, "vip", 3.0],  # one hour covers two half hours
        ["2026-10-31", 21, "vip", 3.0],
    ]


def test_staffing_gap_of_the_hand_made_store(rostered):
    got = hotline.staffing_gap(rostered, PERIOD)
    got["day"] = got["day"].astype(str)
    # general answered 2 calls in the period (540 s): AHT 270 s for both its half hours;
    # vip answered 1 (360 s). Needed for 80/20, by hand: 3 calls in 30 min at 270 s is
    # 0.45 Erlangs -> 1 agent gives 56.8%, 2 give 92.6%; 1 call at 270 s (0.15 E) -> 1 agent
    # gives 85.9%; 1 call at 360 s (0.2 E) -> 1 agent gives 80.9%.
    expected = [
        ["2026-10-30", 18, "general", 3, 270.0, 2, 5.0, 3.0, False],
        ["2026-10-31", 18, "general", 1, 270.0, 1, 0.0, -1.0, True],
        ["2026-10-31", 20, "vip", 1, 360.0, 1, 3.0, 2.0, False],
        ["2026-10-31", 21, "vip", 0, 360.0, 0, 3.0, 3.0, False],
    ]
    columns = [
        "day",
        "slot",
        "queue_id",
        "n_queued",
        "aht_s",
        "agents_needed",
        "agents_on_duty",
        "gap",
        "is_understaffed",
    ]
    assert got[columns].values.tolist() == expected
    # the catalogue's service level: general's 09:00 of 30 Oct answered 1 of 2 (the 3-second
    # abandon left out) within 20 s; vip's 10:00 answered its call after 5 s
    assert got["service_level"].tolist() == pytest.approx([0.5, 0.0, 1.0, np.nan], nan_ok=True)
    summary = staffing.summary(got).values.tolist()
    assert summary == [["general", 2, 1, 0.5, 0.5], ["vip", 2, 0, 0.0, 0.0]]


def test_profile_of_the_average_day(rostered):
    gap = hotline.staffing_gap(rostered, PERIOD)
    calls = hotline.calls(rostered, TWO_DAYS, PERIOD, by_day=False)
    got = hotline.profile(calls, gap, None, by_day=False, days=2).set_index("slot")
    assert len(got) == 48
    nine = got.loc[18]
    # 5 calls at 09:00-09:30 over two days; 4 asked for an agent, one of them a short abandon
    assert (nine["n_offered"], nine["offered_per_day"], nine["sl_n"]) == (5, 2.5, 3)
    assert nine["service_level"] == pytest.approx(1 / 3)
    assert (nine["agents_on_duty"], nine["agents_needed"]) == (2.5, 1.5)
    assert got.loc[0, "n_offered"] == 0 and np.isnan(got.loc[0, "service_level"])


def test_profile_of_one_queue_every_half_hour_in_a_city(rostered):
    gap = hotline.staffing_gap(rostered, PERIOD)
    sz = TWO_DAYS.with_(cities=("SZ",))
    calls = hotline.calls(rostered, sz, PERIOD, by_day=True)
    got = hotline.profile(calls, gap, "general", by_day=True, days=2)
    shown = got[["slot", "n_offered", "agents_on_duty"]].values.tolist()
    assert shown == [[18, 1, 5.0], [18, 1, 0.0]]  # SZ's calls; the queue's whole roster
    assert got["start"].astype(str).tolist() == ["2026-10-30 09:00:00", "2026-10-31 09:00:00"]


def test_staffing_is_named_as_not_filtered_by_place_or_segment(handmade):
    from pulse import dimensions

    dims = dimensions.load(handmade)
    f = TWO_DAYS.with_(cities=("SZ",), segments=("gold",))
    assert hotline.staffing_not_filtered(f, dims) == ["city", "segment"]
    everything = TWO_DAYS.with_(cities=("GZ", "SZ"))
    assert hotline.staffing_not_filtered(everything, dims) == []


def test_whatif_starts_from_the_busiest_half_hour(rostered):
    gap = hotline.staffing_gap(rostered, PERIOD)
    assert hotline.whatif_defaults(gap, None) == {
        "queue_id": "general",
        "calls": 2,  # 4 calls asked for an agent at 09:00 over two days
        "aht_s": 270,
        "slot": 18,
    }
    assert hotline.whatif_defaults(gap, "vip")["calls"] == 1
