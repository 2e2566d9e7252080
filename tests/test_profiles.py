"""Mapping profiles on hand-made files: values that do not match their format are rejected
with row and value, a dry run changes nothing, codes, scales, keys and new dimension members,
and the expression language refuses what it does not know."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pulse import ingest, profile, profiles
from pulse.profiles import expr, mapping
from tests.test_ingest import snapshot

CALLS = (
    "id\tskill\tday\tstart\tqueue\tanswer\tend\tresult\n"
    "1\tGEN\t261030\t9:00:00\t9:00:20\t9:00:40\t9:05:00\tAGENT\n"
    "2\tGEN\t261030\t23:59:00\t23:59:30\t0:00:10\t0:04:00\tAGENT\n"
    "3\tGEN\t26-10-30\t10:00:00\t10:00:05\t\t10:01:00\tHANG\n"
    "4\tVIPQ\t261030\t11:00:00\t11:00:05\t\t11:00:30\tHANG\n"
)
CALL_PROFILE = """
table = "hotline_call"
[file]
delimiter = "\\t"
[columns]
call_id = { from = "id" }
queue_id = { from = "skill", map = { GEN = "general" }, default = "keep" }
city_id = { value = "GZ" }
segment = { value = "regular" }
arrived_at = { expr = 'clock(date(day, "%y%m%d"), hms(start))' }
queued_at = { expr = 'clock(date(day, "%y%m%d"), hms(queue), after=arrived_at)' }
answered_at = { expr = '''
    clock(date(day, "%y%m%d"), hms(answer), after=arrived_at) if result == "AGENT" else None
''' }
ended_at = { expr = 'clock(date(day, "%y%m%d"), hms(end), after=arrived_at)' }
outcome = { from = "result", map = { AGENT = "answered", HANG = "abandoned" } }
is_transferred = { value = false }
"""


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def calls(handmade, tmp_path, profile_text: str = CALL_PROFILE, **options):
    data = write(tmp_path, "calls.txt", CALLS)
    prof = write(tmp_path, "acd.toml", profile_text)
    return ingest.load_file(handmade, "hotline_call", data, profile=prof, **options)


def test_a_date_that_does_not_match_its_format_is_a_rejected_row_with_its_value(handmade, tmp_path):
    result = calls(handmade, tmp_path)
    assert (result.rows_in, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    assert result.rejects[0] == (
        3,
        "arrived_at: '26-10-30' does not match the date format %y%m%d; "
        "queued_at: '26-10-30' does not match the date format %y%m%d; "
        "answered_at: '26-10-30' does not match the date format %y%m%d; "
        "ended_at: '26-10-30' does not match the date format %y%m%d",
    )
    assert result.rejects[1] == (4, "queue_id: no hotline_queue 'VIPQ'")


def test_a_time_past_midnight_belongs_to_the_next_day(handmade, tmp_path):
    calls(handmade, tmp_path)
    row = handmade.df(
        "select cast(arrived_at as varchar) as a, cast(answered_at as varchar) as b, "
        "cast(ended_at as varchar) as e from hotline_call where call_id = 2"
    ).iloc[0]
    assert (row["a"], row["b"], row["e"]) == (
        "2026-10-30 23:59:00",
        "2026-10-31 00:00:10",
        "2026-10-31 00:04:00",
    )


def test_a_dry_run_reports_the_same_and_changes_nothing(handmade, tmp_path):
    before = snapshot(handmade)
    dry = calls(handmade, tmp_path, dry_run=True)
    assert snapshot(handmade) == before
    assert dry.load_id is None and dry.dry_run
    real = calls(handmade, tmp_path)
    assert (dry.rows_in, dry.rows_loaded, dry.rows_rejected, dry.rejects) == (
        real.rows_in,
        real.rows_loaded,
        real.rows_rejected,
        real.rejects,
    )


def test_unknown_members_are_created_with_names_from_the_file_when_the_profile_says(
    handmade, tmp_path
):
    text = CALL_PROFILE + (
        '[members.queue_id]\nunknown = "create"\nname_en = "skill"\n'
        'set = { centre = "Guangzhou centre", skill = "vip" }\n'
    )
    before = snapshot(handmade)
    dry = calls(handmade, tmp_path, text, dry_run=True)
    assert dry.created == (("hotline_queue", 1),) and snapshot(handmade) == before
    result = calls(handmade, tmp_path, text)
    assert result.rows_loaded == 3 and result.created == (("hotline_queue", 1),)
    queue = handmade.df("select * from hotline_queue where queue_id = 'VIPQ'").iloc[0]
    assert (queue["skill"], queue["name_en"], queue["name_zh"]) == ("vip", "VIPQ", "VIPQ")


def test_a_member_that_breaks_its_dimension_refuses_the_file(handmade, tmp_path):
    text = CALL_PROFILE + '[members.queue_id]\nunknown = "create"\n'
    before = snapshot(handmade)
    with pytest.raises(ingest.LoadError, match=r"(?s)new hotline_queue members.*centre: missing"):
        calls(handmade, tmp_path, text)
    assert snapshot(handmade) == before


def test_the_command_line_dry_run_exits_3_and_says_nothing_changed(handmade, tmp_path, capsys):
    data = write(tmp_path, "calls.txt", CALLS)
    prof = write(tmp_path, "acd.toml", CALL_PROFILE)
    handmade.close()
    args = ["hotline_call", str(data), "--profile", str(prof), "--store", str(handmade.path)]
    assert ingest.main([*args, "--dry-run"]) == 3
    out = capsys.readouterr().out
    assert "dry run: 2 of 4 rows would be stored in hotline_call, 2 rejected" in out
    assert "nothing was changed" in out and "row 3: arrived_at: '26-10-30'" in out
    broken = write(tmp_path, "broken.toml", CALL_PROFILE.replace("hms(start)", "open(start)"))
    broken_args = ["hotline_call", str(data), "--profile", str(broken)]
    assert ingest.main([*broken_args, "--store", str(handmade.path)]) == 1
    assert "unknown function" in capsys.readouterr().err


def test_iso_text_only_is_a_date_without_a_profile(handmade, tmp_path):
    # DuckDB alone reads '04-02-15 11:23:54 AM' as the year 4
    path = write(
        tmp_path,
        "tickets.txt",
        "ticket_id\tbranch_id\tissued_at\tcalled_at\tserved_at\tfinished_at\tservice_type\t"
        "segment\tis_priority_lane\toutcome\n"
        "7\tSZ-001\t04-02-15 11:23:54 AM\t\t\t\tbilling\tregular\tfalse\twalked_away\n"
        "8\tSZ-001\t2026-10-31 15:00:00\t\t\t\tbilling\tregular\tfalse\twalked_away\n",
    )
    result = ingest.load_file(handmade, "queue_ticket", path)
    assert result.rejects == [(1, "issued_at: cannot read '04-02-15 11:23:54 AM' as timestamp")]


def test_a_gb18030_file_is_found_and_a_wrong_encoding_is_named(handmade, tmp_path):
    text = CALL_PROFILE.replace('delimiter = "\\t"', 'delimiter = "\\t"\nencoding = "utf-8"')
    data = write(tmp_path, "calls.txt", CALLS.replace("\tGEN\t", "\t综合\t"), "gb18030")
    prof = write(tmp_path, "acd.toml", text.replace("GEN =", '"综合" ='))
    with pytest.raises(ingest.LoadError, match=r"not utf-8.*line 2.*reads as gb18030"):
        ingest.load_file(handmade, "hotline_call", data, profile=prof)
    prof.write_text(CALL_PROFILE.replace("GEN =", '"综合" ='), encoding="utf-8")
    assert ingest.load_file(handmade, "hotline_call", data, profile=prof).rows_loaded == 2


def test_a_tab_separated_file_under_a_comma_profile_names_the_tab(handmade, tmp_path):
    prof = CALL_PROFILE.replace('delimiter = "\\t"', 'delimiter = ","')
    with pytest.raises(ingest.LoadError, match="the delimiter looks like a tab"):
        calls(handmade, tmp_path, prof)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\r\n\r\n", "the file is empty"),
        (b"PK\x03\x04rest", "XLSX workbook, not a text export"),
        (b"id,name\n1,\x00\x01\x02", "binary data"),
        (b'id,name\n1,"never closed\n', "never closed"),
        (b"id,name,kind\n1,a,b\n2,a", "line 3 has 2 fields where the header has 3 .*truncated"),
        (b"id,\xff\xfename\n", "neither|not utf-8 nor gb18030"),
    ],
)
def test_unreadable_files_say_what_is_wrong(handmade, tmp_path, content, message):
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    before = snapshot(handmade)
    with pytest.raises(ingest.LoadError, match=message):
        ingest.load_file(handmade, "queue_ticket", path)
    assert snapshot(handmade) == before


def test_a_bare_carriage_return_inside_quotes_stays_in_its_field(tmp_path):
    path = write(tmp_path, "c.csv", 'id,comment\r\n1,"line one\rline two"\r\n2,plain\r\n')
    frame, found = profiles.reading.read(path)
    assert frame.to_dict("records") == [
        {"_row": 1, "id": "1", "comment": "line one\rline two"},
        {"_row": 2, "id": "2", "comment": "plain"},
    ]
    assert (found.delimiter, found.encoding) == (",", "utf-8")


def test_control_characters_in_text_reject_their_row(handmade, tmp_path):
    frame = pd.DataFrame({"_row": [1, 2], "comment": ["fine", "bell\x07"]})
    assert profiles.reading.control_characters(frame).tolist() == [
        "",
        "comment: holds the control character U+0007"
        " (only tab, newline and carriage return are allowed in text)",
    ]


def evaluate(text: str, frame: pd.DataFrame):
    ctx = expr.Context(frame)
    value = expr.evaluate(expr.parse(text, set(frame.columns)), ctx)
    return value, ctx


@pytest.mark.parametrize(
    "text",
    [
        '__import__("os")',
        'open("/etc/passwd")',
        "a.real",
        "[x for x in a]",
        "lambda: 1",
        "unknown_column + 1",
        'col("no such")',
    ],
)
def test_the_expression_language_refuses_what_it_does_not_know(text):
    with pytest.raises(expr.ExpressionError):
        expr.parse(text, {"a"})


def test_durations_parts_periods_and_coalesce():
    frame = pd.DataFrame(
        {
            "t": ["0:01:30", "1:00:00", "bad"],
            "s": ["90", "3600", None],
            "q": ["Q3 2026", "2026-Q1", "2026-02"],
        }
    )
    value, ctx = evaluate("in_seconds(hms(t)) == number(s)", frame)
    assert value.tolist() == [True, True, False]
    assert [m.tolist() for m, _ in ctx.rejects] == [[False, False, True]]
    value, _ = evaluate("period_end(q)", frame)
    assert [d.date() for d in value] == [
        dt.date(2026, 9, 30),
        dt.date(2026, 3, 31),
        dt.date(2026, 2, 28),
    ]
    value, _ = evaluate("month(period_start(q)) * 10 + weekday(period_start(q))", frame)
    assert value.tolist() == [73.0, 14.0, 27.0]  # 2026-07-01 Wed, 01-01 Thu, 02-01 Sun
    value, _ = evaluate('coalesce(s, "none") + "!"', frame)
    assert value.tolist() == ["90!", "3600!", "none!"]
    value, _ = evaluate("minutes(s) / 60 if number(s) > 100 else seconds(1)", frame)
    assert [v.total_seconds() for v in value[:2]] == [1.0, 3600.0]


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        ("1-5", {"1": 0, "2": 3, "3": 5, "4": 8, "5": 10}),
        ("0-5", {"0": None, "1": 0, "2": 3, "3": 5, "4": 8, "5": 10}),
        ("1-7", {"1": 0, "2": 2, "3": 3, "4": 5, "5": 7, "6": 8, "7": 10}),
    ],
)
def test_declared_scales_convert_to_0_10(scale, expected):
    column = profiles.Column("score_overall", "from", "score", scale=scale)
    got = mapping.scale_map(column)
    assert {k: got[k] for k in expected} == expected and set(got) == set(expected)


def test_a_score_off_its_scale_is_rejected_not_stretched(handmade, tmp_path):
    data = write(tmp_path, "s.csv", "id,when,score\n1,2026-10-30,4\n2,2026-10-30,6\n")
    prof = write(
        tmp_path,
        "s.toml",
        'table = "survey_response"\n[columns]\nresponse_id = { from = "id" }\n'
        'responded_at = { from = "when", format = "%Y-%m-%d" }\n'
        'touchpoint = { value = "field" }\ncity_id = { value = "GZ" }\n'
        'segment = { value = "regular" }\nbrand = { value = "gotone" }\n'
        'score_overall = { from = "score", scale = "1-5" }\n',
    )
    result = ingest.load_file(handmade, "survey_response", data, profile=prof)
    assert result.rejects == [(2, "score_overall: '6' not on the 1-5 scale")]
    stored = handmade.df(
        "select score_overall, score_recommend from survey_response where response_id = 1"
    ).iloc[0]
    assert stored["score_overall"] == 8 and pd.isna(stored["score_recommend"])


def test_a_surrogate_key_is_stable_and_tells_repeated_source_keys_apart():
    keys = pd.DataFrame({"id": ["7", "7", "7"], "day": ["1", "2", "1"]})
    first = mapping._surrogate(keys)
    assert first[0] == first[2] != first[1]
    assert first.tolist() == mapping._surrogate(keys.copy()).tolist()
    assert all(0 < k < 2**56 for k in first)


def test_suggest_writes_a_profile_from_english_and_chinese_headers(tmp_path):
    path = write(
        tmp_path,
        "投诉.csv",
        "工单号,受理时间,投诉渠道,状态,办结时间\nC1,2026/10/30 09:00:00,热线,处理中,\n",
        "gb18030",
    )
    text = profile.suggest("complaint", path)
    assert 'complaint_id = { from = "工单号" }' in text
    assert 'received_at = { from = "受理时间", format = "%Y/%m/%d %H:%M:%S" }' in text
    assert 'channel = { from = "投诉渠道" }' in text and 'encoding = "gb18030"' in text
    assert "# city_id = ?  # required" in text
    parsed = profiles.from_dict(__import__("tomllib").loads(text))
    assert parsed.table == "complaint"


def test_every_example_in_the_docs_is_a_valid_profile_that_covers_its_table():
    import re
    import tomllib

    from pulse import ROOT

    text = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", text, re.S) if "table =" in b]
    examples = [profiles.from_dict(tomllib.loads(b)) for b in blocks]
    assert [p.table for p in examples] == [
        "queue_ticket",
        "hotline_call",
        "complaint",
        "survey_response",
        "hotline_staffing",
        "queue_snapshot",
        "queue_snapshot",  # hall-wide
    ]
    for example in examples:
        named = {c.name for c in example.columns}
        columns = profile._table_columns(example.table)
        assert named <= {name for name, _, _ in columns}
        assert {name for name, _, required in columns if required} <= named
        for column in example.columns:
            if column.kind == "expr":
                sources = set(re.findall(r"[^\W\d]\w*", str(column.source)))
                expr.parse(str(column.source), sources)


def test_the_command_line_is_all_or_nothing_unless_a_share_is_allowed(handmade, tmp_path, capsys):
    data = write(tmp_path, "calls.txt", CALLS)  # 2 of its 4 rows are bad
    prof = write(tmp_path, "acd.toml", CALL_PROFILE)
    handmade.close()
    args = ["hotline_call", str(data), "--profile", str(prof), "--store", str(handmade.path)]
    assert ingest.main([*args, "--dry-run"]) == 3
    assert "a real load would refuse the file: more than 0.0% of its rows" in (
        capsys.readouterr().out
    )
    assert ingest.main(args) == 1
    assert "2 of 4 rows are invalid, nothing was loaded" in capsys.readouterr().err
    assert ingest.main([*args, "--max-rejected", "10"]) == 1
    assert "more than the 10.0% allowed; nothing was loaded" in capsys.readouterr().err
    assert ingest.main([*args, "--max-rejected", "50%"]) == 3
    assert "2 of 4 rows stored in hotline_call, 2 rejected" in capsys.readouterr().out
