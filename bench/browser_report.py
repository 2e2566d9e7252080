"""bench.browser's printout: per page and kind of change the median and p95 from click to
settled page, in floors (the nearly empty page's median for the same kind of change), the
Python run behind it, and each section tab on its own."""

from __future__ import annotations

import os
import statistics

from bench.run import p95

Timed = tuple[float, list[float]]  # seconds to the settled page; the script runs it started


def report(results: dict[str, dict[str, list[Timed]]], floor_page: str) -> None:
    """Print the walk's results; `floor_page` is the page whose times are the floor."""
    kinds = tuple(results[floor_page])
    floor = {k: statistics.median(t for t, _ in results[floor_page][k]) for k in kinds}
    # opening a tab or changing a section's control is one run, like a period change
    floor["tab"] = floor["control"] = floor["page control"] = floor["period"]
    more = ("control", "page control", "tab")
    kinds += tuple(k for k in more if any(k in timed for timed in results.values()))
    print(f"load: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} cores")
    print("click to settled page, seconds: median / p95 (median as a multiple of the floor);")
    print("script: the median of the Python runs' own time for a change, and runs per change;")
    print("control: another option of a section's own control (CONTROLS); page control:")
    print("another option of a control every section reads (PAGE_CONTROLS); tab: opening")
    print("another section tab (all three floored by the period change)")
    print(f"{'page':<14}" + "".join(f"{k:>44}" for k in kinds))
    for slug, timed in results.items():
        cells = []
        for k in kinds:
            if k not in timed:
                cells.append("—")
                continue
            seconds = [t for t, _ in timed[k]]
            median = statistics.median(seconds)
            script = statistics.median(sum(runs) for _, runs in timed[k])
            runs = statistics.mean(len(runs) for _, runs in timed[k])
            cells.append(
                f"{median:5.2f} / {p95(seconds):5.2f} ({median / floor[k]:3.1f}x)"
                f"  script {script:4.2f} x{runs:3.1f}"
            )
        name = f"{slug} (floor)" if slug == floor_page else slug
        print(f"{name:<14}" + "".join(f"{c:>44}" for c in cells))
    print("each tab: median / p95 s (opened in turn, so a few times each)")
    for slug, timed in results.items():
        for k, found in timed.items():
            if k.startswith("tab: "):
                seconds = [t for t, _ in found]
                script = statistics.median(sum(runs) for _, runs in found)
                print(
                    f"  {slug:<12} {k[5:]:<40} {statistics.median(seconds):5.2f} / "
                    f"{p95(seconds):5.2f}  script {script:4.2f}"
                )
