"""A throwaway PostgreSQL cluster for the peer benchmark: initdb in a temporary folder, served
on 127.0.0.1 only, loaded with a store's facts through COPY, indexed, analysed, jit off."""

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
    """A running private cluster: how to connect, and its folder (server-side COPY reads it)."""

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


def load(pg: Cluster, duck, tables: tuple[str, ...]) -> dict[str, int]:
    """Copy `tables` from a DuckDB cursor into PostgreSQL through CSV files (an empty field is
    null and a quoted empty one empty text in both), index and analyse them; rows each."""
    counts = {}
    with psycopg.connect(pg.conninfo, autocommit=True) as con:
        for table in tables:
            columns = duck.execute(
                "select column_name, data_type from duckdb_columns() "
                "where table_name = $t and schema_name = 'main' order by column_index",
                {"t": table},
            ).fetchall()
            ddl = ", ".join(f"{name} {TYPES[kind]}" for name, kind in columns)
            con.execute(f"create table {table} ({ddl})")
            csv = pg.folder / f"{table}.csv"
            duck.execute(f"copy {table} to '{csv}' (header true)")
            os.chmod(csv, 0o644)
            con.execute(f"copy {table} from '{csv}' with (format csv, header true)")
            csv.unlink()
            counts[table] = con.execute(f"select count(*) from {table}").fetchone()[0]
        for statement in INDEXES:
            con.execute(statement)
        con.execute("vacuum analyze")
    return counts
