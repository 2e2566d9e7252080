"""pulse.ui.margins against what Chromium did with the dashboard's own charts: the margins
plotly settled on (`_fullLayout._size`) when it was given none and pushed them out itself, and
the widths Chromium measured for tick labels in Streamlit's tick font (12 px Source Sans).
Measured on the demo store, 2 December 2026, with plotly.js 3.8.2 in Streamlit 1.67."""

from __future__ import annotations

import numpy as np
import pytest

from pulse.ui import charts, margins

# label: its width in px as Chromium measured it (SVG text bounding box)
MEASURED_WIDTHS = {
    "100": 17.9,
    "1000": 23.9,
    "100%": 27.9,
    "Oct 11": 31.7,
    "Shenzhen": 49.6,
    "Regulator (MIIT)": 79.8,
    "China Telecom 2012-Q1": 117.6,
    "Shenzhen Luohu Zhongshan Road Community Hall": 254.4,
    "深圳福田文化路社区营业厅": 144.0,
    "网上营业厅 · NPS +43": 109.0,
}


@pytest.mark.parametrize(("label", "width"), MEASURED_WIDTHS.items())
def test_a_label_is_as_wide_as_chromium_drew_it(label, width):
    assert margins.text_width(label) == pytest.approx(width, abs=1.2)


def _bars(labels):
    fig = charts.figure()
    fig.add_bar(x=[50.0 + i for i in range(len(labels))], y=labels, orientation="h")
    fig.update_layout(xaxis={"title": "%"})
    return fig


@pytest.mark.parametrize(
    ("labels", "settled"),
    [
        # Chromium's left margin for the drill-down's hall bars, given none
        (["Shenzhen Luohu Zhongshan Road Community Hall", "Shenzhen Futian Hall"], 263),
        (["深圳福田文化路社区营业厅", "深圳南山营业厅"], 153),
        (["Group customer, class B", "Diamond"], 129),
    ],
)
def test_a_category_axis_gets_the_room_plotly_pushed_for_its_longest_label(labels, settled):
    fit = margins.fit(_bars(labels))
    # enough, so plotly has nothing to push, and no more than a few pixels to spare
    assert settled <= fit["l"] <= settled + 5
    assert fit["b"] == margins.BOTTOM_TITLED  # the x axis's title under its labels


@pytest.mark.parametrize(
    ("low", "high", "settled"),
    [
        # Trends' mean wait in minutes (ticks 0-25 by 5): 55 px
        (0.98, 24.8, 55),
        # the Queues trend's share in % (ticks 40-100 by 10): 61 px
        (35.0, 99.5, 61),
        # the Hotline's calls a day (ticks 0-1200 by 200): 67 px
        (0.0, 1205.0, 67),
    ],
)
def test_a_value_axis_gets_the_room_plotly_pushed_for_its_ticks(low, high, settled):
    fig = charts.figure()
    fig.add_scatter(x=np.arange(30), y=np.linspace(low, high, 30))
    fig.update_layout(yaxis={"title": "unit"})
    fit = margins.fit(fig)
    assert settled <= fit["l"] <= settled + 5
    assert fit["b"] == margins.BOTTOM  # no x title: the theme's own bottom
    assert "r" not in fit


def test_large_values_are_written_as_plotly_writes_them():
    # plotly writes 30,000 as "30k" on an axis without a format: four characters, not six
    fig = charts.figure()
    fig.add_scatter(x=[0, 1], y=[0, 28_000])
    fig.update_layout(yaxis={"title": "calls"})
    assert margins.fit(fig)["l"] <= 43 + margins.text_width("30k") + 5


def test_a_target_line_counts_toward_the_axis():
    # a target above every point widens the axis plotly draws, and so its labels
    fig = charts.figure()
    fig.add_scatter(x=[0, 1], y=[5.0, 9.0])
    fig.update_layout(yaxis={"title": "min"})
    short = margins.fit(fig)["l"]
    fig.add_hline(y=1500.0)
    assert margins.fit(fig)["l"] > short


def test_a_second_value_axis_is_left_to_plotly():
    # a Pareto chart's share on the right: plotly adds to whatever it is given there
    fig = charts.figure()
    fig.add_bar(x=["a", "b"], y=[200, 70])
    fig.add_scatter(x=["a", "b"], y=[74, 100], yaxis="y2")
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "ticksuffix": "%"})
    assert margins.fit(fig) == {}


def test_a_figure_wider_than_the_estimate_keeps_its_own_margins():
    fig = _bars(["Shenzhen"])
    fig.update_layout(margin={"l": 200, "b": 90})
    assert margins.fit(fig) == {}


def test_an_axis_without_labels_takes_no_room():
    fig = charts.figure()
    fig.add_scatter(x=[0, 1], y=[0, 1000])
    fig.update_yaxes(showticklabels=False)
    assert "l" not in margins.fit(fig)


def test_stacked_bars_are_measured_by_their_stacks():
    # the Complaints page's weekly bars: six categories of up to 200 a week stack to 1,000,
    # and Chromium settled on 67 px for the "1000" it wrote (61 for a "200")
    fig = charts.figure(barmode="stack")
    for _ in range(5):
        fig.add_bar(x=["w1", "w2"], y=[200.0, 150.0])
    fig.update_layout(yaxis={"title": "complaints"})
    assert 67 <= margins.fit(fig)["l"] <= 67 + 5
    fig.update_layout(barmode="group")
    assert 61 <= margins.fit(fig)["l"] <= 61 + 5
