"""The Overview's tables: cities by headline metric, what changed, and the events in view."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import catalog, describe
from pulse.dimensions import Dimensions
from pulse.export import theme
from pulse.i18n import sentences, t
from pulse.overview import data as overview
from pulse.overview import exports
from pulse.ui import charts, downloads, filterbar, painted, show
from pulse.ui import format as fmt

CELL_COLORS = theme.CELL
_TABLE_KEY = "overview_city_table"
# cities and halls each that the persistent list shows, furthest below first (a province's
# 1,578 rows took a third of the Overview's run to style); the download lists all of them
PERSISTENT_SHOWN = 30


def city_table(cities: pd.DataFrame, dims: Dimensions, lang: str) -> None:
    """Cities by headline metric, each cell coloured by its status against target; selecting
    a row narrows the filter to that city."""
    heads = catalog.headline()
    names = overview.city_names(cities, dims, lang)  # a partial city says it is partial
    order = [c for c in dims.cities["city_id"] if c in set(cities["city_id"])]
    # the cells go into dicts first: a .loc assignment per cell cost a province's 21 cities
    # about 0.1 s of every run
    cells: dict[tuple[str, str], str] = {}
    colours: dict[tuple[str, str], str] = {}
    for row in cities.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        # the unit goes in the header, so that ten columns fit at 1440 px
        at = (row["city_id"], metric.id)
        cells[at] = f"{fmt.bare(metric, row['value'])} ({fmt.compact(row['n'])})"
        colours[at] = CELL_COLORS[row["status"] if row["enough_n"] else "unknown"]
    rows = [names.get(c, c) for c in order]
    columns = [charts.axis_title(m) for m in heads]
    text = pd.DataFrame(
        [[cells.get((c, m.id), fmt.DASH) for m in heads] for c in order],
        index=rows,
        columns=columns,
    )
    styles = pd.DataFrame(
        [[colours.get((c, m.id), "") for m in heads] for c in order], index=rows, columns=columns
    )
    styled = painted.painted(text, styles)
    export = partial(
        downloads.by_metric,
        cities.assign(city=cities["city_id"].map(names))[
            ["city", "metric_id", "value", "low", "high", "n", "enough_n", "status", "cmp_value",
             "p_value"]
        ],
        lang,
        {"status": downloads.statuses()},
    )  # fmt: skip
    show.table(
        styled,
        show.Meta(t("overview.cities"), t("overview.city_table_note"), name="cities"),
        key=_TABLE_KEY,
        export=export,
        on_select=lambda: _select_city(order),
        selection_mode="single-row",
        hide_index=False,
    )


def _select_city(order: list[str]) -> None:
    rows = st.session_state[_TABLE_KEY].selection.rows
    if rows:
        filterbar.apply(filterbar.current().with_(cities=(order[rows[0]],), halls=()))


def movers(frame: pd.DataFrame, dims: Dimensions, lang: str) -> None:
    """Significant changes among cities and halls, largest first."""
    if frame.empty:
        st.info(t("overview.no_movers"))
        return
    cities, halls = dims.labels("city", lang), dims.labels("hall", lang)
    rows = []
    for row in frame.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        place = cities.get(row["unit"]) if row["level"] == "city" else halls.get(row["unit"])
        rows.append(
            {
                t("movers.where"): place or row["unit"],
                t("movers.metric"): metric.label(lang),
                t("movers.before"): fmt.value(metric, row["cmp_value"]),
                t("movers.now"): fmt.value(metric, row["value"]),
                t("movers.change"): ("▲ " if row["delta"] > 0 else "▼ ")
                + fmt.delta(metric, row["delta"]),
                t("movers.verdict"): t("movers.better") if row["is_better"] else t("movers.worse"),
                t("movers.n"): fmt.count(row["n"]),
                t("movers.q"): fmt.p_value(row["q_value"]),
            }
        )
    table = pd.DataFrame(rows)
    verdict = t("movers.verdict")

    def colour(column: pd.Series) -> list[str]:
        return [CELL_COLORS["green" if v == t("movers.better") else "red"] for v in column]

    show.table(
        painted.painted(table, {verdict: colour(table[verdict])}),
        show.Meta(t("overview.movers"), t("overview.movers_note"), name="what_changed"),
        key="overview_movers",
        export=table,
        # no fixed width for the place: pulse.ui.fit sizes it, and a "large" one (400 px)
        # pushed the Chinese table 5 px past its box
        column_config={t("movers.where"): st.column_config.TextColumn(pinned=True)},
    )


def persistent(frame: pd.DataFrame, window, dims: Dimensions, lang: str) -> None:
    """Cities and halls below target in each of the last k months or weeks, furthest below
    first: chronic problems, which "What changed" never lists."""
    if window is None:
        return
    k, grain = len(window.spans), window.grain
    spans = describe.span(window.start, window.end)
    if frame.empty:
        st.info(t("persistent.none", k=k, grain=t(f"persistent.grain.{grain}"), span=spans))
        return
    cities, halls = dims.labels("city", lang), dims.labels("hall", lang)
    heads = [_bucket_label(b, grain) for b in frame["buckets"].iloc[0]]
    shown = frame.groupby("level", sort=False).head(PERSISTENT_SHOWN)
    rows, colours = [], []
    for row in shown.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        names = cities if row["level"] == "city" else halls
        line = {
            t("movers.where"): names.get(row["unit"], row["unit"]),
            t("movers.metric"): metric.label(lang),
            **{h: fmt.value(metric, v) for h, v in zip(heads, row["values"], strict=True)},
            t("persistent.whole", k=k): fmt.value(metric, row["value"]),
            t("persistent.target"): fmt.value(metric, row["target"]),
            t("movers.n"): fmt.count(row["n"]),
        }
        rows.append(line)
        colours.append(dict(zip(heads, row["statuses"], strict=True)))
    table = pd.DataFrame(rows)

    def colour(column: pd.Series) -> list[str]:
        return [CELL_COLORS[colours[i][column.name]] for i in range(len(column))]

    export = partial(exports.persistent, frame, cities, halls, lang)
    note = t("persistent.note", k=k, grain=t(f"persistent.grain.{grain}"), span=spans)
    if len(shown) < len(frame):
        cut = t(
            "persistent.cut", shown=len(shown), total=fmt.count(len(frame)), each=PERSISTENT_SHOWN
        )
        note = sentences(note, cut)
    show.table(
        painted.painted(table, {head: colour(table[head]) for head in heads}),
        show.Meta(
            t("persistent.title"),
            note,
            n=float(frame["n"].sum()),
            name="persistently_below_target",
            span=(window.start, window.end),  # the last k months or weeks
        ),
        key="overview_persistent",
        export=export,
        column_config={t("movers.where"): st.column_config.TextColumn(width="medium")},
    )


def _bucket_label(day, grain: str) -> str:
    if grain == "month":
        return t("persistent.month", year=day.year, month=str(day.month).zfill(2))
    return t("persistent.week", day=describe.date(day))


def events(frame: pd.DataFrame, dims: Dimensions, lang: str) -> None:
    """The events that overlap the period, in scope."""
    if frame.empty:
        st.caption(t("overview.no_events"))
        return
    cities = dims.labels("city", lang)
    halls = dims.labels("hall", lang)
    for row in frame.to_dict("records"):
        where = (
            halls.get(row["branch_id"]) or cities.get(row["city_id"]) or t("describe.all_company")
        )
        title = row["title_zh"] if lang == "zh" else row["title_en"]
        text = row["description_zh"] if lang == "zh" else row["description_en"]
        when = describe.span(
            pd.Timestamp(row["starts_on"]).date(), pd.Timestamp(row["ends_on"]).date()
        )
        st.markdown(f"**{t('event.' + row['kind'])} · {title}**  \n{when} · {where}")
        if isinstance(text, str) and text:
            st.caption(text)
