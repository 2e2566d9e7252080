"""`python -m pulse.profile suggest TABLE FILE`: a first mapping profile from a file's header
(English and Chinese names) and its first values (date formats), to be checked and saved."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import duckdb
import pandas as pd

from pulse import sql, tables
from pulse.profiles import reading

# header names (normalised: lower case, letters and digits only) that say which column it is
SYNONYMS = {
    "ticket_id": ["ticket", "ticketno", "number", "票号", "排队号", "取号号码"],
    "branch_id": ["branch", "hall", "office", "store", "营业厅", "厅店编码", "网点", "厅店"],
    "issued_at": ["issued", "issuetime", "tickettime", "取号时间"],
    "called_at": ["called", "calltime", "叫号时间"],
    "served_at": ["served", "servicestart", "开始办理时间", "办理开始时间"],
    "finished_at": ["finished", "serviceend", "办结时间", "办理结束时间"],
    "service_type": ["service", "business", "queue", "业务类型", "业务", "队列"],
    "call_id": ["call", "callid", "呼叫id", "话单号", "呼叫流水号"],
    "queue_id": ["queue", "skill", "type", "技能组", "队列"],
    "city_id": ["city", "城市", "地市"],
    "segment": ["segment", "customerlevel", "level", "客户等级", "客户类型", "客户级别"],
    "arrived_at": ["arrived", "calltime", "start", "来电时间", "呼入时间"],
    "queued_at": ["queued", "qstart", "queuestart", "排队时间", "进入队列时间"],
    "answered_at": ["answered", "serstart", "answertime", "应答时间", "接听时间"],
    "ended_at": ["ended", "serexit", "endtime", "hangup", "挂机时间", "结束时间"],
    "complaint_id": ["complaint", "case", "uniquekey", "caseid", "工单号", "投诉编号"],
    "received_at": ["received", "created", "createddate", "opened", "受理时间", "投诉时间"],
    "channel": ["channel", "source", "渠道", "来源", "投诉渠道"],
    "resolved_at": ["resolved", "closed", "closeddate", "解决时间", "办结时间", "归档时间"],
    "status": ["status", "state", "状态", "工单状态"],
    "subcategory_id": ["category", "subcategory", "complainttype", "投诉类别", "投诉子类"],
    "response_id": ["response", "customerid", "respondent", "问卷编号", "答卷编号"],
    "responded_at": ["responded", "surveydate", "date", "调查时间", "回复时间", "答卷时间"],
    "score_overall": ["satisfaction", "satisfactionscore", "overall", "总体满意度", "满意度"],
    "score_recommend": ["recommend", "nps", "likelihoodtorecommend", "推荐意愿", "推荐度"],
    "comment": ["comment", "comments", "verbatim", "意见", "备注", "留言"],
    "brand": ["brand", "品牌"],
    "snapshot_at": ["timestamp", "time", "snapshottime", "时间", "快照时间"],
    "count_waiting": ["waiting", "queuelength", "等候人数", "排队人数"],
    "counters_open": ["opencounters", "counters", "开放窗口", "开放窗口数"],
    "expected_wait_s": ["expectedwait", "estimatedwait", "预估等候时间", "预计等候时间"],
}
# a constant proposed when no header matches: a queue system's snapshot without a service
# type is hall-wide (schema 025)
FALLBACKS = {("queue_snapshot", "service_type"): tables.ALL_SERVICE_TYPES}
FORMATS = [
    "ISO",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%d/%m/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%d-%m-%y %I:%M:%S %p",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
    "%y%m%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日",
]


def _norm(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def match(target: str, header: list[str]) -> str | None:
    """The file's column that most likely holds `target`, or None."""
    wanted = [_norm(target), _norm(target.removesuffix("_id").removesuffix("_at"))]
    wanted += [_norm(s) for s in SYNONYMS.get(target, [])]
    by_norm = {_norm(h): h for h in header}
    for name in wanted:
        if name in by_norm:
            return by_norm[name]
    return None


def guess_format(values: pd.Series) -> str | None:
    """The first date format every sampled value matches."""
    sample = values.dropna().astype(str).str.strip().head(200)
    if sample.empty:
        return None
    for fmt in FORMATS:
        if fmt == "ISO":
            ok = sample.map(lambda v: bool(_ISO.match(v))).all()
        else:
            ok = pd.to_datetime(sample, format=fmt, errors="coerce").notna().all()
        if ok:
            return fmt
    return None


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$")


def suggest(table: str, path: Path) -> str:
    """A first profile for loading `path` into `table`, as TOML text."""
    frame, found = reading.read(path)
    header = list(found.columns)
    lines = [
        f"# A first profile for {table} from the header of {path.name}: check every line.",
        f'table = "{table}"',
        "",
        "[file]",
        f'format = "{found.format}"',
    ]
    if found.delimiter:
        lines.append(f"delimiter = {_toml(found.delimiter)}")
    if found.encoding:
        lines.append(f'encoding = "{found.encoding.replace(" with BOM", "")}"')
    lines += ["", "[columns]"]
    columns, key = _table_schema(table)
    for name, data_type, required in columns:
        source = match(name, header)
        if source is None and (table, name) in FALLBACKS:
            value = _toml(FALLBACKS[table, name])
            lines.append(f"{name} = {{ value = {value} }}  # no column matched: all of the hall")
            continue
        if source is None:
            need = "required: give" if required else "optional: give"
            lines.append(f"# {name} = ?  # {need} from, value or expr; no header matched")
            continue
        entry = f"from = {_toml(source)}"
        if key == [name] and frame[source].duplicated().any():
            entry = f"surrogate = [{_toml(source)}]  # {source} repeats: add the columns that"
            lines.append(f"{name} = {{ {entry.split('  #')[0]} }}  #{entry.split('  #')[1]}")
            lines.append("# together name one row to the surrogate list")
            continue
        if data_type in ("TIMESTAMP", "DATE"):
            fmt = guess_format(frame[source])
            entry += f", format = {_toml(fmt)}" if fmt else ""
            if not fmt:
                entry += "  # no date format fits its first values: give format"
                lines.append(f"{name} = {{ {entry.split('  #')[0]} }}  #{entry.split('  #')[1]}")
                continue
        lines.append(f"{name} = {{ {entry} }}")
    unused = [h for h in header if h not in "\n".join(lines)]
    if unused:
        lines += ["", "# columns of the file not used: " + ", ".join(unused)]
    for column in tables.SPECS[table].references:
        lines += ["", f"[members.{column}]", 'unknown = "reject"  # or "create" with set = {...}']
    return "\n".join(lines) + "\n"


def _table_columns(table: str) -> list[tuple[str, str, bool]]:
    """(name, type, required) of a table, from the schema files in an empty in-memory store."""
    return _table_schema(table)[0]


def _table_schema(table: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """A table's (name, type, required) columns and its primary key's columns (a surrogate is
    proposed only for a key of one column: a snapshot's hall repeats by right)."""
    from pulse.store import migrate

    with duckdb.connect() as con:
        migrate(con)
        columns = con.execute(sql.text("load/table_columns"), {"table": table}).fetchall()
        constraints = con.execute(sql.text("load/table_constraints"), {"table": table}).fetchall()
    keys = [list(names) for kind, _, _, names in constraints if kind == "PRIMARY KEY"]
    return columns, keys[0] if keys else []


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def main(argv: list[str] | None = None) -> int:
    """Command line: print a first profile; exit 1 when the file cannot be read."""
    parser = argparse.ArgumentParser(description="Write a first mapping profile from a file.")
    sub = parser.add_subparsers(dest="command", required=True)
    first = sub.add_parser("suggest", help="a first profile from the file's header")
    first.add_argument("table", choices=tables.FACTS)
    first.add_argument("file", type=Path)
    first.add_argument("--out", type=Path, default=None, help="write here instead of stdout")
    args = parser.parse_args(argv)
    try:
        text = suggest(args.table, args.file)
    except (reading.ReadError, OSError) as err:
        print(f"refused: {err}", file=sys.stderr)
        return 1
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
