"""Where a filter change's time goes in the browser: Chromium's own CPU profiler (the DevTools
protocol's Profiler domain, sampling every 0.2 ms) over each period change, its samples summed
by what ran. Prints, per page, the milliseconds a change spends waiting for the server (idle),
in plotly.js, in React, in the styling libraries, in the rest of Streamlit's scripts, in the
browser's own work (the DOM's built-ins, style, layout and paint: the profiler's "(program)")
and in garbage collection. The profile runs from the click that opens the period box to the
settled page, and the profiler slows the page a little: compare pages, not seconds. Asserts
nothing.

    python -m bench.browser_profile --store /tmp/demo.duckdb [--rounds 4] [--pages queues]

It walks as bench.browser does (the dashboard as `make run` starts it, Debian's Chromium,
signed in as $PULSE_BENCH_USER), against the Data page's floor.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from bench import browser

# a script's file name (Streamlit's bundles are named for what they hold) -> its group
GROUPS = (
    ("plotly", "plotly.js"),
    ("react-dom", "React"),
    ("emotion", "styling"),
    ("styled-components", "styling"),
)
SPECIAL = {
    "(idle)": "idle (server)",
    "(program)": "DOM/layout/paint",
    "(garbage collector)": "GC",
}
ORDER = (
    "idle (server)",
    "plotly.js",
    "React",
    "styling",
    "other JS",
    "DOM/layout/paint",
    "GC",
)


def group(call_frame: dict) -> str:
    """The group a profile node's time counts to."""
    name = call_frame["functionName"]
    if name in SPECIAL:
        return SPECIAL[name]
    if not call_frame["url"]:  # a built-in (getBoundingClientRect, setAttribute ...)
        return "DOM/layout/paint"
    script = call_frame["url"].rsplit("/", 1)[-1].lower()
    return next((label for key, label in GROUPS if key in script), "other JS")


def profile_changes(page, rounds: int) -> tuple[dict[str, float], float]:
    """`rounds` period changes under the profiler: ms per change by group, and the median
    seconds from click to settled page."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    spent: dict[str, float] = collections.Counter()
    seconds = []
    for i in range(rounds):
        cdp.send("Profiler.start")
        seconds.append(browser.pick_period(page, browser.PERIODS[i % len(browser.PERIODS)])[0])
        found = cdp.send("Profiler.stop")["profile"]
        nodes = {node["id"]: node["callFrame"] for node in found["nodes"]}
        for sample, delta_us in zip(found["samples"], found["timeDeltas"], strict=True):
            spent[group(nodes[sample])] += delta_us / 1000 / rounds
    cdp.detach()
    return spent, sorted(seconds)[len(seconds) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=4, help="period changes per page")
    parser.add_argument("--pages", default="overview,queues,hotline,surveys,complaints")
    args = parser.parse_args(argv)
    if not args.store.exists():
        parser.error(f"no store at {args.store}")
    started = time.perf_counter()
    rows = {}
    with browser.signed_in(args.store.resolve()) as (url, _, page):
        browser.open_page(page, url, browser.FLOOR)  # the server's first runs read the store
        for slug in [browser.FLOOR, *[p for p in args.pages.split(",") if p]]:
            browser.open_page(page, url, slug)
            rows[slug] = profile_changes(page, args.rounds)
    print(f"ms of the browser's main thread per period change ({args.rounds} changes a page)")
    print(f"{'page':<14}{'settled':>9}" + "".join(f"{g[:16]:>18}" for g in ORDER))
    for slug, (spent, median) in rows.items():
        name = f"{slug} (floor)" if slug == browser.FLOOR else slug
        cells = "".join(f"{spent.get(g, 0.0):>18.0f}" for g in ORDER)
        print(f"{name:<14}{median:>8.2f}s{cells}")
    print(f"profiled in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
