"""pulse.queueing against published worked examples, scipy, call-center-tools and a simulation."""

import heapq
import math

import numpy as np
import pytest
from scipy import stats as sps

from pulse.queueing import agents_needed, erlang_a, erlang_c, service_level_curve

# The Call Centre Helper worked example (callcentrehelper.com/erlang-c-formula-example-121281.htm):
# 100 calls per 30 minutes, AHT 180 s, target 80% answered in 20 s, 30% shrinkage, 85% maximum
# occupancy. Full-precision figures as printed by the CRAN package ErlangC 0.1.0 README
# (erlang_c(100, 30 min, 180 s, 20 s, agents)) and, to three decimals, by pyworkforce's docs.
CALLS_PER_HOUR, AHT_S, TARGET_S = 200, 180, 20


@pytest.mark.parametrize(
    ("agents", "p_wait", "service_level", "asa_s", "occupancy"),
    [
        # ErlangC README "process" table, first step (11 agents)
        (11, 0.6821182, 0.3896138, None, 10 / 11),
        # ErlangC README result: wait 0.1741319, SL 0.88835, ASA 7.83593701177724 s, occ 0.7142857
        (14, 0.1741319, 0.88835, 7.835937, 0.7142857),
        # pyworkforce test_erlang.py, max occupancy 0.7 case: SL 0.941, occupancy 0.667, wait 0.102
        (15, 0.102, 0.941, None, 0.667),
    ],
)
def test_erlang_c_call_centre_helper_example(agents, p_wait, service_level, asa_s, occupancy):
    got = erlang_c(CALLS_PER_HOUR, AHT_S, agents, TARGET_S)
    places = 5e-4 if agents == 15 else 5e-7  # pyworkforce prints three decimals
    assert got.traffic_erlangs == pytest.approx(10.0)
    assert got.p_wait == pytest.approx(p_wait, abs=places)
    assert got.service_level == pytest.approx(service_level, abs=max(places, 5e-6))
    assert got.occupancy == pytest.approx(occupancy, abs=places)
    if asa_s is not None:
        assert got.asa_s == pytest.approx(asa_s, abs=5e-7)
    assert got.is_stable


@pytest.mark.parametrize(
    ("shrinkage", "max_occupancy", "expected"),
    [
        (0.0, None, 14),  # Call Centre Helper: 14 agents reach 88.8% in 20 s
        (0.3, 0.85, 20),  # ... and 14 / (1 - 0.3) = 20 scheduled (pyworkforce docs: 14 -> 20)
        (0.3, 0.7, 22),  # pyworkforce test_over_occupancy_erlangc: 15 raw -> 22 positions
        (0.0, 0.7, 15),
    ],
)
def test_agents_needed_call_centre_helper_example(shrinkage, max_occupancy, expected):
    got = agents_needed(
        CALLS_PER_HOUR, AHT_S, 0.8, TARGET_S, shrinkage=shrinkage, max_occupancy=max_occupancy
    )
    assert got == expected


def test_call_center_tools_readme_example():
    # call-center-tools 1.0.0 README: 1000 calls/h, AHT 120 s, 80/20, occupancy <= 85%,
    # shrinkage 30% -> 33.333 Erlangs, 40 agents (58 with shrinkage), wait 19.07%,
    # service level 93.72%, ASA 3.43 s, occupancy 83.33%
    assert agents_needed(1000, 120, 0.8, 20, max_occupancy=0.85) == 40
    assert agents_needed(1000, 120, 0.8, 20, shrinkage=0.3, max_occupancy=0.85) == 58
    got = erlang_c(1000, 120, 40, 20)
    assert got.traffic_erlangs == pytest.approx(33.333, abs=5e-4)
    assert got.p_wait == pytest.approx(0.1907, abs=5e-5)
    assert got.service_level == pytest.approx(0.9372, abs=5e-5)
    assert got.asa_s == pytest.approx(3.43, abs=5e-3)
    assert got.occupancy == pytest.approx(0.8333, abs=5e-5)


def _erlang_c_scipy(traffic, agents):
    """Erlang C through scipy's Poisson law: B = pmf(N) / cdf(N), C = N B / (N - A (1 - B))."""
    b = sps.poisson.pmf(agents, traffic) / sps.poisson.cdf(agents, traffic)
    return agents * b / (agents - traffic * (1 - b))


@pytest.mark.parametrize(
    ("calls_per_hour", "aht_s", "agents"),
    [
        (200, 180, 11),
        (720, 240, 55),
        (1200, 300, 105),
        (36_000, 280, 2_850),
        (400_000, 300, 33_700),
    ],
)
def test_erlang_c_matches_scipy_poisson_form_up_to_thousands_of_agents(
    calls_per_hour, aht_s, agents
):
    got = erlang_c(calls_per_hour, aht_s, agents, 20)
    traffic = calls_per_hour * aht_s / 3600
    p_wait = _erlang_c_scipy(traffic, agents)
    assert got.p_wait == pytest.approx(p_wait, rel=1e-9)
    assert got.service_level == pytest.approx(
        1 - p_wait * math.exp(-(agents - traffic) * 20 / aht_s)
    )
    assert got.asa_s == pytest.approx(p_wait * aht_s / (agents - traffic))


def test_erlang_c_matches_call_center_tools():
    cct = pytest.importorskip("call_center_tools")
    for calls_per_hour, aht_s, target_s in [(200, 180, 20), (1000, 120, 20), (3600, 420, 30)]:
        traffic = calls_per_hour * aht_s / 3600
        for agents in range(math.floor(traffic) + 1, math.floor(traffic) + 12):
            got = erlang_c(calls_per_hour, aht_s, agents, target_s)
            p_wait = cct.erlang_c(traffic, agents)
            assert got.p_wait == pytest.approx(p_wait, rel=1e-9)
            sl = cct.calc_service_level(traffic, agents, p_wait, target_s, aht_s)
            assert got.service_level == pytest.approx(sl, rel=1e-9)
            asa = cct.calc_average_speed_of_answer(traffic, agents, p_wait, aht_s)
            assert got.asa_s == pytest.approx(asa, rel=1e-9)
        staffing = cct.calc_staffing(
            calls_per_hour, aht_s, max_occupancy=0.9, target_answer_time=target_s
        )
        assert agents_needed(calls_per_hour, aht_s, 0.8, target_s, max_occupancy=0.9) == (
            staffing.agents
        )


@pytest.mark.parametrize("agents", [0, 5, 10])
def test_erlang_c_unstable_queue_never_divides_by_zero(agents):
    got = erlang_c(CALLS_PER_HOUR, AHT_S, agents, TARGET_S)  # 10 Erlangs
    expected = (agents, 10.0, 1.0, 0.0, math.inf, 1.0, False)
    assert tuple(vars(got).values()) == expected


@pytest.mark.parametrize("agents", [0, 3])
def test_erlang_c_without_arrivals(agents):
    got = erlang_c(0, AHT_S, agents, TARGET_S)
    assert (got.p_wait, got.service_level, got.asa_s, got.occupancy) == (0.0, 1.0, 0.0, 0.0)
    assert got.is_stable
    assert agents_needed(0, AHT_S, 0.8, TARGET_S) == 0


def test_erlang_result_is_frozen():
    with pytest.raises(AttributeError):
        erlang_c(CALLS_PER_HOUR, AHT_S, 14, TARGET_S).agents = 15


@pytest.mark.parametrize(
    "kwargs",
    [
        {"target_service_level": 1.0},
        {"target_service_level": 0.0},
        {"shrinkage": 1.0},
        {"shrinkage": -0.1},
        {"max_occupancy": 0.0},
        {"max_occupancy": 1.2},
        {"aht_s": 0},
        {"arrival_rate_per_hour": -1},
        {"target_s": -5},
    ],
)
def test_agents_needed_rejects_bad_arguments(kwargs):
    args = {"arrival_rate_per_hour": 200, "aht_s": 180, "target_service_level": 0.8, "target_s": 20}
    with pytest.raises(ValueError):
        agents_needed(**(args | kwargs))


@pytest.mark.parametrize("agents", [-1, 2.5, True])
def test_erlang_c_rejects_non_whole_agents(agents):
    with pytest.raises(ValueError):
        erlang_c(CALLS_PER_HOUR, AHT_S, agents, TARGET_S)


def test_service_level_curve_rows_match_erlang_c():
    curve = service_level_curve(CALLS_PER_HOUR, AHT_S, TARGET_S, range(8, 20))
    assert list(curve.columns) == [
        "agents",
        "traffic_erlangs",
        "p_wait",
        "service_level",
        "asa_s",
        "occupancy",
        "is_stable",
    ]
    assert curve["agents"].tolist() == list(range(8, 20))
    for row in curve.itertuples(index=False):
        assert tuple(row) == pytest.approx(
            tuple(vars(erlang_c(CALLS_PER_HOUR, AHT_S, row.agents, TARGET_S)).values())
        )
    assert curve["service_level"].is_monotonic_increasing


# Erlang A, pyworkforce docs (docs/guide/erlanga.md): the same example with patience 5 minutes
# needs 13 agents; there the service level is 0.858..., occupancy 0.750..., abandonment
# 0.025..., waiting probability 0.226... and the mean wait of all callers 0.125... minutes.
def test_erlang_a_pyworkforce_example():
    got = erlang_a(CALLS_PER_HOUR, AHT_S, 13, TARGET_S, patience_s=300)
    assert got.service_level == pytest.approx(0.858, abs=1e-3)
    assert got.occupancy == pytest.approx(0.750, abs=1e-3)
    assert got.p_abandon == pytest.approx(0.025, abs=1e-3)
    assert got.p_wait == pytest.approx(0.226, abs=1e-3)
    # all callers wait p_abandon * patience on average (abandonment rate = theta E[queue])
    assert got.p_abandon * 300 / 60 == pytest.approx(0.125, abs=1e-3)
    assert erlang_a(CALLS_PER_HOUR, AHT_S, 12, TARGET_S, 300).service_level < 0.8


@pytest.mark.parametrize(("calls_per_hour", "aht_s", "agents"), [(200, 180, 11), (720, 240, 55)])
def test_erlang_a_with_very_long_patience_converges_to_erlang_c(calls_per_hour, aht_s, agents):
    c = erlang_c(calls_per_hour, aht_s, agents, TARGET_S)
    a = erlang_a(calls_per_hour, aht_s, agents, TARGET_S, patience_s=1e9)
    assert a.p_abandon < 1e-5
    assert a.p_wait == pytest.approx(c.p_wait, rel=1e-4)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-4)
    assert a.asa_s == pytest.approx(c.asa_s, rel=1e-4)
    assert a.occupancy == pytest.approx(c.occupancy, rel=1e-4)


def test_erlang_a_edge_cases():
    everyone_answered = erlang_a(CALLS_PER_HOUR, AHT_S, 14, 1e9, 300)
    assert everyone_answered.service_level == pytest.approx(1 - everyone_answered.p_abandon)
    assert erlang_a(0, AHT_S, 3, TARGET_S, 60).service_level == 1.0
    nobody = erlang_a(CALLS_PER_HOUR, AHT_S, 0, TARGET_S, 60)
    assert (nobody.p_abandon, nobody.service_level) == (1.0, 0.0)
    overloaded = erlang_a(CALLS_PER_HOUR, AHT_S, 8, TARGET_S, 60)  # 10 Erlangs on 8 agents
    assert overloaded.p_abandon > 0.2 - 1e-9 and overloaded.occupancy <= 1.0
    with pytest.raises(ValueError):
        erlang_a(CALLS_PER_HOUR, AHT_S, 8, TARGET_S, 0)


def _simulate_erlang_a(calls_per_hour, aht_s, agents, patience_s, calls, seed):
    """Waits and abandonments of a first-come-first-served M/M/n+M queue (seeded).

    Each caller is answered by the agent that frees up first, unless its patience runs out
    before that; callers who abandon never hold an agent, so they change nobody's wait.
    Returns arrival times, offered waits, abandonment flags and handle times.
    """
    rng = np.random.default_rng(seed)
    arrive = np.cumsum(rng.exponential(3600 / calls_per_hour, calls))
    handle = rng.exponential(aht_s, calls)
    patience = rng.exponential(patience_s, calls)
    wait, abandoned = np.zeros(calls), np.zeros(calls, dtype=bool)
    free_at = [0.0] * agents  # a heap of the times each agent is next free
    for i in range(calls):
        wait[i] = max(free_at[0] - arrive[i], 0.0)
        if wait[i] > patience[i]:
            abandoned[i] = True
        else:
            heapq.heapreplace(free_at, arrive[i] + wait[i] + handle[i])
    return arrive, wait, abandoned, handle


def _batch_mean(numerator, denominator, batches=40):
    """Ratio estimate and its batch-means standard error (calls in a queue are correlated)."""
    num = np.array([b.sum() for b in np.array_split(numerator, batches)])
    den = np.array([b.sum() for b in np.array_split(denominator, batches)])
    return num.sum() / den.sum(), np.std(num / den, ddof=1) / math.sqrt(batches)


@pytest.mark.parametrize(
    ("calls_per_hour", "agents", "patience_s"),
    [
        (200, 11, 120),  # 10 Erlangs on 11 agents, callers hang up after 2 minutes on average
        (200, 9, 60),  # overloaded: only abandonment keeps the queue finite
        (600, 30, 30),  # 30 Erlangs on 30 agents, impatient callers
    ],
)
def test_erlang_a_matches_simulation(calls_per_hour, agents, patience_s):
    arrive, wait, abandoned, handle = _simulate_erlang_a(
        calls_per_hour, AHT_S, agents, patience_s, calls=300_000, seed=2024
    )
    keep = slice(6_000, None)  # the queue starts empty: drop the first 2% of calls
    arrive, wait, abandoned, handle = arrive[keep], wait[keep], abandoned[keep], handle[keep]
    answered = ~abandoned
    ones = np.ones(wait.size)
    got = erlang_a(calls_per_hour, AHT_S, agents, TARGET_S, patience_s)
    checks = {
        "p_wait": _batch_mean(wait > 0, ones),
        "p_abandon": _batch_mean(abandoned, ones),
        "service_level": _batch_mean(answered & (wait <= TARGET_S), ones),
        "asa_s": _batch_mean(np.where(answered, wait, 0.0), answered),
    }
    for name, (simulated, standard_error) in checks.items():
        # 300,000 calls keep these standard errors small (about 0.001-0.004 on the shares),
        # so four of them still make a demanding tolerance
        assert standard_error < (0.5 if name == "asa_s" else 0.005), name
        assert getattr(got, name) == pytest.approx(simulated, abs=4 * standard_error), name
    occupancy = handle[answered].sum() / (agents * (arrive[-1] - arrive[0]))
    assert got.occupancy == pytest.approx(occupancy, abs=0.005)
