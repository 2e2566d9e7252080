"""How often the alert rules fire on the demo data's two years, against a fixed-threshold
rule on the same metrics (the kind BI tools offer: "alert when the weekly value is worse than
X", X the metric's target). The point: fewer, truer alerts. Prints figures; asserts nothing.
Opens the store read-only and judges in memory (no side database, nothing sent).

    python -m bench.alerts --store /tmp/demo.duckdb [--every 7]

For every check day (weekly by default) from the first day with a quarter of history to the
data's last day, each rule is judged exactly as the dashboard's check judges it
(pulse.alerts.conditions). An episode starts when a unit's condition starts to hold and
counts once however many checks it lasts, as an alert does. The fixed-threshold rule reads
the same newest bucket of each unit and fires whenever the value is worse than its target.
The injected patterns (sample_data/README.md) are named where a rule catches them: the DG
outage of 2026-03-17..19, the HZ initiative of 2025-09-01 (an improvement: the "improved"
rule sends it; a control rule's good-side signals are counted apart) and the understaffed
weak halls. The hall funnel is judged twice: against the halls of each tier (before) and
against every hall (after, the shipped rule), each with the winsorised overdispersion of
pulse/settings.toml's funnel_winsor_share; both name the weak halls they catch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from pulse import control, dimensions, settings, targets
from pulse.alerts import conditions
from pulse.alerts.rules import HISTORY_BUCKETS, Rule
from pulse.store import Store

RULES = [
    Rule("complaints-city-control", "complaints_per_million", "control", "city"),
    Rule("complaints-city-change", "complaints_per_million", "change", "city"),
    Rule("wait10-hall-control", "queue_within_10min", "control", "hall"),
    Rule("wait10-hall-funnel-tier", "queue_within_10min", "funnel", "hall", peers="tier"),
    Rule("wait10-hall-funnel", "queue_within_10min", "funnel", "hall", peers="all"),
    Rule("wait10-city-improved", "queue_within_10min", "improved", "city"),
    Rule("wait-mean-city-improved", "queue_wait_mean", "improved", "city"),
    Rule("service-level-city-control", "hotline_service_level", "control", "city"),
    Rule("satisfaction-city-change", "sat_index", "change", "city"),
    Rule("satisfaction-city-improved", "sat_index", "improved", "city"),
]
OUTAGE = ("DG", dt.date(2026, 3, 17), dt.date(2026, 3, 19))
INITIATIVE = ("HZ", dt.date(2025, 9, 1))
WEAK_HALLS = ("FS-003", "SZ-002", "WZ-001")  # sample_data/scales.py DEMO.weak_halls


def _fixed(rule: Rule, finding, year_targets, dims) -> bool:
    """The fixed-threshold rule: the newest bucket's value worse than the unit's target."""
    points = finding.series
    if points.empty:
        return False
    value = float(points["value"].iloc[-1])
    city = finding.unit if rule.level == "city" else dims.options().halls.get(finding.unit)
    hall = finding.unit if rule.level == "hall" else None
    target = targets.pick(year_targets, rule.metric_id, hall=hall, city=city)
    if target is None or not np.isfinite(value):
        return False
    return targets.status(rule.metric, value, target) != targets.GREEN


def _good_side(finding) -> bool:
    """The newest point outside its control limits on the good side, or ending a run of
    RUN_LENGTH on the good side of the centre (a sustained improvement, as the Trends page
    flags it): signals an alert does not send, counted to show what the chart sees."""
    points = finding.series
    better = finding.rule.metric.higher_is_better
    if len(points) < 3 or better is None:
        return False
    last = points.iloc[-1]
    outside = last["value"] > last["upper"] if better else last["value"] < last["lower"]
    run = control.runs(points["value"], points["centre"])[-1]
    above = last["value"] > last["centre"]
    return bool(outside or (run and above == better))


def main(argv: list[str] | None = None) -> None:
    """Judge every rule on every check day and print the counts."""
    p = argparse.ArgumentParser(prog="python -m bench.alerts", description=__doc__.split("\n")[0])
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--every", type=int, default=7, help="days between checks")
    p.add_argument("--rules", help="comma-separated rule ids (default: all)")
    args = p.parse_args(argv)
    store = Store(args.store, read_only=True)
    dims = dimensions.load(store)
    first = dims.first_day + dt.timedelta(days=7 * HISTORY_BUCKETS)
    days = []
    day = dims.as_of
    while day >= first:
        days.append(day)
        day -= dt.timedelta(days=args.every)
    days.reverse()
    print(f"{len(days)} checks, {days[0]} .. {days[-1]}, every {args.every} days")
    print(f"funnel overdispersion: z-scores winsorised at {settings.get('funnel_winsor_share')}")
    header = (
        f"{'rule':30} {'checks':>7} {'firing':>7} {'episodes':>8} {'fixed':>7} {'fixed ep.':>9}"
    )
    print(header)
    caught = defaultdict(set)
    chosen = [r for r in RULES if not args.rules or r.rule_id in args.rules.split(",")]
    for rule in chosen:
        started = time.perf_counter()
        firing = episodes = fixed = fixed_episodes = judged = 0
        was, was_fixed = set(), set()
        for day in days:
            year_targets = targets.for_year(store, day.year)
            found = conditions.judge(store, rule, dims, day)
            now, now_fixed = set(), set()
            for finding in found:
                judged += 1
                if finding.firing:
                    firing += 1
                    now.add(finding.unit)
                    caught[rule.rule_id].add((finding.unit, day))
                if _good_side(finding) and rule.condition == "control":
                    caught[rule.rule_id + " (good side)"].add((finding.unit, day))
                if _fixed(rule, finding, year_targets, dims):
                    fixed += 1
                    now_fixed.add(finding.unit)
            episodes += len(now - was)
            fixed_episodes += len(now_fixed - was_fixed)
            was, was_fixed = now, now_fixed
        seconds = time.perf_counter() - started
        print(
            f"{rule.rule_id:30} {judged:>7} {firing:>7} {episodes:>8} {fixed:>7} "
            f"{fixed_episodes:>9}   ({seconds:.0f} s)"
        )
    print()
    _patterns(caught, dims)
    store.close()


def _patterns(caught, dims) -> None:
    """Which injected patterns the rules caught, and when."""
    city, start, end = OUTAGE
    for rule_id, hits in sorted(caught.items()):
        outage = sorted(
            d for u, d in hits if u == city and start <= d <= end + dt.timedelta(days=14)
        )
        initiative = sorted(
            d
            for u, d in hits
            if (u == INITIATIVE[0] or u.startswith(INITIATIVE[0] + "-"))
            and INITIATIVE[1] <= d <= INITIATIVE[1] + dt.timedelta(days=120)
        )
        units = sorted({u for u, _ in hits})
        print(f"{rule_id}: {len(hits)} unit-checks in {len(units)} units")
        if outage:
            print(f"  outage {city} {start}..{end}: caught on {', '.join(map(str, outage))}")
        if initiative:
            print(
                f"  initiative {INITIATIVE[0]} from {INITIATIVE[1]}: {len(initiative)} "
                f"unit-checks, first {initiative[0]}"
            )
        if rule_id.startswith("wait10-hall-funnel"):
            weak = [u for u in WEAK_HALLS if u in units]
            others = [u for u in units if u not in WEAK_HALLS]
            print(
                f"  weak halls caught: {len(weak)} of {len(WEAK_HALLS)} ({', '.join(weak) or '-'});"
                f" other halls: {', '.join(others) or 'none'}"
            )
        count = {u: sum(1 for v, _ in hits if v == u) for u in units}
        busiest = sorted(units, key=lambda u: -count[u])[:5]
        print(f"  most often: {', '.join(f'{u} ({count[u]})' for u in busiest)}")


if __name__ == "__main__":
    main()
