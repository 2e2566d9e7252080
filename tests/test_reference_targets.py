"""The demo's targets are coherent: no hall's target is laxer than its tier's or city's, and
no tier's or city's is laxer than the company's (issue 14: the worst hall read "near target")."""

from __future__ import annotations

import pandas as pd
import pytest

from pulse import catalog
from sample_data.geography import build_halls
from sample_data.places import CITIES
from sample_data.reference import target_rows
from sample_data.scales import SCALES


def _laxer(metric_id: str, unit: float, above: float) -> bool:
    """A unit's target asks less than the level above it."""
    higher = catalog.metric(metric_id).higher_is_better
    return unit < above - 1e-9 if higher else unit > above + 1e-9


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_no_unit_target_is_laxer_than_the_level_above(scale):
    sc = SCALES[scale]
    halls = build_halls(sc)
    rows = pd.DataFrame(target_rows(sc, halls))
    value = {(r.metric_id, r.level, r.level_key, r.year): r.target_value for r in rows.itertuples()}
    tier_of = dict(zip(halls.branch_id, halls.tier, strict=True))
    city_of = {b: b.split("-")[0] for b in halls.branch_id}
    laxer = []
    for r in rows[rows["level"] != "company"].itertuples():
        above = [("company", "all")]
        if r.level == "hall":
            above += [("tier", tier_of[r.level_key]), ("city", city_of[r.level_key])]
        for level, key in above:
            other = value.get((r.metric_id, level, key, r.year))
            if other is not None and _laxer(r.metric_id, r.target_value, other):
                laxer.append((r.metric_id, r.level, r.level_key, r.year, r.target_value, other))
    assert laxer == []
    assert set(rows["level"]) >= {"company", "tier", "hall"}  # the levels are still exercised
    assert set(city_of.values()) <= set(CITIES)
