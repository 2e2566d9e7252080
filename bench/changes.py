"""Benchmark a page's whole script run when a user changes the period, as the server runs it:
one AppTest session signed in as the demo executive, the store's result cache kept between
runs (a running dashboard keeps it), periods changed in turn. Prints the median and p95 of
the runs after the first; asserts nothing. The browser adds its floor on top of these
(python -m bench.browser measures click to settled page).

    python -m bench.changes --store /tmp/demo.duckdb [--page overview] [--rounds 8]
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
    times = []
    for _ in range(args.rounds):
        for period in PERIODS:
            at.query_params["period"] = period
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
    load = os.getloadavg()[0]
    print(
        f"{args.page}: {len(times)} period changes, load {load:.1f} (1 min), {os.cpu_count()} cores"
    )
    print(f"script run, seconds: median {statistics.median(times):.3f}, p95 {p95(times):.3f}")


if __name__ == "__main__":
    main()
