"""A painted table (pulse.ui.painted) reaches the browser as pandas' own Styler would send it:
Streamlit's marshalling of both gives the same CSS rules and the same display values."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from pulse.ui import painted

RED, GREEN = "background-color: #fde2e1", "background-color: #e3f4e6; color: #1b5e20"


def _sent(styler) -> tuple[str, pa.Table]:
    proto = ArrowData()
    styler.set_uuid("same")
    marshall_styler(proto, styler, "default")
    return proto.styler.styles, pa.ipc.open_stream(proto.styler.display_values).read_all()


def _cities() -> tuple[pd.DataFrame, pd.DataFrame]:
    text = pd.DataFrame(
        [["62.5% (60.0–65.0)", "7.2", "—"], ["90.0% (88.1–91.6)", "(4.1)", "+12"]],
        index=["Shenzhen", "Guangzhou"],
        columns=["Within 10 min (%)", "Mean wait (min)", "NPS"],
    )
    css = pd.DataFrame([[RED, "", ""], [GREEN, "", RED]], index=text.index, columns=text.columns)
    return text, css


def test_a_painted_table_is_sent_as_pandas_styler_sends_it():
    text, css = _cities()
    ours = painted.painted(text, css)
    assert getattr(ours, "painted", False)
    styles, values = _sent(ours)
    assert styles == _sent(text.style.apply(lambda _: css, axis=None))[0]
    assert styles.splitlines() == [
        "#T_same_row0_col0, #T_same_row1_col2 { background-color: #fde2e1 }",
        "#T_same_row1_col0 { background-color: #e3f4e6; color: #1b5e20 }",
    ]
    assert values.equals(_sent(text.style.apply(lambda _: css, axis=None))[1])
    assert values.column("Mean wait (min)").to_pylist() == ["7.2", "(4.1)"]


def test_one_column_painted_leaves_the_others_plain():
    table = pd.DataFrame({"Hall": ["Futian", "Tianhe", "Baoan"], "Status": ["On", "Off", "On"]})
    colours = [GREEN, RED, GREEN]
    ours = painted.painted(table, {"Status": colours})
    pandas = table.style.apply(lambda _: colours, subset=["Status"], axis=0)
    assert _sent(ours)[0] == _sent(pandas)[0]
    assert _sent(ours)[1].equals(_sent(pandas)[1])


def test_whole_numbers_are_written_as_pandas_writes_them():
    table = pd.DataFrame({"Hall": ["Futian", "Tianhe"], "Tickets (n)": [1200, 40]})
    table["Rank"] = pd.array([1, 2], dtype="Int64")
    ours = painted.painted(table, {"Hall": [RED, ""]})
    assert getattr(ours, "painted", False)
    pandas = table.style.apply(lambda _: [RED, ""], subset=["Hall"], axis=0)
    assert _sent(ours)[0] == _sent(pandas)[0]
    assert _sent(ours)[1].equals(_sent(pandas)[1])


@pytest.mark.parametrize("cells", [[2.5, 1.0], [True, False], pd.array([1, None], dtype="Int64")])
def test_a_table_with_a_fraction_a_flag_or_a_gap_gets_pandas_own_styler(cells):
    """pandas writes a fraction its own way (2.500000), and a missing number as nothing; a
    painted table could not."""
    table = pd.DataFrame({"Hall": ["Futian", "Tianhe"], "Value": cells})
    out = painted.painted(table, {"Hall": [RED, ""]})
    assert not getattr(out, "painted", False)
    assert _sent(out)[0] == "#T_same_row0_col0 { background-color: #fde2e1 }"
