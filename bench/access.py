"""Benchmark what a user's scope costs: the whole Overview page run for an executive, for a
hall, city and province manager (the scope bound by the filter), and for the same place chosen
by hand in the filter bar, over periods x segments with an empty result cache. Two passes,
as bench.run: the first reads the store from disk; the figures are the second's. Prints
figures; asserts nothing.

    python -m bench.access --store /tmp/pulse-bench/demo.duckdb

The store is opened read-only. Scoping must not make a page slower than the same filter
chosen by hand: compare each manager's line with the line below it.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from bench.run import TimedStore, _one_pass
from pulse import access, dimensions, filters
from pulse.overview import data as overview

PERIODS = (
    ("last_7", "previous"),
    ("last_30", "previous"),
    ("last_90", "last_year"),
    ("ytd", "last_year"),
    ("last_quarter", "previous"),
)
SEGMENTS = ((), ("gold", "diamond", "silver"))


def variants(dims: dimensions.Dimensions) -> dict[str, list[filters.Filter]]:
    """Each way of looking, as the filters the Overview is run with."""
    options = dims.options()
    hall = dims.halls.iloc[0]
    city, hall_id = hall["city_id"], hall["branch_id"]
    province = options.cities[city]
    base = [
        filters.Filter(period=p, compare=c, segments=s)
        for (p, c), s in itertools.product(PERIODS, SEGMENTS)
    ]

    def scoped(scope: access.Scope) -> list[filters.Filter]:
        within = filters.within(options, scope)
        return [filters.cascade(f, within) for f in base]

    return {
        "executive (everything)": base,
        f"hall manager of {hall_id} (scoped)": scoped(access.Scope(halls=(hall_id,))),
        f"  {hall_id} chosen by hand": [f.with_(cities=(city,), halls=(hall_id,)) for f in base],
        f"city manager of {city} (scoped)": scoped(access.Scope(cities=(city,))),
        f"  {city} chosen by hand": [f.with_(cities=(city,)) for f in base],
        f"province manager of {province} (scoped)": scoped(access.Scope(provinces=(province,))),
        f"  {province} chosen by hand": [f.with_(provinces=(province,)) for f in base],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store (read-only)")
    args = parser.parse_args(argv)
    store = TimedStore(args.store, read_only=True)
    dims = dimensions.load(store)

    def page(i, f):
        return overview.build(store, f, dims.as_of)

    rows = []
    for label, varied in variants(dims).items():
        _one_pass(store, varied, page, None)  # the first pass reads the store from disk
        warm = _one_pass(store, varied, page, None)
        rows.append((label, warm))
    store.close()
    print(f"\n== Overview by who looks ({args.store.name}, empty result cache, second pass) ==")
    print(f"{'who':<46}{'runs':>6}{'median ms':>12}{'p95 ms':>10}{'queries':>9}")
    for label, r in rows:
        print(
            f"{label:<46}{r['runs']:>6}{1000 * r['median_s']:>12.0f}{1000 * r['p95_s']:>10.0f}"
            f"{r['queries_per_run']:>9.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
