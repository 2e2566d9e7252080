"""One plotly look for every screen chart: the house template over the named colours of
pulse.export.theme (PALETTE, STATUS, TARGET, BAND also answer here), and chart helpers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from pulse.export import theme
from pulse.export.theme import BAND, FONT, PALETTE, STATUS, TARGET  # noqa: F401 (the kit's names)

pio.templates["pulse"] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": theme.INK},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        xaxis={"gridcolor": theme.GRID, "zerolinecolor": theme.RULE, "linecolor": theme.RULE},
        yaxis={"gridcolor": theme.GRID, "zerolinecolor": theme.RULE, "linecolor": theme.RULE},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
)


def figure(title: str | None = None, **layout) -> go.Figure:
    """An empty figure in the house style."""
    fig = go.Figure()
    fig.update_layout(template="pulse", title={"text": title} if title else None, **layout)
    return fig


def event_label_rows(fig: go.Figure, events: pd.DataFrame, lang: str) -> list[int]:
    """For each event (in order of start), the line its name goes on: the first line where it
    does not run into the name before it. Names are about 6.5 px a character (13 for Chinese)
    on a plot about 900 px wide, spanning the figure's x values and the events."""
    xs = [pd.Timestamp(x) for trace in fig.data if trace.x is not None for x in trace.x]
    starts = pd.to_datetime(events["starts_on"])
    low = min([*xs, *starts]) if len(starts) else None
    high = max([*xs, *pd.to_datetime(events["ends_on"])]) if len(starts) else None
    span = (high - low) if low is not None and high > low else pd.Timedelta(days=1)
    ends: list[pd.Timestamp] = []  # where the last name on each line ends
    rows = []
    for event, start in zip(events.to_dict("records"), starts, strict=True):
        title = event["title_zh"] if lang == "zh" else event["title_en"]
        width = span * (len(title) * (13 if lang == "zh" else 6.5) / 900)
        row = next((r for r, end in enumerate(ends) if start > end), len(ends))
        if row == len(ends):
            ends.append(start + width)
        else:
            ends[row] = start + width
        rows.append(row)
    return rows


def whiskers(value, low, high, scale: float = 1.0, **style) -> dict:
    """An interval as plotly's asymmetric error bars around `value` (for error_x or error_y),
    in the unit drawn (`scale` 100 for percent); a single value gets a single bar."""
    up, down = (high - value) * scale, (value - low) * scale
    if np.ndim(up) == 0:
        up, down = [up], [down]
    return {"type": "data", "symmetric": False, "array": up, "arrayminus": down, **style}
