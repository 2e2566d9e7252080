"""The contribution breakdown (pulse.explain) against a hand-worked example on the hand-made
store, and on the tiny store the invariant that every breakdown adds up to its gap."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import PERIOD, TWO_DAYS

from pulse import catalog, dimensions, explain, filters, kpis, measures, targets, values

# The hand-made store's six tickets (tests/fixtures/handmade/queue_ticket.csv), two days:
#   1 GZ-001 new_line regular 09:00 waits  5 min     2 GZ-001 billing  regular 09:10 15 min
#   3 GZ-001 new_line gold    10:00         1 min     4 GZ-001 billing  regular 10:00 walked away
#   5 SZ-001 billing  regular 11:00         8 min     6 SZ-001 new_line regular 11:00 30 min
# Called within 10 min: 3 of 5 called = 0.6; against a target of 0.9 the gap is 0.3.
#   city GZ: 2 of 3 -> 3/5 x (0.9 - 2/3) = 0.14     SZ: 1 of 2 -> 2/5 x (0.9 - 1/2) = 0.16
#   segment regular: 2 of 4 -> 4/5 x 0.4 = 0.32     gold: 1 of 1 -> 1/5 x (0.9 - 1) = -0.02
#   hour 9: 1 of 2 -> 0.16, 10: 1 of 1 -> -0.02, 11: 1 of 2 -> 0.16
WITHIN = [
    ("city", [("SZ", 2, 0.5, 0.16), ("GZ", 3, 2 / 3, 0.14)]),
    ("hall", [("SZ-001", 2, 0.5, 0.16), ("GZ-001", 3, 2 / 3, 0.14)]),
    ("segment", [("regular", 4, 0.5, 0.32), ("gold", 1, 1.0, -0.02)]),
    ("service_type", [("billing", 2, 0.5, 0.16), ("new_line", 3, 2 / 3, 0.14)]),
    ("hour", [(9, 2, 0.5, 0.16), (11, 2, 0.5, 0.16), (10, 1, 1.0, -0.02)]),
]
# Mean wait (lower is better): 300, 900, 60, 480, 1800 s -> 708 s; target 480 s, gap 228 s.
#   GZ (300 + 900 + 60) / 3 = 420 -> 3/5 x (420 - 480) = -36; SZ 1140 -> 2/5 x 660 = 264
#   regular 870 -> 4/5 x 390 = 312; gold 60 -> 1/5 x -420 = -84
WAIT = [
    ("city", [("SZ", 2, 1140.0, 264.0), ("GZ", 3, 420.0, -36.0)]),
    ("segment", [("regular", 4, 870.0, 312.0), ("gold", 1, 60.0, -84.0)]),
    ("hour", [(11, 2, 1140.0, 264.0), (9, 2, 600.0, 48.0), (10, 1, 60.0, -84.0)]),
]


def _rows(frame):
    return [
        (r["key"], r["n"], r["basis_value"], r["contribution"]) for r in frame.to_dict("records")
    ]


def _close(found, expected):
    assert len(found) == len(expected)
    for (key, n, value, part), (e_key, e_n, e_value, e_part) in zip(found, expected, strict=True):
        assert (key, n) == (e_key, e_n)
        assert value == pytest.approx(e_value)
        assert part == pytest.approx(e_part)


@pytest.mark.parametrize(("dimension", "expected"), WITHIN)
def test_called_within_ten_minutes_by_hand(handmade, dimension, expected):
    metric = catalog.metric("queue_within_10min")
    found = explain.explain(handmade, metric, TWO_DAYS, PERIOD, 0.9)
    assert (found.value, found.n, found.basis) == (pytest.approx(0.6), 5, "value")
    assert found.gap == pytest.approx(0.3)
    _close(_rows(found.parts[dimension]), expected)


@pytest.mark.parametrize(("dimension", "expected"), WAIT)
def test_mean_wait_by_hand_lower_is_better(handmade, dimension, expected):
    found = explain.explain(handmade, catalog.metric("queue_wait_mean"), TWO_DAYS, PERIOD, 480)
    assert found.value == pytest.approx(708.0)
    assert found.gap == pytest.approx(228.0)
    _close(_rows(found.parts[dimension]), expected)


def test_a_quantile_is_explained_by_the_share_beyond_its_target(handmade):
    # waits of 5, 15, 1, 8, 30 min: 2 of 5 at or past 10 min = 0.4 against 1 - 0.9 = 0.1
    # GZ 1 of 3 -> 3/5 x (1/3 - 0.1) = 0.14; SZ 1 of 2 -> 2/5 x (0.5 - 0.1) = 0.16
    found = explain.explain(handmade, catalog.metric("queue_wait_p90"), TWO_DAYS, PERIOD, 600)
    assert found.basis == "beyond"
    assert found.gap == pytest.approx(0.3)
    _close(_rows(found.parts["city"]), [("SZ", 2, 0.5, 0.16), ("GZ", 3, 1 / 3, 0.14)])


def test_nps_splits_as_the_mean_of_plus_and_minus_a_hundred(handmade):
    # recommend scores: GZ-001 hall 10 and 5 (NPS 0), GZ hotline 8 (0), SZ app 9 (100)
    # NPS 25 against 30: gap 5 = hall 2/4 x 30 + hotline 1/4 x 30 + app 1/4 x -70
    found = explain.explain(handmade, catalog.metric("nps"), TWO_DAYS, PERIOD, 30)
    assert found.value == pytest.approx(25.0)
    _close(
        _rows(found.parts["touchpoint"]),
        [("hall", 2, 0.0, 15.0), ("hotline", 1, 0.0, 7.5), ("app", 1, 100.0, -17.5)],
    )
    # surveys taken away from a hall are a part of their own, so the halls still add up
    assert [r[0] for r in _rows(found.parts["hall"])] == ["GZ-001", explain.NO_KEY]


def test_contributions_add_up_and_ignore_empty_parts():
    each, value, gap = explain.contributions([3, 2, 0], [2 / 3, 0.5, np.nan], 0.9, True)
    assert each == pytest.approx([0.14, 0.16, 0.0])
    assert (value, gap) == (pytest.approx(0.6), pytest.approx(0.3))
    nothing = explain.contributions([0, 0], [1.0, 1.0], 0.9, True)
    assert list(nothing[0]) == [0.0, 0.0] and math.isnan(nothing[1])


def test_a_count_is_not_explained(handmade):
    with pytest.raises(ValueError, match="not explained"):
        explain.explain(handmade, catalog.metric("queue_tickets"), TWO_DAYS, PERIOD, 1)


@pytest.fixture(scope="module")
def tiny_quarter(tiny):
    f = filters.Filter(period="last_90", compare="none")
    return f, filters.resolve(f, dimensions.load(tiny).as_of)


@pytest.mark.parametrize("metric", [m.id for m in catalog.headline()])
def test_every_breakdown_adds_up_to_the_tiles_gap(tiny, tiny_quarter, metric):
    f, period = tiny_quarter
    m = catalog.metric(metric)
    target = targets.pick(targets.for_year(tiny, period.end.year), m.id)
    assert target is not None
    raw = measures.fetch(tiny, [m], f, period, [()])[()]
    tile = kpis.with_targets(values.evaluate([m], raw, (), period), targets.for_year(tiny, 2026), f)
    found = explain.explain(tiny, m, f, period, target.value)
    assert found.value == pytest.approx(float(tile["value"].iloc[0]))
    assert found.n == pytest.approx(float(tile["n"].iloc[0]))
    assert found.parts
    for name, parts in found.parts.items():
        assert parts["contribution"].sum() == pytest.approx(found.gap, abs=1e-9), name
        assert parts["weight"].sum() > 0, name
