"""Streamlit pieces both pages use: KPI tile rows, labels, notes and the record tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulse import catalog, records
from pulse.export import tables as table_files
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import codes, notices, show, tabs, tiles, trail
from pulse.ui import format as fmt
from pulse.ui.context import Context

RECORD_COLUMNS = {
    "tickets": (
        "ticket_id",
        "issued_at",
        "called_at",
        "served_at",
        "finished_at",
        "wait_s",
        "service_s",
        "branch_id",
        "city_id",
        "tier",
        "service_type",
        "segment",
        "is_priority_lane",
        "outcome",
    ),
    "calls": (
        "call_id",
        "arrived_at",
        "queued_at",
        "answered_at",
        "ended_at",
        "answer_wait_s",
        "handle_s",
        "queue_id",
        "city_id",
        "segment",
        "outcome",
        "is_first_contact_resolved",
        "is_transferred",
    ),
}


def tile_rows(
    frame: pd.DataFrame, sparks: dict, not_applied: dict, cmp_label: str, per_row: int
) -> None:
    """KPI tiles, `per_row` to a row, each with value, n, interval, change and target."""
    rows = frame.to_dict("records")
    for start in range(0, len(rows), per_row):
        columns = st.columns(per_row)
        for column, row in zip(columns, rows[start : start + per_row], strict=False):
            with column:
                tiles.tile(
                    row,
                    sparks.get(row["metric_id"]),
                    not_applied.get(row["metric_id"], []),
                    cmp_label,
                )


def status_style(status: str) -> str:
    """The cell style of a target status."""
    return theme.CELL[status]


def service_types(ctx: Context) -> dict[str, str]:
    """Service type id -> name in the reader's language."""
    return codes.service_types(ctx)


def metric_label(metric_id: str, lang: str) -> str:
    """A catalogue metric's label."""
    return catalog.metric(metric_id).label(lang)


# the page (and text area) each record family belongs to
AREAS = {"tickets": "queues", "calls": "hotline"}


def records_tab(ctx: Context, family: str) -> tabs.Section:
    """The tab of the tickets' or calls' table, which keeps its page number while closed."""
    area = AREAS[family]
    return tabs.Section(
        family,
        t(f"{area}.records_title"),
        lambda: records_section(ctx, family),
        (f"{area}_records_page",),
    )


def records_section(ctx: Context, family: str) -> None:
    """The individual tickets or calls in scope, newest first, a page at a time (in a tab of
    their own, so read only when it is opened); downloads of this page, or of every record in
    scope up to records.MAX_EXPORT."""
    area = AREAS[family]
    if hidden := notices.withheld(ctx.filter, "records"):
        st.info(hidden, icon=":material/lock:")
        return
    page_number = int(st.session_state.get(f"{area}_records_page", 1)) - 1
    page = records.fetch(ctx.store, family, ctx.filter, ctx.period, page=page_number)
    if page.total == 0:
        st.info(t(f"{area}.records_empty"), icon=":material/search_off:")
        return
    shown = _readable(ctx, family, page.rows)
    show.table(
        shown,
        show.Meta(
            t(f"{area}.records_page", page=page.page + 1, pages=page.pages),
            t(f"{area}.records_definition"),
            n=page.total,
            notes=notices.not_filtered(list(page.not_applied)),
            name=f"{family}_page",
        ),
        key=f"{area}_records_table",
    )
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    left.number_input(
        t(f"{area}.records_page_input", pages=page.pages),
        min_value=1,
        max_value=page.pages,
        step=1,
        key=f"{area}_records_page",
    )
    with right:
        _export_all(ctx, family, page.total, area)


def _export_all(ctx: Context, family: str, total: int, area: str) -> None:
    rows = min(total, records.MAX_EXPORT)
    stem = f"{family}_{ctx.period.start:%Y%m%d}-{ctx.period.end:%Y%m%d}"
    label = t(f"{area}.records_all", n=fmt.count(rows))
    if total > records.MAX_EXPORT:
        st.caption(t(f"{area}.records_capped", n=fmt.count(records.MAX_EXPORT)))

    def frame() -> pd.DataFrame:
        return _readable(ctx, family, records.export(ctx.store, family, ctx.filter, ctx.period))

    first, second = st.columns(2)
    stamp = show.made_by()
    first.download_button(
        f"{label} · CSV",
        data=trail.audited(lambda: table_files.to_csv(frame(), stamp), f"{stem}.csv"),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{area}_records_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    second.download_button(
        f"{label} · XLSX",
        data=trail.audited(
            lambda: table_files.to_xlsx(frame(), t(f"{area}.records_title"), notes=[stamp]),
            f"{stem}.xlsx",
        ),
        file_name=f"{stem}.xlsx",
        key=f"{area}_records_xlsx",
        on_click="ignore",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _readable(ctx: Context, family: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Records with names instead of codes and headers in the reader's language."""
    frame = codes.readable(ctx, rows[[c for c in RECORD_COLUMNS[family] if c in rows]], family)
    area = AREAS[family]
    return frame.rename(columns=lambda c: t(f"{area}.col.{c}"))
