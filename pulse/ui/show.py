"""Every chart and table on every page goes through here: drawn with its definition, n, the
filter in words and the data date, and downloadable from data (files are built on click)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pulse import describe
from pulse.export import tables as table_files
from pulse.i18n import t
from pulse.ui import context
from pulse.ui import format as fmt


@dataclass(frozen=True)
class Meta:
    """What a chart or table says about itself."""

    title: str
    definition: str = ""
    n: float | None = None
    notes: tuple[str, ...] = ()  # e.g. filters this view cannot honour
    name: str = "pulse"  # file name stem for downloads


def stamp(meta: Meta) -> str:
    """One line: definition · n · filter in words · data date."""
    ctx = context.current()
    parts = []
    if meta.definition:
        parts.append(meta.definition)
    if meta.n is not None:
        parts.append(t("stat.n", n=fmt.count(meta.n)))
    parts.append(describe.caption(ctx.filter, ctx.period, ctx.dims))
    parts.append(t("shell.as_of", date=ctx.as_of.isoformat()))
    parts.extend(meta.notes)
    return " · ".join(parts)


def _file_stem(meta: Meta) -> str:
    ctx = context.current()
    return f"{meta.name}_{ctx.period.start:%Y%m%d}-{ctx.period.end:%Y%m%d}"


def chart(
    fig: go.Figure,
    meta: Meta,
    *,
    key: str,
    data: pd.DataFrame | None = None,
    on_select="ignore",
    selection_mode=("points",),
):
    """Draw a plotly figure with its stamp and downloads; returns the selection event when
    on_select is set (selections reset whenever the figure changes, so callers keep any
    drill path in session state)."""
    st.markdown(f"**{meta.title}**")
    event = st.plotly_chart(
        fig, key=key, on_select=on_select, selection_mode=selection_mode, width="stretch"
    )
    _footer(meta, key, fig=fig, data=data)
    return event


def table(
    frame: pd.DataFrame,
    meta: Meta,
    *,
    key: str,
    export: pd.DataFrame | None = None,
    **dataframe_kwargs,
):
    """Draw a table with its stamp and CSV / XLSX downloads of `export` (default: the frame)."""
    st.markdown(f"**{meta.title}**")
    event = st.dataframe(
        frame, key=key, **{"hide_index": True, "width": "stretch", **dataframe_kwargs}
    )
    source = frame if export is None else export
    if isinstance(source, pd.io.formats.style.Styler):
        source = source.data
    _footer(meta, key, data=source)
    return event


def _footer(
    meta: Meta, key: str, fig: go.Figure | None = None, data: pd.DataFrame | None = None
) -> None:
    caption = stamp(meta)
    left, right = st.columns([5, 1], vertical_alignment="top")
    left.caption(caption)
    stem = _file_stem(meta)
    with right.popover(t("export.download"), icon=":material/download:", width="stretch"):
        if fig is not None:
            from pulse.export import images  # kaleido is imported only when asked for

            for kind in images.FORMATS:
                st.download_button(
                    kind.upper(),
                    data=lambda kind=kind: images.render(fig, kind, meta.title, caption),
                    file_name=f"{stem}.{kind}",
                    mime=images.MIME[kind],
                    key=f"{key}_{kind}",
                    on_click="ignore",
                    width="stretch",
                )
        if data is not None:
            st.download_button(
                "CSV",
                data=lambda: table_files.to_csv(data),
                file_name=f"{stem}.csv",
                mime="text/csv",
                key=f"{key}_csv",
                on_click="ignore",
                width="stretch",
            )
            st.download_button(
                "XLSX",
                data=lambda: table_files.to_xlsx(data, caption=f"{meta.title} · {caption}"),
                file_name=f"{stem}.xlsx",
                key=f"{key}_xlsx",
                on_click="ignore",
                width="stretch",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
