"""Rows told apart by their keys without a pandas index (pulse.keys), and what is built on
them: a period's rows lined up with the keys (values.Aligned), two rollups' frames side by
side (measures._join) and sums up to coarser keys (measures.regroup). Literal expected
rows, nulls and missing periods included."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pulse import keys, measures, values
from pulse.catalog import metric
from pulse.filters import Period

NAN = float("nan")


def test_slots_number_the_keys_in_key_order_with_nulls_last():
    city = pd.Series(["SZ", "GZ", None, "SZ", "GZ"], dtype=object)
    hall = pd.Series(["b", "a", "c", "a", "a"], dtype=object)
    slot, distinct = keys.slots({"city": city, "hall": hall})
    # (GZ, a) (SZ, a) (SZ, b) (None, c): rows 1 and 4 share a key
    assert slot.tolist() == [2, 0, 3, 1, 0]
    assert distinct["city"].tolist() == ["GZ", "SZ", "SZ", None]
    assert distinct["hall"].tolist() == ["a", "a", "b", "c"]


def test_slots_of_no_rows():
    slot, distinct = keys.slots({"city": pd.Series([], dtype=object)})
    assert slot.tolist() == [] and distinct["city"].tolist() == []


def test_regroup_sums_to_coarser_keys_and_an_all_missing_group_stays_missing():
    raw = pd.DataFrame(
        {
            "period": ["cur", "cur", "cur", "cmp", "cur"],
            "week": ["w2", "w1", "w1", "w1", "w3"],
            "calls__numerator": [1.0, 2.0, 3.0, 4.0, NAN],
        }
    )
    out = measures.regroup(raw, ["week"])
    expected = pd.DataFrame(
        {
            "period": ["cmp", "cur", "cur", "cur"],
            "week": ["w1", "w1", "w2", "w3"],
            "calls__numerator": [4.0, 5.0, 1.0, NAN],
        }
    )
    pd.testing.assert_frame_equal(out, expected, check_dtype=False)


def test_join_puts_two_rollups_side_by_side_on_every_key_of_either():
    left = pd.DataFrame(
        {"period": ["cur", "cur"], "city_id": ["SZ", "GZ"], "a__numerator": [1.0, 2.0]}
    )
    # the hotline has no row for GZ, and one for a city the surveys lack; an all-null key
    # comes back from DuckDB as float
    right = pd.DataFrame(
        {
            "period": ["cur", "cur", "cmp"],
            "city_id": ["SZ", "FS", np.nan],
            "b__numerator": [10.0, 30.0, 40.0],
        }
    )
    out = measures._join([left, right], ("city_id",))
    assert out["period"].tolist() == ["cmp", "cur", "cur", "cur"]
    assert out["city_id"].tolist() == [None, "FS", "GZ", "SZ"]
    np.testing.assert_array_equal(out["a__numerator"], [NAN, NAN, 2.0, 1.0])
    np.testing.assert_array_equal(out["b__numerator"], [40.0, 30.0, NAN, 10.0])


def test_join_puts_every_rollup_side_by_side_at_once_an_empty_one_adding_its_columns():
    surveys = pd.DataFrame({"period": ["cur"], "city_id": ["SZ"], "a__numerator": [1.0]})
    empty = pd.DataFrame({"period": [], "city_id": [], "e__numerator": []})
    hotline = pd.DataFrame(
        {"period": ["cur", "cur"], "city_id": ["GZ", "SZ"], "b__numerator": [5.0, 6.0]}
    )
    counts = pd.DataFrame(  # an integer column that has a row for every key keeps its type
        {"period": ["cur", "cur"], "city_id": ["SZ", "GZ"], "c__numerator": [7, 8]}
    )
    out = measures._join([surveys, empty, hotline, counts], ("city_id",))
    assert list(out.columns) == [
        "period", "city_id", "a__numerator", "e__numerator", "b__numerator", "c__numerator"
    ]  # fmt: skip
    assert out["city_id"].tolist() == ["GZ", "SZ"]
    np.testing.assert_array_equal(out["a__numerator"], [NAN, 1.0])
    assert out["e__numerator"].isna().all()
    np.testing.assert_array_equal(out["b__numerator"], [5.0, 6.0])
    assert out["c__numerator"].tolist() == [8, 7] and out["c__numerator"].dtype == np.int64
    # one frame with rows among empty ones comes back as it is, with their columns after
    alone = measures._join([empty, surveys], ("city_id",))
    assert list(alone.columns) == ["period", "city_id", "a__numerator", "e__numerator"]
    assert alone["city_id"].tolist() == ["SZ"]


def test_evaluate_lines_each_period_up_with_the_keys_of_both():
    m = metric("hotline_service_level")  # a share: numerator over denominator
    raw = pd.DataFrame(
        {
            "period": ["cur", "cmp", "cur", "cmp"],
            "queue_id": ["vip", "vip", "mass", "old"],
            f"{m.id}__numerator": [80.0, 60.0, 30.0, 5.0],
            f"{m.id}__denominator": [100.0, 100.0, 40.0, 10.0],
        }
    )
    period = Period(
        dt.date(2026, 1, 1), dt.date(2026, 1, 31), dt.date(2025, 12, 1), dt.date(2025, 12, 31)
    )
    out = values.evaluate([m], raw, ("queue_id",), period)
    # in key order; "old" had calls only before, "mass" only now
    assert out["queue_id"].tolist() == ["mass", "old", "vip"]
    np.testing.assert_array_equal(out["value"], [0.75, NAN, 0.8])
    np.testing.assert_array_equal(out["cmp_value"], [NAN, 0.5, 0.6])
    np.testing.assert_array_equal(out["n"], [40.0, NAN, 100.0])
    np.testing.assert_allclose(out["delta"], [NAN, NAN, 0.2])


def test_evaluate_a_total_with_no_comparison_rows():
    m = metric("hotline_service_level")
    raw = pd.DataFrame(
        {
            "period": ["cur"],
            f"{m.id}__numerator": [8.0],
            f"{m.id}__denominator": [10.0],
        }
    )
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    out = values.evaluate([m], raw, (), period)
    assert len(out) == 1
    assert out["value"].iloc[0] == 0.8 and np.isnan(out["cmp_value"].iloc[0])


def test_regroup_adds_histograms_bucket_by_bucket():
    raw = pd.DataFrame(
        {
            "period": ["cur", "cur", "cur"],
            "week": ["w1", "w1", "w2"],
            "wait__hist": [{0: 2, 60: 1}, {60: 3, 120: 1}, None],
            "wait__numerator": [1.0, 2.0, 3.0],
        }
    )
    out = measures.regroup(raw, ["week"])
    assert out["week"].tolist() == ["w1", "w2"]
    assert out["wait__hist"].tolist() == [{0: 2, 60: 4, 120: 1}, {}]
    assert out["wait__numerator"].tolist() == [3.0, 3.0]


def test_regroup_of_no_rows_has_the_columns():
    raw = pd.DataFrame({"period": [], "week": [], "calls__numerator": []})
    out = measures.regroup(raw, ["week"])
    assert list(out.columns) == ["period", "week", "calls__numerator"] and out.empty
