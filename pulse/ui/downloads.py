"""A chart's download in the screen's units and words. A metric is stored in seconds or as a
share from 0 to 1, and its chart draws minutes or percent under a definition that says so:
its download gives the same numbers, with the unit in the column's header (one metric) or
in a unit column (a frame of several), and its codes (a city, a tier, a metric) as the
labels the chart shows."""

from __future__ import annotations

import pandas as pd

from pulse import catalog
from pulse.catalog import Metric
from pulse.i18n import t
from pulse.ui.charts import change_unit, scale, unit

# the columns that hold a metric's values, where a frame has them: its value, interval and
# target, the comparison period's, and the change between the two
VALUES = ("value", "low", "high", "target", "cmp_value", "cmp_low", "cmp_high", "delta")


def one_metric(
    frame: pd.DataFrame,
    metric: Metric,
    labels: dict[str, dict] | None = None,
    columns: tuple[str, ...] = VALUES,
) -> pd.DataFrame:
    """`frame`'s values of `metric` in the unit drawn, named in their headers ("value
    (min)"), and each column in `labels` written by its labels (a code without one kept)."""
    out = _labelled(frame, labels)
    present = [c for c in columns if c in out.columns]
    out[present] = out[present].astype(float) * scale(metric)
    u = unit(metric)
    if not u:
        return out
    units = {c: change_unit(metric) if c == "delta" else u for c in present}
    return out.rename(columns={c: f"{c} ({units[c]})" for c in present})


def by_metric(
    frame: pd.DataFrame,
    lang: str,
    labels: dict[str, dict] | None = None,
    columns: tuple[str, ...] = VALUES,
) -> pd.DataFrame:
    """A frame of several metrics (a `metric_id` column): each row's values in its metric's
    unit, named in a `unit` column after them, and `metric` holding the metric's name. A
    change (`delta`) has a `delta_unit` beside it: a share's change is in percentage points,
    where its values are in percent."""
    out = _labelled(frame, labels)
    metrics = [catalog.metric(m) for m in out["metric_id"]]
    present = [c for c in columns if c in out.columns]
    out[present] = out[present].astype(float).mul([scale(m) for m in metrics], axis=0)
    where = out.columns.get_loc(present[-1]) + 1 if present else len(out.columns)
    out.insert(where, "unit", [unit(m) for m in metrics])
    if "delta" in present:
        out.insert(where + 1, "delta_unit", [change_unit(m) for m in metrics])
    out["metric_id"] = [m.label(lang) for m in metrics]
    return out.rename(columns={"metric_id": "metric"})


def headed(name: str, unit_format: str) -> str:
    """A field's header with the unit of a catalogue format ("pct1", "minutes", "seconds"), as
    one_metric writes its values' headers: "wait_mean (min)", "aht (秒)"."""
    return f"{name} ({t(f'trends.unit.{unit_format}')})"


def statuses() -> dict[str, str]:
    """A status column's labels: "On target" for green and so on."""
    return {status: t(f"status.{status}") for status in ("green", "amber", "red", "unknown")}


def _labelled(frame: pd.DataFrame, labels: dict[str, dict] | None) -> pd.DataFrame:
    """A copy of the frame, codes as labels; a named index becomes a column, the row numbers
    of a slice go."""
    out = frame.reset_index(drop=not any(frame.index.names))
    for column, names in (labels or {}).items():
        out[column] = [names.get(code, code) for code in out[column]]
    return out
