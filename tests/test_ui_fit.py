"""Tables fit their box at 1440 px: the name column pinned, the rest narrowed to share what is
left, and what cannot keep a readable width hidden and named (pulse.ui.fit)."""

from __future__ import annotations

import pandas as pd
import pytest

from pulse.ui import fit


def _width(config: dict, column: str) -> int:
    return config[column]["width"]


def test_a_narrow_table_keeps_its_widths_and_pins_its_name():
    frame = pd.DataFrame({"City": ["Guangzhou", "Shenzhen"], "n": [12, 30]})
    plan = fit.layout(frame, 1.0, with_index=False, config={})
    assert plan.shown == ["City", "n"] and plan.moved == []
    assert plan.config["City"]["pinned"] is True
    # the name keeps the width its longest name needs ("Guangzhou": 9 characters and padding)
    assert plan.config["City"]["width"] == int(fit.text_px("Guangzhou"))
    assert "n" not in plan.config


def test_a_wide_table_fits_and_names_what_it_hid():
    columns = {
        f"Metric number {i} with a long header": ["81.2% (95% CI 80.1% – 82.3%)"] for i in range(20)
    }
    frame = pd.DataFrame({"Hall": ["Shenzhen Bao'an Dongfeng Road Community Hall"], **columns})
    plan = fit.layout(frame, 1.0, with_index=False, config={})
    shown = [c for c in plan.shown if c != "Hall"]
    assert plan.shown[0] == "Hall" and plan.config["Hall"]["pinned"] is True
    assert _width(plan.config, "Hall") == fit.NAME_PX
    total = sum(_width(plan.config, c) for c in plan.shown)
    assert total <= fit.PAGE_PX
    assert all(_width(plan.config, c) >= fit.MIN_PX for c in shown)
    assert plan.moved == [c for c in frame.columns if c not in plan.shown]
    assert len(shown) == (fit.PAGE_PX - fit.NAME_PX) // fit.MIN_PX
    # a narrowed column keeps its whole header as a tooltip
    assert plan.config[shown[0]]["help"] == shown[0]


def test_half_the_page_and_the_callers_pinned_column_and_settings():
    frame = pd.DataFrame(
        {
            "Rank": ["1"],
            "Hall": ["Guangzhou Tianhe Flagship Hall"],
            **{f"Column {i}": ["12,345.6 (95% CI 12,000.1 – 12,999.9)"] for i in range(6)},
        }
    )
    config = {"Hall": {"pinned": True, "label": None}, "Column 0": {"help": "own words"}}
    plan = fit.layout(frame, 0.5, with_index=False, config=config)
    assert plan.config["Hall"]["pinned"] is True
    assert plan.shown[:2] == ["Rank", "Hall"]  # the order stays; the grid pins the name
    assert sum(_width(plan.config, c) for c in plan.shown) <= fit.PAGE_PX * 0.5
    assert plan.config["Column 0"]["help"] == "own words"


def test_wide_characters_count_twice():
    assert fit.text_px("营业厅") - fit.PAD_PX == 2 * (fit.text_px("abc") - fit.PAD_PX)


def test_the_name_column_is_the_first_that_holds_words():
    frame = pd.DataFrame(
        {
            "Rank": [1, 2],
            "n": ["1,234", "987"],
            "Where": ["Guangzhou Tianhe Flagship Hall", "Shenzhen Luohu Qingnian Road Hall"],
            **{f"Metric {i}": ["12,345.6 (95% CI 12,000.1 – 12,999.9)"] * 2 for i in range(9)},
        }
    )
    plan = fit.layout(frame, 1.0, with_index=False, config={})
    assert plan.config["Where"]["pinned"] is True
    assert plan.shown[:3] == ["Rank", "n", "Where"]
    assert not plan.config.get("Rank", {}).get("pinned")


def test_counts_written_as_text_line_up_on_the_right():
    frame = pd.DataFrame(
        {
            "Table": ["Queue tickets", "Complaints"],
            "Rows": ["3,853,634", "92,969"],
            "Share": ["97.2%", "-1.3 %"],
            "Last day": ["2026-10-31", "2026-10-31"],
            "Mixed": ["12", "n/a"],
            "Set": ["4", "5"],
        }
    )
    plan = fit.layout(frame, 1.0, with_index=False, config={"Set": {"alignment": "center"}})
    assert plan.config["Rows"]["alignment"] == "right"
    assert plan.config["Share"]["alignment"] == "right"
    assert plan.config["Set"]["alignment"] == "center"  # the caller's choice stands
    for words in ("Table", "Last day", "Mixed"):
        assert not plan.config.get(words, {}).get("alignment")


@pytest.mark.parametrize(
    ("text", "is_number"),
    [
        ("3,853,634", True),
        ("-1.3", True),
        (" 3 ", True),
        ("1e5", True),
        ("97.2%", False),
        ("nan", False),
        ("1_000", False),
        ("深圳", False),
        ("", False),
        ("−1.3", False),  # a typographic minus: text, as pandas reads it
    ],
)
def test_a_number_is_what_pandas_reads_as_one(text, is_number):
    assert fit._is_number(text) is is_number


def test_the_name_column_is_the_first_of_words_missing_values_aside():
    frame = pd.DataFrame(
        {"rank": ["1", "2", None], "n": ["3,000", None, "12"], "hall": [None, "深圳", "nan"]}
    )
    assert fit._name_column(frame, list(frame.columns)) == "hall"
    assert fit._name_column(frame[["rank", "n"]], ["rank", "n"]) == "rank"  # none: the first
    assert fit._present(frame["hall"], 5) == ["深圳", "nan"]


def test_present_values_are_found_past_the_first_slice_in_order():
    # 70 missing values, then three: the search goes on past its first slice of 64
    column = pd.Series([None] * 70 + ["a", None, "b", "c"], dtype=object)
    assert fit._present(column, 2) == ["a", "b"]
    assert fit._present(column, 5) == ["a", "b", "c"]
    assert fit._present(pd.Series([], dtype=object), 3) == []
