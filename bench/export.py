"""Benchmark: the time to render one chart image (the first, which starts the browser, then
each after it) and to build the full board report as PDF, PPTX and XLSX. Prints figures;
asserts nothing. Targets: a chart image under 0.5 s after the first; the full report at demo
scale under 20 s.

    python -m bench.export --store /tmp/demo.duckdb            (a demo store: python -m pulse.build)
    python -m bench.export --store STORE --period last_quarter --repeat 10
    python -m bench.export --store STORE --facts last_30,last_90,last_year   (the numbers only)
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from pulse import dimensions, filters, report
from pulse.export import images
from pulse.export.engine import engine
from pulse.store import Store, default_path


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def chart_images(store: Store, f: filters.Filter, repeat: int) -> dict:
    """A report chart rendered as PNG, SVG and PDF: the first image, then `repeat` more each."""
    chart = report.preview(store, report.Request(f, sections=("queues",)))
    engine().close()  # measure the browser start honestly
    _, first = _timed(lambda: images.render(chart.figure, "png", chart.stamp))
    out = {"chart": chart.title, "first_png_s": round(first, 3)}
    for kind in images.FORMATS:
        times = [
            _timed(lambda k=kind: images.render(chart.figure, k, chart.stamp))[1]
            for _ in range(repeat)
        ]
        out[f"{kind}_median_s"] = round(statistics.median(times), 3)
        out[f"{kind}_max_s"] = round(max(times), 3)
    return out


def full_report(store: Store, f: filters.Filter, lang: str) -> dict:
    """The whole report (every section) built once and written in each format, cold cache."""
    store.clear_cache()
    request = report.Request(f, lang=lang)
    built, build_s = _timed(lambda: report.build(store, request))
    out = {
        "sections": len(built.sections),
        "charts": len(built.charts()),
        "tables": sum(1 for _, b in built.blocks() if isinstance(b, report.Table)),
        "build_s": round(build_s, 2),
    }
    for kind in report.FORMATS:
        data, seconds = _timed(lambda k=kind: report.write(built, k))
        out[f"{kind}_s"] = round(seconds, 2)
        out[f"{kind}_kb"] = round(len(data) / 1024)
        out[f"{kind}_total_s"] = round(build_s + seconds, 2)
    return out


def facts(store: Store, dims, periods: list[str], repeat: int = 4) -> dict:
    """The numbers a company-wide report reads (every family's totals, cities, halls and
    trend), cold cache: median and each run's seconds per period."""
    out = {}
    for period in periods:
        f = filters.Filter(period=period)
        resolved = filters.resolve(f, dims.as_of)
        times = []
        for _ in range(repeat):
            store.clear_cache()
            started = time.perf_counter()
            found = report.facts.Facts(store, f, resolved, dims)
            for family in report.facts.FAMILIES.values():
                metrics = [m.id for m in found.metrics(family)]
                found.totals(family), found.by_city(family), found.by_hall(family)
                found.trend(family, metrics)
            times.append(round(time.perf_counter() - started, 2))
        out[period] = {"median_s": round(statistics.median(times), 2), "runs_s": times}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=default_path())
    parser.add_argument("--period", default="last_quarter")
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--facts", default="", help="periods: time the report's numbers only")
    args = parser.parse_args()
    store = Store(args.store, read_only=True)
    dims = dimensions.load(store)
    if args.facts:
        found = facts(store, dims, args.facts.split(","))
        print(json.dumps({"store": str(args.store), "facts": found}, indent=2))
        return
    f = filters.Filter(period=args.period)
    result = {
        "store": str(args.store),
        "halls": len(dims.halls),
        "period": args.period,
        "images": chart_images(store, f, args.repeat),
        "report": full_report(store, f, args.lang),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
