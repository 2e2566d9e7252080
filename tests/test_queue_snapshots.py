"""Queue snapshots: loaded through the loader (a profile, a dry run, rejects with row and
reason, undo), and the Queues page's "From queue snapshots" section against hand-worked values
on tests/fixtures/snapshots/queue_snapshot.csv over the hand-made store's two days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from pulse import catalog, filters, ingest, rollups, sql, tables, undo
from pulse.access import Scope
from pulse.queues import snapshots
from tests import apptest
from tests.conftest import PERIOD, TWO_DAYS

FIXTURES = Path(__file__).parent / "fixtures" / "snapshots"
PROFILE = Path(__file__).parent.parent / "docs" / "profiles" / "queue_system_snapshots.toml"
EXPORT = FIXTURES / "queue_system_export.csv"
ROWS = (
    "select * exclude (snapshot_at), cast(snapshot_at as varchar) from queue_snapshot order by all"
)
HEADER = "office,queue,timestamp,waiting,open_counters,expected_wait\n"
OPTIONS = filters.Options(
    provinces=("GD",), cities={"GZ": "GD", "SZ": "GD"}, halls={"GZ-001": "GZ", "SZ-001": "SZ"}
)


def checksums(store) -> dict:
    """Every loadable table and rollup, counted and hashed: equal checksums, equal stores."""
    with store.cursor() as cur:
        return {
            t: cur.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {t} as t").fetchone()
            for t in (*tables.LOAD_ORDER, *rollups.sources())
        }


def rows(store) -> list[list]:
    return store.df(ROWS).astype(object).where(lambda d: d.notna(), None).values.tolist()


def load_fixture(store):
    return ingest.load_file(
        store, "queue_snapshot", FIXTURES / "queue_snapshot.csv", reject_file_on_error=True
    )


def test_a_queue_system_export_loads_through_its_profile(handmade):
    result = ingest.load_file(handmade, "queue_snapshot", EXPORT, profile=PROFILE)
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (4, 4, 0)
    assert rows(handmade) == [
        ["GZ-001", "billing", 0, 1, None, "2026-10-30 09:00:00"],
        ["GZ-001", "new_line", 4, 2, 480, "2026-10-30 09:00:00"],
        ["GZ-001", "new_line", 6, 2, 720, "2026-10-30 09:01:00"],
        ["SZ-001", "new_line", 9, 1, 1260, "2026-10-31 10:15:00"],
    ]


def test_a_dry_run_says_what_would_load_and_changes_nothing(handmade):
    result = ingest.load_file(handmade, "queue_snapshot", EXPORT, profile=PROFILE, dry_run=True)
    assert (result.load_id, result.rows_loaded, result.dry_run) == (None, 4, True)
    assert rows(handmade) == []


def test_a_negative_count_is_rejected_with_its_row_and_rule(handmade, tmp_path):
    path = tmp_path / "snapshots.csv"
    path.write_text(
        HEADER
        + "Tianhe Flagship,New Line,30/10/2026 09:00,4,2,480\n"
        + "Tianhe Flagship,Billing,30/10/2026 09:00,-1,1,60\n",
        encoding="utf-8",
    )
    result = ingest.load_file(handmade, "queue_snapshot", path, profile=PROFILE)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert result.rejects == [
        (2, "breaks rule (count_waiting >= 0) with count_waiting=-1"),
    ]
    assert [r[:3] for r in rows(handmade)] == [["GZ-001", "new_line", 4]]


def test_a_timestamp_off_its_format_is_rejected_with_its_row_and_value(handmade, tmp_path):
    path = tmp_path / "snapshots.csv"
    path.write_text(
        HEADER
        + "Tianhe Flagship,New Line,2026-10-30 09:00,4,2,480\n"
        + "Tianhe Flagship,New Line,30/10/2026 09:01,5,2,540\n",
        encoding="utf-8",
    )
    with pytest.raises(ingest.LoadError) as refused:
        ingest.load_file(
            handmade, "queue_snapshot", path, profile=PROFILE, reject_file_on_error=True
        )
    assert "row 1: snapshot_at: '2026-10-30 09:00' does not match" in str(refused.value)
    assert "%d/%m/%Y %H:%M" in str(refused.value)
    assert rows(handmade) == []


def test_undo_of_a_snapshot_load_restores_the_store(handmade, tmp_path):
    empty = checksums(handmade)
    first = load_fixture(handmade)
    before, loaded = rows(handmade), checksums(handmade)
    # a second extract corrects one snapshot and adds one
    path = tmp_path / "queue_snapshot.csv"
    path.write_text(
        "branch_id,service_type,snapshot_at,count_waiting,counters_open,expected_wait_s\n"
        "GZ-001,new_line,2026-10-30 09:00:00,5,2,540\n"
        "SZ-001,billing,2026-10-31 11:00:00,2,1,120\n",
        encoding="utf-8",
    )
    second = ingest.load_file(handmade, "queue_snapshot", path)
    assert rows(handmade) != before
    done = undo.undo(handmade, second.load_id, "tests")
    assert (done.rows_removed, done.rows_restored) == (2, 1)
    assert rows(handmade) == before
    assert checksums(handmade) == loaded
    undo.undo(handmade, first.load_id, "tests")
    assert rows(handmade) == []
    assert checksums(handmade) == empty


def test_the_invariants_hold_with_snapshots_and_catch_an_unknown_hall_or_service(handmade):
    load_fixture(handmade)
    for name in ("facts_reference_known_halls", "snapshots_name_known_service_types"):
        assert handmade.df(sql.text(f"invariants/{name}")).empty
    with handmade.cursor() as cur:  # past the loader, which would reject both
        cur.execute(
            "insert into queue_snapshot values ('XX-009', 'tarot', '2026-10-30 09:00', 1, 1, 60)"
        )
    halls = handmade.df(sql.text("invariants/facts_reference_known_halls"))
    assert halls.values.tolist() == [["queue_snapshot", "XX-009"]]
    services = handmade.df(sql.text("invariants/snapshots_name_known_service_types"))
    assert services.values.tolist() == [["XX-009", "tarot"]]


def values_of(frame, columns=("value", "n")) -> dict:
    """A metric's (value, n ...) per metric id, or per (hour, metric id) for hourly rows."""
    keys = ["hour", "metric_id"] if "hour" in frame else ["metric_id"]
    rows = frame.set_index(keys)[list(columns)].astype(object)
    return {k: tuple(v) for k, v in zip(rows.index, rows.values, strict=True)}


def test_the_section_metrics_against_hand_worked_values(handmade):
    load_fixture(handmade)
    view = snapshots.build(handmade, TWO_DAYS, PERIOD)
    # 29 October is outside the two days; 600 s is the promise itself, not above it; the
    # five hall-minutes have one row each: 4, 8, 0, 3, 9 waiting; 2, 2, 1, 3, 1 counters;
    # estimates 480, 720, 600, 1260 (the billing minute has none)
    assert values_of(view.tiles.rows) == {
        "snapshot_waiting_mean": (pytest.approx(24 / 5), 5),
        "snapshot_counters_mean": (pytest.approx(9 / 5), 5),
        "snapshot_expected_wait_mean": (pytest.approx(765.0), 4),
        "snapshot_over_promise_share": (pytest.approx(0.5), 4),
    }
    assert values_of(view.hours) == {
        (9, "snapshot_waiting_mean"): (pytest.approx(4.0), 3),
        (9, "snapshot_counters_mean"): (pytest.approx(5 / 3), 3),
        (9, "snapshot_expected_wait_mean"): (pytest.approx(600.0), 2),
        (9, "snapshot_over_promise_share"): (pytest.approx(0.5), 2),
        (10, "snapshot_waiting_mean"): (pytest.approx(6.0), 2),
        (10, "snapshot_counters_mean"): (pytest.approx(2.0), 2),
        (10, "snapshot_expected_wait_mean"): (pytest.approx(930.0), 2),
        (10, "snapshot_over_promise_share"): (pytest.approx(0.5), 2),
    }
    tiles = view.tiles.rows.set_index("metric_id")
    low, high = proportion_confint(2, 4, alpha=0.05, method="wilson")
    assert tuple(tiles.loc["snapshot_over_promise_share", ["low", "high"]]) == pytest.approx(
        (low, high)
    )
    waiting = DescrStatsW([4, 8, 0, 3, 9]).tconfint_mean()
    assert tuple(tiles.loc["snapshot_waiting_mean", ["low", "high"]]) == pytest.approx(waiting)
    # 5 hall-minutes and 4 estimates are below the metrics' minimum n of 30
    assert not tiles["enough_n"].any()
    assert (view.n_minutes, view.n_estimates) == (5, 4)
    assert view.newest_day == dt.date(2026, 10, 31)
    assert view.not_applied == []


def test_the_section_follows_the_hall_filter_and_names_what_it_cannot(handmade):
    load_fixture(handmade)
    view = snapshots.build(handmade, TWO_DAYS.with_(halls=("SZ-001",), segments=("gold",)), PERIOD)
    assert values_of(view.hours) == {
        (10, "snapshot_waiting_mean"): (9.0, 1),
        (10, "snapshot_counters_mean"): (1.0, 1),
        (10, "snapshot_expected_wait_mean"): (1260.0, 1),
        (10, "snapshot_over_promise_share"): (1.0, 1),
    }
    assert view.not_applied == ["segment"]
    assert view.tiles.not_applied["snapshot_waiting_mean"] == ["segment"]


@pytest.mark.parametrize(
    ("scope", "hours"), [(Scope(halls=("GZ-001",)), [9, 10]), (Scope(cities=("SZ",)), [10])]
)
def test_a_manager_sees_only_the_snapshots_of_their_scope(handmade, scope, hours):
    load_fixture(handmade)
    f = filters.cascade(TWO_DAYS, filters.within(OPTIONS, scope))
    view = snapshots.build(handmade, f, PERIOD)
    assert sorted(set(view.hours["hour"])) == hours
    assert view.n_minutes == {(9, 10): 4, (10,): 1}[tuple(hours)]


def test_a_store_without_snapshots_has_an_empty_view(handmade):
    view = snapshots.build(handmade, TWO_DAYS, PERIOD)
    assert (view.has_data, view.n_minutes, view.n_estimates, view.newest_day) == (
        False,
        0,
        0,
        None,
    )
    assert view.hours.empty


@pytest.fixture
def with_snapshots(tiny_snapshots_path, monkeypatch):
    """The app on the tiny store with conftest.SNAPSHOTS loaded."""
    monkeypatch.setenv("PULSE_STORE", str(tiny_snapshots_path))
    return tiny_snapshots_path


def _section(at) -> tuple[list[str], str]:
    return [s.value for s in at.subheader], " ".join(c.value for c in at.caption)


def test_the_queues_page_without_snapshots_says_so_in_one_line(app_env):
    at = apptest.open_tab(apptest.open_page("queues"), "queues", "Counter planning")
    assert not at.exception
    headings, captions = _section(at)
    assert "From queue snapshots" in headings
    assert "No queue-system snapshots for these halls and this period" in captions
    assert not [m for m in at.metric if "queue system" in m.label]
    at = apptest.open_tab(apptest.open_page("queues", lang="zh"), "queues", "窗口配置测算")
    assert not at.exception
    headings, captions = _section(at)
    assert "来自排队系统快照" in headings
    assert "这些营业厅在此期间没有排队系统快照" in captions


def _tiles(at, lang: str) -> dict[str, tuple[str, str]]:
    labels = {catalog.metric(m).label(lang): m for m in snapshots.METRICS}
    return {labels[m.label]: (m.value, m.help) for m in at.metric if m.label in labels}


def test_the_queues_page_shows_the_snapshot_metrics_in_both_languages(with_snapshots):
    at = apptest.open_tab(apptest.open_page("queues"), "queues", "Counter planning")
    assert not at.exception
    headings, captions = _section(at)
    assert "From queue snapshots" in headings
    assert "not measured waits" in captions
    # 41 hall-minutes: 40 at 09:00-09:39 (2 and 6 waiting in turn, one counter, estimates of
    # 300 and 900 s in turn) and one at 14:00 (1 waiting, two counters, no estimate)
    tiles = _tiles(at, "en")
    assert {m: value for m, (value, _) in tiles.items()} == {
        "snapshot_waiting_mean": "3.9",  # 161 / 41
        "snapshot_counters_mean": "1.0",  # 42 / 41
        "snapshot_expected_wait_mean": "10.0 min",  # 600 s over 40 estimates
        "snapshot_over_promise_share": "50.0%",  # 20 of 40
    }
    for metric_id, (_, help_text) in tiles.items():
        assert catalog.metric(metric_id).definition("en") in help_text
    assert "41 hall-minutes and 40 wait estimates in view; the newest snapshot on 2026-10-31." in (
        captions
    )
    (table,) = [d.value for d in at.dataframe if "Hall-minutes" in d.value.columns]
    assert table.columns.tolist()[:3] == ["Hour", "Hall-minutes", "Estimates"]
    rows = table.values.tolist()
    assert [r[:4] for r in rows] == [
        ["09:00", "40", "40", rows[0][3]],
        ["14:00", "1", "0", "(1.0)"],
    ]
    assert rows[0][3].startswith("4.0 (95% CI")  # enough hall-minutes: with its interval
    assert rows[1][5:] == ["—", "—"]  # no estimate at 14:00
    at = apptest.open_tab(apptest.open_page("queues", lang="zh"), "queues", "窗口配置测算")
    assert not at.exception
    assert "来自排队系统快照" in _section(at)[0]
    tiles = _tiles(at, "zh")
    assert set(tiles) == set(snapshots.METRICS)
    for metric_id, (_, help_text) in tiles.items():
        assert catalog.metric(metric_id).definition("zh") in help_text
    assert "共 41 个厅·分钟、40 个预估值；最新快照在 2026-10-31。" in _section(at)[1]
