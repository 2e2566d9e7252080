"""The import wizard's steps without a browser: what reading a file finds, a suggested profile
that parses, a dry run that changes nothing and lists every rejected row, a load that is all or
nothing unless a share of rejects is allowed, saved profiles, undo, and the inbox's status."""

from __future__ import annotations

import json

import pytest

from pulse import inbox, ingest
from pulse.importer import data
from tests.test_ingest import GOOD, HEADER, snapshot, write
from tests.test_profiles_realdata import ACD, PROFILES, REALDATA

BAD = "8,SZ-001,yesterday,,,,billing,regular,false,walked_away\n"


def test_looking_at_the_acd_log_finds_tabs_and_its_columns():
    seen = data.look(REALDATA / ACD[1])
    assert seen.error is None
    assert (seen.found.format, seen.found.delimiter, seen.rows) == ("txt", "\t", 33344)
    assert seen.found.columns[:3] == ("vru+line", "call_id", "customer_id")
    assert len(seen.preview) == data.PREVIEW_ROWS


def test_an_unreadable_file_says_why(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert data.look(path).error


def test_a_suggestion_parses_and_a_wrong_table_is_named(tmp_path):
    path = write(tmp_path, "tickets.csv", HEADER + GOOD)
    text = data.suggestion("queue_ticket", path)
    mapped, problem = data.parse(text, "queue_ticket")
    assert problem is None and mapped.table == "queue_ticket"
    assert (
        data.parse(text, "complaint")[1]
        == "the profile maps files onto queue_ticket, not complaint"
    )
    assert data.parse("table = ", "complaint")[1].startswith("TOML:")


def test_dry_run_changes_nothing_and_lists_the_rejects(handmade, tmp_path):
    path = write(tmp_path, "t.csv", HEADER + GOOD + BAD)
    before = snapshot(handmade)
    result = data.dry_run(handmade, "queue_ticket", path, None)
    assert (result.rows_loaded, result.rows_rejected, result.dry_run) == (1, 1, True)
    assert data.rejects_frame(result).values.tolist() == [
        [2, "issued_at: cannot read 'yesterday' as timestamp"]
    ]
    assert snapshot(handmade) == before


def test_a_load_is_all_or_nothing_unless_a_share_is_allowed(handmade, tmp_path):
    path = write(tmp_path, "t.csv", HEADER + GOOD + BAD)
    before = snapshot(handmade)
    with pytest.raises(ingest.LoadError, match="1 of 2 rows are invalid"):
        data.load(handmade, "queue_ticket", path, None, loaded_by="a", max_rejected=0)
    with pytest.raises(ingest.LoadError, match=r"more than the 10\.0% allowed"):
        data.load(handmade, "queue_ticket", path, None, loaded_by="a", max_rejected=0.1)
    assert snapshot(handmade) == before
    result = data.load(handmade, "queue_ticket", path, None, loaded_by="a", max_rejected=0.5)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    undone = data.undo_load(handmade, result.load_id, "a")
    assert undone.rows_removed == 1
    assert {
        k: v for k, v in snapshot(handmade).items() if k not in ("load_log", "load_reject")
    } == {k: v for k, v in before.items() if k not in ("load_log", "load_reject")}


def test_saved_profiles_are_offered_for_their_table(handmade):
    shipped = data.saved_profiles(handmade, "hotline_call")
    assert shipped["anonymous_bank_acd"] == PROFILES / ACD[2]
    text = (PROFILES / ACD[2]).read_text(encoding="utf-8")
    saved = data.save_profile(handmade, "our ACD / Feb", text)
    assert saved.name == "our_ACD_Feb.toml"
    assert data.saved_profiles(handmade, "hotline_call")["our_ACD_Feb"] == saved
    assert "our_ACD_Feb" not in data.saved_profiles(handmade, "complaint")


def test_the_inbox_status_lists_waiting_files_and_results(handmade, tmp_path, monkeypatch):
    folder = tmp_path / "inbox"
    monkeypatch.setenv("PULSE_INBOX", str(folder))
    inbox.hand_in(folder, write(tmp_path, "a.csv", HEADER + GOOD), inbox.Request("queue_ticket"))
    waiting, recent = data.inbox_status(handmade)
    assert len(waiting) == 1 and waiting[0].endswith("a.csv") and recent.empty
    inbox.process_once(handmade, folder)
    waiting, recent = data.inbox_status(handmade)
    assert waiting == []
    assert recent[["table", "status"]].values.tolist() == [["queue_ticket", "loaded"]]
    assert json.loads(next((folder / "done").glob("*.result.json")).read_text())["code"] == 0
