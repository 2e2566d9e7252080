"""The vectorised quantiles give exactly what pulse.values gives one histogram at a time."""

from __future__ import annotations

import numpy as np
import pytest

from pulse import catalog, histograms, values


@pytest.mark.parametrize("seed", range(4))
def test_rowwise_quantiles_match_values(seed):
    rng = np.random.default_rng(seed)
    rollup = catalog.rollup("queue_wait_hist")
    bounds = np.asarray(rollup.bucket_bounds(), dtype=float)
    counts = rng.poisson(rng.uniform(0, 30, size=(25, bounds.size))).astype(float)
    counts[3] = 0  # an empty histogram
    counts[4, :] = 0
    counts[4, -1] = 7  # everything in the open last bucket
    counts[5, :] = 0
    counts[5, 2] = 1  # a single observation
    for q in (0.5, 0.9):
        value, low, high, n = histograms.quantiles(bounds, counts, q)
        for i in range(len(counts)):
            expected = values.quantile_with_interval(bounds, counts[i], q)
            got = (value[i], low[i], high[i], n[i])
            assert got == pytest.approx(expected, nan_ok=True), (i, q)


def _tables(f, keys, period):
    from pulse import histograms as h

    pieces = h._pieces(catalog.rollup("queue_wait_hist"), f, keys, period)
    return sorted(
        (p.table, p.start.isoformat(), p.end.isoformat()) for p in pieces if p.period == "cur"
    )


def test_the_smallest_copy_that_keeps_the_columns_answers():
    import datetime as dt

    from pulse import filters

    period = filters.Period(dt.date(2026, 7, 15), dt.date(2026, 10, 31))
    week = [("bucket", histograms.TIME_KEYS["week"])]
    halls = [("city_id", "city_id"), ("branch_id", "branch_id")]
    everyone = filters.Filter()
    # a company trend by week needs days but no halls: the city copy, day by day
    assert _tables(everyone, week, period) == [("queue_wait_hist_city", "2026-07-15", "2026-10-31")]
    # a league of halls: whole months by hall, the first half month from the daily rollup
    assert _tables(everyone, halls, period) == [
        ("queue_wait_hist", "2026-07-15", "2026-07-31"),
        ("queue_wait_hist_hall_monthly", "2026-08-01", "2026-10-01"),
    ]
    # a segment is in neither copy: the daily rollup answers alone
    gold = everyone.with_(segments=("gold",))
    assert _tables(gold, week, period) == [("queue_wait_hist", "2026-07-15", "2026-10-31")]
    # halls by week need both: the daily rollup
    assert _tables(everyone, [*week, *halls], period) == [
        ("queue_wait_hist", "2026-07-15", "2026-10-31")
    ]


def test_the_copies_give_the_quantiles_of_the_daily_rollup(handmade):
    import datetime as dt

    from pulse import filters

    f = filters.Filter(period="custom", start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31))
    period = filters.resolve(f, dt.date(2026, 10, 31))
    metric = catalog.metric("queue_wait_p90")
    keys = [("city_id", "city_id"), ("branch_id", "branch_id")]
    found = histograms.fetch(handmade, metric, f, period, keys, [("city_id", "branch_id")])
    rows = found[("city_id", "branch_id")]
    rows = rows[rows["period"] == "cur"].sort_values("branch_id")
    # GZ-001 waits 1, 5 and 15 min: 90% of 3 falls 0.7 into the 15-minute bucket (15.7 min);
    # SZ-001 waits 8 and 30 min: 1.8 falls 0.8 into the 30-minute bucket (30.8 min)
    assert rows[["branch_id", "value", "n"]].values.tolist() == [
        ["GZ-001", 942.0, 3.0],
        ["SZ-001", 1848.0, 2.0],
    ]
