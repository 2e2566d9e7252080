"""One plotly look for every screen chart: the house template over the named colours of
pulse.export.theme (PALETTE, STATUS, TARGET, BAND also answer here), and chart helpers."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit  # noqa: F401 (first: importing it makes its own template plotly's default)
from plotly import shapeannotation
from plotly.subplots import make_subplots

from pulse.catalog import Metric
from pulse.export import theme
from pulse.export.theme import BAND, FONT, PALETTE, STATUS, TARGET  # noqa: F401 (the kit's names)
from pulse.i18n import language, t
from pulse.ui import format as fmt

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
# every figure starts in the house style: naming the template on each figure validated it
# again (3 ms a chart). Streamlit sets its own template as the default when it is imported,
# hence the import above, before this line
pio.templates.default = "pulse"


class Figure(go.Figure):
    """A plotly figure whose lines and bands across a plot (add_hline, add_vline, add_vrect,
    add_hrect) are added as one shape and one annotation. plotly's own methods write the
    figure's whole list of shapes and annotations back three times a call, each time validated
    again: 6-9 ms a line, so a trend with a target and five events paid 40 ms. The shapes and
    annotations are the ones plotly's methods make (tests/test_charts.py). On a figure of
    subplots (see `subplots`) a line goes to the one subplot its row and col name, as plotly
    puts it; "all" subplots, an explicit xref or yref, an annotation object, or an annotation
    on a secondary axis are left to plotly's methods.

    Inside `batch(fig)` the shapes and annotations added are kept aside and written to the
    layout once, at its end: plotly writes the whole list back on each one it adds, validated
    again, so twenty-five event bands took 70 ms, and 3.5 ms in one go."""

    def add_scatter(self, row=None, col=None, secondary_y=None, **kwargs):
        return self._add_trace("scatter", row, col, secondary_y, kwargs)

    def add_bar(self, row=None, col=None, secondary_y=None, **kwargs):
        return self._add_trace("bar", row, col, secondary_y, kwargs)

    def _add_trace(self, kind: str, row, col, secondary_y, kwargs: dict) -> Figure:
        """A trace added as plotly's add_scatter or add_bar adds it, from a dict: those build
        the trace object with every one of its properties set, and add_trace builds it again;
        from a dict it is built once with the properties given (a 27-line Trends chart's
        traces took 17 ms, 9 ms this way; the figure's JSON is the same, tests/test_charts.py)."""
        trace = {"type": kind, **{k: v for k, v in kwargs.items() if v is not None}}
        return self.add_trace(trace, row=row, col=col, secondary_y=secondary_y)

    def add_shape(self, arg=None, row=None, col=None, secondary_y=None, **kwargs):
        return self._add_or_keep("shapes", arg, row, col, secondary_y, kwargs)

    def add_annotation(self, arg=None, row=None, col=None, secondary_y=None, **kwargs):
        return self._add_or_keep("annotations", arg, row, col, secondary_y, kwargs)

    def _add_or_keep(self, kind, arg, row, col, secondary_y, kwargs) -> Figure:
        """Keep a plain shape or annotation aside in a batch; else (or one placed on a
        subplot, or given as an object) write what is kept, then add it as plotly does."""
        kept = self.__dict__.get("_kept")
        plain = arg is None and row is None and col is None and secondary_y is None
        if kept is not None and plain and not kwargs.get("exclude_empty_subplots"):
            kept[kind].append({k: v for k, v in kwargs.items() if v is not None})
            return self
        self._write_kept()
        add = super().add_shape if kind == "shapes" else super().add_annotation
        return add(arg, row=row, col=col, secondary_y=secondary_y, **kwargs)

    def _plotly(self, method: str, *args, **kwargs) -> Figure:
        """plotly's own method for a line or band: what a batch kept is written first, and
        nothing is kept while it runs (it counts the shapes it has added)."""
        self._write_kept()
        kept = self.__dict__.get("_kept")
        self.__dict__["_kept"] = None
        try:
            return getattr(super(), method)(*args, **kwargs)
        finally:
            self.__dict__["_kept"] = kept

    def _write_kept(self) -> None:
        kept = self.__dict__.get("_kept")
        if kept is None or not any(kept.values()):
            return
        self.__dict__["_kept"] = {"shapes": [], "annotations": []}
        for kind, items in kept.items():
            if items:  # one assignment: the list validated once
                self.layout[kind] = [*self.layout[kind], *items]

    def add_hline(self, y, row="all", col="all", **kwargs):
        axes = self._axes(row, col, kwargs)
        if axes is None:
            return self._plotly("add_hline", y, row=row, col=col, **kwargs)
        return self._spanning("hline", {"x0": 0, "x1": 1, "y0": y, "y1": y}, kwargs, axes)

    def add_vline(self, x, row="all", col="all", **kwargs):
        axes = self._axes(row, col, kwargs)
        if axes is None:
            return self._plotly("add_vline", x, row=row, col=col, **kwargs)
        return self._spanning("vline", {"x0": x, "x1": x, "y0": 0, "y1": 1}, kwargs, axes)

    def add_hrect(self, y0, y1, row="all", col="all", **kwargs):
        axes = self._axes(row, col, kwargs)
        if axes is None:
            return self._plotly("add_hrect", y0, y1, row=row, col=col, **kwargs)
        return self._spanning("hrect", {"x0": 0, "x1": 1, "y0": y0, "y1": y1}, kwargs, axes)

    def add_vrect(self, x0, x1, row="all", col="all", **kwargs):
        axes = self._axes(row, col, kwargs)
        if axes is None:
            return self._plotly("add_vrect", x0, x1, row=row, col=col, **kwargs)
        return self._spanning("vrect", {"x0": x0, "x1": x1, "y0": 0, "y1": 1}, kwargs, axes)

    def _axes(self, row, col, kwargs: dict) -> tuple[str, str] | None:
        """The x and y axis ("x2", "y3") a line or band goes on, or None for plotly's method.
        A secondary axis is taken out of `kwargs` once it is placed."""
        secondary = kwargs.get("secondary_y", False)
        if {"annotation", "xref", "yref", "exclude_empty_subplots"} & kwargs.keys() or (
            # plotly puts the annotation of a line on a secondary axis on the primary one
            secondary and any(key.startswith("annotation_") for key in kwargs)
        ):
            return None
        if not self._has_subplots():
            return None if secondary else ("x", "y")
        grid = self._grid_ref
        if row == "all" and col == "all" and len(grid) == 1 and len(grid[0]) == 1:
            row = col = 1  # one plot with a secondary axis: "all" is that plot
        if not (isinstance(row, int) and isinstance(col, int)):
            return None
        refs = grid[row - 1][col - 1]
        if not refs or refs[0].subplot_type != "xy" or (secondary and len(refs) < 2):
            return None
        x, y = (key.replace("axis", "") for key in refs[1 if secondary else 0].layout_keys)
        if not self._subplot_not_empty(x, y, selector=True):  # plotly draws none there
            return None
        kwargs.pop("secondary_y", None)
        return (x, y)

    def _spanning(self, kind: str, span: dict, kwargs: dict, axes: tuple[str, str]) -> Figure:
        # across the plot's height (a vertical line or band) or its width: that side's
        # coordinates are the axis domain's 0..1, as plotly writes them
        x, y = axes
        vertical = kind.startswith("v")
        across = (
            {"xref": x, "yref": f"{y} domain"} if vertical else {"xref": f"{x} domain", "yref": y}
        )
        shape_kwargs, annotation_kwargs = shapeannotation.split_dict_by_key_prefix(
            kwargs, "annotation_"
        )
        shape = {"type": "line" if kind.endswith("line") else "rect", **span}
        self.add_shape(**shape, **shape_kwargs, **across)
        note = shapeannotation.axis_spanning_shape_annotation(None, kind, span, annotation_kwargs)
        if note is not None:
            self.add_annotation(**note, **across)
        return self


class _Grid(go.Figure):
    """What plotly's make_subplots writes into its figure, kept as it is handed over."""

    def update_layout(self, dict1=None, overwrite=False, **kwargs):
        self.__dict__["grid_layout"] = dict1
        return self


@contextmanager
def batch(fig: go.Figure):
    """Add many lines, bands and annotations to a `Figure` in one write to its layout (see
    Figure); the figure is the same as when they are added one at a time. Reading the
    figure's shapes or annotations inside the batch does not see those kept aside."""
    if not isinstance(fig, Figure) or fig.__dict__.get("_kept") is not None:
        yield fig  # a plain plotly figure, or a batch already open
        return
    fig.__dict__["_kept"] = {"shapes": [], "annotations": []}
    try:
        yield fig
    finally:
        fig._write_kept()
        fig.__dict__.pop("_kept")


def subplots(**grid) -> Figure:
    """plotly's make_subplots (the same arguments, layout and placing of traces by row, col
    and secondary_y) as a `Figure`, built in 2-4 ms: make_subplots writes its layout into the
    figure with update_layout, which validates it path by path (14-23 ms). It leans on
    make_subplots' `figure` argument and its `_grid_ref` (plotly is pinned; tests/test_charts.py
    compares the two figures, so an upgrade that changes them fails there)."""
    made = make_subplots(figure=_Grid(), **grid)
    fig = Figure(layout=made.__dict__["grid_layout"])
    fig.__dict__["_grid_ref"] = made.__dict__["_grid_ref"]
    fig.__dict__["_grid_str"] = made.__dict__["_grid_str"]
    return fig


def figure(title: str | None = None, **layout) -> Figure:
    """An empty figure in the house style (the default template, set above)."""
    fig = Figure()
    fig.update_layout(title={"text": title} if title else None, **layout)
    return fig


def log_axis(low: float, high: float, write=None) -> dict:
    """A log axis whose ticks are round numbers written in full (1, 2, 5, 10, 20 ... as
    1, 2, 5, 10, 20, 1k ...), not plotly's bare "2 3 4" between the powers of ten."""
    write = write or (lambda v: fmt.compact(v) if v >= 1 else fmt.number(v, 2))
    low, high = max(float(low), 1e-9), max(float(high), float(low) * 1.01, 1e-9)
    values = [
        m * 10.0**p
        for p in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
        for m in (1, 2, 5)
    ]
    values = [v for v in values if low <= v <= high] or [low, high]
    return {"type": "log", "tickvals": values, "ticktext": [write(v) for v in values]}


def event_label_rows(fig: go.Figure, events: pd.DataFrame, lang: str) -> list[int]:
    """For each event (in order of start), the line its name goes on: the first line where it
    does not run into the name before it. Names are about 6.5 px a character (13 for Chinese)
    on a plot about 900 px wide, spanning the figure's x values and the events."""
    xs = []  # the traces' first and last dates (a Timestamp per point took 5-10 ms a chart)
    for trace in fig.data:
        if trace.x is not None and len(trace.x):
            x = trace.x
            if not (isinstance(x, np.ndarray) and x.dtype.kind == "M"):  # plotly keeps dates so
                x = pd.to_datetime(pd.Series(x)).to_numpy()  # others (a list) are converted
            xs += [pd.Timestamp(x.min()), pd.Timestamp(x.max())]
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


def scale(metric: Metric) -> float:
    """Multiplier from stored values to the displayed unit."""
    return fmt.plain(metric, 1.0) or 1.0


_UNITS = ("pct1", "points", "seconds", "minutes", "hours")


def unit(metric: Metric) -> str:
    """The axis unit of a metric, e.g. '%', 'min', 's' ('' for plain numbers)."""
    return t(f"trends.unit.{metric.format}") if metric.format in _UNITS else ""


def change_unit(metric: Metric) -> str:
    """The unit of a change of the metric: a share's change is in percentage points ('pp'),
    not in percent of the share; any other metric's is its own unit."""
    u = unit(metric)
    return t("trends.unit.pp") if u == "%" else u


def axis_title(metric: Metric) -> str:
    """The metric's label with its unit."""
    u = unit(metric)
    return f"{metric.label(language())} ({u})" if u else metric.label(language())


def add_events(fig: go.Figure, events: pd.DataFrame, lang: str, *, centred: bool = False) -> None:
    """Shade each event's days and name it at the top of the plot; `centred` when each day is
    drawn at its midnight (daily bars and points), so the shade covers whole days around them."""
    shift = pd.Timedelta(hours=12) if centred else pd.Timedelta(0)
    rows = event_label_rows(fig, events, lang)
    with batch(fig):  # every band and name in one write
        for i, event in enumerate(events.to_dict("records")):
            start = pd.Timestamp(event["starts_on"]) - shift
            end = pd.Timestamp(event["ends_on"]) + pd.Timedelta(days=1) - shift
            title = event["title_zh"] if lang == "zh" else event["title_en"]
            fig.add_vrect(
                x0=start,
                x1=end,
                fillcolor=PALETTE[(i + 1) % len(PALETTE)],
                opacity=0.12,
                line_width=0,
                annotation_text=title,
                annotation_position="top left",
                annotation_font_size=11,
                # events close together would print their names over each other
                annotation_yshift=-15 * rows[i],
            )


def date_axis(fig: go.Figure, lang: str) -> None:
    """Dates on the x axis as numbers in Chinese (plotly's month names are English only)."""
    if lang == "zh":
        fig.update_xaxes(**dates(lang))


def dates(lang: str) -> dict:
    """A date axis's properties in the reader's language (see date_axis), for a figure
    written as one layout."""
    return {"tickformat": "%Y-%m-%d"} if lang == "zh" else {}


def click_layer(
    fig: go.Figure, xs: list, ys: list, customdata: np.ndarray, hovertemplate: str, size: int = 30
) -> None:
    """Invisible points on the cell centres of a heatmap, carrying each cell's hover
    (customdata[row, column, :]): heatmaps raise no selection events in Streamlit, points do,
    so a click on a cell selects its point. WebGL points beyond 2,000 cells."""
    trace = go.Scattergl if len(xs) * len(ys) > 2000 else go.Scatter
    fig.add_trace(
        trace(
            x=[x for _ in ys for x in xs],
            y=[y for y in ys for _ in xs],
            mode="markers",
            # clear, yet still hit by clicks: plotly finds points by position, not by colour
            marker={"symbol": "square", "size": size, "color": "rgba(0, 0, 0, 0)"},
            customdata=customdata.reshape(-1, customdata.shape[-1]),
            hovertemplate=hovertemplate,
            showlegend=False,
        )
    )
