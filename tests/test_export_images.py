"""Chart images rendered by kaleido in the process's one Chromium: PNG at the requested size
and not blank, SVG that parses and carries its stamp, PDF with selectable text, all in the
print theme whatever the screen theme."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image
from pypdf import PdfReader

from pulse.export import images, theme
from pulse.export.engine import engine

STAMP = theme.Stamp(
    title="满意度指数 Satisfaction index by week",
    caption="Guangdong · 深圳 · 1 Jan – 31 Mar 2026 vs 1 Oct – 31 Dec 2025 · VIP",
    n="n = 12,345",
    as_of="Data as of 2026-10-31",
    definition="Mean overall satisfaction (0–10) of survey responses, times 10.",
    notes=("not filtered by brand",),
)


@pytest.fixture(scope="module")
def dark_figure() -> go.Figure:
    """A figure as a page might draw it for a dark screen theme."""
    fig = go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[81.2, 82.5, 80.9, 83.1], name="深圳"))
    fig.add_bar(x=[1, 2, 3, 4], y=[80, 81, 82, 83], name="广州")
    fig.update_layout(template="plotly_dark", paper_bgcolor="black", font={"color": "white"})
    return fig


def test_png_is_the_requested_size_at_print_resolution_and_not_blank(dark_figure):
    png = images.render(dark_figure, "png", STAMP)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (images.WIDTH * images.PNG_SCALE, images.HEIGHT * images.PNG_SCALE)
    pixels = np.asarray(image)
    assert pixels.std() > 10  # not one flat colour
    corner = pixels[:20, :20].reshape(-1, 3)
    assert (corner == 255).all()  # white paper, not the screen theme's black
    assert (pixels.sum(axis=2) < 200).mean() > 0.001  # dark ink: the title and the stamp


def test_a_png_of_another_size_and_scale():
    png = images.render(
        go.Figure(go.Bar(x=["a"], y=[1])), "png", STAMP, width=800, height=500, scale=1
    )
    assert Image.open(io.BytesIO(png)).size == (800, 500)


def test_svg_parses_and_carries_title_filter_n_date_and_definition(dark_figure):
    svg = images.render(dark_figure, "svg", STAMP)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    for part in (STAMP.title, "深圳", STAMP.n, STAMP.as_of, "Mean overall satisfaction"):
        assert part in text, part


def test_pdf_has_selectable_text_with_the_stamp(dark_figure):
    data = images.render(dark_figure, "pdf", STAMP)
    assert data.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Satisfaction index by week" in text
    assert "Data as of 2026-10-31" in text


def test_one_browser_serves_every_image(dark_figure):
    images.render(dark_figure, "svg", STAMP)
    browser = engine()._kaleido
    images.render(dark_figure, "png", STAMP)
    images.render(dark_figure, "pdf", STAMP)
    assert engine()._kaleido is browser  # no new browser per image


def test_the_engine_starts_again_after_it_was_closed(dark_figure):
    engine().close()
    assert not engine().running
    assert images.render(dark_figure, "svg", STAMP).startswith(b"<svg")
    assert engine().running


def test_bad_requests_are_refused_with_a_clear_message(dark_figure):
    with pytest.raises(ValueError, match="png, svg, pdf"):
        images.render(dark_figure, "gif", STAMP)
    with pytest.raises(ValueError, match="at least 200 x 150"):
        images.render(dark_figure, "png", STAMP, width=10, height=10)


def test_the_stamp_wraps_long_definitions_and_chinese_text():
    lines = theme.wrap("网络质量维度的平均得分（0–10分），仅计评价了该维度的问卷。" * 3, 40)
    assert all(theme.width_of(line) <= 40 for line in lines)
    assert "".join(lines) == "网络质量维度的平均得分（0–10分），仅计评价了该维度的问卷。" * 3
    english = theme.wrap("Mean score for network quality over responses that rated it", 20)
    assert english == ["Mean score for", "network quality over", "responses that rated", "it"]


def test_a_line_waiting_in_the_legend_is_not_on_paper():
    # on screen a greyed name in the legend draws its line when clicked; printed, the greyed
    # name read as a line gone missing
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[80.1, 81.3, 80.7], name="深圳"))
    fig.add_scatter(x=[1, 2, 3], y=[79.0, 79.5, 78.8], name="Wenzhou", visible="legendonly")
    fig.add_scatter(x=[1, 2, 3], y=[82.0, 82.2, 81.9], name="Foshan")
    text = " ".join(ET.fromstring(images.render(fig, "svg", STAMP)).itertext())
    assert "深圳" in text and "Foshan" in text
    assert "Wenzhou" not in text
    assert [trace.name for trace in fig.data] == ["深圳", "Wenzhou", "Foshan"]  # the screen's
