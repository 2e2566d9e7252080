"""A month's scorecard from the store: each unit's metric values through the catalogue route
(pulse.measures and pulse.values; pulse.groups for quantiles), points and total by the version
in force that month, the month before and the same month last year, and the honest ranks.
Computed without Streamlit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pulse import catalog, filters, groups, measures, targets, values
from pulse.dimensions import Dimensions
from pulse.scorecard import ranks, scoring
from pulse.scorecard.definition import Card, Version
from pulse.store import Store

_GROUP = {"city": ("city_id",), "hall": ("city_id", "branch_id"), "tier": ("city_id", "branch_id")}
_MEASURES = {"numerator": "num", "denominator": "den"}
_KEPT = 32  # scorecards kept in memory (each a few hundred rows at most)
_built: dict[tuple, Scorecard] = {}
PEER = "#"  # a unit outside the user's scope is "#1", "#2" ... in rank order: never its id


@dataclass
class Month:
    """One month scored by the version in force then (None: no version, nothing scored)."""

    month: str
    version: Version | None
    targets: dict[str, float]
    units: pd.DataFrame  # index: unit id; values, points, totals (and ranks for the month shown)


@dataclass
class Scorecard:
    """The card for a month, with the month before and the same month last year."""

    card: Card
    month: Month
    previous: Month
    last_year: Month
    table: pd.DataFrame  # one row per unit: ids, tier, the month's columns, changes, own
    counts: dict[str, int]  # ahead, behind, middle, ranked
    filter: filters.Filter
    period: filters.Period  # the month shown

    @property
    def version(self) -> Version | None:
        """The version that scores the month shown."""
        return self.month.version


def month_of(day: dt.date) -> str:
    """YYYY-MM of a date."""
    return day.strftime("%Y-%m")


def shift(month: str, months: int) -> str:
    """The month `months` later (earlier when negative)."""
    year, mon = (int(p) for p in month.split("-"))
    index = year * 12 + mon - 1 + months
    return month_of(dt.date(index // 12, index % 12 + 1, 1))


def bounds(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    year, mon = (int(p) for p in month.split("-"))
    start = dt.date(year, mon, 1)
    nxt = shift(month, 1)
    return start, dt.date(int(nxt[:4]), int(nxt[5:]), 1) - dt.timedelta(days=1)


def default_month(as_of: dt.date) -> str:
    """The last complete month of the data."""
    last = bounds(month_of(as_of))[1]
    return month_of(as_of) if as_of == last else shift(month_of(as_of), -1)


def months(card: Card, as_of: dt.date) -> list[str]:
    """The months a card can score, newest first: from its first version to the data's last
    complete month."""
    first, last = card.versions[0].valid_from, default_month(as_of)
    out = []
    while last >= first:
        out.append(last)
        last = shift(last, -1)
    return out


def period(f: filters.Filter, month: str, as_of: dt.date) -> filters.Period:
    """A month as the filter's period, without a comparison (months are compared here)."""
    start, end = bounds(month)
    return filters.resolve(f.with_(period="custom", start=start, end=end, compare="none"), as_of)


def units_in_scope(level: str, f: filters.Filter, dims: Dimensions) -> pd.DataFrame:
    """The cities or halls the filter's scope covers: unit, city_id, tier."""
    cities = dims.cities
    if f.provinces:
        cities = cities[cities["province_id"].isin(f.provinces)]
    if f.cities:
        cities = cities[cities["city_id"].isin(f.cities)]
    halls = dims.halls[dims.halls["city_id"].isin(cities["city_id"])]
    if f.halls:
        halls = halls[halls["branch_id"].isin(f.halls)]
        cities = cities[cities["city_id"].isin(halls["city_id"])]
    # within the user's scope: their halls, and the cities it covers whole
    halls = halls[halls["branch_id"].isin(filters.selected_halls(f, dims.options()))]
    cities = cities[[filters.allows(f, city=c) for c in cities["city_id"]]]
    if level == "city":
        return pd.DataFrame({"unit": cities["city_id"], "city_id": cities["city_id"], "tier": None})
    return pd.DataFrame(
        {"unit": halls["branch_id"], "city_id": halls["city_id"], "tier": halls["tier"]}
    )


def fetch_values(
    store: Store, version: Version, level: str, f: filters.Filter, when: filters.Period, units
) -> pd.DataFrame:
    """One row per unit: value__, low__, high__, n__, enough__ (and num__, den__ of shares) of
    every scored metric, and count__ of every deduction, read through the catalogue route:
    one query per rollup for all the card's sums (pulse.measures, pulse.values), one per
    quantile (pulse.groups)."""
    return fetch_periods(store, [version], level, f, when, units)["cur"]


def fetch_periods(
    store: Store, versions, level: str, f: filters.Filter, when: filters.Period, units
) -> dict[str, pd.DataFrame]:
    """fetch_values for the period ("cur") and, when `when` has one, its comparison ("cmp"),
    in the same queries (two months of a scorecard at once), for the metrics of every
    version given."""
    group = _GROUP[level]
    key = group[-1]
    index = pd.Index(list(units), name="unit")
    ids = [m for version in versions for m in _metric_ids(version)]
    wanted = [catalog.metric(m) for m in dict.fromkeys(ids)]
    periods = ("cur", "cmp") if when.cmp_start else ("cur",)
    found: dict[str, pd.DataFrame] = {}
    sums = [m for m in wanted if m.kind != "quantile"]
    if sums:
        raw = measures.fetch(store, sums, f, when, [group])[group]
        raw = raw[raw[key].notna()]
        evaluated = values.evaluate(sums, raw, group, when)
        evaluated = evaluated[evaluated[key].notna()]
        counted = {
            p: _by_unit(raw[raw["period"] == p].drop(columns="period"), key, index) for p in periods
        }
        for metric in sums:
            rows = _by_unit(evaluated[evaluated["metric_id"] == metric.id], key, index)
            for p in periods:
                found[f"{p}:{metric.id}"] = pd.concat(
                    [rows, counted[p].filter(like=f"{metric.id}__")], axis=1
                )
    for metric in wanted:
        if metric.kind == "quantile":
            rows = groups.grouped_values(store, metric, f, when, [group])[group]
            rows = _by_unit(rows[rows[key].notna()], key, index)
            for p in periods:
                found[f"{p}:{metric.id}"] = rows
    return {p: _columns(p, wanted, found, versions, index) for p in periods}


def _columns(period: str, wanted, found: dict, versions, index: pd.Index) -> pd.DataFrame:
    """One period's columns (value__, low__ ... count__) from the rows fetched per metric: the
    comparison's are the rows' cmp_ values, its enough__ the same minimum n on cmp_n."""
    prefix = "" if period == "cur" else "cmp_"
    size = len(index)
    columns: dict[str, np.ndarray] = {}
    for metric in wanted:
        rows = found.get(f"{period}:{metric.id}", pd.DataFrame(index=index))
        parts = {f"{prefix}{p}": p for p in ("value", "low", "high", "n")}
        for part, short in _MEASURES.items():
            parts[f"{metric.id}__{part}"] = short
        for column, short in parts.items():
            if column in rows:
                columns[f"{short}__{metric.id}"] = rows[column].to_numpy(dtype=float)
        n = np.nan_to_num(columns.get(f"n__{metric.id}", np.zeros(size)), nan=0.0)
        columns[f"enough__{metric.id}"] = n >= max(metric.min_n, 1)
        columns.setdefault(f"value__{metric.id}", np.full(size, np.nan))
    for version in versions:
        for rule in version.deductions:
            column = "value__" if rule.count == "value" else "num__"
            columns[f"count__{rule.id}"] = columns.get(
                f"{column}{rule.metric}", np.full(size, np.nan)
            )
    return pd.DataFrame(columns, index=index)


def _metric_ids(version: Version) -> list[str]:
    return [*version.metric_ids, *(d.metric for d in version.deductions)]


def _by_unit(rows: pd.DataFrame, key: str, index: pd.Index) -> pd.DataFrame:
    """Rows keyed by the unit column, one per unit of `index` (NaN where none)."""
    return rows.set_index(key).reindex(index)


def card_targets(store: Store, version: Version, month: str) -> dict[str, float]:
    """Each scored metric's target: the card's own, else the company target of the year."""
    year = targets.for_year(store, int(month[:4]))
    out = {}
    for rule in version.rules:
        if rule.target is not None:
            out[rule.metric] = rule.target
            continue
        found = targets.pick(year, rule.metric)
        out[rule.metric] = found.value if found else np.nan
    return out


def score_month(
    store: Store,
    card: Card,
    f: filters.Filter,
    month: str,
    dims: Dimensions,
    draws: int | None = None,
) -> Month:
    """A month scored by the version in force then; with `draws`, the intervals and ranks too."""
    return score_months(store, card, f, month, None, dims, draws)[0]


def score_months(
    store: Store,
    card: Card,
    f: filters.Filter,
    month: str,
    other: str | None,
    dims: Dimensions,
    draws: int | None = None,
) -> tuple[Month, Month | None]:
    """`month` (with its ranks when `draws`) and `other` (None: none), each scored by its own
    version, their values read in the same queries."""
    scope = units_in_scope(card.level, f, dims).set_index("unit")
    months = [m for m in (month, other) if m is not None]
    versions = {m: card.version_for(m) for m in months}
    used = [m for m in months if versions[m] is not None]
    found = {}
    if used:
        first, last = bounds(used[-1])
        asked = period(f, used[0], dims.as_of)
        if len(used) > 1:
            asked = replace(asked, cmp_start=first, cmp_end=last)
        fetched = fetch_periods(
            store, [versions[m] for m in used], card.level, f, asked, scope.index
        )
        found = dict(zip(used, fetched.values(), strict=True))
    out = []
    for m in months:
        if versions[m] is None:
            out.append(Month(m, None, {}, scope.iloc[:, :0]))
        else:
            out.append(
                _score(store, card, scope, m, versions[m], found[m], draws if m == month else None)
            )
    return out[0], (out[1] if other is not None else None)


def _score(store, card, scope, month, version, found, draws) -> Month:
    """A month's points, totals (and ranks) from its values."""
    goals = card_targets(store, version, month)
    for metric_id, goal in goals.items():
        if np.isnan(goal):  # no target to score against: not scored, like too few data
            found[f"enough__{metric_id}"] = False
    scored = scoring.score(version, found, goals, card.min_coverage)
    units = pd.concat([scope, found, scored], axis=1)
    if draws:
        simulated = ranks.simulate(version, found, goals, scored, draws=draws)
        tiers = scope["tier"].to_numpy() if card.level == "tier" else None
        intervals = ranks.intervals(simulated, scored["total"].to_numpy(), tiers)
        intervals.index = units.index
        units = pd.concat([units, intervals], axis=1)
    return Month(month, version, goals, units)


def build(
    store: Store,
    card: Card,
    f: filters.Filter,
    month: str,
    dims: Dimensions,
    draws: int = ranks.DRAWS,
) -> Scorecard:
    """The month's scorecard with its ranks, the month before and the same month last year;
    kept for the data version, so a page's reruns (picking units to compare) reuse it."""
    key = (str(store.path), store.data_version, card, f, month, draws)
    if key not in _built:
        while len(_built) >= _KEPT:
            _built.pop(next(iter(_built)))
        _built[key] = _build(store, card, f, month, dims, draws)
    return _built[key]


def forget() -> None:
    """Drop the kept scorecards (benchmarks time a page from scratch)."""
    _built.clear()


def _build(store, card, f, month, dims, draws) -> Scorecard:
    # a user with a scope is ranked among every unit of the card; the others come unnamed
    reader = filters.everyone(f) if f.reach is not None else f
    shown, before = score_months(store, card, reader, month, shift(month, -1), dims, draws)
    year = score_month(store, card, reader, shift(month, -12), dims)
    table = shown.units.copy()
    for name, other in (("previous", before), ("last_year", year)):
        total = other.units["total"] if "total" in other.units else pd.Series(dtype=float)
        table[f"total_{name}"] = total.reindex(table.index)
        table[f"change_{name}"] = table.get("total", np.nan) - table[f"total_{name}"]
    if "rank" in table:
        table = table.sort_values(["rank", "total"], ascending=[True, False], na_position="last")
        counts = ranks.verdict_counts(table)
    else:
        counts = {"ahead": 0, "behind": 0, "middle": 0, "ranked": 0}
    table["own"] = [_own(f, card.level, unit) for unit in table.index]
    if f.reach is not None:
        table, (shown, before, year) = _unname(table, (shown, before, year))
    start, end = bounds(month)
    shown_filter = f.with_(period="custom", start=start, end=end, compare="none")
    when = period(f, month, dims.as_of)
    return Scorecard(card, shown, before, year, table, counts, shown_filter, when)


def _own(f: filters.Filter, level: str, unit: str) -> bool:
    """True when the user's scope covers the unit (a city whole, or a hall)."""
    return filters.allows(f, city=unit) if level == "city" else filters.allows(f, hall=unit)


def is_peer(unit: str) -> bool:
    """True for a peer's stand-in id (PEER and its number in rank order)."""
    return unit.startswith(PEER)


def _unname(table: pd.DataFrame, months: tuple[Month, ...]):
    """The units outside the user's scope under stand-in ids ("#1", "#2" ... best first), with
    their city blanked, in the table and in every month: peers keep their points and ranks,
    never their ids (pulse.groups.unnamed's rule; frames.unit_names names them "Peer n")."""
    peers = [unit for unit, own in zip(table.index, table["own"], strict=True) if not own]
    ids = {unit: f"{PEER}{i}" for i, unit in enumerate(peers, start=1)}

    def hide(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.rename(index=ids)
        if "city_id" in frame:
            frame["city_id"] = (
                frame["city_id"].astype(object).where(~frame.index.isin(list(ids.values())), None)
            )
        return frame

    return hide(table), tuple(replace(m, units=hide(m.units)) for m in months)


def between_units(board: Scorecard, a: str, b: str) -> pd.Series:
    """Each metric's and deduction's part in total(a) - total(b) in the month shown."""
    version = board.version
    units = board.month.units
    return scoring.contributions(units.loc[a], version, units.loc[b], version)


def between_months(board: Scorecard, unit: str, other: str) -> pd.Series:
    """Each part in the unit's total this month less its total in `other` ('previous' or
    'last_year'), each month scored by its own version."""
    then = board.previous if other == "previous" else board.last_year
    return scoring.contributions(
        board.month.units.loc[unit], board.version, then.units.loc[unit], then.version
    )
