"""Benchmark the Surveys and Complaints pages: every query's median and p95 and the whole page
run's median and p95 over varied filters, with an empty cache. Prints figures; asserts nothing.

    python -m bench.surveys --store /tmp/demo.duckdb
    python -m bench.surveys --prepare /work/bench-data/province.duckdb --store /data/p4.duckdb
        (copies a store that predates queries/schema/007 and fills only this page's rollups)

The store is opened read-only. A page run is everything the page computes, without drawing:
the same calls pages/surveys.py and pages/complaints.py make for their default views.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

import duckdb

from bench.run import TimedStore, cold_line, p95, time_page, varied_filters
from pulse import dimensions, filters, kpis, records, rollups, sql
from pulse.complaints import data as complaints
from pulse.complaints import lifecycle as complaint_lifecycle
from pulse.store import SCHEMA_DIR
from pulse.surveys import data as surveys
from pulse.surveys import drivers

SCHEMA = "007_surveys_complaints.sql"
ROLLUPS = (
    "survey_score_hist",
    "survey_experience",
    "complaint_subcategory_daily",
    "complaint_response_hist",
    "complaint_backlog",
)


def surveys_page(store, f: filters.Filter, period: filters.Period) -> None:
    """What pages/surveys.py computes for its default view of a filter."""
    data = kpis.tiles(store, [*surveys.HEADLINE, *surveys.DIM_METRICS], f, period)
    kpis.benchmarks(store, "sat_index")
    surveys.splits(store, f, period, "touchpoint")
    surveys.distribution(store, f, period, "touchpoint")
    surveys.by_place(store, f, period, "hall" if f.cities or f.halls else "city")
    surveys.key_drivers(store, f, period, data.row("sat_index").get("n") or 0)
    surveys.experience(store, f, period)
    surveys.comments(store, f, period)


def complaints_page(store, f: filters.Filter, period: filters.Period) -> None:
    """What pages/complaints.py computes for its default view of a filter."""
    kpis.tiles(store, list(complaints.HEADLINE), f, period)
    complaints.regulator_benchmarks(store)
    complaints.names(store)
    complaints.pareto(store, f, period)
    complaints.trend(store, f, period)
    complaints.channels(store, f, period)
    for which in ("first_response", "resolution"):
        complaint_lifecycle.distribution(store, f, period, which)
    complaint_lifecycle.by(store, f, period, "category")
    complaint_lifecycle.by(store, f, period, "severity")
    complaint_lifecycle.return_by_handling(store, f, period)
    complaint_lifecycle.backlog(store, f)
    complaints.attitude_by_hall(store, f, period)
    records.fetch(store, "complaints", f, period)


PAGES = {"surveys": surveys_page, "complaints": complaints_page}


def run(path: Path) -> dict:
    """Time each page over the varied filters; returns the figures."""
    store = TimedStore(path, read_only=True)
    dims = dimensions.load(store)
    results = {}
    analyse = drivers.analyse
    driver_times: list[float] = []

    def timed_analyse(*args, **kwargs):
        started = time.perf_counter()
        try:
            return analyse(*args, **kwargs)
        finally:
            driver_times.append(time.perf_counter() - started)

    drivers.analyse = timed_analyse  # the regression is compute, not a query: timed apart
    sampled = 0
    try:
        for name, page in PAGES.items():

            def run_page(i, f, page=page):
                page(store, f, filters.resolve(f, dims.as_of))

            results[name] = time_page(store, dims, run_page, before=surveys.forget_drivers)
        sampled = sum(
            1 for f in varied_filters(dims) if drivers.sample_rate(_responses(store, f, dims)) < 1.0
        )
    finally:
        drivers.analyse = analyse
        store.close()
    results["drivers"] = {
        "runs": len(driver_times),
        "median_ms": 1e3 * statistics.median(driver_times) if driver_times else float("nan"),
        "p95_ms": 1e3 * p95(driver_times) if driver_times else float("nan"),
        "sampled_filters": sampled,
    }
    return results


def _responses(store, f: filters.Filter, dims) -> float:
    period = filters.resolve(f, dims.as_of)
    return kpis.tiles(store, ["sat_index"], f, period).row("sat_index").get("n") or 0


def report(results: dict, path: Path) -> None:
    """Print the figures."""
    for name in PAGES:
        r = results[name]
        print(f"\n== {name} page at {path} ==")
        print(
            f"page run ({r['runs']} filters, empty cache): "
            f"median {1e3 * r['median_s']:.0f} ms, p95 {1e3 * r['p95_s']:.0f} ms"
        )
        print(cold_line(r))
        print(f"{'query':<62}{'runs':>6}{'median ms':>12}{'p95 ms':>10}")
        for query, q in r["queries"].items():
            print(f"{query:<62}{q['n']:>6}{q['median_ms']:>12.1f}{q['p95_ms']:>10.1f}")
    d = results["drivers"]
    print(
        f"\ndriver analysis (OLS, 64 subset fits, {drivers.BOOTSTRAP} bootstrap resamples; "
        f"at most ~{drivers.SAMPLE_SIZE:,} responses drawn, seeded): {d['runs']} runs, "
        f"median {d['median_ms']:.0f} ms, p95 {d['p95_ms']:.0f} ms; "
        f"{d['sampled_filters']} of the filters sampled"
    )


def prepare(source: Path, target: Path) -> None:
    """Copy a store that predates this page's schema and fill only this page's rollups (the
    other schema files are left for the store's own migration)."""
    if not target.exists():
        shutil.copy(source, target)
    con = duckdb.connect(str(target))
    try:
        con.execute(sql.text("store/create_schema_version"))
        done = {row[0] for row in con.execute(sql.text("store/applied_versions")).fetchall()}
        version = int(SCHEMA.split("_", 1)[0])
        con.execute("begin transaction")
        if version not in done:
            con.execute((SCHEMA_DIR / SCHEMA).read_text(encoding="utf-8"))
            con.execute(sql.text("store/record_version"), {"version": version, "name": SCHEMA})
        for rollup in ROLLUPS:
            started = time.perf_counter()
            rollups.refresh(con, rollup)
            print(f"filled {rollup} in {time.perf_counter() - started:.0f} s", flush=True)
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="the store to time")
    parser.add_argument("--prepare", type=Path, help="copy this store to --store first")
    args = parser.parse_args(argv)
    if args.prepare:
        prepare(args.prepare, args.store)
    report(run(args.store), args.store)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
