"""Benchmark: the questions the pages answer, asked of Service Pulse (its own route: measures,
values, groups over the rollups), of DuckDB SQL on the raw facts of the same store, of
PostgreSQL 15 (a throwaway cluster, indexed, jit off) and of pandas in memory. Checks that the
answers agree, then prints the medians of round-robin runs and the ratios. Asserts nothing.

    python -m bench.peers --store /tmp/demo.duckdb [--runs 7] [--skip postgres,pandas]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bench import peer_frames
from pulse import catalog, dimensions, filters, groups, measures, settings, sql, values
from pulse.store import Store
from pulse.trends import data as trends

ENGINES = ("pulse", "duckdb", "postgres", "pandas")
DUCKDB_MEMORY = "6GB"
HEADLINE = (
    "sat_index", "nps", "queue_within_10min", "queue_wait_mean", "queue_walkaway_rate",
    "hotline_answer_rate", "hotline_service_level", "hotline_fcr", "complaint_ontime_rate",
)  # fmt: skip
# how close two engines' answers must be: floats summed in another order differ in the last
# digits; Service Pulse's quantiles are read from whole-minute buckets (one bucket apart)
RTOL = 1e-6
QUANTILE_ATOL_S = 60.0


@dataclass(frozen=True)
class Question:
    """One question: its SQL file (queries/peers/), parameters, keys and answer columns."""

    name: str
    query: str
    params: dict
    keys: tuple[str, ...]
    answers: tuple[str, ...]
    atol: float = 0.0
    # a quantile's open last bucket: Service Pulse says "at least this" for a value past it
    # (60 min for waits), so past it the answers agree when both are at least the edge
    open_edge: float | None = None


def questions(store: Store, dims: dimensions.Dimensions) -> list[Question]:
    """The issue's six questions over the data's last 90 days (a week, a year where said)."""
    as_of = dims.as_of
    city = dims.cities["city_id"].iloc[0]
    hall = dims.halls["branch_id"].iloc[0]
    with store.cursor() as cur:
        complaints_as_of = cur.execute(sql.text("rollups/complaint_as_of")).fetchone()[0]

    def window(days: int) -> dict:
        start = as_of - dt.timedelta(days=days - 1)
        return {"cur_from": start, "cur_end": as_of + dt.timedelta(days=1)}

    names = settings.sql_params()
    base = {**window(90), **{k: names[k] for k in ("promoter_min", "detractor_max")}}
    base.update({k: names[k] for k in ("promise_s", "service_level_s", "short_abandon_s")})
    base["as_of"] = complaints_as_of
    return [
        Question("headline, company", "headline", {**base, "city": None}, (), HEADLINE),
        Question("headline, one city", "headline", {**base, "city": city}, (), HEADLINE),
        Question(
            "p90 wait per hall",
            "wait_p90_by_hall",
            base,
            ("branch_id",),
            ("wait_p90_s",),
            atol=QUANTILE_ATOL_S,
            open_edge=catalog.metric("queue_wait_p90").open_edge,
        ),
        Question(
            "service level by half hour",
            "service_level_by_slot",
            {**base, **window(7)},
            ("slot",),
            ("service_level",),
        ),
        Question(
            "complaints by category",
            "complaints_by_category",
            base,
            ("category",),
            ("n_complaints", "ontime_rate"),
        ),
        Question(
            "NPS by month, one hall",
            "nps_by_month",
            {**base, **window(365), "hall": hall},
            ("month_start",),
            ("nps",),
        ),
    ]


def pulse_answer(store: Store, q: Question) -> pd.DataFrame:
    """The question through Service Pulse's own route, as the pages ask it."""
    p = q.params
    period = filters.Period(p["cur_from"], p["cur_end"] - dt.timedelta(days=1))
    f = filters.Filter(period="custom", start=period.start, end=period.end, compare="none")
    metric = catalog.metric
    if q.query == "headline":
        f = f.with_(cities=(p["city"],)) if p["city"] else f
        ms = [metric(m) for m in HEADLINE]
        raw = measures.fetch(store, ms, f, period, [()])[()]
        found = values.evaluate(ms, raw, (), period).set_index("metric_id")["value"]
        return pd.DataFrame([found.reindex(list(HEADLINE)).to_numpy()], columns=list(HEADLINE))
    if q.query == "wait_p90_by_hall":
        g = ("branch_id",)
        found = groups.grouped_values(store, metric("queue_wait_p90"), f, period, [g])[g]
        return found[["branch_id", "value"]].rename(columns={"value": "wait_p90_s"})
    if q.query == "service_level_by_slot":
        m = metric("hotline_service_level")
        raw = measures.fetch(store, [m], f, period, [("slot",)])[("slot",)]
        found = values.evaluate([m], raw, ("slot",), period)
        return found[["slot", "value"]].rename(columns={"value": "service_level"})
    if q.query == "complaints_by_category":
        ms = [metric("complaints_count"), metric("complaint_ontime_rate")]
        raw = measures.fetch(store, ms, f, period, [("category",)])[("category",)]
        found = values.evaluate(ms, raw, ("category",), period)
        # evaluate gives each metric's rows on the same keys, in key order: side by side
        # without a pivot (which took 1.6 ms, more than the SQL, at province scale)
        ids, value = found["metric_id"].to_numpy(), found["value"].to_numpy()
        first = ids == ms[0].id
        return pd.DataFrame(
            {
                "category": found["category"].to_numpy()[first],
                "n_complaints": value[first],
                "ontime_rate": value[ids == ms[1].id],
            }
        )
    # the Trends page's route: the hall's line by month over the period, summed up to
    # months in the SQL, each point with its interval and n
    f = f.with_(halls=(p["hall"],))
    line = trends.build(store, ["nps"], f, period, grain="month", window_choice="period").line(
        "nps"
    )
    return pd.DataFrame({"month_start": line["bucket"].dt.date, "nps": line["value"]})


def text(q: Question) -> str:
    """The question's SQL (queries/peers/)."""
    return sql.text(f"peers/{q.query}")


def _past_edge(q: Question, reference: pd.DataFrame) -> str:
    """How many answers lie past the question's open last bucket, said after "same answer"."""
    if q.open_edge is None:
        return ""
    past = int((reference[list(q.answers)].to_numpy(dtype=float) >= q.open_edge).sum())
    if not past:
        return ""
    return f" ({past} of {len(reference):,} at or past {q.open_edge:,.0f} s, read as that)"


def _psycopg_sql(text: str) -> str:
    """$name parameters as psycopg's %(name)s."""
    return re.sub(r"\$(\w+)", r"%(\1)s", text)


def agree(q: Question, a: pd.DataFrame, b: pd.DataFrame) -> str | None:
    """None when two answers agree (same keys, values within tolerance), else what differs."""
    a, b = a.copy(), b.copy()
    for frame in (a, b):
        for k in q.keys:
            frame[k] = frame[k].astype(str)
    if q.keys:
        a, b = a.set_index(list(q.keys)).sort_index(), b.set_index(list(q.keys)).sort_index()
        if list(a.index) != list(b.index):
            return f"keys differ: {len(a)} against {len(b)} rows"
    for col in q.answers:
        x = a[col].to_numpy(dtype=float)
        y = b[col].to_numpy(dtype=float)
        if q.open_edge is not None:
            x, y = np.minimum(x, q.open_edge), np.minimum(y, q.open_edge)
        if not np.allclose(x, y, rtol=RTOL, atol=q.atol, equal_nan=True):
            worst = np.nanmax(np.abs(x - y))
            return f"{col} differs by up to {worst:.6g}"
    return None


def run(path: Path, runs: int, skip: set[str]) -> None:
    store = Store(path, read_only=True)
    dims = dimensions.load(store)
    qs = questions(store, dims)
    engines = [e for e in ENGINES if e not in skip]
    cur = store.cursor()
    answer = {
        "pulse": lambda q: pulse_answer(store, q),
        "duckdb": lambda q: cur.execute(text(q), sql.used_params(text(q), q.params)).df(),
    }
    # before each of Service Pulse's answers, off the clock: an empty cache, then what a
    # running dashboard holds per data version whatever the question (the rollups' first
    # and last days, read once after a load)
    prepare = {"pulse": lambda: (store.clear_cache(), _warm(store))}
    # DuckDB keeps what it reads in its own buffers, up to 80 % of the memory by default:
    # bounded here so that PostgreSQL's load and pandas' frames have room beside it
    cur.execute(f"set memory_limit = '{DUCKDB_MEMORY}'")
    with _postgres(engines, cur) as pg:
        if pg is not None:
            answer["postgres"] = lambda q: _pg_answer(pg, q)
        if "pandas" in engines:  # after PostgreSQL's load: the frames need the memory
            started = time.perf_counter()
            frames = peer_frames.load(cur)
            answer["pandas"] = lambda q: peer_frames.answer(frames, q)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # kB to GB
            print(
                f"pandas: facts read into memory in {time.perf_counter() - started:.0f} s, "
                f"{peer_frames.memory_mb(frames):,.0f} MB in the frames; "
                f"this process's peak so far {peak:.1f} GB"
            )
        _report(qs, engines, answer, runs, prepare)
    cur.close()
    store.close()


def _pg_answer(con, q: Question) -> pd.DataFrame:
    result = con.execute(_psycopg_sql(sql.text(f"peers/{q.query}")), q.params)
    names = [d.name for d in result.description]
    return pd.DataFrame(result.fetchall(), columns=names)


class _postgres:
    """The cluster and one connection, when PostgreSQL is among the engines."""

    def __init__(self, engines, duck):
        self.wanted, self.duck, self.stack = "postgres" in engines, duck, None

    def __enter__(self):
        if not self.wanted:
            return None
        import psycopg

        from bench import postgres

        self.stack = postgres.cluster()
        pg = self.stack.__enter__()
        started = time.perf_counter()
        counts = postgres.load(pg, self.duck, peer_frames.COLUMNS)
        print(
            f"postgres: {sum(counts.values()):,} rows loaded and indexed in "
            f"{time.perf_counter() - started:.0f} s"
        )
        self.con = psycopg.connect(pg.conninfo, autocommit=True)
        return self.con

    def __exit__(self, *exc):
        if self.stack is not None:
            self.con.close()
            self.stack.__exit__(*exc)


def _warm(store: Store) -> None:
    """The rollups' data days (pulse.trends.data.data_days), which the Trends route reads."""
    for rollup in sorted({catalog.metric(m).rollup for m in HEADLINE}):
        trends.data_days(store, rollup)


def _report(qs, engines, answer, runs: int, prepare: dict) -> None:
    print("\nagreement (against DuckDB SQL on the raw facts):")
    for q in qs:
        reference = answer["duckdb"](q)
        for engine in engines:
            if engine != "duckdb":
                problem = agree(q, answer[engine](q), reference)
                said = problem or "same answer" + _past_edge(q, reference)
                print(f"  {q.name:<28} {engine:<9} {said}")
    times = {(q.name, e): [] for q in qs for e in engines}
    for _ in range(runs):  # round robin: each run asks every engine every question once
        for q in qs:
            for engine in engines:
                if engine in prepare:
                    prepare[engine]()
                started = time.perf_counter()
                answer[engine](q)
                times[q.name, engine].append(time.perf_counter() - started)
    print(f"\nmedian of {runs} round-robin runs, ms (ratio to DuckDB SQL on the raw facts):")
    print(f"{'question':<28}" + "".join(f"{e:>20}" for e in engines))
    for q in qs:
        base = statistics.median(times[q.name, "duckdb"])
        cells = []
        for engine in engines:
            median = statistics.median(times[q.name, engine])
            cells.append(f"{1000 * median:>11,.0f} ({median / base:5.1f}x)")
        print(f"{q.name:<28}" + "".join(f"{c:>20}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip", default="", help="engines to leave out: postgres,pandas")
    args = parser.parse_args(argv)
    if not args.store.exists():
        parser.error(f"no store at {args.store}")
    run(args.store, args.runs, {s for s in args.skip.split(",") if s})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
