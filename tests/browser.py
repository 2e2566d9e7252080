"""Helpers for the browser tests: a Streamlit server on a copy of the tiny store (and of its
side database, which holds the demo accounts), Debian's Chromium driven by Playwright (never a
downloaded browser), and signing in through the sign-in form."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Download, Page, expect

from pulse import sidecar
from pulse.build import demo_password

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TIMEOUT = 90_000  # a shared CI machine can take a while to draw a page's first run
# Chromium's own background traffic is refused on a closed network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served_store(workdir: Path) -> Path:
    """The store copy a server started by streamlit_server(…, workdir) opens."""
    return workdir / "browser.duckdb"


@contextmanager
def streamlit_server(store_path: Path, workdir: Path, plain: bool = False, secrets=None):
    """Run the dashboard as `make run` does (python -m pulse.serve), or with plain
    `streamlit run app.py`, on a private copy of a store and its accounts; yield its base URL.
    `secrets(url)`, when given, returns the text of the secrets.toml the server reads."""
    store = served_store(workdir)
    shutil.copy(store_path, store)
    # the store's write-ahead log goes with it; a log left by an earlier server in the same
    # folder would not match the copy, and DuckDB refuses to open it
    wal, source_wal = Path(f"{store}.wal"), Path(f"{store_path}.wal")
    wal.unlink(missing_ok=True)
    if source_wal.exists():
        shutil.copy(source_wal, wal)
    shutil.copy(sidecar.path_for(store_path), sidecar.path_for(store))
    port = _free_port()
    # every script run's time and name (pulse.runtimes): read by script_runs(workdir)
    env = {**os.environ, "PULSE_STORE": str(store), "PULSE_RUN_TIMES": str(_runs(workdir))}
    log = (workdir / "streamlit.log").open("w")
    launcher = ["-m", "streamlit", "run", "app.py"] if plain else ["-m", "pulse.serve"]
    if secrets is not None:
        secrets_file = workdir / "secrets.toml"
        secrets_file.write_text(secrets(f"http://127.0.0.1:{port}"), encoding="utf-8")
        launcher += ["--secrets.files", str(secrets_file)]
    process = subprocess.Popen(
        [
            sys.executable,
            *launcher,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log.flush()
                    raise RuntimeError((workdir / "streamlit.log").read_text()) from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _runs(workdir: Path) -> Path:
    return workdir / "runs.tsv"


def script_runs(workdir: Path) -> list[str]:
    """What each script run of the server started in `workdir` ran, oldest first: a page's
    slug for a whole run, "section NAME" for a section's run alone (pulse.ui.fragment)."""
    path = _runs(workdir)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line.split("\t")[0] for line in lines]


def runs_since(workdir: Path, before: int, count: int) -> list[str]:
    """The script runs recorded after the first `before`, once there are `count` of them (a
    run is recorded when it ends, which on a loaded machine can be after the browser shows
    it), or what there is after TIMEOUT."""
    deadline = time.monotonic() + TIMEOUT / 1000
    while len(runs := script_runs(workdir)[before:]) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return runs


def sign_in(
    page: Page, url: str | None = None, user: str = "executive", password=None, cookie=True
) -> None:
    """Open `url` (or stay) and sign in through the form as a demo account, in either
    language, then wait until the page has drawn. With `cookie` (a server started by
    pulse.serve) it also waits for the session's cookie, which keeps the browser context
    signed in across reloads and new pages."""
    if url is not None:
        page.goto(url)
    form = page.get_by_test_id("stForm")
    expect(form).to_be_visible(timeout=TIMEOUT)
    wait_until_idle(page)
    if page.get_by_role("dialog").count():  # plain `streamlit run`'s "page not found"
        page.keyboard.press("Escape")
    form.locator("input[type=text]").fill(user)
    form.locator("input[type=password]").fill(password or demo_password(user))
    if cookie:
        with page.expect_response(lambda r: "/_pulse/session?" in r.url, timeout=TIMEOUT):
            form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    else:
        form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(form).to_have_count(0, timeout=TIMEOUT)
    wait_until_idle(page)


def wait_until_idle(page: Page) -> None:
    """Wait until the script run has finished: Streamlit shows a running indicator while a
    script runs and marks the previous run's elements stale until they are drawn again."""
    page.wait_for_timeout(400)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    stale = page.locator("[data-testid='stElementContainer'][data-stale='true']")
    expect(stale).to_have_count(0, timeout=TIMEOUT)


def open_tab(page: Page, label: str) -> None:
    """Click one of the page's section tabs (only the open one is built) and wait for its run."""
    wait_until_idle(page)
    page.get_by_role("tab", name=label, exact=True).click()
    expect(page.get_by_role("tab", name=label, exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    wait_until_idle(page)


def query(page: Page) -> dict:
    """The page URL's query parameters, one value each."""
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option in the sidebar select box with this label."""
    wait_until_idle(page)  # let the run before the pick finish first
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=label)
    before = page.url
    already = box.get_by_role("combobox").input_value() == option
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    if not already:  # the filter lives in the URL: the new run has written it
        expect(page).not_to_have_url(before, timeout=TIMEOUT)
    wait_until_idle(page)


def select_first_row(page: Page, grid) -> None:
    """Tick the selection box of a data grid's first body row and wait for the run it starts.
    The grid draws on a canvas, so the click goes to a spot: it is made once the grid is in
    view, has drawn its rows (its accessible table mirrors them) and has stopped moving."""
    grid.scroll_into_view_if_needed()
    expect(grid.locator(".dvn-scroller")).to_have_count(1)
    expect(grid.locator("table td").first).to_be_attached()
    wait_until_idle(page)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # header 35 px, rows 35 px
    wait_until_idle(page)


def download_after(page: Page, element, kind: str) -> Download:
    """Open the Download menu that show.chart and show.table draw under a chart or table (the
    first one after `element`) and download one format (CSV, XLSX, PNG ...)."""
    element.scroll_into_view_if_needed()
    menu = element.locator("xpath=following::*[@data-testid='stPopover'][1]")
    menu.get_by_role("button").first.click()
    body = page.get_by_test_id("stPopoverBody").last
    with page.expect_download(timeout=TIMEOUT) as info:
        body.get_by_role("button", name=kind, exact=True).click()
    return info.value


def download_from(page: Page, title: str, kind: str) -> Download:
    """Download one format of the chart or table with this title."""
    return download_after(page, page.get_by_text(title, exact=True).first, kind)
