"""Benchmark a page's whole script run when a user changes the period, as the server runs it:
one AppTest session signed in as the demo executive, the store's result cache kept between
runs (a running dashboard keeps it), periods changed in turn. Prints the median and p95 of
the runs after the first; asserts nothing. The browser adds its floor on top of these
(python -m bench.browser measures click to settled page).

With --cold every run asks for a city and period not asked before, as the browser benchmark's
walk does (a new filter's queries, not a revisit's cache hits).

    python -m bench.changes --store /tmp/demo.duckdb [--page overview] [--rounds 8] [--cold]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from bench.run import p95

ROOT = Path(__file__).resolve().parent.parent
PERIODS = ("last_90", "last_7", "last_30", "mtd")


def main(argv: list[str] | None = None) -> None:
    """Time `rounds` changes through every period of PERIODS on one page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--page", default="overview", help="a page of pages/ (overview: app)")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--cold", action="store_true", help="a new city and period each run")
    args = parser.parse_args(argv)
    os.environ["PULSE_STORE"] = str(args.store.resolve())
    os.environ["PULSE_SCHEDULER"] = "off"  # no background alert checks beside the runs
    from streamlit.testing.v1 import AppTest

    from tests.apptest import sign_in

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params["period"] = "last_30"
    sign_in(at)
    if args.page != "overview":
        at.switch_page(f"pages/{args.page}.py")
    at.run()  # the first run reads the store and fills the caches: not counted
    filters = [(period, None) for _ in range(args.rounds) for period in PERIODS]
    if args.cold:
        cities = _cities(args.store)
        filters = [(p, c) for c in cities for p in PERIODS][: args.rounds * len(PERIODS)]
    times = []
    for period, city in filters:
        at.query_params["period"] = period
        if city:
            at.query_params["city"] = city
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    load = os.getloadavg()[0]
    asked = "new filters" if args.cold else "period changes"
    print(f"{args.page}: {len(times)} {asked}, load {load:.1f} (1 min), {os.cpu_count()} cores")
    print(f"script run, seconds: median {statistics.median(times):.3f}, p95 {p95(times):.3f}")


def _cities(store: Path) -> list[str]:
    """The store's cities, in order."""
    from pulse import dimensions
    from pulse.store import open_store

    return list(dimensions.load(open_store(store)).cities["city_id"])


if __name__ == "__main__":
    main()
