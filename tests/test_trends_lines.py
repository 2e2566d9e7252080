"""Which split lines the Trends chart draws at first: the ones furthest from the total on the
worse side, worked by hand on five cities; the others start hidden in the legend. And each
line read apart from the others."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pulse import catalog, i18n
from pulse.trends import data as trends
from pulse.trends import figures

WEEKS = [dt.date(2026, 9, 7) + dt.timedelta(weeks=i) for i in range(6)]


def _points(values, partial_last: bool = False) -> pd.DataFrame:
    rows = pd.DataFrame({"bucket": pd.to_datetime(WEEKS), "value": values, "n": 100})
    rows["low"], rows["high"] = rows["value"] - 0.01, rows["value"] + 0.01
    rows["partial"] = [partial_last and i == len(WEEKS) - 1 for i in range(len(WEEKS))]
    return rows


def _lines(**cities) -> list:
    total = ("All", _points([0.80] * 6), True)
    return [total] + [(name, _points(values, True), False) for name, values in cities.items()]


# gaps to the total of 0.80: A -0.20, B +0.12, C -0.10, D -0.05, E +0.05
FIVE = _lines(
    A=[0.60] * 6, B=[0.92] * 6, C=[0.70] * 6, D=[0.75] * 6, E=[0.85] * 5 + [0.10]
)  # E's last week is partial: its 0.10 must not count


def test_a_higher_is_better_metric_draws_the_lowest_lines():
    metric = catalog.metric("hotline_service_level")
    assert figures.standing_out(metric, FIVE, None) == ["A", "C", "D"]


def test_a_lower_is_better_metric_draws_the_highest_lines():
    metric = catalog.metric("queue_wait_mean")
    assert metric.higher_is_better is False
    assert figures.standing_out(metric, FIVE, None) == ["B", "E", "D"]


def test_a_volume_draws_the_lines_furthest_either_way():
    metric = catalog.metric("queue_tickets")
    assert figures.standing_out(metric, FIVE, None) == ["A", "B", "C"]


def test_only_the_chosen_period_counts_when_it_is_shaded():
    lines = _lines(
        A=[0.60, 0.60, 0.60, 0.60, 0.80, 0.80],  # bad before the period, on par inside it
        B=[0.80, 0.80, 0.80, 0.80, 0.70, 0.70],
        C=[0.80, 0.80, 0.80, 0.80, 0.78, 0.78],
        D=[0.80, 0.80, 0.80, 0.80, 0.75, 0.75],
    )
    metric = catalog.metric("hotline_service_level")
    assert figures.standing_out(metric, lines, None) == ["A", "B", "D"]
    assert figures.standing_out(metric, lines, (WEEKS[4], WEEKS[5])) == ["B", "D", "C"]


def test_three_lines_or_fewer_are_all_drawn():
    metric = catalog.metric("hotline_service_level")
    assert figures.standing_out(metric, _lines(B=[0.9] * 6, A=[0.5] * 6), None) == ["B", "A"]


def test_the_other_lines_start_hidden_in_the_legend():
    metric = catalog.metric("hotline_service_level")
    empty = pd.DataFrame()
    events = pd.DataFrame(columns=["kind", "title_en", "title_zh", "starts_on", "ends_on"])
    fig = figures.line_figure(metric, FIVE, [], empty, empty, events, None, ["A", "C", "D"])
    shown = {tr.name: tr.visible for tr in fig.data if tr.showlegend is not False}
    assert shown == {"All": True, "A": True, "B": "legendonly", "C": True, "D": True,
                     "E": "legendonly"}  # fmt: skip
    bands = [tr for tr in fig.data if tr.fill == "toself" and tr.legendgroup == "B"]
    assert bands and all(tr.visible == "legendonly" for tr in bands)


def test_dates_read_as_numbers_in_chinese_not_as_english_month_names():
    # plotly's month names are English only: in Chinese the axes write dates as numbers
    metric = catalog.metric("hotline_service_level")
    empty = pd.DataFrame()
    events = pd.DataFrame(columns=["kind", "title_en", "title_zh", "starts_on", "ends_on"])
    parts = pd.DataFrame(
        {n: [0.8, 0.81] for n in ("observed", "trend", "seasonal", "resid")},
        index=pd.to_datetime(WEEKS[:2]),
    )
    formats = {}
    for lang in ("en", "zh"):
        i18n.set_language(lang)
        try:
            line = figures.line_figure(metric, FIVE, [], empty, empty, events, None)
            stl = figures.stl_figure(metric, parts)
        finally:
            i18n.set_language("en")
        formats[lang] = {line.layout.xaxis.tickformat} | {
            stl.layout[f"xaxis{i}"].tickformat for i in ("", 2, 3, 4)
        }
    assert formats == {"en": {None}, "zh": {"%Y-%m-%d"}}


def test_a_line_is_its_own_points_in_time_order_and_the_total_is_not_the_missing_value():
    # the total's key is None; "_none" is the line of a split value that is missing (the tier
    # of a hotline survey): two different lines
    lines = pd.DataFrame(
        {
            "metric_id": ["nps", "nps", "nps", "nps", "sat_index", "nps"],
            "key": [None, "_none", None, "GZ", None, "_none"],
            "bucket": pd.to_datetime(
                ["2026-10-05", "2026-09-28", "2026-09-28", "2026-09-28", "2026-09-28", "2026-10-05"]
            ),
            "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        }
    )
    found = trends.Trends([], "week", "tier", dt.date(2026, 9, 28), dt.date(2026, 10, 11), lines)
    assert found.line("nps")["value"].tolist() == [3.0, 1.0]
    assert found.line("nps", "_none")["value"].tolist() == [2.0, 6.0]
    assert found.line("nps", "GZ")["value"].tolist() == [4.0]
    assert found.line("sat_index")["value"].tolist() == [5.0]
    empty = found.line("nps", "SZ")
    assert empty.empty and list(empty.columns) == list(lines.columns)
    changed = found.line("nps")
    changed["value"] = 0.0  # a caller's change stays with its copy
    assert found.line("nps")["value"].tolist() == [3.0, 1.0]


def test_the_download_names_each_line_and_gives_values_in_the_unit_drawn():
    # it gave a row-number column, the cities' codes (WZ, SZ) and the mean wait in seconds
    # beside a definition that says minutes
    from pulse.trends import sections

    lines = pd.DataFrame(
        {
            "metric_id": "queue_wait_mean",
            "key": [None, "SZ", "WZ"],
            "bucket": pd.to_datetime(["2026-10-05"] * 3),
            "value": [300.0, 420.0, 90.0],
            "low": [270.0, 360.0, 60.0],
            "high": [330.0, 480.0, 120.0],
            "n": [50, 20, 30],
            "enough_n": True,
            "partial": [False, False, True],
        },
        index=[7, 8, 9],  # a slice of all the metrics' rows
    )
    metric = catalog.metric("queue_wait_mean")
    names = {"SZ": "Shenzhen", "WZ": "Wenzhou"}
    frame = sections.export_frame(metric, lines, names, "All in scope")
    assert list(frame.columns) == [
        "metric", "bucket", "line", "value (min)", "low (min)", "high (min)", "n", "enough_n",
        "partial",
    ]  # fmt: skip
    assert frame.drop(columns="bucket").values.tolist() == [
        ["Mean wait", "All in scope", 5.0, 4.5, 5.5, 50, True, False],
        ["Mean wait", "Shenzhen", 7.0, 6.0, 8.0, 20, True, False],
        ["Mean wait", "Wenzhou", 1.5, 1.0, 2.0, 30, True, True],
    ]
    with i18n.speaking("zh"):
        chinese = sections.export_frame(metric, lines, {}, "全部范围")
        share = sections.export_frame(
            catalog.metric("hotline_service_level"), lines.assign(value=0.875), {}, "全部范围"
        )
    assert chinese.columns[3] == "value (分钟)" and chinese["metric"][0] == "平均等候时长"
    assert chinese["line"].tolist() == ["全部范围", "SZ", "WZ"]  # no names given: the keys
    assert share["value (%)"].tolist() == [87.5] * 3
