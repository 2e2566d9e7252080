"""The vectorised quantiles give exactly what the definition gives one histogram at a time."""

from __future__ import annotations

import numpy as np
import pytest

from pulse import catalog, histograms
from tests.quantile_reference import quantile_with_interval


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
            expected = quantile_with_interval(bounds, counts[i], q)
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
    # a segment by week: no daily copy keeps it, so the daily rollup answers alone
    gold = everyone.with_(segments=("gold",))
    assert _tables(gold, week, period) == [("queue_wait_hist", "2026-07-15", "2026-10-31")]
    # by month: whole months by city and segment, the first half month from the daily rollup
    month = [("bucket", histograms.TIME_KEYS["month"])]
    assert _tables(gold, month, period) == [
        ("queue_wait_hist", "2026-07-15", "2026-07-31"),
        ("queue_wait_hist_city_segment_monthly", "2026-08-01", "2026-10-01"),
    ]
    # a company figure with no segment over whole months and days: the days come from the
    # smallest daily copy, by city, not from the per-hall daily rollup
    assert _tables(everyone, [], period) == [
        ("queue_wait_hist_city", "2026-07-15", "2026-07-31"),
        ("queue_wait_hist_city_segment_monthly", "2026-08-01", "2026-10-01"),
    ]
    # a league of halls with a segment filter: whole months by hall and segment
    assert _tables(gold, halls, period) == [
        ("queue_wait_hist", "2026-07-15", "2026-07-31"),
        ("queue_wait_hist_hall_segment_monthly", "2026-08-01", "2026-10-01"),
    ]
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


@pytest.mark.parametrize(
    ("keys", "sets"),
    [
        ([("city_id", "city_id"), ("branch_id", "branch_id")], [("city_id", "branch_id"), ()]),
        ([("segment", "segment")], [("segment",)]),
    ],
    ids=["halls", "segments"],
)
def test_segment_copies_give_the_quantiles_of_the_base_rows(tiny, keys, sets):
    # whole months from the copies by hall or city and segment, the edges from the daily rollup,
    # against every matching base row summed here and passed to pulse.values one at a time
    import datetime as dt

    from pulse import filters

    f = filters.Filter(
        period="custom",
        start=dt.date(2026, 7, 20),
        end=dt.date(2026, 10, 31),
        segments=("gold", "diamond"),
    )
    period = filters.resolve(f, dt.date(2026, 10, 31))
    assert {
        p.table for p in histograms._pieces(catalog.rollup("queue_wait_hist"), f, keys, period)
    } & {
        "queue_wait_hist_hall_segment_monthly",
        "queue_wait_hist_city_segment_monthly",
    }
    metric = catalog.metric("queue_wait_p90")
    found = histograms.fetch(tiny, metric, f, period, keys, sets)
    base = tiny.df(
        "select * from queue_wait_hist"
        " where day between $a and $b and segment in ('gold', 'diamond')",
        {"a": period.start, "b": period.end},
    )
    bounds = np.asarray(catalog.rollup("queue_wait_hist").bucket_bounds(), dtype=float)
    for g in sets:
        got = found[g][found[g]["period"] == "cur"]
        groups = base.groupby(list(g)) if g else [((), base)]
        expected = {}
        for key, rows in groups:
            counts = rows.groupby("bucket_min")["n"].sum().reindex(bounds, fill_value=0)
            value, low, high, n = quantile_with_interval(bounds, counts.to_numpy(), metric.quantile)
            expected[key if isinstance(key, tuple) else (key,)] = (
                value * 60,
                low * 60,
                high * 60,
                n,
            )
        assert len(got) == len(expected) > 0
        for row in got.itertuples(index=False):
            key = tuple(getattr(row, c) for c in g)
            assert (row.value, row.low, row.high, row.n) == pytest.approx(expected[key])
