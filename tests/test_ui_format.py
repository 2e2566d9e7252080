"""The shared UI kit writes numbers, intervals and the "not filtered by" note one way, in
both languages (pulse.ui.format, pulse.ui.notices)."""

from __future__ import annotations

import math

import pytest

from pulse import catalog, i18n
from pulse.ui import format as fmt
from pulse.ui import notices

NAN = math.nan


@pytest.fixture
def zh():
    i18n.set_language("zh")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("metric_id", "x", "expected"),
    [
        ("csat", 0.8734, "87.3%"),
        ("nps", 31.6, "+32"),
        ("nps", -0.4, "0"),
        ("queue_tickets", 1234567, "1,234,567"),
        ("queue_wait_p90", 450, "7.5 min"),
        ("hotline_asa", 23.4, "23 s"),
        ("sat_index", 1234.56, "1,234.6"),
        ("csat", NAN, "—"),
        ("csat", None, "—"),
    ],
)
def test_value_by_the_catalogue_format(metric_id, x, expected):
    assert fmt.value(catalog.metric(metric_id), x) == expected


@pytest.mark.parametrize(
    ("metric_id", "d", "expected"),
    [
        ("csat", 0.0123, "+1.2 pp"),
        ("csat", -0.0004, "0.0 pp"),  # no sign: neither a rise nor a fall
        ("nps", -2.25, "-2.2 pts"),
        ("queue_wait_p90", -24, "-0.4 min"),
        ("queue_tickets", 1500, "+1,500"),
        ("csat", NAN, None),
    ],
)
def test_delta_is_signed_and_never_minus_zero(metric_id, d, expected):
    assert fmt.delta(catalog.metric(metric_id), d) == expected


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt.number(1234.56), "1,234.6"),
        (lambda: fmt.number(0.8734, 3), "0.873"),
        (lambda: fmt.number(3.21, 1, signed=True), "+3.2"),
        (lambda: fmt.number(-0.04, 1, signed=True), "0.0"),
        (lambda: fmt.number(0.04, 1, signed=True), "0.0"),
        (lambda: fmt.number(NAN), "—"),
        (lambda: fmt.share(0.8734), "87.3%"),
        (lambda: fmt.share(0.125, 0, signed=True), "+12%"),
        (lambda: fmt.share(-0.2, 0, signed=True), "-20%"),
        (lambda: fmt.share(None), "—"),
        (lambda: fmt.percent(0.0625), "6.2"),
        (lambda: fmt.count(12345), "12,345"),
        (lambda: fmt.count(NAN), "0"),
        (lambda: fmt.compact(12345), "12k"),
        (lambda: fmt.minutes(450), "7.5 min"),
        (lambda: fmt.minutes(NAN), "—"),
        (lambda: fmt.clock(8), "08:00"),
        (lambda: fmt.clock(13, 30), "13:30"),
        (lambda: fmt.seconds(23.4), "23 s"),
        (lambda: fmt.seconds(23.44, 1), "23.4 s"),
        (lambda: fmt.hours(13), "13.0 h"),
        (lambda: fmt.hours(None), "—"),
        (lambda: fmt.level(0.95), "95%"),
        (lambda: fmt.level(0.998), "99.8%"),
        (lambda: fmt.as_published(78.9), "78.9"),
        (lambda: fmt.as_published(30.0), "30"),
        (lambda: fmt.p_value(0.0004), "p < 0.001"),
    ],
)
def test_named_formats(call, expected):
    assert call() == expected


def test_units_in_chinese(zh):
    assert fmt.value(catalog.metric("queue_wait_p90"), 450) == "7.5 分钟"
    assert fmt.value(catalog.metric("hotline_asa"), 14) == "14 秒"
    assert fmt.minutes(450) == "7.5 分钟"
    assert fmt.seconds(23.4) == "23 秒"
    assert fmt.hours(13) == "13.0 小时"


INTERVAL_CASES = [
    # metric, value, low, high, cell (en), span, cell (zh)
    (
        "csat",
        0.821,
        0.818,
        0.824,
        "82.1% (95% CI 81.8% – 82.4%)",
        "81.8% – 82.4%",
        "82.1%（95% 置信区间 81.8% – 82.4%）",
    ),
    ("hotline_asa", 14, 14, 14, "14 s", "14 s", "14 秒"),
    # narrower than the digits shown: the value alone, never "14 s (95% CI 14 s – 14 s)"
    ("hotline_asa", 14.2, 13.9, 14.4, "14 s", "14 s", "14 秒"),
    ("csat", 0.821, NAN, NAN, "82.1%", "", "82.1%"),
    (
        "sat_index",
        81.2,
        80.75,
        81.65,
        "81.2 (95% CI 80.8 – 81.7)",
        "80.8 – 81.7",
        "81.2（95% 置信区间 80.8 – 81.7）",
    ),
]


@pytest.mark.parametrize(("metric_id", "x", "low", "high", "cell", "span", "_"), INTERVAL_CASES)
def test_interval_cell_in_english(metric_id, x, low, high, cell, span, _):
    metric = catalog.metric(metric_id)
    assert fmt.cell(metric, x, low, high) == cell
    assert fmt.span(metric, low, high) == span


@pytest.mark.parametrize(("metric_id", "x", "low", "high", "_", "span", "cell"), INTERVAL_CASES)
def test_interval_cell_in_chinese(zh, metric_id, x, low, high, _, span, cell):
    metric = catalog.metric(metric_id)
    assert fmt.cell(metric, x, low, high) == cell
    assert fmt.span(metric, low, high) == span.replace(" s", " 秒")


def test_interval_in_a_sentence_and_of_plain_numbers():
    csat = catalog.metric("csat")
    assert fmt.interval(csat, 0.818, 0.824) == "95% CI 81.8% – 82.4%"
    assert fmt.interval(csat, 0.8181, 0.8184) == ""
    assert fmt.span(fmt.share, 0.12, 0.305) == "12.0% – 30.5%"
    assert fmt.span(lambda x: fmt.number(x, 3), -0.0123, 0.2) == "-0.012 – 0.200"


def test_not_filtered_note_in_both_languages(zh):
    assert notices.not_filtered([]) == ()
    assert notices.not_filtered(["city", "hall"]) == ("未按城市、营业厅筛选",)
    i18n.set_language("en")
    assert notices.not_filtered(("segment",)) == ("not filtered by Segment",)
    assert notices.not_filtered(["city", "hall", "city"]) == ("not filtered by City, Hall",)


def test_a_quantile_in_the_open_last_bucket_is_a_lower_bound(zh):
    wait = catalog.metric("queue_wait_p90")  # waits of an hour or more share one bucket
    assert fmt.value(wait, 3600) == "≥ 60.0 分钟"
    i18n.set_language("en")
    assert fmt.value(wait, 3600) == "≥ 60.0 min"
    assert fmt.value(wait, 3599) == "60.0 min"
    hours = catalog.metric("complaint_resolution_p90_h")
    assert fmt.value(hours, 8640) == "≥ 8,640 h"
    assert fmt.value(hours, 7417) == "7,417 h"


def test_a_duration_of_a_hundred_or_more_loses_its_decimal(zh):
    """190.9 hours was cut to "190.9 …" in a Chinese tile; three digits are enough."""
    hours = catalog.metric("complaint_resolution_p90_h")
    assert fmt.value(hours, 190.9) == "191 小时"
    i18n.set_language("en")
    assert (fmt.value(hours, 190.9), fmt.value(hours, 99.94)) == ("191 h", "99.9 h")
    assert fmt.delta(hours, -150.4) == "-150 h"
    wait = catalog.metric("queue_wait_mean")
    assert (fmt.value(wait, 6000), fmt.value(wait, 5990)) == ("100 min", "99.8 min")


def test_a_value_alone_says_why_its_interval_is_not_written():
    asa = catalog.metric("hotline_asa")
    assert fmt.interval(asa, 14, 14) == ""
    assert fmt.no_interval(asa, 14, 14, 1) == "one observation, so no interval"
    assert fmt.no_interval(asa, 14, 14, 30) == "every observation alike, so no spread"
    assert fmt.no_interval(asa, 13.9, 14.4, 900) == "the 95% CI is narrower than the digits shown"
    assert fmt.no_interval(asa, 12, 16, 30) == ""  # a real interval is written by `interval`
    assert fmt.no_interval(asa, NAN, NAN, 30) == ""


def test_a_short_cell_leaves_the_words_to_the_caption(zh):
    csat = catalog.metric("csat")
    assert fmt.short_cell(csat, 0.821, 0.818, 0.824) == "82.1%（81.8% – 82.4%）"
    i18n.set_language("en")
    assert fmt.short_cell(csat, 0.821, 0.818, 0.824) == "82.1% (81.8% – 82.4%)"
    # an interval narrower than the digits, or none: the value alone, as cell() writes it
    assert fmt.short_cell(catalog.metric("hotline_asa"), 14.2, 13.9, 14.4) == "14 s"
    assert fmt.short_cell(csat, 0.821, NAN, NAN) == "82.1%"
