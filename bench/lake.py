"""Benchmark: build every rollup from the lake with DuckDB and with Spark, and print each
engine's build time and peak memory (the whole process tree: Python and Spark's JVM), then
the Overview's page times on the store Spark's rollups landed in. Prints figures; asserts
nothing.

    python -m bench.lake --scale tiny|demo|province --dir /tmp/pulse-lake-bench
    python -m bench.lake --scale national --provinces 31 --dir /data/pulse-lake-bench
    python -m bench.lake ... --engines spark --master spark://host:7077
    python -m bench.lake --scale province --store /work/stores/province.duckdb --dir DIR

--store takes a store already built at that scale (a province store takes an hour to
build); its facts are exported to the lake once and each engine lands its rollups in a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench import run as overview_bench
from pulse import build, dimensions, ingest, tables
from pulse.lake import definitions, export, land
from pulse.overview import data as overview
from pulse.store import Store


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and every process below it (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total * 1024


def _measured(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a command; its wall time, peak memory of its process tree and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    peak = [0]

    def watch():
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output, _ = process.communicate()
    watcher.join()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return time.perf_counter() - started, peak[0], output


def _store_and_lake(
    scale: str, folder: Path, provinces: int, given: Path | None = None
) -> tuple[Path, Path]:
    """A store with its dimensions and a lake with its facts, built once per scale."""
    store_path, lake = given or folder / f"{scale}.duckdb", folder / f"{scale}-lake"
    if store_path.exists() and lake.exists():
        return store_path, lake
    started = time.perf_counter()
    if given is not None:
        store = Store(given, read_only=True)
        written = export.export_store(store, lake)
        store.close()
        print(f"exported {sum(written.values()):,} fact rows of {given.name}: {written}")
    elif scale == "national":
        from sample_data import national

        national.generate_national(lake, provinces, progress=print)
        store = Store(store_path)
        for table in tables.LOAD_ORDER:  # the dimensions only: the facts stay in the lake
            path = lake / "_load" / f"{table}.csv"
            if path.exists():
                ingest.load_file(store, table, path, loaded_by="bench", refresh_rollups=False)
        store.close()
    else:
        build.build_store(store_path, scale)
        store = Store(store_path)
        export.export_store(store, lake)
        store.close()
    print(f"store and lake for {scale} ready in {time.perf_counter() - started:.0f} s")
    return store_path, lake


def _one_build(
    engine: str, master: str, source: Path, lake: Path, folder: Path, memory: dict
) -> dict:
    target = folder / f"{source.stem}-{engine}.duckdb"
    shutil.copy(source, target)
    store = Store(target)
    with store.cursor() as cur:
        land.clear(store, [d.table for d in definitions.plan(cur)])
    store.close()
    command = [sys.executable, "-m", "pulse.lake", "rollups", "--engine", engine]
    command += ["--master", master, "--lake", str(lake), "--store", str(target), "--all"]
    if engine == "duckdb":
        command += ["--memory-limit", memory["duckdb"]]
    # local mode runs the whole build in the driver's JVM: its heap is the engine's memory
    env = dict(os.environ, PYSPARK_SUBMIT_ARGS=f"--driver-memory {memory['spark']} pyspark-shell")
    seconds, peak, output = _measured(command, env)
    return {"engine": engine, "seconds": seconds, "peak_mb": peak / 1e6, "store": str(target),
            "said": output.strip().splitlines()[-1]}  # fmt: skip


def _page_times(path: Path) -> dict:
    store = overview_bench.TimedStore(path, read_only=True)
    try:
        dims = dimensions.load(store)
        return overview_bench.time_page(
            store, dims, lambda i, f: overview.build(store, f, dims.as_of)
        )
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    """Build the scale's rollups on each engine and print what it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="tiny", choices=("tiny", "demo", "province", "national"))
    parser.add_argument("--provinces", type=int, default=31, help="national scale only")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/pulse-lake-bench"))
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--store", type=Path, default=None, help="a store built at that scale")
    parser.add_argument("--driver-memory", default="4g", help="Spark driver heap (local mode)")
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB's memory before it spills")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    source, lake = _store_and_lake(args.scale, args.dir, args.provinces, args.store)
    # the facts only: an earlier build's rollups sit in the same lake (rollup=<table>/)
    lake_mb = sum(f.stat().st_size for f in lake.glob("fact=*/**/*.parquet")) / 1e6
    print(f"\n== rollups from the lake at {args.scale} scale ({lake_mb:.1f} MB of fact Parquet) ==")
    print(f"machine: {os.cpu_count()} cores; Spark master {args.master}")
    results = []
    for engine in args.engines.split(","):
        memory = {"duckdb": args.memory_limit, "spark": args.driver_memory}
        result = _one_build(engine, args.master, source, lake, args.dir, memory)
        results.append(result)
        print(
            f"{engine:<8} build and landing {result['seconds']:7.1f} s, "
            f"peak memory {result['peak_mb']:7.0f} MB  ({result['said']})"
        )
    timed = _page_times(Path(results[-1]["store"]))
    print(
        f"Overview on the {results[-1]['engine']}-built store ({timed['runs']} filters, empty "
        f"cache): median {1000 * timed['median_s']:.0f} ms, p95 {1000 * timed['p95_s']:.0f} ms"
    )
    print(overview_bench.cold_line(timed))
    (args.dir / f"lake-{args.scale}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
