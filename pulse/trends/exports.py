"""The Trends page's chart downloads beyond the lines' (sections.export_frame): the control
chart and the STL parts, each in the unit the chart draws, named in the header. No
Streamlit."""

from __future__ import annotations

import pandas as pd

from pulse import control
from pulse.catalog import Metric
from pulse.ui import downloads
from pulse.ui.charts import change_unit, unit

LEVELS, DEVIATIONS = ("observed", "trend"), ("seasonal", "resid")  # STL's parts


def control_frame(metric: Metric, chart: control.Chart, points: pd.DataFrame) -> pd.DataFrame:
    """A control chart's points as drawn: each bucket's value, its lower and upper limits and
    the centre in the metric's unit ("value (min)"), and n. The values are the chart's (a
    u-chart of a count draws each bucket's count), as the figure plots them."""
    frame = pd.DataFrame(
        {
            "bucket": points["bucket"].to_numpy(),
            "value": chart.values,
            "lower": chart.lower,
            "upper": chart.upper,
            "centre": chart.centre,
            "n": points["n"].to_numpy(),
        }
    )
    return downloads.one_metric(frame, metric, columns=("value", "lower", "upper", "centre"))


def stl_frame(metric: Metric, parts: pd.DataFrame) -> pd.DataFrame:
    """The STL parts by bucket in the metric's unit: observed and trend are levels ("%"),
    seasonal and remainder are deviations from them (for a share in points, "pp")."""
    out = downloads.one_metric(parts.reset_index(), metric, columns=LEVELS + DEVIATIONS)
    u, change = unit(metric), change_unit(metric)
    if change == u:
        return out
    return out.rename(columns={f"{c} ({u})": f"{c} ({change})" for c in DEVIATIONS})
