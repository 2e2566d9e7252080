"""The KPI tile's sparkline: an inline SVG worked out by hand, and on every Overview tile."""

from __future__ import annotations

import math
import re

from pulse.ui import tiles
from tests.test_app import start


def test_the_sparkline_spans_the_box_from_lowest_to_highest():
    svg = tiles.sparkline([2.0, None, 4.0, 3.0], "green", "Mean wait")
    # four buckets over 0..100; the lowest value at y = 38, the highest at y = 2; the empty
    # bucket is left out, not drawn as zero
    assert 'points="0.0,38.0 66.67,2.0 100.0,20.0"' in svg
    assert 'points="0.0,40 0.0,38.0 66.67,2.0 100.0,20.0 100.0,40"' in svg
    assert 'stroke="rgb(33,195,84)"' in svg and 'aria-label="Mean wait"' in svg


def test_a_flat_line_and_a_gap_at_the_ends_stay_inside_the_box():
    svg = tiles.sparkline([math.nan, 5.0, 5.0, None], "gray", "A <b> & c")
    assert 'points="33.33,38.0 66.67,38.0"' in svg  # flat: at the bottom, no division by 0
    assert 'polygon points="33.33,40 33.33,38.0 66.67,38.0 66.67,40"' in svg
    assert 'aria-label="A &lt;b&gt; &amp; c"' in svg  # a label is escaped, never markup


def test_every_overview_tile_draws_its_sparkline(app_env):
    at = start()
    svgs = [m.value for m in at.markdown if m.value.startswith("<svg")]
    assert len(svgs) == len(at.metric) == 10
    for svg in svgs:
        assert re.fullmatch(r"<svg [^<]*><polygon [^<]*/><polyline [^<]*/></svg>", svg)


def _tile_app(delta: float) -> None:
    from pulse.ui import tiles

    row = {
        "metric_id": "csat",
        "value": 0.8,
        "low": 0.78,
        "high": 0.82,
        "n": 1200.0,
        "enough_n": True,
        "cmp_value": 0.8 - delta,
        "delta": delta,
        "is_significant": False,
        "p_value": 0.9,
    }
    tiles.tile(row, None, [], "the period before")


def test_a_change_written_zero_has_no_sign_and_no_arrow():
    from streamlit.proto.Metric_pb2 import Metric
    from streamlit.testing.v1 import AppTest

    flat = AppTest.from_function(_tile_app, args=(-0.0004,)).run()
    rise = AppTest.from_function(_tile_app, args=(0.0123,)).run()
    assert flat.metric[0].delta == "0.0 pp"  # was "+0.0 pp" under an arrow pointing up
    assert flat.metric[0].proto.direction == Metric.MetricDirection.NONE
    assert rise.metric[0].delta == "+1.2 pp"
    assert rise.metric[0].proto.direction == Metric.MetricDirection.UP
