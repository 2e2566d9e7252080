"""Walk every page at 1440 x 900 in both languages: what a user would see that they should not
(a traceback, a server path, a raw code from the dimensions, a table wider than its box), and
a screenshot of each page. The browser walk test and `python -m tests.walk` share it."""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT,
    sign_in,
    streamlit_server,
    wait_until_idle,
)

ARTIFACTS = Path(__file__).parent / "artifacts" / "walk"
VIEWPORT = {"width": 1440, "height": 900}
# Every page, with a query that shows it filled (the hall profile needs a hall).
PAGES = [
    ("", "period=last_90&compare=last_year"),  # the Overview is the root page
    ("queues", ""),
    ("hotline", ""),
    ("surveys", ""),
    ("complaints", ""),
    ("trends", ""),
    ("benchmarks", ""),
    ("scorecard", ""),
    ("drill", "city=SZ"),
    ("hall", "hall=SZ-002"),
    ("data", ""),
    ("reports", ""),
]
# The code columns of the dimension tables: every value is a code a user must never read.
CODE_COLUMNS = {
    "city": ("city_id", "province_id"),
    "branch": ("tier",),
    "hotline_queue": ("queue_id", "skill", "centre"),
    "segment": ("segment_id", "segment_group"),
    "brand": ("brand_id",),
    "channel": ("channel_id",),
    "service_type": ("service_type_id",),
    "complaint_category": ("subcategory_id", "category_id"),
}
# Words that are also ordinary English on a page ("Standard" queue, "low" urgency are worded
# by their labels; these lower-case codes are caught, capitalised English words are not).
NEVER = ("NaT", "nan", "None")
# Hall codes (SZ-002) are shown beside a hall's name where halls of two cities share a name,
# so they are allowed; the branch_id column is left out of CODE_COLUMNS for that reason.
_LINK = re.compile(r"\S*\?\S*=\S*|https?://\S+")
TRACEBACK = re.compile(r"Traceback|File \"/|/work/|site-packages|\.py\", line")


@dataclass
class Problem:
    """One thing a user should not see, on one page in one language."""

    page: str
    lang: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page} [{self.lang}] {self.kind}: {self.detail}"


def raw_codes(store_path: Path) -> set[str]:
    """Every code in the store's dimension tables. Read from a copy: this process may hold
    the store open already, and DuckDB refuses a second connection with other settings."""
    codes = set()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / store_path.name
        shutil.copy(store_path, copy)
        con = duckdb.connect(str(copy), read_only=True)
        try:
            for table, columns in CODE_COLUMNS.items():
                for column in columns:
                    rows = con.execute(f"select distinct {column} from {table}").fetchall()
                    codes |= {str(r[0]) for r in rows if r[0] is not None}
        finally:
            con.close()
    return codes | set(NEVER)


def _looks_like_code(code: str) -> bool:
    """A code no English sentence holds (group_c, GZ, NaT), unlike "hall" or "general"."""
    return "_" in code or any(ch.isupper() for ch in code) or any(ch.isdigit() for ch in code)


def patterns(codes: set[str]) -> dict[str, re.Pattern]:
    """Per language, the codes to catch: in Chinese every code (no Latin word belongs there),
    in English only the codes that cannot be an English word."""
    return {"zh": _pattern(codes), "en": _pattern({c for c in codes if _looks_like_code(c)})}


def _pattern(codes: set[str]) -> re.Pattern:
    """A whole token that is a code: not part of a longer word, a number or a hall code."""
    alternatives = "|".join(sorted((re.escape(c) for c in codes), key=len, reverse=True))
    return re.compile(rf"(?<![\w\-.]){'(?:' + alternatives + ')'}(?![\w\-])")


# What the user sees: the page's text, chart text (SVG) and the visible cells of every grid
# (glide data grid draws on a canvas; its accessible table mirrors the drawn cells).
_TEXT = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const side = document.querySelector('[data-testid="stSidebar"]');
  const parts = [main.innerText, side ? side.innerText : ''];
  document.querySelectorAll('svg text').forEach(n => parts.push(n.textContent));
  document.querySelectorAll('[data-testid="stDataFrame"] table th, '
    + '[data-testid="stDataFrame"] table td').forEach(n => parts.push(n.textContent));
  return parts.join('\\n');
}"""
_DONE = """() => document.querySelector('[data-testid="stApp"]')
  ?.getAttribute('data-test-script-state') === 'notRunning'"""
# Every grid and chart drawn (they draw after the run, the grids once their data arrived).
_DRAWN = """() => {
  // only what is on view: a chart in a closed expander or another tab never draws
  const all = (sel) => Array.from(document.querySelectorAll(sel))
    .filter(n => n.offsetParent !== null && n.getBoundingClientRect().width > 0);
  return all('[data-testid="stDataFrame"]').every(g => g.querySelector('.dvn-scroller'))
    && all('[data-testid="stPlotlyChart"]').every(c => c.querySelector('.main-svg'))
    && all('[data-testid="stMetric"]').every(m => m.querySelector('[data-testid="stMetricValue"]'));
}"""
WIDE = """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
  .map((grid, i) => {
    const s = grid.querySelector('.dvn-scroller');
    const head = Array.from(grid.querySelectorAll('table th')).map(n => n.textContent);
    return s ? {scroll: s.scrollWidth, client: s.clientWidth,
                title: `table ${i + 1} (${head.slice(0, 3).join(', ')})`} : null;
  }).filter(x => x && x.scroll > x.client + 1)"""
CELLS = """() => document.querySelectorAll('[data-testid="stDataFrame"] table td').length"""


def settle(page: Page) -> None:
    """Wait until the run has finished (the app says so on its root element) and every grid
    and chart on view has drawn."""
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_visible()
    # a heavy page on a shared 2-core machine can run for minutes
    page.wait_for_function(_DONE, timeout=3 * TIMEOUT)
    wait_until_idle(page)
    # what is checked is the text and the widths; a slow chart only delays the picture
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_DRAWN, timeout=30_000)
    page.wait_for_timeout(500)
    page.wait_for_function(_DONE, timeout=3 * TIMEOUT)  # a late second run has ended too


def visit(
    page: Page, base: str, slug: str, query: str, lang: str, codes: dict, shots, tab_shots=True
):
    """Open one page in one language, and each of its section tabs in turn (only the open
    one is built); return what is wrong on it and save a screenshot of it and, with
    `tab_shots`, of each tab."""
    params = "&".join(p for p in (query, f"lang={lang}") if p)
    page.goto(f"{base}/{slug}?{params}")
    settle(page)
    name = slug or "overview"
    problems = _check(page, name, lang, codes, shots and shots / f"{name}_{lang}.png")
    bar = page.locator(f".st-key-{slug}_tab_{lang}")  # none on a page without section tabs
    labels = bar.get_by_role("tab").all_inner_texts()
    for i, label in enumerate(labels[1:], start=1):
        bar.get_by_role("tab", name=label, exact=True).click()
        page.wait_for_timeout(300)  # the click's run has started
        settle(page)
        where = f"{name} › {label}"
        shot = shots and tab_shots and shots / f"{name}_{lang}_{i}.png"
        problems += _check(page, where, lang, codes, shot)
    if labels:  # the next visit opens the first tab again
        bar.get_by_role("tab", name=labels[0], exact=True).click()
        page.wait_for_timeout(300)
        settle(page)
    return problems


def _check(page: Page, where: str, lang: str, codes: dict, shot) -> list:
    """What is wrong on the page as it stands; a screenshot to `shot` (a path or None)."""
    page.wait_for_timeout(1000)  # plotly lays its text out after drawing
    problems = []
    if page.locator("input[type=password]").count():  # what was walked is the sign-in form
        problems.append(Problem(where, lang, "signed out", "the page asks to sign in"))
    text = page.evaluate(_TEXT)
    if page.get_by_test_id("stException").count() or TRACEBACK.search(text):
        problems.append(Problem(where, lang, "traceback", TRACEBACK.search(text or "") or ""))
    for line in text.splitlines():
        # a link's address (./hall?hall=SZ-002) is not text a user reads
        line = _LINK.sub("", line)
        for match in codes[lang].finditer(line):
            problems.append(
                Problem(where, lang, "raw code", f"{match.group(0)!r} in {line[:120]!r}")
            )
    for grid in page.evaluate(WIDE):
        problems.append(
            Problem(
                where, lang, "wide table", f"{grid['title']!r} {grid['scroll']}>{grid['client']}"
            )
        )
    if shot:
        _screenshot(page, shot)
    return problems


def _screenshot(page: Page, path: Path) -> None:
    """The whole page at the same width: the main area scrolls inside the window, so the
    window is made as tall as the page for the picture, then put back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, VIEWPORT["height"])})
    with contextlib.suppress(PlaywrightTimeout):  # grids and charts draw again at the new size
        page.wait_for_function(_DRAWN, timeout=15_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)


def walk(
    page: Page, base: str, codes: dict, langs=("en", "zh"), pages=PAGES, tab_shots=True
) -> list:
    """Every page in each language; every problem found (screenshots in ARTIFACTS)."""
    problems = []
    for lang in langs:
        for slug, query in pages:
            problems += visit(page, base, slug, query, lang, codes, ARTIFACTS, tab_shots)
    return problems


def check_every_page(page: Page, base: str, store_path: Path, lang: str):
    """The browser test's walk in one language: every page and each of its tabs checked, a
    picture of each page's first view (python -m tests.walk takes every tab). Return what is
    wrong, as text, and the pictures that were not taken."""
    problems = walk(page, base, patterns(raw_codes(store_path)), (lang,), tab_shots=False)
    if "Traceback" in page.content():
        problems.append(Problem("the last page", lang, "traceback", "in the page's HTML"))
    shots = {p.name for p in ARTIFACTS.glob(f"*_{lang}.png")}
    missing = {f"{slug or 'overview'}_{lang}.png" for slug, _ in PAGES} - shots
    return [str(p) for p in problems], missing


def main() -> None:
    """Walk a store's pages and print what is wrong: python -m tests.walk --store FILE
    [--user NAME] (a demo account of the store, signed in first)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--pages", default="", help="comma-separated slugs (default: all)")
    parser.add_argument("--lang", default="en,zh")
    parser.add_argument("--user", default="executive", help="a demo account to sign in as")
    args = parser.parse_args()
    wanted = [p for p in PAGES if not args.pages or p[0] in args.pages.split(",")]
    codes = patterns(raw_codes(args.store))
    work = ARTIFACTS.parent / "server"
    work.mkdir(parents=True, exist_ok=True)
    with streamlit_server(args.store, work) as base, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        expect.set_options(timeout=TIMEOUT)
        tab = chromium.new_context(viewport=VIEWPORT).new_page()
        tab.set_default_timeout(TIMEOUT)
        sign_in(tab, f"{base}/", user=args.user)  # every page is behind the sign-in form
        for lang in args.lang.split(","):
            for slug, query in wanted:
                for problem in visit(tab, base, slug, query, lang, codes, ARTIFACTS):
                    print(problem, flush=True)
                print(f"{slug or 'overview'} [{lang}]: {tab.evaluate(CELLS)} grid cells read")
        chromium.close()


if __name__ == "__main__":
    main()
