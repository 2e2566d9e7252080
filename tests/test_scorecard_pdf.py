"""The month's scorecard printed as PDF by the report's writer: in both languages, with the
units, their totals and the card's weights; from the command line and from the page."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from pulse import dimensions, filters, i18n, report
from pulse.report import scorecard as printed
from pulse.scorecard import __main__ as cli
from pulse.scorecard import data, definition, frames
from tests import apptest
from tests.test_app import start

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "scorecard.py")
SHARED_GLYPHS = str.maketrans({"戶": "户"})
NAMES = {"en": ("Guangzhou", "Shenzhen"), "zh": ("广州", "深圳")}


def text_of(content: bytes) -> str:
    """The PDF's text, pages joined, spaces and line breaks taken out (wrapped Chinese comes
    out with breaks), with the font's shared glyphs read back as the characters written."""
    pages = PdfReader(io.BytesIO(content)).pages
    return squash("".join(p.extract_text() for p in pages))


def squash(text: str) -> str:
    """Text as text_of leaves it, to compare with. Noto CJK shares glyphs between forms, so
    pypdf reads some back as Kangxi radicals (⽉ for 月: NFKC undoes them) or traditional
    forms (戶 for 户)."""
    text = unicodedata.normalize("NFKC", text).translate(SHARED_GLYPHS)
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pdf_has_the_units_their_totals_and_the_weights(tiny, lang):
    dims = dimensions.load(tiny)
    card = definition.cards()["cities"]
    i18n.set_language(lang)
    try:
        board = data.build(tiny, card, filters.Filter(), "2026-10", dims)
        built = printed.report(board, dims)
        content = report.write(built, "pdf")
        weights = frames.weights(board.version)
        verdict = i18n.t("scorecard.verdict", units=i18n.t("scorecard.units.city"), **board.counts)
        month = frames.month_name("2026-10")
        version = i18n.t(
            "scorecard.def_heading", card=card.label(lang), month=month, valid_from="2026-10"
        )
    finally:
        i18n.set_language("en")
    assert content.startswith(b"%PDF")
    text = text_of(content)
    for name in NAMES[lang]:
        assert name in text
    # the two totals (the page shows them too); SZ's halls lost the promise on 4 whole days
    assert "84.9" in text and "58.9" in text
    assert squash(weights) in text  # every weight, in the card's order
    assert squash(verdict) in text  # how many ranks are real
    assert squash(version) in text  # the version in force, named
    assert [s.key for s in built.sections] == ["scorecard", "scorecard_definition"]
    table = built.sections[1].blocks[0].display
    assert len(table) == 9  # seven metrics of the 2026 card and two deductions
    assert not any("_" in str(v) for v in table.to_numpy().ravel())  # no raw codes


def test_the_weights_add_up_to_one_hundred_in_the_printed_definition(tiny):
    dims = dimensions.load(tiny)
    board = data.build(tiny, definition.cards()["halls"], filters.Filter(), "2026-09", dims)
    table = frames.definition_display(board.card, board.version, board.month.targets)
    weights = [float(w) for w in table["Weight"] if w != "—"]
    assert sum(weights) == 100
    assert (
        "Called within 10 min" in frames.weights(board.version).split(" · ")[0]
    )  # the 2026-07 card


def test_the_command_line_writes_the_pdf(tiny_path, tmp_path, capsys):
    store = tmp_path / "tiny.duckdb"  # the command opens read-only; the session holds tiny
    shutil.copy(tiny_path, store)
    out = tmp_path / "cities.pdf"
    args = ["--card", "cities", "--month", "2026-10", "--store", str(store)]
    assert cli.main([*args, "--lang", "zh", "--out", str(out)]) == 0
    assert "2个单位" in capsys.readouterr().out
    assert "广州" in text_of(out.read_bytes())
    with pytest.raises(SystemExit) as stopped:
        cli.main([*args, "--format", "pdf", "--out", str(tmp_path / "cities.xlsx")])
    assert stopped.value.code == 2
    with pytest.raises(SystemExit) as stopped:
        cli.main([*args, "--out", str(tmp_path / "cities.txt")])
    assert stopped.value.code == 2


def test_the_page_offers_the_pdf_beside_the_workbook(app_env):
    at = apptest.app_test(PAGE, default_timeout=300).run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Scorecard as PDF (with the definition)" in labels
    assert "Scorecard as XLSX (with the definition)" in labels


def test_the_report_builder_builds_the_scorecard(app_env):
    at = start({"city": "SZ"}).switch_page("pages/reports.py").run()
    at.radio(key="rp_kind").set_value("scorecard").run()
    assert not at.exception
    assert at.selectbox(key="rp_month").value == "2026-10"
    said = next(i.value for i in at.info if i.value.startswith("This scorecard uses"))
    assert "**Shenzhen · 1 Oct – 31 Oct 2026**" in said  # the sidebar's scope, the month's span
    assert "--card cities \\\n    --month 2026-10 \\\n    --scope SZ" in at.code[0].value
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert any(
        "Scorecard ready: Cities, Oct 2026; units in scope: 1." in s.value for s in at.success
    )
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download PDF", "Download Excel (XLSX)"]
