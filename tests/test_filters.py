"""The global filter: periods, URL round trips, refusal of unknown values, and bound SQL."""

from __future__ import annotations

import datetime as dt

import pytest

from pulse import filters
from pulse.filters import Filter

D = dt.date
OPTIONS = filters.Options(
    provinces=("GD", "ZJ"),
    cities={"GZ": "GD", "SZ": "GD", "HZ": "ZJ"},
    halls={"GZ-001": "GZ", "SZ-001": "SZ", "HZ-001": "HZ"},
    segments=("regular", "gold"),
    brands=("gotone", "mzone"),
    channels=("hall", "hotline"),
)


@pytest.mark.parametrize(
    ("period", "compare", "expected"),
    [
        (
            "last_7",
            "previous",
            (D(2026, 10, 25), D(2026, 10, 31), D(2026, 10, 18), D(2026, 10, 24)),
        ),
        ("last_30", "previous", (D(2026, 10, 2), D(2026, 10, 31), D(2026, 9, 2), D(2026, 10, 1))),
        ("last_90", "none", (D(2026, 8, 3), D(2026, 10, 31), None, None)),
        ("mtd", "last_year", (D(2026, 10, 1), D(2026, 10, 31), D(2025, 10, 1), D(2025, 10, 31))),
        ("qtd", "previous", (D(2026, 10, 1), D(2026, 10, 31), D(2026, 7, 1), D(2026, 7, 31))),
        ("ytd", "last_year", (D(2026, 1, 1), D(2026, 10, 31), D(2025, 1, 1), D(2025, 10, 31))),
        ("last_month", "previous", (D(2026, 9, 1), D(2026, 9, 30), D(2026, 8, 1), D(2026, 8, 31))),
        ("mtd", "previous", (D(2026, 10, 1), D(2026, 10, 31), D(2026, 9, 1), D(2026, 9, 30))),
        (
            "last_quarter",
            "previous",
            (D(2026, 7, 1), D(2026, 9, 30), D(2026, 4, 1), D(2026, 6, 30)),
        ),
        ("ytd", "previous", (D(2026, 1, 1), D(2026, 10, 31), D(2025, 1, 1), D(2025, 10, 31))),
        (
            "last_quarter",
            "last_year",
            (D(2026, 7, 1), D(2026, 9, 30), D(2025, 7, 1), D(2025, 9, 30)),
        ),
        ("last_year", "previous", (D(2025, 1, 1), D(2025, 12, 31), D(2024, 1, 1), D(2024, 12, 31))),
    ],
)
def test_periods_count_back_from_the_data_date(period, compare, expected):
    got = filters.resolve(Filter(period=period, compare=compare), D(2026, 10, 31))
    assert (got.start, got.end, got.cmp_start, got.cmp_end) == expected


def test_custom_period_and_leap_day_last_year():
    f = Filter(period="custom", start=D(2028, 2, 29), end=D(2028, 2, 29), compare="last_year")
    got = filters.resolve(f, D(2028, 3, 31))
    assert (got.start, got.cmp_start, got.days) == (D(2028, 2, 29), D(2027, 2, 28), 1)


def test_default_filter_has_an_empty_url():
    assert filters.to_params(Filter()) == {}


def test_url_round_trip():
    f = Filter(
        period="custom",
        start=D(2026, 1, 1),
        end=D(2026, 3, 31),
        compare="last_year",
        provinces=("GD",),
        cities=("GZ", "SZ"),
        halls=("SZ-001",),
        segments=("gold",),
        brands=("gotone",),
        channels=("hall",),
    )
    params = filters.to_params(f)
    assert params == {
        "period": "custom",
        "from": "2026-01-01",
        "to": "2026-03-31",
        "compare": "last_year",
        "province": "GD",
        "city": "GZ,SZ",
        "hall": "SZ-001",
        "segment": "gold",
        "brand": "gotone",
        "channel": "hall",
    }
    again, notices = filters.from_params(params, OPTIONS)
    assert again == f and notices == []


def test_unknown_values_are_dropped_with_a_notice_and_never_reach_sql():
    params = {
        "period": "forever",
        "compare": "yesterday",
        "city": "SZ,'; drop table city; --",
        "segment": "platinum",
    }
    f, notices = filters.from_params(params, OPTIONS)
    assert f == Filter(cities=("SZ",))
    assert notices == [
        ("unknown_period", {"value": "forever"}),
        ("unknown_compare", {"value": "yesterday"}),
        ("unknown_values", {"field": "city", "values": "'; drop table city; --", "n": 1}),
        ("unknown_values", {"field": "segment", "values": "platinum", "n": 1}),
    ]


def test_children_outside_the_chosen_parent_are_dropped():
    params = {"province": "GD", "city": "GZ,HZ", "hall": "GZ-001,SZ-001,HZ-001"}
    f, notices = filters.from_params(params, OPTIONS)
    assert (f.cities, f.halls) == (("GZ",), ("GZ-001",))
    assert notices == [("outside_scope", {"value": v}) for v in ("HZ", "SZ-001", "HZ-001")]


def test_custom_period_without_both_ends_falls_back():
    f, notices = filters.from_params({"period": "custom", "from": "2026-13-01"}, OPTIONS)
    assert f.period == "last_30"
    assert notices == [("bad_date", {"value": "2026-13-01"}), ("incomplete_custom", {})]


@pytest.mark.parametrize(
    ("f", "rollup", "sql", "params", "not_applied"),
    [
        (Filter(), "queue_daily", "", {}, []),
        (
            Filter(cities=("GZ", "SZ")),
            "queue_daily",
            "and city_id in ($city_0, $city_1)",
            {"city_0": "GZ", "city_1": "SZ"},
            [],
        ),
        (
            Filter(halls=("SZ-001",), segments=("gold",)),
            "hotline_interval",
            "and segment in ($segment_0)",
            {"segment_0": "gold"},
            ["hall"],
        ),
        (
            Filter(provinces=("GD",), brands=("mzone",), channels=("app",)),
            "survey_daily",
            "and province_id in ($province_0)\n"
            "and brand in ($brand_0)\n"
            "and touchpoint in ($channel_0)",
            {"province_0": "GD", "brand_0": "mzone", "channel_0": "app"},
            [],
        ),
        (Filter(brands=("mzone",), channels=("web",)), "queue_daily", "", {}, ["brand", "channel"]),
        (
            Filter(channels=("regulator",)),
            "complaint_daily",
            "and channel in ($channel_0)",
            {"channel_0": "regulator"},
            [],
        ),
    ],
)
def test_where_clause_binds_every_value(f, rollup, sql, params, not_applied):
    assert filters.where_clause(f, rollup) == (sql, params, not_applied)


def test_a_refused_value_is_shortened_in_its_notice():
    long = "x" * 10_000
    f, notices = filters.from_params({"city": f"SZ,{long},Atlantis", "period": long}, OPTIONS)
    assert f == Filter(cities=("SZ",))
    assert notices == [
        ("unknown_period", {"value": "x" * 40 + "…"}),
        ("unknown_values", {"field": "city", "values": "x" * 40 + "…", "n": 2}),
    ]


DATA = filters.Options(first_day=D(2025, 1, 1), last_day=D(2026, 10, 31))


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        ("2026-10-01", "2026-11-01", (D(2026, 10, 1), D(2026, 10, 31))),
        ("2026-10-01", "9999-12-31", (D(2026, 10, 1), D(2026, 10, 31))),
        ("2024-06-01", "2025-01-31", (D(2025, 1, 1), D(2025, 1, 31))),
    ],
)
def test_a_custom_period_beyond_the_data_is_clamped_with_a_notice(start, end, kept):
    f, notices = filters.from_params({"period": "custom", "from": start, "to": end}, DATA)
    assert (f.start, f.end) == kept
    assert notices == [("clamped", {"start": kept[0].isoformat(), "end": kept[1].isoformat()})]


def test_a_custom_period_inside_or_wholly_outside_the_data_is_kept():
    for start, end in (("2026-02-01", "2026-02-28"), ("2020-01-01", "2020-01-31")):
        f, notices = filters.from_params({"period": "custom", "from": start, "to": end}, DATA)
        assert (f.start, f.end, notices) == (D.fromisoformat(start), D.fromisoformat(end), [])


def test_each_field_is_declared_once_and_the_rest_derives():
    assert [fl.name for fl in filters.FIELDS] == [
        "provinces", "cities", "halls", "segments", "brands", "channels",
    ]  # fmt: skip
    settings = {"period", "start", "end", "compare", "reach", "role"}  # the user's scope
    assert {fl.name for fl in filters.FIELDS} | settings == set(Filter.__dataclass_fields__)
    keys = {"period", "from", "to", "compare", "province", "city", "hall", "segment", "brand"}
    assert keys | {"channel"} == filters.URL_KEYS
    assert [fl.session_key for fl in filters.FIELDS][:3] == ["f_provinces", "f_cities", "f_halls"]


def test_an_extra_condition_on_a_declared_column_is_bound():
    got = filters.where_clause(Filter(cities=("SZ",)), "queue_wait_hist", {"tier": "flagship"})
    assert got == (
        "and city_id in ($city_0)\nand tier = $peer_tier",
        {"city_0": "SZ", "peer_tier": "flagship"},
        [],
    )
    with pytest.raises(KeyError):
        filters.where_clause(Filter(), "queue_wait_hist", {"name_en": "x; drop"})


def test_records_scope_the_facts_before_any_join():
    columns = {"province": "province_id", "city": "city_id", "hall": "branch_id", "brand": "b"}
    f = Filter(provinces=("GD",), cities=("SZ", "GZ"), halls=("SZ-001",), brands=("m",))
    context, params, not_applied = filters.fact_scope(f, columns, {"branch_id", "b"})
    assert context == {
        "fact_where": "and branch_id in ($hall_0)\nand b in ($brand_0)",
        "city_via_branch": "$city_0, $city_1",
        "province_via_branch": "$province_0",
        "province_via_city": "",
        "where": "",
    }
    assert params == {
        "province_0": "GD", "city_0": "SZ", "city_1": "GZ", "hall_0": "SZ-001", "brand_0": "m",
    }  # fmt: skip
    assert not_applied == []
