"""Everything the Overview page shows, computed without Streamlit so tests and exports can use
it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pulse import catalog, events, filters, kpis, measures, persistent, stats, targets, values
from pulse.dimensions import Dimensions
from pulse.i18n import t
from pulse.store import Store

DAY, CITY, HALL = ("day",), ("city_id",), ("city_id", "branch_id")
MOVERS_SHOWN = 12


@dataclass
class Headline:
    """The Overview's ten tiles for one filter, and what the rest of the page is built from:
    the page draws the tiles while the rest is computed (rest()), so the browser's drawing
    and the Python run overlap instead of following each other."""

    period: filters.Period
    tiles: pd.DataFrame  # one row per headline metric
    sparklines: dict[str, pd.DataFrame]  # metric -> (bucket, value) over the current period
    not_applied: dict[str, list[str]]
    raw: dict = field(repr=False)  # grouping -> the measures fetched, for rest()
    year_targets: pd.DataFrame = field(repr=False)

    @property
    def has_data(self) -> bool:
        """False when nothing in scope has any data in the period."""
        return "n" in self.tiles and bool((self.tiles["n"].fillna(0) > 0).any())


@dataclass
class Overview:
    """The Overview's content for one filter."""

    period: filters.Period
    tiles: pd.DataFrame  # one row per headline metric
    sparklines: dict[str, pd.DataFrame]  # metric -> (bucket, value) over the current period
    cities: pd.DataFrame  # one row per (city, headline metric)
    movers: pd.DataFrame  # significant changes among cities and halls
    events: pd.DataFrame
    not_applied: dict[str, list[str]] = field(default_factory=dict)
    # units below target in each of the last k months or weeks (pulse.persistent)
    persistent: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=persistent.COLUMNS)
    )
    window: persistent.Window | None = None

    @property
    def has_data(self) -> bool:
        """False when nothing in scope has any data in the period."""
        return "n" in self.tiles and bool((self.tiles["n"].fillna(0) > 0).any())


def build(store: Store, f: filters.Filter, as_of: dt.date) -> Overview:
    """Compute the Overview for filter `f` with the data date `as_of`."""
    return rest(store, f, headline(store, f, as_of))


def headline(store: Store, f: filters.Filter, as_of: dt.date) -> Headline:
    """The tiles for filter `f`: every measure the page needs is fetched here, in one go.
    Remembered per filter (with the reader's scope) until the data changes: going back to a
    filter seen before costs no recomputation."""
    return store.remembered(("overview.headline", f, as_of), lambda: _headline(store, f, as_of))


def _headline(store: Store, f: filters.Filter, as_of: dt.date) -> Headline:
    period = filters.resolve(f, as_of)
    heads = catalog.headline()
    wanted = list({m.id: m for m in [*heads, *_movable()]}.values())
    # past a quarter the sparkline is monthly, so whole months come from the monthly copies
    # (a hall's year by day is a scan of every hall's days; by month it is twelve rows)
    raw = measures.fetch(
        store, wanted, f, period, [DAY, CITY, HALL], months_ok=kpis.monthly(period)
    )
    year_targets = targets.for_year(store, period.end.year)
    total = values.evaluate(heads, measures.regroup(raw[DAY], []), (), period)
    return Headline(
        period=period,
        tiles=kpis.with_targets(total, year_targets, f),
        sparklines=kpis.sparklines(heads, raw[DAY], period),
        not_applied={m.id: measures.not_applied(m, f) for m in heads},
        raw=raw,
        year_targets=year_targets,
    )


def rest(store: Store, f: filters.Filter, head: Headline) -> Overview:
    """The cities, what changed, the persistent list and the events, from the headline's
    measures."""
    period = head.period
    cities, movers = store.remembered(("overview.units", f, period), lambda: _units(f, head))
    part = set(cities.loc[cities["partial"], "city_id"])
    window = persistent.window(period.end)
    below = persistent.below(store, f, window)
    return Overview(
        period=period,
        tiles=head.tiles,
        sparklines=head.sparklines,
        cities=cities,
        movers=movers,
        events=events.in_period(store, f, period),
        not_applied=head.not_applied,
        persistent=below[~((below["level"] == "city") & below["city_id"].isin(part))],
        window=window,
    )


def _units(f: filters.Filter, head: Headline) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The city table and What changed, from the headline's measures."""
    heads, movable = catalog.headline(), _movable()
    period, raw = head.period, head.raw
    by_city = values.evaluate(heads, raw[CITY], CITY, period)
    part = partial_cities(f, by_city["city_id"])
    cities = _city_status(by_city, head.year_targets).assign(partial=by_city["city_id"].isin(part))
    by_city_moved = values.evaluate(movable, raw[CITY], CITY, period)
    movers = _movers(
        by_city_moved[~by_city_moved["city_id"].isin(part)],
        values.evaluate(movable, raw[HALL], HALL, period),
    )
    return cities, movers


def _movable() -> list:
    """The metrics What changed tests: listed, with a direction, not a quantile."""
    return [
        m
        for m in catalog.metrics().values()
        if m.kind != "quantile" and m.higher_is_better is not None and m.listed
    ]


def partial_cities(f: filters.Filter, cities: pd.Series) -> set[str]:
    """The cities whose rows hold only part of their halls: those the reader's scope reaches
    through some of their halls, not whole (a hall manager's city row is their hall alone).
    The city table names them as such; What changed and the persistent list leave them out,
    as their halls' own rows say the same."""
    if f.reach is None:
        return set()
    return set(cities) - set(f.reach.whole_cities)


def city_names(cities: pd.DataFrame, dims: Dimensions, lang: str) -> dict[str, str]:
    """City id -> name in `lang`, a partial city (partial_cities) named as the reader's halls
    only: the city table on the page and in the report."""
    part = set(cities.loc[cities["partial"], "city_id"]) if "partial" in cities else set()
    return {
        c: t("overview.partial_city", city=name) if c in part else name
        for c, name in dims.labels("city", lang).items()
    }


def _city_status(frame: pd.DataFrame, year_targets: pd.DataFrame) -> pd.DataFrame:
    statuses = []
    for row in frame.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        target = targets.pick(year_targets, metric.id, city=row["city_id"])
        value = row["value"] if row["enough_n"] else None
        statuses.append(targets.status(metric, value, target))
    return frame.assign(status=statuses)


def _movers(by_city: pd.DataFrame, by_hall: pd.DataFrame) -> pd.DataFrame:
    """Changes that stay significant after a Benjamini-Hochberg correction over every
    (unit, metric) tested, largest standardised change first."""
    by_city = by_city.assign(level="city", unit=by_city["city_id"])
    by_hall = by_hall[by_hall["branch_id"].notna()]
    by_hall = by_hall.assign(level="hall", unit=by_hall["branch_id"])
    tests = pd.concat([by_city, by_hall], ignore_index=True)
    if tests.empty:
        return tests.assign(q_value=[], z=[], is_better=[])
    metrics = catalog.metrics()  # looked up by a dict, not a lambda per row (20,000 at province)
    min_n = {m: metrics[m].min_n for m in tests["metric_id"].unique()}
    enough = tests["enough_n"] & (tests["cmp_n"].fillna(0) >= tests["metric_id"].map(min_n))
    tests = tests[enough & tests["p_value"].notna()].copy()
    if tests.empty:
        return tests.assign(q_value=[], z=[], is_better=[])
    tests["q_value"] = stats.adjust_pvalues(tests["p_value"].to_numpy())
    spread = np.sqrt(
        ((tests["high"] - tests["low"]) / 3.92) ** 2
        + ((tests["cmp_high"] - tests["cmp_low"]) / 3.92) ** 2
    )
    tests["z"] = (tests["delta"] / spread).abs()
    direction = tests["metric_id"].map({m: metrics[m].higher_is_better for m in min_n})
    tests["is_better"] = np.where(direction, tests["delta"] > 0, tests["delta"] < 0)
    kept = tests[tests["q_value"] < values.ALPHA].sort_values("z", ascending=False)
    return kept.head(MOVERS_SHOWN).reset_index(drop=True)
