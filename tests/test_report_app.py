"""The Reports page, driven by Streamlit's AppTest on the tiny store."""

from __future__ import annotations

from tests.test_app import start


def test_reports_page_opens_with_its_form_and_a_preview_chart(app_env):
    at = start().switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.title[0].value == "Reports"
    assert at.multiselect(key="rp_cities").value == []
    assert at.session_state["rp_period"] == at.session_state["f_period"]
    assert at.multiselect(key="rp_sections").value == [
        "overview", "surveys", "queues", "hotline", "complaints", "benchmarks",
    ]  # fmt: skip
    assert at.get("plotly_chart")  # the preview, drawn through show.chart
    assert any("Satisfaction index" in m.value for m in at.markdown)


def test_the_form_starts_from_the_global_filter(app_env):
    at = start({"city": "SZ", "period": "last_90"}).switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.multiselect(key="rp_cities").value == ["SZ"]
    # (AppTest's switch_page resets the sidebar's period box; compare with what it holds)
    assert at.session_state["rp_period"] == at.session_state["f_period"]
    assert any("Shenzhen · " in c.value for c in at.caption)  # the preview's stamp


def test_building_the_workbook_offers_its_download(app_env):
    at = start().switch_page("pages/reports.py").run()
    at.multiselect(key="rp_sections").set_value(["overview", "hotline"]).run()
    at.button[0].click().run()  # the primary button: build the report
    assert not at.exception
    assert any("Report ready: 2 sections" in s.value for s in at.success)


def test_no_section_chosen_says_so(app_env):
    at = start().switch_page("pages/reports.py").run()
    at.multiselect(key="rp_sections").set_value([]).run()
    assert not at.exception
    assert any("Choose at least one section" in w.value for w in at.warning)
