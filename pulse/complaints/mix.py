"""The Complaints page's channel mix with escalations, and attitude complaints per hall as a
funnel plot."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from pulse import catalog, stats
from pulse.complaints import data as complaints
from pulse.complaints import exports
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import charts, downloads, show
from pulse.ui import format as fmt
from pulse.ui.context import Context


def channels(ctx: Context) -> None:
    """How complaints arrive, and how often each channel ends with the regulator."""
    frame = complaints.channels(ctx.store, ctx.filter, ctx.period)
    if frame.empty:
        return
    names = ctx.dims.labels("channel", ctx.lang)
    counts = frame[frame["metric_id"] == "complaints_count"].set_index("channel")
    total = counts["value"].sum()
    order = counts["value"].sort_values().index
    left, right = st.columns(2)
    with left:
        fig = charts.figure(height=320)
        fig.add_bar(
            y=[names.get(c, c) for c in order],
            x=counts.loc[order, "value"],
            orientation="h",
            marker_color=charts.PALETTE[0],
            text=[f"{fmt.count(v)} ({fmt.share(v / total)})" for v in counts.loc[order, "value"]],
            textposition="outside",
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
        fig.update_layout(
            xaxis={"title": t("complaints.count"), "range": [0, counts["value"].max() * 1.35]},
            margin={"l": 10},
        )
        show.chart(
            fig,
            show.Meta(
                t("complaints.channels_title"),
                t("complaints.channels_definition"),
                n=float(total),
                name="complaints_by_channel",
            ),
            key="complaints_channels",
            data=partial(
                downloads.one_metric,
                counts.reset_index()[["channel", "value", "low", "high"]],
                catalog.metric("complaints_count"),
                {"channel": names},
            ),
        )
    with right:
        _channel_table(frame, names, order, ctx.lang)


def _channel_table(frame: pd.DataFrame, names: dict, order, lang: str) -> None:
    rows = []
    for channel in reversed(list(order)):
        part = frame[frame["channel"] == channel].set_index("metric_id")
        row = {t("complaints.col.channel"): names.get(channel, channel)}
        for metric_id in ("complaints_count", "complaint_escalation_rate", "complaint_ontime_rate"):
            metric = catalog.metric(metric_id)
            if metric_id not in part.index:
                row[metric.label(lang)] = fmt.DASH
                continue
            r = part.loc[metric_id]
            if metric.kind == "share" and not r["enough_n"]:
                row[metric.label(lang)] = t("complaints.too_few", n=fmt.count(r["n"]))
            elif metric.kind == "share":
                row[metric.label(lang)] = fmt.cell(metric, r["value"], r["low"], r["high"])
            else:
                row[metric.label(lang)] = fmt.value(metric, r["value"])
        rows.append(row)
    show.table(
        pd.DataFrame(rows),
        show.Meta(t("complaints.channel_table"), t("complaints.channel_table_note")),
        key="complaints_channel_table",
        room=0.48,  # the right half of its section
        export=partial(exports.channel_table, frame, names, list(reversed(list(order))), lang),
    )


def attitude_funnel(ctx: Context) -> None:
    """Attitude complaints per 10,000 tickets by hall as a funnel plot: halls above the upper
    limits stand out from the noise of small halls."""
    frame = complaints.attitude_by_hall(ctx.store, ctx.filter, ctx.period)
    if frame.empty:
        st.info(t("complaints.no_halls"))
        return
    halls = ctx.dims.labels("hall", ctx.lang)
    overall, phi = float(frame["overall"].iloc[0]), float(frame["phi"].iloc[0])
    grid = np.geomspace(
        max(frame["n_tickets"].min() * 0.8, 100), frame["n_tickets"].max() * 1.2, 80
    )
    exposure = grid / complaints.TICKETS_PER
    fig = charts.figure(height=430)
    widen = np.sqrt(phi) if np.isfinite(phi) else 1.0
    for confidence, dash in ((0.95, "dash"), (0.998, "dot")):
        low, high = stats.funnel_limits(overall, exposure, "rate", confidence)
        for bound, name in ((high, "high"), (np.maximum(low, 0), "low")):
            widened = overall + (bound - overall) * widen
            fig.add_scatter(
                x=grid,
                y=np.maximum(widened, 0),
                mode="lines",
                line={"dash": dash, "color": theme.GREY, "width": 1},
                name=t("complaints.limit", level=fmt.level(confidence)),
                showlegend=name == "high",
                hoverinfo="skip",
            )
    fig.add_hline(y=overall, line={"color": theme.MUTED})
    colors = np.where(
        frame["is_far_above"],
        theme.RED,
        np.where(frame["is_above"], theme.AMBER, charts.PALETTE[0]),
    )
    fig.add_scatter(
        x=frame["n_tickets"],
        y=frame["rate"],
        mode="markers",
        marker={"size": 9, "color": colors},
        text=[halls.get(b, b) for b in frame["branch_id"]],
        customdata=frame["n_attitude"],
        name=t("complaints.halls_series"),
        hovertemplate="%{text}<br>%{y:.1f} / 10,000 (%{customdata:.0f} / %{x:,.0f})<extra></extra>",
    )
    fig.update_layout(
        xaxis={
            **charts.log_axis(frame["n_tickets"].min() * 0.8, frame["n_tickets"].max() * 1.2),
            "title": t("complaints.axis_tickets"),
        },
        yaxis={"title": t("complaints.axis_attitude_rate")},
    )
    above = frame[frame["is_above"]]
    notes = [t("complaints.funnel_overall", rate=fmt.number(overall, 1), phi=fmt.number(phi, 2))]
    if len(above):
        names = "、".join if ctx.lang == "zh" else ", ".join
        notes.append(
            t("complaints.funnel_above", halls=names(halls.get(b, b) for b in above["branch_id"]))
        )
    show.chart(
        fig,
        show.Meta(
            t("complaints.funnel_title"),
            t("complaints.funnel_definition"),
            n=float(frame["n_attitude"].sum()),
            notes=tuple(notes),
            name="attitude_complaints_by_hall",
        ),
        key="complaints_attitude_funnel",
        data=partial(exports.attitude_funnel, frame, halls),
    )
