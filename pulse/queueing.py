"""Erlang C (M/M/n) and Erlang A (M/M/n+M) staffing for the hotline.

Conventions: arrivals are calls per hour, times are seconds, agents are whole agents taking
calls. Service level is the share of all offered calls answered within target_s; ASA is the
mean wait of answered calls. Nothing here takes factorials: Erlang B comes from its recursion,
and Erlang A from log-space weights of its birth-death chain.
"""

import math
from dataclasses import asdict, dataclass, fields

import numpy as np
import pandas as pd
from scipy import special


@dataclass(frozen=True)
class ErlangResult:
    """Steady-state Erlang C figures for one number of agents."""

    agents: int
    traffic_erlangs: float
    p_wait: float
    service_level: float
    asa_s: float
    occupancy: float
    is_stable: bool


@dataclass(frozen=True)
class ErlangAResult:
    """Steady-state Erlang A figures (callers abandon after an exponential patience)."""

    agents: int
    traffic_erlangs: float
    p_wait: float
    p_abandon: float
    service_level: float
    asa_s: float
    occupancy: float


def _check_load(arrival_rate_per_hour, aht_s, target_s):
    if not (math.isfinite(arrival_rate_per_hour) and arrival_rate_per_hour >= 0):
        raise ValueError(
            f"arrival_rate_per_hour must be finite and >= 0, got {arrival_rate_per_hour!r}"
        )
    if not (math.isfinite(aht_s) and aht_s > 0):
        raise ValueError(f"aht_s must be finite and > 0, got {aht_s!r}")
    if not (math.isfinite(target_s) and target_s >= 0):
        raise ValueError(f"target_s must be finite and >= 0, got {target_s!r}")
    return arrival_rate_per_hour * aht_s / 3600.0


def _check_agents(agents):
    if isinstance(agents, bool) or not float(agents).is_integer() or agents < 0:
        raise ValueError(f"agents must be a whole number >= 0, got {agents!r}")
    return int(agents)


def _erlang_b(traffic, agents):
    """Erlang B blocking probability by the recursion B(k) = A B(k-1) / (k + A B(k-1))."""
    b = 1.0
    for k in range(1, agents + 1):
        # this form underflows gracefully to 0 when agents far exceed the traffic
        b = traffic * b / (k + traffic * b)
    return b


def _erlang_c_result(traffic, agents, erlang_b, aht_s, target_s):
    """Erlang C figures from the Erlang B value of the same traffic and agents."""
    if traffic == 0:
        return ErlangResult(agents, 0.0, 0.0, 1.0, 0.0, 0.0, True)
    if agents <= traffic:
        return ErlangResult(agents, traffic, 1.0, 0.0, math.inf, 1.0, False)
    p_wait = agents * erlang_b / (agents - traffic * (1 - erlang_b))
    slack = agents - traffic
    service_level = 1 - p_wait * math.exp(-slack * target_s / aht_s)
    asa_s = p_wait * aht_s / slack
    return ErlangResult(agents, traffic, p_wait, service_level, asa_s, traffic / agents, True)


def erlang_c(arrival_rate_per_hour, aht_s, agents, target_s):
    """Erlang C (M/M/n) waiting probability, service level, ASA and occupancy.

    agents <= traffic is an unstable queue: is_stable False, p_wait 1, service level 0,
    ASA inf and occupancy 1. No arrivals: p_wait 0, service level 1, ASA 0, occupancy 0.
    """
    traffic = _check_load(arrival_rate_per_hour, aht_s, target_s)
    agents = _check_agents(agents)
    return _erlang_c_result(traffic, agents, _erlang_b(traffic, agents), aht_s, target_s)


def agents_needed(
    arrival_rate_per_hour,
    aht_s,
    target_service_level,
    target_s,
    shrinkage=0.0,
    max_occupancy=None,
):
    """Smallest whole number of scheduled agents meeting the service level (and occupancy cap).

    The agents taking calls, n, is the smallest with service level >= target_service_level and,
    if given, occupancy <= max_occupancy; the result is scheduled agents,
    ceil(n / (1 - shrinkage)). No arrivals need no agents.
    """
    traffic = _check_load(arrival_rate_per_hour, aht_s, target_s)
    if not 0 < target_service_level < 1:
        raise ValueError(f"target_service_level must be in (0, 1), got {target_service_level!r}")
    if not 0 <= shrinkage < 1:
        raise ValueError(f"shrinkage must be in [0, 1), got {shrinkage!r}")
    if max_occupancy is not None and not 0 < max_occupancy <= 1:
        raise ValueError(f"max_occupancy must be in (0, 1], got {max_occupancy!r}")
    if traffic == 0:
        return 0
    first = math.floor(traffic) + 1  # the smallest stable queue
    if max_occupancy is not None:
        first = max(first, math.ceil(traffic / max_occupancy))
    erlang_b = _erlang_b(traffic, first)
    n = first
    while True:
        result = _erlang_c_result(traffic, n, erlang_b, aht_s, target_s)
        occupancy_ok = max_occupancy is None or result.occupancy <= max_occupancy
        if result.service_level >= target_service_level and occupancy_ok:
            break
        n += 1
        erlang_b = traffic * erlang_b / (n + traffic * erlang_b)
    # the tolerance keeps 14 / (1 - 0.3) = 20.000000000000004 at 20
    return math.ceil(n / (1 - shrinkage) - 1e-9)


def service_level_curve(arrival_rate_per_hour, aht_s, target_s, agents_range):
    """Erlang C results as a DataFrame, one row per agent count in agents_range, ascending."""
    traffic = _check_load(arrival_rate_per_hour, aht_s, target_s)
    wanted = sorted({_check_agents(a) for a in agents_range})
    rows, erlang_b, k = [], 1.0, 0
    for n in wanted:
        while k < n:  # one pass of the Erlang B recursion serves the whole range
            k += 1
            erlang_b = traffic * erlang_b / (k + traffic * erlang_b)
        rows.append(asdict(_erlang_c_result(traffic, n, erlang_b, aht_s, target_s)))
    return pd.DataFrame(rows, columns=[f.name for f in fields(ErlangResult)])


def _queue_log_weights(x, y):
    """Queue lengths j and log(pi[n + j] / pi[n]) for the states that carry any weight.

    In Erlang A, pi[n + j] / pi[n] = prod_{i=1..j} y / (x + i), with x = n mu / theta and
    y = lambda / theta. These weights are log-concave in j with their peak near y - x and a
    spread of about sqrt(y), so the sum starts 12 spreads below the peak and stops once the
    weights fall 60 nats (about 1e-26) below it and keep falling.
    """
    start = max(0, math.ceil(y - x) - math.ceil(12 * math.sqrt(y)) - 50)
    log_y = math.log(y)
    first = start * log_y - (special.gammaln(x + start + 1) - special.gammaln(x + 1))
    chunks, last, peak, size = [np.array([first])], first, first, 1024
    while True:
        j = np.arange(start + 1, start + size + 1, dtype=float)
        steps = log_y - np.log(x + j)
        cum = last + np.cumsum(steps)
        chunks.append(cum)
        last, peak, start = cum[-1], max(peak, cum.max()), start + size
        if steps[-1] < 0 and last < peak - 60:
            log_w = np.concatenate(chunks)
            return np.arange(start - log_w.size + 1, start + 1, dtype=float), log_w
        size = min(size * 2, 1 << 20)


def erlang_a(arrival_rate_per_hour, aht_s, agents, target_s, patience_s):
    """Erlang A (M/M/n+M, Garnett-Mandelbaum-Reiman) figures for exponential patience.

    Exact from the stationary birth-death chain. A caller who finds j others waiting is
    answered within t with probability x/(x+j+1) * (1 - I_u(x+1, j+1)), u = exp(-t/patience),
    x = n * patience / AHT: with abandonment the offered wait is -log(B) * patience for
    B ~ Beta(x, j+1). Abandoned calls count as not answered in the service level; ASA is the
    mean wait of answered calls (nan if none is answered); occupancy counts only answered load.
    """
    traffic = _check_load(arrival_rate_per_hour, aht_s, target_s)
    agents = _check_agents(agents)
    if not (math.isfinite(patience_s) and patience_s > 0):
        raise ValueError(f"patience_s must be finite and > 0, got {patience_s!r}")
    if traffic == 0:
        return ErlangAResult(agents, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    if agents == 0:  # nobody is ever answered
        return ErlangAResult(0, traffic, 1.0, 1.0, 0.0, math.nan, 0.0)
    x = agents * patience_s / aht_s
    y = arrival_rate_per_hour / 3600.0 * patience_s
    erlang_b = _erlang_b(traffic, agents)
    if erlang_b == 0.0:  # agents so far beyond the load that nobody waits
        return ErlangAResult(agents, traffic, 0.0, 0.0, 1.0, 0.0, traffic / agents)
    j, log_w = _queue_log_weights(x, y)
    log_total = special.logsumexp(log_w)
    # P(wait) = B S / (1 - B + B S), S = the sum of the weights: in logs, as S can be huge
    p_wait = float(special.expit(math.log(erlang_b) + log_total - math.log1p(-erlang_b)))
    q = np.exp(log_w - log_total)  # the queue a caller who has to wait finds ahead
    p_served = x / (x + j + 1)
    u = math.exp(-target_s / patience_s)
    in_time = p_served * (1 - special.betainc(x + 1, j + 1, u))
    # E[wait; answered | j] = patience x/(x+j+1) (psi(x+j+2) - psi(x+1)); the digamma gap is
    # the sum of 1/(x+i), i = 1..j+1, which a cumulative sum gives without cancellation
    gap = np.cumsum(1 / (x + j + 1)) + (special.digamma(x + j[0] + 1) - special.digamma(x + 1))
    wait_served = patience_s * p_served * gap
    p_abandon = p_wait * float(np.sum(q * (1 - p_served)))
    service_level = (1 - p_wait) + p_wait * float(np.sum(q * in_time))
    answered = 1 - p_abandon
    asa_s = p_wait * float(np.sum(q * wait_served)) / answered
    occupancy = min(traffic * answered / agents, 1.0)  # rounding can pass 1 when overloaded
    return ErlangAResult(agents, traffic, p_wait, p_abandon, service_level, asa_s, occupancy)
