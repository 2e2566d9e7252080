"""Data older than its source's usual delay is named late, on the Data page and under the
sidebar's "Data as of" stamp; today is set by PULSE_TODAY, never read from the clock."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pulse import freshness, settings
from tests.test_app import start


def test_a_source_is_late_when_further_behind_than_its_usual_delay():
    status = pd.DataFrame(
        {
            "table_name": ["queue_ticket", "queue_ticket", "survey_response", "complaint"],
            "last_day": [dt.date(2026, 10, 31), dt.date(2026, 11, 28), dt.date(2026, 11, 23), None],
        }
    )
    out = freshness.lateness(status, dt.date(2026, 11, 30))
    assert out[["days_behind", "usual_delay_days", "is_late"]].astype(object).values.tolist() == [
        [30, 2, True],
        [2, 2, False],  # exactly the usual delay is on time
        [7, 7, False],
        [pd.NA, 3, False],  # an empty source is empty, not late
    ]


def test_every_fact_table_has_a_usual_delay():
    names = {
        "queue_ticket",
        "hotline_call",
        "hotline_staffing",
        "queue_snapshot",
        "complaint",
        "survey_response",
    }
    assert {n for n in names if f"{n}_delay_days" in settings.all_settings()} == names


def test_today_comes_from_pulse_today_when_set(monkeypatch):
    monkeypatch.setenv("PULSE_TODAY", "2026-11-30")
    assert freshness.today() == dt.date(2026, 11, 30)
    monkeypatch.setenv("PULSE_TODAY", "30/11/2026")
    with pytest.raises(ValueError, match="PULSE_TODAY='30/11/2026' is not a YYYY-MM-DD date"):
        freshness.today()


def test_the_data_page_names_each_late_source(app_env, monkeypatch):
    monkeypatch.setenv("PULSE_TODAY", "2026-11-30")  # the tiny store ends on 31 October
    at = start().switch_page("pages/data.py").run()
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "further behind than usual" in w.value]
    assert warning.splitlines()[2:] == [
        "- Queue tickets: newest day 2026-10-31, 30 days ago (usually at most 2 days behind)",
        "- Hotline calls: newest day 2026-10-31, 30 days ago (usually at most 2 days behind)",
        "- Hotline staffing: newest day 2026-10-31, 30 days ago (usually at most 2 days behind)",
        "- Complaints: newest day 2026-10-31, 30 days ago (usually at most 3 days behind)",
        "- Survey responses: newest day 2026-10-31, 30 days ago (usually at most 7 days behind)",
    ]
    table = at.dataframe[0].value.set_index("Table")
    # the tiny store holds no queue snapshots: an empty source, listed and not late
    empty = table.loc["Queue snapshots"]
    assert (empty["Rows"], empty["Loads"], bool(empty["Later than usual"])) == ("0", "0", False)
    # blank, not "None", where an empty source has no day, lateness or load
    words = ("First day", "Last day", "Days behind", "Last loaded")
    assert [empty[w] for w in words] == ["", "", "", ""]
    assert table.loc["Queue tickets", "Last day"] == "2026-10-31"
    # when it was loaded, to the second (the store keeps microseconds)
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", table.loc["Queue tickets", "Last loaded"]
    )
    table = table.drop(index="Queue snapshots")
    assert table["Days behind"].tolist() == ["30"] * 5
    assert table["Later than usual"].tolist() == [True] * 5


def test_the_data_page_is_quiet_when_every_source_is_on_time(app_env, monkeypatch):
    monkeypatch.setenv("PULSE_TODAY", "2026-11-02")
    at = start().switch_page("pages/data.py").run()
    assert not at.exception
    assert not [w.value for w in at.warning if "further behind than usual" in w.value]
    table = at.dataframe[0].value.set_index("Table")
    assert (
        table["Later than usual"].tolist() == [False] * 6
    )  # the five sources and the empty snapshots


def _stamp():
    import datetime as dt
    import os

    import streamlit as st

    from pulse.i18n import set_language
    from pulse.store import open_store
    from pulse.ui import stale

    set_language(st.query_params.get("lang", "en"))
    stale.stamp_note(open_store(os.environ["PULSE_STORE"]), dt.date(2026, 10, 31))


@pytest.mark.parametrize(
    ("lang", "today", "said"),
    [
        (
            "en",
            "2026-11-30",
            "Older than usual: the newest data is 30 days old, and 5 of 5 sources are behind "
            "their usual delay (see the Data page).",
        ),
        (
            "zh",
            "2026-11-30",
            "数据比平常旧：最新数据已是 30 天前，5 个数据源中有 5 个晚于通常的延迟"
            "（见“数据管理”页）。",
        ),
        (
            "en",
            "2026-11-03",  # three days: complaints (3) and surveys (7) are still on time
            "Older than usual: the newest data is 3 days old, and 3 of 5 sources are behind "
            "their usual delay (see the Data page).",
        ),
        ("en", "2026-11-02", None),
    ],
)
def test_the_stamp_says_when_the_data_is_older_than_usual(app_env, monkeypatch, lang, today, said):
    monkeypatch.setenv("PULSE_TODAY", today)
    at = AppTest.from_function(_stamp, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == ([said] if said else [])
