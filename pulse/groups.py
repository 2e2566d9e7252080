"""Any catalogue metric's values for several groupings at once (company, tier, city, hall):
value, interval, n and change per group, read through the catalogue route (pulse.measures and
pulse.values, or pulse.histograms for quantiles). Leagues, drill-downs, the hall profile and
the scorecard all read through here."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog, filters, histograms, measures, values
from pulse.catalog import Metric
from pulse.i18n import t


def available(metric: Metric, level: str) -> bool:
    """Halls only for metrics their rollup records by hall (not the hotline, not per-million
    rates, whose subscribers are counted by city)."""
    if level == "city":
        return True
    return "branch_id" in catalog.rollup(metric.rollup).filters.values() and metric.kind != "rate"


def grouped_values(store, metric, f, period, sets, tier: str | None = None) -> dict:
    """Value, interval, n and the change of the metric for each grouping set, plus the
    funnel's x (n, or the exposure of rates) and the measures a funnel's spread needs.
    tier narrows a quantile metric to the halls of one tier (other kinds ignore it)."""
    if metric.kind == "quantile":
        names = sorted({c for g in sets for c in g})
        keys = [(c, c) for c in names]
        found = histograms.fetch(store, metric, f, period, keys, sets, tier=tier)
        out = {}
        for g, frame in found.items():
            # numbered from 0 each: the whole scope's one row of each period joins by number
            cur = frame[frame["period"] == "cur"].drop(columns="period").reset_index(drop=True)
            cmp = frame[frame["period"] == "cmp"].drop(columns="period").reset_index(drop=True)
            cmp = cmp.rename(columns={c: f"cmp_{c}" for c in ("value", "low", "high", "n")})
            merged = cur.merge(cmp, on=list(g), how="left") if g else cur.join(cmp, how="left")
            merged["enough_n"] = merged["n"] >= max(metric.min_n, 1)
            merged["delta"] = merged["value"] - merged["cmp_value"]
            merged["p_value"], merged["is_significant"] = np.nan, False
            merged["funnel_x"] = merged["n"]
            out[g] = merged.reset_index(drop=True)
        return out
    raw = measures.fetch(store, [metric], f, period, sets)
    out = {}
    for g in sets:
        evaluated = values.evaluate([metric], raw[g], g, period)
        cur = raw[g][raw[g]["period"] == "cur"].drop(columns="period")
        merged = evaluated.merge(cur, on=list(g), how="left") if g else evaluated.join(cur)
        if metric.kind == "rate" and "subscriber_days" in merged:
            merged["funnel_x"] = merged["subscriber_days"] / metric.exposure_days / 1e6
        elif metric.kind == "rate":  # no subscribers for a hall selection
            merged["funnel_x"] = np.nan
        else:
            merged["funnel_x"] = merged["n"]
        out[g] = merged
    return out


IDS = ("city_id", "branch_id", "hall_no")  # what names a unit besides its label


def unnamed(frame: pd.DataFrame, f: filters.Filter, unit: str = "unit") -> pd.DataFrame:
    """A table of units (one per row, in the order given: best first) with those outside the
    user's scope unnamed: "Peer 1..n" for the unit, every id blanked, so a peer comparison
    read through filters.everyone shows where the user's units stand and names no other."""
    if f.reach is None or frame.empty:
        return frame
    frame = frame.reset_index(drop=True).copy()
    halls = frame["branch_id"] if "branch_id" in frame else pd.Series(None, index=frame.index)
    cities = frame["city_id"] if "city_id" in frame else pd.Series(None, index=frame.index)
    outside = [
        not filters.allows(f, h if isinstance(h, str) else None, c if isinstance(c, str) else None)
        for h, c in zip(halls, cities, strict=True)
    ]
    outside = pd.Series(outside, index=frame.index)
    names = [t("access.peer", n=i + 1) for i in range(int(outside.sum()))]
    frame[unit] = frame[unit].astype(object)
    frame.loc[outside, unit] = names
    for column in IDS:
        if column in frame and column != unit:
            frame[column] = frame[column].astype(object)
            frame.loc[outside, column] = None
    return frame
