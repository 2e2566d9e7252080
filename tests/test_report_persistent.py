"""The board report's "persistently below target" block: on the tiny store, with a window of
the last four whole weeks (a deployment's own settings file), the hotline's answer rate has
been below target every week in both cities, so the summary names them beside the changes
and every format (PDF, PPTX, XLSX) carries the block."""

from __future__ import annotations

import io
import unicodedata

import openpyxl
import pytest
from pptx import Presentation
from pypdf import PdfReader

from pulse import persistent, report, settings
from pulse.filters import Filter


@pytest.fixture(scope="module")
def weekly(tmp_path_factory):
    """The shipped settings with persistent_weeks = 4."""
    text = settings.DEFAULT_PATH.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    path.write_text(text.replace("persistent_weeks = 0", "persistent_weeks = 4"), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PULSE_SETTINGS", str(path))
        yield path


@pytest.fixture(scope="module")
def built(tiny, weekly):
    request = report.Request(Filter(period="last_30"), lang="en", sections=("overview",))
    return report.build(tiny, request)


def _block(built):
    section = next(s for s in built.sections if s.key == "overview")
    return section, next(b for b in section.blocks if b.key == "overview.persistent")


def test_the_window_is_the_last_four_whole_weeks(weekly):
    import datetime as dt

    found = persistent.window(dt.date(2026, 10, 31))
    assert found.grain == "week"
    assert found.spans[0] == (dt.date(2026, 9, 28), dt.date(2026, 10, 4))
    assert found.spans[-1] == (dt.date(2026, 10, 19), dt.date(2026, 10, 25))


def test_the_block_lists_the_chronic_units_with_their_n(built):
    _, block = _block(built)
    rows = block.data[["level", "place_id", "metric_id"]].to_records(index=False).tolist()
    # the tiny store's answer rate: SZ 89, 87, 82, 69 % and GZ 87, 85, 83, 75 % against 95 %
    assert rows == [
        ("city", "SZ", "hotline_answer_rate"),
        ("city", "GZ", "hotline_answer_rate"),
    ]
    assert block.data["n"].tolist() == [988, 675]
    assert (block.data["target"] == 0.95).all()
    assert block.data["value_2026-10-19"].round(4).tolist() == [0.6938, 0.7530]


def test_the_summary_no_longer_reads_as_an_all_clear(built):
    section, _ = _block(built)
    text = " ".join(section.summary)
    chronic = next(i for i, line in enumerate(section.summary) if "below target in each" in line)
    changes = next(i for i, line in enumerate(section.summary) if "changed significantly" in line)
    assert chronic < changes  # the standing misses first, then the changes
    assert "better," not in text  # no "12 better, 0 worse" beside units that stay red
    assert "have been below target in each of the last 4 weeks" in text
    assert "Shenzhen Answer rate 77.2%" in text


def test_every_format_carries_the_block(built):
    pages = PdfReader(io.BytesIO(report.write(built, "pdf"))).pages
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pages))
    assert "Persistently below target" in text
    deck = Presentation(io.BytesIO(report.write(built, "pptx")))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert any("Persistently below target" in title for title in titles)
    book = openpyxl.load_workbook(io.BytesIO(report.write(built, "xlsx")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert "Persistently below target" in cells


def test_a_period_ending_on_the_same_day_judges_the_same_window_once(tiny, weekly):
    from pulse import access, filters

    end = tiny.df("select max(day) as d from queue_daily")["d"][0].date()
    win = persistent.window(end)
    tiny.clear_cache()
    week = persistent.below(tiny, Filter(period="last_7", compare="previous"), win)
    quarter = persistent.below(tiny, Filter(period="last_90", compare="last_year"), win)
    assert quarter is week and not week.empty  # remembered: the same frame, not a new one
    # the scope is part of what is remembered: a city manager's list is their own
    options = filters.within(
        filters.Options(("GD",), {"GZ": "GD", "SZ": "GD"}, {}), access.Scope(cities=("SZ",))
    )
    scoped = persistent.below(tiny, Filter(period="last_7", reach=options.reach), win)
    assert scoped is not week and set(scoped["city_id"]) <= {"SZ"}
