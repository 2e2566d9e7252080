"""The Benchmarks page under AppTest on the tiny store: every catalogue metric at both levels
in both languages, the funnel's verdicts and the movers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pulse import catalog, groups, i18n
from pulse.benchmarks import data as benchmarks
from tests import apptest

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "benchmarks.py")


def page(**query) -> AppTest:
    at = apptest.app_test(PAGE, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", benchmarks.LEVELS)
def test_every_metric_at_every_level(tiny_snapshots_path, monkeypatch, lang, level):
    # the tiny store with queue snapshots, which the generated data lacks, so that every
    # metric has rows to rank
    monkeypatch.setenv("PULSE_STORE", str(tiny_snapshots_path))
    at = page(b_level=level, lang=lang, period="last_90")
    assert not at.exception
    # AppTest words the filter bar's options in the test's thread when a widget changes
    i18n.set_language(lang)
    for metric in catalog.metrics().values():
        at.selectbox(key="b_metric").select(metric.id).run()
        assert not at.exception, metric.id
        assert not at.error, metric.id
        if groups.available(metric, level):
            assert any(metric.label(lang) in m.value for m in at.markdown), metric.id
        else:
            assert at.info and metric.label(lang) in at.info[0].value
    i18n.set_language("en")


def test_the_league_the_funnel_and_the_movers(app_env):
    at = page(b_metric="queue_within_10min", b_level="hall", period="last_90", compare="last_year")
    assert not at.exception
    titles = [m.value for m in at.markdown]
    assert "**Funnel plot: Called within 10 min**" in titles
    assert "**League table: Called within 10 min**" in titles
    league = at.dataframe[0].value
    assert league["Rank"].tolist() == sorted(league["Rank"].tolist())
    assert {"n", "Value", "95% interval", "Against the funnel", "Target", "Status"} <= set(
        league.columns
    )
    assert any("Most improved" in t for t in titles) and any("Most declined" in t for t in titles)
    assert any("Spiegelhalter" in c.value for c in at.caption)


def test_peers_of_one_tier_and_the_url(app_env):
    at = page(b_metric="queue_wait_mean", b_level="hall", b_peers="rural")
    assert not at.exception
    assert at.markdown[0].value.startswith("Rural halls:")
    assert at.query_params["b_peers"] in ("rural", ["rural"])


def test_industry_figures_carry_source_and_year(app_env):
    at = page(b_metric="sat_index", b_level="city")
    assert not at.exception
    assert any("TCSI" in c.value and "2017" in c.value for c in at.caption)


def test_volumes_get_no_funnel(app_env):
    at = page(b_metric="queue_tickets", b_level="city")
    assert any("Volumes have no denominator" in i.value for i in at.info)


def test_a_peer_outside_the_scope_shows_no_city(app_env):
    # its city is blanked with its name (groups.unnamed); the grid wrote the blank as "None"
    from pulse import access

    user = access.User("bm-city", access.ROLES["city_manager"], access.Scope(cities=("GZ",)))
    at = apptest.app_test(PAGE, default_timeout=180, user=user)
    at.query_params.update(b_metric="queue_within_10min", b_level="hall", period="last_90")
    at.run()
    assert not at.exception
    league = at.dataframe[0].value
    peers = league[league["Where"].str.startswith("Peer ")]
    assert len(peers) and set(peers["City"]) == {"—"}
    assert set(league.loc[~league.index.isin(peers.index), "City"]) == {"Guangzhou"}
