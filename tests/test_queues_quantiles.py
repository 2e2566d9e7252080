"""Quantiles of many histograms at once (pulse.histograms, the one quantile implementation)
give, row by row, what the one-histogram statement of the definition gives."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from pulse import catalog, filters, groups, histograms, stats
from tests.quantile_reference import quantile_with_interval

LOWS = np.arange(61, dtype=float)  # whole minutes, the last bucket open


@pytest.mark.parametrize("q", [0.1, 0.5, 0.9, 0.99])
def test_rows_match_the_one_histogram_function(q):
    rng = np.random.default_rng(7)
    counts = rng.poisson(rng.uniform(0, 40, (300, 1)) * np.exp(-LOWS / 8), (300, LOWS.size))
    counts[:5] = 0
    counts[5, :] = 0
    counts[5, 60] = 9  # everything in the open last bucket
    counts[6, :] = 0
    counts[6, 3] = 1  # a single wait
    value, low, high, n = histograms.quantiles(LOWS, counts, q)
    for i in range(counts.shape[0]):
        expected = quantile_with_interval(LOWS, counts[i].astype(float), q)
        got = (value[i], low[i], high[i], n[i])
        assert got == pytest.approx(expected, nan_ok=True), i


def test_a_worked_histogram():
    # 10 waits: 4 in minute 0, 4 in minute 1, 2 in minute 5; the median is reached at the end
    # of minute 1's bucket (rank 5 of 10: 4 before, one more of 4 -> 1.25)
    counts = np.zeros((1, LOWS.size))
    counts[0, [0, 1, 5]] = [4, 4, 2]
    value = histograms.quantiles(LOWS, counts, 0.5)[0]
    assert value[0] == pytest.approx(1.25)
    assert value[0] == pytest.approx(stats.percentile_from_histogram(LOWS, counts[0], 0.5))


def test_a_whole_scope_quantile_keeps_its_comparison(handmade):
    # one row for the whole scope: the comparison period's value stays beside the current one
    # (the two periods' rows were joined on their row numbers, 0 and 1, and never met)
    p90, f = catalog.metric("queue_wait_p90"), filters.Filter()
    day = {d: dt.date(2026, 10, d) for d in (30, 31)}
    both = filters.Period(day[31], day[31], day[30], day[30])
    found = groups.grouped_values(handmade, p90, f, both, [()])[()]
    alone = {
        d: groups.grouped_values(handmade, p90, f, filters.Period(day[d], day[d]), [()])[()]
        for d in day
    }
    assert len(found) == 1
    assert found["value"].iloc[0] == pytest.approx(alone[31]["value"].iloc[0])
    assert found["cmp_value"].iloc[0] == pytest.approx(alone[30]["value"].iloc[0])
    assert found["cmp_n"].iloc[0] == alone[30]["n"].iloc[0] > 0
