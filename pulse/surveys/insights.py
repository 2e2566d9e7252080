"""The Surveys page's analysis: key drivers as an importance-performance quadrant, and how the
scores move with the wait, the answer and the complaint handling the respondent experienced."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from pulse import kpis
from pulse.export import theme
from pulse.i18n import sentences, t
from pulse.surveys import data as surveys
from pulse.surveys import drivers, exports
from pulse.ui import charts, show
from pulse.ui import format as fmt
from pulse.ui.context import Context

QUADRANT_COLORS = {
    "fix_first": theme.RED,
    "keep_up": theme.GREEN,
    "lower_priority": theme.GREY,
    "maintain": theme.BLUE,
}


def key_drivers(ctx: Context, data: kpis.Tiles) -> None:
    """Importance (share of explained variance) against performance (mean score) for the six
    dimensions, with the regression behind it; refuses clearly when n is too small."""
    n_in_scope = data.row("sat_index").get("n") or 0
    result = surveys.key_drivers(ctx.store, ctx.filter, ctx.period, n_in_scope)
    if result.refused:
        st.warning(
            t(
                f"surveys.drivers.refused_{result.refused}",
                n=fmt.count(result.n),
                min_n=drivers.MIN_N,
            ),
            icon=":material/block:",
        )
        return
    performance = {
        m.removeprefix("dim_"): data.row(m).get("value", np.nan) for m in surveys.DIM_METRICS
    }
    table = drivers.quadrants(result.table, performance)
    table["label"] = table["dimension"].map(lambda d: t(f"surveys.dim.{d}"))
    summary = _summary(result)
    st.markdown(summary)
    left, right = st.columns([3, 2])
    with left:
        _quadrant_chart(table, result, _short(result))
    with right:
        _advice(table)
    _driver_table(table, result, _short(result))


def _summary(result: drivers.Drivers) -> str:
    text = t(
        "surveys.drivers.summary",
        r2=fmt.number(result.r2, 2),
        r2_adj=fmt.number(result.r2_adj, 2),
        n=fmt.count(result.n),
    )
    if result.is_sampled:
        return sentences(
            text,
            t(
                "surveys.drivers.sampled",
                drawn=fmt.count(drivers.SAMPLE_SIZE),
                n_in_scope=fmt.count(result.n_in_scope),
                runs=drivers.BOOTSTRAP,
            ),
        )
    return sentences(
        text, t("surveys.drivers.not_sampled", n_in_scope=fmt.count(result.n_in_scope))
    )


def _short(result: drivers.Drivers) -> str:
    """R², n and the sample in a few words, for the stamp of exported charts and tables."""
    text = t("surveys.drivers.short", r2=fmt.number(result.r2, 2), n=fmt.count(result.n))
    if result.is_sampled:
        text = sentences(
            text,
            t(
                "surveys.drivers.short_sampled",
                drawn=fmt.count(drivers.SAMPLE_SIZE),
                n_in_scope=fmt.count(result.n_in_scope),
            ),
        )
    return text


def _quadrant_chart(table: pd.DataFrame, result: drivers.Drivers, summary: str) -> None:
    cut_x, cut_y = table.attrs["cut_performance"], table.attrs["cut_importance"] * 100
    x_low = min(table["performance"].min(), cut_x) - 0.25
    x_high = max(table["performance"].max(), cut_x) + 0.25
    y_high = max(table["importance_high"].max() * 100, cut_y) * 1.15
    fig = charts.figure(height=430)
    # the quadrant to act on first: important and below the average score
    fig.add_shape(
        type="rect",
        x0=x_low,
        x1=cut_x,
        y0=cut_y,
        y1=y_high,
        fillcolor="rgba(214, 69, 69, 0.08)",
        line={"width": 0},
        layer="below",
    )
    fig.add_vline(x=cut_x, line={"dash": "dash", "color": theme.GREY})
    fig.add_hline(y=cut_y, line={"dash": "dash", "color": theme.GREY})
    corners = {
        "fix_first": (x_low, y_high, "left", "top"),
        "keep_up": (x_high, y_high, "right", "top"),
        "lower_priority": (x_low, 0, "left", "bottom"),
        "maintain": (x_high, 0, "right", "bottom"),
    }
    for quadrant, (x, y, xanchor, yanchor) in corners.items():
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{t(f'surveys.drivers.quadrant.{quadrant}')}</b>",
            showarrow=False,
            xanchor=xanchor,
            yanchor=yanchor,
            font={"color": QUADRANT_COLORS[quadrant], "size": 12},
        )
    fig.add_scatter(
        x=table["performance"],
        y=table["importance"] * 100,
        mode="markers+text",
        text=table["label"],
        textposition="top center",
        marker={"size": 13, "color": [QUADRANT_COLORS[q] for q in table["quadrant"]]},
        error_y=charts.whiskers(
            table["importance"],
            table["importance_low"],
            table["importance_high"],
            100,
            color=theme.GREY,
        ),
        customdata=np.column_stack([table["coef"], table["importance_low"] * 100]),
        hovertemplate=(
            "%{text}<br>"
            + t("surveys.drivers.axis_performance")
            + ": %{x:.2f}<br>"
            + t("surveys.drivers.axis_importance")
            + ": %{y:.1f}%<extra></extra>"
        ),
        showlegend=False,
    )
    fig.update_layout(
        xaxis={"title": t("surveys.drivers.axis_performance"), "range": [x_low, x_high]},
        yaxis={
            "title": t("surveys.drivers.axis_importance"),
            "range": [0, y_high],
            "ticksuffix": "%",
        },
    )
    show.chart(
        fig,
        show.Meta(
            t("surveys.drivers.title"),
            t("surveys.drivers.definition"),
            n=result.n,
            notes=(summary,),
            name="key_drivers",
        ),
        key="surveys_drivers_quadrant",
        data=partial(exports.drivers_chart, table),
    )


def _advice(table: pd.DataFrame) -> None:
    fix = table[table["quadrant"] == "fix_first"].sort_values("importance", ascending=False)
    with st.container(border=True):
        st.markdown(f"**{t('surveys.drivers.fix_first_title')}**")
        if fix.empty:
            st.caption(t("surveys.drivers.fix_first_none"))
        for row in fix.to_dict("records"):
            st.markdown(
                t(
                    "surveys.drivers.fix_first_line",
                    dimension=row["label"],
                    share=fmt.percent(row["importance"], 0),
                    score=fmt.number(row["performance"], 2),
                    average=fmt.number(table.attrs["cut_performance"], 2),
                )
            )
        st.caption(t("surveys.drivers.reading"))


def _driver_table(table: pd.DataFrame, result: drivers.Drivers, summary: str) -> None:
    rows = []
    for row in table.sort_values("rank").to_dict("records"):
        rows.append(
            {
                t("surveys.drivers.col.rank"): int(row["rank"]),
                t("surveys.drivers.col.dimension"): row["label"],
                t("surveys.drivers.col.importance"): fmt.share(row["importance"]),
                t("surveys.drivers.col.importance_ci"): fmt.span(
                    fmt.share, row["importance_low"], row["importance_high"]
                ),
                t("surveys.drivers.col.coef"): fmt.number(row["coef"], 3),
                t("surveys.drivers.col.coef_ci"): fmt.span(
                    lambda x: fmt.number(x, 3), row["coef_low"], row["coef_high"]
                ),
                t("surveys.drivers.col.performance"): fmt.number(row["performance"], 2),
                t("surveys.drivers.col.quadrant"): t(f"surveys.drivers.quadrant.{row['quadrant']}"),
            }
        )
    show.table(
        pd.DataFrame(rows),
        show.Meta(
            t("surveys.drivers.table_title"),
            t("surveys.drivers.table_note"),
            n=result.n,
            notes=(summary,),
            name="key_drivers",
        ),
        key="surveys_drivers_table",
        export=partial(exports.drivers_table, table),
    )
