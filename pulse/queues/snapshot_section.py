"""The Queues page's "From queue snapshots" section: the queue system's own per-minute counts
and wait estimates as catalogue metrics (tiles, then by hour of day), drawn apart from the
ticket-based metrics and never mixed with them."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import catalog
from pulse.i18n import t
from pulse.queues import exports, snapshots
from pulse.queues import figures as figs
from pulse.queues.sections import table_cell
from pulse.ui import format as fmt
from pulse.ui import notices, show
from pulse.ui import records as widgets
from pulse.ui.context import Context

TABLE_KEY = "queues_snapshot_table"
CHART_KEY = "queues_snapshot_chart"
CHARTED = (snapshots.WAITING, snapshots.COUNTERS)


def render(ctx: Context, period) -> None:
    """The section for the filter's halls and period; one line when there are no snapshots."""
    st.subheader(t("queues.snap.section"))
    view = snapshots.build(ctx.store, ctx.filter, period)
    if not view.has_data:
        st.caption(t("queues.snap.none"))
        return
    st.caption(t("queues.snap.intro"))
    cmp_label = t(f"compare.short.{ctx.filter.compare}")
    tiles = view.tiles
    widgets.tile_rows(tiles.rows, tiles.sparklines, tiles.not_applied, cmp_label, per_row=4)
    st.caption(
        t(
            "queues.snap.summary",
            minutes=fmt.count(view.n_minutes),
            estimates=fmt.count(view.n_estimates),
            day=view.newest_day.isoformat(),
        )
    )
    notes = notices.not_filtered(view.not_applied)
    labels = {m: catalog.metric(m).label(ctx.lang) for m in snapshots.METRICS}
    show.chart(
        figs.snapshot_hours(snapshots.by_hour(view.hours, "value"), labels),
        show.Meta(
            t("queues.snap.chart_title"),
            _definitions(CHARTED, ctx.lang),
            n=view.n_minutes,
            notes=notes,
            name="queue_snapshots",
        ),
        key=CHART_KEY,
        data=partial(exports.snapshot_hours, view.hours, CHARTED, ctx.lang),
    )
    show.table(
        _table(view.hours, labels),
        show.Meta(
            t("queues.snap.table_title"),
            _definitions(snapshots.METRICS, ctx.lang),
            n=view.n_minutes,
            notes=notes,
            name="queue_snapshot_hours",
        ),
        key=TABLE_KEY,
        export=partial(exports.snapshot_hours, view.hours, snapshots.METRICS, ctx.lang),
    )


def _definitions(metric_ids, lang: str) -> str:
    """The catalogue definitions of the metrics a chart or table shows, one after another."""
    return " ".join(
        f"{catalog.metric(m).label(lang)}: {catalog.metric(m).definition(lang)}" for m in metric_ids
    )


def _table(hours: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """A row per hour of day: its hall-minutes and estimates (n), and each metric with its
    interval, in brackets below the metric's minimum n."""
    n = snapshots.by_hour(hours, "n").fillna(0)
    table = pd.DataFrame(
        {
            t("queues.snap.col.hour"): [fmt.clock(int(h)) for h in n.index],
            t("queues.snap.col.n"): n[snapshots.WAITING].map(fmt.count).to_numpy(),
            t("queues.snap.col.n_estimates"): n[snapshots.OVER_PROMISE].map(fmt.count).to_numpy(),
        }
    )
    parts = {c: snapshots.by_hour(hours, c) for c in ("value", "low", "high", "enough_n")}
    for metric_id in snapshots.METRICS:
        metric = catalog.metric(metric_id)
        columns = [parts[c][metric_id] for c in ("value", "low", "high", "enough_n")]
        table[labels[metric_id]] = [
            table_cell(metric, *cell) for cell in zip(*columns, strict=True)
        ]
    return table
