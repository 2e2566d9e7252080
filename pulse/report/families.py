"""The four family sections (surveys, queues, hotline, complaints), all built the same way
from the catalogue: every metric of the family with n and interval, a trend of each headline
metric, the lead metric by city against targets, then halls (or hotline queues)."""

from __future__ import annotations

import pandas as pd

from pulse import catalog, i18n, measures
from pulse.catalog import Metric
from pulse.i18n import t
from pulse.report import figures, words
from pulse.report.blocks import Context, kpi_table, matrix_table, typed_values
from pulse.report.facts import FAMILIES
from pulse.report.model import Chart, Section, Table
from pulse.ui import format as fmt

HALLS_SHOWN = 10
MATRIX_METRICS = 5


def headline_metrics(family: str) -> list[Metric]:
    """The family's headline metrics in tile order, else its first metric."""
    metrics = catalog.family(family)
    heads = sorted((m for m in metrics if m.headline), key=lambda m: m.headline)
    return heads or metrics[:1]


def build(section: str, ctx: Context) -> Section:
    """One family section."""
    family = FAMILIES[section]
    facts = ctx.facts
    title = t(f"report.section.{section}")
    heads = headline_metrics(family)
    if not facts.has_data(family):
        # the scope cannot reach this data (the hotline for a hall's manager): say so
        withheld = any(measures.withheld(m, facts.filter) for m in heads)
        empty = (
            t("access.withheld.page")
            if withheld
            else t("report.empty_section", caption=ctx.caption)
        )
        return Section(section, title, [], [], empty=empty)
    totals = facts.totals(family)
    rows = {r["metric_id"]: r for r in totals.to_dict("records")}
    summary = [words.kpi(m, rows[m.id], ctx.compare) for m in heads if m.id in rows]
    blocks = [
        kpi_table(ctx, f"{section}.metrics", t("report.block.metrics", section=title), totals)
    ]
    trend = facts.trend(family, [m.id for m in heads])
    for metric in heads:
        if metric.id in rows:
            blocks.append(_trend_chart(ctx, section, metric, trend, rows[metric.id]))
    cities = facts.by_city(family)
    lead = heads[0]
    if len(cities):
        blocks.append(_city_chart(ctx, section, lead, cities))
        matrix_ids = [m.id for m in heads][:MATRIX_METRICS]
        blocks.append(
            matrix_table(
                ctx,
                f"{section}.cities",
                t("report.block.cities", section=title),
                cities,
                "city_id",
                ctx.facts.dims.labels("city", i18n.language()),
                matrix_ids,
                t("report.note.matrix"),
            )
        )
    if family == "hotline":
        queues = facts.by_queue()
        if len(queues):
            blocks.append(_queue_table(ctx, section, queues, [m.id for m in heads]))
    else:
        halls = facts.by_hall(family)
        ranked = _hall_metric(heads, halls)
        if ranked is not None:
            blocks.append(_hall_table(ctx, section, ranked, halls))
    return Section(section, title, summary, blocks)


def _hall_metric(heads: list[Metric], halls: pd.DataFrame) -> Metric | None:
    """The first headline metric that halls can be ranked on (per-million rates are counted
    by city, not by hall)."""
    for metric in heads:
        rows = halls[halls["metric_id"] == metric.id] if len(halls) else halls
        if len(rows) and bool(rows["enough_n"].any()):
            return metric
    return None


def _trend_chart(ctx: Context, section: str, metric: Metric, trend, row: dict) -> Chart:
    facts = ctx.facts
    grain = facts.grain()
    frame = trend[trend["metric_id"] == metric.id].reset_index(drop=True)
    events = facts.events
    fig = figures.trend(
        metric,
        frame,
        grain,
        target=row.get("target"),
        before=row.get("cmp_value") if row.get("enough_n") else None,
        compare=ctx.compare,
        events=events,
    )
    label = metric.label(i18n.language())
    title = t(f"report.block.trend_{grain}", metric=label)
    headline = " ".join(
        p
        for p in (
            words.kpi(metric, row, ctx.compare),
            _closed(words.trend_clause(metric, frame, grain, events)),
        )
        if p
    )
    data = frame.assign(target=row.get("target"), cmp_value=row.get("cmp_value"))
    data, formats = typed_values(
        data[
            ["bucket", "metric_id", "value", "low", "high", "n", "enough_n", "target", "cmp_value"]
        ]
    )
    formats["bucket"] = "date"
    return Chart(
        key=f"{section}.trend.{metric.id}",
        title=title,
        headline=headline,
        figure=fig,
        stamp=ctx.stamp(
            title, metric.definition(i18n.language()), row.get("n"), ctx.not_applied_note(metric)
        ),
        data=data,
        formats=formats,
    )


def _closed(clause: str) -> str:
    return words.sentence(clause) if clause else ""


def _city_chart(ctx: Context, section: str, metric: Metric, cities: pd.DataFrame) -> Chart:
    names = ctx.facts.dims.labels("city", i18n.language())
    rows = cities[cities["metric_id"] == metric.id].reset_index(drop=True)
    label = metric.label(i18n.language())
    title = t("report.block.by_city", metric=label)
    fig = figures.by_place(metric, rows, names, "city_id")
    data = rows.assign(city=rows["city_id"].map(lambda c: names.get(c, c)))
    data, formats = typed_values(data)
    return Chart(
        key=f"{section}.by_city.{metric.id}",
        title=title,
        headline=_ranking(metric, rows, names, "city_id", "report.says.cities"),
        figure=fig,
        stamp=ctx.stamp(
            title, metric.definition(i18n.language()), rows["n"].sum(), ctx.not_applied_note(metric)
        ),
        data=data,
        formats=formats,
    )


def _ranking(metric: Metric, rows: pd.DataFrame, names: dict, key: str, says: str) -> str:
    """'3 of 7 cities miss their target; weakest: Shenzhen at 71.2% (target 88.0%).'"""
    usable = rows[rows["enough_n"] & rows["value"].notna()]
    if usable.empty:
        return words.sentence(t("report.says.none_enough"))
    point = words.worst_point(metric, usable)
    judged = usable[usable["status"] != "unknown"]
    off = int(judged["status"].isin(["amber", "red"]).sum())
    target = (
        ""
        if words.missing(point.get("target"))
        else t("report.says.target_of", target=fmt.value(metric, point["target"]))
    )
    return words.sentence(
        t(says, off=off, total=len(judged)) if len(judged) else "",
        t(
            "report.says.weakest_place",
            place=names.get(point[key], point[key]),
            value=fmt.value(metric, point["value"]),
            target=target,
        ),
    )


def _hall_table(ctx: Context, section: str, metric: Metric, halls: pd.DataFrame) -> Table:
    """The halls furthest from their target on the lead metric, worst first."""
    lang = i18n.language()
    names = ctx.facts.dims.labels("hall", lang)
    cities = ctx.facts.dims.labels("city", lang)
    rows = halls[halls["metric_id"] == metric.id].copy()
    sign = 1 if metric.higher_is_better is not False else -1
    rows["gap"] = sign * (rows["value"] - rows["target"].fillna(rows["value"].median()))
    rows = rows.sort_values(["enough_n", "gap"], ascending=[False, True]).reset_index(drop=True)
    shown = rows[rows["enough_n"]].head(HALLS_SHOWN)
    display, status = [], []
    for r in shown.to_dict("records"):
        line = {
            t("report.col.hall"): names.get(r["branch_id"], r["branch_id"]),
            t("report.col.city"): cities.get(r["city_id"], r["city_id"]),
            t("report.col.tier"): words.code_label("report.tier", r["tier"]),
            t("report.col.value"): fmt.value(metric, r["value"]),
            t("report.col.interval"): fmt.span(metric, r["low"], r["high"]) or fmt.DASH,
            t("report.col.n"): fmt.count(r["n"]),
            t("report.col.target"): fmt.value(metric, r["target"]),
            t("report.col.status"): t(f"status.{r['status']}"),
        }
        display.append(line)
        status.append(
            {
                c: r["status"] if c in (t("report.col.value"), t("report.col.status")) else ""
                for c in line
            }
        )
    label = metric.label(lang)
    title = t("report.block.halls", metric=label)
    data = rows.drop(columns="gap").assign(hall=rows["branch_id"].map(lambda h: names.get(h, h)))
    data, formats = typed_values(data)
    return Table(
        key=f"{section}.halls.{metric.id}",
        title=title,
        headline=_ranking(metric, rows, names, "branch_id", "report.says.halls"),
        display=pd.DataFrame(display),
        stamp=ctx.stamp(title, t("report.note.halls", n=HALLS_SHOWN)),
        data=data,
        formats=formats,
        status=pd.DataFrame(status),
    )


def _queue_table(ctx: Context, section: str, queues: pd.DataFrame, metric_ids) -> Table:
    names = ctx.facts.dims.labels("queue", i18n.language())
    title = t("report.block.queues")
    rows = queues.assign(status="")  # queues have no targets: no colour
    table = matrix_table(
        ctx,
        f"{section}.queues",
        title,
        rows,
        "queue_id",
        names,
        metric_ids,
        t("report.note.queues"),
    )
    return table
