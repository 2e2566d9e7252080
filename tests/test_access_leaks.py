"""Nothing outside a user's scope reaches their pages: as a hall, city and province manager on
the tiny store, every page's rendered text (tables, captions, charts' specs, the sidebar) and
crafted links naming other units hold no other hall's id or name; an executive and then a hall
manager opening the same view in one process (one result cache) each see their own scope."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from pulse import access, catalog, filters, i18n, records, report, users
from pulse.dimensions import load
from pulse.filters import Filter
from pulse.overview import data as overview_data
from pulse.report.__main__ import main as cli
from pulse.store import open_store
from tests import apptest

PAGES = Path(__file__).resolve().parent.parent / "pages"
ALL_PAGES = tuple(p.stem for p in sorted(PAGES.glob("*.py")))
# the pages that list halls, for the roles scoped to a city (the tiny store has one province,
# so a province manager sees everything there: their scope is tested in test_access_scope)
HALL_LISTS = ("overview", "queues", "benchmarks", "drill", "hall", "scorecard")


def _text(node) -> str:
    """Every text an AppTest element tree holds: each element's proto in UTF-8 (chart specs,
    captions, labels, options), a table's cells, the tree walked."""
    parts = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        parts.append(text_format.MessageToString(proto, as_utf8=True))
    value = getattr(node, "value", None) if type(node).__name__ == "Dataframe" else None
    if isinstance(value, pd.DataFrame):
        parts.append(value.to_csv())
    for child in getattr(node, "children", {}).values():
        parts.append(_text(child))
    return "\n".join(parts)


def run_as(page: str, user: access.User, **query) -> AppTest:
    """pages/<page>.py run once, signed in as `user`, with `query` as its URL."""
    at = apptest.app_test(PAGES / f"{page}.py", 180, user)
    at.query_params["lang"] = "en"
    for key, value in query.items():
        at.query_params[key] = value
    i18n.set_language("en")
    return at.run()


def rendered(at: AppTest, page: str | None = None) -> str:
    """The whole page as text: main area and sidebar; with `page`, every section tab's too
    (each opened in turn: only the open tab is built)."""
    text = _text(at.main) + _text(at.sidebar)
    if page:
        text += "".join(_text(tab) for _, tab in apptest.each_tab(at, page))
    return text


@pytest.fixture(scope="module")
def units(tiny_path):
    """The tiny store's halls with their cities and names, and a hall whose city has others."""
    dims = load(open_store(tiny_path))
    halls = dims.halls
    city = halls["city_id"].value_counts().index[0]  # a city with more than one hall
    mine = halls[halls["city_id"] == city].iloc[0]
    return halls, mine


def forbidden(halls, allowed_halls) -> list[str]:
    """Ids and names (both languages) of every hall outside the scope."""
    others = halls[~halls["branch_id"].isin(allowed_halls)]
    return [*others["branch_id"], *others["name_en"], *others["name_zh"]]


def leaks(text: str, words: list[str]) -> list[str]:
    """The forbidden words found in a page's text."""
    return [w for w in words if w in text]


@pytest.mark.parametrize("page", ALL_PAGES)
def test_a_hall_manager_sees_no_other_hall(app_env, units, page):
    halls, mine = units
    user = access.User("hm", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],)))
    at = run_as(page, user, period="last_90")
    assert not at.exception
    assert leaks(rendered(at, page), forbidden(halls, {mine["branch_id"]})) == []


@pytest.mark.parametrize("role", ("city_manager", "analyst"))
@pytest.mark.parametrize("page", HALL_LISTS)
def test_a_city_scoped_user_sees_the_halls_of_their_city_only(app_env, units, role, page):
    halls, mine = units
    user = access.User(
        f"{role}-of-one-city", access.ROLES[role], access.Scope(cities=(mine["city_id"],))
    )
    ours = set(halls.loc[halls["city_id"] == mine["city_id"], "branch_id"])
    at = run_as(page, user, period="last_90")
    assert not at.exception
    assert leaks(rendered(at, page), forbidden(halls, ours)) == []


@pytest.mark.parametrize(
    ("page", "query", "notice"),
    [
        ("hall", {"hall": "{hall}", "city": "{city}"}, "not in your scope"),
        ("overview", {"province": "{province}", "city": "{city}"}, None),
        ("queues", {"hall": "{hall}"}, "not in your scope"),
        ("drill", {"drill": "{province}/{city}/{hall}/tickets"}, "outside your scope"),
        ("drill", {"drill": "{province}/{city}/{hall}/tickets/{ticket}"}, "outside your scope"),
    ],
)
def test_crafted_links_naming_other_units_get_a_notice_and_no_data(
    app_env, tiny, units, page, query, notice
):
    halls, mine = units
    other = halls[halls["city_id"] != mine["city_id"]].iloc[0]
    province = load(tiny).options().cities[other["city_id"]]
    everyone = filters.Filter(period="last_90", halls=(other["branch_id"],))
    ticket = records.fetch(tiny, "tickets", everyone, filters.resolve(everyone, load(tiny).as_of))
    values = {
        "hall": other["branch_id"],
        "city": other["city_id"],
        "province": province,
        "ticket": ticket.rows["ticket_id"].iloc[0],
    }
    user = access.User("hm", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],)))
    at = run_as(page, user, **{k: v.format(**values) for k, v in query.items()})
    assert not at.exception
    text = rendered(at, page)
    assert leaks(text, forbidden(halls, {mine["branch_id"]})) == []
    if notice:
        assert notice in text


def test_nobody_in_scope_sees_only_whom_to_ask(app_env):
    at = run_as("overview", access.User("new", access.ROLES["hall_manager"], access.NOTHING))
    text = rendered(at)
    assert "Ask an administrator" in text
    assert len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0


def test_a_hall_manager_is_told_the_hotline_is_not_in_their_scope(app_env, units):
    _, mine = units
    hall = access.User("hm", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],)))
    city = access.User(
        "cm-hotline", access.ROLES["city_manager"], access.Scope(cities=(mine["city_id"],))
    )
    hotline_tiles = [m for m in catalog.headline() if m.rollup == "hotline_interval"]
    assert hotline_tiles
    told = "Not in your scope: ask an administrator of Service Pulse"
    at = run_as("overview", hall, period="last_90")
    captions = [c.value for c in at.caption]
    assert sum(told in c for c in captions) == len(hotline_tiles)
    # complaints are counted in the hall, subscribers only by city: no rate, and it says why
    (rate,) = [c for c in captions if c.startswith(":gray[No rate per million")]
    assert "subscribers are counted by city, not by hall · n = " in rate
    assert not any("No target" in c for c in captions if "per million" in c)
    assert sum(told in c for c in (c.value for c in run_as("overview", city).caption)) == 0
    page = run_as("hotline", hall, period="last_90")
    assert [i.value for i in page.info] == [
        "The hotline's figures are not in your scope: calls are counted by the caller's city, "
        "not by hall. Ask an administrator of Service Pulse to add your city to your account if "
        "you need them."
    ]
    assert len(page.get("plotly_chart")) == 0 and len(page.dataframe) == 0


def test_the_result_cache_keeps_an_executive_view_from_a_hall_manager(app_env, units):
    halls, mine = units
    executive = access.User("ex", access.ROLES["executive"], access.EVERYTHING)
    manager = access.User(
        "hm", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],))
    )
    words = forbidden(halls, {mine["branch_id"]})
    first = run_as("queues", executive, period="last_90")
    assert leaks(rendered(first), words)  # the executive's view names other halls
    second = run_as("queues", manager, period="last_90")
    assert leaks(rendered(second), words) == []


def file_text(data: bytes) -> str:
    """A download's text: CSV as it is, XLSX, PPTX and PDF as their words."""
    if data[:4] == b"PK\x03\x04":  # a zip: XLSX or PPTX, their words are in the XML parts
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
    if data[:5] == b"%PDF-":
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8-sig", "ignore")


# every download of every kind, and the board report in every format, for each role:
# tests/test_access_downloads.py


def test_the_report_check_can_fail(tiny, units):
    halls, mine = units
    made = report.build(tiny, report.Request(filters.Filter(period="last_90")))
    assert leaks(file_text(report.write(made, "xlsx")), forbidden(halls, {mine["branch_id"]}))


@pytest.fixture
def accounts(store_copy, units):
    """One active hall manager, 'hm', among the copy's accounts (pulse.users)."""
    _, mine = units
    if users.lookup(store_copy, "hm") is None:
        users.add(store_copy, "hm", "hall_manager", access.Scope(halls=(mine["branch_id"],)))
    return users.lookup(store_copy, "hm")


@pytest.fixture(scope="module")
def store_copy(tiny_path, tmp_path_factory) -> Path:
    """A copy the command may open read-only (this process holds the tiny store)."""
    path = tmp_path_factory.mktemp("as") / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    return path


def test_the_report_command_runs_as_a_named_user(store_copy, tmp_path, units, accounts):
    halls, mine = units
    out = tmp_path / "mine.xlsx"
    code = cli(["--store", str(store_copy), "--as", "hm", "--period", "last_90", "--out", str(out)])
    assert code == 0
    text = file_text(out.read_bytes())
    assert leaks(text, forbidden(halls, {mine["branch_id"]})) == []
    assert "Made by hm (hall manager)" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as", "nobody"], "is not an active account"),
        (["--as", "hm", "--scope", "OTHER_CITY"], "is outside the units of 'hm'"),
    ],
)
def test_an_unknown_user_or_a_scope_outside_it_exits_2(
    store_copy, tmp_path, capsys, units, accounts, args, message
):
    halls, mine = units
    other = halls.loc[halls["city_id"] != mine["city_id"], "city_id"].iloc[0]
    args = [other if a == "OTHER_CITY" else a for a in args]
    with pytest.raises(SystemExit) as stop:
        cli(["--store", str(store_copy), *args, "--out", str(tmp_path / "x.xlsx")])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_a_hall_managers_city_row_says_it_is_their_halls_only(app_env, units, tiny):
    _, mine = units
    hall = access.User(
        "hm-city", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],))
    )
    name = load(tiny).labels("city", "en")[mine["city_id"]]
    at = run_as("overview", hall, period="last_90", compare="last_year")
    cities = at.dataframe[0].value
    assert list(cities.index) == [f"{name}: your halls only"]
    # What changed and the persistent list leave such a city out: its hall's rows say the same
    options = load(tiny).options()
    reach = filters.within(options, hall.scope).reach
    assert overview_data.partial_cities(Filter(reach=reach), pd.Series(["SZ", "GZ"])) == {
        "SZ",
        "GZ",
    }
    whole = filters.within(options, access.Scope(cities=(mine["city_id"],))).reach
    assert overview_data.partial_cities(Filter(reach=whole), pd.Series([mine["city_id"]])) == set()
    assert overview_data.partial_cities(Filter(), pd.Series(["SZ"])) == set()  # everything
    # a city manager's city is theirs whole: named plainly
    city = access.User(
        "cm-city", access.ROLES["city_manager"], access.Scope(cities=(mine["city_id"],))
    )
    assert list(run_as("overview", city, period="last_90").dataframe[0].value.index) == [name]
