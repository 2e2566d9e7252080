"""The loader: bad rows are rejected with their row number and reason, bad files are refused
whole, a reload replaces rows by natural key, and a failure changes nothing."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from pulse import ingest, rollups, tables

HEADER = (
    "ticket_id,branch_id,issued_at,called_at,served_at,finished_at,service_type,segment,"
    "is_priority_lane,outcome\n"
)
GOOD = (
    "7,SZ-001,2026-10-31 15:00:00,2026-10-31 15:04:00,2026-10-31 15:04:00,"
    "2026-10-31 15:10:00,billing,regular,false,served\n"
)


def snapshot(store) -> dict:
    """Row counts of every table and the rollups' totals: equal snapshots, unchanged store."""
    counts = {
        t: int(store.df(f"select count(*) as n from {t}")["n"][0])
        for t in (*tables.LOAD_ORDER, *rollups.sources(), "load_log", "load_reject")
    }
    counts["queue_daily.n_tickets"] = int(
        store.df("select coalesce(sum(n_tickets), 0) as n from queue_daily")["n"][0]
    )
    return counts


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_load_and_bad_rows_are_listed_with_their_reasons(handmade, tmp_path):
    path = write(
        tmp_path,
        "tickets.csv",
        HEADER
        + GOOD
        + "8,SZ-001,yesterday,,,,billing,regular,false,walked_away\n"
        + "9,XX-999,2026-10-31 15:00:00,,,,billing,regular,false,walked_away\n"
        + "10,SZ-001,2026-10-31 15:00:00,2026-10-31 14:00:00,2026-10-31 15:05:00,"
        + "2026-10-31 15:09:00,billing,regular,false,served\n",
    )
    result = ingest.load_file(handmade, "queue_ticket", path)
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (4, 1, 3)
    assert result.rejects == [
        (2, "issued_at: cannot read 'yesterday' as timestamp"),
        (3, "branch_id: no branch 'XX-999'"),
        (
            4,
            "breaks rule (called_at >= issued_at) with called_at=2026-10-31 14:00:00, "
            "issued_at=2026-10-31 15:00:00",
        ),
    ]
    stored = handmade.df(
        f"select * from load_reject where load_id = {result.load_id} order by row_number"
    )
    assert stored["row_number"].tolist() == [2, 3, 4]
    assert handmade.df("select count(*) as n from queue_ticket")["n"][0] == 7
    day = handmade.df("select sum(n_tickets) as n from queue_daily where day = '2026-10-31'")
    assert day["n"][0] == 3  # the rollup of the touched day was rebuilt


def test_duplicate_keys_in_a_file_reject_every_copy(handmade, tmp_path):
    path = write(
        tmp_path,
        "dupes.csv",
        HEADER + GOOD + GOOD.replace("billing", "new_line", 1) + GOOD.replace("7,", "11,", 1),
    )
    result = ingest.load_file(handmade, "queue_ticket", path)
    assert result.rows_loaded == 1
    assert result.rejects == [
        (1, "duplicate key ticket_id=7 in rows 1, 2"),
        (2, "duplicate key ticket_id=7 in rows 1, 2"),
    ]


def test_out_of_range_score_is_rejected(handmade, tmp_path):
    header = (
        "response_id,responded_at,touchpoint,city_id,branch_id,queue_id,segment,brand,"
        "score_overall,score_recommend,score_network,score_tariff,score_staff,score_speed,"
        "score_convenience,score_billing,comment,ticket_id,call_id,complaint_id\n"
    )
    path = write(
        tmp_path,
        "surveys.csv",
        header
        + "2001,2026-10-31 16:00:00,app,SZ,,,gold,gotone,11,9,,,,,,,,,,\n"
        + "2002,2026-10-31 16:00:00,app,SZ,,,gold,gotone,7,9,,,,,,,,,,\n",
    )
    result = ingest.load_file(handmade, "survey_response", path)
    assert result.rejects == [
        (1, "breaks rule (score_overall BETWEEN 0 AND 10) with score_overall=11")
    ]


def test_text_with_control_characters_is_rejected_with_the_character(handmade, tmp_path):
    header = (
        "response_id,responded_at,touchpoint,city_id,branch_id,queue_id,segment,brand,"
        "score_overall,score_recommend,score_network,score_tariff,score_staff,score_speed,"
        "score_convenience,score_billing,comment,ticket_id,call_id,complaint_id\n"
    )
    row = '{id},2026-10-31 16:00:00,app,SZ,,,gold,gotone,7,9,,,,,,,"{comment}",,,\n'
    path = write(
        tmp_path,
        "surveys.csv",
        header
        + row.format(id=2001, comment="slow\x00queue")
        + row.format(id=2002, comment="bad\x01 and \x0bworse")
        + row.format(id=2003, comment="tab\tnew line\r\nfine"),
    )
    result = ingest.load_file(handmade, "survey_response", path)
    rule = "(only tab, newline and carriage return are allowed in text)"
    assert result.rejects == [
        (1, f"comment: holds the control character U+0000 {rule}"),
        (2, f"comment: holds the control character U+0001 {rule}"),
    ]
    stored = handmade.df("select comment from survey_response where response_id >= 2001")
    assert stored["comment"].tolist() == ["tab\tnew line\r\nfine"]


def test_reject_file_on_error_loads_nothing(handmade, tmp_path):
    before = snapshot(handmade)
    path = write(
        tmp_path,
        "mixed.csv",
        HEADER + GOOD + "9,XX-999,2026-10-31 15:00:00,,,,billing,regular,false,walked_away\n",
    )
    with pytest.raises(ingest.LoadError, match=r"(?s)1 of 2 rows are invalid.*row 2: branch_id"):
        ingest.load_file(handmade, "queue_ticket", path, reject_file_on_error=True)
    assert snapshot(handmade) == before


def test_a_file_of_only_bad_rows_is_refused(handmade, tmp_path):
    before = snapshot(handmade)
    path = write(
        tmp_path,
        "bad.csv",
        HEADER + "9,XX-999,2026-10-31 15:00:00,,,,billing,regular,false,walked_away\n",
    )
    with pytest.raises(ingest.LoadError, match="nothing was loaded"):
        ingest.load_file(handmade, "queue_ticket", path)
    assert snapshot(handmade) == before


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("short.csv", HEADER + GOOD + "8,SZ-001,2026-10-31 15:00:00\n", "cannot be read as CSV"),
        ("cols.csv", "ticket_id,branch_id\n1,SZ-001\n", "missing columns: issued_at"),
        (
            "extra.csv",
            HEADER.strip() + ",colour\n" + GOOD.strip() + ",red\n",
            "unknown columns: colour",
        ),
        ("empty.csv", HEADER, "holds no rows"),
        ("tickets.xlsx", "not a spreadsheet", "only .csv and .parquet"),
    ],
)
def test_unreadable_files_are_refused_whole(handmade, tmp_path, name, text, message):
    before = snapshot(handmade)
    with pytest.raises(ingest.LoadError, match=message):
        ingest.load_file(handmade, "queue_ticket", write(tmp_path, name, text))
    assert snapshot(handmade) == before


def test_truncated_parquet_is_refused_and_nothing_changes(handmade, tmp_path):
    frame = pd.DataFrame(
        {
            "ticket_id": [20, 21],
            "branch_id": ["SZ-001"] * 2,
            "issued_at": pd.to_datetime(["2026-10-31 12:00", "2026-10-31 12:01"]),
            "called_at": pd.to_datetime(["2026-10-31 12:05", "2026-10-31 12:06"]),
            "served_at": pd.to_datetime(["2026-10-31 12:05", "2026-10-31 12:06"]),
            "finished_at": pd.to_datetime(["2026-10-31 12:15", "2026-10-31 12:16"]),
            "service_type": ["billing"] * 2,
            "segment": ["regular"] * 2,
            "is_priority_lane": [False] * 2,
            "outcome": ["served"] * 2,
        }
    )
    whole = tmp_path / "tickets.parquet"
    frame.to_parquet(whole)
    assert ingest.load_file(handmade, "queue_ticket", whole).rows_loaded == 2
    before = snapshot(handmade)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ingest.LoadError, match="cannot be read as PARQUET"):
        ingest.load_file(handmade, "queue_ticket", cut)
    assert snapshot(handmade) == before


def test_reload_replaces_by_natural_key_and_logs_the_checksum(handmade, tmp_path):
    # ticket 2 was called after 15 minutes; the corrected extract says 5
    path = write(
        tmp_path,
        "fix.csv",
        HEADER + "2,GZ-001,2026-10-30 09:10:00,2026-10-30 09:15:00,"
        "2026-10-30 09:15:00,2026-10-30 09:30:00,billing,regular,false,served\n",
    )
    before = snapshot(handmade)
    result = ingest.load_file(handmade, "queue_ticket", path, loaded_by="analyst")
    after = snapshot(handmade)
    assert after["queue_ticket"] == before["queue_ticket"]
    assert after["load_log"] == before["load_log"] + 1
    log = handmade.df(f"select * from load_log where load_id = {result.load_id}").iloc[0]
    assert log["checksum_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (log["loaded_by"], log["rows_in"], log["rows_loaded"]) == ("analyst", 1, 1)
    row = handmade.df(
        "select n_within_10min, wait_s_sum from queue_daily "
        "where day = '2026-10-30' and segment = 'regular'"
    ).iloc[0]
    assert (row["n_within_10min"], row["wait_s_sum"]) == (2, 600.0)


def test_moving_a_row_to_another_day_rebuilds_both_days(handmade, tmp_path):
    path = write(
        tmp_path,
        "move.csv",
        HEADER + "4,GZ-001,2026-10-01 10:00:00,,,,billing,regular,false,walked_away\n",
    )
    ingest.load_file(handmade, "queue_ticket", path)
    days = handmade.df(
        "select cast(day as varchar) as day, sum(n_walked_away) as n "
        "from queue_daily group by all order by day"
    ).values.tolist()
    assert days == [["2026-10-01", 1], ["2026-10-30", 0], ["2026-10-31", 0]]


def test_targets_must_name_catalogue_metrics(handmade, tmp_path):
    path = write(
        tmp_path,
        "targets.csv",
        "metric_id,level,level_key,year,target_value,amber_band,source\n"
        "nps,company,all,2026,30,5,board\n"
        "happiness,company,all,2026,1,0,board\n",
    )
    result = ingest.load_file(handmade, "target", path)
    assert result.rejects == [(2, "metric_id: no metric 'happiness' in the catalogue")]


def test_unknown_table_and_missing_file(handmade, tmp_path):
    with pytest.raises(ingest.LoadError, match="unknown table 'tickets'"):
        ingest.load_file(handmade, "tickets", tmp_path / "x.csv")
    with pytest.raises(ingest.LoadError, match="no such file"):
        ingest.load_file(handmade, "queue_ticket", tmp_path / "missing.csv")
