"""Loading while the dashboard serves. DuckDB lets one process write a store; while the
dashboard holds it, files reach the store through its inbox, a folder the dashboard's process
watches and loads from with the same loader (pages keep answering during a load: DuckDB's
readers see the last commit, and the new data once the load commits).

A file is handed in as NAME plus NAME.request.json (table, profile, who, options), the request
written last and renamed into place, so a half-copied file is never read. The watcher loads it,
writes NAME.result.json (loaded or refused, rows, first rejects) into done/ and then moves both
there. A file whose load committed before the process stopped (killed, say) is still waiting
when it restarts: its load is found in load_log by its unique name, and it is not loaded again.
`python -m pulse.ingest` hands its file in this way when the dashboard holds the store, waits
for the result and exits with the code a direct load would have given.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from pulse import audit, faults, ingest, settings, sql
from pulse.store import Store

log = logging.getLogger(__name__)
REQUEST = ".request.json"
RESULT = ".result.json"
DONE = "done"


def folder_for(store_path: Path | str) -> Path:
    """The inbox of a store: $PULSE_INBOX, else inbox/ beside the store's file."""
    return Path(os.environ.get("PULSE_INBOX") or Path(store_path).resolve().parent / "inbox")


@dataclass(frozen=True)
class Request:
    """What to do with one handed-in file."""

    table: str
    profile: str | None = None
    loaded_by: str | None = None
    reject_file: bool = False
    replaces: int | None = None
    max_rejected: float = 0.0  # the share of rows that may be rejected (0: all or nothing)


def hand_in(folder: Path, path: Path, request: Request) -> Path:
    """Copy a file into the inbox with its request; returns the name of the result to wait for."""
    folder.mkdir(parents=True, exist_ok=True)
    # handed-in files are loaded in the order their names sort: the time, to the nanosecond
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}.{time.time_ns() % 10**9:09d}"
    name = f"{stamp}-{uuid.uuid4().hex[:6]}-{path.name}"
    shutil.copyfile(path, folder / name)
    pending = folder / f".{name}{REQUEST}.part"
    pending.write_text(json.dumps(asdict(request)), encoding="utf-8")
    pending.rename(folder / f"{name}{REQUEST}")  # the request appears whole, after the file
    return folder / DONE / f"{name}{RESULT}"


def wait_for(result: Path, timeout_s: float) -> dict | None:
    """The result of a handed-in file once the watcher wrote it, or None after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if result.exists():
            return json.loads(result.read_text(encoding="utf-8"))
        time.sleep(0.5)
    return None


def process_once(store: Store, folder: Path) -> list[dict]:
    """Load every file of the inbox that has a request, oldest first; returns their results."""
    if not folder.is_dir():
        return []
    results = []
    for request_path in sorted(folder.glob(f"*{REQUEST}")):
        data_path = folder / request_path.name.removesuffix(REQUEST)
        results.append(_process(store, folder, data_path, request_path))
    return results


def _process(store: Store, folder: Path, data_path: Path, request_path: Path) -> dict:
    done = folder / DONE
    done.mkdir(exist_ok=True)
    outcome: dict = {"file": data_path.name}
    try:
        request = Request(**json.loads(request_path.read_text(encoding="utf-8")))
        outcome["table"] = request.table
        faults.point("inbox.request_read")
        earlier = _loaded_before(store, data_path.name)
        result = earlier or ingest.load_file(
            store,
            request.table,
            data_path,
            profile=request.profile,
            loaded_by=request.loaded_by,
            reject_file_on_error=request.reject_file,
            replaces=request.replaces,
            max_rejected=request.max_rejected,
            in_child=True,
        )
        faults.point("inbox.loaded")
        outcome.update(status="loaded", code=3 if result.rows_rejected else 0)
        outcome["lines"] = describe(result)
        outcome["load_id"] = result.load_id
        if earlier is None:  # else the dashboard's start wrote it late (pulse.ingest.recover)
            by = {"via": "inbox", "loaded_by": request.loaded_by}
            counts = {k: getattr(result, k) for k in ("load_id", "rows_loaded", "rows_rejected")}
            detail = {"table": request.table, "file": data_path.name, **counts, **by}
            audit.record(store.path, None, "load", detail)
            audit.record_changes(store.path, None, result, by)
    except (ingest.LoadError, TypeError, ValueError) as err:  # a bad file or a bad request
        outcome.update(status="refused", code=1, lines=[f"refused: {err}"])
    except Exception as err:  # never let one file stop the watcher; the log has the rest
        log.exception("inbox file %s failed", data_path.name)
        outcome.update(status="failed", code=1, lines=[f"failed: {type(err).__name__}"])
    # the result first: a file moved without its result would leave its sender waiting
    result_path = done / f"{data_path.name}{RESULT}"
    partial = result_path.with_name(f".{result_path.name}.part")
    partial.write_text(json.dumps(outcome, default=str), encoding="utf-8")
    partial.replace(result_path)
    faults.point("inbox.result_written")
    for path in (data_path, request_path):
        if path.exists():
            path.replace(done / path.name)
    return outcome


def _loaded_before(store: Store, name: str) -> ingest.LoadResult | None:
    """The load that stored a handed-in file before the process stopped, if one did (its
    name is unique: the time to the nanosecond and a random tag)."""
    with store.cursor() as cur:
        found = cur.execute(sql.text("load/load_of_file"), {"file_name": name}).fetchone()
        if found is None:
            return None
        load_id, table, rows_in, rows_loaded, rows_rejected = found
        rejects = cur.execute(sql.text("data/load_rejects"), {"load_id": load_id})
        shown = [(int(n), reason) for n, reason in rejects.fetchmany(ingest.REJECTS_SHOWN)]
    return ingest.LoadResult(load_id, table, name, rows_in, rows_loaded, rows_rejected, shown)


def describe(result: ingest.LoadResult) -> list[str]:
    """What a load did, in the lines the command line prints."""
    lines = []
    for dimension, n in result.created:
        verb = "would be created" if result.dry_run else "created"
        lines.append(f"{n} new {dimension} members {verb} from the file")
    if result.dry_run:
        lines.append(
            f"dry run: {result.rows_loaded} of {result.rows_in} rows would be stored in "
            f"{result.table}, {result.rows_rejected} rejected; nothing was changed"
        )
    else:
        lines.append(
            f"load {result.load_id}: {result.rows_loaded} of {result.rows_in} rows stored in "
            f"{result.table}, {result.rows_rejected} rejected"
        )
    lines += [f"  row {row}: {reason}" for row, reason in result.rejects]
    if result.rows_rejected > len(result.rejects):
        where = "" if result.dry_run else " in load_reject"
        lines.append(f"  ... {result.rows_rejected - len(result.rejects)} more{where}")
    return lines


_started: set[Path] = set()
_started_lock = threading.Lock()


def start(store: Store) -> bool:
    """Watch the store's inbox from a background thread, once per process and store; returns
    True when this call started it. The dashboard has just opened the store for writing:
    first what a stopped process left is recovered (pulse.ingest.recover). Creates the folder,
    so the command line knows the dashboard is there to hand files to."""
    folder = folder_for(store.path)
    with _started_lock:
        if folder in _started:
            return False
        _started.add(folder)
    ingest.recover(store)
    folder.mkdir(parents=True, exist_ok=True)
    every = float(settings.get("inbox_poll_s"))

    def watch() -> None:
        while True:
            try:
                process_once(store, folder)
            except Exception:  # a full disk, say: keep watching, the log says why
                log.exception("inbox %s", folder)
            time.sleep(every)

    threading.Thread(target=watch, name="pulse-inbox", daemon=True).start()
    return True
