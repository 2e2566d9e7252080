"""Benchmark loading: rows per second for a 1 M-row CSV and a 1 M-row XLSX through a mapping
profile, and the Overview's page time while such a load runs. Prints figures; asserts nothing.

    python -m bench.ingest --store /tmp/demo.duckdb --dir /tmp/pulse-ingest-bench

The extract is the real ACD call log of ../shared/realdata (PULSE_REALDATA elsewhere), written
again month after month until it has --rows rows, loaded through its saved profile
(docs/profiles/anonymous_bank_acd.toml): the same parsing, mapping, checks and rollup refresh as
a real monthly load. Every load goes into a copy of --store made in --dir; the store itself is
not touched. The Overview is timed in the loading process, as the dashboard serves while its
inbox loads a file: first quiet, then while a load runs in another thread - reading and mapping
the file in a child process, as the dashboard's loads do (pulse.staging), or with --read-in
process in the dashboard's own process, as they did before.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import threading
import time
from pathlib import Path

import pandas as pd
import xlsxwriter

from bench.run import TimedStore, p95, varied_filters
from pulse import ROOT, dimensions, ingest, sidecar
from pulse.overview import data as overview

REALDATA = Path(os.environ.get("PULSE_REALDATA", ROOT.parent / "shared" / "realdata"))
ACD = REALDATA / "anonymous_bank_calls_1999_02.txt"
PROFILE = ROOT / "docs" / "profiles" / "anonymous_bank_acd.toml"


def extract(rows: int, folder: Path) -> tuple[Path, Path]:
    """The ACD log written again for the months after February 1999 until it has `rows`
    rows: as a tab-separated .txt, as the ACD exports it, and as an .xlsx of the same rows."""
    source = pd.read_csv(ACD, sep="\t", dtype=str, keep_default_na=False)
    copies = []
    for month in range(-(-rows // len(source))):
        year, moon = divmod(1 + month, 12)  # every day of the log is <= 28: any month has it
        copy = source.copy()
        copy["date"] = f"{99 + year:02d}"[-2:] + f"{moon + 1:02d}" + copy["date"].str[-2:]
        copies.append(copy)
    frame = pd.concat(copies, ignore_index=True).head(rows)
    text = folder / f"acd_{rows}.txt"
    frame.to_csv(text, sep="\t", index=False)
    book = folder / f"acd_{rows}.xlsx"
    if not book.exists():
        # row by row in constant-memory mode: a million rows without holding the sheet
        workbook = xlsxwriter.Workbook(str(book), {"constant_memory": True})
        sheet = workbook.add_worksheet("calls")
        sheet.write_row(0, 0, list(frame.columns))
        for i, row in enumerate(frame.itertuples(index=False), start=1):
            sheet.write_row(i, 0, row)
        workbook.close()
    return text, book


def xlsx_profile(folder: Path) -> Path:
    """The ACD profile with its [file] section saying XLSX, the sheet written by extract()."""
    text = PROFILE.read_text(encoding="utf-8")
    head, rest = text.split("[file]", 1)
    rest = rest.split("\n[columns]", 1)[1]
    path = folder / "acd_xlsx.toml"
    path.write_text(head + '[file]\nformat = "xlsx"\nsheet = "calls"\n\n[columns]' + rest, "utf-8")
    return path


def _copy_store(store: Path, folder: Path, name: str) -> Path:
    path = folder / name
    shutil.copy(store, path)
    if sidecar.path_for(store).exists():
        shutil.copy(sidecar.path_for(store), sidecar.path_for(path))
    return path


def time_load(store: Path, folder: Path, file: Path, profile: Path) -> dict:
    """One load of `file` into a fresh copy of the store, timed as a whole."""
    path = _copy_store(store, folder, "load.duckdb")
    timed = TimedStore(path)
    started = time.perf_counter()
    result = ingest.load_file(timed, "hotline_call", file, profile=profile, loaded_by="bench")
    seconds = time.perf_counter() - started
    timed.close()
    return {"rows_in": result.rows_in, "loaded": result.rows_loaded, "seconds": seconds}


def overview_during_load(
    store: Path, folder: Path, file: Path, runs: int, in_child: bool = True
) -> dict:
    """Overview page runs (empty result cache) in the process that loads: quiet, then while a
    load of `file` runs in another thread on the same connection, as the inbox does."""
    path = _copy_store(store, folder, "serve.duckdb")
    timed = TimedStore(path)
    dims = dimensions.load(timed)
    varied = varied_filters(dims)

    def page_runs(stop: threading.Event | None = None) -> list[float]:
        times = []
        for i in range(runs):
            if stop is not None and stop.is_set():
                break
            f = varied[i % len(varied)]
            timed.clear_cache()
            started = time.perf_counter()
            overview.build(timed, f, dims.as_of)
            times.append(time.perf_counter() - started)
        return times

    quiet = page_runs()
    done = threading.Event()
    outcome: dict = {}

    def load() -> None:
        started = time.perf_counter()
        result = ingest.load_file(
            timed, "hotline_call", file, profile=PROFILE, loaded_by="bench", in_child=in_child
        )
        outcome.update(seconds=time.perf_counter() - started, loaded=result.rows_loaded)
        done.set()

    loader = threading.Thread(target=load)
    loader.start()
    during = []
    while not done.is_set():
        during += page_runs(done)
    loader.join()
    after_version = timed.df("select count(*) as n from hotline_call")["n"].iloc[0]
    timed.close()
    return {"quiet": quiet, "during": during, "load": outcome, "calls_after": int(after_version)}


def _summary(times: list[float]) -> str:
    if not times:
        return "no run finished"
    return (
        f"median {1000 * statistics.median(times):.0f} ms, p95 {1000 * p95(times):.0f} ms "
        f"({len(times)} runs)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store to copy (demo scale)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/pulse-ingest-bench"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default="txt,xlsx")
    parser.add_argument("--runs", type=int, default=12, help="quiet Overview page runs")
    parser.add_argument(
        "--read-in",
        choices=("child", "process"),
        default="child",
        help="where the load beside the Overview reads and maps the file (default: a child "
        "process, as the dashboard's loads do)",
    )
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    text, book = extract(args.rows, args.dir)
    took = time.perf_counter() - started
    print(f"extract: {args.rows:,} rows written as .txt and .xlsx in {took:.0f} s")
    files = {"txt": (text, PROFILE), "xlsx": (book, xlsx_profile(args.dir))}
    for kind in args.formats.split(","):
        found = time_load(args.store, args.dir, *files[kind])
        rate = found["rows_in"] / found["seconds"]
        print(
            f"{kind}: {found['rows_in']:,} rows in, {found['loaded']:,} stored, "
            f"{found['seconds']:.1f} s: {rate:,.0f} rows/s (profile, checks, rollups, commit)"
        )
    served = overview_during_load(args.store, args.dir, text, args.runs, args.read_in == "child")
    print(f"Overview page run, quiet:        {_summary(served['quiet'])}")
    print(f"Overview page run, during load:  {_summary(served['during'])} (read in {args.read_in})")
    load = served["load"]
    print(
        f"the load beside it: {load.get('loaded', 0):,} rows in {load.get('seconds', 0):.1f} s; "
        f"calls in the store after: {served['calls_after']:,}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
