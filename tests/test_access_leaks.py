"""Nothing outside a user's scope reaches their pages: as a hall, city and province manager on
the tiny store, every page's rendered text (tables, captions, charts' specs, the sidebar) and
crafted links naming other units hold no other hall's id or name; an executive and then a hall
manager opening the same view in one process (one result cache) each see their own scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pulse import access, i18n
from pulse.dimensions import load
from pulse.store import open_store

PAGES = Path(__file__).resolve().parent.parent / "pages"
# pages a scoped manager opens (data and reports: the identity and report helpers' tests)
SCOPED_PAGES = ("overview", "queues", "complaints", "surveys", "benchmarks", "drill", "hall")


def _text(node) -> str:
    """Every text an AppTest element tree holds: each element's proto, the tree walked."""
    parts = [str(getattr(node, "proto", ""))]
    for child in getattr(node, "children", {}).values():
        parts.append(_text(child))
    return "\n".join(parts)


def run_as(page: str, user: access.User, **query) -> AppTest:
    """pages/<page>.py run once, signed in as `user`, with `query` as its URL."""
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=180)
    at.session_state["pulse_user"] = user
    at.query_params["lang"] = "en"
    for key, value in query.items():
        at.query_params[key] = value
    i18n.set_language("en")
    return at.run()


def rendered(at: AppTest) -> str:
    """The whole page as text: main area and sidebar."""
    return _text(at.main) + _text(at.sidebar)


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


@pytest.mark.parametrize("page", SCOPED_PAGES)
def test_a_hall_manager_sees_no_other_hall(app_env, units, page):
    halls, mine = units
    user = access.User("hm", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],)))
    at = run_as(page, user, period="last_90")
    assert not at.exception
    assert leaks(rendered(at), forbidden(halls, {mine["branch_id"]})) == []


def test_crafted_links_naming_other_units_get_a_notice_and_no_data(app_env, units):
    halls, mine = units
    other = halls[halls["city_id"] != mine["city_id"]].iloc[0]
    user = access.User("hm", access.ROLES["hall_manager"], access.Scope(halls=(mine["branch_id"],)))
    at = run_as("hall", user, hall=other["branch_id"], city=other["city_id"])
    text = rendered(at)
    assert leaks(text, forbidden(halls, {mine["branch_id"]})) == []
    assert "not in your scope" in text


def test_a_city_manager_sees_the_halls_of_their_city_only(app_env, units):
    halls, mine = units
    user = access.User("cm", access.ROLES["city_manager"], access.Scope(cities=(mine["city_id"],)))
    ours = set(halls.loc[halls["city_id"] == mine["city_id"], "branch_id"])
    at = run_as("queues", user, period="last_90")
    assert leaks(rendered(at), forbidden(halls, ours)) == []


def test_nobody_in_scope_sees_only_whom_to_ask(app_env):
    at = run_as("overview", access.User("new", access.ROLES["hall_manager"], access.NOTHING))
    text = rendered(at)
    assert "Ask an administrator" in text
    assert len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0


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
