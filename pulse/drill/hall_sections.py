"""The hall profile's pieces: the hall picker, the metric table against peers and target,
the worst hours, open complaints and comments, and the downloads of the table and the hours
in the units drawn."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pulse import catalog, filters
from pulse.drill import hall_profile
from pulse.export import theme
from pulse.i18n import t
from pulse.ui import charts, codes, downloads, navigate, painted, show
from pulse.ui import format as fmt

WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)
LEVELS = ("hall", "tier", "city", "company")
# the metric table's download: the hall's figures, the tier's and the targets, each in the
# metric's unit; the rank, flags and p-value as they are
EXPORTED = (
    "metric_id", "value", "low", "high", "n", "enough_n", "peer_value", "peer_rank",
    "peer_count", "target", "target_level", "company_target", "status", "delta", "p_value",
    "is_significant",
)  # fmt: skip
SCALED = ("value", "low", "high", "peer_value", "target", "company_target", "delta")


def picker(ctx) -> None:
    """Zero or several halls chosen: pick one, which sets the global hall filter."""
    halls = ctx.dims.halls
    chosen = ctx.filter.halls
    if chosen:
        halls = halls[halls["branch_id"].isin(chosen)]
    elif ctx.filter.cities:
        halls = halls[halls["city_id"].isin(ctx.filter.cities)]
    halls = halls[halls["branch_id"].isin(filters.selected_halls(ctx.filter, ctx.dims.options()))]
    names = ctx.dims.labels("hall", ctx.lang)
    cities = ctx.dims.labels("city", ctx.lang)
    info = {
        r.branch_id: f"{names.get(r.branch_id)} · {cities.get(r.city_id)} · "
        f"{t('benchmarks.tier.' + r.tier)} ({r.branch_id})"
        for r in halls.itertuples()
    }
    st.info(t("hall.pick_intro"), icon=":material/storefront:")

    def chosen_hall() -> None:
        hall = st.session_state.get("hall_pick")
        if hall:
            navigate.open_hall(hall, ctx.dims)
            navigate.stay()  # already on the hall page

    st.selectbox(
        t("hall.pick"),
        list(info),
        index=None,
        key="hall_pick",
        format_func=lambda h: info[h],
        placeholder=t("hall.pick_placeholder"),
        on_change=chosen_hall,
    )


def header(ctx, profile: hall_profile.Profile) -> None:
    """Name, place, tier, counters and the bookmarkable link."""
    hall = profile.hall
    name = hall["name_zh"] if ctx.lang == "zh" else hall["name_en"]
    cities = ctx.dims.labels("city", ctx.lang)
    st.subheader(name)
    st.caption(
        t(
            "hall.facts",
            id=hall["branch_id"],
            city=cities.get(hall["city_id"], hall["city_id"]),
            tier=t(f"benchmarks.tier.{hall['tier']}"),
            counters=int(hall["counters"]),
        )
    )
    st.caption(t("hall.bookmark", link=f"/hall?hall={hall['branch_id']}"))


def metric_table(ctx, profile: hall_profile.Profile) -> None:
    """Every metric the hall records: value, interval, n, the tier's value and the hall's
    rank in it, target and status, and the change against the comparison period."""
    tier = t(f"benchmarks.tier.{profile.hall['tier']}")
    rows = []
    for row in profile.metrics.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        enough = bool(row.get("enough_n", False))
        change = fmt.delta(metric, row.get("delta")) if enough else None
        if change and row.get("is_significant"):
            change += " *"
        rank = row.get("peer_rank")
        rows.append(
            {
                t("hall.col.metric"): metric.label(ctx.lang),
                t("hall.col.value"): fmt.value(metric, row["value"]) if enough else fmt.DASH,
                t("hall.col.interval"): fmt.span(metric, row.get("low"), row.get("high"))
                if enough
                else "",
                t("hall.col.n"): fmt.count(row.get("n")),
                t("hall.col.peers", tier=tier): fmt.value(metric, row.get("peer_value")),
                t("hall.col.rank"): t("hall.rank", rank=int(rank), of=int(row["peer_count"]))
                if rank == rank and rank is not None
                else fmt.DASH,
                t("hall.col.target"): _target(metric, row),
                t("hall.col.company_target"): fmt.value(metric, row.get("company_target")),
                t("hall.col.status"): t(f"status.{row['status']}"),
                t("hall.col.change"): change or "",
            }
        )
    table = pd.DataFrame(rows)
    status = t("hall.col.status")
    colours = {t(f"status.{s}"): c for s, c in theme.CELL.items()}
    show.table(
        painted.painted(table, {status: [colours.get(v, "") for v in table[status]]}),
        show.Meta(
            t("hall.metrics_title"),
            t("hall.metrics_note", tier=tier),
            float(profile.metrics["n"].fillna(0).max()),
            (t("hall.city_only", n=len(profile.city_only)),),
            name=f"hall_{profile.hall['branch_id']}",
        ),
        key="hall_metrics",
        export=partial(metric_export, profile.metrics, ctx.lang),
        height=min(35 * (len(table) + 1) + 3, 1000),  # 35 px a row, the header too
    )


def metric_export(metrics: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The metric table as a download, a row per metric by its name: its value, interval and
    n, the tier's value, the hall's rank among its peers (of how many), its target and the
    level it comes from, the company's target, its status and its change, each in the
    metric's unit (a `unit` column after them)."""
    frame = metrics.reindex(columns=list(EXPORTED))
    for column in ("peer_rank", "peer_count"):
        frame[column] = frame[column].astype(float).astype("Int64")
    labels = {
        "target_level": {level: t(f"hall.level.{level}") for level in LEVELS},
        "status": downloads.statuses(),
    }
    return downloads.by_metric(frame, lang, labels, columns=SCALED)


def _target(metric, row: dict) -> str:
    """The hall's target with the level it comes from: "92.0% (tier)"."""
    if not row.get("target_level") or row["target"] != row["target"]:
        return fmt.DASH
    return t(
        "hall.target_from",
        value=fmt.value(metric, row["target"]),
        level=t(f"hall.level.{row['target_level']}"),
    )


def hours_figure(profile: hall_profile.Profile) -> go.Figure:
    """Share called within 10 minutes by weekday and hour of issue at this hall."""
    mine = profile.hours[profile.hours["is_hall"]]
    grid = mine.pivot_table(index="weekday", columns="hour", values="within_10min")
    grid = grid.reindex(index=list(WEEKDAYS))
    n = mine.pivot_table(index="weekday", columns="hour", values="n_called").reindex(
        index=list(WEEKDAYS), columns=grid.columns
    )
    fig = charts.Figure(
        go.Heatmap(
            z=grid.to_numpy() * 100,
            x=[fmt.clock(h) for h in grid.columns],
            y=[t(f"hall.weekday.{d}") for d in grid.index],
            colorscale="RdYlGn",
            zmin=max(0, float(np.nanmin(grid.to_numpy())) * 100) if grid.size else 0,
            zmax=100,
            customdata=n.to_numpy(),
            hovertemplate="%{y} %{x}: %{z:.1f}% (n = %{customdata:,.0f})<extra></extra>",
            colorbar={"title": "%"},
        )
    )
    fig.update_layout(height=320, yaxis={"autorange": "reversed"})
    return fig


def worst_hours_table(profile: hall_profile.Profile) -> pd.DataFrame:
    """The worst slots against the same slot at the peers."""
    rows = []
    for r in profile.worst_hours.itertuples():
        rows.append(
            {
                t("hall.col.slot"): f"{t(f'hall.weekday.{r.weekday}')} {fmt.clock(r.hour)}",
                t("hall.col.within"): fmt.share(r.within_10min),
                t("hall.col.peer_within"): fmt.share(r.peer_within_10min),
                t("hall.col.wait"): fmt.minutes(r.wait_mean_s),
                t("hall.col.walkaway"): fmt.share(r.walkaway),
                t("hall.col.n"): fmt.count(r.n_called),
            }
        )
    return pd.DataFrame(rows)


def hours_export(hours: pd.DataFrame) -> pd.DataFrame:
    """The hall's weekday-hour slots (the heat map's cells, or its worst hours) as drawn: the
    weekday's name and the hour's clock time, the share called within 10 minutes and the
    peers' in the same slot, the mean wait in minutes, the walk-away share, and the tickets
    and called tickets (n) behind them."""
    return pd.DataFrame(
        {
            "weekday": [t(f"hall.weekday.{int(d)}") for d in hours["weekday"]],
            "hour": hours["hour"].map(fmt.clock),
            "within_10min (%)": hours["within_10min"] * 100,
            "peer_within_10min (%)": hours["peer_within_10min"] * 100,
            f"wait_mean ({t('trends.unit.minutes')})": hours["wait_mean_s"] / 60,
            "walkaway (%)": hours["walkaway"] * 100,
            "n_tickets": hours["n_tickets"],
            "n_called": hours["n_called"],
        }
    ).reset_index(drop=True)


def complaints_table(ctx, frame: pd.DataFrame) -> pd.DataFrame:
    """Open complaints with the category in the reader's language and overdue first."""
    zh = ctx.lang == "zh"
    severity, channel = codes.labeller(ctx, "severity"), codes.labeller(ctx, "channel")
    return pd.DataFrame(
        {
            t("drill.field.complaint_id"): frame["complaint_id"],
            t("drill.field.received_at"): fmt.to_minute(frame["received_at"]),
            t("drill.field.due_at"): fmt.to_minute(frame["due_at"]),
            t("drill.field.is_overdue"): [
                t("hall.overdue") if v else t("hall.not_due") for v in frame["is_overdue"]
            ],
            t("drill.field.category"): [t(f"drill.category.{c}") for c in frame["category"]],
            t("drill.field.subcategory_id"): frame["subcategory_zh" if zh else "subcategory_en"],
            t("drill.field.severity"): frame["severity"].map(severity),
            t("drill.field.channel"): frame["channel"].map(channel),
            t("drill.field.age_h"): frame["age_h"].round(0),
        }
    )
