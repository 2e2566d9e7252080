"""An analyst adds an annotation on the Trends page and sees it named on the trend chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in, streamlit_server, wait_until_idle

pytestmark = pytest.mark.browser
TITLE = "Fibre cut in Futian"


def test_an_annotation_shows_on_the_trend_chart(tiny_path, tmp_path, page, monkeypatch):
    monkeypatch.setenv("PULSE_SCHEDULER", "off")  # no background checks in this server
    with streamlit_server(tiny_path, tmp_path) as url:
        sign_in(  # annotations are for the roles that keep reference data: an analyst
            page,
            f"{url}/trends?t_metrics=hotline_service_level&t_window=period&period=last_30"
            "&t_split=none",
            user="analyst",
        )
        expect(page.get_by_role("heading", name="Trends")).to_be_visible()
        wait_until_idle(page)
        chart = page.locator(".js-plotly-plot").first
        expect(chart).to_be_visible()
        expect(chart.get_by_text(TITLE, exact=False)).to_have_count(0)
        page.get_by_text("Annotate: an outage, initiative, promotion or holiday").click()
        box = page.get_by_label("What happened (the chart's label)")
        box.fill(TITLE)
        box.press("Enter")
        wait_until_idle(page)
        page.get_by_role("button", name="Add the annotation").click()
        wait_until_idle(page)
        expect(page.get_by_text(f"Added: {TITLE}")).to_be_visible()
        labelled = page.locator(".js-plotly-plot").first.get_by_text(f"Outage: {TITLE}")
        expect(labelled).to_be_visible()
