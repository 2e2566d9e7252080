"""Writing files: CSV for dimensions and reference data, Parquet with exact DDL types for facts."""

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

TS = pa.timestamp("us")
STR, I64, I16, I8, BOOL = pa.string(), pa.int64(), pa.int16(), pa.int8(), pa.bool_()
ROW_GROUP = 1 << 20


def _field(spec: str) -> pa.Field:
    """'name:type' with a trailing '?' for a nullable column."""
    name, kind = spec.split(":")
    types = {"s": STR, "i": I64, "h": I16, "b": I8, "t": TS, "f": BOOL}
    return pa.field(name, types[kind.rstrip("?")], nullable=kind.endswith("?"))


def schema(specs: str) -> pa.Schema:
    """A schema from 'name:type ...' where type is s(tring) i(nt64) h(int16) b(int8) t(s) f(lag)."""
    return pa.schema([_field(s) for s in specs.split()])


SCHEMAS = {
    "queue_ticket": schema(
        "ticket_id:i branch_id:s issued_at:t called_at:t? served_at:t? finished_at:t? "
        "service_type:s segment:s is_priority_lane:f outcome:s"
    ),
    "hotline_call": schema(
        "call_id:i queue_id:s city_id:s segment:s arrived_at:t queued_at:t? answered_at:t? "
        "ended_at:t outcome:s is_first_contact_resolved:f? is_transferred:f"
    ),
    "hotline_staffing": schema("queue_id:s interval_start:t interval_min:h agents_on_duty:h"),
    "complaint": schema(
        "complaint_id:s received_at:t channel:s city_id:s branch_id:s? segment:s brand:s "
        "subcategory_id:s severity:s is_escalated:f due_at:t first_response_at:t? "
        "resolved_at:t? status:s customer_key:s is_repeat:f return_visit:s?"
    ),
    "survey_response": schema(
        "response_id:i responded_at:t touchpoint:s city_id:s branch_id:s? queue_id:s? segment:s "
        "brand:s score_overall:b score_recommend:b score_network:b? score_tariff:b? "
        "score_staff:b? score_speed:b? score_convenience:b? score_billing:b? comment:s? "
        "ticket_id:i? call_id:i? complaint_id:s?"
    ),
}


def ts(seconds: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Epoch seconds (naive local time) as timestamp[us]; rows where valid is False are null."""
    us = seconds.astype("int64") * 1_000_000
    mask = None if valid is None else ~valid
    return pa.array(us, type=pa.int64(), mask=mask).cast(TS)


def labels(codes: np.ndarray, names, valid: np.ndarray | None = None) -> pa.Array:
    """Category codes as a string column, kept as a dictionary (so no Python loop): Parquet
    stores it dictionary-encoded as it is, without hashing every value again."""
    idx = pa.array(codes.astype("int32"), mask=None if valid is None else ~valid)
    return pa.DictionaryArray.from_arrays(idx, pa.array(list(names), STR))


def fact_table(table: str, columns: dict[str, object]) -> pa.Table:
    """One fact chunk as an Arrow table with the table's exact schema (coded columns stay
    dictionaries)."""
    fields, arrays = [], []
    for f in SCHEMAS[table]:
        col = columns[f.name]
        col = col if isinstance(col, pa.Array) else pa.array(col, type=f.type)
        if pa.types.is_dictionary(col.type):
            f = f.with_type(col.type)
        fields.append(f)
        arrays.append(col)
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _writer(path: Path, t: pa.Table) -> pq.ParquetWriter:
    # Scratch files, read once by the loader: no compression, and dictionary pages only for
    # the coded columns (encoding every column was most of the generator's time). Without the
    # Arrow schema a reader sees the coded columns as the plain strings the DDL says.
    coded = [f.name for f in t.schema if pa.types.is_dictionary(f.type)]
    return pq.ParquetWriter(
        path, t.schema, compression="none", use_dictionary=coded, store_schema=False
    )


class TableFile:
    """One fact table's file written chunk by chunk (a month at a time), so a whole table
    loads as one file while only a chunk is ever in memory."""

    def __init__(self, path: Path, table: str):
        self.path, self.table, self.rows = path, table, 0
        self._writer: pq.ParquetWriter | None = None

    def append(self, columns: dict[str, object]) -> None:
        t = fact_table(self.table, columns)
        if self._writer is None:
            self._writer = _writer(self.path, t)
        self._writer.write_table(t.cast(self._writer.schema), row_group_size=ROW_GROUP)
        self.rows += t.num_rows

    def close(self) -> int:
        """Finish the file; returns its row count."""
        if self._writer is not None:
            self._writer.close()
        return self.rows


def write_csv(path: Path, rows: list[dict]) -> int:
    """Write UTF-8 CSV with a header: None as an empty field, '' as a quoted empty string."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join(rows[0]) + "\n")
        for row in rows:
            fh.write(",".join(_cell(v) for v in row.values()) + "\n")
    return len(rows)


def _cell(value) -> str:
    """One CSV field; '' is quoted because DuckDB reads a bare empty field as null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text == "" or any(ch in text for ch in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
