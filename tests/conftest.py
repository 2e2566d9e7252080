"""Shared fixtures: a hand-made store with known rows, and the generated tiny store."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from pulse import build, filters, ingest, sidecar, tables
from pulse.store import Store, open_store

# No background alert checks in the tests: app.py starts the scheduler thread, which would keep
# checking whichever store PULSE_STORE names (the shared tiny store among them) and write its
# alerts into that store's side database while other tests read it. The scheduler's own tests
# call its functions directly; servers the browser tests start inherit this too.
os.environ["PULSE_SCHEDULER"] = "off"

HANDMADE = Path(__file__).parent / "fixtures" / "handmade"
# the hand-made store's two days, 30 and 31 October 2026, as a filter and its period
TWO_DAYS = filters.Filter(
    period="custom", start=dt.date(2026, 10, 30), end=dt.date(2026, 10, 31), compare="none"
)
AS_OF = dt.date(2026, 10, 31)
PERIOD = filters.resolve(TWO_DAYS, AS_OF)


def load_handmade(store: Store) -> None:
    """Load every hand-made fixture file through the real loader, in load order."""
    for table in tables.LOAD_ORDER:
        path = HANDMADE / f"{table}.csv"
        if path.exists():
            ingest.load_file(store, table, path, loaded_by="tests", reject_file_on_error=True)


@pytest.fixture(scope="session")
def handmade_path(tmp_path_factory) -> Path:
    """A store file holding the hand-made fixtures; copy it before writing to it."""
    path = tmp_path_factory.mktemp("handmade") / "handmade.duckdb"
    store = Store(path)
    load_handmade(store)
    store.close()
    return path


@pytest.fixture
def handmade(handmade_path, tmp_path) -> Store:
    """A private, writable copy of the hand-made store."""
    path = tmp_path / "handmade.duckdb"
    shutil.copy(handmade_path, path)
    store = Store(path)
    yield store
    store.close()


# two web complaints from a source without customer ids: no customer_key, no is_repeat
NO_CUSTOMER = (
    "C4,2026-10-31 09:00:00,web,SZ,,regular,gotone,network_signal,low,false,"
    "2026-11-15 09:00:00,,,open,,,\n"
    "C5,2026-10-31 10:00:00,web,GZ,,regular,gotone,network_signal,low,false,"
    "2026-11-15 10:00:00,,,open,,,\n"
)


@pytest.fixture
def without_customers(handmade, tmp_path) -> Store:
    """The hand-made store with NO_CUSTOMER loaded through the real loader."""
    header = (HANDMADE / "complaint.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "complaint.csv"
    path.write_text(header + "\n" + NO_CUSTOMER, encoding="utf-8")
    result = ingest.load_file(
        handmade, "complaint", path, loaded_by="tests", reject_file_on_error=True
    )
    assert (result.rows_loaded, result.rows_rejected) == (2, 0)
    return handmade


@pytest.fixture(scope="session")
def tiny_path(tmp_path_factory) -> Path:
    """The generated tiny store, built once per test session through the real loader."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    build.build_store(path, "tiny")
    return path


@pytest.fixture(scope="session")
def tiny(tiny_path) -> Store:
    """The tiny store as the app opens it (one Store per process): tests must not write."""
    return open_store(tiny_path)


# 41 minutes of hall SZ-001 on the tiny store's last day: 09:00-09:39 with 2 and 6 people
# waiting in turn, one counter and estimates of 300 and 900 s in turn; 14:00 one at billing,
# two counters, no estimate
SNAPSHOTS = (
    "branch_id,service_type,snapshot_at,count_waiting,counters_open,expected_wait_s\n"
    + "".join(
        f"SZ-001,new_line,2026-10-31 09:{m:02d}:00,{2 + 4 * (m % 2)},1,{300 + 600 * (m % 2)}\n"
        for m in range(40)
    )
    + "SZ-001,billing,2026-10-31 14:00:00,1,2,\n"
)


def reads_snapshots(metric_ids) -> bool:
    """Whether any of the metrics is built from queue snapshots, which the generated data
    lacks: such a metric is read from the tiny store with SNAPSHOTS (tiny_snapshots_path)."""
    from pulse import catalog, rollups

    return any(
        rollups.sources().get(catalog.metric(m).rollup) == "queue_snapshot" for m in metric_ids
    )


@pytest.fixture(scope="session")
def tiny_snapshots_path(tiny_path, tmp_path_factory) -> Path:
    """A copy of the tiny store (with its demo accounts) holding SNAPSHOTS; tests must not
    write to it."""
    folder = tmp_path_factory.mktemp("snapshots")
    path = folder / "snapshots.duckdb"
    shutil.copy(tiny_path, path)
    shutil.copy(sidecar.path_for(tiny_path), sidecar.path_for(path))
    extract = folder / "queue_snapshot.csv"
    extract.write_text(SNAPSHOTS, encoding="utf-8")
    ingest.load_file(open_store(path), "queue_snapshot", extract, reject_file_on_error=True)
    return path


@pytest.fixture
def app_env(tiny, tiny_path, monkeypatch):
    """Point the app at the tiny store."""
    monkeypatch.setenv("PULSE_STORE", str(tiny_path))
    return tiny_path


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; started once for the whole session."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT

    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def signed_in(browser):
    """The cookies of the demo executive signed in to the shared `server`, through the form
    once and then shared: a browser context holding them opens any page signed in (the
    session cookie of pulse.serve), as a returning user's browser does. Signed in again when
    the session could be near its idle limit (settings: session_idle_min)."""
    from tests.browser import TIMEOUT, sign_in

    state = {"cookies": None, "at": 0.0}

    def cookies(url: str) -> dict:
        if state["cookies"] is None or time.monotonic() - state["at"] > 600:
            context = browser.new_context(viewport={"width": 1500, "height": 1400})
            context.set_default_timeout(TIMEOUT)
            sign_in(context.new_page(), url)
            state["cookies"], state["at"] = context.storage_state(), time.monotonic()
            context.close()
        return state["cookies"]

    return cookies


def _context(browser, request, **options):
    """A fresh browser context (its own Streamlit session), signed in as the demo executive
    (see `signed_in`) when the test uses the `server`: the test opens its first page itself."""
    from tests.browser import TIMEOUT

    state = None
    if "server" in request.fixturenames:
        state = request.getfixturevalue("signed_in")(request.getfixturevalue("server"))
    context = browser.new_context(storage_state=state, **options)
    context.set_default_timeout(TIMEOUT)
    return context


@pytest.fixture
def page(browser, request):
    """A 1500 x 1400 tab that accepts downloads (see `_context`)."""
    context = _context(
        browser, request, viewport={"width": 1500, "height": 1400}, accept_downloads=True
    )
    tab = context.new_page()
    # the browser's console is printed with a failing test's output
    tab.on("console", lambda message: print(f"console {message.type}: {message.text}"))
    tab.on("websocket", lambda ws: print(f"websocket opened {ws.url}"))
    yield tab
    context.close()


@pytest.fixture
def wide_page(browser, request):
    """A 1440 x 900 tab for the walks (see `_context`); every page is behind the sign-in
    form, and the walk reports a page that shows it."""
    from tests import walk

    context = _context(browser, request, viewport=walk.VIEWPORT)
    yield context.new_page()
    context.close()


def pytest_collection_modifyitems(items):
    """Modules marked `long` (minutes each) first, in their order, then the rest in theirs:
    `make test` hands whole files to two workers in this order, so the long ones do not start
    last and leave one worker running alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def server_dir(tmp_path_factory) -> Path:
    """The folder of the `server` fixture's store copy and run times (browser.script_runs)."""
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def server(tiny_path, server_dir):
    """The dashboard on a copy of the tiny store, started as `make run` starts it."""
    from tests.browser import streamlit_server

    with streamlit_server(tiny_path, server_dir) as url:
        yield url
