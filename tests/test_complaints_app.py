"""The Complaints page driven by Streamlit's AppTest on the tiny store, in both languages."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from pulse import catalog, i18n, ingest, sidecar
from pulse.complaints import data as complaints
from pulse.store import open_store
from tests import apptest
from tests.apptest import markdown
from tests.conftest import HANDMADE

# January 2020, a month the tiny store has no complaints in
JANUARY = (dt.date(2020, 1, 1), dt.date(2020, 1, 31))


def open_page(period: str = "last_30", lang: str = "en", dates=None) -> AppTest:
    """pages/complaints.py with the filter in its URL."""
    return apptest.open_page("complaints", period, lang, dates)


def test_complaints_open_with_ten_tiles_and_every_section(app_env):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Complaints"
    assert [m.label for m in at.metric] == [
        catalog.metric(m).label("en") for m in complaints.HEADLINE
    ]
    assert "Regulator complaints per million subscribers per quarter" in markdown(at)
    captions = " ".join(c.value for c in at.caption)
    assert "MIIT" in captions  # the published figures carry their source
    # below the headline, one tab per section; only the open one is built
    built = {
        label: " ".join(m.value for m in tab.markdown)
        for label, tab in apptest.each_tab(at, "complaints")
    }
    assert list(built) == [
        "What customers complain about",
        "How complaints are handled",
        "Service-attitude complaints by hall",
        "Individual complaints",
    ]
    for label, title in (
        ("What customers complain about", "Complaints by category (Pareto)"),
        ("How complaints are handled", "Time to resolution"),
        ("How complaints are handled", "Open complaints by age at the data date"),
        ("Service-attitude complaints by hall", "funnel plot"),
        ("Individual complaints", "Complaints received in the period, newest first"),
    ):
        assert title in built[label], (label, title)


def test_only_the_open_tab_is_built_and_it_stays_open(app_env):
    at = open_page()
    assert "Complaints by category (Pareto)" in markdown(at)
    assert "Time to resolution" not in markdown(at)  # the closed tabs are empty
    apptest.open_tab(at, "complaints", "How complaints are handled")
    assert "Time to resolution" in markdown(at)
    assert "Complaints by category (Pareto)" not in markdown(at)
    at.query_params["period"] = "last_90"  # a filter change keeps the tab open
    at.run()
    assert "Time to resolution" in markdown(at)


def test_complaints_in_chinese(app_env):
    at = open_page(lang="zh")
    assert not at.exception
    assert at.title[0].value == "投诉管理"
    assert "按大类的投诉量（帕累托图）" in markdown(at)
    # the regulator chart names its published sources in Chinese too
    (sources,) = [c.value for c in at.caption if "公开数据来源" in c.value]
    assert "工信部电信服务质量通告" in sources and "MIIT" not in sources


def test_drilling_into_a_category_shows_its_subcategories(app_env):
    at = open_page("last_90")
    at.selectbox(key="complaints_category").select("network").run()
    assert not at.exception
    assert "Network quality: complaints by subcategory" in markdown(at)
    at.selectbox(key="complaints_category").select("").run()
    assert "Complaints by category (Pareto)" in markdown(at)


def test_paging_through_complaints(app_env):
    at = apptest.open_tab(open_page("last_90"), "complaints", "Individual complaints")
    pages = at.number_input(key="complaints_case_page")
    assert pages.value == 1
    pages.set_value(2).run()
    assert not at.exception
    assert any("complaints 51–100 of" in c.value for c in at.caption)


def test_an_empty_period_says_so_and_still_shows_the_backlog(app_env):
    at = open_page(dates=(dt.date(2020, 1, 1), dt.date(2020, 1, 31)))
    assert not at.exception
    assert at.info and "No complaints were received in this selection" in at.info[0].value
    assert "Open backlog" in markdown(at)


def test_the_router_lists_the_page(app_env):
    at = apptest.via_router("complaints")
    assert not at.exception
    assert at.title[0].value == "Complaints"


@pytest.fixture
def without_customers(tiny_path, tmp_path, monkeypatch):
    """A copy of the tiny store the app opens, with three complaints in January 2020 from a
    source without customer ids (customer_key and is_repeat empty)."""
    path = tmp_path / "complaints.duckdb"
    shutil.copy(tiny_path, path)
    shutil.copy(sidecar.path_for(tiny_path), sidecar.path_for(path))  # its demo accounts
    monkeypatch.setenv("PULSE_STORE", str(path))
    header = (HANDMADE / "complaint.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = [
        f"N{i},2020-01-10 0{i}:00:00,hotline,SZ,,regular,gotone,network_outage,medium,false,"
        f"2020-01-25 0{i}:00:00,,2020-01-11 0{i}:00:00,resolved,,,satisfied"
        for i in range(1, 4)
    ]
    extract = tmp_path / "complaint.csv"
    extract.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    store = open_store(path)
    ingest.load_file(store, "complaint", extract, loaded_by="tests", reject_file_on_error=True)
    store.loaded()
    return path


@pytest.mark.parametrize(
    ("lang", "words", "too_few"),
    [("en", "Not in this source", "too few"), ("zh", "数据源中没有此项", "样本过少")],
)
def test_a_repeat_rate_without_customers_is_not_in_this_source(
    without_customers, lang, words, too_few
):
    at = apptest.open_page("complaints", lang=lang, dates=JANUARY)
    assert not at.exception
    metric = catalog.metric("complaint_repeat_rate")
    tile = next(m for m in at.metric if m.label == metric.label(lang))
    assert tile.value == "—"  # not 0 %
    assert metric.definition(lang) in tile.help  # the definition, and the missing field
    assert i18n.catalogue(lang)["drill.field.customer_key"] in tile.help
    footers = [c.value for c in at.caption if words in c.value]
    assert len(footers) == 1 and too_few not in footers[0]
    # the case table: a flag the source cannot tell is "not recorded", never a blank "no"
    apptest.open_tab(at, "complaints", i18n.catalogue(lang)["complaints.cases_heading"])
    repeat = i18n.catalogue(lang)["complaints.col.repeat"]
    cases = next(d.value for d in at.dataframe if repeat in d.value.columns)
    assert cases[repeat].tolist() == [i18n.catalogue(lang)["complaints.not_recorded"]] * 3


def test_a_column_headed_95_percent_interval_holds_the_interval_alone(app_env):
    # "93.1% – 98.0%", not "95% CI 93.1% – 98.0%" under a header that says it already
    at = apptest.open_tab(open_page(period="last_90"), "complaints", "How complaints are handled")
    by_severity = next(d.value for d in at.dataframe if "Deadline" in d.value.columns)
    spans = [s for s in by_severity["95% interval"] if s]
    assert spans and all(re.fullmatch(r"\d+\.\d% – \d+\.\d%", s) for s in spans), spans
