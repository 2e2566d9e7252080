"""Benchmark the Scorecard page: the whole page run's median and p95 over cards, months and
scopes with an empty result cache (two passes: the first reads the store from disk), every
query's median and p95, the rank simulation apart, and the XLSX. Prints figures; asserts
nothing.

    python -m bench.scorecard --store /tmp/demo.duckdb

The store is opened read-only. A page run is everything pages/scorecard.py computes for a card
and month, without drawing: the three months scored, the simulated ranks, the tables, the
chart of totals and the parts of the difference between the first two units.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections import defaultdict
from pathlib import Path

from bench.run import TimedStore, p95
from pulse import dimensions, filters, i18n
from pulse.scorecard import data, definition, figures, frames, publish, ranks


def page(store, dims, card, f: filters.Filter, month: str) -> data.Scorecard:
    """What pages/scorecard.py computes for a card, a scope and a month."""
    board = data.build(store, card, f, month, dims)
    names = frames.unit_names(board, dims, "en")
    frames.display(board, names)
    frames.export(board, names)
    figures.totals(board.table, names)
    scored = [
        u for u in board.table.index if board.table.at[u, "total"] == board.table.at[u, "total"]
    ]
    if len(scored) > 1:
        frames.parts(board.version, data.between_units(board, scored[0], scored[1]))
    return board


def cases(dims, store) -> list[tuple]:
    """Both cards x the last two complete months x four scopes."""
    city = dims.cities["city_id"].iloc[0]
    province = dims.cities["province_id"].iloc[0]
    scopes = [{}, {"provinces": (province,)}, {"cities": (city,)}, {"segments": ("gold",)}]
    last = data.default_month(dims.as_of)
    months = [last, data.shift(last, -1)]
    cards = definition.cards().values()
    return [
        (card, filters.Filter(**scope), month)
        for card, scope, month in itertools.product(cards, scopes, months)
    ]


def one_pass(store: TimedStore, dims, runs: list[tuple], simulated: list[float]) -> dict:
    times, cpu, per_query = [], [], defaultdict(list)
    simulate = ranks.simulate

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return simulate(*args, **kwargs)
        finally:
            simulated.append(time.perf_counter() - started)

    ranks.simulate = timed
    try:
        for card, f, month in runs:
            store.clear_cache()
            data.forget()
            store.timings.clear()
            started, used = time.perf_counter(), time.process_time()
            page(store, dims, card, f, month)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            for name, seconds in store.timings:
                per_query[name].append(seconds)
    finally:
        ranks.simulate = simulate
    return {
        "runs": len(times),
        "median_s": statistics.median(times),
        "p95_s": p95(times),
        "cpu_median_s": statistics.median(cpu),
        "queries_per_run": sum(len(v) for v in per_query.values()) / max(len(times), 1),
        "queries": {
            name: {"n": len(v), "median_ms": 1e3 * statistics.median(v), "p95_ms": 1e3 * p95(v)}
            for name, v in sorted(per_query.items())
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="the store to time")
    args = parser.parse_args(argv)
    store = TimedStore(args.store, read_only=True)
    try:
        dims = dimensions.load(store)
        runs = cases(dims, store)
        cold_sim, warm_sim = [], []
        cold = one_pass(store, dims, runs, cold_sim)
        warm = one_pass(store, dims, runs, warm_sim)
        card = definition.cards()["halls"]
        board = page(store, dims, card, filters.Filter(), data.default_month(dims.as_of))
        started = time.perf_counter()
        i18n.set_language("zh")
        size = len(publish.workbook(board, dims))
        workbook_s = time.perf_counter() - started
    finally:
        store.close()
    print(f"\n== Scorecard page at {args.store} ({len(dims.halls)} halls) ==")
    print(
        f"page run ({warm['runs']} card x scope x month, empty cache): "
        f"median {1e3 * warm['median_s']:.0f} ms, p95 {1e3 * warm['p95_s']:.0f} ms"
    )
    print(
        f"  CPU time of the page run (this process, DuckDB's threads included): median "
        f"{1e3 * warm['cpu_median_s']:.0f} ms; {warm['queries_per_run']:.1f} queries a run"
    )
    print(
        f"  first pass (store read from disk): median {1e3 * cold['median_s']:.0f} ms, "
        f"p95 {1e3 * cold['p95_s']:.0f} ms"
    )
    print(
        f"rank simulation ({ranks.DRAWS} draws): "
        f"median {1e3 * statistics.median(warm_sim):.0f} ms, p95 {1e3 * p95(warm_sim):.0f} ms"
    )
    print(f"XLSX of the halls card (zh): {1e3 * workbook_s:.0f} ms, {size / 1024:.0f} KB")
    print(f"{'query':<62}{'runs':>6}{'median ms':>12}{'p95 ms':>10}")
    for query, q in warm["queries"].items():
        print(f"{query:<62}{q['n']:>6}{q['median_ms']:>12.1f}{q['p95_ms']:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
