"""The Overview opens the "why" behind a red or amber number (AppTest on the tiny store): one
expander per red or amber tile and city cell, empty until opened, then the gap split by
hall, segment, service type and hour with n, the counters of the halls that contribute most,
and links to the Queues page; and the persistently-below-target list after What changed."""

from __future__ import annotations

import pytest
from apptest import open_page

from pulse import i18n

CELL = "why_cell_SZ_queue_within_10min"


@pytest.fixture(scope="module")
def overview(tiny_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PULSE_STORE", str(tiny_path))
        at = open_page("overview", period="last_90")
        assert not at.exception
        yield at, patch


def _expander(at, prefix: str):
    return next(e for e in at.expander if e.label.startswith(prefix))


def test_red_and_amber_numbers_have_a_closed_expander_each(overview):
    at, _ = overview
    labels = [e.label for e in at.expander]
    assert "Shenzhen · Called within 10 min: 78.4%, Off target (target 90.0%)" in labels
    assert any(label.startswith("This selection · Answer rate:") for label in labels)
    assert not any("On target" in label for label in labels)
    # amber cells wait behind a toggle, so the red ones stay in view
    assert not any(label.startswith("Guangzhou · First-contact") for label in labels)
    assert at.toggle(key="why_show_amber").value is False
    # nothing is built before it is opened: the first draw does not wait for it
    assert not _expander(at, "Shenzhen · Called within 10 min").tabs


def test_opening_a_city_cell_explains_it(overview):
    at, _ = overview
    at.session_state[CELL] = True
    at.run()
    assert not at.exception
    box = _expander(at, "Shenzhen · Called within 10 min")
    assert [tab.label for tab in box.tabs] == ["hall", "segment", "service type", "hour"]
    text = " ".join(m.value for m in box.markdown)
    assert "78.4% against a target of 90.0%, 11.6 pp short, over n = 1,433" in text
    by_hall = box.dataframe[0].value
    assert by_hall["n"].tolist() == ["291", "1,142"]
    assert by_hall["Contribution"].tolist() == ["+7.4 pp", "+4.2 pp"]
    assert by_hall["Share of gap"].tolist() == ["64%", "36%"]
    hours = box.dataframe[3].value
    assert hours["Part"].iloc[0] == "11:00–12:00"
    assert "Counters in the halls that contribute most" in text
    links = [(link.proto.label, link.proto.page) for link in box.get("page_link")]
    assert ("Open the Queues page for this selection", "queues") in links
    assert len(links) == 3  # the two halls of SZ, then the page


def test_the_persistent_list_says_when_nothing_is_chronic(overview):
    # the tiny store begins in September: August cannot be below target, so with the shipped
    # three months nothing is listed (tests/test_report_persistent.py lists with four weeks)
    at, _ = overview
    notes = [i.value for i in at.info]
    assert any("No city or hall was below target in each of the last 3 months" in n for n in notes)


def test_the_explanation_in_chinese(tiny_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PULSE_STORE", str(tiny_path))
        at = open_page("overview", period="last_90", lang="zh")
        at.session_state[CELL] = True
        i18n.set_language("zh")
        try:
            at.run()
        finally:
            i18n.set_language("en")
    assert not at.exception
    box = _expander(at, "深圳 · 10分钟内叫号率")
    assert [tab.label for tab in box.tabs] == ["营业厅", "客户群", "业务类型", "时段"]
    assert list(box.dataframe[0].value.columns) == ["部分", "样本量", "数值", "贡献", "占差距比例"]


def test_a_long_persistent_list_shows_the_furthest_below_and_says_so(tiny_path, tmp_path):
    """A province's list ran to 1,578 rows; the page shows PERSISTENT_SHOWN cities and halls
    each, furthest below first, and says the download has the rest. With four-week windows
    the tiny store's two cities are chronic (tests/test_report_persistent.py); one is shown."""
    from pulse import settings
    from pulse.overview import sections

    text = settings.DEFAULT_PATH.read_text(encoding="utf-8")
    weekly = tmp_path / "settings.toml"
    weekly.write_text(text.replace("persistent_weeks = 0", "persistent_weeks = 4"), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PULSE_STORE", str(tiny_path))
        patch.setenv("PULSE_SETTINGS", str(weekly))
        patch.setattr(sections, "PERSISTENT_SHOWN", 1)
        at = open_page("overview", period="last_30")
        assert not at.exception
        zh = open_page("overview", period="last_30", lang="zh")
        assert not zh.exception
    shown = next(d.value for d in at.dataframe if "All 4 together" in d.value.columns)
    assert shown["Where"].tolist() == ["Shenzhen"]  # SZ is further below than GZ
    captions = " ".join(c.value for c in at.caption)
    assert "problems that have not changed. Shown: the 1 of 2 furthest below target" in captions
    # its stamp names the four weeks it covers, not the filter's 30 days
    assert "(28 Sep – 25 Oct 2026)" in captions
    assert " · All company · 28 Sep – 25 Oct 2026 · Data as of 2026-10-31" in captions
    # Chinese puts no space between sentences
    captions = " ".join(c.value for c in zh.caption)
    assert "没有变化的问题。表中列出差距最大的 1 项（共 2 项" in captions
