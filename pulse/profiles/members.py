"""Unknown dimension members: the codes a file uses that the store's dimension lacks, turned
into dimension rows (names from the file, other columns from the profile) when the profile
says `unknown = "create"`; otherwise the loader rejects their rows."""

from __future__ import annotations

import pandas as pd

from pulse import sql, tables
from pulse.profiles import Members, Profile


def columns_of(cur, profile: Profile) -> dict[str, list[str]]:
    """The columns of each dimension the profile creates members of, from the store."""
    references = tables.SPECS[profile.table].references
    return {
        references[rule.column][0]: _columns(cur, references[rule.column][0])
        for rule in profile.members
        if rule.unknown == "create"
    }


def candidates(
    profile: Profile, source: pd.DataFrame, mapped: pd.DataFrame, columns_of: dict
) -> list[tuple[str, pd.DataFrame]]:
    """(the fact's column, a dimension row for each code its good rows use, first use first)
    for every member rule that creates; which of them are new is new_rows()'s question, the
    store's. Needs no store: pulse.staging runs it where the file is read."""
    spec = tables.SPECS[profile.table]
    result = []
    for rule in profile.members:
        if rule.unknown != "create":
            continue
        table, key = spec.references[rule.column]
        good = mapped["_reason"] == ""
        codes = mapped.loc[good, rule.column].dropna().drop_duplicates()
        columns = columns_of[table]
        rows = [_row(rule, key, code, source.loc[index], columns) for index, code in codes.items()]
        result.append((rule.column, pd.DataFrame(rows, columns=columns, dtype=object)))
    return result


def new_rows(cur, profile: Profile, found: list[tuple[str, pd.DataFrame]]):
    """(dimension table, its rows the store does not have yet) of candidates() that has any."""
    spec = tables.SPECS[profile.table]
    result = []
    for column, rows in found:
        table, key = spec.references[column]
        known = {
            row[0]
            for row in cur.execute(
                sql.render("load/known_members", table=table, column=key)
            ).fetchall()
        }
        fresh = rows[~rows[key].isin(known)]
        if not fresh.empty:
            result.append((table, fresh.reset_index(drop=True)))
    return result


def _columns(cur, table: str) -> list[str]:
    return [r[0] for r in cur.execute(sql.text("load/table_columns"), {"table": table}).fetchall()]


def _row(rule: Members, key: str, code: str, source_row: pd.Series, columns: list[str]):
    name_en = _name(source_row, rule.name_en) or code
    name_zh = _name(source_row, rule.name_zh) or name_en
    values = []
    for column in columns:
        if column == key:
            values.append(code)
        elif column in rule.set:
            values.append(_text(rule.set[column]))
        elif column.endswith("_en") or column == "name_en":
            values.append(name_en)
        elif column.endswith("_zh") or column == "name_zh":
            values.append(name_zh)
        else:
            values.append(None)
    return values


def _name(source_row: pd.Series, column: str | None) -> str | None:
    """The name in the file's column of that name, else the profile's text itself."""
    if column is None or column not in source_row.index:
        return column
    value = source_row[column]
    return None if value is None or value != value else str(value)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
