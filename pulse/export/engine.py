"""One headless Chromium for the whole process, kept alive between exports: kaleido renders
chart images in it and report HTML is printed to PDF in it. Starting a browser takes seconds;
an image in a running one takes a fraction of a second.

Calls may come from any thread (Streamlit runs each session's script and each deferred
download in its own); they are handed to one event loop on a daemon thread, where kaleido's
tab queue serialises the work, and each caller waits for its own result.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import tempfile
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path

import plotly.graph_objects as go

TIMEOUT_S = 120  # one image or one report; kaleido's own limit per image is the same
_TABS = 1  # the machine has two cores: one render at a time keeps the page responsive


class ExportError(RuntimeError):
    """The browser could not produce the file."""


class Engine:
    """A kaleido browser and the event loop that drives it, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    @property
    def running(self) -> bool:
        """True while a browser is open."""
        return self._kaleido is not None

    def image(self, fig: go.Figure, kind: str, width: int, height: int, scale: float) -> bytes:
        """A figure as PNG, SVG or PDF bytes."""
        opts = {"format": kind, "width": width, "height": height, "scale": scale}
        return self._call(lambda k: k.calc_fig(fig, opts=opts))

    def pdf(self, html: str, *, footer: str = "") -> bytes:
        """An HTML document printed to PDF by the browser: its @page CSS sets size and
        margins; `footer` is Chromium's footer template (page numbers and the like)."""
        return self._call(lambda k: _print(k, html, footer))

    def close(self) -> None:
        """Close the browser and stop the loop; the next call starts them again."""
        with self._lock:
            self._close_locked()

    def _call(self, make: Callable) -> bytes:
        for attempt in (1, 2):
            kaleido, loop = self._ensure()
            future = asyncio.run_coroutine_threadsafe(_guarded(make(kaleido)), loop)
            try:
                return future.result(timeout=TIMEOUT_S)
            except TimeoutError as err:
                future.cancel()
                self.close()
                raise ExportError(f"the browser took longer than {TIMEOUT_S} s") from err
            except _BrowserGone as err:
                self.close()  # a crashed or killed browser: start a fresh one, once
                if attempt == 2:
                    raise ExportError(f"the browser stopped: {err.__cause__}") from err
        raise AssertionError("unreachable")

    def _ensure(self):
        with self._lock:
            if self._kaleido is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="pulse-export", daemon=True)
                thread.start()
                try:
                    self._kaleido = asyncio.run_coroutine_threadsafe(_open(), loop).result(
                        timeout=TIMEOUT_S
                    )
                except Exception as err:
                    loop.call_soon_threadsafe(loop.stop)
                    raise ExportError(_no_browser_message(err)) from err
                self._loop = loop
            return self._kaleido, self._loop

    def _close_locked(self) -> None:
        if self._kaleido is None:
            return
        kaleido, loop = self._kaleido, self._loop
        self._kaleido = self._loop = None
        # closing a browser that is already gone may fail in any way; it is gone either way
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(kaleido.close(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)


class _BrowserGone(Exception):
    """The browser process or its pipe is gone."""


async def _guarded(coroutine: Coroutine):
    from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError

    try:
        return await coroutine
    except (BrowserClosedError, BrowserFailedError, ChannelClosedError) as err:
        raise _BrowserGone(str(err)) from err


async def _open():
    import kaleido

    # mathjax=False: no LaTeX in our charts, and no fetch from a CDN on a closed network
    browser = kaleido.Kaleido(n=_TABS, mathjax=False)
    await browser.open()
    return browser


async def _print(browser, html: str, footer: str) -> bytes:
    # a file, not Page.setDocumentContent: a report with many charts exceeds one message
    with tempfile.TemporaryDirectory(prefix="pulse-print-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        tab = await browser.create_tab("about:blank")
        try:
            _check(await tab.send_command("Page.enable"))
            loaded = tab.subscribe_once("Page.loadEventFired")
            _check(await tab.send_command("Page.navigate", params={"url": page.as_uri()}))
            await asyncio.wait_for(loaded, timeout=TIMEOUT_S)  # fonts and inline SVG are in
            params = {
                "printBackground": True,
                "preferCSSPageSize": True,
                "displayHeaderFooter": bool(footer),
                "headerTemplate": "<span></span>",
                "footerTemplate": footer or "<span></span>",
            }
            result = _check(await tab.send_command("Page.printToPDF", params=params))
            return base64.b64decode(result["result"]["data"])
        finally:
            await browser.close_tab(tab.target_id)


def _check(response: dict) -> dict:
    if "error" in response:
        raise ExportError(f"the browser refused: {response['error']}")
    return response


def _no_browser_message(err: Exception) -> str:
    return (
        "Could not start Chromium for exports "
        f"({type(err).__name__}: {err}). Install Debian's chromium "
        "(scripts/system-deps.sh does) or set BROWSER_PATH to a Chromium executable."
    )


_engine = Engine()
atexit.register(_engine.close)


def engine() -> Engine:
    """The process's one export engine."""
    return _engine
