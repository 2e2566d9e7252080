"""Hall-wide queue snapshots (service type 'all', schema 025): loaded through their profile,
proposed by `pulse.profile suggest`, and never added to the same hall-minute's per-type rows,
against hand-worked values on tests/fixtures/snapshots/ over the hand-made store's two days."""

from __future__ import annotations

import shutil

import pytest

from pulse import ingest, profile, sql
from pulse.queues import snapshots
from pulse.store import Store
from tests.conftest import PERIOD, TWO_DAYS
from tests.test_invariants import violations
from tests.test_queue_snapshots import EXPORT, FIXTURES, PROFILE, rows, values_of

HALL_PROFILE = PROFILE.with_name("queue_system_hall_snapshots.toml")
HALL_EXPORT = FIXTURES / "queue_system_hall_export.csv"
ROLLUP = (
    "select cast(day as varchar), * exclude (day, province_id, city_id, tier) "
    "from queue_snapshot_hourly order by all"
)
INVARIANT = "snapshot_minutes_match_snapshots"


def load_both(store) -> None:
    """The per-queue export, then the hall-wide one: both kinds at GZ-001 09:00 on 30 October
    and at SZ-001 10:15 on 31 October."""
    for path, prof in ((EXPORT, PROFILE), (HALL_EXPORT, HALL_PROFILE)):
        result = ingest.load_file(store, "queue_snapshot", path, profile=prof)
        assert result.rows_rejected == 0


def test_the_hall_wide_code_is_a_reference_row_in_both_languages(handmade):
    found = handmade.df("select * from service_type where service_type_id = 'all'")
    assert found.values.tolist() == [["all", "All service types", "全部业务"]]


def test_a_hall_wide_export_loads_through_its_profile(handmade):
    result = ingest.load_file(handmade, "queue_snapshot", HALL_EXPORT, profile=HALL_PROFILE)
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    assert rows(handmade) == [  # the file's minutes times 60
        ["GZ-001", "all", 5, 3, 420, "2026-10-30 09:00:00"],
        ["GZ-001", "all", 7, 3, 660, "2026-10-30 09:02:00"],
        ["SZ-001", "all", 10, 2, 900, "2026-10-31 10:15:00"],
    ]


def test_a_hall_wide_row_stands_for_its_hall_and_minute(handmade):
    load_both(handmade)
    assert len(rows(handmade)) == 7  # both kinds are kept
    # GZ-001 09:00: the hall-wide 5 waiting, 3 counters, 420 s, not the per-queue 4 + 0
    # waiting, 2 + 1 counters, 480 s; 09:01 per queue only (6, 2, 720 s); 09:02 hall-wide only
    # (7, 3, 660 s). SZ-001 10:15: the hall-wide 10, 2, 900 s, not the per-queue 9, 1, 1260 s
    assert handmade.df(ROLLUP).values.tolist() == [
        ["2026-10-30", 9, "GZ-001", 5, 3, 18.0, 110.0, 8.0, 22.0, 3, 1800.0, 1130400.0, 2],
        ["2026-10-31", 10, "SZ-001", 2, 1, 10.0, 100.0, 2.0, 4.0, 1, 900.0, 810000.0, 1],
    ]
    view = snapshots.build(handmade, TWO_DAYS, PERIOD)
    assert values_of(view.tiles.rows) == {
        "snapshot_waiting_mean": (7.0, 4),  # (5 + 6 + 7 + 10) / 4
        "snapshot_counters_mean": (2.5, 4),  # (3 + 2 + 3 + 2) / 4
        "snapshot_expected_wait_mean": (675.0, 4),  # (420 + 720 + 660 + 900) / 4
        "snapshot_over_promise_share": (0.75, 4),  # 720, 660 and 900 are above 600
    }
    assert values_of(view.hours)[(9, "snapshot_over_promise_share")] == (pytest.approx(2 / 3), 3)
    assert violations(handmade, INVARIANT).empty


def test_the_invariant_catches_a_hall_minute_counted_twice(handmade):
    load_both(handmade)
    with handmade.cursor() as cur:  # as a rollup that added the per-queue rows would
        cur.execute(
            "update queue_snapshot_hourly set n_minutes = n_minutes + 1, "
            "waiting_sum = waiting_sum + 4 where branch_id = 'GZ-001'"
        )
    found = violations(handmade, INVARIANT)
    assert found.astype(object).values.tolist()[0][2:] == ["GZ-001", 3, 4, 18, 22.0]


def test_suggest_proposes_all_service_types_when_no_column_names_one(tmp_path, capsys):
    text = profile.suggest("queue_snapshot", HALL_EXPORT)
    assert 'service_type = { value = "all" }' in text
    assert 'branch_id = { from = "营业厅" }' in text  # a hall repeats: no surrogate key
    assert 'snapshot_at = { from = "时间", format = "ISO" }' in text
    per_queue = profile.suggest("queue_snapshot", EXPORT)
    assert 'service_type = { from = "queue" }' in per_queue
    assert 'snapshot_at = { from = "timestamp", format = "%d/%m/%Y %H:%M" }' in per_queue
    assert profile.main(["suggest", "queue_snapshot", str(HALL_EXPORT)]) == 0
    assert 'service_type = { value = "all" }' in capsys.readouterr().out


def test_an_older_store_gets_the_hall_wide_code_and_its_snapshots_summed(handmade_path, tmp_path):
    # a store made before schema 025 that already holds snapshots: no 'all' service type and
    # no snapshot rollup
    path = tmp_path / "old.duckdb"
    shutil.copy(handmade_path, path)
    old = Store(path)
    ingest.load_file(old, "queue_snapshot", EXPORT, profile=PROFILE)
    with old.cursor() as cur:
        cur.execute("delete from service_type where service_type_id = 'all'")
        cur.execute("drop table queue_snapshot_hourly")
        cur.execute("delete from schema_version where version = 25")
    old.close()
    upgraded = Store(path)  # applies 025; opening builds the new rollup from the snapshots
    names = upgraded.df("select name_en from service_type where service_type_id = 'all'")
    assert names["name_en"].tolist() == ["All service types"]
    assert upgraded.df(ROLLUP).values.tolist() == [
        ["2026-10-30", 9, "GZ-001", 3, 2, 10.0, 52.0, 5.0, 13.0, 2, 1200.0, 748800.0, 1],
        ["2026-10-31", 10, "SZ-001", 1, 1, 9.0, 81.0, 1.0, 1.0, 1, 1260.0, 1587600.0, 1],
    ]
    assert violations(upgraded, INVARIANT).empty
    assert upgraded.df(sql.text("invariants/snapshots_name_known_service_types")).empty
    upgraded.close()


def test_a_ticket_cannot_name_all_service_types(handmade, tmp_path):
    """'all' is a reference row for hall-wide snapshots; a ticket is always of one service
    type, so a ticket naming it is rejected with its row and the reason."""
    from tests.test_ingest import HEADER, write

    good = "8,SZ-001,2026-10-31 15:00:00,,,,billing,regular,false,walked_away\n"
    bad = "9,SZ-001,2026-10-31 15:01:00,,,,all,regular,false,walked_away\n"
    result = ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "t.csv", HEADER + good + bad)
    )
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    row, reason = result.rejects[0][0], result.rejects[0][1]
    assert row == 2
    assert "service_type: 'all' (all of them) is for hall-wide queue snapshots only" in reason
