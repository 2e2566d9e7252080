"""The half of a load that needs no store: reading the file, the profile's mapping and parsing,
and the row checks of the file's own (control characters), with the candidate new dimension
members. It writes the rows, each with its rejection reason ('' for a good row), and the
members to Parquet files in a private staging folder beside the store; pulse.ingest reads them
into its one transaction, where the checks that need the store are made.

The dashboard runs this half in a child process (`python -m pulse.staging FOLDER`), so a load
from its inbox or Data page leaves its own process to the pages: pandas and the profile's
Python hold the GIL that Streamlit's script threads need. A child started as a command, not by
multiprocessing: spawn would import the parent's __main__ again (Streamlit's runner, or
`python -c`), and a command's exit status says plainly how it ended. The child exits when its
parent dies (its stdin closes); a folder whose process stopped is removed by the next load.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pulse import ROOT, faults, profiles
from pulse.profiles import mapping, members, reading

log = logging.getLogger(__name__)
JOB = "job.pickle"
OUTCOME = "outcome.json"
ROWS = "rows.parquet"
# this process's folders start with this; only the process holding the store loads into it,
# so a folder named otherwise was left by a process that stopped
_PROCESS = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Job:
    """What the child needs: the file, its profile and the table's columns from the store."""

    path: Path
    profile: profiles.Profile | None
    columns: list[dict]  # the table's (name, type, required), as pulse.profiles.mapping reads
    member_columns: dict[str, list[str]]  # the columns of each dimension the profile adds to


@dataclass(frozen=True)
class Staged:
    """What the file became: staging files, or why it is refused."""

    rows: Path | None = None  # None: a typed Parquet file, which the store reads itself
    members: tuple[tuple[str, Path], ...] = ()  # (the fact's column, its candidate members)
    refused: str | None = None  # the file cannot be read: refused before any transaction
    misfit: str | None = None  # the profile does not fit it: refused in the load's transaction


def run(job: Job, folder: Path, in_child: bool) -> Staged:
    """Prepare the file in this process or in a child."""
    kind = job.path.suffix.lower().lstrip(".")
    if job.profile is None and kind == "parquet":
        return Staged()
    if job.profile is None and kind not in reading.TEXT_KINDS:
        return Staged(
            refused=f"{job.path.name}: only .csv and .parquet files (and .tsv or .txt text "
            "exports) can be loaded without a profile; an .xlsx file needs a profile that names "
            "its sheet"
        )
    return _in_child(job, folder) if in_child else prepare(job, folder)


def prepare(job: Job, folder: Path) -> Staged:
    """Read and map the file; write its rows and candidate members into `folder`."""
    profile = job.profile
    try:
        source, _found = reading.read(job.path, profile.file if profile else reading.FileOptions())
    except reading.ReadError as err:
        return Staged(refused=str(err))
    faults.point("load.read")
    found = ()
    if profile is None:
        rows = source
        rows["_reason"] = reading.control_characters(source)
    else:
        try:
            rows = mapping.apply(profile, source, job.columns)
        except profiles.ProfileError as err:
            return Staged(misfit=f"{job.path.name}: the profile does not fit: {err}")
        faults.point("profile.mapped")
        control = reading.control_characters(rows.drop(columns="_reason"))
        rows["_reason"] = rows["_reason"].where(rows["_reason"] != "", control)
        found = tuple(
            (column, _write(folder / f"members-{column}.parquet", frame))
            for column, frame in members.candidates(profile, source, rows, job.member_columns)
        )
    staged = Staged(_write(folder / ROWS, rows), found)
    faults.point("load.prepared")
    return staged


def checksum(path: Path) -> str:
    """The file's SHA-256, as load_log keeps it."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_members(path: Path) -> pd.DataFrame:
    """Candidate member rows as text, as prepare() wrote them."""
    return pd.DataFrame(pq.read_table(path).to_pydict(), dtype=object)


def _write(path: Path, frame: pd.DataFrame) -> Path:
    """Every value as text, as the loader's checks read a CSV; `_row` the file's row number."""
    schema = pa.schema([(c, pa.int64() if c == "_row" else pa.string()) for c in frame.columns])
    pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), path)
    return path


def _in_child(job: Job, folder: Path) -> Staged:
    (folder / JOB).write_bytes(pickle.dumps(job))
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    command = [sys.executable, "-m", "pulse.staging", str(folder)]
    # stdin stays open while the child runs: it closes when this process ends, however it ends
    with subprocess.Popen(
        command, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as child:
        faults.point("load.child_started")
        said = child.stderr.read().decode("utf-8", "replace")
        code = child.wait()
    outcome = folder / OUTCOME
    if code == 0 and outcome.exists():
        found = json.loads(outcome.read_text(encoding="utf-8"))
        rows = folder / found["rows"] if found["rows"] else None
        members_found = tuple((column, folder / name) for column, name in found["members"])
        return Staged(rows, members_found, found["refused"], found["misfit"])
    log.error("the child reading %s ended with %s:\n%s", job.path.name, code, said)
    if code < 0:
        how = f"was killed by {signal.Signals(-code).name}"
    else:
        last = said.strip().splitlines()[-1:] or ["no message"]
        how = f"failed (exit {code}: {last[0]})"
    return Staged(
        refused=f"{job.path.name}: the process reading and mapping the file {how}; nothing "
        "was loaded"
    )


@contextmanager
def folder(store_path: Path | str) -> Iterator[Path]:
    """A private folder for one load's staging files, removed when the load ends, with the
    folder beside the store that holds it once no other load uses that."""
    root = _root(store_path)
    sweep(store_path)
    for attempt in range(3):  # another load may remove the emptied root in between
        root.mkdir(exist_ok=True)
        try:
            made = Path(tempfile.mkdtemp(prefix=f"{_PROCESS}-", dir=root))
            break
        except FileNotFoundError:
            if attempt == 2:
                raise
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)
        with contextlib.suppress(OSError):  # not empty: another load is staging there
            root.rmdir()


def sweep(store_path: Path | str) -> None:
    """Remove the staging folders loads of stopped processes left beside the store."""
    root = _root(store_path)
    if root.is_dir():
        for left in root.iterdir():
            if not left.name.startswith(f"{_PROCESS}-"):
                shutil.rmtree(left, ignore_errors=True)


def remove(store_path: Path | str) -> None:
    """Remove the folder beside a store that no load uses any more: the store build's, whose
    store file is renamed when it is done."""
    shutil.rmtree(_root(store_path), ignore_errors=True)


def _root(store_path: Path | str) -> Path:
    """The folder beside the store that holds the loads' staging folders."""
    return Path(store_path).with_name(Path(store_path).name + ".staging")


def _exit_with_parent() -> None:
    # the raw descriptor, not sys.stdin: a daemon thread blocked in a buffered read aborts
    # the interpreter's shutdown
    while os.read(0, 4096):  # b"" when the parent closes the pipe, or dies
        pass
    os._exit(1)


def main(argv: list[str] | None = None) -> int:
    """The child: prepare the job in FOLDER and write its outcome there, last."""
    (where,) = argv if argv is not None else sys.argv[1:]
    where = Path(where)
    threading.Thread(target=_exit_with_parent, name="parent-watch", daemon=True).start()
    staged = prepare(pickle.loads((where / JOB).read_bytes()), where)
    outcome = {
        "rows": staged.rows.name if staged.rows else None,
        "members": [(column, path.name) for column, path in staged.members],
        "refused": staged.refused,
        "misfit": staged.misfit,
    }
    partial = where / f".{OUTCOME}.part"
    partial.write_text(json.dumps(outcome), encoding="utf-8")
    partial.replace(where / OUTCOME)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
