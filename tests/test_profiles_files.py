"""Mapping profiles on other file formats (XLSX, Parquet, a tab-separated .txt upload), a store
another process holds, and derived fields that follow the settings."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pulse import ingest
from pulse.profiles import expr
from tests.test_profiles import CALLS, evaluate, write

STAFFING_PROFILE = """
table = "hotline_staffing"
[file]
sheet = "Plan"
header_row = 2
[columns]
queue_id = { from = "Skill", map = { General = "general", VIP = "vip" } }
interval_start = { expr = 'clock(date(Date, "ISO"), hms(Start))' }
interval_min = { value = 30 }
agents_on_duty = { from = "Agents" }
"""


def test_an_xlsx_sheet_loads_through_a_profile_and_a_missing_sheet_is_named(handmade, tmp_path):
    path = tmp_path / "plan.xlsx"
    rows = pd.DataFrame(
        {
            "Skill": ["General", "VIP", "Night"],
            "Date": [dt.datetime(2026, 10, 30)] * 3,
            "Start": ["9:00", "9:30", "23:30"],
            "Agents": [12, 3, 1],
        }
    )
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"title": ["Workforce plan, week 44"]}).to_excel(
            book, sheet_name="Cover", index=False
        )
        rows.to_excel(book, sheet_name="Plan", index=False, startrow=1)
    prof = write(tmp_path, "plan.toml", STAFFING_PROFILE)
    result = ingest.load_file(handmade, "hotline_staffing", path, profile=prof)
    assert (result.rows_loaded, result.rejects) == (2, [(3, "queue_id: 'Night' has no mapping")])
    stored = handmade.df(
        "select queue_id, cast(interval_start as varchar) as t, agents_on_duty from "
        "hotline_staffing where interval_start >= '2026-10-30 09:00' and "
        "interval_start < '2026-10-30 10:00' order by 1"
    ).values.tolist()
    assert stored == [["general", "2026-10-30 09:00:00", 12], ["vip", "2026-10-30 09:30:00", 3]]
    prof.write_text(STAFFING_PROFILE.replace('"Plan"', '"Week 45"'), encoding="utf-8")
    with pytest.raises(ingest.LoadError, match="no sheet 'Week 45'; sheets: Cover, Plan"):
        ingest.load_file(handmade, "hotline_staffing", path, profile=prof)


def test_typed_cells_read_as_a_csv_export_would_hold_them(handmade, tmp_path):
    """Dates, clock times and whole numbers typed as such in the workbook (not as text)."""
    path = tmp_path / "typed.xlsx"
    pd.DataFrame(
        {
            "Skill": ["General", "VIP"],
            "Date": [dt.date(2026, 10, 29)] * 2,
            "Start": [dt.time(14, 0), dt.time(14, 30, 0)],
            "Agents": [7.0, 2.0],
        }
    ).to_excel(path, sheet_name="Plan", index=False, startrow=1)
    prof = write(tmp_path, "plan.toml", STAFFING_PROFILE)
    result = ingest.load_file(handmade, "hotline_staffing", path, profile=prof)
    assert (result.rows_loaded, result.rejects) == (2, [])
    stored = handmade.df(
        "select queue_id, cast(interval_start as varchar) as t, agents_on_duty from "
        "hotline_staffing where interval_start >= '2026-10-29 14:00' and "
        "interval_start < '2026-10-29 15:00' order by 1"
    ).values.tolist()
    assert stored == [["general", "2026-10-29 14:00:00", 7], ["vip", "2026-10-29 14:30:00", 2]]


def test_a_parquet_file_loads_through_a_profile(handmade, tmp_path):
    path = tmp_path / "calls.parquet"
    pd.DataFrame(
        {
            "id": [41, 42],
            "arrived": pd.to_datetime(["2026-10-30 10:00:00", "2026-10-30 10:05:00"]),
            "wait_s": [15, 40],
            "talk_s": [200, 100],
        }
    ).to_parquet(path)
    prof = write(
        tmp_path,
        "p.toml",
        'table = "hotline_call"\n[columns]\ncall_id = { from = "id" }\n'
        'queue_id = { value = "general" }\ncity_id = { value = "GZ" }\n'
        'segment = { value = "regular" }\narrived_at = { from = "arrived" }\n'
        "queued_at = { expr = 'arrived_at + seconds(10)' }\n"
        "answered_at = { expr = 'queued_at + seconds(wait_s)' }\n"
        "ended_at = { expr = 'answered_at + seconds(talk_s)' }\n"
        'outcome = { value = "answered" }\nis_transferred = { value = false }\n',
    )
    result = ingest.load_file(handmade, "hotline_call", path, profile=prof)
    assert result.rows_loaded == 2
    ended = handmade.df(
        "select cast(ended_at as varchar) as e from hotline_call where call_id = 42"
    )
    assert ended["e"][0] == "2026-10-30 10:07:30"


def test_a_store_held_by_another_process_is_named_busy_not_a_traceback(handmade, tmp_path, capsys):
    import subprocess
    import sys

    handmade.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "sys.stdin.read()",
            str(handmade.path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        data = write(tmp_path, "calls.txt", CALLS)
        args = ["hotline_call", str(data), "--store", str(handmade.path)]
        assert ingest.main(args) == 4
        assert (
            "another process holds it and no dashboard inbox was found" in capsys.readouterr().err
        )
    finally:
        holder.stdin.close()
        holder.wait()


def test_an_uploaded_tab_separated_txt_loads_like_a_csv(handmade):
    from pulse import loads

    header = (
        "ticket_id\tbranch_id\tissued_at\tcalled_at\tserved_at\tfinished_at\tservice_type\t"
        "segment\tis_priority_lane\toutcome\r\n"
    )
    row = "31\tSZ-001\t2026-10-31 15:00:00\t\t\t\tbilling\tregular\tfalse\twalked_away\r\n"
    result = loads.load_upload(
        handmade,
        "queue_ticket",
        "acd_export.txt",
        (header + row).encode("gb18030"),
        loaded_by="tests",
        reject_file_on_error=True,
    )
    assert (result.file_name, result.rows_loaded) == ("acd_export.txt", 1)


def test_a_deadline_follows_the_named_setting():
    frame = pd.DataFrame({"received": ["2026-10-01 09:00:00"]})
    value, _ = evaluate('timestamp(received) + days(setting("answer_within_days"))', frame)
    assert str(value[0]) == "2026-10-16 09:00:00"
    with pytest.raises(expr.ExpressionError, match="no setting 'nope'"):
        evaluate('days(setting("nope"))', frame)
