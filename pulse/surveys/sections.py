"""The Surveys page's headline, its scores by touchpoint, segment and brand, and the six
dimensions overall and by place."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import catalog, kpis, settings
from pulse.export import theme
from pulse.i18n import t
from pulse.surveys import data as surveys
from pulse.surveys import exports
from pulse.ui import charts, fragment, notices, painted, show, tiles
from pulse.ui import format as fmt
from pulse.ui.context import Context

PARTS = theme.NPS_PARTS
# score colours: detractor reds (darkest at 0), passive greys, promoter greens (darkest at 10)
REDS, GREYS, GREENS = theme.SCORES[:7], theme.SCORES[7:9], theme.SCORES[9:]


def score_colors() -> list[str]:
    """One colour per score 0-10, split where the settings split detractors, passives and
    promoters (detractor_max, promoter_min)."""
    low, high = settings.get("detractor_max"), settings.get("promoter_min")
    n_red, n_grey, n_green = low + 1, high - low - 1, 11 - high
    reds = ([REDS[0]] * n_red + REDS)[-n_red:] if n_red else []
    greys = (GREYS + [GREYS[-1]] * n_grey)[:n_grey]
    greens = ([GREENS[0]] * n_green + GREENS)[-n_green:] if n_green else []
    return [*reds, *greys, *greens]


DIM_LABEL_KEYS = {m: f"surveys.dim.{m.removeprefix('dim_')}" for m in surveys.DIM_METRICS}
GREEN_CELL, RED_CELL, GREY_CELL = theme.CELL["green"], theme.CELL["red"], theme.CELL["unknown"]
# the legend above a chart half the page wide takes two rows (48 px): set on the plot's top
# edge, not the theme's 2 % above it, two rows fit the theme's top margin (50 px), so plotly
# lays the chart out once instead of pushing the margin and laying it out again
LEGEND_ON_TOP = {"traceorder": "normal", "y": 1}


def group_labels(ctx: Context, by: str) -> dict[str, str]:
    """Names of the groups of a breakdown in the reader's language."""
    kind = {"touchpoint": "channel", "segment": "segment", "brand": "brand"}[by]
    return ctx.dims.labels(kind, ctx.lang)


def headline(ctx: Context, data: kpis.Tiles) -> None:
    """Index, CSAT and NPS tiles, and the published industry indices beside them."""
    cmp_label = t(f"compare.short.{ctx.filter.compare}")
    columns = st.columns(4)
    for column, metric_id in zip(columns, surveys.HEADLINE, strict=False):
        row = data.row(metric_id)
        if row:
            with column:
                tiles.tile(
                    row,
                    data.sparklines.get(metric_id),
                    data.not_applied.get(metric_id, []),
                    cmp_label,
                )
    with columns[3], st.container(border=True):
        st.markdown(f"**{t('surveys.benchmarks')}**")
        bench = kpis.benchmarks(ctx.store, "sat_index")
        # a mobile operator's index compares with mobile services and business halls
        bench = bench[bench["market"].isin(("mobile", "hall"))].sort_values(
            "value", ascending=False
        )
        if bench.empty:
            st.caption(t("surveys.no_benchmarks"))
        subject = "subject_zh" if ctx.lang == "zh" else "subject_en"
        for row in bench.head(5).to_dict("records"):
            market = t(f"surveys.market.{row['market']}")
            st.caption(
                t(
                    "surveys.benchmark_line",
                    subject=row[subject],
                    market=market,
                    period=row["period_label"],
                    value=fmt.number(row["value"], 1),
                )
            )
        st.caption(t("surveys.benchmark_note"))


@fragment.section
def groups(ctx: Context) -> None:
    """Promoter / passive / detractor split and score distribution per touchpoint, segment
    or brand, and the table of index, CSAT and NPS with intervals."""
    by = st.radio(
        t("surveys.by"),
        surveys.BREAKDOWNS,
        key="surveys_by",
        horizontal=True,
        format_func=lambda b: t(f"surveys.breakdown.{b}"),
    )
    frame = surveys.splits(ctx.store, ctx.filter, ctx.period, by)
    if frame.empty:
        st.info(t("surveys.no_groups"))
        return
    labels = group_labels(ctx, by)
    frame = frame.assign(label=frame["group_key"].map(lambda k: labels.get(k, k)))
    left, right = st.columns(2)
    with left:
        _split_chart(frame, by, labels)
    with right:
        _distribution_chart(ctx, by, labels)
    _split_table(frame, by, labels, ctx.lang)


def _split_chart(frame: pd.DataFrame, by: str, labels: dict[str, str]) -> None:
    nps = catalog.metric("nps")
    export = partial(exports.split, frame, by, labels)
    frame = frame.sort_values("n")
    enough = frame["nps_enough_n"].fillna(False).astype(bool)
    names = [
        f"{row['label']} · NPS {fmt.value(nps, row['nps'])}"
        if ok
        else f"{row['label']} · {t('surveys.too_few_short')}"
        for row, ok in zip(frame.to_dict("records"), enough, strict=True)
    ]
    fig = charts.figure(barmode="stack", height=120 + 34 * len(frame))
    for part, color in PARTS.items():
        share = frame[f"n_{part}"] / frame["n"]
        fig.add_bar(
            y=names,
            x=share * 100,
            orientation="h",
            name=t(f"surveys.part.{part}"),
            marker={"color": color, "opacity": [1.0 if ok else 0.35 for ok in enough]},
            text=[fmt.share(v, 0) for v in share],
            textposition="inside",
            customdata=frame[f"n_{part}"],
            hovertemplate="%{y}<br>%{x:.1f}% (n = %{customdata:,.0f})<extra></extra>",
        )
    fig.update_layout(
        xaxis={"title": "%", "range": [0, 100]}, margin={"l": 10}, legend=LEGEND_ON_TOP
    )
    show.chart(
        fig,
        show.Meta(
            t("surveys.split_title", by=t(f"surveys.breakdown.{by}")),
            t("surveys.split_definition"),
            n=float(frame["n"].sum()),
            name=f"nps_split_{by}",
        ),
        key=f"surveys_split_{by}",
        data=export,
    )


def _distribution_chart(ctx: Context, by: str, labels: dict[str, str]) -> None:
    item = st.radio(
        t("surveys.item"),
        surveys.ITEMS,
        key="surveys_item",
        horizontal=True,
        format_func=lambda i: t(f"surveys.item_name.{i}"),
        label_visibility="collapsed",
    )
    dist, not_applied = surveys.distribution(ctx.store, ctx.filter, ctx.period, by)
    dist = dist[dist["item"] == item]
    totals = dist.groupby("group_key")["n"].sum().sort_values()
    order = [labels.get(k, k) for k in totals.index]
    fig = charts.figure(barmode="stack", height=120 + 34 * len(order))
    colors = score_colors()
    for score in surveys.SCORES:
        part = dist[dist["score"] == score].set_index("group_key").reindex(totals.index)
        fig.add_bar(
            y=order,
            x=part["share"] * 100,
            orientation="h",
            name=str(score),
            marker_color=colors[score],
            customdata=part["n"],
            hovertemplate=f"{score}: " + "%{x:.1f}% (n = %{customdata:,.0f})<extra>%{y}</extra>",
        )
    # no legend title: Streamlit's theme sets it on a line of its own above the scores,
    # a third row; the scores 0-10 under the chart's title name themselves
    fig.update_layout(
        xaxis={"title": "%", "range": [0, 100]}, margin={"l": 10}, legend=LEGEND_ON_TOP
    )
    show.chart(
        fig,
        show.Meta(
            t("surveys.distribution_title", item=t(f"surveys.item_name.{item}")),
            t("surveys.distribution_definition"),
            n=float(totals.sum()),
            notes=notices.not_filtered(not_applied),
            name=f"score_distribution_{item}_{by}",
        ),
        key=f"surveys_distribution_{by}_{item}",
        data=partial(exports.distribution, dist, by, labels),
    )


def _cell(metric_id: str, row: dict) -> str:
    metric = catalog.metric(metric_id)
    if not row.get(f"{metric_id}_enough_n"):
        return t("surveys.too_few", min_n=metric.min_n)
    low, high = row.get(f"{metric_id}_low"), row.get(f"{metric_id}_high")
    return fmt.cell(metric, row[metric_id], low, high)


def _split_table(frame: pd.DataFrame, by: str, labels: dict[str, str], lang: str) -> None:
    rows = []
    for row in frame.to_dict("records"):
        rows.append(
            {
                t(f"surveys.breakdown.{by}"): row["label"],
                "n": int(row["n"]),
                **{catalog.metric(m).label(lang): _cell(m, row) for m in surveys.HEADLINE},
            }
        )
    show.table(
        pd.DataFrame(rows),
        show.Meta(
            t("surveys.groups_table", by=t(f"surveys.breakdown.{by}")),
            t("surveys.groups_table_note"),
            n=float(frame["n"].sum()),
            name=f"scores_by_{by}",
        ),
        key=f"surveys_groups_table_{by}",
        export=partial(exports.groups_table, frame, by, labels),
    )


def dimensions(ctx: Context, data: kpis.Tiles) -> None:
    """The six dimension scores with intervals, against the comparison period and target."""
    rows = data.rows[data.rows["metric_id"].isin(surveys.DIM_METRICS)].copy()
    rows = rows[rows["n"].fillna(0) > 0]
    if rows.empty:
        st.info(t("surveys.no_dimensions"))
        return
    rows["label"] = rows["metric_id"].map(lambda m: t(DIM_LABEL_KEYS[m]))
    rows = rows.sort_values("value")
    fig = charts.figure(height=340)
    fig.add_scatter(
        y=rows["label"],
        x=rows["value"],
        mode="markers",
        name=t("surveys.current"),
        # below the minimum n a score is shown faded: it is too uncertain to read
        marker={
            "size": 11,
            "color": charts.PALETTE[0],
            "opacity": [1.0 if e else 0.3 for e in rows["enough_n"].astype(bool)],
        },
        error_x=charts.whiskers(rows["value"], rows["low"], rows["high"]),
        customdata=rows["n"],
        hovertemplate="%{y}: %{x:.2f} (n = %{customdata:,.0f})<extra></extra>",
    )
    if rows["cmp_value"].notna().any():
        fig.add_scatter(
            y=rows["label"],
            x=rows["cmp_value"],
            mode="markers",
            name=t(f"compare.{ctx.filter.compare}"),
            marker={"size": 10, "symbol": "circle-open", "color": charts.PALETTE[1]},
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
        )
    if rows["target"].notna().any():
        fig.add_scatter(
            y=rows["label"],
            x=rows["target"],
            mode="markers",
            name=t("surveys.target"),
            marker={"size": 16, "symbol": "line-ns-open", "color": charts.TARGET},
        )
    fig.update_layout(xaxis={"title": t("surveys.score_axis")}, margin={"l": 10})
    notes = () if rows["target"].notna().any() else (t("surveys.no_dim_targets"),)
    show.chart(
        fig,
        show.Meta(
            t("surveys.dimensions_title"),
            t("surveys.dimensions_definition"),
            n=float(rows["n"].max()),
            notes=notes,
            name="dimension_scores",
        ),
        key="surveys_dimensions",
        data=partial(exports.dimensions, rows, ctx.lang),
    )
    _dimension_table(rows, ctx.lang)


def _dimension_table(rows: pd.DataFrame, lang: str) -> None:
    table = []
    for row in rows.sort_values("value", ascending=False).to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        verdict = ""
        if row["enough_n"] and pd.notna(row["p_value"]):
            verdict = t("stat.significant") if row["is_significant"] else t("stat.not_significant")
        score = fmt.value(metric, row["value"])
        if not row["enough_n"]:
            score = t("surveys.too_few_value", value=score, min_n=metric.min_n)
        table.append(
            {
                t("surveys.dimension"): row["label"],
                t("surveys.score"): score,
                t("surveys.interval"): fmt.span(metric, row["low"], row["high"]),
                "n": fmt.count(row["n"]),
                t("surveys.previous"): fmt.value(metric, row["cmp_value"]),
                t("surveys.change"): fmt.delta(metric, row["delta"]) or fmt.DASH,
                t("surveys.verdict"): f"{verdict} {fmt.p_value(row['p_value'])}".strip(),
                t("surveys.target"): fmt.value(metric, row["target"]),
            }
        )
    show.table(
        pd.DataFrame(table),
        show.Meta(t("surveys.dimensions_table"), t("surveys.dimensions_table_note")),
        key="surveys_dimensions_table",
        export=partial(exports.dimensions, rows, lang, table=True),
    )


@fragment.section
def places(ctx: Context) -> None:
    """Index and dimension scores per city or hall, each cell coloured when it differs
    significantly from the rest of the selection."""
    level = st.radio(
        t("surveys.place_level"),
        ("city", "hall"),
        key="surveys_place_level",
        horizontal=True,
        format_func=lambda v: t(f"surveys.level.{v}"),
        index=1 if ctx.filter.cities or ctx.filter.halls else 0,
    )
    frame = surveys.by_place(ctx.store, ctx.filter, ctx.period, level)
    if frame.empty:
        st.info(t("surveys.no_places"))
        return
    key = "city_id" if level == "city" else "branch_id"
    names = ctx.dims.labels("city" if level == "city" else "hall", ctx.lang)
    metric_ids = ["sat_index", *surveys.DIM_METRICS]
    headers = {m: catalog.metric(m).label(ctx.lang) for m in metric_ids}
    order = frame.groupby(key)["n"].max().sort_values(ascending=False).index
    text = pd.DataFrame(index=order, columns=metric_ids, dtype=object)
    styles = pd.DataFrame("", index=order, columns=metric_ids)
    for row in frame.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        text.loc[row[key], metric.id] = (
            f"{fmt.value(metric, row['value'])} ({fmt.compact(row['n'])})"
        )
        if not row["enough_n"]:
            styles.loc[row[key], metric.id] = GREY_CELL
        elif row["versus_rest"]:
            cell = GREEN_CELL if row["versus_rest"] == "above" else RED_CELL
            styles.loc[row[key], metric.id] = cell
    text = text.fillna(fmt.DASH)
    text.index = [names.get(k, k) for k in order]
    text.columns = [headers[m] for m in metric_ids]
    styles.index, styles.columns = text.index, text.columns
    show.table(
        painted.painted(text, styles),
        show.Meta(
            t("surveys.places_title", level=t(f"surveys.level.{level}")),
            t("surveys.places_note"),
            n=float(frame.loc[frame["metric_id"] == "sat_index", "n"].sum()),
            name=f"dimensions_by_{level}",
        ),
        key=f"surveys_places_{level}",
        export=partial(exports.places, frame, level, names, list(order), ctx.lang),
        hide_index=False,
    )
