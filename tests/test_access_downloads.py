"""Every download stays in scope. As a hall manager on the tiny store, every file every page
offers (tables as CSV and XLSX, charts as SVG, PDF and PNG) holds no other hall's id or name,
no record of another unit (ticket, complaint), no customer key and no comment from outside
the scope; so does the board report as XLSX, PPTX and PDF. A city manager, a province manager
and an analyst, each scoped to one city, get one page per kind and the board report.

A PNG is checked on the figure spec kaleido rasterises (images.render's stamped figure, caught
where it reaches the browser, and a one-pixel picture handed back): its pixels are drawn from
that spec and nothing else, so OCR would only read the same words back less reliably; the
report's slides are checked the same way. SVG and PDF are rendered and read (the PDF's text
through pypdf). An executive's files of the same pages name the other halls: the check can
fail."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
import zipfile
from dataclasses import dataclass

import plotly
import pypdf
import pytest

from pulse import access, filters, i18n, report
from pulse.dimensions import load
from pulse.export import engine
from tests import apptest

pytestmark = pytest.mark.long  # minutes: started first (conftest.py)

KINDS = ("csv", "xlsx", "svg", "pdf", "png")
# every page that draws through pulse.ui.show, with the link that gives it something to show
# (the Audit page is for admins; Alerts, Data and Reports offer no chart or table download)
PAGES = {
    "overview": {},
    "queues": {},
    "hotline": {},  # a hall's scope reaches no call: it offers the hall manager nothing
    "surveys": {},
    "complaints": {},
    "trends": {},
    "benchmarks": {},
    "drill": {},
    "hall": {"hall": "{hall}"},  # the profile of the user's own hall
    "scorecard": {"sc_card": "halls"},  # the cities' card has no city in a hall's scope
}
# the other roles: one page per kind, each a page whose file of that kind names halls for an
# executive (the check below)
ONE_PAGE_PER_KIND = {
    "csv": "queues",
    "xlsx": "benchmarks",
    "svg": "complaints",
    "pdf": "queues",
    "png": "scorecard",
}
# a valid PNG of one pixel: what a rasterised chart becomes here (a slide needs a picture)
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
CITY_ROLES = ("city_manager", "province_manager", "analyst")
TOKEN = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Outside:
    """What must not reach a user: words found as substrings (hall ids and names, comments)
    and record ids and customer keys found as whole tokens."""

    words: tuple[str, ...]
    tokens: frozenset[str]

    def found(self, text: str) -> list[str]:
        """The forbidden words and tokens in a file's text."""
        flat = " ".join(text.split())  # a name wrapped over two lines of a PDF is one again
        seen = set(TOKEN.findall(text))
        return [w for w in self.words if w in flat] + sorted(self.tokens & seen)


# records outside a scope: of a hall outside it, or of no hall in a city outside it (a scope
# of halls reaches no city-level record)
_RECORDS = {
    "ticket": "select cast(ticket_id as varchar) from queue_ticket "
    "where not list_contains($halls, branch_id)",
    "complaint": "select complaint_id from complaint "
    "where not (list_contains($halls, coalesce(branch_id, '')) "
    "or (branch_id is null and list_contains($cities, city_id)))",
    "customer": "select customer_key from complaint "
    "where not (list_contains($halls, coalesce(branch_id, '')) "
    "or (branch_id is null and list_contains($cities, city_id))) "
    "except select customer_key from complaint where list_contains($halls, branch_id) "
    "or (branch_id is null and list_contains($cities, city_id))",
    # a comment someone inside the scope also wrote is theirs to see
    "comment": "select comment from survey_response where comment is not null "
    "and not (list_contains($halls, coalesce(branch_id, '')) "
    "or (branch_id is null and list_contains($cities, city_id))) "
    "except select comment from survey_response where list_contains($halls, branch_id) "
    "or (branch_id is null and list_contains($cities, city_id))",
}


def outside(store, halls, scope: access.Scope) -> Outside:
    """Everything of the store that a user with `scope` must not get."""
    mine = set(halls.loc[halls["branch_id"].isin(scope.halls), "branch_id"])
    mine |= set(halls.loc[halls["city_id"].isin(scope.cities), "branch_id"])
    others = halls[~halls["branch_id"].isin(mine)]
    bound = {"halls": sorted(mine), "cities": list(scope.cities)}
    with store.cursor() as cur:
        found = {
            k: [
                r[0]
                for r in cur.execute(q, {n: v for n, v in bound.items() if f"${n}" in q}).fetchall()
            ]
            for k, q in _RECORDS.items()
        }
    words = (*others["branch_id"], *others["name_en"], *others["name_zh"], *found["comment"])
    tokens = frozenset(found["ticket"] + found["complaint"] + found["customer"])
    return Outside(tuple(w for w in words if w), tokens)


def file_text(data: bytes) -> str:
    """A download's text: CSV, SVG and a PNG's spec as they are, XLSX and PPTX as the words of
    their XML parts, PDF as pypdf extracts it."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
    if data[:5] == b"%PDF-":
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8-sig", "ignore")


def spec(fig) -> bytes:
    """A figure as kaleido receives it, every string in it readable (no \\u escapes)."""
    return json.dumps(
        fig.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False
    ).encode()


@pytest.fixture
def png_specs(monkeypatch):
    """Every PNG's spec as kaleido would rasterise it, in order; the PNG is one pixel."""
    made: list[bytes] = []
    original = engine.Engine.image

    def image(self, fig, kind, width, height, scale):
        if kind != "png":
            return original(self, fig, kind, width, height, scale)
        made.append(spec(fig))
        return PIXEL

    monkeypatch.setattr(engine.Engine, "image", image)
    return made


@pytest.fixture
def offered(monkeypatch, png_specs):
    """Every download button a page draws, by kind: (file name, the callable that makes the
    file's text to check; a PNG's is its spec)."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    buttons: dict[str, list] = {k: [] for k in KINDS}
    original = st.download_button

    def button(label, data, *args, **kwargs):
        name = str(kwargs.get("file_name", ""))
        kind = name.rsplit(".", 1)[-1]
        if callable(data) and kind in buttons:
            buttons[kind].append((name, _checked(data, png_specs) if kind == "png" else data))
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", button)
    monkeypatch.setattr(DeltaGenerator, "download_button", lambda self, *a, **k: button(*a, **k))
    return buttons


def _checked(make, specs: list[bytes]):
    """A PNG button's file as the spec it was drawn from."""

    def spec_of() -> bytes:
        make()
        return specs[-1]

    return spec_of


def run_page(page: str, user: access.User, hall: str = "") -> None:
    """pages/<page>.py run as `user`, on the last 90 days, in English, with the page's link
    (PAGES; `hall` the user's own), with each of its section tabs opened in turn."""
    at = apptest.app_test(f"pages/{page}.py", 180, user)
    at.query_params["lang"] = "en"
    at.query_params["period"] = "last_90"
    for key, value in PAGES[page].items():
        at.query_params[key] = value.format(hall=hall)
    i18n.set_language("en")
    at.run()
    assert not at.exception, at.exception
    for _ in apptest.each_tab(at, page):
        pass  # each tab's downloads are offered while it is open


@pytest.fixture(scope="module")
def place(tiny):
    """The tiny store's halls, a hall of the city with more than one, and that city."""
    halls = load(tiny).halls
    city = halls["city_id"].value_counts().index[0]
    return halls, halls.loc[halls["city_id"] == city, "branch_id"].iloc[0], city


def hall_manager(place) -> access.User:
    """The manager of one hall (an account of their own, not the demo 'hall')."""
    _, hall, _ = place
    return access.User("hm-dl", access.ROLES["hall_manager"], access.Scope(halls=(hall,)))


def of_one_city(role: str, place) -> access.User:
    """A user of `role` scoped to one city (the tiny store has one province, so a province
    manager is given a city: the role's pages and columns against a scope that leaves halls
    out; their province's own resolution is tested in test_access_scope)."""
    _, _, city = place
    return access.User(f"{role}-dl", access.ROLES[role], access.Scope(cities=(city,)))


@pytest.mark.parametrize("page", [p for p in PAGES if p != "hotline"])
def test_every_download_of_a_hall_manager_stays_in_scope(app_env, tiny, place, offered, page):
    user = hall_manager(place)
    run_page(page, user, place[1])
    assert any(offered.values()), "the page offers no download"
    forbidden = outside(tiny, place[0], user.scope)
    for kind, buttons in offered.items():
        for name, make in buttons:
            text = file_text(make())
            assert forbidden.found(text) == [], f"{name} ({kind})"
            assert "hm-dl (hall manager)" in " ".join(text.split()), f"{name} is not stamped"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", CITY_ROLES)
def test_one_page_per_kind_for_the_city_scoped_roles(app_env, tiny, place, offered, role, kind):
    user = of_one_city(role, place)
    run_page(ONE_PAGE_PER_KIND[kind], user)
    assert offered[kind], f"{ONE_PAGE_PER_KIND[kind]} offers no {kind}"
    forbidden = outside(tiny, place[0], user.scope)
    for name, make in offered[kind]:
        assert forbidden.found(file_text(make())) == [], name


@pytest.mark.parametrize("kind", KINDS)
def test_the_check_finds_other_halls_in_an_executive_download(app_env, tiny, place, offered, kind):
    executive = access.User("ex-dl", access.ROLES["executive"], access.EVERYTHING)
    run_page(ONE_PAGE_PER_KIND[kind], executive)
    forbidden = outside(tiny, place[0], hall_manager(place).scope)
    assert any(forbidden.found(file_text(make())) for _, make in offered[kind])


# the sections whose charts and tables name halls (an executive's report on the tiny store):
# the city-scoped roles' PDF holds these only. Their XLSX and PPTX hold every section's data
# and chart specs, and printing a PDF takes the browser a second a chart.
NAMING_HALLS = ("surveys", "queues")


def report_files(
    tiny, user: access.User, png_specs: list[bytes], pdf_sections: tuple[str, ...] = ()
) -> dict[str, str]:
    """The board report for `user`, last 90 days, as the text of each format (the PDF of
    `pdf_sections` only, when given); the PPTX's text includes the specs of its charts."""
    options = filters.within(load(tiny).options(), user.sees)
    f = filters.cascade(filters.Filter(period="last_90"), options).with_(role=user.role)
    made = report.build(tiny, report.Request(f, user=user))
    texts = {"xlsx": file_text(report.write(made, "xlsx"))}
    texts["pptx"] = file_text(report.write(made, "pptx")) + "\n".join(s.decode() for s in png_specs)
    if pdf_sections:
        made = dataclasses.replace(
            made, sections=[s for s in made.sections if s.key in pdf_sections]
        )
        assert made.sections, "no section to print"
    texts["pdf"] = file_text(report.write(made, "pdf"))
    return texts


@pytest.mark.parametrize("role", ("hall_manager", *CITY_ROLES))
def test_the_board_report_in_every_format_stays_in_scope(tiny, place, png_specs, role):
    if role == "hall_manager":
        user, printed = hall_manager(place), ()
    else:
        user, printed = of_one_city(role, place), NAMING_HALLS
    forbidden = outside(tiny, place[0], user.scope)
    texts = report_files(tiny, user, png_specs, printed)
    assert png_specs, "the slides drew no chart"
    for kind, text in texts.items():
        assert forbidden.found(text) == [], kind
        assert f"Made by {user.name}" in " ".join(text.split()), kind
    if role == "hall_manager":  # the hotline counts by city: withheld, not "too few"
        assert all("not in your scope" in texts[k] for k in ("pptx", "pdf"))


def test_the_sections_printed_for_the_city_roles_name_halls_for_an_executive(tiny, place):
    f = filters.Filter(period="last_90")
    made = report.build(tiny, report.Request(f, sections=NAMING_HALLS))
    forbidden = outside(tiny, place[0], of_one_city("city_manager", place).scope)
    assert forbidden.found(file_text(report.write(made, "xlsx")))
