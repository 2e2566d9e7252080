"""Erlang C for arrays of intervals: probability of waiting, service level, agents required."""

import numpy as np


def erlang_c(load: np.ndarray, agents: np.ndarray) -> np.ndarray:
    """Probability that a call waits, for offered load (Erlangs) and agents; 1 when overloaded."""
    load = np.asarray(load, dtype=float)
    agents = np.asarray(agents, dtype=np.int64)
    b = np.ones_like(load)
    out = np.ones_like(load)
    for n in range(1, int(agents.max(initial=0)) + 1):  # Erlang B recursion, one agent at a time
        b = load * b / (n + load * b)
        at = agents == n
        out[at] = n * b[at] / (n - load[at] * (1 - b[at]))
    out[(agents <= load) | (agents == 0)] = 1.0
    return np.clip(out, 0.0, 1.0)


def service_level(load, agents, aht_s, threshold_s=20.0) -> np.ndarray:
    """Share answered within threshold_s under M/M/N."""
    pw = erlang_c(load, agents)
    rate = np.maximum(np.asarray(agents) - load, 0) / aht_s
    return 1 - pw * np.exp(-rate * threshold_s)


def agents_required(load: np.ndarray, aht_s, target=0.8, threshold_s=20.0) -> np.ndarray:
    """Fewest agents that reach the service-level target for each interval."""
    load = np.asarray(load, dtype=float)
    aht_s = np.broadcast_to(aht_s, load.shape)
    need = np.zeros(load.shape, dtype=np.int64)
    b = np.ones_like(load)
    top = int(np.ceil(load.max(initial=0) * 1.3)) + 10
    for n in range(1, top + 1):
        b = load * b / (n + load * b)
        pw = np.where(n > load, n * b / np.maximum(n - load * (1 - b), 1e-12), 1.0)
        sl = 1 - np.clip(pw, 0, 1) * np.exp(-np.maximum(n - load, 0) / aht_s * threshold_s)
        need[(need == 0) & (sl >= target) & (n > load)] = n
    return need
