"""Downloads in a real browser: a chart as PNG from the Reports page's preview and a table as
CSV from the Overview, through Debian's Chromium driven by Playwright."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from pulse.export import images
from tests.browser import TIMEOUT, choose, download_after, wait_until_idle

pytestmark = pytest.mark.browser


def test_a_chart_downloads_as_a_print_png(server, page):
    page.goto(server)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=TIMEOUT)
    choose(page, "Period", "Last 7 days")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart).to_be_visible(timeout=TIMEOUT)
    stamp = page.get_by_text(re.compile(r"All company · 25 Oct – 31 Oct 2026 vs 18 Oct – 24 Oct"))
    expect(stamp.first).to_be_visible(timeout=TIMEOUT)  # the report form took the changed filter
    download = download_after(page, chart, "PNG")
    assert download.suggested_filename == "report_preview_20261025-20261031.png"
    image = Image.open(download.path()).convert("RGB")
    assert image.size == (images.WIDTH * images.PNG_SCALE, images.HEIGHT * images.PNG_SCALE)
    pixels = np.asarray(image)
    assert pixels.std() > 10 and (pixels[:10, :10] == 255).all()


def test_a_table_downloads_as_csv(server, page):
    page.goto(server)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible(timeout=TIMEOUT)
    download = download_after(page, table, "CSV")
    assert download.suggested_filename.startswith("cities_")
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    stamp = rows.pop()  # the last line says who made the file, under which scope
    assert stamp["city"] == "Made by Demo executive (executive) · scope: all units"
    assert {r["city"] for r in rows} == {"Guangzhou", "Shenzhen"}
    assert {"value", "low", "high", "n"} <= set(rows[0])


def test_a_chinese_pages_table_downloads_in_chinese(server, page):
    """The file is made on Streamlit's download thread after the page's run has ended, in
    the page's language (pulse.ui.show.later): cities, metrics, statuses and units."""
    page.goto(f"{server}/?lang=zh")
    expect(page.get_by_role("heading", name="总览")).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    download = download_after(page, page.get_by_test_id("stDataFrame").first, "CSV")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text("utf-8-sig"), newline="")))
    rows.pop()  # who made the file
    assert {r["city"] for r in rows} == {"广州", "深圳"}
    assert "平均等候时长" in {r["metric"] for r in rows}
    assert {r["unit"] for r in rows} >= {"%", "分钟"}
    assert {r["status"] for r in rows} <= {"达标", "接近目标", "未达标", "无目标"}
