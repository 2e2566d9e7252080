"""The overview and benchmark sections: the ten headline numbers against target and the last
period, cities against target, what changed and the events (from pulse.overview.data, the same
numbers as the Overview page), and where we stand against published figures."""

from __future__ import annotations

import pandas as pd

from pulse import catalog, i18n, sql
from pulse.i18n import t
from pulse.overview import data as overview
from pulse.report import figures, words
from pulse.report.blocks import Context, kpi_table, matrix_table, typed_values
from pulse.report.model import Chart, Section, Table
from pulse.ui import format as fmt


def overview_section(ctx: Context) -> Section:
    """Headline numbers, cities, what changed, events."""
    title = t("report.section.overview")
    facts = ctx.facts
    data = overview.build(facts.store, facts.filter, ctx.as_of)
    if not data.has_data:
        return Section(
            "overview", title, [], [], empty=t("report.empty_section", caption=ctx.caption)
        )
    tiles = data.tiles
    blocks = [kpi_table(ctx, "overview.headline", t("report.block.headline"), tiles)]
    lang = i18n.language()
    if len(data.cities):
        heads = [m.id for m in catalog.headline()]
        blocks.append(
            matrix_table(
                ctx,
                "overview.cities",
                t("report.block.overview_cities"),
                data.cities,
                "city_id",
                overview.city_names(data.cities, facts.dims, lang),
                heads,
                t("report.note.matrix"),
            )
        )
    blocks.append(_movers(ctx, data.movers))
    blocks.append(_persistent(ctx, data))
    if len(data.events):
        blocks.append(_events(ctx, data.events))
    return Section("overview", title, _summary(tiles, data.movers, ctx, data), blocks)


def _summary(tiles: pd.DataFrame, movers: pd.DataFrame, ctx: Context, data) -> list[str]:
    lang = i18n.language()
    judged = tiles[tiles["enough_n"] & (tiles["status"] != "unknown")]
    met = judged[judged["status"] == "green"]
    missed = judged[judged["status"].isin(["amber", "red"])]
    lines = [words.sentence(t("report.says.on_target", met=len(met), total=len(judged)))]
    if len(missed):
        names = [
            f"{catalog.metric(r['metric_id']).label(lang)} "
            f"{fmt.value(catalog.metric(r['metric_id']), r['value'])}"
            for r in missed.to_dict("records")
        ]
        lines.append(words.sentence(t("report.says.off_target", names=_join(names))))
    # chronic misses come before the changes: a count of changes for the better must not
    # read as an all-clear while units stay below target month after month
    chronic = _chronic_sentence(ctx, data)
    if chronic:
        lines.append(chronic)
    if ctx.compare != "none":
        better = int(movers["is_better"].sum()) if len(movers) else 0
        key = "report.says.movers_but_chronic" if chronic else "report.says.movers"
        lines.append(
            words.sentence(t(key, n=len(movers), better=better, worse=len(movers) - better))
        )
    return lines


def _chronic_sentence(ctx: Context, data) -> str:
    """The units below target in every one of the last k months or weeks, named, so a summary
    of changes never reads as an all-clear while units stay red."""
    frame = data.persistent
    if data.window is None or frame.empty:
        return ""
    lang = i18n.language()
    cities, halls = ctx.facts.dims.labels("city", lang), ctx.facts.dims.labels("hall", lang)
    names = [
        f"{(cities if r['level'] == 'city' else halls).get(r['unit'], r['unit'])} "
        f"{catalog.metric(r['metric_id']).label(lang)} "
        f"{fmt.value(catalog.metric(r['metric_id']), r['value'])}"
        for r in frame.head(CHRONIC_NAMED).to_dict("records")
    ]
    return words.sentence(
        t(
            "report.says.persistent",
            n=len(frame),
            k=len(data.window.spans),
            grain=t(f"persistent.grain.{data.window.grain}"),
            names=_join(names),
        )
    )


CHRONIC_NAMED = 3  # units named in the summary; the table lists them all


def _persistent(ctx: Context, data) -> Table:
    """Cities and halls below target in each of the last k months or weeks, as the Overview
    shows them (pulse.persistent)."""
    lang = i18n.language()
    frame, win = data.persistent, data.window
    cities, halls = ctx.facts.dims.labels("city", lang), ctx.facts.dims.labels("hall", lang)
    k, grain = len(win.spans), t(f"persistent.grain.{win.grain}")
    heads = [
        t("persistent.month", year=a.year, month=str(a.month).zfill(2))
        if win.grain == "month"
        else t("persistent.week", day=words.period_words(a, a))
        for a, _ in win.spans
    ]
    display, status = [], []
    for r in frame.to_dict("records"):
        metric = catalog.metric(r["metric_id"])
        line = {
            t("report.col.where"): (cities if r["level"] == "city" else halls).get(
                r["unit"], r["unit"]
            ),
            t("report.col.metric"): metric.label(lang),
            **{h: fmt.value(metric, v) for h, v in zip(heads, r["values"], strict=True)},
            t("persistent.whole", k=k): fmt.value(metric, r["value"]),
            t("persistent.target"): fmt.value(metric, r["target"]),
            t("report.col.n"): fmt.count(r["n"]),
        }
        display.append(line)
        marks = dict(zip(heads, r["statuses"], strict=True))
        status.append({c: marks.get(c, "") for c in line})
    data_out = frame.drop(columns=["buckets", "statuses", "values"]).rename(
        columns={"unit": "place_id"}
    )
    for i, (start, _) in enumerate(win.spans):
        data_out[f"value_{start.isoformat()}"] = [vs[i] for vs in frame["values"]]
    title = t("persistent.title")
    span = words.period_words(win.start, win.end)
    note = t("persistent.note", k=k, grain=grain, span=span)
    if len(data_out):
        data_out, formats = typed_values(data_out)
    else:
        formats = {}
    headline = (
        words.sentence(t("persistent.none", k=k, grain=grain, span=span)) if frame.empty else ""
    )
    return Table(
        key="overview.persistent",
        title=title,
        headline=headline,
        display=pd.DataFrame(display),
        stamp=ctx.stamp(title, note),
        data=data_out,
        formats=formats,
        status=pd.DataFrame(status) if status else None,
    )


def _join(names: list[str]) -> str:
    return ("、" if i18n.language() == "zh" else ", ").join(names)


def _movers(ctx: Context, movers: pd.DataFrame) -> Table:
    lang = i18n.language()
    cities, halls = ctx.facts.dims.labels("city", lang), ctx.facts.dims.labels("hall", lang)
    title = t("report.block.movers")
    display, status = [], []
    for r in movers.to_dict("records"):
        metric = catalog.metric(r["metric_id"])
        place = (cities if r["level"] == "city" else halls).get(r["unit"], r["unit"])
        verdict = "green" if r["is_better"] else "red"
        line = {
            t("report.col.where"): place,
            t("report.col.metric"): metric.label(lang),
            t(f"report.col.before_{ctx.compare}"): fmt.value(metric, r["cmp_value"]),
            t("report.col.value"): fmt.value(metric, r["value"]),
            t("report.col.change"): fmt.delta(metric, r["delta"]) or fmt.DASH,
            t("report.col.verdict"): t("movers.better") if r["is_better"] else t("movers.worse"),
            t("report.col.n"): fmt.count(r["n"]),
            t("report.col.q"): fmt.p_value(r["q_value"]),
        }
        display.append(line)
        status.append({c: verdict if c == t("report.col.verdict") else "" for c in line})
    data = movers.drop(columns=["city_id", "branch_id"], errors="ignore").rename(
        columns={"unit": "place_id"}
    )
    if len(data):
        data, formats = typed_values(data)
        formats["q_value"] = "num4"
    else:
        formats = {}
    headline = words.sentence(t("report.says.no_movers")) if movers.empty else ""
    return Table(
        key="overview.movers",
        title=title,
        headline=headline,
        display=pd.DataFrame(display),
        stamp=ctx.stamp(title, t("overview.movers_note")),
        data=data,
        formats=formats,
        status=pd.DataFrame(status) if status else None,
    )


def _events(ctx: Context, events: pd.DataFrame) -> Table:
    lang = i18n.language()
    zh = lang == "zh"
    cities, halls = ctx.facts.dims.labels("city", lang), ctx.facts.dims.labels("hall", lang)
    display = pd.DataFrame(
        {
            t("report.col.when"): [
                words.period_words(pd.Timestamp(a).date(), pd.Timestamp(b).date())
                for a, b in zip(events["starts_on"], events["ends_on"], strict=True)
            ],
            t("report.col.kind"): [t(f"event.{k}") for k in events["kind"]],
            t("report.col.what"): events["title_zh" if zh else "title_en"].tolist(),
            t("report.col.where"): [
                halls.get(h) or cities.get(c) or t("describe.all_company")
                for c, h in zip(events["city_id"], events["branch_id"], strict=True)
            ],
        }
    )
    title = t("report.block.events")
    return Table(
        key="overview.events",
        title=title,
        headline="",
        display=display,
        stamp=ctx.stamp(title, t("report.note.events")),
        data=events.reset_index(drop=True),
        formats={"starts_on": "date", "ends_on": "date"},
    )


def benchmark_section(ctx: Context) -> Section:
    """Our numbers in the period against the published industry and regulator figures."""
    title = t("report.section.benchmarks")
    rows = ctx.facts.store.cached_df(sql.text("reports/benchmarks"))
    if rows.empty:
        return Section("benchmarks", title, [], [], empty=t("report.no_benchmarks"))
    blocks, summary = [], []
    lang = i18n.language()
    ours_label = t(
        "report.chart.ours", period=words.period_words(ctx.facts.period.start, ctx.facts.period.end)
    )
    for metric_id, part in rows.groupby("metric_id", sort=False):
        if metric_id not in catalog.metrics():
            continue
        metric = catalog.metric(metric_id)
        totals = ctx.facts.totals(metric.family)
        match = totals[totals["metric_id"] == metric_id]
        ours = match.iloc[0].to_dict() if len(match) and bool(match.iloc[0]["enough_n"]) else None
        part = part.reset_index(drop=True)
        headline = _benchmark_headline(metric, part, ours)
        summary.append(headline)
        chart_title = t("report.block.benchmark", metric=metric.label(lang))
        data = part.copy()
        if ours is not None:
            data = pd.concat(
                [
                    data,
                    pd.DataFrame(
                        [
                            {
                                "metric_id": metric_id,
                                "subject_en": "Service Pulse scope",
                                "subject_zh": "本报告范围",
                                "market": "",
                                "period_label": ours_label,
                                "value": ours["value"],
                                "source": ctx.caption,
                                "low": ours["low"],
                                "high": ours["high"],
                                "n": ours["n"],
                            }
                        ]
                    ),
                ],
                ignore_index=True,
            )
        blocks.append(
            Chart(
                key=f"benchmarks.{metric_id}",
                title=chart_title,
                headline=headline,
                figure=figures.benchmarks(metric, part, ours, ours_label),
                stamp=ctx.stamp(
                    chart_title,
                    metric.definition(lang),
                    ours["n"] if ours else None,
                    (t("report.note.benchmark"),),
                ),
                data=data,
                formats={
                    "period_start": "date",
                    "value": "num2",
                    "low": "num2",
                    "high": "num2",
                    "n": "int",
                },
            )
        )
    blocks.append(_benchmark_table(ctx, rows))
    return Section("benchmarks", title, summary, blocks)


def _benchmark_headline(metric, part: pd.DataFrame, ours: dict | None) -> str:
    zh = i18n.language() == "zh"
    low, high = part.loc[part["value"].idxmin()], part.loc[part["value"].idxmax()]

    def name(r) -> str:
        return f"{r['subject_zh' if zh else 'subject_en']} {r['period_label']}"

    if len(part) == 1:
        published = t(
            "report.says.published_one", value=fmt.as_published(low["value"]), name=name(low)
        )
    else:
        published = t(
            "report.says.published",
            low=fmt.as_published(low["value"]),
            low_name=name(low),
            high=fmt.as_published(high["value"]),
            high_name=name(high),
        )
    if ours is None:
        return words.sentence(
            t("report.says.ours_missing", metric=metric.label(i18n.language())), published
        )
    return words.sentence(
        t(
            "report.says.ours",
            metric=metric.label(i18n.language()),
            value=fmt.value(metric, ours["value"]),
        ),
        published,
    )


def _benchmark_table(ctx: Context, rows: pd.DataFrame) -> Table:
    zh = i18n.language() == "zh"
    display = pd.DataFrame(
        {
            t("report.col.metric"): [
                catalog.metric(m).label(i18n.language()) if m in catalog.metrics() else m
                for m in rows["metric_id"]
            ],
            t("report.col.subject"): rows["subject_zh" if zh else "subject_en"].tolist(),
            t("report.col.market"): [words.code_label("report.market", m) for m in rows["market"]],
            t("report.col.period"): rows["period_label"].tolist(),
            t("report.col.value"): [fmt.as_published(v) for v in rows["value"]],
            t("report.col.source"): [
                f"{s} ({y})" for s, y in zip(rows["source"], rows["source_year"], strict=True)
            ],
        }
    )
    title = t("report.block.benchmark_table")
    return Table(
        key="benchmarks.table",
        title=title,
        headline="",
        display=display,
        stamp=ctx.stamp(title, t("report.note.benchmark")),
        data=rows.reset_index(drop=True),
        formats={"period_start": "date", "value": "num2", "source_year": "0"},
    )
