"""The scorecard's rules, totals, contributions, versions and honest ranks, against worked
examples and constructed cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pulse import filters
from pulse.scorecard import data, definition, ranks, scoring
from pulse.scorecard.definition import CardError, Deduction, Rule

LINEAR_UP = Rule("queue_within_10min", 20, "linear", target=0.9, floor=0.6)
LINEAR_DOWN = Rule("queue_wait_p90", 15, "linear", target=900, floor=1800)
PER_UNIT_DOWN = Rule("queue_walkaway_rate", 10, "per_unit", target=0.03, per=0.01, points=2)
PER_UNIT_UP = Rule("sat_index", 20, "per_unit", target=85, per=1, points=3)
ESCALATED = Deduction("escalated", "complaint_escalation_rate", "numerator", 0.1, most=5)


@pytest.mark.parametrize(
    ("rule", "higher", "value", "expected"),
    [
        (LINEAR_UP, True, 0.75, 10.0),  # half way from 0.6 to 0.9: half of 20
        (LINEAR_UP, True, 0.9, 20.0),
        (LINEAR_UP, True, 0.95, 20.0),  # capped at full marks
        (LINEAR_UP, True, 0.5, 0.0),  # below the floor: nothing, never negative
        (LINEAR_DOWN, False, 1350, 7.5),  # 22.5 min: half way from 30 to 15 min
        (LINEAR_DOWN, False, 600, 15.0),
        (LINEAR_DOWN, False, 2000, 0.0),
        (PER_UNIT_DOWN, False, 0.055, 5.0),  # 2.5 points over 3 %: 2.5 x 2 off 10
        (PER_UNIT_DOWN, False, 0.02, 10.0),  # better than target: full marks
        (PER_UNIT_DOWN, False, 0.20, 0.0),  # 17 points over: floored at 0
        (PER_UNIT_UP, True, 80, 5.0),  # 5 below 85, 3 off per point: 20 - 15
        (PER_UNIT_UP, True, 86, 20.0),
    ],
)
def test_points_against_worked_examples(rule, higher, value, expected):
    assert scoring.points(rule, higher, value, rule.target) == pytest.approx(expected)


def test_points_of_an_array_keep_not_enough_data_apart():
    got = scoring.points(LINEAR_UP, True, np.array([0.75, np.nan]), 0.9)
    assert got[0] == pytest.approx(10.0) and math.isnan(got[1])


@pytest.mark.parametrize(("count", "expected"), [(7, 0.7), (80, 5.0), (0, 0.0), (np.nan, 0.0)])
def test_deductions_per_case_capped(count, expected):
    assert scoring.deduction(ESCALATED, count) == pytest.approx(expected)


def _version(valid_from="2026-01", weights=(50, 30, 20)):
    rules = (
        Rule("queue_within_10min", weights[0], "linear", target=0.9, floor=0.6),
        Rule("queue_walkaway_rate", weights[1], "per_unit", target=0.03, per=0.01, points=2),
        Rule("sat_index", weights[2], "linear", target=85, floor=70),
    )
    return definition.Version(valid_from, rules, (ESCALATED,))


def _values(rows: dict[str, tuple]) -> pd.DataFrame:
    """unit -> (within_10, walkaway, sat or None when below min n, escalated)."""
    out = {}
    for unit, (within, walk, sat, escalated) in rows.items():
        out[unit] = {
            "value__queue_within_10min": within,
            "enough__queue_within_10min": True,
            "value__queue_walkaway_rate": walk,
            "enough__queue_walkaway_rate": True,
            "value__sat_index": np.nan if sat is None else sat,
            "enough__sat_index": sat is not None,
            "count__escalated": escalated,
        }
    return pd.DataFrame.from_dict(out, orient="index")


TARGETS = {"queue_within_10min": 0.9, "queue_walkaway_rate": 0.03, "sat_index": 85}


def test_totals_rescale_over_the_metrics_a_unit_has():
    values = _values(
        {
            "A": (0.75, 0.04, 77.5, 12),  # 25 + (30 - 2) + 10 - 12 x 0.1 = 61.8
            "B": (0.9, 0.03, None, 0),  # 50 + 30 of 80 weighed: scaled to 100
            "C": (0.9, 0.03, 80.0, 80),  # 50 + 30 + 20 x 10/15, less 8 capped at 5
        }
    )
    scored = scoring.score(_version(), values, TARGETS, min_coverage=60)
    assert scored.loc["A", "total"] == pytest.approx(61.8)
    assert scored.loc["A", "coverage"] == 100 and not scored.loc["A", "partial"]
    assert scored.loc["B", "total"] == pytest.approx(100.0)
    assert scored.loc["B", "coverage"] == 80 and scored.loc["B", "partial"]
    assert math.isnan(scored.loc["B", "pts__sat_index"])  # not enough data, not zero
    assert scored.loc["C", "pts__sat_index"] == pytest.approx(20 * 10 / 15)
    assert scored.loc["C", "total"] == pytest.approx(50 + 30 + 20 * 10 / 15 - 5)
    for unit in "ABC":  # the total is its parts
        row = scored.loc[unit]
        parts = row.filter(like="scaled__").fillna(0).sum() - row.filter(like="ded__").sum()
        assert row["total"] == pytest.approx(parts, abs=1e-12)


def test_deductions_stop_at_a_total_of_zero_and_still_add_up():
    # D earns 5 points (within 10 at 0.63: 50 x 0.03 / 0.3; walk-aways and satisfaction at
    # their floors), and loses 4 for escalations and 6 for whole days over the promise: 10 in
    # all, cut to 5 in the same proportion (2 and 3), so the total is 0, not -5
    days = Deduction("wait_days", "queue_days_over_promise", "value", 2.0)
    version = definition.Version("2026-01", _version().rules, (ESCALATED, days))
    values = _values({"D": (0.63, 0.2, 70.0, 40), "E": (0.9, 0.03, 85.0, 10)})
    values["count__wait_days"] = [3, 1]
    scored = scoring.score(version, values, TARGETS, min_coverage=60)
    d, e = scored.loc["D"], scored.loc["E"]
    assert d["total"] == 0.0 and d["deductions_cut"]
    assert (d["ded__escalated"], d["ded__wait_days"]) == pytest.approx((2.0, 3.0))
    # E's deductions are far below its points: taken whole (1 + 2 off 100)
    assert e["total"] == pytest.approx(97.0) and not e["deductions_cut"]
    assert scoring.contributions(e, version, d, version).sum() == pytest.approx(97.0)


def test_no_total_below_the_minimum_coverage():
    values = _values({"A": (0.75, 0.04, None, 0)})
    scored = scoring.score(_version(weights=(30, 20, 50)), values, TARGETS, min_coverage=60)
    assert scored.loc["A", "coverage"] == 50 and math.isnan(scored.loc["A", "total"])


def test_contributions_add_up_exactly_between_units_and_versions():
    old, new = _version("2025-01", (50, 30, 20)), _version("2026-01", (40, 20, 40))
    values = _values({"A": (0.75, 0.04, 77.5, 12), "B": (0.88, 0.05, None, 3)})
    a = scoring.score(old, values, TARGETS, 60).loc["A"]
    b = scoring.score(old, values, TARGETS, 60).loc["B"]
    b_new = scoring.score(new, values, TARGETS, 60).loc["B"]
    for (x, vx), (y, vy) in [((a, old), (b, old)), ((a, old), (b_new, new))]:
        parts = scoring.contributions(x, vx, y, vy)
        assert set(parts.index) == {*old.metric_ids, "ded__escalated"}
        assert parts.sum() == pytest.approx(x["total"] - y["total"], abs=1e-9)
    # the deduction's part: B lost 0.3, A 1.2, so it counts 0.9 against A
    assert scoring.contributions(a, old, b, old)["ded__escalated"] == pytest.approx(-0.9)


CARD = """
level = "{level}"
[[version]]
valid_from = "2026-01"
[[version.metric]]
metric = "{metric}"
weight = {weight}
rule = "linear"
floor = 0.6
target = 0.9
[[version.metric]]
metric = "queue_walkaway_rate"
weight = 30
rule = "per_unit"
target = 0.03
per = 0.01
points = 2
"""


@pytest.mark.parametrize(
    ("level", "metric", "weight", "message"),
    [
        ("city", "queue_within_10min", 60, "weights add up to 90, not 100"),
        ("city", "no_such_metric", 70, "unknown metric 'no_such_metric'"),
        ("hall", "hotline_service_level", 70, "hotline_service_level is not available by hall"),
        ("town", "queue_within_10min", 70, "level must be one of city, hall, tier"),
        ("city", "queue_tickets", 70, "a volume has no better direction"),
    ],
)
def test_a_card_is_checked_on_load(level, metric, weight, message):
    import tomllib

    raw = tomllib.loads(CARD.format(level=level, metric=metric, weight=weight))
    with pytest.raises(CardError, match=message):
        definition.parse(raw, "test.toml")


def test_a_floor_on_the_wrong_side_is_refused():
    import tomllib

    raw = tomllib.loads(CARD.format(level="city", metric="queue_within_10min", weight=70))
    raw["version"][0]["metric"][0]["floor"] = 0.95
    with pytest.raises(CardError, match="floor must be worse than the target"):
        definition.parse(raw, "test.toml")


def test_the_example_cards_load():
    cards = definition.cards()
    assert {"cities", "halls"} <= set(cards)
    assert cards["cities"].level == "city" and cards["halls"].level == "hall"
    for card in cards.values():
        for version in card.versions:
            assert sum(r.weight for r in version.rules) == 100


def _card(versions):
    return definition.Card("t", "T", "T", "hall", 60, tuple(versions))


def test_a_past_month_keeps_the_version_in_force_then(tiny):
    from pulse import dimensions

    dims = dimensions.load(tiny)
    first = _version("2026-01", (50, 30, 20))
    before = data.score_month(tiny, _card([first]), filters.Filter(), "2026-09", dims)
    second = _version("2026-10", (20, 30, 50))
    card = _card([first, second])
    assert card.version_for("2025-12") is None
    assert card.version_for("2026-09") is first and card.version_for("2026-10") is second
    after = data.score_month(tiny, card, filters.Filter(), "2026-09", dims)
    assert after.version is first
    pd.testing.assert_series_equal(before.units["total"], after.units["total"])
    october = data.score_month(tiny, card, filters.Filter(), "2026-10", dims)
    assert october.version is second


def _shares(rows: dict[str, tuple[int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["num", "den"])
    return pd.DataFrame(
        {
            "value__queue_within_10min": frame["num"] / frame["den"],
            "enough__queue_within_10min": True,
            "num__queue_within_10min": frame["num"].astype(float),
            "den__queue_within_10min": frame["den"].astype(float),
        }
    )


def _ranked(rows, groups=None):
    version = definition.Version(
        "2026-01", (Rule("queue_within_10min", 100, "linear", target=0.95, floor=0.5),)
    )
    values = _shares(rows)
    goals = {"queue_within_10min": 0.95}
    scored = scoring.score(version, values, goals, 60)
    drawn = ranks.simulate(version, values, goals, scored)
    found = ranks.intervals(drawn, scored["total"].to_numpy(), groups)
    found.index = values.index
    return found


def test_two_equal_units_overlap_and_a_worse_one_does_not():
    found = _ranked({"A": (800, 1000), "B": (800, 1000), "C": (600, 1000)})
    a, b, c = (found.loc[u] for u in "ABC")
    assert a["rank_low"] == 1 and a["rank_high"] == 2 and b["rank_low"] == 1 and b["rank_high"] == 2
    assert c["rank_low"] == c["rank_high"] == 3
    assert a["band"] == b["band"] == 1 and c["band"] == 2
    assert c["total_high"] < min(a["total_low"], b["total_low"])
    assert ranks.verdict_counts(found) == {"ahead": 0, "behind": 1, "middle": 2, "ranked": 3}


def test_the_same_draws_every_time_and_ranks_within_groups():
    rows = {"A": (800, 1000), "B": (700, 1000), "C": (600, 1000), "D": (900, 1000)}
    first = _ranked(rows, groups=["x", "x", "y", "y"])
    assert first.equals(_ranked(rows, groups=["x", "x", "y", "y"]))
    assert first["rank"].tolist() == [1, 2, 2, 1]
