"""A throwaway PostgreSQL cluster for the peer benchmark: initdb in a temporary folder, served
on 127.0.0.1 only, loaded with the columns of a store's facts that the questions read through
COPY FROM STDIN, indexed, analysed, jit off."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pyarrow as pa
import pyarrow.csv as pa_csv

BIN = Path(shutil.which("initdb") or "/usr/lib/postgresql/15/bin/initdb").parent
# DuckDB's types as PostgreSQL spells them
TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "TINYINT": "smallint",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "timestamp",
    "DATE": "date",
    "DOUBLE": "double precision",
}
BATCH_ROWS = 1_000_000  # rows per COPY write: a batch of calls is some 100 MB of CSV
# the indexes a DBA would give these questions: time ranges, and a hall's or a city's rows
INDEXES = (
    "create index on queue_ticket (issued_at)",
    "create index on queue_ticket (branch_id, issued_at)",
    "create index on hotline_call (arrived_at)",
    "create index on hotline_call (city_id, arrived_at)",
    "create index on complaint (received_at)",
    "create index on survey_response (responded_at)",
    "create index on survey_response (branch_id, responded_at)",
    "create unique index on branch (branch_id)",
    "create unique index on complaint_category (subcategory_id)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and the server refuse to run as root: run them as the postgres user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass(frozen=True)
class Cluster:
    """A running private cluster: how to connect, and the folder it lives in."""

    conninfo: str
    folder: Path


@contextmanager
def cluster(shared_buffers: str = "512MB"):
    """Start a private cluster; yield it; stop it and delete its files."""
    folder = Path(tempfile.mkdtemp(prefix="pulse-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    port = _free_port()
    subprocess.run(
        _as_postgres(
            [str(BIN / "initdb"), "-D", str(data), "-U", "bench", "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c jit=off "
        f"-c shared_buffers={shared_buffers} -c fsync=off -c synchronous_commit=off "
        "-c max_parallel_workers_per_gather=2"
    )
    log = folder / "server.log"
    subprocess.run(
        _as_postgres(
            [str(BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield Cluster(f"host=127.0.0.1 port={port} user=bench dbname=postgres", folder)
    finally:
        subprocess.run(
            _as_postgres([str(BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def load(pg: Cluster, duck, columns: dict[str, str]) -> dict[str, int]:
    """Copy each table's `columns` (the ones the questions read, as "a, b, c") from a DuckDB
    cursor into PostgreSQL, index and analyse them; rows each.

    The rows stream through COPY FROM STDIN as CSV, a batch at a time (Arrow writes the CSV:
    a null is an empty field and an empty text a quoted one, as PostgreSQL reads them), so no
    file of the whole table is written: a province's 104 M calls would need some 15 GB of CSV
    beside the cluster. The columns no question reads are left out for the same reason; that
    makes PostgreSQL's tables narrower, which favours it, not us."""
    counts = {}
    with psycopg.connect(pg.conninfo, autocommit=True) as con:
        for table, names in columns.items():
            wanted = [c.strip() for c in names.split(",")]
            types = dict(
                duck.execute(
                    "select column_name, data_type from duckdb_columns() "
                    "where table_name = $t and schema_name = 'main'",
                    {"t": table},
                ).fetchall()
            )
            ddl = ", ".join(f"{name} {TYPES[types[name]]}" for name in wanted)
            con.execute(f"create table {table} ({ddl})")
            batches = duck.sql(f"select {', '.join(wanted)} from {table}").to_arrow_reader(
                BATCH_ROWS
            )
            with con.cursor() as cur, cur.copy(f"copy {table} from stdin (format csv)") as copy:
                for batch in batches:
                    copy.write(_csv(batch))
            counts[table] = con.execute(f"select count(*) from {table}").fetchone()[0]
        for statement in INDEXES:
            con.execute(statement)
        con.execute("vacuum analyze")
    return counts


def _csv(batch) -> bytes:
    """One Arrow record batch as CSV rows without a header."""
    out = pa.BufferOutputStream()
    pa_csv.write_csv(pa.Table.from_batches([batch]), out, pa_csv.WriteOptions(include_header=False))
    return out.getvalue().to_pybytes()
