"""What a chart costs the browser: each page's charts, taken from the dashboard before and after
a period change, drawn again in a blank Chromium page with the plotly.js Streamlit bundles
(3.8.2, the same file plotly.py ships). Prints, per chart, the median ms of a first draw
(`Plotly.newPlot`, what the dashboard does on every change: Streamlit names a chart by its
figure, so a new figure is a new chart) and of an update in place (`Plotly.react` from the
figure before the change to the one after). Asserts nothing.

    python -m bench.chart_draw --store /tmp/demo.duckdb [--pages complaints,trends] [--rounds 9]

The figures are the ones the page drew, with Streamlit's theme applied (read from the chart
elements), so the draw is the page's own but without the page around it: compare charts and
the two ways of drawing, not seconds with bench.browser.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench import browser

PLOTLY_JS = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"
# each chart as drawn, and the sides whose margin plotly widened after a first layout (so it
# laid the chart out twice): the margin given, else the theme's, against the one it settled on
TAKE = """() => [...document.querySelectorAll('.js-plotly-plot')].map((g) => {
    const given = {...(g.layout.template?.layout?.margin ?? {}), ...(g.layout.margin ?? {})};
    return {data: g.data, layout: g.layout, width: g._fullLayout.width,
        pushed: ['l', 'r', 't', 'b'].filter((s) => g._fullLayout._size[s] > (given[s] ?? 0)),
        // pulse.ui.show.chart writes the chart's title just before it
        title: g.closest('[data-testid="stElementContainer"]')?.previousElementSibling
            ?.innerText ?? ''};
})"""
DRAW = """([charts, after, rounds]) => {
    const box = document.createElement('div');
    document.body.appendChild(box);
    const times = charts.map(() => ({first: [], update: []}));
    for (let r = 0; r < rounds; r++) {
        charts.forEach((chart, i) => {
            const next = after[i];
            box.style.width = chart.width + 'px';
            Plotly.purge(box);
            let t0 = performance.now();
            Plotly.newPlot(box, next.data, next.layout);
            times[i].first.push(performance.now() - t0);
            Plotly.purge(box);
            Plotly.newPlot(box, chart.data, chart.layout);
            t0 = performance.now();
            Plotly.react(box, next.data, next.layout);
            times[i].update.push(performance.now() - t0);
        });
    }
    return times;
}"""


# every chart element on view holds a drawn plot (a page whose open tab has none, as the
# Overview's, passes at once): the first page of a session loads plotly.js itself after the
# run, and the browser could fall idle before a plot was drawn
DRAWN = """() => {
    // a chart in a closed expander is not on view (no box), and plotly does not draw it
    const boxes = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .filter((b) => b.getClientRects().length > 0);
    return boxes.every((b) => b.querySelector('.js-plotly-plot')?._fullLayout);
}"""


def take(page, url: str, slug: str) -> tuple[list, list]:
    """The page's charts on the walk's filter, and after a period change."""
    browser.open_page(page, url, slug)
    page.wait_for_function(DRAWN, timeout=browser.TIMEOUT)
    before = page.evaluate(TAKE)
    browser.pick_period(page, browser.PERIODS[0])
    page.evaluate(browser.IDLE)
    page.wait_for_function(DRAWN, timeout=browser.TIMEOUT)
    return before, page.evaluate(TAKE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--pages", default="overview,queues,hotline,surveys,complaints,trends")
    parser.add_argument("--rounds", type=int, default=9, help="draws of each chart each way")
    args = parser.parse_args(argv)
    if not args.store.exists():
        parser.error(f"no store at {args.store}")
    taken = {}
    with browser.signed_in(args.store.resolve()) as (url, chromium, page):
        for slug in [p for p in args.pages.split(",") if p]:
            taken[slug] = take(page, url, slug)
        blank = chromium.new_page(viewport={"width": 1400, "height": 1400})
        blank.set_content("<html><body></body></html>")
        blank.add_script_tag(path=str(PLOTLY_JS))
        print("ms per chart, median: a first draw (newPlot) / an update in place (react);")
        print("the margins plotly widened in the page (so laid the chart out twice)")
        for slug, (before, after) in taken.items():
            if len(before) != len(after) or not before:
                print(f"{slug}: {len(before)} charts before the change, {len(after)} after")
                continue
            times = blank.evaluate(DRAW, [before, after, args.rounds])
            first = [statistics.median(t["first"]) for t in times]
            update = [statistics.median(t["update"]) for t in times]
            print(f"{slug}: all {len(first)} charts {sum(first):.0f} / {sum(update):.0f}")
            for chart, f, u in zip(after, first, update, strict=True):
                traces = len(chart["data"])
                pushed = ",".join(chart["pushed"]) or "-"
                print(
                    f"  {f:6.1f} / {u:5.1f}  {traces:3d} traces  {pushed:7s} {chart['title'][:55]}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
