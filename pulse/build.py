"""Build a store from the demo-data generator through the same loader analysts use.

The store is built under a temporary name and renamed when complete, so an interrupted
build never leaves a half-built store behind.

    python -m pulse.build --scale demo --path data/pulse.duckdb
    python -m pulse.build --rebuild-rollups   # after a change to pulse/settings.toml
"""

from __future__ import annotations

import argparse
import getpass
import os
import queue
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import sample_data
from pulse import audit, ingest, rollups, settings, sidecar, staging, users
from pulse.store import Store, default_path

Progress = Callable[[int, int, str], None]
_build_lock = threading.Lock()
# Months of facts per file the build loads, by scale: the demo's year of tickets (about 2 M
# rows) is one check and one transaction instead of twelve, and its second year is generated
# while the first loads. Other scales load month by month, so a load's memory is a month's.
MONTHS_PER_FILE = {"tiny": 12, "demo": 12}


def build_store(
    path: Path | str,
    scale: str = "demo",
    seed: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Generate `scale` demo data, load every file, build the rollups, then move the finished
    store to `path`. progress(done, total, what) is called after each step."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    for leftover in (building, Path(f"{building}.wal")):
        leftover.unlink(missing_ok=True)
    per_file = MONTHS_PER_FILE.get(scale, 1)
    # a step per month generated and per file loaded, one per rollup (each takes seconds), and
    # the final write to disk
    files = sample_data.plan(scale, per_file)
    total = sample_data.month_count(scale) + files + len(rollups.sources()) + 1
    steps = _Steps(total, progress)
    store = Store(building)
    try:
        with tempfile.TemporaryDirectory(prefix="pulse-", dir=path.parent) as scratch:
            kwargs = {} if seed is None else {"seed": seed}
            generated = sample_data.generate(
                scale,
                Path(scratch),
                **kwargs,
                months_per_file=per_file,
                month_done=lambda month: steps.done(f"{month:%Y-%m}"),
            )
            for table, file in _ahead(generated, depth=2 * len(sample_data.FACTS)):
                ingest.load_file(
                    store,
                    table,
                    file,
                    loaded_by=f"sample_data ({scale})",
                    reject_file_on_error=True,
                    refresh_rollups=False,
                )
                file.unlink()
                steps.done(table)
        _build_rollups(store, steps)
        with store.cursor() as cur:
            cur.execute("checkpoint")
        steps.done("checkpoint")
        units = users.units_of(store)
    finally:
        store.close()
    os.replace(building, path)
    staging.remove(building)  # its loads' folder, named after the file just renamed
    sidecar.remove(path)  # a replaced store's accounts and audit log went with it
    demo_accounts(path, units)
    # the build's loads into the audit log, as they came: not "recorded late" on first open
    store = Store(path)
    try:
        audit.record_missing_loads(store, via="store build")
    finally:
        store.close()
    # the thresholds the rollups hold: what a later --rebuild-rollups entry compares against
    audit.record_thresholds(
        path, None, settings.all_settings(), settings.source(), {"via": "store build"}
    )
    return path


# One account per role on a demo store, passwords documented in the README ("make run"):
# name, role, the units of its scope (None: the first province / city / hall the data has).
DEMO_ACCOUNTS = (
    ("executive", "executive", ()),
    ("province", "province_manager", ("province",)),
    ("city", "city_manager", ("city",)),
    ("hall", "hall_manager", ("hall",)),
    ("analyst", "analyst", ("province",)),
    ("admin", "admin", ()),
)


def demo_password(name: str) -> str:
    """A demo account's documented password: pulse-demo-NAME."""
    return f"pulse-demo-{name}"


def demo_accounts(path: Path | str, units: users.Units) -> None:
    """Give a demo store one account per role (those it has already are left as they are):
    the province is GD, the city SZ and the hall SZ's first, when the data has them."""
    province = "GD" if "GD" in units.provinces else min(units.provinces)
    cities = sorted(c for c, p in units.cities.items() if p == province)
    city = "SZ" if "SZ" in cities else cities[0]
    hall = min(h for h, c in units.halls.items() if c == city)
    codes = {"province": province, "city": city, "hall": hall}
    for name, role, levels in DEMO_ACCOUNTS:
        if users.account(path, name) is None:
            scope = users.scope_for([codes[level] for level in levels], units)
            users.add(path, name, role, scope, demo_password(name), display=f"Demo {name}")


def rebuild_rollups(path: Path | str) -> None:
    """Rebuild every rollup of an existing store from its facts, in one transaction: the
    rollups hold the named thresholds (pulse/settings.toml) they were built with."""
    store = Store(path)
    try:
        with store.cursor() as cur:
            cur.execute("begin transaction")
            rollups.refresh_all(cur)
            cur.execute("commit")
            cur.execute("checkpoint")
    finally:
        store.close()
    by = {"via": "command line", "os_user": getpass.getuser()}
    audit.record_thresholds(path, None, settings.all_settings(), settings.source(), by)


def _build_rollups(store: Store, steps: _Steps) -> None:
    """Build every rollup from its whole source: the queue tickets' beside all the others, in
    two threads, each with its own cursor and transaction. Nobody reads a store being built,
    and no rollup of one side reads or writes a table of the other; on two cores this takes
    a third less time than one after the other."""
    queue_side = [r for r, source in rollups.sources().items() if source == "queue_ticket"]
    sides = [queue_side, [r for r in rollups.sources() if r not in queue_side]]

    def build(side: list[str]) -> None:
        with store.cursor() as cur:
            cur.execute("begin transaction")
            rollups.refresh_all(cur, lambda _, rollup: steps.done(rollup), only=side)
            cur.execute("commit")

    with ThreadPoolExecutor(len(sides), thread_name_prefix="pulse-rollups") as pool:
        for built in [pool.submit(build, side) for side in sides]:
            built.result()  # a side's error, raised here


class _Steps:
    """The build's progress: progress(done, total, what) as each step ends, counted here
    because months are generated in a thread while files load in another."""

    def __init__(self, total: int, progress: Progress | None):
        self.total, self.progress, self.count = total, progress, 0
        self._lock = threading.Lock()

    def done(self, what: str) -> None:
        with self._lock:
            self.count += 1
            if self.progress:
                self.progress(self.count, self.total, what)


def _ahead(items: Iterator, depth: int = 3) -> Iterator:
    """Run a generator in a thread, `depth` items ahead: numpy writes the next months' files
    while DuckDB loads the last ones (both release the GIL, and the machine has two cores)."""
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        buffer.put(item, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put(done)
        except BaseException as err:  # handed to the consumer, raised there
            buffer.put(err)

    worker = threading.Thread(target=produce, name="demo-data", daemon=True)
    worker.start()
    try:
        while (item := buffer.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def ensure_store(
    path: Path | str | None = None, progress: Progress | None = None, scale: str = "demo"
) -> Path:
    """Build the demo store at `path` unless it exists; one build at a time per process."""
    path = Path(path or default_path())
    with _build_lock:
        if not path.exists():
            build_store(path, scale, progress=progress)
    return path


@dataclass
class Job:
    """A store being built in a thread of its own, and how far it has got."""

    path: Path
    done: int = 0
    total: int = 1
    what: str = ""
    error: BaseException | None = None
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def _step(self, done: int, total: int, what: str) -> None:
        self.done, self.total, self.what = done, total, what

    def _run(self, scale: str) -> None:
        try:
            ensure_store(self.path, self._step, scale)
        except BaseException as error:  # kept for the visitors who wait on it
            self.error = error


_jobs: dict[Path, Job] = {}
_jobs_lock = threading.Lock()


def build_in_background(path: Path | str, scale: str = "demo") -> Job:
    """Start building the store at `path` in a thread of its own, once per process, and return
    the job to watch. A visitor who reloads, leaves or clicks during the first run stops only
    their own script run, never the build (a failed build is started again on the next call)."""
    path = Path(path)
    with _jobs_lock:
        job = _jobs.get(path)
        if job is None or (not job.running and job.error is not None):
            job = _jobs[path] = Job(path)
            job.thread = threading.Thread(
                target=job._run, args=(scale,), name="pulse-build", daemon=True
            )
            job.thread.start()
        return job


def _print_progress(done: int, total: int, what: str) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what:<28}")
    if done == total:
        sys.stderr.write("\n")


def main(argv: list[str] | None = None) -> int:
    """Command line: build a store at a scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sample_data.SCALES, default="demo")
    parser.add_argument(
        "--path", type=Path, default=None, help="default: $PULSE_STORE or data/pulse.duckdb"
    )
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--force",
        action="store_true",
        help="rebuild even if the store exists (its side database of accounts and audit log too)",
    )
    parser.add_argument(
        "--rebuild-rollups",
        action="store_true",
        help="rebuild an existing store's rollups (after changing pulse/settings.toml)",
    )
    args = parser.parse_args(argv)
    args.path = args.path or default_path()
    if args.rebuild_rollups:
        if not args.path.exists():
            print(f"{args.path} does not exist", file=sys.stderr)
            return 1
        rebuild_rollups(args.path)
        print(f"rebuilt the rollups of {args.path}")
        return 0
    if args.path.exists() and not args.force:
        print(f"{args.path} exists; use --force to rebuild it", file=sys.stderr)
        return 1
    if args.path.exists():
        print(
            f"rebuilding {args.path}: its accounts, sessions, audit log and alert state "
            f"({sidecar.path_for(args.path).name}) go with it",
            file=sys.stderr,
        )
    started = time.perf_counter()
    build_store(args.path, args.scale, args.seed, _print_progress)
    size_mb = args.path.stat().st_size / 1e6
    print(
        f"built {args.path} ({args.scale}) in {time.perf_counter() - started:.1f} s, "
        f"{size_mb:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
