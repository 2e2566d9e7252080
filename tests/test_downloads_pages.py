"""The downloads of the Overview, Trends, Benchmarks and Scorecard pages say what the screen
says: places and metrics by their names, each value in the unit drawn (a wait in minutes, a
share in percent, a change of a share in pp) with the unit named, no sort keys or drawing
helpers; and the scorecard writes ranks and bands as whole numbers, and a part of a
difference that rounds to zero as 0.0 in grey. Hand-made frames, literal expectations."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from pulse import catalog, control, i18n
from pulse.benchmarks import exports as bench_exports
from pulse.overview import exports as overview_exports
from pulse.scorecard import figures, frames
from pulse.scorecard.definition import Deduction, Rule, Version
from pulse.trends import exports as trend_exports
from pulse.ui import charts

WAIT = catalog.metric("queue_wait_mean")
WALKAWAY = catalog.metric("queue_walkaway_rate")
WITHIN = catalog.metric("queue_within_10min")
P90 = catalog.metric("queue_wait_p90")
CITIES = {"WZ": "Wenzhou"}
HALLS = {"WZ-001": "Wenzhou Longwan Chang'an Road Hall"}


def _rounded(frame: pd.DataFrame) -> list[list]:
    """Rows with floats to 4 places (a scaled 0.107 is 10.700000000000001)."""
    return [
        [round(v, 4) if isinstance(v, float) and not np.isnan(v) else v for v in row]
        for row in frame.astype(object).where(frame.notna(), None).values.tolist()
    ]


# Overview: persistently below target


def _persistent() -> pd.DataFrame:
    """Two rows of pulse.persistent.below: Wenzhou's walk-away rate, a hall's mean wait."""
    months = [dt.date(2026, 8, 1), dt.date(2026, 9, 1)]
    return pd.DataFrame(
        {
            "level": ["city", "hall"],
            "unit": ["WZ", "WZ-001"],
            "city_id": ["WZ", "WZ"],
            "metric_id": ["queue_walkaway_rate", "queue_wait_mean"],
            "buckets": [months, months],
            "values": [[0.09, 0.12], [780.0, 900.0]],
            "statuses": [["red", "red"], ["red", "amber"]],
            "value": [0.105, 840.0],
            "target": [0.045, 600.0],
            "n": [44654.0, 5942.0],
            "shortfall": [1.333, 0.4],
        }
    )


def test_persistent_list_names_places_and_metrics_in_the_units_shown():
    out = overview_exports.persistent(_persistent(), CITIES, HALLS, "en")
    assert list(out.columns) == [
        "level", "place", "city", "metric", "value_2026-08-01", "value_2026-09-01",
        "value", "target", "unit", "n",
    ]  # fmt: skip
    assert _rounded(out) == [
        ["city", "Wenzhou", "Wenzhou", "Walk-away rate", 9.0, 12.0, 10.5, 4.5, "%", 44654.0],
        ["hall", "Wenzhou Longwan Chang'an Road Hall", "Wenzhou", "Mean wait",
         13.0, 15.0, 14.0, 10.0, "min", 5942.0],
    ]  # fmt: skip


def test_persistent_list_in_chinese():
    with i18n.speaking("zh"):
        out = overview_exports.persistent(
            _persistent(), {"WZ": "温州"}, {"WZ-001": "温州龙湾长安路营业厅"}, "zh"
        )
    assert _rounded(out) == [
        ["城市", "温州", "温州", "离队率", 9.0, 12.0, 10.5, 4.5, "%", 44654.0],
        ["营业厅", "温州龙湾长安路营业厅", "温州", "平均等候时长", 13.0, 15.0, 14.0, 10.0,
         "分钟", 5942.0],
    ]  # fmt: skip


# Overview: the parts of a "why"


def _found(basis: str, target: float, gap: float):
    return SimpleNamespace(basis=basis, target=target, gap=gap)


def _parts(**columns) -> pd.DataFrame:
    base = {"key": ["WZ-001", "WZ-002"], "n": [5942.0, 1022.0], "weight": [5942.0, 1022.0]}
    return pd.DataFrame({**base, **columns})


def test_why_parts_of_a_mean_in_minutes():
    parts = _parts(value=[1560.0, 486.0], basis_value=[1560.0, 486.0],
                   contribution=[534.0, -6.0], share_of_gap=[1.05, -0.0125])  # fmt: skip
    names = ["Longwan Hall", "Cangnan Hall"]
    out = overview_exports.why_parts(parts, WAIT, names, _found("value", 480.0, 510.0))
    assert list(out.columns) == [
        "part", "n", "value (min)", "contribution (min)", "share_of_gap (%)", "target (min)"
    ]  # fmt: skip
    assert _rounded(out) == [
        ["Longwan Hall", 5942.0, 26.0, 8.9, 105.0, 8.0],
        ["Cangnan Hall", 1022.0, 8.1, -0.1, -1.25, 8.0],
    ]


def test_why_parts_of_a_share_give_the_contribution_in_points():
    parts = _parts(value=[0.2, 0.04], basis_value=[0.2, 0.04],
                   contribution=[0.075, -0.0005], share_of_gap=[1.16, -0.0077])  # fmt: skip
    with i18n.speaking("zh"):
        out = overview_exports.why_parts(
            parts, WALKAWAY, ["甲", "乙"], _found("value", 0.045, 0.065)
        )
    assert list(out.columns) == [
        "part", "n", "value (%)", "contribution (个百分点)", "share_of_gap (%)", "target (%)"
    ]  # fmt: skip
    assert _rounded(out) == [
        ["甲", 5942.0, 20.0, 7.5, 116.0, 4.5],
        ["乙", 1022.0, 4.0, -0.05, -0.77, 4.5],
    ]


def test_why_parts_of_a_percentile_give_the_share_beyond_target_and_no_share_without_gap():
    parts = _parts(value=[1900.0, 700.0], basis_value=[0.25, 0.05],
                   contribution=[0.12, -0.02], share_of_gap=[np.nan, np.nan])  # fmt: skip
    out = overview_exports.why_parts(parts, P90, ["A", "B"], _found("beyond", 900.0, 0.0))
    assert list(out.columns) == [
        "part", "n", "beyond (%)", "contribution (pp)", "share_of_gap (%)", "target (min)"
    ]  # fmt: skip
    assert _rounded(out) == [
        ["A", 5942.0, 25.0, 12.0, None, 15.0],
        ["B", 1022.0, 5.0, -2.0, None, 15.0],
    ]


# Trends: the control chart and STL


def _chart(values) -> control.Chart:
    size = len(values)
    return control.Chart(
        "i",
        centre=np.full(size, 420.0),
        lower=np.full(size, 240.0),
        upper=np.full(size, 600.0),
        values=np.asarray(values, dtype=float),
    )


def test_control_chart_in_minutes_as_drawn():
    points = pd.DataFrame(
        {"bucket": pd.to_datetime(["2024-11-04", "2024-11-11"]), "value": [510.0, 660.0],
         "n": [38829.0, 37903.0]}
    )  # fmt: skip
    out = trend_exports.control_frame(WAIT, _chart([510.0, 660.0]), points)
    assert list(out.columns) == [
        "bucket", "value (min)", "lower (min)", "upper (min)", "centre (min)", "n"
    ]  # fmt: skip
    assert _rounded(out.drop(columns="bucket")) == [
        [8.5, 4.0, 10.0, 7.0, 38829.0],
        [11.0, 4.0, 10.0, 7.0, 37903.0],
    ]
    assert out["bucket"].dt.date.tolist() == [dt.date(2024, 11, 4), dt.date(2024, 11, 11)]


def test_control_chart_of_a_share_in_percent_in_chinese():
    chart = control.Chart(
        "p", np.array([0.865]), np.array([0.8155]), np.array([0.915]), np.array([0.875])
    )
    points = pd.DataFrame({"bucket": pd.to_datetime(["2024-11-04"]), "n": [25521.0]})
    with i18n.speaking("zh"):
        out = trend_exports.control_frame(WITHIN, chart, points)
    assert list(out.columns) == ["bucket", "value (%)", "lower (%)", "upper (%)", "centre (%)", "n"]
    assert _rounded(out.drop(columns="bucket")) == [[87.5, 81.55, 91.5, 86.5, 25521.0]]


def test_a_control_chart_of_counts_has_no_unit():
    chart = control.Chart(
        "u", np.array([890.0]), np.array([732.0]), np.array([1050.0]), np.array([1005.0])
    )
    points = pd.DataFrame({"bucket": pd.to_datetime(["2024-11-04"]), "n": [1005.0]})
    out = trend_exports.control_frame(catalog.metric("complaints_count"), chart, points)
    assert list(out.columns) == ["bucket", "value", "lower", "upper", "centre", "n"]
    assert _rounded(out.drop(columns="bucket")) == [[1005.0, 732.0, 1050.0, 890.0, 1005.0]]


def test_stl_parts_of_a_share_levels_in_percent_deviations_in_points():
    parts = pd.DataFrame(
        {"observed": [0.865], "trend": [0.875], "seasonal": [-0.005], "resid": [-0.005]},
        index=pd.Index(pd.to_datetime(["2026-08-03"]), name="bucket"),
    )
    out = trend_exports.stl_frame(WITHIN, parts)
    assert list(out.columns) == [
        "bucket", "observed (%)", "trend (%)", "seasonal (pp)", "resid (pp)"
    ]  # fmt: skip
    assert _rounded(out.drop(columns="bucket")) == [[86.5, 87.5, -0.5, -0.5]]


def test_stl_parts_of_a_wait_all_in_minutes():
    parts = pd.DataFrame(
        {"observed": [450.0], "trend": [330.0], "seasonal": [90.0], "resid": [30.0]},
        index=pd.Index(pd.to_datetime(["2026-08-03"]), name="bucket"),
    )
    out = trend_exports.stl_frame(WAIT, parts)
    assert list(out.columns) == [
        "bucket", "observed (min)", "trend (min)", "seasonal (min)", "resid (min)"
    ]  # fmt: skip
    assert _rounded(out.drop(columns="bucket")) == [[7.5, 5.5, 1.5, 0.5]]


# Benchmarks: the funnel plot and the industry figures


def _units() -> pd.DataFrame:
    """A league's units as pulse.benchmarks.data leaves them, one not drawn (no x)."""
    return pd.DataFrame(
        {
            "unit": ["A", "B", "C", "D", "E"],
            "n": [7547.0, 2838.0, 1319.0, 40.0, 0.0],
            "funnel_x": [7547.0, 2838.0, 1319.0, 40.0, 0.0],
            "value": [0.95, 0.80, 0.875, 0.5, np.nan],
            "low": [0.94, 0.78, 0.85, 0.35, np.nan],
            "high": [0.96, 0.82, 0.9, 0.65, np.nan],
            "enough_n": [True, True, True, False, False],
            "differs": [1, -1, 0, 0, 0],
            "strongly": [True, False, False, False, False],
            "rank": [1.0, 3.0, 2.0, np.nan, np.nan],
        }
    )


def test_funnel_points_worded_as_the_legend_without_helpers():
    names = {"A": "Hall A", "B": "Hall B", "C": "Hall C", "D": "Hall D"}
    out = bench_exports.funnel(_units(), WITHIN, names, "share")
    assert list(out.columns) == [
        "unit", "n", "value (%)", "low (%)", "high (%)", "funnel", "beyond 99.8%"
    ]  # fmt: skip
    assert _rounded(out) == [
        ["Hall A", 7547.0, 95.0, 94.0, 96.0, "Better than the centre, beyond 95%", True],
        ["Hall B", 2838.0, 80.0, 78.0, 82.0, "Worse than the centre, beyond 95%", False],
        ["Hall C", 1319.0, 87.5, 85.0, 90.0, "Within the limits", False],
        ["Hall D", 40.0, 50.0, 35.0, 65.0, "Below the minimum n", False],
    ]


def test_funnel_of_a_rate_keeps_its_exposure_and_words_in_chinese():
    units = (
        _units()
        .head(2)
        .assign(
            funnel_x=[1.49, 1.38], value=[310.0, 250.0], low=[282.0, 220.0], high=[340.0, 282.0]
        )
    )
    with i18n.speaking("zh"):
        out = bench_exports.funnel(
            units, catalog.metric("complaints_per_million"), {"A": "东莞"}, "rate"
        )
    assert list(out.columns) == [
        "unit", "n", "exposure (million subscriber-months)", "value", "low", "high", "funnel",
        "beyond 99.8%",
    ]  # fmt: skip
    # fewer complaints are better: above the centre is worse
    assert _rounded(out) == [
        ["东莞", 7547.0, 1.49, 310.0, 282.0, 340.0, "差于中心线（超出95%）", True],
        ["B", 2838.0, 1.38, 250.0, 220.0, 282.0, "优于中心线（超出95%）", False],
    ]


def test_a_metric_without_a_better_side_is_only_beyond_the_limits():
    assert bench_exports.place(1, True, None) == "Beyond 95%"
    assert bench_exports.place(0, True, None) == "Within the limits"


def _industry() -> pd.DataFrame:
    """One published figure as pulse.trends.data.industry reads it."""
    return pd.DataFrame(
        {"metric_id": ["csat"], "subject_en": ["China Mobile"], "subject_zh": ["中国移动"],
         "market": ["mobile"], "period_label": ["2017"], "period_start": [dt.date(2017, 1, 1)],
         "value": [0.786], "source": ["Some survey 2017"], "source_year": [2017],
         "note": ["in English only"]}
    )  # fmt: skip


def test_industry_figures_and_the_company_bar_in_the_unit_drawn():
    company = pd.Series({"value": 0.8, "low": 0.79, "high": 0.81, "n": 400.0})
    out = bench_exports.industry(_industry(), catalog.metric("csat"), company)
    assert list(out.columns) == [
        "subject", "market", "period", "value (%)", "low (%)", "high (%)", "source", "source_year"
    ]  # fmt: skip
    assert _rounded(out) == [
        ["China Mobile", "mobile", "2017", 78.6, None, None, "Some survey 2017", 2017],
        ["This company, the period", None, None, 80.0, 79.0, 81.0, None, None],
    ]


def test_industry_figures_in_chinese():
    company = pd.Series({"value": 0.8, "low": 0.79, "high": 0.81, "n": 400.0})
    with i18n.speaking("zh"):
        out = bench_exports.industry(_industry(), catalog.metric("csat"), company)
    assert out["subject"].tolist() == ["中国移动", "本公司（所选期间）"]
    assert out["market"].tolist()[0] == "移动业务"


# Scorecard: ranks and bands whole, a part that rounds to zero neither red nor green


def _board():
    version = Version(
        "2026-01",
        (Rule("queue_within_10min", 100, "linear", target=0.9, floor=0.6),),
        (Deduction("escalated", "complaint_escalation_rate", "numerator", 0.1, most=5,
                   label_en="Escalated", label_zh="越级"),),
    )  # fmt: skip
    table = pd.DataFrame(
        {
            "rank": [1.0, 2.0, np.nan],
            "total": [95.5, 88.25, np.nan],
            "total_low": [92.0, 85.0, np.nan],
            "total_high": [97.0, 90.0, np.nan],
            "rank_low": [1.0, 1.0, np.nan],
            "rank_high": [2.0, 2.0, np.nan],
            "band": [1.0, 1.0, np.nan],
            "verdict": ["ahead", "middle", None],
            "total_previous": [92.0, 90.0, np.nan],
            "change_previous": [3.5, -1.75, np.nan],
            "total_last_year": [np.nan, 88.0, np.nan],
            "change_last_year": [np.nan, 0.25, np.nan],
            "pts__queue_within_10min": [96.5, 88.25, np.nan],
            "ded__escalated": [1.0, 0.0, 0.0],
            "coverage": [100.0, 100.0, 0.0],
        },
        index=["HZ", "NB", "WZ"],
    )
    return SimpleNamespace(table=table, version=version, card=SimpleNamespace(level="city"))


def test_scorecard_export_writes_ranks_and_bands_as_whole_numbers():
    names = {"HZ": "Hangzhou", "NB": "Ningbo", "WZ": "Wenzhou"}
    out, formats = frames.export(_board(), names)
    assert list(out.columns) == [
        "Rank", "Unit", "Total", "95% interval ↓", "95% interval ↑", "Rank interval ↓",
        "Rank interval ↑", "Band", "Verdict", "Total month before", "Change on month before",
        "Total last year", "Change on last year", "Called within 10 min (100)",
        "Deduction: Escalated", "Weight with data (%)",
    ]  # fmt: skip
    assert _rounded(out) == [
        [1, "Hangzhou", 95.5, 92.0, 97.0, 1, 2, 1, "clearly ahead", 92.0, 3.5, None, None,
         96.5, -1.0, 100.0],
        [2, "Ningbo", 88.25, 85.0, 90.0, 1, 2, 1, "cannot be told apart", 90.0, -1.75, 88.0,
         0.25, 88.25, 0.0, 100.0],
        [None, "Wenzhou", None, None, None, None, None, None, None, None, None, None, None,
         None, 0.0, 0.0],
    ]  # fmt: skip
    assert str(out["Rank"].dtype) == "Int64" and str(out["Band"].dtype) == "Int64"
    assert not np.signbit(out["Deduction: Escalated"].iloc[1])  # 0.0, not -0.0
    assert formats["Rank"] == "int" and formats["Band"] == "int"


def test_scorecard_export_in_chinese():
    with i18n.speaking("zh"):
        out, _ = frames.export(_board(), {"HZ": "杭州", "NB": "宁波", "WZ": "温州"})
    assert out.columns[:3].tolist() == ["排名", "单位", "总分"]
    assert out["排名"].tolist()[:2] == [1, 2] and out["档"].tolist()[:2] == [1, 1]
    assert out["结论"].tolist()[:2] == ["明显领先", "无法区分"]


@pytest.mark.parametrize(
    ("value", "text", "colour"),
    [
        (2.34, "+2.3", charts.STATUS["green"]),
        (-0.4, "-0.4", charts.STATUS["red"]),
        (-0.01, "0.0", charts.STATUS["unknown"]),  # was "+0.0" in red
        (0.04, "0.0", charts.STATUS["unknown"]),  # was "+0.0" in green
        (-0.06, "-0.1", charts.STATUS["red"]),
        (0.0, "0.0", charts.STATUS["unknown"]),
    ],
)
def test_a_part_is_written_and_coloured_as_rounded(value, text, colour):
    assert figures.part_text(value) == text
    assert figures.part_colour(value) == colour


def test_the_parts_chart_draws_a_part_that_rounds_to_zero_in_grey():
    frame = pd.DataFrame({"part": ["Called within 10 min", "NPS"], "value": [10.5, -0.01]})
    bar = figures.parts(frame).data[0]
    # drawn bottom up: the smallest part first
    assert list(bar.text) == ["0.0", "+10.5"]
    assert list(bar.marker.color) == [charts.STATUS["unknown"], charts.STATUS["green"]]
