"""The "why" behind a red or amber number on the Overview: one expander per red or amber tile
and city cell, built only when it is opened (pulse.explain for the contributions,
pulse.operations for counters and agents), with links to the page that shows the rest."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pulse import ROOT, catalog, explain, filters, measures, operations, sql, targets
from pulse.catalog import Metric
from pulse.i18n import language, set_language, t
from pulse.overview import exports
from pulse.overview.data import Headline, Overview
from pulse.ui import context, notices, records, show
from pulse.ui import format as fmt
from pulse.ui.context import Context

PAGES = ROOT / "pages"  # absolute: a page started on its own resolves links from pages/
OFF = (targets.AMBER, targets.RED)
ROWS_SHOWN = 8  # parts listed one by one; the rest are added up in one line
PAGE_OF = {
    "queue": "queues.py",
    "hotline": "hotline.py",
    "survey": "surveys.py",
    "complaint": "complaints.py",
}


def tiles(ctx: Context, data: Headline | Overview) -> None:
    """An expander for each red or amber headline tile."""
    off = data.tiles[data.tiles["status"].isin(OFF)]
    if off.empty:
        return
    st.markdown(f"**{t('why.tiles')}**")
    for row in off.to_dict("records"):
        _item(ctx, data, row, ctx.filter, t("why.scope"), f"why_tile_{row['metric_id']}")


def cells(ctx: Context, data: Overview) -> None:
    """An expander for each red city cell, and for each amber one when asked (a toggle)."""
    off = data.cities[data.cities["status"].isin(OFF) & data.cities["enough_n"]]
    if off.empty:
        return
    names = ctx.dims.labels("city", ctx.lang)
    st.markdown(f"**{t('why.cells')}**")
    ranked = off.assign(red=off["status"] == targets.RED).sort_values(
        ["red", "city_id", "metric_id"], ascending=[False, True, True]
    )
    year = targets.for_year(ctx.store, data.period.end.year)
    reds, ambers = ranked[ranked["red"]], ranked[~ranked["red"]]
    for row in reds.to_dict("records"):
        _cell(ctx, data, row, year, names)
    # ambers are many and near their target: listed on request, so the reds stay in view
    if len(ambers) and st.toggle(t("why.show_amber", n=len(ambers)), key="why_show_amber"):
        for row in ambers.to_dict("records"):
            _cell(ctx, data, row, year, names)


def _cell(ctx: Context, data: Overview, row: dict, year, names: dict) -> None:
    found = targets.pick(year, row["metric_id"], city=row["city_id"])
    row = {**row, "target": found.value if found else None}
    unit = ctx.filter.with_(cities=(row["city_id"],), halls=())
    key = f"why_cell_{row['city_id']}_{row['metric_id']}"
    _item(ctx, data, row, unit, names.get(row["city_id"], row["city_id"]), key)


@st.fragment
def _item(
    ctx: Context, data: Headline | Overview, row: dict, unit: filters.Filter, where: str, key: str
):
    """One expander; a fragment, so opening it reruns it alone, not the whole page."""
    # a fragment's rerun runs this function only: the shell's context and language are
    # those of the full run that drew it
    context.publish(ctx)
    set_language(ctx.lang)
    metric = catalog.metric(row["metric_id"])
    if metric.kind not in explain.EXPLAINED_KINDS or row.get("target") is None:
        return
    label = t(
        "why.label",
        where=where,
        metric=metric.label(ctx.lang),
        value=fmt.value(metric, row["value"]),
        status=t(f"status.{row['status']}"),
        target=fmt.value(metric, row["target"]),
    )
    icon = ":material/error:" if row["status"] == targets.RED else ":material/warning:"
    box = st.expander(label, key=key, icon=icon, on_change="rerun")
    with box:
        if box.open:  # built only when opened: the page's first draw does not wait for it
            body(ctx, data.period, metric, unit, where, float(row["target"]), key)


def body(
    ctx: Context,
    period: filters.Period,
    metric: Metric,
    unit: filters.Filter,
    where: str,
    target: float,
    key: str,
) -> None:
    """The explanation of one number: the gap, its parts by each dimension, the drivers."""
    found = explain.explain(ctx.store, metric, unit, period, target)
    st.markdown(_gap_sentence(metric, found, where))
    names = {d: _names(ctx, d) for d in found.parts}
    tabs = st.tabs([t(f"why.dim.{d}") for d in found.parts]) if found.parts else []
    for tab, (dim, parts) in zip(tabs, found.parts.items(), strict=True):
        with tab:
            _parts_table(ctx, metric, found, dim, parts, names[dim], where, unit, f"{key}_{dim}")
    if metric.family == "queue" and "hall" in found.parts:
        _counters(ctx, period, metric, unit, found, target)
    if metric.family == "hotline":
        _agents(ctx, period, unit)
    _link(ctx, metric, unit)


def _gap_sentence(metric: Metric, found: explain.Explanation, where: str) -> str:
    words = {
        "where": where,
        "metric": metric.label(language()),
        "value": fmt.value(metric, found.value),
        "target": fmt.value(metric, found.target),
        "n": fmt.count(found.n),
    }
    if found.basis == "beyond":
        allowed = 1 - metric.quantile
        return t(
            "why.gap_quantile",
            **words,
            beyond=fmt.share(allowed + found.gap),
            allowed=fmt.share(allowed),
        )
    return t("why.gap", **words, gap=_amount(metric, found, found.gap, signed=False))


def _amount(metric: Metric, found: explain.Explanation, x: float, signed: bool = True) -> str:
    """A contribution in the metric's unit (shares in points), or in points of the share
    beyond target for a quantile."""
    if found.basis == "beyond":
        return t("unit.pp", x=fmt.number(x * 100, 1, signed))
    text = fmt.delta(metric, x) or fmt.DASH
    return text if signed else text.lstrip("+")


def _parts_table(ctx, metric, found, dim, parts: pd.DataFrame, names, where, unit, key) -> None:
    shown, rest = parts.head(ROWS_SHOWN), parts.iloc[ROWS_SHOWN:]
    value_col = t("why.col.beyond") if found.basis == "beyond" else t("why.col.value")
    rows = [
        {
            t("why.col.part"): _name(dim, r["key"], names),
            t("why.col.n"): fmt.count(r["n"]),
            value_col: _part_value(metric, found, r["basis_value"]),
            t("why.col.contribution"): _amount(metric, found, r["contribution"]),
            t("why.col.share"): fmt.share(r["share_of_gap"], 0) if found.gap > 0 else fmt.DASH,
        }
        for r in shown.to_dict("records")
    ]
    if len(rest):
        rows.append(
            {
                t("why.col.part"): t("why.others", n=len(rest)),
                t("why.col.n"): fmt.count(rest["n"].sum()),
                value_col: fmt.DASH,
                t("why.col.contribution"): _amount(metric, found, rest["contribution"].sum()),
                t("why.col.share"): fmt.share(rest["contribution"].sum() / found.gap, 0)
                if found.gap > 0
                else fmt.DASH,
            }
        )
    export = partial(
        exports.why_parts, parts, metric, [_name(dim, k, names) for k in parts["key"]], found
    )
    show.table(
        pd.DataFrame(rows),
        show.Meta(
            t("why.table", where=where, metric=metric.label(ctx.lang), dim=t(f"why.dim.{dim}")),
            t("why.definition_quantile" if found.basis == "beyond" else "why.definition"),
            n=found.n,
            notes=(
                *((t("why.for_unit", where=where),) if unit != ctx.filter else ()),
                *notices.not_filtered(measures.not_applied(metric, unit)),
            ),
            name=f"why_{metric.id}_{dim}",
        ),
        key=key,
        export=export,
    )


def _part_value(metric: Metric, found: explain.Explanation, x: float) -> str:
    return fmt.share(x) if found.basis == "beyond" else fmt.value(metric, x)


def _counters(ctx, period, metric, unit, found, target) -> None:
    halls = found.parts["hall"]
    worst = halls.loc[halls["contribution"] > 0, "key"].head(operations.HALLS_SHOWN).tolist()
    if not worst:
        return
    plans = operations.hall_counters(
        ctx.store, worst, ctx.dims, period, operations.risk(metric, target)
    )
    names = ctx.dims.labels("hall", ctx.lang)
    st.markdown(f"**{t('why.counters')}**")
    lines = []
    for r in plans.to_dict("records"):
        words = {"hall": names.get(r["branch_id"], r["branch_id"]), "counters": r["counters"]}
        day = t(f"why.day_type.{r['day_type']}")
        if r["short_hours"]:
            lines.append(
                t(
                    "why.counters_short",
                    **words,
                    day=day,
                    hours=_hours(r["short_hours"]),
                    needed=r["most_needed"],
                    open=int(r["open_at_peak"]),
                    seen=fmt.share(r["p_over_observed"]),
                )
            )
        else:
            lines.append(t("why.counters_enough", **words, day=day, needed=r["most_needed"]))
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.caption(t("why.counters_note", risk=fmt.share(operations.risk(metric, target), 0)))
    for hall in worst:
        st.page_link(
            PAGES / "queues.py",
            label=t("why.open_queues", hall=names.get(hall, hall)),
            icon=":material/storefront:",
            query_params=_params(ctx, unit.with_(halls=(hall,))),
        )


def _agents(ctx, period, unit) -> None:
    frame = operations.hotline_agents(ctx.store, period)
    short = frame[frame["n_understaffed"] > 0]
    st.markdown(f"**{t('why.agents')}**")
    if short.empty:
        st.markdown(t("why.agents_enough"))
        return
    names = ctx.dims.labels("queue", ctx.lang)
    lines = [
        t(
            "why.agents_short",
            queue=names.get(r["queue_id"], r["queue_id"]),
            share=fmt.share(r["understaffed_share"]),
            hours_short=fmt.number(r["agent_hours_short"], 0),
            hours=_hours(r["short_hours"]) if r["short_hours"] else t("why.no_hour"),
        )
        for r in short.to_dict("records")
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.caption(t("why.agents_note"))


def _link(ctx: Context, metric: Metric, unit: filters.Filter) -> None:
    page = PAGE_OF.get(metric.family)
    if page:
        st.page_link(
            PAGES / page,
            label=t(f"why.open.{metric.family}"),
            icon=":material/open_in_new:",
            query_params=_params(ctx, unit),
        )


def _params(ctx: Context, f: filters.Filter) -> dict[str, str]:
    params = filters.to_params(f)
    if ctx.lang != "en":
        params["lang"] = ctx.lang
    return params


def _hours(hours: list[int]) -> str:
    spans = [f"{fmt.clock(a)}–{fmt.clock(b)}" for a, b in operations.hour_spans(hours)]
    return fmt.names(spans)


def _names(ctx: Context, dim: str) -> dict:
    if dim in ("city", "hall", "segment", "queue"):
        return ctx.dims.labels(dim, ctx.lang)
    if dim in ("touchpoint", "channel"):
        return ctx.dims.labels("channel", ctx.lang)
    if dim == "service_type":
        return records.service_types(ctx)
    if dim == "category":
        frame = ctx.store.cached_df(sql.text("complaints/categories"))
        column = "category_zh" if ctx.lang == "zh" else "category_en"
        return dict(zip(frame["category_id"], frame[column], strict=False))
    return {}


def _name(dim: str, key, names: dict) -> str:
    if dim == "hour":
        return f"{fmt.clock(int(key))}–{fmt.clock(int(key) + 1)}"
    if key == explain.NO_KEY:
        return t(f"why.none.{dim}") if dim == "hall" else t("why.none.other")
    return names.get(key, str(key))
