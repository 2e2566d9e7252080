"""Every chart and table on every page goes through here: drawn with its definition, n, the
filter in words and the data date, and downloadable from data. Files are built when a
download is clicked, on Streamlit's download thread, from words fixed while the page ran;
so is a download's frame when a page hands it over as a function (`Data`), so a run does
not build frames nobody downloads (pulse.ui.context.carried runs it in the page's words)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pulse import access, describe, filters
from pulse.export import tables as table_files
from pulse.export.theme import Stamp
from pulse.i18n import t
from pulse.ui import context, fit, margins, trail
from pulse.ui import format as fmt

# a download's frame, or a function that makes it when the download is clicked
Data = pd.DataFrame | Callable[[], pd.DataFrame]


@dataclass(frozen=True)
class Meta:
    """What a chart or table says about itself."""

    title: str
    definition: str = ""
    n: float | None = None
    notes: tuple[str, ...] = ()  # e.g. filters this view cannot honour
    name: str = "pulse"  # file name stem for downloads
    # the days shown when they are not the filter's period (the Trends page's history): the
    # stamp and the file name give these, without the filter's comparison
    span: tuple[dt.date, dt.date] | None = None


def stamp(words: Stamp) -> str:
    """A stamp's words on one line: definition · n · filter in words · data date · notes."""
    parts = [words.definition, words.n, words.caption, words.as_of, *words.notes]
    return " · ".join(p for p in parts if p)


def export_stamp(meta: Meta) -> Stamp:
    """The stamp an exported file carries, worded in this run's language."""
    ctx = context.current()
    return Stamp(
        title=meta.title,
        caption=describe.caption(ctx.filter, _period(meta), ctx.dims),
        n=t("stat.n", n=fmt.count(meta.n)) if meta.n is not None else "",
        as_of=t("shell.as_of", date=ctx.as_of.isoformat()),
        definition=meta.definition,
        notes=tuple(meta.notes),
        made_by=made_by(),
    )


def made_by() -> str:
    """Who is making this run's downloads, under which scope (stamped on every file)."""
    ctx = context.current()
    return access.made_by(ctx.user, ctx.dims.labels("unit", ctx.lang))


def _period(meta: Meta) -> filters.Period:
    """The days a chart or table shows: its own span, else the filter's period."""
    return context.current().period if meta.span is None else filters.Period(*meta.span)


def _file_stem(meta: Meta) -> str:
    period = _period(meta)
    return f"{meta.name}_{period.start:%Y%m%d}-{period.end:%Y%m%d}"


def chart(
    fig: go.Figure,
    meta: Meta,
    *,
    key: str,
    data: Data | None = None,
    on_select="ignore",
    selection_mode=("points",),
    export_formats: dict[str, str] | None = None,
):
    """Draw a plotly figure with its stamp and downloads (PNG, SVG, PDF of the figure; CSV and
    XLSX of `data`, a frame or a function making it); returns the selection event when
    on_select is set (selections reset whenever the figure changes, so callers keep any drill
    path in session state). `export_formats` maps columns of `data` to XLSX number formats
    (see export.tables)."""
    st.markdown(f"**{meta.title}**")
    # room for the axis labels from the start: plotly lays a chart out twice when they push
    # the margins out, and every change draws every chart anew (pulse.ui.margins)
    fig.update_layout(margin=margins.fit(fig))
    event = st.plotly_chart(
        fig, key=key, on_select=on_select, selection_mode=selection_mode, width="stretch"
    )
    _footer(meta, key, fig=fig, data=data, formats=export_formats)
    return event


def table(
    frame: pd.DataFrame,
    meta: Meta,
    *,
    key: str,
    export: Data | None = None,
    export_formats: dict[str, str] | None = None,
    room: float = 1.0,
    whole: tuple[str, ...] = (),
    **dataframe_kwargs,
):
    """Draw a table with its stamp and CSV / XLSX downloads of `export` (a frame or a function
    making it; default: the frame, a Styler's data). `export_formats` maps columns to XLSX
    number formats. `room` is the share of the page's width the table has (0.5 in a
    two-column section): the table is fitted to it (pulse.ui.fit), and columns that do not
    fit are named under it; the columns in `whole` (the one the rows are ranked on) keep
    their full width."""
    st.markdown(f"**{meta.title}**")
    event = grid(frame, key=key, room=room, whole=whole, **dataframe_kwargs)
    data = frame if isinstance(frame, pd.DataFrame) else frame.data
    source = data if export is None else export
    if not isinstance(source, pd.DataFrame) and not callable(source):  # a Styler
        source = source.data
    _footer(meta, key, data=source, formats=export_formats)
    return event


def grid(
    frame,
    *,
    key: str | None = None,
    room: float = 1.0,
    whole: tuple[str, ...] = (),
    **dataframe_kwargs,
):
    """A table without stamp or downloads (the Data page's own tables), fitted to `room` of
    the page's width like every table: the columns that do not fit are hidden and named under
    it, and the grid's own column menu shows them again."""
    data = frame if isinstance(frame, pd.DataFrame) else frame.data
    options = {"hide_index": True, "width": "stretch", **dataframe_kwargs}
    order = options.pop("column_order", None)
    config = options.pop("column_config", None) or {}
    plan = fit.layout(data, room, not options["hide_index"], config, order, whole)
    if plan.moved or order is not None:
        options["column_order"] = plan.shown
    if plan.row_height and "row_height" not in options:
        options["row_height"] = plan.row_height
        # tall rows in the default height would show five or six; show up to WRAP_SHOWN
        shown = min(len(data), fit.WRAP_SHOWN)
        options.setdefault("height", shown * plan.row_height + fit.HEADER_PX)
    event = st.dataframe(frame, key=key, column_config=plan.config, **options)
    if plan.moved:  # hidden, not dropped: the grid's "show/hide columns" menu brings them back
        st.caption(t("kit.more_columns", n=len(plan.moved), names=fmt.names(plan.moved)))
    return event


def _footer(
    meta: Meta,
    key: str,
    fig: go.Figure | None = None,
    data: Data | None = None,
    formats: dict[str, str] | None = None,
) -> None:
    words = export_stamp(meta)
    # the stamp takes the whole width and the button sits under it at its own width, so
    # neither is squashed in a two-column section
    st.caption(stamp(words))
    stem = _file_stem(meta)
    with st.popover(t("export.download"), icon=":material/download:", width="content"):
        if fig is not None:
            _image_buttons(fig, words, stem, key)
        if data is not None:
            _table_buttons(data, words, stem, key, formats)


def _image_buttons(fig: go.Figure, words: Stamp, stem: str, key: str) -> None:
    from pulse.export import images  # kaleido is imported only where charts are drawn

    for kind in images.FORMATS:
        st.download_button(
            kind.upper(),
            data=trail.audited(lambda kind=kind: images.render(fig, kind, words), f"{stem}.{kind}"),
            file_name=f"{stem}.{kind}",
            mime=images.MIME[kind],
            key=f"{key}_{kind}",
            on_click="ignore",
            width="stretch",
        )


def later(data: Data) -> Callable[[], pd.DataFrame]:
    """`data` as a function for the download's file to call (trail.audited runs it on the
    download thread in this run's context): a frame as it is, a function as it is."""
    return data if callable(data) else lambda: data


def _table_buttons(data: Data, words: Stamp, stem: str, key: str, formats) -> None:
    make = later(data)
    notes = [" · ".join(p for p in (words.n, words.as_of, *words.notes) if p), words.definition]
    notes.append(words.made_by)
    st.download_button(
        "CSV",
        data=trail.audited(lambda: table_files.to_csv(make(), words.made_by), f"{stem}.csv"),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        width="stretch",
    )
    st.download_button(
        "XLSX",
        data=trail.audited(
            lambda: table_files.to_xlsx(
                make(),
                words.caption,
                title=words.title,
                notes=[n for n in notes if n],
                formats=formats,
            ),
            f"{stem}.xlsx",
        ),
        file_name=f"{stem}.xlsx",
        key=f"{key}_xlsx",
        on_click="ignore",
        width="stretch",
        mime=table_files.XLSX_MIME,
    )
