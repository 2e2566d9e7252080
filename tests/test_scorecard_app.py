"""The Scorecard page under AppTest on the tiny store, in both languages: the table with its
units by name, changing the month and the card, why two totals differ, and the workbook the
download offers (built here as the download would build it)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from pulse import dimensions, filters, i18n
from pulse.scorecard import __main__ as cli
from pulse.scorecard import data, definition, publish
from tests import apptest

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "scorecard.py")
NAMES = {"en": ("Guangzhou", "Shenzhen"), "zh": ("广州", "深圳")}


def page(**query) -> AppTest:
    at = apptest.app_test(PAGE, default_timeout=300)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_in_both_languages_and_another_month(app_env, lang):
    at = page(lang=lang)
    assert not at.exception and not at.error
    i18n.set_language(lang)
    assert at.title[0].value == i18n.t("page.scorecard")
    table = at.dataframe[0].value
    assert set(table[i18n.t("scorecard.col_unit")]) == set(NAMES[lang])  # names, not ids
    assert table[i18n.t("scorecard.col_rank")].tolist() == ["1", "2"]
    assert at.selectbox(key="sc_month").value == "2026-10"  # the last complete month
    assert any(i18n.t("scorecard.too_few") in str(v) for v in table.to_numpy().ravel())
    at.selectbox(key="sc_month").select("2026-09").run()
    assert not at.exception
    assert at.query_params["sc_month"] in ("2026-09", ["2026-09"])
    month = i18n.t("scorecard.month_label", label=i18n.t("scorecard.months.9"), year="2026")
    assert any(month in m.value for m in at.markdown)
    assert at.get("download_button")
    i18n.set_language("en")


def test_the_halls_card_puts_the_weak_hall_last(app_env):
    at = page(sc_card="halls")
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Unit"].iloc[-1] == "Shenzhen Bao'an Dongfeng Road Community Hall"
    assert table["Verdict"].iloc[-1] == "clearly behind"
    assert "Tier" in table and "SZ-002" not in set(table["Unit"])
    assert "Called within 10 min (25)" in list(table.columns)  # the 2026-07 weights


def test_why_the_difference_adds_up_and_a_month_without_data_says_so(app_env):
    at = page()
    sentence = next(m.value for m in at.markdown if "against Shenzhen" in m.value)
    assert sentence.startswith("Guangzhou (84.9) against Shenzhen (58.9): +26.0 points")
    at.radio(key="sc_why").set_value("previous").run()
    assert not at.exception
    assert any("Guangzhou, Sep 2026" in m.value for m in at.markdown)
    at.selectbox(key="sc_month").select("2025-03").run()
    assert not at.exception
    assert any("have data for Mar 2025" in i.value for i in at.info)


def test_the_workbook_has_the_card_and_its_definition(tiny):
    dims = dimensions.load(tiny)
    card = definition.cards()["cities"]
    i18n.set_language("zh")
    try:
        content = publish.workbook(data.build(tiny, card, filters.Filter(), "2026-10", dims), dims)
    finally:
        i18n.set_language("en")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["考核计分", "考核办法", "指标数值"]
    rows = list(book["考核办法"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "指标"))
    weights = [r[2] for r in rows[header + 1 :] if r[2] is not None]
    assert sum(weights) == 100 and len(weights) == 7  # the 2026 version
    card_rows = list(book["考核计分"].iter_rows(values_only=True))
    assert {"广州", "深圳"} <= {r[1] for r in card_rows}


def test_the_command_line_writes_the_workbook(tiny_path, tmp_path, capsys):
    store = tmp_path / "tiny.duckdb"  # the command opens read-only; the session holds tiny
    shutil.copy(tiny_path, store)
    out = tmp_path / "halls.xlsx"
    args = ["--card", "halls", "--month", "2026-09", "--out", str(out), "--store", str(store)]
    assert cli.main([*args, "--lang", "zh"]) == 0
    assert "4个单位" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    definition_rows = list(book["考核办法"].iter_rows(values_only=True))
    assert any(r[0] and "2026-07" in str(r[0]) for r in definition_rows)
    with pytest.raises(SystemExit) as stopped:
        cli.main(
            ["--card", "halls", "--month", "2024-09", "--out", str(out), "--store", str(store)]
        )
    assert stopped.value.code == 2
