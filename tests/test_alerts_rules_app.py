"""The Alerts page's rule form under AppTest: an analyst adds a rule (refused with a reason
first, in the reader's language), turns a shipped rule off; each change is in the audit log;
a manager reads the rules and gets no form."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pulse import access, audit, i18n, sidecar
from pulse.alerts import rules
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent
READER = access.User("sz-reader", access.ROLES["city_manager"], access.Scope(cities=("SZ",)))


@pytest.fixture
def copy(tiny_path, tmp_path, monkeypatch):
    """A private copy of the tiny store the app opens, with its accounts."""
    path = tmp_path / "rules.duckdb"
    shutil.copy(tiny_path, path)
    shutil.copy(sidecar.path_for(tiny_path), sidecar.path_for(path))
    monkeypatch.setenv("PULSE_STORE", str(path))
    monkeypatch.setenv("PULSE_SCHEDULER", "off")
    return path


@pytest.fixture(autouse=True)
def _english_after():
    """AppTest words select boxes with their format function in this thread: _page sets the
    page's language here for the test's clicks, and this puts English back after."""
    yield
    i18n.set_language("en")


def _page(user, lang: str):
    at = apptest.app_test(ROOT / "pages" / "alerts.py", 180, user)
    at.query_params["lang"] = lang
    i18n.set_language(lang)
    return at.run()


def _rules_table(at):
    """The page's table of rules (an open alert's history table may come before it)."""
    return next(d.value for d in at.dataframe if "Rule" in d.value.columns)


def _changes(path) -> list[dict]:
    found = audit.entries(path)
    found = found[found["action"] == "alert_rule_change"].iloc[::-1]
    return [json.loads(d) for d in found["detail_json"]]


def test_an_analyst_adds_a_rule_and_turns_a_shipped_one_off(copy):
    at = _page("analyst", "en")
    assert not at.exception
    at.text_input(key="rule_new_id").input("wait-sz-funnel")
    at.selectbox(key="rule_new_metric").set_value("queue_within_10min")
    at.selectbox(key="rule_new_condition").set_value("funnel")
    at.selectbox(key="rule_new_level").set_value("company").run()
    at.button(key="rule_save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "A funnel compares cities or halls, not the company: choose the city or hall level."
    ]
    assert "wait-sz-funnel" not in {r.rule_id for r, _ in rules.listing(copy)}
    at.selectbox(key="rule_new_level").set_value("hall")
    at.selectbox(key="rule_new_peers").set_value("all")
    at.multiselect(key="rule_new_units").select("SZ").run()
    at.button(key="rule_save").click().run()
    assert not at.exception and not at.error
    added = {r.rule_id: (r, on) for r, on in rules.listing(copy)}["wait-sz-funnel"]
    assert added == (
        rules.Rule("wait-sz-funnel", "queue_within_10min", "funnel", "hall", ("SZ",), "week",
                   source="app", peers="all"),
        True,
    )  # fmt: skip

    at = _page("analyst", "en")
    at.selectbox(key="rule_pick").set_value("wait10-hall-funnel").run()
    at.checkbox(key="rule_wait10-hall-funnel_on").uncheck().run()
    at.button(key="rule_save").click().run()
    assert not at.exception and not at.error
    assert "wait10-hall-funnel" not in {r.rule_id for r in rules.every(copy)}
    first, second = _changes(copy)
    assert (first["rule_id"], first["before"], first["after"]["level"]) == (
        "wait-sz-funnel", None, "hall"
    )  # fmt: skip
    assert (second["before"]["is_enabled"], second["after"]["is_enabled"]) == (True, False)
    assert second["after"]["peers"] == second["before"]["peers"] == "all"


def test_the_form_speaks_chinese_and_a_manager_only_reads(copy):
    at = _page("analyst", "zh")
    at.text_input(key="rule_new_id").input("X")
    at.button(key="rule_save").click().run()
    assert not at.exception
    assert at.error[0].value == "请为规则设置 2 到 60 个字符的编号，仅限小写字母、数字和连字符。"
    assert _changes(copy) == []
    reader = _page(READER, "zh")
    assert not reader.exception
    assert "分析师和管理员可以新增和修改规则。" in [c.value for c in reader.caption]
    assert not [b for b in reader.button if b.key == "rule_save"]
    assert len(reader.dataframe) >= 1


def test_the_rule_list_names_only_the_units_a_reader_may_see(copy):
    rule = rules.Rule("two-cities", "queue_within_10min", "funnel", "hall", ("SZ", "GZ"), "week",
                      source="app", peers="all")  # fmt: skip
    rules.save(copy, rule, True, "analyst")
    reader = _page(READER, "en")
    assert not reader.exception
    listed = _rules_table(reader)
    row = listed[listed["Rule"] == "two-cities"].iloc[0]
    assert row["Units"] == "Shenzhen, 1 more outside your scope"
    assert "Guangzhou" not in listed.to_string() and "GZ" not in listed.to_string()
    everyone = _rules_table(_page("executive", "en"))
    assert everyone[everyone["Rule"] == "two-cities"].iloc[0]["Units"] == "Shenzhen, Guangzhou"
