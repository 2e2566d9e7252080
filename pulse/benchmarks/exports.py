"""The Benchmarks page's chart downloads in the screen's units and words: the funnel plot and
the industry comparison. Frames in, frames out; no Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse.catalog import Metric
from pulse.i18n import language, t
from pulse.ui import codes, downloads

# the funnel's x for a rate, an exposure; for the other kinds it is n, already a column
EXPOSURE = "exposure (million subscriber-months)"


def funnel(units: pd.DataFrame, metric: Metric, names: dict[str, str], kind: str):
    """The funnel plot's points (the units with an x above 0, as drawn): the unit by its
    name, n (and a rate's exposure, its x), value and 95% interval in the metric's unit,
    where the point lies as the chart's legend words it, and whether it lies beyond the
    99.8% limits (drawn larger). The league's rank is its table's, not the chart's."""
    drawn = units[units["funnel_x"] > 0]
    out = drawn[["unit", "n"]].assign(
        **({EXPOSURE: drawn["funnel_x"]} if kind == "rate" else {}),
        value=drawn["value"],
        low=drawn["low"],
        high=drawn["high"],
        funnel=[
            place(differs, enough, metric.higher_is_better)
            for differs, enough in zip(drawn["differs"], drawn["enough_n"], strict=True)
        ],
    )
    out["beyond 99.8%"] = drawn["strongly"].astype(bool).to_numpy()
    return downloads.one_metric(out, metric, {"unit": names})


def place(differs: int, enough: bool, higher_is_better: bool | None) -> str:
    """A point's place in the funnel in the legend's words: below the minimum n (an open
    point), within the limits, or beyond 95% on the better or worse side."""
    if not enough:
        return t("benchmarks.funnel.too_few")
    if differs == 0:
        return t("benchmarks.funnel.legend_inside")
    if higher_is_better is None:
        return t("benchmarks.funnel.legend_outside")
    better = (differs > 0) == higher_is_better
    return t(f"benchmarks.funnel.legend_{'better' if better else 'worse'}")


def industry(rows: pd.DataFrame, metric: Metric, company: pd.Series) -> pd.DataFrame:
    """The industry chart's bars: each published figure by its subject, market and period
    with its source and year, then the company's own value with its 95% interval; values in
    the metric's unit."""
    zh = language() == "zh"
    published = pd.DataFrame(
        {
            "subject": rows["subject_zh" if zh else "subject_en"].to_numpy(dtype=object),
            "market": [t(f"benchmarks.market.{m}") for m in rows["market"]],
            "period": rows["period_label"].to_numpy(dtype=object),
            "value": rows["value"].to_numpy(dtype=float),
            "low": np.nan,
            "high": np.nan,
            "source": [codes.benchmark_source(s) for s in rows["source"]],
            "source_year": rows["source_year"].to_numpy(),
        }
    )
    ours = [
        t("benchmarks.industry.ours"),
        None,
        None,
        *company[["value", "low", "high"]],
        None,
        None,
    ]
    published.loc[len(published)] = ours
    out = published.astype({"source_year": "Int64"})
    return downloads.one_metric(out, metric)
