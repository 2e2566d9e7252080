"""What the Queues page shows, on the hand-made store (values worked out by hand) and on the
generated tiny store (properties that must hold for any data)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from pulse import catalog, copies, dimensions, filters, measures, values
from pulse.filters import Filter
from pulse.queues import data as queues

TWO_DAYS = Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
AS_OF = dt.date(2026, 10, 31)
PERIOD = filters.resolve(TWO_DAYS, AS_OF)


@pytest.mark.parametrize(
    ("f", "rollup", "needed", "expected"),
    [
        (Filter(), queues.HOURLY, (), "queue_city_hourly"),
        (Filter(cities=("GZ",)), queues.HOURLY, ("hour",), "queue_city_hourly"),
        (Filter(segments=("gold",)), queues.LANE_HIST, (), "queue_lane_wait_hist_city"),
        (Filter(halls=("GZ-001",)), queues.HOURLY, ("hour",), "queue_hall_hourly"),
        (Filter(), queues.HOURLY, queues.SERVICE, "queue_city_service_daily"),
        (Filter(halls=("GZ-001",)), queues.HOURLY, queues.SERVICE, "queue_hall_service_daily"),
        (Filter(halls=("GZ-001",)), queues.LANE_HIST, (), "queue_lane_wait_hist"),
        # brand is honoured by no copy: it does not force the finer one
        (Filter(brands=("gotone",)), queues.HOURLY, (), "queue_city_hourly"),
    ],
)
def test_the_smallest_copy_that_keeps_the_filter_is_read(f, rollup, needed, expected):
    assert copies.daily(rollup, f, needed)[0] == expected


def test_choices_that_select_everything_are_dropped(handmade):
    dims = dimensions.load(handmade)
    everything = Filter(provinces=("GD",), cities=("GZ", "SZ"), segments=("regular", "gold"))
    assert filters.effective(everything, dims.options()) == Filter()
    some = Filter(provinces=("GD",), cities=("SZ",), segments=("gold",))
    assert filters.effective(some, dims.options()) == Filter(cities=("SZ",), segments=("gold",))
    hall = Filter(cities=("GZ", "SZ"), halls=("SZ-001",))
    assert filters.effective(hall, dims.options()) == hall  # halls keep their cities


def view(store, f=TWO_DAYS):
    return queues.build(store, f, dimensions.load(store), AS_OF)


def test_headline_values(handmade):
    tiles = view(handmade).tiles.set_index("metric_id")
    assert list(tiles.index) == list(queues.TILE_METRICS)
    assert tiles.loc["queue_within_10min", "value"] == pytest.approx(0.6)  # 3 of 5 called
    assert tiles.loc["queue_wait_mean", "value"] == pytest.approx(708.0)
    assert tiles.loc["queue_wait_p90", "value"] == pytest.approx(1830.0)
    assert tiles.loc["queue_walkaway_rate", "value"] == pytest.approx(1 / 6)
    assert tiles.loc["queue_service_mean", "value"] == pytest.approx(564.0)
    # GZ-001: 4 tickets / 14 counters; SZ-001: 2 tickets / 4 counters; mean of the hall-days
    assert tiles.loc["queue_tickets_per_counter", "value"] == pytest.approx((4 / 14 + 0.5) / 2)
    assert tiles.loc["queue_tickets_per_counter", "n"] == 2
    assert (tiles["status"] == "unknown").all()  # the hand-made store holds no targets


def test_tickets_per_counter_is_not_filtered_by_segment(handmade):
    got = view(handmade, TWO_DAYS.with_(segments=("gold",)))
    assert got.not_applied["queue_tickets_per_counter"] == ["segment"]
    assert got.not_applied["queue_within_10min"] == []


def test_hall_table_lists_every_hall_in_scope(handmade):
    halls = view(handmade).halls
    assert halls["branch_id"].tolist() == ["GZ-001", "SZ-001"]
    assert halls["n"].tolist() == [4, 2]
    assert halls["queue_within_10min__value"].tolist() == pytest.approx([2 / 3, 1 / 2])
    assert halls["queue_wait_mean__value"].tolist() == pytest.approx([420.0, 1140.0])
    # GZ-001 waited 1, 5 and 15 minutes: 90% of 3 (2.7) falls 0.7 into the 15-minute bucket;
    # SZ-001 waited 8 and 30: 1.8 falls 0.8 into the 30-minute one
    assert halls["queue_wait_p90__value"].tolist() == pytest.approx([15.7 * 60, 30.8 * 60])
    assert halls["queue_wait_p90__n"].tolist() == [3, 2]
    # 3 and 2 called tickets are below the metric's minimum of 50: nobody is ranked
    assert halls["rank"].isna().all()
    assert not halls["is_clearly_below"].any()


def test_hall_table_ranks_the_weakest_first(tiny):
    dims = dimensions.load(tiny)
    got = queues.build(tiny, Filter(period="last_30"), dims, dims.as_of).halls
    ranked = got[got["rank"].notna()]
    assert len(ranked) >= 2
    assert ranked["rank"].tolist() == sorted(ranked["rank"], reverse=True)
    best = ranked.loc[ranked["rank"] == 1, "queue_within_10min__value"].iloc[0]
    assert best == pytest.approx(ranked["queue_within_10min__value"].max())
    assert set(got["branch_id"]) == set(dims.halls["branch_id"])


def test_by_service_type(handmade):
    got = view(handmade).by_service
    within = got[got["metric_id"] == "queue_within_10min"].set_index("service_type")
    assert within["value"].to_dict() == pytest.approx({"billing": 1 / 2, "new_line": 2 / 3})
    assert within["n"].to_dict() == {"billing": 2, "new_line": 3}
    wait = got[got["metric_id"] == "queue_wait_mean"].set_index("service_type")["value"]
    assert wait.to_dict() == pytest.approx({"billing": 690.0, "new_line": 720.0})


def test_by_tier(handmade):
    got = view(handmade).by_tier
    tickets = got[got["metric_id"] == "queue_tickets"].set_index("tier")["value"]
    assert tickets.to_dict() == {"community": 2, "flagship": 4}


def test_heatmap_by_weekday_and_hour(handmade):
    heat = queues.heatmap(handmade, TWO_DAYS, PERIOD)
    # 30 Oct 2026 is a Friday (5), 31 Oct a Saturday (6)
    got = heat[["weekday", "hour", "n_days", "n_tickets", "per_day", "within_share"]]
    assert got.values.tolist() == [
        [5, 9, 1, 2, 2.0, 0.5],
        [5, 10, 1, 2, 2.0, 1.0],
        [6, 11, 1, 2, 2.0, 0.5],
    ]
    assert heat["wait_mean_s"].tolist() == pytest.approx([600.0, 60.0, 1140.0])
    assert heat["walkaway_share"].tolist() == pytest.approx([0.0, 0.5, 0.0])


def test_heatmap_reads_the_hall_grain_for_a_hall(handmade):
    heat = queues.heatmap(handmade, TWO_DAYS.with_(halls=("SZ-001",)), PERIOD)
    assert heat[["weekday", "hour", "n_tickets"]].values.tolist() == [[6, 11, 2]]


def test_wait_distribution_by_lane(handmade):
    dist = queues.wait_distribution(handmade, TWO_DAYS, PERIOD, "lane")
    regular = dist[dist["group"] == False]  # noqa: E712 - the lane flag is the group key
    assert regular["bucket_min"].tolist() == [5, 8, 15, 30]
    assert regular["cum_share"].tolist() == pytest.approx([0.25, 0.5, 0.75, 1.0])
    assert dist.loc[dist["group"] == True, "group_n"].tolist() == [1]  # noqa: E712


def test_wait_summary_against_statsmodels(handmade):
    dist = queues.wait_distribution(handmade, TWO_DAYS, PERIOD, "lane")
    summary = queues.wait_summary(dist).set_index("group")
    regular = summary.loc[False]
    assert regular["n"] == 4
    assert regular["within_share"] == pytest.approx(0.5)  # 5 and 8 minutes of 5, 8, 15, 30
    low, high = proportion_confint(2, 4, alpha=0.05, method="wilson")
    assert (regular["within_low"], regular["within_high"]) == pytest.approx((low, high))
    # the 2nd of 4 waits ends the 8-minute bucket: 9 min; 90% lies 0.6 into the 30-min one
    assert regular["median_s"] == pytest.approx(540.0)
    assert regular["p90_s"] == pytest.approx(30.6 * 60)


def test_wait_distribution_by_segment(handmade):
    dist = queues.wait_distribution(handmade, TWO_DAYS, PERIOD, "segment")
    assert dist.groupby("group")["n"].sum().to_dict() == {"gold": 1, "regular": 4}


def test_trend_by_day(handmade):
    v = view(handmade)
    got = queues.trend(v.daily, "queue_within_10min", v.period)
    assert got["value"].tolist() == pytest.approx([2 / 3, 1 / 2])
    assert got["n"].tolist() == [3, 2]
    both = queues.trends(v.daily, ("queue_wait_mean", "queue_wait_p90"), v.period)
    assert both["queue_wait_mean"]["value"].tolist() == pytest.approx([420.0, 1140.0])
    assert both["queue_wait_p90"].empty  # histograms are not fetched day by day


def test_an_empty_selection_has_no_data(handmade):
    empty = Filter(period="custom", start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 31))
    got = view(handmade, empty)
    assert not got.has_data
    assert got.tiles.empty or got.tiles["n"].fillna(0).eq(0).all()
    assert got.halls["n"].eq(0).all() and got.halls["rank"].isna().all()


def test_hall_p90_reads_whole_months_from_the_monthly_copies(handmade):
    october = Filter(
        period="custom", start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), compare="none"
    )
    period = filters.resolve(october, AS_OF)
    got = queues.hall_wait_p90(handmade, october, period).set_index("branch_id")
    assert got["value"].to_dict() == pytest.approx({"GZ-001": 15.7 * 60, "SZ-001": 30.8 * 60})
    regular = october.with_(segments=("regular",))
    assert queues.hall_wait_p90(handmade, regular, period)["value"].tolist() == pytest.approx(
        [15.8 * 60, 30.8 * 60]  # GZ-001's regular customers waited 5 and 15 minutes: 1.8 of 2
    )
    with handmade.cursor() as cur:  # the monthly rows, not the daily ones, answer October
        cur.execute("delete from queue_wait_hist_hall_monthly where branch_id = 'SZ-001'")
        cur.execute("delete from queue_wait_hist_hall_segment_monthly where branch_id = 'GZ-001'")
    handmade.clear_cache()
    assert list(queues.hall_wait_p90(handmade, october, period)["branch_id"]) == ["GZ-001"]
    assert list(queues.hall_wait_p90(handmade, regular, period)["branch_id"]) == ["SZ-001"]
    # a period that ends mid-month reads its days from the daily histogram
    assert list(queues.hall_wait_p90(handmade, TWO_DAYS, PERIOD)["branch_id"]) == [
        "GZ-001",
        "SZ-001",
    ]


def test_p90_tile_matches_the_catalogue_rollup(tiny):
    dims = dimensions.load(tiny)
    f = Filter(period="last_30", compare="previous")
    period = filters.resolve(f, dims.as_of)
    metric = catalog.metric("queue_wait_p90")
    raw = measures.fetch(tiny, [metric], f, period, [()])[()]
    expected = values.evaluate([metric], raw, (), period).iloc[0]
    got = queues.wait_p90_total(tiny, f, period).iloc[0]
    for column in ("value", "low", "high", "n", "cmp_value", "cmp_n"):
        assert got[column] == pytest.approx(expected[column]), column


def test_names_of_nearby_events_go_on_lines_of_their_own():
    from pulse.ui import charts

    fig = charts.figure()
    fig.add_scatter(x=pd.date_range("2025-01-01", "2025-12-31", freq="W"), y=[1] * 52)
    events = pd.DataFrame(
        {
            "starts_on": pd.to_datetime(["2025-02-01", "2025-09-20", "2025-10-01", "2025-12-10"]),
            "ends_on": pd.to_datetime(["2025-02-03", "2025-09-21", "2025-10-07", "2025-12-11"]),
            "title_en": ["Spring Festival", "Hangzhou halls: appointments", "National Day", "X"],
            "title_zh": ["春节", "杭州营业厅预约", "国庆", "X"],
        }
    )
    # the second and third names would overlap; the fourth is far enough from both
    assert charts.event_label_rows(fig, events, "en") == [0, 0, 1, 0]
