"""Benchmark what a user feels: click to settled page in Chromium, per page, for a period
change (one script run), a city swap (two: the old city out, the new one in) and a segment
change, against the floor of a nearly empty page (Data) measured in the same run; on a page
with a section control (CONTROLS) or a page-wide one (PAGE_CONTROLS) a change of it, and on
a page with section tabs the opening of each other tab. Prints medians and p95; asserts nothing.

    python -m bench.browser --store /tmp/demo.duckdb [--rounds 8] [--pages overview,queues]

The dashboard is started as `make run` starts it (python -m pulse.serve) on the store given,
and Debian's Chromium is driven by Playwright (no browser download); the walk signs in first,
as $PULSE_BENCH_USER (default the demo executive).

"Settled" is checked in the page on every animation frame (a page.wait_for_function polled by
requestAnimationFrame), so a time is the click's to within a frame. Until 2026-12-01 it was
checked by Playwright's expect(), which retries after 20, 50, 100, 100 ms and then every 500 ms:
every time past about 0.3 s was rounded up to the next half second, up to 0.5 s too long.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from bench.browser_report import Timed, report

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT = 120_000
FLOOR = "data"
# every page of app.PAGES that reads the filter (reports builds files on request)
PAGES = (
    "overview", "queues", "hotline", "surveys", "complaints", "trends", "benchmarks",
    "scorecard", "drill", "hall",
)  # fmt: skip
PERIODS = ("Last 90 days", "Last 30 days", "Quarter to date", "Last 7 days")
CITIES = ("Shenzhen", "Guangzhou")
SEGMENTS = ("Gold card", "Silver card")
# a control inside a page's first view whose change redraws its section alone (a chart's
# metric, the line a control chart shows: pulse.ui.fragment), by its label
CONTROLS = {"queues": "Metric over time", "trends": "Control chart of"}
# a control above a page's sections that every section reads (the Trends grain, the Hotline's
# queue): its change reruns the page's body, by its label
PAGE_CONTROLS = {"trends": "Granularity", "hotline": "Queue"}


class ServerRuns:
    """The dashboard's own script-run times (app.run writes each to $PULSE_RUN_TIMES): how
    much of a click's time is the Python run, and how many runs a click started."""

    def __init__(self, path: Path):
        self.path, self.offset = path, 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def since(self) -> list[float]:
        with self.path.open(encoding="utf-8") as f:
            f.seek(self.offset)
            return [float(line.split("\t")[1]) for line in f.read().splitlines() if line]


RUNS = ServerRuns(Path(tempfile.gettempdir()) / f"pulse-bench-runs-{os.getpid()}.tsv")


def sign_in(page: Page, url: str) -> None:
    """Sign in before the walk, through the form, as $PULSE_BENCH_USER (default the demo
    executive) with $PULSE_BENCH_PASSWORD (default the demo account's documented password);
    the session cookie keeps the context signed in for the whole walk."""
    user = os.environ.get("PULSE_BENCH_USER", "executive")
    password = os.environ.get("PULSE_BENCH_PASSWORD", f"pulse-demo-{user}")
    page.goto(url)
    form = page.get_by_test_id("stForm")
    form.wait_for(timeout=TIMEOUT)
    form.locator("input[type=text]").fill(user)
    form.locator("input[type=password]").fill(password)
    with page.expect_response(lambda r: "/_pulse/session?" in r.url, timeout=TIMEOUT):
        form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    form.wait_for(state="detached", timeout=TIMEOUT)


@contextmanager
def dashboard(store: Path):
    """python -m pulse.serve on the store; yield its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    RUNS.path.write_text("")  # this dashboard's runs only
    log_path = Path(tempfile.gettempdir()) / f"pulse-bench-{port}.log"
    log = log_path.open("w")
    command = [sys.executable, "-m", "pulse.serve", "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "PULSE_STORE": str(store), "PULSE_RUN_TIMES": str(RUNS.path)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"the dashboard did not start; see {log_path}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


# the run a click started has finished: the run writes the filter into the URL first, then
# Streamlit's running indicator goes and no element is left stale
SETTLED = """(before) => location.href !== before
    && !document.querySelector("[data-testid='stStatusWidget']")
    && !document.querySelector("[data-testid='stElementContainer'][data-stale='true']")"""


# resolves once the browser's main thread has nothing left to do (charts drawn)
IDLE = "() => new Promise((done) => requestIdleCallback(() => done(), {timeout: 20000}))"


def settled(page: Page, before_url: str) -> None:
    """Wait until the run a click started has finished, checked on every animation frame."""
    page.wait_for_function(SETTLED, arg=before_url, polling="raf", timeout=TIMEOUT)


# a section tab has opened: its panel (the only one in the DOM) has elements and none is stale;
# its URL does not change, so the end of the run is read from the server's run-time file
TAB_FILLED = """(bar) => {
    const panel = document.querySelector(`.${bar} [role=tabpanel]`);
    return !!panel && !!panel.querySelector("[data-testid='stElementContainer']")
        && !document.querySelector("[data-testid='stStatusWidget']")
        && !document.querySelector("[data-testid='stElementContainer'][data-stale='true']");
}"""


def open_tab(page: Page, bar: str, label: str) -> tuple[float, list[float]]:
    """Open a section tab; seconds from the click to its run's end and its panel drawn."""
    tab = page.locator(f".{bar}").get_by_role("tab", name=label, exact=True)
    return _until_run_ended(page, tab.click, TAB_FILLED, bar)


# the section's run has ended and nothing on the page is stale (its URL stays as it was)
QUIET = """() => !document.querySelector("[data-testid='stStatusWidget']")
    && !document.querySelector("[data-testid='stElementContainer'][data-stale='true']")"""


def pick_control(page: Page, label: str) -> tuple[float, list[float]]:
    """Choose another option of a select box in the page's main area; seconds from the
    click on the option to its run's end and the page quiet."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label)
    box = box.first
    box.scroll_into_view_if_needed()
    current = box.get_by_role("combobox").input_value()
    box.click()
    options = page.get_by_role("option").all_inner_texts()
    choice = next(o for o in options if o.strip() and o != current)
    return _until_run_ended(page, page.get_by_role("option", name=choice, exact=True).click)


def pick_page_control(page: Page, label: str) -> tuple[float, list[float]]:
    """Choose another option of a page-wide control (a select box, or a segmented
    control's next button); seconds from the click to its run's end and the page quiet."""
    main = page.get_by_test_id("stMain")
    buttons = main.get_by_test_id("stButtonGroup").filter(has_text=label)
    if not buttons.count():
        return pick_control(page, label)
    options = buttons.first.locator("button")
    active = buttons.first.get_by_test_id("stBaseButton-segmented_controlActive")
    chosen = options.all_inner_texts().index(active.first.inner_text()) if active.count() else 0
    return _until_run_ended(page, options.nth((chosen + 1) % options.count()).click)


def _until_run_ended(page: Page, act, check: str = QUIET, arg=None) -> tuple[float, list[float]]:
    """Seconds from the action to its run's end (read from the server's run times: the URL
    does not change) and `check` true in the page, and the script runs it started."""
    RUNS.mark()
    started = time.perf_counter()
    act()
    _run_ended()
    page.wait_for_function(check, arg=arg, polling="raf", timeout=TIMEOUT)
    return time.perf_counter() - started, RUNS.since()


def _run_ended() -> None:
    """Wait until the server has written a run's time since RUNS.mark() (or TIMEOUT)."""
    deadline = time.perf_counter() + TIMEOUT / 1000
    while not RUNS.since() and time.perf_counter() < deadline:
        time.sleep(0.005)


def _box(page: Page, testid: str, label: str):
    return page.get_by_test_id("stSidebar").get_by_test_id(testid).filter(has_text=label)


def _close_menus(page: Page) -> None:
    """Close an open option list: a click beside it, on the page's empty top-left corner."""
    page.mouse.click(2, 2)
    expect(page.get_by_role("listbox")).to_have_count(0, timeout=TIMEOUT)


def pick_period(page: Page, option: str) -> tuple[float, list[float]]:
    """Choose a period; seconds from the click on the option to the settled page."""
    _box(page, "stSelectbox", "Period").click()
    return _timed(page, page.get_by_role("option", name=option, exact=True).click)


def _timed(page: Page, act) -> tuple[float, list[float]]:
    """Seconds from the action to the settled page, and the script runs it started. The
    server's record of the run's end is waited for too: the URL changes at the run's start,
    and a check made before the running indicator showed passed once in a while (a Hotline
    period change was timed with no run behind it)."""
    before = page.url
    RUNS.mark()
    started = time.perf_counter()
    act()
    _run_ended()
    settled(page, before)
    return time.perf_counter() - started, RUNS.since()


def pick(page: Page, label: str, option: str) -> tuple[float, list[float]]:
    """Add an option to a sidebar multiselect; seconds to the settled page."""
    _box(page, "stMultiSelect", label).click()
    page.keyboard.type(option)  # the list shows its first options only (a province's cities)
    timed = _timed(page, page.get_by_role("option", name=option, exact=True).click)
    _close_menus(page)
    return timed


def drop_last(page: Page, label: str) -> tuple[float, list[float]]:
    """Remove the last choice of a sidebar multiselect (Backspace); seconds to settled."""
    box = _box(page, "stMultiSelect", label)
    box.locator("input").focus()
    timed = _timed(page, lambda: page.keyboard.press("Backspace"))
    _close_menus(page)
    return timed


def open_page(page: Page, url: str, slug: str) -> None:
    """Open a page on the walk's filter (last 30 days, Shenzhen) and wait until its first run
    has ended and the browser has drawn it."""
    # the first page is the app's default, served at "/": "/overview" opens a "page not
    # found" dialog that leaves the page inert under it
    path = "" if slug == PAGES[0] else slug
    RUNS.mark()
    page.goto(f"{url}/{path}?period=last_30&city=SZ")
    expect(_box(page, "stSelectbox", "Period")).to_be_visible(timeout=TIMEOUT)
    _run_ended()  # the page's first run
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    stale = page.locator("[data-testid='stElementContainer'][data-stale='true']")
    expect(stale).to_have_count(0, timeout=TIMEOUT)
    # and the browser has drawn it: the charts draw after the run, and a first change timed
    # while they still drew took 2.5 s where the next ones took 0.6-0.9 s
    page.evaluate(IDLE)


def walk(page: Page, url: str, slug: str, rounds: int, segments: bool) -> dict[str, list[Timed]]:
    """Open a page, then time `rounds` period changes, city swaps and segment changes with
    its first section tab open, then `rounds` openings of its other tabs in turn."""
    open_page(page, url, slug)
    times: dict[str, list[Timed]] = {
        "period": [], "city swap": [], "segment": [], "control": [], "page control": [],
        "tab": [],
    }  # fmt: skip
    for i in range(rounds):
        times["period"].append(pick_period(page, PERIODS[i % len(PERIODS)]))
        # the city in the URL goes out, the other one comes in: two runs
        out, back = drop_last(page, "City"), pick(page, "City", CITIES[(i + 1) % len(CITIES)])
        times["city swap"].append((out[0] + back[0], out[1] + back[1]))
        if not segments:
            continue
        if i % 2 == 0:
            times["segment"].append(pick(page, "Segment", SEGMENTS[(i // 2) % len(SEGMENTS)]))
        else:
            times["segment"].append(drop_last(page, "Segment"))
    if slug in CONTROLS:
        times["control"] = [pick_control(page, CONTROLS[slug]) for _ in range(rounds)]
    if slug in PAGE_CONTROLS:
        label = PAGE_CONTROLS[slug]
        times["page control"] = [pick_page_control(page, label) for _ in range(rounds)]
    bar = f"st-key-{slug}_tab_en"
    labels = page.locator(f".{bar}").get_by_role("tab").all_inner_texts()
    if len(labels) > 1:  # a page with section tabs, each built when it is opened
        for i in range(rounds):
            label = labels[1 + i % (len(labels) - 1)]
            opened = open_tab(page, bar, label)
            times["tab"].append(opened)
            times.setdefault(f"tab: {label}", []).append(opened)
        open_tab(page, bar, labels[0])  # the next visit starts on the first tab again
    return {kind: found for kind, found in times.items() if found}


@contextmanager
def signed_in(store: Path):
    """The dashboard on the store and a page of Debian's Chromium signed in to it, for the
    benchmarks that walk it: yields (url, the browser, the page)."""
    with dashboard(store) as url, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # tall enough for the sidebar's filters below the page list: at 1000 px the City
            # box sat on the bottom edge and its option list never opened
            page = chromium.new_page(viewport={"width": 1400, "height": 1400})
            page.set_default_timeout(TIMEOUT)
            sign_in(page, url)
            yield url, chromium, page
        finally:
            chromium.close()


def run(store: Path, pages: list[str], rounds: int, segments: bool) -> dict:
    results = {}
    with signed_in(store) as (url, _, page):
        walk(page, url, FLOOR, 1, segments)  # the server's first runs read the store: untimed
        for slug in [FLOOR, *pages]:
            results[slug] = walk(page, url, slug, rounds, segments)
            print(f"  {slug}: done", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=8, help="changes of each kind per page")
    parser.add_argument("--pages", default=",".join(PAGES))
    # a shorter walk: the segment picks add a third of its time
    parser.add_argument("--no-segment", action="store_true", help="leave segment changes out")
    args = parser.parse_args(argv)
    if not args.store.exists():
        parser.error(f"no store at {args.store}")
    pages = [p for p in args.pages.split(",") if p]
    started = time.perf_counter()
    results = run(args.store.resolve(), pages, args.rounds, not args.no_segment)
    report(results, FLOOR)
    print(f"walked in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
