"""Every number a page shows, read through AppTest, so a refactoring can prove that no page's
numbers moved: `python -m tests.page_values --store FILE --write` records them in
tests/fixtures/page_values.json; tests/test_page_values.py compares a fresh run with it.

Numbers are compared as a multiset per page and filter (sections may move, values may not):
numeric table cells and chart data to 6 significant digits; numbers inside text (tile values,
formatted table cells, captions) to 3, so "12.34" and "12.3" written by another format agree.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import re
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from pulse import access
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
EXPECTED = Path(__file__).parent / "fixtures" / "page_values.json"
PAGES = (
    "overview",
    "queues",
    "hotline",
    "surveys",
    "complaints",
    "trends",
    "benchmarks",
    "drill",
    "hall",
)
FILTERS = {
    "default": {},
    "city_90_last_year": {"period": "last_90", "compare": "last_year", "city": "SZ"},
}
HALL = "SZ-001"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _round(x: float, digits: int) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return float(f"{x:.{digits}g}")


def _text_numbers(text: str) -> list[float]:
    text = re.sub(r"(?<=\d),(?=\d{3})", "", str(text))
    return [_round(float(m), 3) for m in _NUMBER.findall(text)]


def _cells(frame) -> tuple[list, list]:
    exact, loose = [], []
    for column in frame.columns:
        series = frame[column]
        if series.dtype.kind in "iuf":
            exact += [_round(float(v), 6) for v in series.dropna()]
        elif series.dtype.kind == "b":
            exact += [float(v) for v in series.dropna()]
        else:
            for v in series.dropna():
                loose += _text_numbers(v)
    return exact, loose


def _walk(node, out: list) -> None:
    if isinstance(node, bool):
        return
    if isinstance(node, dict) and "bdata" in node:  # plotly's typed arrays (base64 numpy)
        data = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
        out.extend(_round(float(v), 6) for v in data.ravel())
        return
    if isinstance(node, int | float):
        out.append(_round(float(node), 6))
    elif isinstance(node, list):
        for item in node:
            _walk(item, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("marker", "line", "hovertemplate", "legendgroup", "uid"):
                _walk(value, out)


def _chart_numbers(at: AppTest) -> list[float]:
    out: list[float] = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        for trace in spec.get("data", []):
            _walk({k: v for k, v in trace.items() if k not in ("text", "name")}, out)
    return out


def read(at: AppTest) -> dict[str, list]:
    """The page's numbers in three sorted lists: tiles, tables and charts."""
    tiles = []
    for m in at.metric:
        tiles += _text_numbers(m.value)
    exact, loose = [], []
    for frame in at.dataframe:
        e, lo = _cells(frame.value)
        exact += e
        loose += lo
    for table in at.table:
        e, lo = _cells(table.value)
        exact += e
        loose += lo
    key = lambda x: (x is None, x or 0)  # noqa: E731
    return {
        "tiles": sorted(tiles, key=key),
        "tables": sorted(exact, key=key),
        "table_text": sorted(loose, key=key),
        "charts": sorted(_chart_numbers(at), key=key),
    }


def read_tabs(at: AppTest, page: str) -> dict[str, list]:
    """The page's numbers with every section tab's (the open one is read with the page, the
    others opened in turn and read within their tab)."""
    found = read(at)
    for i, (_, tab) in enumerate(apptest.each_tab(at, page)):
        if i:
            for part, values in read(tab).items():
                found[part] += values
    key = lambda x: (x is None, x or 0)  # noqa: E731
    return {part: sorted(values, key=key) for part, values in found.items()}


# the numbers were recorded before access control, when every reader saw every unit, record,
# customer key and comment: a user who still may (an analyst whose scope is everything)
READER = access.User("page_values", access.ROLES["analyst"], access.EVERYTHING)


def open_page(page: str, query: dict) -> AppTest:
    at = apptest.app_test(APP, default_timeout=300, user=READER)
    for key, value in query.items():
        at.query_params[key] = value
    if page == "hall":
        at.query_params["hall"] = HALL
    return at.switch_page(f"pages/{page}.py").run()


def collect() -> dict:
    """Every page under every filter."""
    out = {}
    for name, query in FILTERS.items():
        for page in PAGES:
            at = open_page(page, query)
            if at.exception:
                raise RuntimeError(f"{page} {name}: {at.exception[0].value}")
            out[f"{page}/{name}"] = read_tabs(at, page)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    os.environ["PULSE_STORE"] = args.store
    found = collect()
    if args.write:
        EXPECTED.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
    for key, parts in found.items():
        print(key, {k: len(v) for k, v in parts.items()})


if __name__ == "__main__":
    main()
