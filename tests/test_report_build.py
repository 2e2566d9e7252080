"""The report's content on the hand-made store: every number equals the value worked out by
hand (the same literals as test_queries), the workbook holds exactly those numbers, and an
empty selection or store says so."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from pulse import catalog, filters, i18n, measures, report, values
from pulse.dimensions import load as load_dimensions
from pulse.filters import Filter
from pulse.report import options, words, workbook
from tests.test_queries import EXPECTED_ALL, TWO_DAYS

AS_OF = dt.date(2026, 10, 31)
FAMILY_SECTIONS = {
    "surveys": "survey",
    "queues": "queue",
    "hotline": "hotline",
    "complaints": "complaint",
}


@pytest.fixture
def built(handmade):
    return report.build(handmade, report.Request(TWO_DAYS, lang="en"))


def _section(built, key):
    return next(s for s in built.sections if s.key == key)


def test_every_family_metric_has_the_hand_worked_value_and_n(built):
    for key, family in FAMILY_SECTIONS.items():
        table = _section(built, key).blocks[0]
        rows = {r["metric_id"]: r for r in table.data.to_dict("records")}
        assert set(rows) == {m.id for m in catalog.family(family)}
        for metric_id, row in rows.items():
            if metric_id in EXPECTED_ALL:
                value, n = EXPECTED_ALL[metric_id]
                assert row["value"] == pytest.approx(value), metric_id
                assert row["n"] == n, metric_id


def test_the_workbook_holds_the_query_results(handmade, built):
    period = filters.resolve(TWO_DAYS, AS_OF)
    metrics = list(catalog.metrics().values())
    raw = measures.fetch(handmade, metrics, TWO_DAYS, period, [()])[()]
    expected = values.evaluate(metrics, raw, (), period).set_index("metric_id")
    book = openpyxl.load_workbook(io.BytesIO(report.write(built, "xlsx")))
    names = workbook.sheet_names(built)
    assert book.sheetnames == ["Contents", *names, "Definitions"]
    checked = 0
    for key in FAMILY_SECTIONS:
        keys = [b.key for _, b in built.blocks()]
        sheet = book[names[keys.index(f"{key}.metrics")]]
        rows = list(sheet.iter_rows(values_only=True))
        header_at = next(i for i, r in enumerate(rows) if r[0] == "metric_id")
        header = rows[header_at]
        for row in rows[header_at + 1 :]:
            cells = dict(zip(header, row, strict=True))
            want = expected.loc[cells["metric_id"]]
            for column in ("value", "low", "high", "n"):
                if want[column] != want[column]:  # NaN is an empty cell
                    assert cells[column] is None
                else:
                    assert cells[column] == pytest.approx(want[column]), (
                        cells["metric_id"],
                        column,
                    )
            checked += 1
    assert checked == sum(len(catalog.family(f)) for f in FAMILY_SECTIONS.values())


def test_shares_are_fractions_with_a_percent_format_in_the_workbook(built):
    book = openpyxl.load_workbook(io.BytesIO(report.write(built, "xlsx")))
    sheet = book[workbook.sheet_names(built)[0]]  # the headline numbers
    rows = list(sheet.iter_rows())
    header_at = next(i for i, r in enumerate(rows) if r[0].value == "metric_id")
    header = [c.value for c in rows[header_at]]
    by_metric = {r[0].value: dict(zip(header, r, strict=True)) for r in rows[header_at + 1 :]}
    assert by_metric["queue_within_10min"]["value"].value == pytest.approx(0.6)
    assert by_metric["queue_within_10min"]["value"].number_format == "0.0%"
    assert by_metric["sat_index"]["value"].value == pytest.approx(82.5)
    assert by_metric["sat_index"]["n"].value == 4


def test_trend_points_add_up_to_the_period(built):
    chart = next(
        b for b in _section(built, "queues").blocks if b.key == "queues.trend.queue_within_10min"
    )
    assert [d.date() for d in chart.data["bucket"]] == [
        dt.date(2026, 10, 30),
        dt.date(2026, 10, 31),
    ]
    assert chart.data["n"].tolist() == [
        3,
        2,
    ]  # called tickets: GZ-001 on the 30th, SZ-001 on the 31st
    assert chart.data["value"].tolist() == pytest.approx([2 / 3, 1 / 2])


def test_a_weeks_trend_point_is_summed_in_the_sql_and_equals_the_whole_period(handmade):
    # Friday 30 and Saturday 31 October lie in the week of Monday 26 October; a 90-day period
    # is drawn by week, so that week's point holds both days: the period's own numbers
    week = Filter(period="custom", start=dt.date(2026, 8, 3), end=dt.date(2026, 10, 31))
    period = filters.resolve(week, AS_OF)
    facts = report.facts.Facts(handmade, week, period, load_dimensions(handmade))
    assert facts.grain() == "week"
    trend = facts.trend("queue", ["queue_within_10min", "queue_wait_p90"]).set_index("metric_id")
    share, p90 = trend.loc["queue_within_10min"], trend.loc["queue_wait_p90"]
    assert share["bucket"] == pd.Timestamp("2026-10-26") == p90["bucket"]
    assert (share["value"], share["n"]) == (pytest.approx(3 / 5), 5)
    assert (p90["value"], p90["n"]) == EXPECTED_ALL["queue_wait_p90"]
    totals = facts.totals("queue").set_index("metric_id")  # the period as one: the same n
    for metric_id, point in (("queue_within_10min", share), ("queue_wait_p90", p90)):
        assert bool(point["enough_n"]) == bool(totals.loc[metric_id, "enough_n"])


def test_headlines_say_what_the_numbers_say(built):
    queues = _section(built, "queues")
    assert queues.summary[0] == ("Called within 10 min: too few observations to tell (n = 5 < 50).")
    assert all(line.endswith(".") for section in built.sections for line in section.summary)


def test_a_report_in_chinese(handmade):
    built = report.build(handmade, report.Request(TWO_DAYS, lang="zh", sections=("surveys",)))
    assert built.title == "服务质量报告"
    assert built.caption == "全公司 · 2026年10月30日至2026年10月31日"
    assert [s.title for s in built.sections] == ["满意度调查"]
    assert built.sections[0].blocks[0].display.columns[0] == "指标"


@pytest.mark.parametrize(
    ("lang", "cell", "sentence"),
    [
        (
            "en",
            "not in this source",
            "Repeat complaint rate: not in this source (the data does not record "
            "“Customer (hashed)”).",
        ),
        ("zh", "数据源中没有此项", "重复投诉率：数据源中没有此项（数据未记录“客户（哈希）”）。"),
    ],
)
def test_a_repeat_rate_without_customers_is_not_in_this_source(
    without_customers, lang, cell, sentence
):
    # the web complaints (C4, C5) have no customer: the rate has no n, not a thin one
    web = TWO_DAYS.with_(channels=("web",))
    built = report.build(
        without_customers, report.Request(web, lang=lang, sections=("complaints",))
    )
    table = built.sections[0].blocks[0]
    at = table.data.index[table.data["metric_id"] == "complaint_repeat_rate"][0]
    assert table.display.iloc[at, :4].tolist() == [
        catalog.metric("complaint_repeat_rate").label(lang),
        "—",
        cell,
        "0",
    ]
    row = table.data.loc[at].to_dict()
    with i18n.speaking(lang):
        assert words.kpi(catalog.metric("complaint_repeat_rate"), row, "none") == sentence


def test_an_empty_selection_says_so(handmade):
    f = Filter(period="custom", start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 31), compare="none")
    built = report.build(handmade, report.Request(f, sections=("overview", "queues")))
    assert [s.empty for s in built.sections] == [
        "No data of this kind for All company · 1 Jan – 31 Jan 2020.",
        "No data of this kind for All company · 1 Jan – 31 Jan 2020.",
    ]
    assert not any(s.blocks for s in built.sections)


def test_benchmark_rows_come_back_as_stored(handmade):
    with handmade.cursor() as cur:
        cur.execute(
            "insert into benchmark values "
            "('sat_index', 'China Mobile', '中国移动', 'mobile', '2017', date '2017-01-01', 78.6, "
            "'TCSI', 2017, null), "
            "('regulator_per_million', 'Industry', '全行业', 'all', '2022-Q2', "
            "date '2022-04-01', 25.8, 'MIIT', 2022, null)"
        )
    built = report.build(handmade, report.Request(TWO_DAYS, sections=("benchmarks",)))
    section = built.sections[0]
    table = section.blocks[-1]
    assert table.data[["metric_id", "subject_en", "value"]].values.tolist() == [
        ["regulator_per_million", "Industry", 25.8],
        ["sat_index", "China Mobile", 78.6],
    ]
    assert [b.key for b in section.blocks] == [
        "benchmarks.regulator_per_million",
        "benchmarks.sat_index",
        "benchmarks.table",
    ]
    assert section.summary[1] == (
        "Satisfaction index has too few observations in this report's scope and period to "
        "compare; the published figure is 78.6 (China Mobile 2017)."  # n = 4 < 30
    )


def test_unknown_sections_languages_and_options_are_refused():
    with pytest.raises(ValueError, match="unknown section"):
        report.Request(TWO_DAYS, sections=("overview", "weather"))
    with pytest.raises(ValueError, match="en or zh"):
        report.Request(TWO_DAYS, lang="fr")
    with pytest.raises(ValueError, match="at least one"):
        report.Request(TWO_DAYS, sections=())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last_quarter", {"period": "last_quarter"}),
        ("2026-Q3", {"period": "last_quarter"}),  # what last_quarter means on 31 Oct 2026
        ("2026-09", {"period": "last_month"}),
        ("2025", {"period": "last_year"}),
        (
            "2026-Q1",
            {"period": "custom", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)},
        ),
        (
            "2026-02",
            {"period": "custom", "start": dt.date(2026, 2, 1), "end": dt.date(2026, 2, 28)},
        ),
        (
            "2026-03-16..2026-03-22",
            {"period": "custom", "start": dt.date(2026, 3, 16), "end": dt.date(2026, 3, 22)},
        ),
    ],
)
def test_period_options(text, expected):
    assert options.period(text, AS_OF) == expected


@pytest.mark.parametrize(
    "text", ["forever", "2026-Q5", "2026-13", "2026-02-30..2026-03-01", "2026-03-02..2026-03-01"]
)
def test_bad_periods_are_refused_with_what_is_accepted(text):
    with pytest.raises(options.OptionError, match="period"):
        options.period(text, AS_OF)
