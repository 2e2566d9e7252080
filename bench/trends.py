"""Benchmark of the Trends, Benchmarks, Drill-down and Hall pages: every query's median and
p95, and the whole page run's, over varied filters with an empty cache. Prints figures;
asserts nothing. Opens the store read-only.

    python -m bench.trends --store /work/bench-data/province.duckdb
    python -m bench.trends --store /tmp/demo.duckdb --pages trends,hall
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.run import TimedStore, cold_line, time_page
from pulse import catalog, dimensions, events, filters, groups
from pulse.benchmarks import data as benchmarks
from pulse.drill import data as drill
from pulse.drill import hall_profile
from pulse.trends import data as trends
from pulse.trends import sections as trend_parts

PAGES = ("trends", "benchmarks", "drill", "hall")
TREND_METRICS = ["queue_wait_mean", "hotline_service_level"]  # the page's defaults
LEAGUE_METRICS = [
    ("queue_within_10min", "hall"),
    ("sat_index", "hall"),
    ("queue_wait_p90", "hall"),
    ("complaint_ontime_rate", "hall"),
    ("hotline_service_level", "city"),
    ("complaints_per_million", "city"),
]


def trends_page(store, dims, f, period, i) -> None:
    """What the Trends page computes with its default choices (24 months by week, by city)."""
    data = trends.build(
        store, TREND_METRICS, f, period, grain="week", split="city", window_choice="24m"
    )
    found = trend_parts.Events(events.in_window(store, f, data.start, data.end))
    for metric in data.metrics:
        trends.target_steps(store, metric, data.start, data.end, {})
        trends.industry(store, metric.id)
        total = data.line(metric.id)
        for key in [None, *data.keys(metric.id)]:
            line = total if key is None else data.line(metric.id, key)
            trend_parts.trend_of(line, data.grain)
            if line["value"].notna().sum() >= 6:
                trend_parts.signals_for(metric, line, found, data.grain, key)
                trend_parts.step_rows(metric, line, found, data.grain, "", key, total)


def benchmarks_page(store, dims, f, period, i) -> None:
    """A league, its funnel verdicts, movers, level targets and industry figures."""
    metric_id, level = LEAGUE_METRICS[i % len(LEAGUE_METRICS)]
    league = benchmarks.league(store, metric_id, f, period, level, dims)
    benchmarks.movers(league)
    metric = catalog.metric(metric_id)
    sets = [(), ("tier",)] if groups.available(metric, "hall") else [()]
    groups.grouped_values(store, metric, f, period, sets)
    trends.industry(store, metric_id)


def drill_page(store, dims, f, period, i) -> None:
    """The drill at each level down to a hall, its cross-filter charts, a page of records."""
    metric = catalog.metric(LEAGUE_METRICS[i % 4][0])
    city = dims.cities.iloc[0]
    hall = dims.halls[dims.halls["city_id"] == city["city_id"]]["branch_id"].iloc[0]
    for path in (
        drill.Path(),
        drill.Path(city["province_id"]),
        drill.Path(city["province_id"], city["city_id"]),
    ):
        scoped = path.scope(f)
        drill.children(store, metric, scoped, period, path, dims)
        drill.values_by(store, metric, scoped, period, ("segment",))
        drill.values_by(store, catalog.metric("complaints_count"), scoped, period, ("category",))
    path = drill.Path(city["province_id"], city["city_id"], hall, "tickets")
    page = drill.record_page(store, "tickets", path.scope(f), period, 0)
    if page.total:
        drill.record(store, "tickets", str(page.rows["ticket_id"].iloc[0]))


def hall_page(store, dims, f, period, i) -> None:
    """A hall's profile and its weekly trend against its tier."""
    hall = f.halls[0] if f.halls else dims.halls["branch_id"].iloc[i % len(dims.halls)]
    f = f.with_(halls=(hall,))
    hall_profile.build(store, hall, f, period, dims.as_of, dims)
    trends.build(store, ["queue_within_10min"], f, period, grain="week", window_choice="12m")
    peers = f.with_(provinces=(), cities=(), halls=())
    trends.build(
        store,
        ["queue_within_10min"],
        peers,
        period,
        grain="week",
        split="tier",
        window_choice="12m",
    )


RUNNERS = {
    "trends": trends_page,
    "benchmarks": benchmarks_page,
    "drill": drill_page,
    "hall": hall_page,
}


def run(path: Path, pages: list[str], on_page=None) -> dict:
    """Time each page over the varied filters; on_page(name, result) as each one finishes."""
    store = TimedStore(path, read_only=True)
    dims = dimensions.load(store)
    results = {}
    for name in pages:

        def page(i, f, name=name):
            RUNNERS[name](store, dims, f, filters.resolve(f, dims.as_of), i)

        results[name] = time_page(store, dims, page)
        if on_page:
            on_page(name, results[name])
    store.close()
    return results


def report_page(name: str, r: dict) -> None:
    """One page's figures."""
    print(
        f"\n{name}: page run ({r['runs']} filters, empty cache, "
        f"{r['queries_per_run']:.0f} queries a run): median {1000 * r['median_s']:.0f} ms, "
        f"p95 {1000 * r['p95_s']:.0f} ms"
    )
    print(cold_line(r))
    print(f"  {'query':<62}{'runs':>6}{'median ms':>12}{'p95 ms':>10}")
    for query, q in r["queries"].items():
        print(f"  {query:<62}{q['n']:>6}{q['median_ms']:>12.1f}{q['p95_ms']:>10.1f}", flush=True)


def report(results: dict) -> None:
    """The slowest figures over every page."""
    worst = max(q["p95_ms"] for r in results.values() for q in r["queries"].values())
    page = max(r["p95_s"] for r in results.values())
    print(f"\nslowest query p95: {worst:.1f} ms; slowest page run p95: {1000 * page:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    unknown = [p for p in pages if p not in RUNNERS]
    if unknown:
        parser.error(f"unknown page(s): {', '.join(unknown)}; choose from {', '.join(PAGES)}")
    if not args.store.exists():
        parser.error(f"no store at {args.store}")
    print(f"== Trends, Benchmarks, Drill-down and Hall pages on {args.store} ==", flush=True)
    report(run(args.store, pages, on_page=report_page))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
