"""Who is really better: a league table of cities or halls for one metric, its funnel plot
(Spiegelhalter 2005: 95% and 99.8% limits around the company value that narrow with n, widened
when units vary more than chance allows), targets at every level, and the significant movers.
Computed without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from pulse import catalog, filters, groups, settings, stats, targets, values
from pulse.catalog import Metric
from pulse.dimensions import Dimensions
from pulse.store import Store

LEVELS = ("city", "hall")
TIERS = ("flagship", "standard", "community", "rural")
CONFIDENCES = (0.95, 0.998)
# the funnel each kind of metric is drawn with (counts have no denominator to compare on)
FUNNEL = {"share": "share", "rate": "rate", "mean": "mean", "nps": "mean", "quantile": "mean"}
MOVERS_SHOWN = 5
_GROUP = {"city": ("city_id",), "hall": ("city_id", "branch_id")}


@dataclass
class League:
    """A metric's league table at one level, with what the funnel plot needs."""

    metric: Metric
    level: str
    peer_tier: str | None
    period: filters.Period
    centre: float  # the company value, or the peer group's
    centre_n: float
    units: pd.DataFrame
    company_target: targets.Target | None
    phi: float = 1.0  # overdispersion factor; 1 when the units vary no more than chance
    sd: float | None = None  # unit-level spread for mean-like funnels
    available: bool = True

    @property
    def funnel_kind(self) -> str | None:
        """share, rate or mean; None for counts, which get no funnel."""
        return FUNNEL.get(self.metric.kind)

    @property
    def ranked(self) -> pd.DataFrame:
        """Units with enough n, best first."""
        return self.units[self.units["enough_n"]].sort_values("rank")

    @property
    def too_few(self) -> pd.DataFrame:
        """Units below the metric's minimum n: listed apart, unranked."""
        return self.units[~self.units["enough_n"] & (self.units["n"].fillna(0) > 0)]


def league(
    store: Store,
    metric_id: str,
    f: filters.Filter,
    period: filters.Period,
    level: str,
    dims: Dimensions,
    peer_tier: str | None = None,
) -> League:
    """The league of cities or halls in scope for one metric (halls of one tier when
    peer_tier is given, measured against that tier instead of the company)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    if peer_tier is not None and peer_tier not in TIERS:
        raise ValueError(f"peer_tier must be one of {TIERS}, got {peer_tier!r}")
    metric = catalog.metric(metric_id)
    year_targets = targets.for_year(store, period.end.year)
    company_target = targets.pick(year_targets, metric.id)
    if not groups.available(metric, level):
        return League(
            metric, level, None, period, np.nan, 0, pd.DataFrame(), company_target, available=False
        )
    peer_tier = peer_tier if level == "hall" else None
    group = _GROUP[level]
    sets = [(), group] + ([("tier",)] if peer_tier else [])
    # a scoped user's league is everyone's, with the units outside their scope unnamed
    everyone = filters.everyone(f) if f.reach is not None else f
    found = groups.grouped_values(store, metric, everyone, period, sets)
    centre_row = found[("tier",)] if peer_tier else found[()]
    if peer_tier:
        centre_row = centre_row[centre_row["tier"] == peer_tier]
    centre = float(centre_row["value"].iloc[0]) if len(centre_row) else np.nan
    centre_n = float(centre_row["n"].iloc[0]) if len(centre_row) else 0.0
    units = _units(found[group], level, dims)
    if peer_tier:
        units = units[units["tier"] == peer_tier].reset_index(drop=True)
    result = League(metric, level, peer_tier, period, centre, centre_n, units, company_target)
    result.sd = _spread(metric, centre_row)
    _judge(result)
    result.units = _rank(metric, _with_targets(metric, result.units, year_targets, level))
    if f.reach is not None:
        ranked = result.units.sort_values("rank", na_position="last")
        result.units = groups.unnamed(ranked, f)
    return result


def _units(frame: pd.DataFrame, level: str, dims: Dimensions) -> pd.DataFrame:
    """One row per city or hall, with its id as `unit` and the hall's tier."""
    frame = frame.copy()
    if level == "hall":
        frame = frame[frame["branch_id"].notna()]
        frame["unit"] = frame["branch_id"]
        tiers = dict(zip(dims.halls["branch_id"], dims.halls["tier"], strict=True))
        frame["tier"] = frame["unit"].map(tiers)
    else:
        frame["unit"] = frame["city_id"]
        frame["tier"] = None
    return frame.reset_index(drop=True)


def _spread(metric: Metric, centre_row: pd.DataFrame) -> float | None:
    """The unit-level standard deviation behind a mean-like funnel: the pooled within-unit
    spread (means), sqrt(p + d - NPS²) (NPS), or the quantile's asymptotic spread backed
    out of its order-statistic interval."""
    if centre_row.empty:
        return None
    row = centre_row.iloc[0]
    if metric.kind == "mean":
        s, ss, n = (float(row[f"{metric.id}__{p}"]) for p in ("numerator", "sum_sq", "denominator"))
        if n < 2:
            return None
        return float(np.sqrt(max(ss - s * s / n, 0) / (n - 1)) * metric.scale)
    if metric.kind == "nps":
        p, pa, d = (
            float(row[f"{metric.id}__{x}"]) for x in ("promoters", "passives", "detractors")
        )
        total = p + pa + d
        if total <= 0:
            return None
        share_p, share_d = p / total, d / total
        return float(100 * np.sqrt(share_p + share_d - (share_p - share_d) ** 2))
    if metric.kind == "quantile":
        half = (float(row["high"]) - float(row["low"])) / 2
        return float(half / norm.ppf(0.975) * np.sqrt(float(row["n"])))
    return None


def limits(result: League, x, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Funnel limits at exposures x, widened by sqrt(phi) around the centre."""
    kind = result.funnel_kind
    low, high = stats.funnel_limits(result.centre, x, kind, confidence, sd=result.sd)
    widen = np.sqrt(result.phi)
    low = result.centre - (result.centre - np.asarray(low)) * widen
    high = result.centre + (np.asarray(high) - result.centre) * widen
    if kind == "share":
        low, high = np.clip(low, 0, 1), np.clip(high, 0, 1)
    if kind == "rate":
        low = np.maximum(low, 0)
    if kind == "mean":  # scores, waits and durations are never below 0, an NPS never below -100
        floor = -1.0 if result.metric.kind == "nps" else 0.0
        low = np.maximum(low, floor)
    return low, high


def _judge(result: League) -> None:
    """Overdispersion, then each unit's place against the funnel: differs (+1 above, -1
    below, 0 inside the 95% limits) and strongly (outside 99.8%)."""
    units = result.units
    units["differs"], units["strongly"] = 0, False
    kind = result.funnel_kind
    if kind is None or units.empty or np.isnan(result.centre):
        return
    if kind == "mean" and not result.sd:
        return
    enough = units[units["enough_n"] & (units["funnel_x"] > 0)]
    if len(enough):
        phi = stats.overdispersion_phi(
            enough["value"],
            enough["funnel_x"],
            result.centre,
            kind,
            sd=result.sd,
            winsor=settings.get("funnel_winsor_share"),
        )
        result.phi = 1.0 if np.isnan(phi) else float(phi)
    x = units["funnel_x"].to_numpy(dtype=float)
    v = units["value"].to_numpy(dtype=float)
    low95, high95 = limits(result, x, CONFIDENCES[0])
    low998, high998 = limits(result, x, CONFIDENCES[1])
    ok = units["enough_n"].to_numpy()
    units["differs"] = np.where(ok & (v > high95), 1, np.where(ok & (v < low95), -1, 0))
    units["strongly"] = ok & ((v > high998) | (v < low998))


def _with_targets(metric, units, year_targets, level) -> pd.DataFrame:
    rows = []
    for row in units.to_dict("records"):
        if level == "hall":
            found = targets.pick(
                year_targets, metric.id, hall=row["unit"], tier=row["tier"], city=row["city_id"]
            )
        else:
            found = targets.pick(year_targets, metric.id, city=row["unit"])
        value = row["value"] if row["enough_n"] else None
        rows.append(
            (
                found.value if found else np.nan,
                found.level if found else None,
                targets.status(metric, value, found),
            )
        )
    units = units.copy()
    units["target"] = [r[0] for r in rows]
    units["target_level"] = [r[1] for r in rows]
    units["status"] = [r[2] for r in rows]
    return units


def _rank(metric: Metric, units: pd.DataFrame) -> pd.DataFrame:
    """Rank 1 is the best (the largest for volumes); units below the minimum n are unranked."""
    units = units.copy()
    ascending = metric.higher_is_better is False
    ranked = units["value"].where(units["enough_n"])
    units["rank"] = ranked.rank(ascending=ascending, method="min")
    return units


def movers(result: League) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units whose change against the comparison period stays significant after a
    Benjamini-Hochberg correction over every unit tested: (most improved, most declined),
    largest standardised change first. For volumes: (largest rises, largest falls)."""
    units = result.units
    if units.empty or "p_value" not in units:
        return units.head(0), units.head(0)
    ok = units["enough_n"] & (units["cmp_n"].fillna(0) >= result.metric.min_n)
    tested = units[ok & units["p_value"].notna()].copy()
    if tested.empty:
        return tested, tested
    tested["q_value"] = stats.adjust_pvalues(tested["p_value"].to_numpy())
    spread = np.sqrt(
        ((tested["high"] - tested["low"]) / 3.92) ** 2
        + ((tested["cmp_high"] - tested["cmp_low"]) / 3.92) ** 2
    )
    tested["z"] = tested["delta"] / spread
    kept = tested[tested["q_value"] < values.ALPHA]
    better = result.metric.higher_is_better
    up = kept["delta"] > 0 if better is not False else kept["delta"] < 0
    improved = kept[up].reindex(kept[up]["z"].abs().sort_values(ascending=False).index)
    declined = kept[~up].reindex(kept[~up]["z"].abs().sort_values(ascending=False).index)
    return improved.head(MOVERS_SHOWN), declined.head(MOVERS_SHOWN)
