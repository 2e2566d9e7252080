"""Tables fit their box at 1440 px: the name column pinned, the rest narrowed to share what is
left, and what cannot keep a readable width hidden and named (pulse.ui.fit)."""

from __future__ import annotations

import math

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


def test_a_ranked_table_keeps_its_ranked_column_whole_and_its_rank_narrow():
    # the Queues hall table at 1440 px: the ranked share and its interval were cut to
    # "56.7% (55.5% – 5" when every column but the name shared the room alike
    frame = pd.DataFrame(
        {
            "Rank": ["41", "40"],
            "Hall": ["Wenzhou Longwan Chang'an Road Hall", "Shenzhen Bao'an Jiefang Road Hall"],
            "Profile": ["Open profile"] * 2,
            "City": ["Wenzhou", "Shenzhen"],
            "Tier": ["Standard", "Community"],
            "Tickets (n)": ["6801", "7785"],
            "Called within 10 min": ["56.7% (55.5% – 58.0%)", "62.9% (61.7% – 64.0%)"],
            "Target (10 min)": ["90.0%", "90.0%"],
            **{f"Other metric {i}": ["6.8 min (6.7 min – 6.9 min)"] * 2 for i in range(6)},
        }
    )
    config = {"Hall": {"pinned": True}}
    ranked = "Called within 10 min"
    before = fit.layout(frame, 1.0, with_index=False, config=config)
    assert _width(before.config, ranked) < fit.natural_px(frame[ranked], ranked)  # cut
    plan = fit.layout(frame, 1.0, with_index=False, config=config, whole=(ranked,))
    assert _width(plan.config, ranked) >= fit.natural_px(frame[ranked], ranked)
    assert plan.config[ranked].get("help") is None  # its header is whole too
    # the rank needs less than MIN_PX and keeps only that, header included
    assert _width(plan.config, "Rank") == math.ceil(fit.text_px("Rank")) < fit.MIN_PX
    assert plan.config["Rank"].get("help") is None
    # the columns before the ranked one stay, the rest move out from the end
    assert plan.shown[: plan.shown.index(ranked) + 1] == list(frame.columns[:7])
    assert plan.moved == [c for c in frame.columns if c not in plan.shown]
    assert plan.moved[-1] == "Other metric 5"
    for column in (c for c in plan.shown if c not in ("Hall", ranked)):
        natural = fit.natural_px(frame[column], column)
        assert _width(plan.config, column) >= min(fit.MIN_PX, natural)
    assert sum(_width(plan.config, c) for c in plan.shown) <= fit.PAGE_PX + len(plan.shown)


def test_a_whole_column_takes_at_most_half_the_room():
    frame = pd.DataFrame(
        {"Hall": ["Guangzhou Tianhe Flagship Hall"], "Note": ["a very long remark " * 20]}
        | {f"Metric {i}": ["12.3 (1.4k)"] for i in range(8)}
    )
    plan = fit.layout(frame, 1.0, with_index=False, config={}, whole=("Note",))
    room = fit.PAGE_PX - _width(plan.config, "Hall")
    assert _width(plan.config, "Note") == math.ceil(room / 2)
    assert sum(_width(plan.config, c) for c in plan.shown) <= fit.PAGE_PX + len(plan.shown)


def test_a_link_column_is_as_wide_as_its_display_text():
    # the Chinese hall table's "打开营业厅概况" was cut to "打开营业厅概": the column was
    # sized by its addresses and then narrowed to a fair share
    import streamlit as st

    link = st.column_config.LinkColumn(display_text="打开营业厅概况")
    frame = pd.DataFrame(
        {
            "营业厅": ["深圳宝安解放路营业厅"],
            "概况": ["/hall?hall=SZ-BA-001&period=last_30&lang=zh"],
            **{f"指标{i}": ["56.7%（55.5% – 58.0%）"] for i in range(8)},
        }
    )
    plan = fit.layout(frame, 1.0, with_index=False, config={"概况": link})
    assert _width(plan.config, "概况") == math.ceil(fit.text_px("打开营业厅概况"))
    assert plan.config["概况"]["type_config"]["display_text"] == "打开营业厅概况"


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


def _signals(rows: int = 2) -> pd.DataFrame:
    """The Trends page's signals table in Chinese, as it was cut at 1440 px."""
    frame = pd.DataFrame(
        {
            "线": ["全部范围", "深圳"],
            "周期起始": ["2024-12-02", "2025-04-18"],
            "信号": ["持续上移（连续8点）", "举措前后水平对比：无显著变化"],
            "数值": ["86.8%", "86.7% → 86.9%；相对全部范围 +0%"],
            "控制限": ["81.6% – 91.4%", ""],
            "对应事件": ["无记录事件——值得核查", "改进举措: 杭州营业厅推出预约办理和智能排队"],
        }
    )
    return pd.concat([frame] * (rows // 2), ignore_index=True)


def test_text_cut_by_its_narrowed_column_wraps_onto_taller_rows():
    plan = fit.layout(_signals(), 1.0, with_index=False, config={})
    event = plan.config["对应事件"]["width"]
    # 22 wide characters, a colon and a space: 2 lines in the 211 px the column gets
    assert event < fit.values_px(_signals()["对应事件"], fit.cell_px) <= 2 * event
    # Streamlit wraps a cell's text only in rows taller than 64 px
    assert plan.row_height == fit.WRAP_MIN_PX > 64
    assert plan.shown == list(_signals().columns) and plan.moved == []
    # a header that fits gets no tooltip; the values' width is what narrowed the column
    assert plan.config["对应事件"].get("help") is None


def test_wrapped_rows_hold_at_most_three_lines():
    frame = _signals()
    frame.loc[1, "对应事件"] = "；".join(["改进举措: 杭州营业厅推出预约办理和智能排队"] * 4)
    plan = fit.layout(frame, 1.0, with_index=False, config={})
    width = plan.config["对应事件"]["width"]
    assert fit.wrapped_lines(fit.values_px(frame["对应事件"], fit.cell_px), width) > fit.WRAP_LINES
    assert plan.row_height == fit.WRAP_LINES * fit.LINE_PX + 8


def test_values_that_fit_keep_one_line_rows():
    # the Overview's city table: "90.8 (101k)" takes 58 px of a 94 px column on screen
    cities = pd.DataFrame(
        {"City": ["Guangzhou"], **{f"Metric {i}": ["90.8 (101k)"] for i in range(10)}}
    )
    plan = fit.layout(cities, 1.0, with_index=False, config={})
    assert plan.config["Metric 0"]["width"] < fit.text_px("90.8 (101k)")
    assert plan.row_height is None
    assert fit.cell_px("90.8 (101k)") < plan.config["Metric 0"]["width"]


def test_a_long_table_and_cut_headers_keep_one_line_rows():
    # a list of more than WRAP_ROWS rows is scanned a line at a time
    assert fit.layout(_signals(32), 1.0, with_index=False, config={}).row_height is None
    # long headers over short numbers: the headers are cut (their tooltip has them), no value
    frame = pd.DataFrame({f"A long header number {i}": ["12.3"] for i in range(9)})
    plan = fit.layout(frame.assign(Hall=["Tianhe"]), 1.0, with_index=False, config={})
    assert plan.row_height is None
    assert plan.config["A long header number 0"]["help"] == "A long header number 0"


@pytest.mark.parametrize(
    ("text_px", "width", "lines"),
    [(100, 100, 1), (101, 100, 2), (2 * 83 + fit.CELL_PAD_PX, 100, 2), (300, 100, 4)],
)
def test_wrapped_lines(text_px, width, lines):
    assert fit.wrapped_lines(text_px, width) == lines


def test_the_grid_draws_wrapped_rows_tall_enough_to_read(monkeypatch):
    from pulse.ui import show

    drawn = {}
    monkeypatch.setattr(show.st, "dataframe", lambda frame, **options: drawn.update(options))
    show.grid(_signals(20), key="signals")
    assert drawn["row_height"] == fit.WRAP_MIN_PX
    # nine of the twenty rows on view, not the five the default height leaves tall rows
    assert drawn["height"] == fit.WRAP_SHOWN * fit.WRAP_MIN_PX + fit.HEADER_PX
    # the caller's own row height stands
    drawn.clear()
    show.grid(_signals(20), key="signals", row_height=40)
    assert drawn["row_height"] == 40 and "height" not in drawn
