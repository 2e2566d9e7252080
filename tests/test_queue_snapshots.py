"""Queue snapshots: loaded through the loader (a profile, a dry run, rejects with row and
reason, undo), and the Queues page's "From queue snapshots" section against hand-worked values
on tests/fixtures/snapshots/queue_snapshot.csv over the hand-made store's two days."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from statsmodels.stats.proportion import proportion_confint

from pulse import filters, ingest, rollups, sidecar, sql, tables, undo
from pulse.access import Scope
from pulse.queues import snapshots
from pulse.store import open_store
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


def test_the_section_by_hour_of_day_against_hand_worked_values(handmade):
    load_fixture(handmade)
    view = snapshots.build(handmade, TWO_DAYS, PERIOD)
    # 29 October is outside the two days; 600 s is the promise itself, not above it
    got = view.hours.astype(object).values.tolist()
    assert got == [
        [9, 3, 4.0, 8, 5 / 3, 2, 1, 0.5],
        [10, 2, 6.0, 9, 2.0, 2, 1, 0.5],
    ]
    assert (view.n_snapshots, view.n_estimates, view.n_over_promise) == (5, 4, 2)
    assert view.share_over == 0.5
    low, high = proportion_confint(2, 4, alpha=0.05, method="wilson")
    assert (view.low, view.high) == pytest.approx((low, high))
    assert view.last_at == dt.datetime(2026, 10, 31, 10, 5)
    assert view.not_applied == []


def test_the_section_follows_the_hall_filter_and_names_what_it_cannot(handmade):
    load_fixture(handmade)
    view = snapshots.build(handmade, TWO_DAYS.with_(halls=("SZ-001",), segments=("gold",)), PERIOD)
    assert view.hours.astype(object).values.tolist() == [[10, 1, 9.0, 9, 1.0, 1, 1, 1.0]]
    assert view.not_applied == ["segment"]


@pytest.mark.parametrize(
    ("scope", "hours"), [(Scope(halls=("GZ-001",)), [9, 10]), (Scope(cities=("SZ",)), [10])]
)
def test_a_manager_sees_only_the_snapshots_of_their_scope(handmade, scope, hours):
    load_fixture(handmade)
    f = filters.cascade(TWO_DAYS, filters.within(OPTIONS, scope))
    view = snapshots.build(handmade, f, PERIOD)
    assert view.hours["hour_of_day"].tolist() == hours
    assert view.n_snapshots == {(9, 10): 4, (10,): 1}[tuple(hours)]


def test_a_store_without_snapshots_has_an_empty_view(handmade):
    view = snapshots.build(handmade, TWO_DAYS, PERIOD)
    assert (view.has_data, view.n_snapshots, view.share_over, view.last_at) == (
        False,
        0,
        None,
        None,
    )


@pytest.fixture
def with_snapshots(tiny_path, tmp_path, monkeypatch):
    """A copy of the tiny store with three snapshots of hall SZ-001 on its last day."""
    path = tmp_path / "snapshots.duckdb"
    shutil.copy(tiny_path, path)
    shutil.copy(sidecar.path_for(tiny_path), sidecar.path_for(path))  # its demo accounts
    extract = tmp_path / "queue_snapshot.csv"
    extract.write_text(
        "branch_id,service_type,snapshot_at,count_waiting,counters_open,expected_wait_s\n"
        "SZ-001,new_line,2026-10-31 09:00:00,2,1,300\n"
        "SZ-001,new_line,2026-10-31 09:01:00,6,1,900\n"
        "SZ-001,billing,2026-10-31 14:00:00,1,2,\n",
        encoding="utf-8",
    )
    ingest.load_file(open_store(path), "queue_snapshot", extract, reject_file_on_error=True)
    monkeypatch.setenv("PULSE_STORE", str(path))
    return path


def _section(at) -> tuple[list[str], str]:
    return [s.value for s in at.subheader], " ".join(c.value for c in at.caption)


def test_the_queues_page_without_snapshots_says_so_in_one_line(app_env):
    at = apptest.open_page("queues")
    assert not at.exception
    headings, captions = _section(at)
    assert "From queue snapshots" in headings
    assert "No queue-system snapshots for these halls and this period" in captions
    at = apptest.open_page("queues", lang="zh")
    assert not at.exception
    headings, captions = _section(at)
    assert "来自排队系统快照" in headings
    assert "这些营业厅在此期间没有排队系统快照" in captions


def test_the_queues_page_shows_the_snapshots_in_both_languages(with_snapshots):
    at = apptest.open_page("queues")
    assert not at.exception
    headings, captions = _section(at)
    assert "From queue snapshots" in headings
    assert "not measured waits" in captions
    text = apptest.markdown(at)
    assert "**50.0%** of the snapshots with an estimate expected a wait above the 10-minute" in text
    assert "1 of 2); 3 snapshots in all, the newest on 2026-10-31." in text
    (table,) = [d.value for d in at.dataframe if "Snapshots" in d.value.columns]
    assert table.values.tolist() == [
        ["09:00", "2", "4.0", "6", "1.0", "50.0%", "2"],
        ["14:00", "1", "1.0", "1", "2.0", "—", "0"],
    ]
    at = apptest.open_page("queues", lang="zh")
    assert not at.exception
    assert "来自排队系统快照" in _section(at)[0]
    assert "（95% 区间" in apptest.markdown(at) and "共 3 个快照" in apptest.markdown(at)
