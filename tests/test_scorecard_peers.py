"""Peers unnamed, not hidden: a hall manager (or a city manager) sees their own units on the
scorecard by name and every other unit of the card as "Peer 1..n", with its total, rank and
band, never its name or id; on the page, in the workbook and in the PDF."""

from __future__ import annotations

import io

import openpyxl
import pypdf
import pytest

from pulse import access, dimensions, filters, i18n, report
from pulse.report import scorecard as printed
from pulse.report.options import as_user
from pulse.scorecard import data, definition, publish
from tests.test_access_leaks import forbidden, leaks, rendered, run_as

HALL = "SZ-001"
# not a demo account's name: apptest makes it with this role and scope
MANAGER = access.User("sc-peers-hall", access.ROLES["hall_manager"], access.Scope(halls=(HALL,)))
CITY_MANAGER = access.User(
    "sc-peers-city", access.ROLES["city_manager"], access.Scope(cities=("SZ",))
)


def _board(tiny, user, card_id):
    dims = dimensions.load(tiny)
    f = as_user(filters.Filter(), user, dims)
    return dims, data.build(tiny, definition.cards()[card_id], f, "2026-10", dims)


def _other_halls(tiny, mine):
    return forbidden(dimensions.load(tiny).halls, set(mine))


def test_a_hall_manager_sees_their_hall_and_three_unnamed_peers(app_env, tiny):
    at = run_as("scorecard", MANAGER, sc_card="halls")
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    name = dimensions.load(tiny).labels("hall", "en")[HALL]
    # the tiny store's four halls, in rank order: the manager's hall third, between peers
    assert table["Unit"].tolist() == ["Peer 1", "Peer 2", name, "Peer 3"]
    assert table["Rank"].tolist() == ["1", "1", "3", "4"]
    assert table["Band"].tolist() == ["1", "1", "2", "3"]
    assert leaks(rendered(at), _other_halls(tiny, [HALL])) == []


def test_a_hall_manager_on_the_city_card_sees_cities_as_peers(app_env, tiny):
    at = run_as("scorecard", MANAGER)
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Unit"].tolist() == ["Peer 1", "Peer 2"]  # not responsible for a whole city
    text = rendered(at)
    assert leaks(text, _other_halls(tiny, [HALL])) == []
    assert "Guangzhou" not in text


def test_a_city_manager_on_the_hall_card_names_their_city_s_halls(app_env, tiny):
    at = run_as("scorecard", CITY_MANAGER, sc_card="halls")
    assert not at.exception
    table = at.dataframe[0].value
    names = dimensions.load(tiny).labels("hall", "en")
    ours = [h for h in names if h.startswith("SZ-")]
    assert {names[h] for h in ours} <= set(table["Unit"])
    assert sum(u.startswith("Peer ") for u in table["Unit"]) == len(names) - len(ours)
    assert leaks(rendered(at), _other_halls(tiny, ours)) == []


def test_the_workbook_of_a_hall_manager_names_no_other_hall(tiny):
    dims, board = _board(tiny, MANAGER, "halls")
    book = openpyxl.load_workbook(io.BytesIO(publish.workbook(board, dims)))
    cells = [
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
    ]
    text = "\n".join(cells)
    assert leaks(text, _other_halls(tiny, [HALL])) == []
    assert {"Peer 1", "Peer 2", "Peer 3"} <= set(cells)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pdf_of_a_hall_manager_names_no_other_hall(tiny, lang):
    i18n.set_language(lang)
    try:
        dims, board = _board(tiny, MANAGER, "halls")
        content = report.write(printed.report(board, dims), "pdf")
        peer = i18n.t("access.peer", n=3)
    finally:
        i18n.set_language("en")
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    text = "".join(p.extract_text() for p in pages)
    assert leaks(text, _other_halls(tiny, [HALL])) == []
    assert peer.replace(" ", "") in text.replace(" ", "")


def test_peers_keep_their_scores_and_ranks(tiny):
    dims = dimensions.load(tiny)
    card = definition.cards()["halls"]
    everyone = data.build(tiny, card, filters.Filter(), "2026-10", dims).table
    _, board = _board(tiny, MANAGER, "halls")
    mine = board.table.loc[HALL]
    assert mine["total"] == everyone.loc[HALL, "total"]
    assert mine["rank"] == everyone.loc[HALL, "rank"]
    assert board.table["total"].tolist() == everyone["total"].tolist()
    assert board.table.loc[[u for u in board.table.index if u != HALL], "city_id"].isna().all()
