"""Helpers for the browser tests: a Streamlit server on a copy of the tiny store, and Debian's
Chromium driven by Playwright (never a downloaded browser)."""

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

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
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


@contextmanager
def streamlit_server(store_path: Path, workdir: Path, plain: bool = False):
    """Run the dashboard as `make run` does (python -m pulse.serve), or with plain
    `streamlit run app.py`, on a private copy of a store; yield its base URL."""
    store = workdir / "browser.duckdb"
    shutil.copy(store_path, store)
    port = _free_port()
    env = {**os.environ, "PULSE_STORE": str(store)}
    log = (workdir / "streamlit.log").open("w")
    launcher = ["-m", "streamlit", "run", "app.py"] if plain else ["-m", "pulse.serve"]
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
