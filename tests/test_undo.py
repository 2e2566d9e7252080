"""Undo and replace: an undone load's rows go and the rows it replaced come back, rollups
included; a corrected file replacing a load leaves none of the first attempt behind."""

from __future__ import annotations

import json

import pytest

from pulse import audit, ingest, rollups, tables, undo
from tests.test_ingest import HEADER, write


def state(store) -> dict:
    """Every row of the ticket table and its rollups, hashed; equal states, equal stores."""
    tables = ("queue_ticket", *rollups.for_table("queue_ticket"))
    return {
        t: tuple(store.df(f"select count(*) as n, sum(hash(t)) as h from {t} as t").iloc[0])
        for t in tables
    }


def ticket(ticket_id: int, called: str, outcome: str = "served") -> str:
    """One ticket of hall GZ-001 issued at 09:10 on 30 October, called at `called`."""
    return (
        f"{ticket_id},GZ-001,2026-10-30 09:10:00,2026-10-30 {called},2026-10-30 {called},"
        f"2026-10-30 09:40:00,billing,regular,false,{outcome}\n"
    )


def tickets_on(store, day: str) -> list[list]:
    return store.df(
        "select ticket_id, cast(called_at as varchar) as called from queue_ticket "
        f"where cast(issued_at as date) = '{day}' order by ticket_id"
    ).values.tolist()


def test_undoing_a_reload_brings_back_what_it_replaced(handmade, tmp_path):
    before = state(handmade)
    rows_before = tickets_on(handmade, "2026-10-30")
    fix = write(tmp_path, "fix.csv", HEADER + ticket(2, "09:15:00") + ticket(90, "09:12:00"))
    loaded = ingest.load_file(handmade, "queue_ticket", fix)
    assert state(handmade) != before

    result = undo.undo(handmade, loaded.load_id, by="analyst")

    assert (result.rows_removed, result.rows_restored) == (2, 1)  # tickets 2 and 90; 2 again
    assert tickets_on(handmade, "2026-10-30") == rows_before
    assert state(handmade) == before  # the rollups of the day are back as well
    log = handmade.df(f"select * from load_log where load_id = {loaded.load_id}").iloc[0]
    assert log["undone_by"] == "analyst" and log["undone_at"] is not None
    with pytest.raises(undo.UndoError, match="already undone"):
        undo.undo(handmade, loaded.load_id)


def test_a_corrected_file_replaces_a_load_without_stale_rows(handmade, tmp_path):
    before = state(handmade)
    first = write(
        tmp_path,
        "first.csv",
        HEADER + ticket(2, "09:20:00") + ticket(91, "09:12:00") + ticket(92, "09:13:00"),
    )
    attempt = ingest.load_file(handmade, "queue_ticket", first)
    corrected = write(tmp_path, "corrected.csv", HEADER + ticket(91, "09:11:00"))

    result = ingest.load_file(handmade, "queue_ticket", corrected, replaces=attempt.load_id)

    ids = [row[0] for row in tickets_on(handmade, "2026-10-30")]
    assert 92 not in ids  # only in the first attempt: gone
    assert [r for r in tickets_on(handmade, "2026-10-30") if r[0] in (2, 91)] == [
        [2, "2026-10-30 09:25:00"],  # the first attempt's change to ticket 2 is undone
        [91, "2026-10-30 09:11:00"],
    ]
    log = handmade.df(
        f"select load_id, coalesce(replaces_load, 0) as replaces, undone_at is not null as undone "
        "from load_log "
        f"where load_id in ({attempt.load_id}, {result.load_id}) order by load_id"
    ).values.tolist()
    assert log == [[attempt.load_id, 0, True], [result.load_id, attempt.load_id, False]]
    undo.undo(handmade, result.load_id)
    assert state(handmade) == before


def test_an_older_load_waits_for_the_later_ones_that_rewrote_its_rows(handmade, tmp_path):
    one = ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "one.csv", HEADER + ticket(93, "09:12:00"))
    )
    two = ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "two.csv", HEADER + ticket(93, "09:14:00"))
    )
    before = state(handmade)
    with pytest.raises(undo.UndoError, match=rf"later loads rewrote rows .*load {two.load_id}"):
        undo.undo(handmade, one.load_id)
    assert state(handmade) == before  # refused: nothing changed
    undo.undo(handmade, two.load_id)
    undo.undo(handmade, one.load_id)
    assert 93 not in [row[0] for row in tickets_on(handmade, "2026-10-30")]


def test_rows_other_tables_refer_to_are_not_removed(handmade):
    # the hand-made tickets are answered by surveys: undoing their load would orphan them
    first = handmade.df(
        "select min(load_id) as id from load_log where table_name = 'queue_ticket'"
    )["id"][0]
    with pytest.raises(undo.UndoError, match="survey_response rows refer to queue_ticket"):
        undo.undo(handmade, int(first))


def test_a_replacement_of_another_table_is_refused_whole(handmade, tmp_path):
    attempt = ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "t.csv", HEADER + ticket(94, "09:12:00"))
    )
    before = state(handmade)
    calls = handmade.df("select * from hotline_call limit 1")
    path = tmp_path / "calls.csv"
    calls.to_csv(path, index=False)
    with pytest.raises(ingest.LoadError, match="a corrected file replaces a load of the same"):
        ingest.load_file(handmade, "hotline_call", path, replaces=attempt.load_id)
    assert state(handmade) == before


def test_the_command_line_undoes_and_says_what_it_did(handmade, handmade_path, tmp_path, capsys):
    loaded = ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "c.csv", HEADER + ticket(95, "09:12:00"))
    )
    path = handmade.path
    handmade.close()
    assert undo.main([str(loaded.load_id), "--store", str(path), "--by", "ops"]) == 0
    assert "1 rows removed from queue_ticket, 0 replaced rows restored" in capsys.readouterr().out
    assert undo.main([str(loaded.load_id), "--store", str(path)]) == 1
    assert "already undone" in capsys.readouterr().err
    assert undo.main(["999999", "--store", str(path)]) == 1
    assert "there is no load 999999" in capsys.readouterr().err
    # both undos are in the audit log, the refused one with its reason
    entries = audit.entries(path)
    entries = entries[entries["action"] == "undo"].sort_values("audit_id")
    details = [json.loads(d) for d in entries["detail_json"]]
    assert [(d["load_id"], d.get("removed"), d["via"], d["undone_by"]) for d in details] == [
        (loaded.load_id, 1, "command line", "ops"),
        (loaded.load_id, None, "command line", None),
        (999999, None, "command line", None),
    ]
    assert "already undone" in details[1]["refused"]


def every_table(store) -> dict:
    """Every loadable table and rollup, counted and hashed."""
    return {
        t: store.df(f"select count(*), coalesce(sum(hash(t)), 0) from {t} as t").values.tolist()
        for t in (*tables.LOAD_ORDER, *rollups.sources())
    }


def ticket_on(ticket_id: int, day: str) -> str:
    return (
        f"{ticket_id},GZ-001,{day} 09:10:00,{day} 09:12:00,{day} 09:12:00,{day} 09:40:00,"
        "billing,regular,false,served\n"
    )


def test_undoing_a_load_removes_the_calendar_days_it_added(handmade, tmp_path):
    """A load from outside the calendar gets plain calendar rows; its undo takes them away
    again, so the store is exactly as before (every table hashed)."""
    before = every_table(handmade)
    rows = ticket_on(94, "2027-03-01") + ticket_on(95, "2027-03-02")
    loaded = ingest.load_file(handmade, "queue_ticket", write(tmp_path, "x.csv", HEADER + rows))
    added = handmade.df("select day, weekday, is_workday from calendar where day >= '2027-01-01'")
    assert added.astype(str).values.tolist() == [
        ["2027-03-01", "1", "True"],
        ["2027-03-02", "2", "True"],
    ]
    undo.undo(handmade, loaded.load_id)
    assert every_table(handmade) == before


def test_a_calendar_day_another_load_still_has_facts_on_is_kept(handmade, tmp_path):
    first = ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "a.csv", HEADER + ticket_on(96, "2027-03-01"))
    )
    ingest.load_file(
        handmade, "queue_ticket", write(tmp_path, "b.csv", HEADER + ticket_on(97, "2027-03-01"))
    )
    undo.undo(handmade, first.load_id)
    days = handmade.df("select cast(day as varchar) as d from calendar where day >= '2027-01-01'")
    assert days["d"].tolist() == ["2027-03-01"]  # ticket 97 of the second load is on it
