"""Command line: python -m sample_data --scale demo --out DIR [--seed N]."""

import argparse
import time
from pathlib import Path

from . import LAST_ROWS, SCALES, generate, plan


def main(argv=None) -> None:
    """Generate the files and print one line per file with its rows and time."""
    ap = argparse.ArgumentParser(prog="python -m sample_data", description=__doc__)
    ap.add_argument("--scale", choices=SCALES, default="demo")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args(argv)
    total = plan(args.scale)
    totals: dict[str, int] = {}
    t0 = last = time.perf_counter()
    for i, (table, path) in enumerate(generate(args.scale, args.out, args.seed), 1):
        now = time.perf_counter()
        rows = LAST_ROWS[table]
        totals[table] = totals.get(table, 0) + rows
        print(f"[{i:>3}/{total}] {path.name:<40} {rows:>10,} rows {now - last:6.2f} s", flush=True)
        last = now
    print(f"done in {time.perf_counter() - t0:.1f} s")
    for table, rows in totals.items():
        print(f"  {table:<20} {rows:>12,}")


if __name__ == "__main__":
    main()
