"""The drill-down and the hall profile under AppTest on the tiny store: from the province to
a single record and back by the breadcrumb, the path in the URL, and the hall deep link."""

from __future__ import annotations

import re
from pathlib import Path

from tests.apptest import start, url

ROOT = Path(__file__).resolve().parent.parent
DRILL, HALL = str(ROOT / "pages" / "drill.py"), str(ROOT / "pages" / "hall.py")


def test_from_the_province_to_a_record_and_back(app_env):
    at = start(DRILL)
    assert not at.exception
    assert [b.label for b in at.button if b.key and b.key.startswith("drill_crumb")] == [
        "All company"
    ]
    at.selectbox(key="drill_go_company").select("GD").run()
    assert url(at, "drill") == "GD"
    at.selectbox(key="drill_go_province").select("SZ").run()
    assert url(at, "drill") == "GD/SZ"
    at.selectbox(key="drill_go_city").select("SZ-002").run()
    assert url(at, "drill") == "GD/SZ/SZ-002"
    assert any(s.value == "Shenzhen Bao'an Dongfeng Road Community Hall" for s in at.subheader)
    at.button(key="drill_family_tickets").click().run()
    assert url(at, "drill") == "GD/SZ/SZ-002/tickets"
    records = at.dataframe[0].value
    first = str(records["Ticket"].iloc[0])
    at.selectbox(key="drill_go_records_0").select(first).run()
    assert not at.exception
    assert url(at, "drill") == f"GD/SZ/SZ-002/tickets/{first}"
    assert at.subheader[0].value == f"Queue tickets #{first}"
    fields = at.dataframe[0].value
    assert fields.iloc[0].tolist() == ["Ticket", first]
    crumbs = [b.label for b in at.button if b.key and b.key.startswith("drill_crumb")]
    assert crumbs[0] == "All company" and crumbs[-1] == f"#{first}"
    at.button(key="drill_crumb_city").click().run()
    assert url(at, "drill") == "GD/SZ"
    at.button(key="drill_crumb_company").click().run()
    assert url(at, "drill") is None
    assert not at.exception


def test_a_drill_link_opens_where_it_points_and_says_what_it_dropped(app_env):
    at = start(DRILL, drill="GD/SZ/XX-999")
    assert not at.exception
    assert "XX-999" in at.warning[0].value
    assert url(at, "drill") == "GD/SZ"


def test_the_drill_starts_at_the_place_the_sidebar_names(app_env):
    # started at the company, a manager filtered to Shenzhen saw one bar, "Guangdong", with
    # Shenzhen's value; now the drill opens on Shenzhen's halls
    at = start(DRILL, city="SZ")
    assert not at.exception
    assert url(at, "drill") == "GD/SZ"
    assert [b.label for b in at.button if b.key and b.key.startswith("drill_crumb")] == [
        "All company",
        "Guangdong",
        "Shenzhen",
    ]
    # the reader goes up: the next runs leave them where they went
    at.button(key="drill_crumb_company").click().run()
    at.run()
    assert url(at, "drill") is None
    # another city in the sidebar starts the drill there
    at.query_params["city"] = "GZ"
    at.run()
    assert not at.exception
    assert url(at, "drill") == "GD/GZ"
    # a link's own path wins over the sidebar's place
    linked = start(DRILL, city="SZ", drill="GD")
    assert url(linked, "drill") == "GD"
    # one hall in the sidebar: the hall
    assert url(start(DRILL, hall="SZ-002"), "drill") == "GD/SZ/SZ-002"


def test_hotline_metrics_stop_at_the_city_and_open_its_calls(app_env):
    at = start(DRILL, drill="GD/SZ", d_metric="hotline_answer_rate")
    assert any("recorded by city only" in i.value for i in at.info)
    at.button(key="drill_family_calls").click().run()
    assert url(at, "drill") == "GD/SZ//calls"
    assert at.subheader[0].value == "Hotline calls"


def test_picking_a_segment_filters_the_page(app_env):
    at = start(DRILL, drill="GD", drill_segment="gold")
    assert not at.exception
    assert any("Gold card" in c.value for c in at.caption)
    at.button(key="clear_drill_segment").click().run()
    assert url(at, "drill_segment") is None


def test_the_hall_deep_link_survives_a_reload(app_env):
    at = start(HALL, hall="SZ-002")
    assert not at.exception
    name = "Shenzhen Bao'an Dongfeng Road Community Hall"
    assert at.subheader[0].value == name
    titles = [s.value for s in at.subheader]
    assert titles[1:] == [
        "Its trend",
        "Its worst hours",
        "Its open and overdue complaints",
        "Its latest comments",
    ]
    at.run()  # a reload keeps the hall: the filter bar keeps it in the URL
    assert at.subheader[0].value == name
    assert url(at, "hall") == "SZ-002"


def test_the_hall_profile_tells_a_role_without_comments_why_it_shows_none(app_env):
    titles = [s.value for s in start(HALL, hall="SZ-002").subheader]
    executive = start(HALL, hall="SZ-002")
    below = [c.value for c in executive.caption]
    assert "Customers' comments are not shown to your role (executive)." in " ".join(below)
    assert "No survey comment in the period." not in below
    analyst = start(HALL, user="analyst", hall="SZ-002")
    assert not analyst.exception
    assert [s.value for s in analyst.subheader] == titles
    assert not any("not shown to your role" in c.value for c in analyst.caption)


def test_the_hall_profiles_open_complaints_are_timed_to_the_minute(app_env):
    # the grid wrote the seconds, and a narrowed Chinese column cut them to "17:16:5"
    for lang in ("en", "zh"):
        at = start(HALL, hall="SZ-001", lang=lang)  # the tiny store's hall with open ones
        assert not at.exception
        received = "Received at" if lang == "en" else "受理时间"
        (table,) = [d.value for d in at.dataframe if received in d.value.columns]
        stamps = table[received].tolist() + table["Due" if lang == "en" else "办结时限"].tolist()
        assert stamps and all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", s) for s in stamps)


def test_without_one_hall_the_user_picks_one(app_env):
    at = start(HALL)
    assert not at.exception
    assert "one hall" in at.info[0].value
    at.selectbox(key="hall_pick").select("GZ-002").run()
    assert not at.exception
    assert at.subheader[0].value == "Guangzhou Tianhe Tangkou Town Hall"
    assert url(at, "hall") == "GZ-002"


def test_the_hall_profile_in_chinese(app_env):
    at = start(HALL, hall="GZ-001", lang="zh")
    assert not at.exception
    assert at.title[0].value == "营业厅档案"
    assert at.subheader[0].value == "广州天河中心营业厅"


def test_the_hall_trend_is_stamped_with_its_year_of_weeks(app_env):
    # the trend reaches 12 months back; its stamp said the filter's 30 days
    at = start(HALL, hall="SZ-002", period="last_30")
    assert not at.exception
    stamps = [c.value for c in at.caption if " · Data as of " in c.value]
    trend = next(s for s in stamps if s.startswith("Share of called tickets whose number"))
    assert " · 1 Nov 2025 – 31 Oct 2026 · Data as of 2026-10-31" in trend
    assert " vs " not in trend
