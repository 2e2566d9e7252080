"""What the Hotline page shows: the headline per queue on the hand-made store, and the what-if
calculator against the Call Centre Helper worked example."""

from __future__ import annotations

import datetime as dt

import pytest

from pulse import catalog, dimensions, filters, plan, rollups
from pulse.filters import Filter
from pulse.hotline import data as hotline
from pulse.hotline import whatif

TWO_DAYS = Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
AS_OF = dt.date(2026, 10, 31)


def build(store, f=TWO_DAYS, queue=None):
    return hotline.build(store, f, dimensions.load(store), AS_OF, queue)


def test_headline_for_every_queue(handmade):
    tiles = build(handmade).tiles.set_index("metric_id")
    assert list(tiles.index) == list(hotline.TILE_METRICS)
    expected = {
        "hotline_offered": 6,
        "hotline_answer_rate": 3 / 5,
        "hotline_service_level": 2 / 4,  # the 3-second abandon is left out
        "hotline_abandon_rate": 1 / 4,
        "hotline_abandon_queued_rate": 2 / 5,  # both abandons, of the five calls that waited
        "hotline_asa": 25.0,
        "hotline_aht": 300.0,
        "hotline_fcr": 2 / 3,
        "hotline_ivr_share": 1 / 6,
    }
    assert tiles["value"].to_dict() == pytest.approx(expected)


def test_headline_of_one_queue(handmade):
    v = build(handmade, queue="general")
    tiles = v.tiles.set_index("metric_id")["value"]
    assert tiles["hotline_offered"] == 5
    assert tiles["hotline_answer_rate"] == pytest.approx(2 / 4)
    assert tiles["hotline_service_level"] == pytest.approx(1 / 3)
    assert v.days_with_calls == 2


def test_every_queue_side_by_side(handmade):
    by_queue = build(handmade).by_queue
    level = by_queue[by_queue["metric_id"] == "hotline_service_level"]
    assert level.set_index("queue_id")["value"].to_dict() == pytest.approx(
        {"general": 1 / 3, "vip": 1.0}
    )


def test_a_hall_filter_is_named_as_not_applied(handmade):
    v = build(handmade, TWO_DAYS.with_(halls=("SZ-001",)))
    assert v.not_applied["hotline_offered"] == ["hall"]
    assert v.tiles.set_index("metric_id").loc["hotline_offered", "value"] == 6


def test_daily_trend(handmade):
    v = build(handmade)
    got = hotline.trend(v.daily, "hotline_offered", v.period)
    assert got["value"].tolist() == [4, 2]


def test_no_calls_means_no_data(handmade):
    empty = Filter(period="custom", start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 7))
    assert not build(handmade, empty).has_data


@pytest.mark.parametrize(
    ("f", "needed", "by_day", "expected"),
    [
        # the headline and trends: no half hour, by day or whole months
        (Filter(), {"day", "queue_id"}, True, "hotline_daily"),
        (Filter(cities=("SZ",)), {"city_id"}, False, "hotline_monthly"),
        # half hours: per queue for everyone, with the segment for a segment, else the rollup
        (Filter(), {"day", "slot", "queue_id"}, True, "hotline_queue_interval"),
        (Filter(segments=("vip",)), {"slot", "queue_id"}, False, "hotline_segment_interval"),
        (Filter(cities=("SZ",)), {"slot", "queue_id"}, False, "hotline_interval"),
        (Filter(cities=("SZ",), segments=("vip",)), {"slot", "queue_id"}, True, "hotline_interval"),
    ],
)
def test_the_smallest_copy_that_answers_is_read(f, needed, by_day, expected):
    columns = filters.applied_columns(f, "hotline_interval") | needed
    chosen = plan.choose(catalog.rollup("hotline_interval"), columns, by_day)
    assert chosen.table == expected


def test_the_thresholds_are_settings(handmade, tmp_path, monkeypatch):
    # calls answered after 10 s, 60 s and 5 s; one caller hung up after 3 s in the queue
    (tmp_path / "settings.toml").write_text(
        "[hotline]\nservice_level_s = 5\nshort_abandon_s = 2\n", encoding="utf-8"
    )
    monkeypatch.setenv("PULSE_SETTINGS", str(tmp_path / "settings.toml"))
    query = "select sum(n_answered_20s), sum(n_short_abandoned) from hotline_daily"
    with handmade.cursor() as cur:
        assert cur.execute(query).fetchone() == (2, 1)  # 20 s and 5 s
        cur.execute("begin transaction")
        rollups.refresh(cur, "hotline_interval")
        assert cur.execute(query).fetchone() == (1, 0)
        cur.execute("rollback")


def test_whatif_call_centre_helper_worked_example():
    # Call Centre Helper's example: 100 calls in 30 minutes, AHT 180 s, 80% answered in 20 s,
    # 30% shrinkage, 85% maximum occupancy -> 14 agents taking calls, 20 to roster, service
    # level 88.8%, ASA 7.8 s, occupancy 71.4%, probability of waiting 17.4% (figures as
    # printed by the CRAN package ErlangC 0.1.0 for the same example)
    got = whatif.calculate(100, 180, 0.8, 20, shrinkage=0.3, max_occupancy=0.85)
    assert (got.agents_taking_calls, got.agents_scheduled) == (14, 20)
    assert got.result.service_level == pytest.approx(0.88835, abs=5e-6)
    assert got.result.asa_s == pytest.approx(7.835937, abs=5e-6)
    assert got.result.occupancy == pytest.approx(0.7142857, abs=5e-7)
    assert got.result.p_wait == pytest.approx(0.1741319, abs=5e-7)
    curve = got.curve.set_index("agents")
    assert curve.index.min() >= 10 and curve.index.max() >= 14 + 10
    assert curve.loc[14, "service_level"] == pytest.approx(got.result.service_level)
    assert got.abandon is None


def test_whatif_occupancy_cap_and_interval_length():
    # 60 calls in 15 minutes is the same load as 120 in 30
    assert whatif.calculate(60, 180, 0.8, 20, interval_s=900).agents_taking_calls == (
        whatif.calculate(120, 180, 0.8, 20).agents_taking_calls
    )
    # 15 Erlangs: a 70% occupancy cap needs at least 15 / 0.7 = 21.4 -> 22 agents
    capped = whatif.calculate(150, 180, 0.8, 20, max_occupancy=0.7)
    assert capped.agents_taking_calls == 22
    assert capped.result.occupancy <= 0.7


def test_whatif_with_patience_estimates_abandonment():
    got = whatif.calculate(100, 180, 0.8, 20, patience_s=120)
    assert got.abandon is not None
    # only callers who wait can hang up, and with 120 s of patience some of them do
    assert 0 < got.abandon.p_abandon < got.abandon.p_wait


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((100, 0, 0.8, 20), {}), ((100, 180, 1.2, 20), {}), ((100, 180, 0.8, 20), {"shrinkage": 1})],
)
def test_whatif_refuses_impossible_inputs(args, kwargs):
    with pytest.raises(ValueError):
        whatif.calculate(*args, **kwargs)


def test_periods_longer_than_a_month_show_only_the_average_day(handmade):
    year = filters.resolve(Filter(period="last_year"), AS_OF)
    assert year.days > hotline.MAX_TIMELINE_DAYS
    assert hotline.slot_label(19) == "09:30"
