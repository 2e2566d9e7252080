"""The Queues page, driven by Streamlit's AppTest on the tiny store."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from pulse import catalog
from pulse.queues import data as queues
from tests import apptest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/queues.py"


def open_page(query: dict | None = None) -> AppTest:
    at = apptest.app_test(APP, default_timeout=180)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    # switch before the first run: a run on another page first would leave widgets whose
    # labels are in the other language when the page is switched in the test's thread
    return at.switch_page(PAGE).run()


def test_queues_page_in_english(app_env):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Queues"
    labels = [m.label for m in at.metric][: len(queues.TILE_METRICS)]
    assert labels == [catalog.metric(m).label("en") for m in queues.TILE_METRICS]
    assert all(m.help for m in at.metric[: len(queues.TILE_METRICS)])
    assert apptest.tab_labels(at) == [
        "How long customers wait",
        "When the peaks come",
        "By hall tier and service type",
        "Halls",
        "Counter planning",
        "Individual tickets",
    ]
    captions = " ".join(c.value for c in at.caption)
    assert "Data as of 2026-10-31" in captions and "n = " in captions
    # the hall table lists the four halls of the tiny store
    apptest.open_tab(at, "queues", "Halls")
    halls = [d.value for d in at.dataframe if "Rank" in d.value.columns]
    assert len(halls) == 1 and len(halls[0]) == 4


def test_queues_page_in_chinese(app_env):
    at = open_page({"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "营业厅排队"
    labels = [m.label for m in at.metric][: len(queues.TILE_METRICS)]
    assert labels == [catalog.metric(m).label("zh") for m in queues.TILE_METRICS]
    assert "客户等候多久" in apptest.tab_labels(at)
    assert any("数据截至" in c.value for c in at.caption)


def test_a_filter_change_redraws_the_page(app_env):
    at = open_page()
    at.selectbox(key="f_period").select("last_7").run()
    assert not at.exception
    at.multiselect(key="f_halls").select("SZ-001").run()
    assert not at.exception
    assert any("Shenzhen Luohu Qingnian Road Hall" in c.value for c in at.caption)
    apptest.open_tab(at, "queues", "Halls")
    halls = [d.value for d in at.dataframe if "Rank" in d.value.columns]
    assert len(halls[0]) == 1
    apptest.open_tab(at, "queues", "Counter planning")
    assert at.selectbox(key="queues_plan_hall").value == "SZ-001"


def test_segment_filter_is_named_on_tickets_per_counter(app_env):
    at = open_page({"segment": "gold"})
    assert not at.exception
    tile = at.metric[len(queues.TILE_METRICS) - 1]
    assert tile.label == "Tickets per counter"
    assert any("not filtered by Segment" in c.value for c in at.caption)


def test_the_views_change_with_their_controls(app_env):
    at = open_page()
    at.selectbox(key="queues_trend_metric").select("queue_walkaway_rate").run()
    at.segmented_control(key="queues_split").set_value("segment").run()
    assert not at.exception
    segments = next(d.value for d in at.dataframe if "Group" in d.value.columns)
    assert "Regular" in segments["Group"].tolist()
    apptest.open_tab(at, "queues", "When the peaks come")
    at.segmented_control(key="queues_heat_measure").set_value("within_share").run()
    apptest.open_tab(at, "queues", "By hall tier and service type")
    at.selectbox(key="queues_breakdown_metric").select("queue_wait_mean").run()
    assert not at.exception


def test_counter_planning_responds(app_env):
    at = apptest.open_tab(open_page({"hall": "GZ-001"}), "queues", "Counter planning")
    needed = _metric(at, "Counters needed")
    at.slider(key="queues_plan_risk").set_value(1).run()
    assert not at.exception
    assert int(_metric(at, "Counters needed")) >= int(needed)
    at.radio(key="queues_plan_basis").set_value("busy").run()
    at.radio(key="queues_plan_day_type").set_value("weekend").run()
    assert not at.exception
    assert _metric(at, "Counters in the hall") == "15"


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_record_table_opens_and_pages(app_env):
    at = open_page()
    apptest.open_tab(at, "queues", "Individual tickets")
    assert not at.exception
    tickets = at.dataframe[-1].value
    assert list(tickets.columns)[:3] == ["Ticket", "Issued", "Called"]
    assert len(tickets) == 50
    first = tickets["Ticket"].tolist()
    at.number_input(key="queues_records_page").set_value(2).run()
    assert not at.exception
    assert at.dataframe[-1].value["Ticket"].tolist() != first
    assert any("page 2 of" in m.value for m in at.markdown)


def test_a_role_without_records_is_told_so_not_shown_an_empty_list(app_env):
    # the administrator's role keeps users and settings, not single records: "no tickets for
    # this selection" would be untrue
    at = apptest.open_page("queues", "last_30", user="admin")
    apptest.open_tab(at, "queues", "Individual tickets")
    assert not at.exception
    assert not any("Ticket" in d.value.columns for d in at.dataframe)
    (said,) = [i.value for i in at.info]
    # and not to ask an administrator, which they are
    assert said == (
        "Single tickets, calls, complaints and responses are not shown to the administrator's "
        "role, which keeps accounts, settings and the audit log. Sign in with an account whose "
        "role reads them (an analyst or a manager) to see them."
    )


def test_an_empty_selection_says_so(app_env):
    at = open_page({"period": "custom", "from": "2020-01-01", "to": "2020-01-31"})
    assert not at.exception
    assert at.info and "No hall tickets for this selection" in at.info[0].value
    assert not at.metric
