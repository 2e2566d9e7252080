"""The drill page's pieces: the path in the session and URL, the breadcrumb, the children as
bars, a treemap or a table (a click goes one level down), the cross-filters, records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pulse import i18n
from pulse.catalog import Metric
from pulse.drill import data as drill
from pulse.export import theme
from pulse.i18n import language, t
from pulse.ui import charts, codes, navigate, show
from pulse.ui import format as fmt
from pulse.ui.charts import axis_title, scale

PATH_KEY = navigate.DRILL_PATH
URL_KEY = "drill"
SEGMENT_KEY, CATEGORY_KEY = "drill_segment", "drill_category"
PAGE_KEY = "drill_page"
_WRITTEN = "_drill_url_written"
_ORIGIN = "_drill_origin"  # the filter's place the path last started from
_CROSS_WRITTEN = "_drill_cross_written"


def current_path(dims, f=None) -> tuple[drill.Path, list[str]]:
    """The path from a link the session did not write, else the session's, which starts at
    the sidebar filter's place (drill.origin) on the first visit and again whenever that
    place changes; unknown parts and places outside the user's scope (the filter's) are
    dropped and returned."""
    state = st.session_state
    url = st.query_params.get(URL_KEY)
    if f is not None:
        start = drill.origin(f, dims).to_param()
        if state.get(_ORIGIN) != start:
            state[_ORIGIN] = start
            state[PATH_KEY] = start
    if url is not None and url != state.get(_WRITTEN):
        state[PATH_KEY] = url
    path, dropped = drill.parse(state.get(PATH_KEY, ""), dims, f)
    state[PATH_KEY] = path.to_param()
    return path, dropped


def publish(path: drill.Path) -> None:
    """Write the path (and the cross-filters) to the URL under the drill's own keys."""
    state = st.session_state
    value = path.to_param()
    state[_WRITTEN] = value
    written = state.setdefault(_CROSS_WRITTEN, {})
    for key, wanted in (
        (URL_KEY, value),
        (SEGMENT_KEY, state.get(SEGMENT_KEY)),
        (CATEGORY_KEY, state.get(CATEGORY_KEY)),
    ):
        if key != URL_KEY:
            written[key] = wanted
        if wanted:
            if st.query_params.get(key) != wanted:
                st.query_params[key] = wanted
        elif key in st.query_params:
            del st.query_params[key]


def restore_cross_filters(ctx) -> None:
    """Cross-filters from a link this session did not write, checked against known values."""
    state = st.session_state
    written = state.setdefault(_CROSS_WRITTEN, {})
    allowed = {
        SEGMENT_KEY: ctx.dims.options().segments,
        CATEGORY_KEY: drill.categories(),
    }
    for key, values in allowed.items():
        wanted = st.query_params.get(key)
        if wanted and wanted != written.get(key) and wanted in values:
            state[key] = wanted
            written[key] = wanted


def go_to(path: drill.Path) -> None:
    """Move the drill to a path (callback-safe); a new level starts on its first page."""
    st.session_state[PATH_KEY] = path.to_param()
    st.session_state[PAGE_KEY] = 0


def place_names(ctx) -> dict[str, str]:
    """Names of provinces, cities and halls in the reader's language."""
    dims, lang = ctx.dims, ctx.lang
    return {
        **dims.labels("province", lang),
        **dims.labels("city", lang),
        **dims.labels("hall", lang),
    }


def breadcrumb(ctx, path: drill.Path) -> None:
    """All company › province › city › hall › records › record; each goes back up."""
    names = place_names(ctx)
    steps = [("company", t("describe.all_company"))]
    for level in ("province", "city", "hall"):
        value = getattr(path, level)
        if value:
            steps.append((level, names.get(value, value)))
    if path.family:
        steps.append(("records", t(f"drill.family.{path.family}")))
    if path.record:
        steps.append(("record", f"#{path.record}"))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        for i, (level, label) in enumerate(steps):
            last = i == len(steps) - 1
            st.button(
                label,
                key=f"drill_crumb_{level}",
                on_click=go_to,
                args=(path.up_to(level),),
                disabled=last,
                type="tertiary" if not last else "secondary",
                icon=":material/home:" if level == "company" else None,
            )
            if not last:
                st.markdown("›")


def cross_filter_chips() -> None:
    """The active cross-filters, each with a button that clears it."""
    state = st.session_state
    active = [(k, state.get(k)) for k in (SEGMENT_KEY, CATEGORY_KEY) if state.get(k)]
    if not active:
        return
    columns = st.columns(len(active) + 3)
    for column, (key, value) in zip(columns, active, strict=False):
        label = t("drill.chip.segment" if key == SEGMENT_KEY else "drill.chip.category")
        column.button(
            f"{label}: {value} ✕",
            key=f"clear_{key}",
            on_click=lambda key=key: st.session_state.pop(key, None),
            help=t("drill.chip.clear"),
        )


def on_child(key: str, path: drill.Path, field: str = "customdata", order=None):
    """A selection callback that goes one level down into the clicked child."""

    def callback() -> None:
        if order is not None:
            event = st.session_state.get(key)
            rows = event.selection.rows if event else []
            values = [order[rows[0]]] if rows else []
        else:
            values = navigate.clicked(key, field)
        if values:
            go_to(path.down(str(values[0])))

    return callback


def go_select(key: str, path: drill.Path, options: list[str], labels: dict, label: str) -> None:
    """A select box that goes one level down: the keyboard's way into a child or a record,
    next to the chart or table one clicks."""

    def callback() -> None:
        value = st.session_state.get(key)
        if value:
            go_to(path.down(str(value)))

    st.selectbox(
        label,
        options,
        index=None,
        key=key,
        format_func=lambda v: labels.get(v, v),
        placeholder=t("drill.go_placeholder"),
        on_change=callback,
    )


def on_pick(key: str, state_key: str, field: str = "customdata"):
    """A selection callback that sets a cross-filter from the clicked bar (again: clears)."""

    def callback() -> None:
        values = navigate.clicked(key, field)
        if values:
            value = str(values[0])
            if st.session_state.get(state_key) == value:
                st.session_state.pop(state_key, None)
            else:
                st.session_state[state_key] = value

    return callback


def bars(metric: Metric, frame: pd.DataFrame, labels: dict, company: float | None) -> go.Figure:
    """Horizontal bars of the metric per child with 95% intervals and target ticks; the
    bar's customdata is the child id."""
    k = scale(metric)
    frame = frame.sort_values("value", ascending=metric.higher_is_better is False)
    names = [labels.get(u, u) for u in frame["unit"]]
    colours = [
        charts.STATUS.get(s, charts.STATUS["unknown"]) if e else theme.RULE
        for s, e in zip(frame["status"], frame["enough_n"], strict=True)
    ]
    fig = charts.figure(height=max(280, 28 * len(frame) + 110))
    fig.add_bar(
        y=names,
        x=frame["value"] * k,
        orientation="h",
        marker_color=colours,
        error_x={
            "type": "data",
            "symmetric": False,
            "array": (frame["high"] - frame["value"]).fillna(0) * k,
            "arrayminus": (frame["value"] - frame["low"]).fillna(0) * k,
            "color": theme.MUTED,
        },
        customdata=np.c_[frame["unit"], frame["n"]],
        hovertemplate="%{y}: %{x:.2f} (n = %{customdata[1]:,.0f})<extra></extra>",
        name=metric.label(language()),
    )
    if frame["target"].notna().any():
        fig.add_scatter(
            y=names,
            x=frame["target"] * k,
            mode="markers",
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": theme.INK}},
            name=t("drill.target"),
            hoverinfo="skip",
        )
    if company is not None and np.isfinite(company):
        fig.add_vline(x=company * k, line={"color": theme.REFERENCE, "dash": "dash"})
    fig.update_layout(xaxis_title=axis_title(metric), yaxis={"autorange": "reversed"},
                      clickmode="event+select", showlegend=False)  # fmt: skip
    return fig


def treemap(metric: Metric, frame: pd.DataFrame, labels: dict, company: float) -> go.Figure:
    """Tiles sized by n and coloured by how far the value is from the company value, green
    for better; a tile's id is the child id."""
    k = scale(metric)
    text = [
        f"{fmt.value(metric, v)}<br>n = {fmt.compact(n)}"
        for v, n in zip(frame["value"], frame["n"], strict=True)
    ]
    spread = float(np.nanmax(np.abs(frame["value"] - company))) if len(frame) else 1.0
    sign = -1 if metric.higher_is_better is False else 1
    fig = go.Figure(
        go.Treemap(
            ids=list(frame["unit"]),
            labels=[labels.get(u, u) for u in frame["unit"]],
            parents=[""] * len(frame),
            values=frame["n"].fillna(0),
            text=text,
            textinfo="label+text",
            marker={
                "colors": (sign * (frame["value"] - company)).fillna(0) * k,
                "colorscale": "RdYlGn" if metric.higher_is_better is not None else "Blues",
                "cmid": 0,
                "cmin": -spread * k,
                "cmax": spread * k,
            },
            hovertemplate="%{label}: %{text}<extra></extra>",
            branchvalues="remainder",
        )
    )
    fig.update_layout(height=460, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def field_label(column: str) -> str:
    """A record column's label; columns without one keep their name."""
    key = f"drill.field.{column}"
    return t(key) if key in i18n.catalogue("en") else column


def record_table(ctx, row: pd.Series, family: str) -> pd.DataFrame:
    """One record as field / value rows, codes worded in the reader's language."""
    words = codes.readable_row(ctx, row, family)
    values = [(field_label(str(column)), text) for column, text in words.items()]
    return pd.DataFrame(values, columns=[t("drill.col.field"), t("drill.col.value")])


def record_meta(title: str, name: str, n: int | None = None) -> show.Meta:
    """The stamp of a records table."""
    return show.Meta(title, t("drill.records_note"), n, name=name)
