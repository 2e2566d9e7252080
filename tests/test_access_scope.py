"""A user's scope in the filter: resolved against the dimensions, bound into every condition
(deny by default), narrowing the filter bar's choices with a notice, and the rows a hall, city
and province user get from the hand-made store (GD: Guangzhou GZ-001, Shenzhen SZ-001)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pulse import access, catalog, filters, groups, measures, records
from pulse.access import Scope
from pulse.filters import Filter

OPTIONS = filters.Options(
    provinces=("GD", "ZJ"),
    cities={"GZ": "GD", "SZ": "GD", "HZ": "ZJ"},
    halls={"GZ-001": "GZ", "GZ-002": "GZ", "SZ-001": "SZ", "HZ-001": "HZ"},
    segments=("regular", "gold"),
)
HALL = Scope(halls=("GZ-001",))
CITY = Scope(cities=("SZ",))
PROVINCE = Scope(provinces=("GD",))
TWO_DAYS = Filter(period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31))
PERIOD = filters.resolve(TWO_DAYS, dt.date(2026, 10, 31))


def scoped(scope: Scope, f: Filter = TWO_DAYS, options: filters.Options = OPTIONS) -> Filter:
    """The filter as the shell makes it for a user with this scope."""
    return filters.cascade(f, filters.within(options, scope))


@pytest.mark.parametrize(
    ("scope", "provinces", "cities", "halls"),
    [
        (HALL, ("GD",), {"GZ": "GD"}, {"GZ-001": "GZ"}),
        (CITY, ("GD",), {"SZ": "GD"}, {"SZ-001": "SZ"}),
        (
            PROVINCE,
            ("GD",),
            {"GZ": "GD", "SZ": "GD"},
            {"GZ-001": "GZ", "GZ-002": "GZ", "SZ-001": "SZ"},
        ),
        (
            Scope(halls=("GZ-001",), cities=("HZ",)),
            ("GD", "ZJ"),
            {"GZ": "GD", "HZ": "ZJ"},
            {"GZ-001": "GZ", "HZ-001": "HZ"},
        ),
        (Scope(), (), {}, {}),
        (Scope(halls=("XX-999",)), (), {}, {}),
    ],
)  # fmt: skip
def test_the_filter_bar_offers_only_the_places_in_scope(scope, provinces, cities, halls):
    got = filters.within(OPTIONS, scope)
    assert (got.provinces, got.cities, got.halls) == (provinces, cities, halls)


def test_everything_leaves_the_options_and_the_sql_alone():
    assert filters.within(OPTIONS, access.EVERYTHING) is OPTIONS
    f = scoped(access.EVERYTHING, TWO_DAYS.with_(cities=("SZ",)))
    assert f.reach is None
    assert filters.where_clause(f, "queue_daily")[:2] == (
        "and city_id in ($city_0)",
        {"city_0": "SZ"},
    )


@pytest.mark.parametrize(
    ("scope", "rollup", "sql", "params"),
    [
        (HALL, "queue_daily", "and (branch_id in ($reach_halls_0))", {"reach_halls_0": "GZ-001"}),
        (CITY, "queue_daily", "and (city_id in ($reach_cities_0))", {"reach_cities_0": "SZ"}),
        (
            PROVINCE,
            "queue_daily",
            "and (province_id in ($reach_provinces_0))",
            {"reach_provinces_0": "GD"},
        ),
        # the hotline has no halls: a hall manager's scope reaches none of it
        (HALL, "hotline_interval", "and false", {}),
        (CITY, "hotline_interval", "and (city_id in ($reach_cities_0))", {"reach_cities_0": "SZ"}),
        # a scope at two levels: one condition, either unit
        (
            Scope(halls=("GZ-001",), cities=("HZ",)),
            "complaint_daily",
            "and (city_id in ($reach_cities_0) or branch_id in ($reach_halls_0))",
            {"reach_cities_0": "HZ", "reach_halls_0": "GZ-001"},
        ),
        # deny by default: no unit, no row
        (Scope(), "survey_daily", "and false", {}),
    ],
)  # fmt: skip
def test_the_scope_is_always_a_bound_condition(scope, rollup, sql, params):
    where, bound, _ = filters.where_clause(scoped(scope), rollup)
    assert (where, bound) == (sql, params)


def test_the_scope_stays_when_the_places_are_dropped_for_a_company_figure():
    f = scoped(HALL, TWO_DAYS.with_(halls=("GZ-001",)))
    company = f.with_(provinces=(), cities=(), halls=())
    assert filters.where_clause(company, "queue_daily")[0] == "and (branch_id in ($reach_halls_0))"
    assert filters.everyone(f).reach is None  # the one named route around it


def test_a_hall_scope_keeps_the_hall_copy_and_a_city_scope_may_use_the_city_copy():
    hall, city = scoped(HALL), scoped(CITY)
    assert filters.applied_columns(hall, "queue_daily") == {"branch_id"}
    assert filters.applied_columns(city, "queue_daily") == {"city_id"}


@pytest.mark.parametrize(
    ("scope", "metric", "withheld"),
    [
        (HALL, "hotline_service_level", True),  # the hotline counts calls by city, not hall
        (HALL, "queue_within_10min", False),
        (CITY, "hotline_service_level", False),
        (PROVINCE, "hotline_service_level", False),
        (access.EVERYTHING, "hotline_service_level", False),
    ],
)
def test_a_metric_the_scope_cannot_reach_is_withheld_not_too_few(scope, metric, withheld):
    assert measures.withheld(catalog.metric(metric), scoped(scope)) is withheld


def test_a_link_naming_places_outside_the_scope_gets_a_notice_that_does_not_repeat_them():
    options = filters.within(OPTIONS, HALL)
    f, notices = filters.from_params({"hall": "SZ-001,GZ-001", "city": "HZ"}, options)
    assert (f.cities, f.halls) == ((), ("GZ-001",))
    assert notices == [("not_in_scope", {"n": 1}), ("not_in_scope", {"n": 1})]
    assert "SZ-001" not in repr(notices) and "HZ" not in repr(notices)
    assert f.reach == options.reach


def test_unknown_values_are_still_named_as_unknown():
    _, notices = filters.from_params({"hall": "NOPE"}, filters.within(OPTIONS, HALL))
    assert notices == [("unknown_values", {"field": "hall", "values": "NOPE", "n": 1})]


def test_cascade_drops_what_the_session_held_outside_the_scope():
    held = TWO_DAYS.with_(provinces=("ZJ",), halls=("HZ-001", "GZ-001"))
    notices = []
    f = filters.cascade(held, filters.within(OPTIONS, HALL), notices)
    assert (f.provinces, f.halls, notices) == ((), ("GZ-001",), [("not_in_scope", {"n": 2})])


def test_events_are_matched_to_the_scope():
    lists = filters.place_lists(scoped(Scope(halls=("GZ-001",), cities=("HZ",))))
    assert (lists["reach_all"], lists["reach_cities"], lists["reach_halls"]) == (
        False,
        ["HZ"],
        ["GZ-001", "HZ-001"],
    )
    assert filters.place_lists(TWO_DAYS)["reach_all"] is True


def _handmade_scope(store, scope: Scope) -> Filter:
    from pulse.dimensions import load

    return scoped(scope, TWO_DAYS, load(store).options())


@pytest.mark.parametrize(
    ("scope", "family", "ids"),
    [
        (HALL_GZ := Scope(halls=("GZ-001",)), "tickets", [4, 3, 2, 1]),
        (HALL_GZ, "calls", []),  # the hotline is not a hall's
        (HALL_GZ, "complaints", ["C2"]),  # not C1: Guangzhou's, without a hall
        (HALL_GZ, "surveys", [1002, 1001]),
        (Scope(cities=("SZ",)), "tickets", [6, 5]),
        (Scope(cities=("SZ",)), "calls", [106, 105, 104]),
        (Scope(cities=("SZ",)), "complaints", ["C3"]),
        (Scope(cities=("SZ",)), "surveys", [1004]),
        (Scope(provinces=("GD",)), "tickets", [6, 5, 4, 3, 2, 1]),
        (Scope(provinces=("GD",)), "calls", [106, 105, 104, 103, 102, 101]),
        (Scope(), "tickets", []),
    ],
)
def test_records_of_a_scoped_user(handmade, scope, family, ids):
    f = _handmade_scope(handmade, scope)
    page = records.fetch(handmade, family, f, PERIOD)
    column = {"tickets": "ticket_id", "calls": "call_id"}.get(family)
    column = column or {"complaints": "complaint_id", "surveys": "response_id"}[family]
    got = page.rows[column].tolist() if len(page.rows) else []
    assert (got, page.total) == (ids, len(ids))


@pytest.mark.parametrize(
    ("scope", "rows"),
    [
        (Scope(halls=("GZ-001",)), [("GZ", "GZ-001", 4)]),
        (Scope(cities=("SZ",)), [("SZ", "SZ-001", 2)]),
        (Scope(provinces=("GD",)), [("GZ", "GZ-001", 4), ("SZ", "SZ-001", 2)]),
        (Scope(), []),
    ],
)
def test_measures_of_a_scoped_user(handmade, scope, rows):
    f = _handmade_scope(handmade, scope)
    metric = catalog.metric("queue_walkaway_rate")
    raw = measures.fetch(handmade, [metric], f, PERIOD, [("city_id", "branch_id")])
    cur = raw[("city_id", "branch_id")]
    cur = cur[cur["period"] == "cur"].sort_values("branch_id")
    counts = cur[f"{metric.id}__denominator"]
    got = [(c, b, int(n)) for c, b, n in zip(cur["city_id"], cur["branch_id"], counts, strict=True)]
    assert got == rows


def test_customer_keys_and_comments_are_absent_for_roles_without_them(handmade):
    f = _handmade_scope(handmade, Scope(provinces=("GD",)))
    city = f.with_(role=access.ROLES["city_manager"])  # comments, no customer keys
    executive = f.with_(role=access.ROLES["executive"])  # neither
    hall = f.with_(role=access.ROLES["hall_manager"])  # both
    assert "customer_key" not in records.fetch(handmade, "complaints", city, PERIOD).rows
    assert "customer_key" in records.fetch(handmade, "complaints", hall, PERIOD).rows
    assert "comment" in records.fetch(handmade, "surveys", city, PERIOD).rows
    assert "comment" not in records.fetch(handmade, "surveys", executive, PERIOD).rows
    searched = records.fetch(handmade, "surveys", executive, PERIOD, search="太久")
    assert searched.total == 0  # no search through text the role may not read
    admin = f.with_(role=access.ROLES["admin"])  # no records at all
    assert records.fetch(handmade, "tickets", admin, PERIOD).total == 0


def test_a_record_found_by_id_outside_the_scope_is_not_found(handmade):
    from pulse.drill import data as drill

    f = _handmade_scope(handmade, Scope(halls=("GZ-001",)))
    assert drill.record(handmade, "tickets", "1", f)[0] is not None
    assert drill.record(handmade, "tickets", "5", f)[0] is None  # Shenzhen's
    assert drill.record(handmade, "complaints", "C1", f)[0] is None  # Guangzhou's, no hall


def test_peers_outside_the_scope_are_unnamed():
    f = scoped(HALL)
    league = pd.DataFrame(
        {
            "unit": ["SZ-001", "GZ-001", "HZ-001"],
            "city_id": ["SZ", "GZ", "HZ"],
            "branch_id": ["SZ-001", "GZ-001", "HZ-001"],
            "value": [0.9, 0.8, 0.7],
        }
    )
    got = groups.unnamed(league, f)
    assert got[["unit", "city_id", "branch_id", "value"]].values.tolist() == [
        ["Peer 1", None, None, 0.9],
        ["GZ-001", "GZ", "GZ-001", 0.8],
        ["Peer 2", None, None, 0.7],
    ]


def test_the_filter_bar_lists_and_the_names_a_user_may_see():
    f = scoped(HALL)
    assert filters.selected_halls(f, OPTIONS) == ("GZ-001",)
    assert filters.selected_halls(f.with_(cities=("SZ",)), OPTIONS) == ()
    assert filters.nameable(f, OPTIONS) == {"GD", "GZ", "GZ-001"}
    assert filters.selected_halls(scoped(PROVINCE).with_(cities=("GZ",)), OPTIONS) == (
        "GZ-001",
        "GZ-002",
    )


def test_the_stamp_names_the_user_role_and_scope_in_both_languages():
    from pulse import i18n
    from pulse.export import tables

    user = access.User("li.wei", access.ROLES["city_manager"], CITY, display="Li Wei")
    names = {"SZ": "Shenzhen"}
    assert access.made_by(user, names) == "Made by Li Wei (city manager) · scope: Shenzhen"
    i18n.set_language("zh")
    try:
        assert access.made_by(user, {"SZ": "深圳"}) == "制作人：Li Wei（市级经理）· 范围：深圳"
    finally:
        i18n.set_language("en")
    boss = access.User("boss", access.ROLES["executive"], Scope())
    assert access.made_by(boss, {}) == "Made by boss (executive) · scope: all units"
    csv = tables.to_csv(pd.DataFrame({"a": [1]}), "Made by boss")
    assert csv.decode("utf-8-sig").splitlines() == ["a", "1", "Made by boss"]


@pytest.mark.parametrize(
    ("scope", "lang", "said"),
    [
        (HALL, "en", "Guangzhou Tianhe Flagship Hall"),
        (HALL, "zh", "广州天河旗舰营业厅"),
        (CITY, "en", "Shenzhen"),
        (PROVINCE, "zh", "广东"),
        (access.EVERYTHING, "en", "All company"),
    ],
)
def test_a_caption_with_no_place_chosen_names_the_readers_scope_not_the_company(
    handmade, scope, lang, said
):
    from pulse import describe, dimensions
    from pulse.i18n import set_language

    dims = dimensions.load(handmade)
    set_language(lang)
    try:
        f = filters.cascade(TWO_DAYS, filters.within(dims.options(), scope))
        assert describe.scope(f, dims) == said
        # a place chosen inside the scope is named as before
        city = "SZ" if scope == CITY else "GZ"
        names = dims.labels("city", lang)
        assert describe.scope(f.with_(cities=(city,)), dims) == names[city]
    finally:
        set_language("en")
