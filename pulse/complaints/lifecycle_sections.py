"""The Complaints page's lifecycle: time to first response and to resolution, handling outcomes
by category and severity, return visits after on-time and late handling, and the backlog."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from pulse import catalog
from pulse.complaints import data as complaints
from pulse.complaints import exports
from pulse.complaints import lifecycle as complaint_lifecycle
from pulse.complaints.sections import category_names
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import charts, notices, show
from pulse.ui import format as fmt
from pulse.ui.context import Context

SEVERITY_COLORS = {"high": theme.RED, "medium": theme.AMBER, "low": theme.BLUE}


def distributions(ctx: Context) -> None:
    """Histograms of hours to first response and to resolution with median, 90th percentile
    and the deadlines marked."""
    left, right = st.columns(2)
    for column, which in ((left, "first_response"), (right, "resolution")):
        with column:
            _histogram(ctx, which)


def _histogram(ctx: Context, which: str) -> None:
    frame, quantiles = complaint_lifecycle.distribution(ctx.store, ctx.filter, ctx.period, which)
    total = frame["n"].sum()
    if not total:
        st.info(t(f"complaint_lifecycle.no_{which}"))
        return
    # show up to the bucket that holds 99% of complaints; the rest is one "longer" bar
    cum = frame["n"].cumsum() / total
    last = int(np.searchsorted(cum.to_numpy(), 0.99)) + 1
    shown = frame.iloc[:last]
    rest = frame["n"].iloc[last:].sum()
    width = (shown["to_h"].fillna(shown["from_h"] + 1) - shown["from_h"]).to_numpy()
    fig = charts.figure(height=360)
    fig.add_bar(
        x=shown["from_h"] + width / 2,
        y=shown["n"] / width,
        width=width,
        marker_color=charts.PALETTE[0],
        customdata=np.column_stack([shown["from_h"], shown["from_h"] + width, shown["n"]]),
        hovertemplate=(
            "%{customdata[0]:.0f}–%{customdata[1]:.0f} h: %{customdata[2]:,.0f}<extra></extra>"
        ),
        name=t("complaint_lifecycle.per_hour"),
    )
    for row in quantiles.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        if not row["enough_n"] or pd.isna(row["value"]):
            continue
        fig.add_vline(x=row["value"], line={"color": charts.PALETTE[1], "dash": "dash"})
        fig.add_annotation(
            x=row["value"],
            y=1,
            yref="paper",
            text=f"{'P50' if metric.quantile == 0.5 else 'P90'} {fmt.value(metric, row['value'])}",
            showarrow=False,
            xanchor="left",
            font={"color": charts.PALETTE[1]},
        )
    if which == "resolution":
        for severity, hours in complaint_lifecycle.deadlines_h().items():
            if hours <= shown["from_h"].max() + width[-1]:
                fig.add_vline(x=hours, line={"color": SEVERITY_COLORS[severity], "dash": "dot"})
                fig.add_annotation(
                    x=hours,
                    y=0.85,
                    yref="paper",
                    text=t(f"complaint_lifecycle.deadline.{severity}"),
                    showarrow=False,
                    xanchor="left",
                    font={"color": SEVERITY_COLORS[severity], "size": 11},
                )
    fig.update_layout(
        xaxis={"title": t("complaint_lifecycle.axis_hours")},
        yaxis={"title": t("complaint_lifecycle.axis_per_hour")},
        showlegend=False,
    )
    parts = []
    for r in quantiles.to_dict("records"):
        metric = catalog.metric(r["metric_id"])
        if r["enough_n"]:
            cell = fmt.cell(metric, r["value"], r["low"], r["high"])
            parts.append(f"{metric.label(ctx.lang)} {cell}")
    values = " · ".join(parts)
    notes = [values] if values else []
    if rest:
        notes.append(t("complaint_lifecycle.longer", n=fmt.count(rest)))
    show.chart(
        fig,
        show.Meta(
            t(f"complaint_lifecycle.title_{which}"),
            t(f"complaint_lifecycle.definition_{which}"),
            n=float(total),
            notes=tuple(notes),
            name=f"complaint_{which}_hours",
        ),
        key=f"complaints_hist_{which}",
        data=partial(exports.histogram, frame),
    )


def outcomes(ctx: Context) -> None:
    """On time, repeat and return-visit satisfaction by category; on time by severity; return
    visits after on-time and after late handling."""
    frame = complaint_lifecycle.by(ctx.store, ctx.filter, ctx.period, "category")
    if frame.empty:
        return
    cats, _ = category_names(ctx)
    metric_ids = ("complaint_ontime_rate", "complaint_repeat_rate", "complaint_return_satisfaction")
    fig = charts.figure(height=380, barmode="group")
    for i, metric_id in enumerate(metric_ids):
        part = frame[frame["metric_id"] == metric_id].set_index("category")
        part = part.reindex([c for c in complaints.CATEGORIES if c in part.index])
        metric = catalog.metric(metric_id)
        enough = part["enough_n"].fillna(False).astype(bool)
        fig.add_bar(
            x=[cats.get(c, c) for c in part.index],
            y=part["value"] * 100,
            name=metric.label(ctx.lang),
            marker={"color": charts.PALETTE[i], "opacity": [1 if e else 0.3 for e in enough]},
            error_y=charts.whiskers(part["value"], part["low"], part["high"], 100),
            customdata=part["n"],
            hovertemplate="%{x}: %{y:.1f}% (n = %{customdata:,.0f})<extra></extra>",
        )
    fig.update_layout(yaxis={"title": "%", "range": [0, 105]})
    left, right = st.columns([3, 2])
    with left:
        show.chart(
            fig,
            show.Meta(
                t("complaint_lifecycle.by_category_title"),
                t("complaint_lifecycle.by_category_definition"),
                n=float(frame.loc[frame["metric_id"] == "complaint_ontime_rate", "n"].sum()),
                name="complaint_outcomes_by_category",
            ),
            key="complaints_outcomes_category",
            data=partial(exports.outcomes, frame, cats, ctx.lang),
        )
    with right:
        _return_by_handling(ctx)
        _ontime_by_severity(ctx)


def _return_by_handling(ctx: Context) -> None:
    frame, p = complaint_lifecycle.return_by_handling(ctx.store, ctx.filter, ctx.period)
    if not frame["n"].sum():
        return
    labels = [
        f"{t(f'complaint_lifecycle.handling.{h}')} (n = {fmt.count(n)})"
        for h, n in zip(frame["handling"], frame["n"], strict=True)
    ]
    fig = charts.figure(height=220)
    fig.add_bar(
        y=labels,
        x=frame["share"] * 100,
        orientation="h",
        marker_color=[theme.GREEN, theme.RED],
        error_x=charts.whiskers(frame["share"], frame["low"], frame["high"], 100),
        text=[fmt.share(v, 0) for v in frame["share"]],
        textposition="inside",
        insidetextanchor="start",
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    fig.update_layout(xaxis={"title": "%", "range": [0, 100]}, margin={"l": 10, "t": 20})
    show.chart(
        fig,
        show.Meta(
            t("complaint_lifecycle.return_title"),
            t("complaint_lifecycle.return_definition"),
            n=float(frame["n"].sum()),
            notes=(t("complaint_lifecycle.return_test", p=fmt.p_value(p) or t("stat.not_tested")),),
            name="return_visit_by_handling",
        ),
        key="complaints_return_handling",
        data=partial(exports.return_handling, frame),
    )


def _ontime_by_severity(ctx: Context) -> None:
    frame = complaint_lifecycle.by(ctx.store, ctx.filter, ctx.period, "severity")
    rows = frame[frame["metric_id"] == "complaint_ontime_rate"].set_index("severity")
    if rows.empty:
        return
    metric = catalog.metric("complaint_ontime_rate")
    table = []
    for severity in ("high", "medium", "low"):
        if severity not in rows.index:
            continue
        r = rows.loc[severity]
        table.append(
            {
                t("complaint_lifecycle.col.severity"): t(
                    f"complaint_lifecycle.severity.{severity}"
                ),
                t("complaint_lifecycle.col.deadline"): t(
                    f"complaint_lifecycle.deadline.{severity}"
                ),
                metric.label(ctx.lang): fmt.value(metric, r["value"])
                if r["enough_n"]
                else fmt.DASH,
                t("complaint_lifecycle.col.interval"): fmt.span(metric, r["low"], r["high"]),
                "n": fmt.count(r["n"]),
            }
        )
    show.table(
        pd.DataFrame(table),
        show.Meta(t("complaint_lifecycle.severity_title"), metric.definition(ctx.lang)),
        key="complaints_ontime_severity",
        room=0.38,  # the narrower column of its section
        export=partial(
            exports.ontime_severity, rows.reset_index(), complaint_lifecycle.deadlines_h(), ctx.lang
        ),
    )


def backlog(ctx: Context) -> None:
    """Complaints open at the end of the extract by age, overdue ones in red."""
    frame, not_applied = complaint_lifecycle.backlog(ctx.store, ctx.filter)
    st.markdown(f"**{t('complaint_lifecycle.backlog_heading')}**")
    if frame.empty:
        st.info(t("complaint_lifecycle.no_backlog"))
        return
    as_of = pd.Timestamp(frame["as_of"].iloc[0])
    status = np.select(
        [frame["is_overdue"], frame["is_due_24h"]], ["overdue", "due_24h"], "in_time"
    )
    frame = frame.assign(status=status)
    grouped = frame.groupby(["age_bucket_d", "status"], as_index=False)["n_open"].sum()
    buckets = sorted(grouped["age_bucket_d"].unique())
    labels = [
        t("complaint_lifecycle.age_days", days=complaint_lifecycle.age_label(b)) for b in buckets
    ]
    colors = {"overdue": theme.RED, "due_24h": theme.AMBER, "in_time": theme.BLUE}
    fig = charts.figure(height=330, barmode="stack")
    for state in ("overdue", "due_24h", "in_time"):
        part = grouped[grouped["status"] == state].set_index("age_bucket_d").reindex(buckets)
        fig.add_bar(
            x=labels,
            y=part["n_open"].fillna(0),
            name=t(f"complaint_lifecycle.state.{state}"),
            marker_color=colors[state],
            hovertemplate="%{x}: %{y:,.0f}<extra>"
            + t(f"complaint_lifecycle.state.{state}")
            + "</extra>",
        )
    fig.update_layout(
        xaxis={"title": t("complaint_lifecycle.axis_age")},
        yaxis={"title": t("complaint_lifecycle.axis_open")},
    )
    n_open = float(frame["n_open"].sum())
    overdue = float(frame.loc[frame["is_overdue"], "n_open"].sum())
    notes = [
        t(
            "complaint_lifecycle.backlog_note",
            as_of=f"{as_of:%Y-%m-%d %H:%M}",
            overdue=fmt.count(overdue),
            share=fmt.percent(overdue / n_open) if n_open else "0",
        ),
        *notices.not_filtered(not_applied),
    ]
    cats, _ = category_names(ctx)
    left, right = st.columns([3, 2])
    with left:
        show.chart(
            fig,
            show.Meta(
                t("complaint_lifecycle.backlog_title"),
                t("complaint_lifecycle.backlog_definition"),
                n=n_open,
                notes=tuple(notes),
                name="complaint_backlog",
            ),
            key="complaints_backlog",
            data=partial(exports.backlog, frame, cats),
        )
    with right:
        by_category = (
            frame.groupby("category")
            .apply(
                lambda g: pd.Series(
                    {
                        "open": g["n_open"].sum(),
                        "overdue": g.loc[g["is_overdue"], "n_open"].sum(),
                        "due_24h": g.loc[g["is_due_24h"], "n_open"].sum(),
                    }
                ),
                include_groups=False,
            )
            .sort_values("overdue", ascending=False)
        )
        table = pd.DataFrame(
            {
                t("complaint_lifecycle.col.category"): [cats.get(c, c) for c in by_category.index],
                t("complaint_lifecycle.state.open"): by_category["open"].astype(int).to_numpy(),
                t("complaint_lifecycle.state.overdue"): by_category["overdue"]
                .astype(int)
                .to_numpy(),
                t("complaint_lifecycle.state.due_24h"): by_category["due_24h"]
                .astype(int)
                .to_numpy(),
            }
        )
        show.table(
            table,
            show.Meta(
                t("complaint_lifecycle.backlog_table"),
                t("complaint_lifecycle.backlog_definition"),
                n=n_open,
            ),
            key="complaints_backlog_table",
            room=0.38,  # the narrower column of its section
        )
