"""Alert rules, delivery settings and webhook bodies, as data: what is accepted, what is
refused with a reason, and the JSON each chat service's incoming webhook takes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pulse.alerts import conditions, config, delivery, rules

MESSAGE = delivery.Message(
    "Alert: SZ", ("深圳 ...", "Shenzhen ..."), "http://x/trends?city=SZ", "Open"
)


def test_the_shipped_rules_load():
    found = rules.from_file()
    assert {r.condition for r in found} == set(rules.CONDITIONS)
    assert len({r.rule_id for r in found}) == len(found)


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"condition": "threshold"}, "condition must be one of"),
        ({"level": "district"}, "level must be one of"),
        ({"grain": "month"}, "grain must be one of"),
        ({"condition": "funnel", "peers": "region"}, "peers must be one of"),
        ({"metric_id": "queue_wait_p90", "condition": "control"}, "quantile"),
        ({"condition": "funnel", "level": "company"}, "funnel compares"),
        ({"level": "hall"}, "per-million rate has no value per hall"),
    ],
)
def test_a_rule_that_cannot_be_judged_is_refused(kwargs, reason):
    spec = {"rule_id": "r", "metric_id": "complaints_per_million", "condition": "control"}
    with pytest.raises(ValueError, match=reason):
        rules.Rule(**{**spec, **kwargs})


def test_an_unknown_metric_is_refused():
    with pytest.raises(KeyError):
        rules.Rule("r", "no_such_metric", "control")


def test_settings_come_from_the_file_and_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "alerts.toml"
    path.write_text(
        '[general]\nbase_url = "https://pulse.example.cn"\n'
        '[smtp]\nhost = "smtp.example.cn"\nport = 587\nstarttls = true\n'
        '[[webhook]]\nname = "sz"\nurl = "https://hook"\nshape = "dingtalk"\nscope = ["SZ"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("PULSE_SMTP_PORT", "2525")
    monkeypatch.setenv("PULSE_SMTP_PASSWORD", "from-the-environment")
    found = config.load(path)
    assert (found.smtp.host, found.smtp.port, found.smtp.starttls) == (
        "smtp.example.cn",
        2525,
        True,
    )
    assert found.smtp.password == "from-the-environment"
    assert found.webhooks == (config.Webhook("sz", "https://hook", "dingtalk", ("SZ",)),)
    assert found.base_url == "https://pulse.example.cn"
    monkeypatch.delenv("PULSE_ALERTS", raising=False)
    assert config.load().smtp.host == ""  # no file, no server: nothing is sent


def test_an_unknown_webhook_shape_is_refused(tmp_path):
    path = tmp_path / "alerts.toml"
    path.write_text('[[webhook]]\nname = "x"\nurl = "u"\nshape = "teams"\nscope = ["all"]\n')
    with pytest.raises(ValueError, match="shape must be one of"):
        config.load(path)


def test_webhook_bodies():
    assert delivery.payload("slack", MESSAGE) == {
        "text": "*Alert: SZ*\n深圳 ...\n\nShenzhen ...\n<http://x/trends?city=SZ|Open>"
    }
    wecom = delivery.payload("wecom", MESSAGE)
    assert wecom["msgtype"] == "markdown"
    assert wecom["markdown"]["content"].endswith("[Open](http://x/trends?city=SZ)")
    dingtalk = delivery.payload("dingtalk", MESSAGE)
    assert dingtalk["msgtype"] == "markdown" and dingtalk["markdown"]["title"] == "Alert: SZ"


def _weeks(as_of: dt.date, **cities) -> dict:
    """The history a rule judges: per city, twelve weekly points ending at as_of."""
    ends = [as_of - dt.timedelta(days=7 * (11 - i)) for i in range(12)]
    return {c: pd.DataFrame({"bucket_end": ends, "value": v}) for c, v in cities.items()}


def _pooled(units) -> pd.DataFrame:
    """What _grouped returns: each unit's pooled value now and before, with interval and n."""
    return pd.DataFrame(
        {
            "city_id": units,
            "value": 0.9,
            "cmp_value": 0.85,
            "low": 0.89,
            "high": 0.91,
            "n": 4000.0,
            "p_value": 0.5,
            "enough_n": True,
        }
    )


def test_improved_fires_on_a_lasting_step_of_one_unit_not_on_what_moves_every_unit(monkeypatch):
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.weightstats import ttest_ind

    # every city shares a holiday dip (week 6) and a late-season rise (the last four weeks,
    # +0.03); AA steps up a further 0.05 in its last four weeks, BB steps down, CC has one
    # great week, DD and EE only the shared movement
    shared = np.array([0, 0, 0, 0, 0, -0.08, 0, 0, 0.03, 0.03, 0.03, 0.03])
    noise = np.array(
        [0.004, -0.003, 0.002, -0.004, 0.003, -0.002, 0.001, -0.001, 0.002, -0.002, 0.003, -0.001]
    )
    step = np.array([0.0] * 8 + [0.05] * 4)
    one = np.array([0.0] * 11 + [0.08])
    series = {
        "AA": 0.85 + shared + noise + step,
        "BB": 0.86 + shared + noise[::-1] - step,
        "CC": 0.84 + shared + np.roll(noise, 3) + one,
        "DD": 0.87 + shared + np.roll(noise, 5),
        "EE": 0.83 + shared + np.roll(noise, 7),
    }
    as_of = dt.date(2026, 3, 7)
    history = _weeks(as_of, **series)
    monkeypatch.setattr(conditions, "_grouped", lambda *a: (_pooled(list(series)), ("city_id",)))
    better = rules.Rule("up", "queue_within_10min", "improved", "city", grain="week")
    found = conditions._improved(None, better, None, None, as_of, history)
    assert [x.unit for x in found if x.firing] == ["AA"]
    assert found[0].start == dt.date(2026, 2, 8) and found[0].tests == 5
    # the p-values: each city less the mean of the other four, the last four weeks against
    # the eight before in a one-sided Welch test, then Benjamini-Hochberg over the five
    raw = []
    for city, values in series.items():
        others = np.mean([v for c, v in series.items() if c != city], axis=0)
        relative = values - others
        raw.append(ttest_ind(relative[8:], relative[:8], alternative="larger", usevar="unequal")[1])
    expected = multipletests(raw, method="fdr_bh")[1]
    assert [x.p_value for x in found] == pytest.approx(expected)
    # the same rise in every city is nobody's step
    own = {"AA": step, "BB": -step}
    everyone = {c: v - own.get(c, 0) + step for c, v in series.items()}
    found = conditions._improved(None, better, None, None, as_of, _weeks(as_of, **everyone))
    assert not [x.unit for x in found if x.firing]
    # a season that drags every city down and AA less (no great week for CC this time): a
    # step against the others, yet AA's own share fell
    own["CC"] = one
    fall = {c: (0.06 if c == "AA" else 0.12) * (step > 0) for c in series}
    slump = {c: v - own.get(c, 0) - fall[c] for c, v in series.items()}
    assert slump["AA"][8:].mean() < slump["AA"][:8].mean()
    found = conditions._improved(None, better, None, None, as_of, _weeks(as_of, **slump))
    assert found[0].p_value < 0.05 and not [x.unit for x in found if x.firing]


def test_improved_needs_a_baseline_of_four_points():
    as_of = dt.date(2026, 3, 7)
    short = {
        c: pd.DataFrame(
            {
                "bucket_end": [as_of - dt.timedelta(days=7 * i) for i in range(6, -1, -1)],
                "value": 0.9,
            }
        )
        for c in ("AA", "BB")
    }
    better = rules.Rule("up", "queue_within_10min", "improved", "city", grain="week")
    assert conditions._improved(None, better, None, None, as_of, short) == []


def test_change_fires_on_a_significant_worsening_after_benjamini_hochberg(monkeypatch):
    # five cities' within-10-minute shares this week and the week before; raw p-values
    # 0.001, 0.002, 0.03, 0.8, 0.7 are 0.005, 0.005, 0.05, 0.8, 0.8 after BH over five, so
    # CC's raw 0.03 no longer counts
    frame = pd.DataFrame(
        {
            "city_id": ["AA", "BB", "CC", "DD", "EE"],
            "value": [0.95, 0.70, 0.93, 0.90, 0.89],
            "cmp_value": [0.80, 0.85, 0.90, 0.90, 0.90],
            "low": [0.94, 0.68, 0.92, 0.89, 0.88],
            "high": [0.96, 0.72, 0.94, 0.91, 0.90],
            "n": [900.0, 800.0, 700.0, 600.0, 500.0],
            "p_value": [0.001, 0.002, 0.03, 0.8, 0.7],
            "enough_n": [True] * 5,
        }
    )
    monkeypatch.setattr(conditions, "_grouped", lambda *a: (frame, ("city_id",)))
    as_of = dt.date(2026, 3, 1)
    worse = rules.Rule("down", "queue_within_10min", "change", "city", grain="week")
    found = conditions._change(None, worse, None, None, as_of, {})
    assert [x.unit for x in found if x.firing] == ["BB"]
    assert [round(x.p_value, 3) for x in found] == [0.005, 0.005, 0.05, 0.8, 0.8]
    assert found[0].tests == 5 and found[0].start == dt.date(2026, 2, 23)


def test_a_metric_with_no_better_side_cannot_improve():
    with pytest.raises(ValueError, match="cannot improve"):
        rules.Rule("r", "queue_tickets", "improved", "city")


def test_a_funnel_alert_draws_the_limit_and_the_value_its_sentence_names():
    """FS-003's case: its 30-day share 69.9% against the peers' funnel limit 74.2%; the chart
    draws both, named in its legend, beside the weekly points."""
    from pulse.alerts import chart

    rule = rules.Rule("f", "queue_within_10min", "funnel", "hall", grain="week")
    weeks = pd.date_range("2026-08-09", periods=12, freq="W").date
    series = pd.DataFrame({"bucket_end": weeks, "value": 0.7, "lower": 0.6, "upper": 0.9})
    finding = conditions.Finding(
        rule, "FS-003", True, dt.date(2026, 10, 2), dt.date(2026, 10, 31), value=0.699,
        n=1200, reference=0.742, series=series,
    )  # fmt: skip
    traces = {trace.name: trace for trace in chart.figure(finding, "FS-003").data}
    limit = traces["Funnel limit (99.8%)"]
    assert list(limit.y) == pytest.approx([74.2, 74.2])
    assert (limit.x[0], limit.x[-1]) == (weeks[0], weeks[-1])
    window = traces["30-day value"]
    assert list(window.y) == pytest.approx([69.9, 69.9])
    assert tuple(window.x) == (dt.date(2026, 10, 2), dt.date(2026, 10, 31))
