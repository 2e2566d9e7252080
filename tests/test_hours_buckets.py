"""The hours buckets of the complaint histograms are said twice, as the store's macro
hours_bucket (queries/schema/019) and as the catalogue's bounds: they must agree."""

from __future__ import annotations

import pytest

from pulse import catalog


@pytest.mark.parametrize("rollup_id", ["complaint_resolution_hist", "complaint_response_hist"])
def test_the_store_puts_each_hour_in_the_catalogue_bucket(handmade, rollup_id):
    bounds = catalog.rollup(rollup_id).bucket_bounds()
    hours = [b + d for b in bounds for d in (0, 0.5)] + [b - 0.01 for b in bounds[1:]]
    found = dict(
        handmade.df(
            "select h, hours_bucket(h) as bucket from unnest($hours) as u(h)", {"hours": hours}
        ).values.tolist()
    )
    for h in hours:
        expected = max(b for b in bounds if b <= h)
        assert found[h] == expected, f"{h} h"
