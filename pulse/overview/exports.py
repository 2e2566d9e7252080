"""The Overview's downloads in the screen's units and words: the persistently-below list and
the parts of a "why". Frames in, frames out; no Streamlit."""

from __future__ import annotations

import pandas as pd

from pulse.catalog import Metric
from pulse.i18n import t
from pulse.ui import downloads
from pulse.ui.charts import change_unit, scale, unit

_PERSISTENT_VALUES = ("value", "target")


def persistent(frame: pd.DataFrame, cities: dict[str, str], halls: dict[str, str], lang: str):
    """The persistently-below list (pulse.persistent.below) as a download: the level and the
    place by their names, the city, the metric, one value per month or week (a column each,
    named by the span's first day), the value over all of them and the target, each in the
    metric's unit named in a unit column, and n; the shortfall that sorts it is left out."""
    spans = [d.isoformat() for d in frame["buckets"].iloc[0]] if len(frame) else []
    monthly = [f"value_{day}" for day in spans]
    out = pd.DataFrame(
        {
            "level": frame["level"],
            "place": [
                (cities if level == "city" else halls).get(code, code)
                for level, code in zip(frame["level"], frame["unit"], strict=True)
            ],
            "city": frame["city_id"],
            "metric_id": frame["metric_id"],
            **{
                column: [values[i] for values in frame["values"]]
                for i, column in enumerate(monthly)
            },
            "value": frame["value"],
            "target": frame["target"],
            "n": frame["n"],
        }
    )
    levels = {level: t(f"why.dim.{level}") for level in ("city", "hall")}
    return downloads.by_metric(
        out,
        lang,
        {"level": levels, "city": cities},
        columns=(*monthly, *_PERSISTENT_VALUES),
    )


def why_parts(parts: pd.DataFrame, metric: Metric, names: list[str], found) -> pd.DataFrame:
    """The parts of `found`'s gap to target (a pulse.explain.Explanation) as a download,
    every part (the screen adds up those past its first rows): the part by its name, n, its
    value (or, for a percentile, its share beyond the target value, in %), its contribution
    (a change: in points of a percent, pp) and its share of the gap in % (blank where the
    screen writes a dash: no gap), and the target; each in the unit the table writes, named
    in the header."""
    k, u = scale(metric), unit(metric)
    change = change_unit(metric)
    out = pd.DataFrame({"part": names, "n": parts["n"].to_numpy()})
    if found.basis == "beyond":
        # the share beyond the target value and a contribution to it are both shares
        out["beyond (%)"] = parts["basis_value"].to_numpy(dtype=float) * 100
        out[f"contribution ({t('trends.unit.pp')})"] = parts["contribution"].to_numpy() * 100
    else:
        out[_named("value", u)] = parts["basis_value"].to_numpy(dtype=float) * k
        out[_named("contribution", change)] = parts["contribution"].to_numpy(dtype=float) * k
    share = parts["share_of_gap"].to_numpy(dtype=float) * 100
    out["share_of_gap (%)"] = share if found.gap > 0 else float("nan")
    out[_named("target", u)] = float(found.target) * k
    return out


def _named(column: str, unit_name: str) -> str:
    return f"{column} ({unit_name})" if unit_name else column
