"""Script runs timed into $PULSE_RUN_TIMES when it is set: a line per run (what ran, wall
and CPU seconds), which bench.browser reads to tell a click's Python time from the
browser's. A whole run is timed by app.run, a section rerun alone by pulse.ui.fragment."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager


class Run:
    """What a timed run is called; set when it is known (a page's slug after routing)."""

    name = "?"


@contextmanager
def timed(name: str = "?"):
    run = Run()
    run.name = name
    started, cpu = time.perf_counter(), time.thread_time()
    try:
        yield run
    finally:
        path = os.environ.get("PULSE_RUN_TIMES")
        if path:
            wall, cpu = time.perf_counter() - started, time.thread_time() - cpu
            with open(path, "a", encoding="utf-8") as times:
                times.write(f"{run.name}\t{wall:.4f}\t{cpu:.4f}\n")
