"""The Reports page, driven by Streamlit's AppTest on the tiny store."""

from __future__ import annotations

from tests import apptest
from tests.test_app import APP, start

USES = "This report uses the sidebar's filter: "


def _filter_named(at) -> str:
    """The filter the page says the report uses."""
    (said,) = [i.value for i in at.info if i.value.startswith(USES)]
    return said.removeprefix(USES).split("**")[1]


def test_reports_page_opens_with_its_form_and_a_preview_chart(app_env):
    at = start().switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.title[0].value == "Reports"
    assert _filter_named(at) == "All company · 2 Oct – 31 Oct 2026 vs 2 Sep – 1 Oct 2026"
    assert at.multiselect(key="rp_sections").value == [
        "overview", "surveys", "queues", "hotline", "complaints", "benchmarks",
    ]  # fmt: skip
    assert at.get("plotly_chart")  # the preview, drawn through show.chart
    assert any("Satisfaction index" in m.value for m in at.markdown)


def test_the_report_uses_the_global_filter(app_env):
    at = start({"city": "SZ", "period": "last_90"}).switch_page("pages/reports.py").run()
    assert not at.exception
    assert _filter_named(at) == "Shenzhen · 3 Aug – 31 Oct 2026 vs 5 May – 2 Aug 2026"
    assert any("Shenzhen · 3 Aug" in c.value for c in at.caption)  # the preview's stamp
    assert "--scope SZ \\\n    --period last_90 \\\n    --compare previous" in at.code[0].value


def test_the_report_follows_the_sidebar_after_the_first_visit(app_env):
    at = start({"city": "SZ"}).switch_page("pages/reports.py").run()
    at.selectbox(key="f_period").set_value("last_month").run()
    assert not at.exception
    assert _filter_named(at) == "Shenzhen · 1 Sep – 30 Sep 2026 vs 1 Aug – 31 Aug 2026"
    assert any("Shenzhen · 1 Sep – 30 Sep 2026" in c.value for c in at.caption)
    assert "--period last_month" in at.code[0].value
    at.selectbox(key="f_compare").set_value("none").run()
    assert _filter_named(at) == "Shenzhen · 1 Sep – 30 Sep 2026 · No comparison"
    assert "--compare none" in at.code[0].value
    assert at.query_params["period"] == "last_month"  # one filter, in the URL


def test_the_report_language_follows_the_app_language(app_env):
    at = apptest.app_test(APP, default_timeout=120)
    at.query_params["lang"] = "zh"
    # switched before the first run, so no widget keeps an English label (see test_queues_app)
    at = at.switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.radio(key="rp_lang").value == "zh"
    assert any(i.value.startswith("本报告使用侧边栏的筛选条件：") for i in at.info)


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
