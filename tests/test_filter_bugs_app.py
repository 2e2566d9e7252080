"""What a new user tripped over in the filter (issue 14), driven by AppTest on the tiny store:
dates beyond the data, refused values that filled the screen, a page that fails, "Reset
filters" on the Hall profile, and the drill's stamps naming the place shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pulse.overview import data as overview
from tests import apptest
from tests.apptest import url

ROOT = Path(__file__).resolve().parent.parent
APP, HALL, DRILL = (str(ROOT / p) for p in ("app.py", "pages/hall.py", "pages/drill.py"))
D = dt.date


def start(page: str = APP, **query) -> AppTest:
    """The page (app.py unless named) run once with `query` as its URL's parameters."""
    return apptest.start(page, **query)


@pytest.mark.parametrize(
    ("start_day", "end_day", "shown", "notice"),
    [
        ("2026-10-01", "2026-11-01", (D(2026, 10, 1), D(2026, 10, 31)), "showing 2026-10-01 to"),
        ("2026-10-01", "9999-12-31", (D(2026, 10, 1), D(2026, 10, 31)), "showing 2026-10-01 to"),
        ("2000-01-01", "2026-09-30", (D(2026, 9, 1), D(2026, 9, 30)), "reach beyond the data"),
    ],
)
def test_dates_beyond_the_data_are_clamped_with_a_notice(
    app_env, start_day, end_day, shown, notice
):
    at = start(period="custom", **{"from": start_day, "to": end_day})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert notice in warnings
    dates = at.date_input(key="f_range").value
    if shown:
        assert tuple(dates) == shown
    assert dates[0] > D(2000, 1, 1) and dates[1] <= D(2026, 10, 31)
    assert url(at, "to") == dates[1].isoformat()  # the link now says what is shown
    assert at.metric  # the page drew its numbers


def test_the_clamping_notice_in_chinese(app_env):
    at = start(period="custom", lang="zh", **{"from": "2026-10-01", "to": "2026-11-01"})
    assert not at.exception
    assert any("超出数据范围" in w.value for w in at.warning)


def test_a_refused_value_is_shortened_with_the_count_dropped(app_env):
    at = start(city="SZ," + "x" * 10_000 + ",Atlantis")
    assert not at.exception
    warning = next(w.value for w in at.warning if "City" in w.value)
    assert len(warning) < 200
    assert warning.startswith("2 City value(s)") and warning.endswith("x" * 40 + "…")
    assert at.multiselect(key="f_cities").value == ["SZ"]


@pytest.mark.parametrize(("lang", "words"), [("en", "Something went wrong"), ("zh", "出错")])
def test_a_page_that_fails_shows_a_short_message_not_the_exception(
    app_env, monkeypatch, lang, words
):
    def broken(*args, **kwargs):
        raise RuntimeError("secret /srv/pulse/store.duckdb")

    monkeypatch.setattr(overview, "headline", broken)  # the first thing the Overview computes
    at = start(lang=lang)
    assert not at.exception
    assert [e.value for e in at.error] and words in at.error[0].value
    shown = " ".join(str(e.value) for e in [*at.error, *at.markdown, *at.caption])
    assert "secret" not in shown and "/srv/" not in shown and "Traceback" not in shown
    assert at.multiselect(key="f_cities")  # the filter bar is still there to change course


def test_reset_on_the_hall_profile_keeps_the_hall(app_env):
    at = start(HALL, hall="SZ-002", period="last_90", segment="gold")
    assert not at.exception
    button = next(b for b in at.button if b.label.startswith("Reset filters"))
    assert button.label == "Reset filters (keep Hall)"
    button.click().run()
    assert not at.exception
    assert at.multiselect(key="f_halls").value == ["SZ-002"]
    assert at.multiselect(key="f_segments").value == []
    assert at.selectbox(key="f_period").value == "last_30"
    assert at.subheader[0].value == "Shenzhen Bao'an Dongfeng Road Community Hall"
    assert (url(at, "hall"), url(at, "segment"), url(at, "period")) == ("SZ-002", None, None)


def test_reset_elsewhere_resets_everything(app_env):
    at = start(city="SZ", period="last_90")
    button = next(b for b in at.button if b.label.startswith("Reset filters"))
    assert button.label == "Reset filters"
    button.click().run()
    assert at.multiselect(key="f_cities").value == []
    assert at.selectbox(key="f_period").value == "last_30"


def test_the_drills_tables_name_the_hall_they_show(app_env):
    at = start(DRILL, drill="GD/SZ/SZ-002/tickets")
    assert not at.exception
    assert at.multiselect(key="f_halls").value == []  # the sidebar's scope is the company
    stamps = [c.value for c in at.caption if "2 Oct" in c.value]
    assert stamps and all("Dongfeng Road" in s for s in stamps)
    assert not any("All company" in s for s in stamps)


def test_the_language_switch_keeps_the_whole_filter(app_env):
    at = start(period="last_90", compare="last_year", city="SZ", segment="gold")
    at.radio(key="f_lang").set_value("zh").run()
    assert not at.exception
    at.switch_page("pages/queues.py").run()
    assert not at.exception
    assert at.selectbox(key="f_period").value == "last_90"
    assert at.selectbox(key="f_compare").value == "last_year"
    assert at.multiselect(key="f_cities").value == ["SZ"]
    assert at.multiselect(key="f_segments").value == ["gold"]
    assert (url(at, "period"), url(at, "city"), url(at, "lang")) == ("last_90", "SZ", "zh")
