"""The scorecard's workbook sheets (and the report's files) give the rules and the values in
the units the pages draw (pulse.scorecard.frames): a share's floor of 0.6 is written 60 under
a "%" unit, a walk-away step of 0.01 is 1 point of percent; the values sheet heads each value
with its unit. They gave the catalogue's stored units under headers that named none."""

from __future__ import annotations

import pandas as pd
import pytest

from pulse import dimensions, filters, i18n
from pulse.scorecard import data, definition, frames


def _rules(lang: str) -> pd.DataFrame:
    card = definition.cards()["cities"]
    with i18n.speaking(lang):
        frame = frames.definition(card, card.version_for("2026-03"), {})
    return frame


def test_the_rules_file_gives_floors_targets_and_steps_in_the_unit_drawn():
    rules = _rules("en").set_index("Metric id")
    columns = ["Unit", "Floor (0 points)", "Target (full marks)", "Per"]
    within = rules.loc["queue_within_10min", columns].tolist()
    assert within[0] == "%" and within[1:3] == pytest.approx([60.0, 90.0])
    walkaway = rules.loc["queue_walkaway_rate", columns].tolist()
    assert walkaway[0] == "%" and walkaway[2:] == pytest.approx([3.0, 1.0])
    per_million = rules.loc["complaints_per_million", columns].tolist()
    assert per_million[0] == "" and per_million[2:] == pytest.approx([300.0, 10.0])
    index = rules.loc["sat_index", columns].tolist()  # points: 70 and 85 stay 70 and 85
    assert index[1:3] == pytest.approx([70.0, 85.0])


def test_the_rules_file_in_chinese_names_the_unit_column():
    rules = _rules("zh")
    assert "单位" in rules.columns
    assert rules.columns.get_loc("单位") == rules.columns.get_loc("下限（0分）") - 1


def test_the_printed_rules_keep_their_own_units():
    card = definition.cards()["cities"]
    shown = frames.definition_display(card, card.version_for("2026-03"), {})
    row = shown[shown["Metric"] == "Called within 10 min"].iloc[0]
    assert (row["Floor (0 points)"], row["Target (full marks)"]) == ("60.0%", "90.0%")


def test_the_values_sheet_heads_each_value_with_its_unit(tiny):
    card = definition.cards()["cities"]
    dims = dimensions.load(tiny)
    board = data.build(tiny, card, filters.Filter(), "2026-10", dims)
    names = dims.labels("city", "en")
    guangzhou = frames.values(board, names).set_index("Unit").loc["Guangzhou"]
    # 913 of 960 called tickets within 10 minutes, 3 of 961 tickets walked away
    assert guangzhou["Called within 10 min: value (%)"] == pytest.approx(100 * 913 / 960)
    assert guangzhou["Walk-away rate: value (%)"] == pytest.approx(100 * 3 / 961)
    assert guangzhou["Called within 10 min: n"] == 960
    # an index in points and a rate per million carry no unit of their own
    assert "Satisfaction index: value" in guangzhou and "NPS: value (pts)" in guangzhou


def test_a_report_workbooks_unit_column_is_in_the_reports_language():
    from pulse.report import blocks

    frame = pd.DataFrame(
        {"metric_id": ["queue_within_10min", "queue_wait_mean", "nps"], "value": [0.9, 420.0, 31.0]}
    )
    with i18n.speaking("zh"):
        typed, _ = blocks.typed_values(frame)
    assert typed["unit"].tolist() == ["占比（0-1；工作簿中以百分比显示）", "秒", "分（-100至100）"]
    assert typed["value"].tolist() == [0.9, 420.0, 31.0]  # typed: the cell's format shows 90%
    english, _ = blocks.typed_values(frame)
    assert english["unit"].tolist()[1:] == ["seconds", "points (-100 to 100)"]
