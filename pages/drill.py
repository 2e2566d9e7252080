"""Drill-down: from the province to a city, a hall, its records and a single record. A click
on a bar, a treemap tile or a table row goes one level down; the breadcrumb goes back up.
Picking a segment or complaint category in its chart filters the rest of the page."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from pulse import catalog, describe, groups, records
from pulse.drill import data as drill
from pulse.drill import sections as drill_parts
from pulse.i18n import t
from pulse.ui import codes, context, downloads, navigate, notices, page_state, show
from pulse.ui import format as fmt
from pulse.ui.heading import heading

DEFAULT_METRIC = "queue_within_10min"
VIEWS = ("bars", "treemap", "table")


def render() -> None:
    """Draw the drill at the path held in the session and the URL."""
    ctx = context.current()
    navigate.follow(ctx)
    heading(ctx, "drill", captioned=False)
    path, dropped = drill_parts.current_path(ctx.dims, ctx.filter)
    if dropped:
        st.warning(t("drill.dropped", values=", ".join(dropped)), icon=":material/link_off:")
    drill_parts.restore_cross_filters(ctx)
    metric = _controls()
    drill_parts.breadcrumb(ctx, path)
    drill_parts.cross_filter_chips()
    segment = st.session_state.get(drill_parts.SEGMENT_KEY)
    category = st.session_state.get(drill_parts.CATEGORY_KEY)
    category = category if drill.categories_available(metric) or path.family else None
    f = path.scope(ctx.filter)
    if segment:
        f = f.with_(segments=(segment,))
    # every chart and table below shows the drill's place: their stamps name it, not the sidebar's
    context.publish(replace(ctx, filter=f))
    as_of = t("shell.as_of", date=ctx.as_of.isoformat())
    st.caption(f"{describe.caption(f, ctx.period, ctx.dims)} · {as_of}")
    level = path.level
    if level == "record":
        _record(ctx, path)
    elif level == "records":
        _records(ctx, path, f, category)
    else:
        _children(ctx, path, metric, f, category)
        _cross_charts(ctx, path, metric, f, category)
    drill_parts.publish(path)


def _controls():
    ids = catalog.metric_ids()
    lang = context.current().lang
    page_state.restore("d_metric", "d_metric", page_state.one_of(ids))
    st.session_state.setdefault("d_metric", DEFAULT_METRIC)
    st.session_state.setdefault("d_view", "bars")
    left, right = st.columns([3, 2])
    left.selectbox(
        t("drill.metric"),
        ids,
        key="d_metric",
        format_func={m: catalog.metric(m).label(lang) for m in ids}.get,
        persist_state="session",
    )
    right.segmented_control(
        t("drill.view"),
        VIEWS,
        key="d_view",
        format_func={v: t(f"drill.views.{v}") for v in VIEWS}.get,
        required=True,
        persist_state="session",
    )
    page_state.publish("d_metric", "d_metric", str, DEFAULT_METRIC)
    return catalog.metric(st.session_state["d_metric"])


def _children(ctx, path, metric, f, category) -> None:
    names = drill_parts.place_names(ctx)
    if path.level == "hall":
        _hall(ctx, path, metric, f)
        return
    if not drill.has_children(metric, path):
        st.info(t("drill.no_halls", metric=metric.label(ctx.lang)), icon=":material/info:")
        _families(path)
        return
    frame = drill.children(ctx.store, metric, f, ctx.period, path, ctx.dims, category)
    if frame.empty or frame["n"].fillna(0).sum() == 0:
        st.info(t("drill.empty"), icon=":material/search_off:")
        return
    company = drill.values_by(ctx.store, metric, f, ctx.period, (), category)
    centre = float(company["value"].iloc[0]) if len(company) else None
    child = t(f"drill.child.{path.level}")
    notes = tuple(
        [t("drill.click_down", child=child)]
        + ([t("drill.category_note", category=category)] if category else [])
    )
    meta = show.Meta(
        t("drill.children_title", metric=metric.label(ctx.lang), child=child),
        metric.definition(ctx.lang),
        float(frame["n"].sum()),
        notes,
        name=f"drill_{metric.id}",
    )
    key = f"drill_children_{path.level}_{st.session_state['d_view']}"
    view = st.session_state["d_view"]
    if view == "table":
        _child_table(ctx, path, metric, frame, names, meta, key)
    else:
        fig = (
            drill_parts.bars(metric, frame, names, centre)
            if view == "bars"
            else drill_parts.treemap(metric, frame, names, centre)
        )
        show.chart(
            fig,
            meta,
            key=key,
            data=partial(
                downloads.one_metric,
                frame[["unit", "value", "low", "high", "n", "target", "status"]],
                metric,
                {"unit": names, "status": downloads.statuses()},
            ),
            on_select=drill_parts.on_child(key, path, "customdata" if view == "bars" else "id"),
            selection_mode=("points",),
        )
    order = list(frame.sort_values("value", ascending=metric.higher_is_better is False)["unit"])
    drill_parts.go_select(
        f"drill_go_{path.level}", path, order, names, t("drill.go_child", child=child)
    )
    if path.level == "city":
        _families(path)


def _child_table(ctx, path, metric, frame, names, meta, key) -> None:
    ordered = frame.sort_values("value", ascending=metric.higher_is_better is False)
    table = pd.DataFrame(
        {
            t("drill.col.unit"): [names.get(u, u) for u in ordered["unit"]],
            t("drill.col.value"): [fmt.value(metric, v) for v in ordered["value"]],
            t("drill.col.n"): [fmt.count(n) for n in ordered["n"]],
            t("drill.col.target"): [fmt.value(metric, v) for v in ordered["target"]],
            t("drill.col.status"): [t(f"status.{s}") for s in ordered["status"]],
            t("drill.col.change"): [fmt.delta(metric, d) or "" for d in ordered["delta"]],
        }
    )
    order = list(ordered["unit"])
    show.table(
        table,
        meta,
        key=key,
        on_select=drill_parts.on_child(key, path, order=order),
        selection_mode="single-row",
    )


def _families(path) -> None:
    st.markdown(f"**{t('drill.open_records')}**")
    with st.container(horizontal=True, gap="small"):
        for family in drill.families(path):
            st.button(
                t(f"drill.family.{family}"),
                key=f"drill_family_{family}",
                on_click=drill_parts.go_to,
                args=(path.down(family),),
                icon=":material/list:",
            )


def _hall(ctx, path, metric, f) -> None:
    names = drill_parts.place_names(ctx)
    st.subheader(names.get(path.hall, path.hall))
    if groups.available(metric, "hall"):
        found = drill.values_by(ctx.store, metric, f, ctx.period, ())
        if len(found) and found["n"].fillna(0).iloc[0] > 0:
            row = found.iloc[0]
            st.metric(
                metric.label(ctx.lang),
                fmt.value(metric, row["value"]) if row["enough_n"] else fmt.DASH,
                delta=fmt.delta(metric, row["delta"]),
                help=metric.definition(ctx.lang),
            )
            st.caption(
                " · ".join(
                    x
                    for x in (t("stat.n", n=fmt.count(row["n"])), fmt.interval(metric, row["low"],
                                                                                row["high"]))
                    if x
                )
            )  # fmt: skip
    else:
        st.info(t("drill.no_halls", metric=metric.label(ctx.lang)), icon=":material/info:")
    st.button(
        t("drill.open_profile"),
        icon=":material/storefront:",
        on_click=navigate.open_hall,
        args=(path.hall, ctx.dims),
        key="drill_open_profile",
    )
    _families(path)


def _records(ctx, path, f, category) -> None:
    family = path.family
    page_number = int(st.session_state.get(drill_parts.PAGE_KEY, 0))
    use = category if family == "complaints" else None
    st.subheader(t(f"drill.family.{family}"))
    if hidden := notices.withheld(f, "records"):
        st.info(hidden, icon=":material/lock:")
        return
    page = drill.record_page(ctx.store, family, f, ctx.period, page_number, use)
    if page.total == 0:
        st.info(t("drill.no_records"), icon=":material/search_off:")
        return
    rows = page.rows.reset_index(drop=True)
    key = f"drill_records_{family}_{page.page}"
    id_column = drill.id_column(family)
    ids = [str(v) for v in rows[id_column]]
    notes = notices.not_filtered(page.not_applied)
    show.table(
        codes.readable(ctx, rows, family).rename(columns=drill_parts.field_label),
        show.Meta(
            t(
                "drill.records_title",
                family=t(f"drill.family.{family}"),
                total=fmt.count(page.total),
            ),
            t("drill.records_note"),
            page.total,
            notes,
            name=f"records_{family}",
        ),
        key=key,
        on_select=drill_parts.on_child(key, path, order=ids),
        selection_mode="single-row",
    )
    drill_parts.go_select(
        f"drill_go_records_{page.page}",
        path,
        ids,
        {i: f"#{i}" for i in ids},
        t("drill.go_record"),
    )
    if page.pages > 1:
        st.number_input(
            t("drill.page", pages=page.pages),
            min_value=1,
            max_value=page.pages,
            value=page.page + 1,
            key="drill_page_input",
            on_change=lambda: st.session_state.update(
                {drill_parts.PAGE_KEY: int(st.session_state["drill_page_input"]) - 1}
            ),
        )
    st.caption(t("drill.records_limit", shown=len(rows), total=fmt.count(page.total),
                 most=fmt.count(records.MAX_EXPORT)))  # fmt: skip


def _record(ctx, path) -> None:
    row, linked = drill.record(ctx.store, path.family, path.record, ctx.filter)
    st.subheader(t("drill.record_title", family=t(f"drill.family.{path.family}"), id=path.record))
    if row is None:
        st.warning(t("drill.record_missing", id=path.record), icon=":material/search_off:")
        return
    show.table(
        drill_parts.record_table(ctx, row, path.family),
        show.Meta(t("drill.record_fields"), t("drill.record_note"), name=f"record_{path.record}"),
        key="drill_record",
    )
    if path.family != "surveys":
        st.markdown(f"**{t('drill.linked')}**")
        if linked.empty:
            st.caption(t("drill.no_linked"))
        else:
            show.grid(
                codes.readable(ctx, linked, "surveys").rename(columns=drill_parts.field_label)
            )


def _cross_charts(ctx, path, metric, f, category) -> None:
    st.subheader(t("drill.cross_title"))
    st.caption(t("drill.cross_note"))
    left, right = st.columns(2)
    with left:
        frame = drill.values_by(ctx.store, metric, f, ctx.period, ("segment",), category)
        frame = frame[frame["segment"].notna()].assign(unit=lambda x: x["segment"])
        frame = frame.assign(target=float("nan"), status="unknown")
        if len(frame):
            key = f"drill_segments_{path.level}"
            labels = ctx.dims.labels("segment", ctx.lang)
            show.chart(
                drill_parts.bars(metric, frame, labels, None),
                show.Meta(
                    t("drill.by_segment", metric=metric.label(ctx.lang)),
                    t("drill.pick_segment"),
                    float(frame["n"].sum()),
                    name="by_segment",
                ),
                key=key,
                data=partial(
                    downloads.one_metric,
                    frame[["segment", "value", "low", "high", "n"]],
                    metric,
                    {"segment": labels},
                ),
                on_select=drill_parts.on_pick(key, drill_parts.SEGMENT_KEY),
                selection_mode=("points",),
            )
    with right:
        complaints = metric if drill.categories_available(metric) else catalog.metric(
            "complaints_count"
        )  # fmt: skip
        frame = drill.values_by(ctx.store, complaints, f, ctx.period, ("category",))
        frame = frame.assign(unit=frame["category"], target=float("nan"), status="unknown")
        if len(frame):
            key = f"drill_categories_{path.level}"
            labels = {c: t(f"drill.category.{c}") for c in drill.categories()}
            show.chart(
                drill_parts.bars(complaints, frame, labels, None),
                show.Meta(
                    t("drill.by_category", metric=complaints.label(ctx.lang)),
                    t("drill.pick_category"),
                    float(frame["n"].sum()),
                    name="by_category",
                ),
                key=key,
                data=partial(
                    downloads.one_metric,
                    frame[["category", "value", "low", "high", "n"]],
                    complaints,
                    {"category": labels},
                ),
                on_select=drill_parts.on_pick(key, drill_parts.CATEGORY_KEY),
                selection_mode=("points",),
            )


render()
