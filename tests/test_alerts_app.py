"""The Alerts page under AppTest: the open alert in the reader's scope with its sentence,
chart, matching event and history, acknowledged from the page; an annotation added from the
Trends page reaches the events every chart draws, and editing and deleting it are audited."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pulse import events, filters, ingest, sidecar
from pulse.alerts import check, lifecycle, people
from pulse.alerts.config import Config
from pulse.store import open_store
from tests import apptest
from tests.test_alerts_outage import CONTROL, OUTAGE, _outage_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def copy(tiny_path, tmp_path, monkeypatch):
    """A private copy of the tiny store the app opens."""
    path = tmp_path / "alerts.duckdb"
    shutil.copy(tiny_path, path)
    shutil.copy(sidecar.path_for(tiny_path), sidecar.path_for(path))  # its demo accounts
    monkeypatch.setenv("PULSE_STORE", str(path))
    monkeypatch.setenv("PULSE_SCHEDULER", "off")
    return path


def _page(name: str, user: str = "city", **query) -> AppTest:
    """A page signed in as a demo account: the Shenzhen city manager unless said otherwise."""
    at = apptest.app_test(ROOT / "pages" / f"{name}.py", 180, user)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_the_open_alert_is_listed_and_acknowledged(copy, tmp_path, monkeypatch):
    store = open_store(copy)
    extract = tmp_path / "outage.csv"
    _outage_file(extract)
    ingest.load_file(store, "complaint", extract, loaded_by="tests")
    store.loaded()
    monkeypatch.setattr(people, "active", lambda store_path: [])
    opened = check.run(store, Config(retry_delays_s=()), OUTAGE[1], [CONTROL]).opened
    at = _page("alerts", lang="en")
    assert not at.exception and not at.error
    assert at.title[0].value == "Alerts"
    text = " ".join(m.value for m in at.markdown)
    assert "Complaints per million in Shenzhen" in text and "n = 43" in text
    assert "Shenzhen network outage" in text  # the tiny store's event, matched
    assert len(at.get("image")) == 1  # the chart
    at.text_input(key=f"alert_{opened[0]}_note").input("called the network centre")
    at.button(key=f"alert_{opened[0]}_ack").click().run()
    assert not at.exception
    row = lifecycle.recent(copy)[0]
    assert (row["acked_by"], row["ack_note"]) == ("city", "called the network centre")
    zh = _page("alerts", lang="zh")
    assert "深圳" in " ".join(m.value for m in zh.markdown)


def test_an_annotation_from_the_trends_page_reaches_the_charts(copy, monkeypatch):
    logged = []
    monkeypatch.setattr(events, "_audit", lambda path, user, action, detail: logged.append(action))
    at = _page(
        "trends", "analyst", t_metrics="hotline_service_level", t_window="period", period="last_90"
    )
    at.text_input(key="trends_note_new_what").input("Fibre cut in Futian")
    at.selectbox(key="trends_note_new_place").select("SZ")
    at.date_input(key="trends_note_new_days").set_value(
        (dt.date(2026, 10, 5), dt.date(2026, 10, 6))
    ).run()
    at.button(key="trends_note_add").click().run()
    assert not at.exception
    store = open_store(copy)
    sz = events.in_window(store, filters.Filter(cities=("SZ",)), dt.date(2026, 10, 1),
                          dt.date(2026, 10, 31))  # fmt: skip
    gz = events.in_window(store, filters.Filter(cities=("GZ",)), dt.date(2026, 10, 1),
                          dt.date(2026, 10, 31))  # fmt: skip
    assert "Fibre cut in Futian" in set(sz["title_en"])
    assert "Fibre cut in Futian" not in set(gz["title_en"])
    note = events.annotations(copy).iloc[0]
    assert (note["kind"], note["city_id"], str(note["starts_on"].date())) == (
        "outage", "SZ", "2026-10-05"
    )  # fmt: skip
    events.edit(copy, None, int(note["annotation_id"]), kind="holiday",
                starts_on=dt.date(2026, 10, 5), ends_on=dt.date(2026, 10, 7), city_id="SZ",
                branch_id=None, title="Fibre cut in Futian", note="")  # fmt: skip
    events.delete(copy, None, int(note["annotation_id"]))
    assert events.annotations(copy).empty
    assert logged == ["annotation_add", "annotation_edit", "annotation_delete"]
