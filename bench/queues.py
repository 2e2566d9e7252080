"""Benchmark the Queues and Hotline pages on an existing store: every query and the whole page
run (everything the page computes with its default choices, without drawing), with an empty
cache, over the varied filters of bench.run. Prints figures; asserts nothing.

    python -m bench.queues --store /tmp/demo.duckdb
    python -m bench.queues --store /data/province-copy.duckdb   (006 rollups filled: see --fill)

The record tables are opened on request, so their first page and count are timed on their own.
The store is opened read-only unless --fill is given, which opens it once read-write first so
that new schema files are applied and their rollups filled (the time is printed).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.run import TimedStore, cold_line, time_page
from pulse import dimensions, filters, records
from pulse.hotline import data as hotline
from pulse.hotline import whatif
from pulse.queues import data as queues
from pulse.queues import planning
from pulse.store import Store


def queues_page(store, f, dims) -> None:
    """What pages/queues.py computes with its default choices."""
    view = queues.build(store, f, dims, dims.as_of)
    queues.trends(view.daily, queues.TILE_METRICS, view.period)
    queues.wait_summary(queues.wait_distribution(store, f, view.period, "lane"))
    queues.heatmap(store, f, view.period)
    open_halls = view.halls[view.halls["n"] > 0]
    if len(open_halls):
        hall = open_halls["branch_id"].iloc[0]
        counters = int(dims.halls.set_index("branch_id").loc[hall, "counters"])
        hours = planning.hall_hours(store, hall, view.period.start, view.period.end)
        planning.plan(hours, counters)


def hotline_page(store, f, dims) -> None:
    """What pages/hotline.py computes with its default choices (every queue, average day)."""
    view = hotline.build(store, f, dims, dims.as_of)
    view.trends  # noqa: B018 (the sparklines and the daily chart, evaluated once)
    gap = hotline.staffing_gap(store, view.period)
    calls = hotline.calls(store, f, view.period, by_day=False)
    hotline.profile(calls, gap, None, by_day=False, days=view.days_with_calls)
    start = hotline.whatif_defaults(gap, None)
    if start["calls"]:
        whatif.calculate(start["calls"], start["aht_s"], 0.8, 20, 0.3, 0.85)


def record_pages(store, f, dims) -> None:
    """The first page of tickets and of calls, with their counts."""
    period = filters.resolve(f, dims.as_of)
    records.fetch(store, "tickets", f, period)
    records.fetch(store, "calls", f, period)


PAGES = {"queues": queues_page, "hotline": hotline_page, "records": record_pages}


def run(path: Path) -> dict:
    store = TimedStore(path, read_only=True)
    dims = dimensions.load(store)
    result: dict = {"store": str(path), "store_mb": path.stat().st_size / 1e6}
    for name, page in PAGES.items():
        result[name] = time_page(store, dims, lambda i, f, page=page: page(store, f, dims))
    store.close()
    return result


def report(result: dict) -> None:
    print(f"store: {result['store']} ({result['store_mb']:,.0f} MB)")
    for name in PAGES:
        page = result[name]
        print(
            f"\n== {name}: {page['runs']} filters, empty cache: page run median "
            f"{1000 * page['median_s']:.0f} ms, p95 {1000 * page['p95_s']:.0f} ms =="
        )
        print(cold_line(page))
        print(f"{'query':<64}{'runs':>6}{'median ms':>12}{'p95 ms':>10}")
        for query, q in page["queries"].items():
            print(f"{query[:63]:<64}{q['n']:>6}{q['median_ms']:>12.1f}{q['p95_ms']:>10.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--fill", action="store_true", help="apply new schema files first")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not args.store.exists():
        parser.error(f"no store at {args.store}")
    if args.fill:
        started = time.perf_counter()
        Store(args.store).close()
        print(f"schema applied and new rollups filled in {time.perf_counter() - started:.1f} s")
    result = run(args.store)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
