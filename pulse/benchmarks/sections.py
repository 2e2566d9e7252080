"""The Benchmarks page's pieces: controls, the league table, the movers and the targets and
industry figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from pulse import catalog, targets
from pulse.benchmarks import data as benchmarks
from pulse.export import theme
from pulse.i18n import language, t
from pulse.ui import codes, navigate, page_state, painted, show
from pulse.ui import format as fmt

DEFAULT_METRIC = "queue_within_10min"
PEER_ALL = "all"


def controls() -> tuple[str, str, str | None]:
    """Metric, level and peer group, kept in the URL (b_* keys)."""
    ids = catalog.metric_ids()
    lang = language()
    page_state.restore("b_metric", "b_metric", page_state.one_of(ids))
    page_state.restore("b_level", "b_level", page_state.one_of(benchmarks.LEVELS))
    page_state.restore("b_peers", "b_peers", page_state.one_of((PEER_ALL, *benchmarks.TIERS)))
    st.session_state.setdefault("b_metric", DEFAULT_METRIC)
    st.session_state.setdefault("b_level", "hall")
    st.session_state.setdefault("b_peers", PEER_ALL)
    left, middle, right = st.columns([2, 1, 1])
    left.selectbox(
        t("benchmarks.metric"),
        ids,
        key="b_metric",
        format_func=lambda m: catalog.metric(m).label(lang),
        persist_state="session",
    )
    middle.segmented_control(
        t("benchmarks.level"),
        benchmarks.LEVELS,
        key="b_level",
        format_func={v: t(f"benchmarks.levels.{v}") for v in benchmarks.LEVELS}.get,
        required=True,
        persist_state="session",
    )
    right.selectbox(
        t("benchmarks.peers"),
        (PEER_ALL, *benchmarks.TIERS),
        key="b_peers",
        format_func={v: t(f"benchmarks.peer.{v}") for v in (PEER_ALL, *benchmarks.TIERS)}.get,
        disabled=st.session_state["b_level"] != "hall",
        help=t("benchmarks.peers_help"),
        persist_state="session",
    )
    page_state.publish("b_metric", "b_metric", str, DEFAULT_METRIC)
    page_state.publish("b_level", "b_level", str, "hall")
    page_state.publish("b_peers", "b_peers", str, PEER_ALL)
    peers = st.session_state["b_peers"]
    level = st.session_state["b_level"] or "hall"
    return st.session_state["b_metric"], level, None if peers == PEER_ALL else peers


def names(ctx, level: str) -> dict[str, str]:
    """Unit id -> name in the reader's language."""
    return ctx.dims.labels("hall" if level == "hall" else "city", ctx.lang)


def on_unit(ctx, key: str, level: str, order: list[str] | None = None):
    """A selection callback that opens the clicked unit (order maps table rows to units)."""

    def callback() -> None:
        if order is None:
            units = navigate.clicked(key)
        else:
            event = st.session_state.get(key)
            rows = event.selection.rows if event else []
            units = [order[rows[0]]] if rows else []
        if not units:
            return
        unit = str(units[0])
        if level == "hall":
            navigate.open_hall(unit, ctx.dims)
        else:
            province = ctx.dims.cities.set_index("city_id")["province_id"].get(unit)
            navigate.open_drill(f"{province}/{unit}")

    return callback


def _versus(row) -> str:
    if not row["enough_n"]:
        return ""
    if row["differs"] == 0:
        return t("benchmarks.vs.inside")
    word = t("benchmarks.vs.above") if row["differs"] > 0 else t("benchmarks.vs.below")
    return word + (" " + t("benchmarks.vs.strongly") if row["strongly"] else "")


def league_table(ctx, league: benchmarks.League, key: str) -> None:
    """Ranked units with n, value, interval, change, funnel verdict and target status; a
    selected row opens the unit."""
    metric, lang = league.metric, ctx.lang
    unit_names = names(ctx, league.level)
    cities = ctx.dims.labels("city", lang)
    ranked = league.ranked
    rows = []
    for row in ranked.to_dict("records"):
        change = fmt.delta(metric, row.get("delta")) or ""
        if change and row.get("is_significant"):
            change += " *"
        record = {
            t("benchmarks.col.rank"): int(row["rank"]),
            t("benchmarks.col.unit"): unit_names.get(row["unit"], row["unit"]),
        }
        if league.level == "hall":
            city = row["city_id"]  # blank for a peer outside the user's scope (groups.unnamed)
            record[t("benchmarks.col.city")] = fmt.DASH if pd.isna(city) else cities.get(city, city)
            record[t("benchmarks.col.tier")] = t(f"benchmarks.tier.{row['tier']}")
        record.update(
            {
                t("benchmarks.col.n"): fmt.count(row["n"]),
                t("benchmarks.col.value"): fmt.value(metric, row["value"]),
                t("benchmarks.col.interval"): fmt.span(metric, row["low"], row["high"]),
                t("benchmarks.col.versus"): _versus(row),
                t("benchmarks.col.change"): change,
                t("benchmarks.col.target"): fmt.value(metric, row["target"]),
                t("benchmarks.col.status"): t(f"status.{row['status']}"),
            }
        )
        rows.append(record)
    table = pd.DataFrame(rows)
    if table.empty:
        st.info(t("benchmarks.none_ranked"))
        return
    status_col = t("benchmarks.col.status")
    colours = {t(f"status.{s}"): c for s, c in theme.CELL.items()}

    def colour(column: pd.Series) -> list[str]:
        return [colours.get(v, "") for v in column]

    order = list(ranked["unit"])
    show.table(
        painted.painted(table, {status_col: colour(table[status_col])}),
        show.Meta(
            t("benchmarks.league_title", metric=metric.label(lang)),
            t("benchmarks.league_note"),
            float(ranked["n"].sum()),
            name=f"league_{metric.id}",
        ),
        key=key,
        export=table,
        on_select=on_unit(ctx, key, league.level, order),
        selection_mode="single-row",
    )


def too_few_table(ctx, league: benchmarks.League) -> None:
    """Units below the minimum n, listed apart and unranked."""
    few = league.too_few
    if few.empty:
        return
    unit_names = names(ctx, league.level)
    metric = league.metric
    table = pd.DataFrame(
        {
            t("benchmarks.col.unit"): [unit_names.get(u, u) for u in few["unit"]],
            t("benchmarks.col.n"): [fmt.count(n) for n in few["n"]],
            t("benchmarks.col.value"): [fmt.value(metric, v) for v in few["value"]],
        }
    )
    with st.expander(t("benchmarks.too_few", n=len(few), min_n=metric.min_n)):
        show.grid(table)


def movers(ctx, league: benchmarks.League) -> None:
    """Most improved and most declined, counting only significant changes."""
    improved, declined = benchmarks.movers(league)
    metric = league.metric
    unit_names = names(ctx, league.level)
    neutral = metric.higher_is_better is None
    left, right = st.columns(2)
    for column, frame, key in (
        (left, improved, "rose" if neutral else "improved"),
        (right, declined, "fell" if neutral else "declined"),
    ):
        with column:
            st.markdown(f"**{t('benchmarks.movers.' + key)}**")
            if frame.empty:
                st.caption(t("benchmarks.movers.none"))
                continue
            for row in frame.to_dict("records"):
                st.markdown(
                    t(
                        "benchmarks.movers.line",
                        unit=unit_names.get(row["unit"], row["unit"]),
                        before=fmt.value(metric, row["cmp_value"]),
                        now=fmt.value(metric, row["value"]),
                        change=fmt.delta(metric, row["delta"]),
                        q=fmt.p_value(row["q_value"]),
                    )
                )
    st.caption(t("benchmarks.movers.note"))


def level_targets(ctx, metric, company: pd.DataFrame, tiers: pd.DataFrame) -> pd.DataFrame:
    """The company and each hall tier against the target of its level."""
    year = targets.for_year(ctx.store, ctx.period.end.year)
    rows = []
    found = targets.pick(year, metric.id)
    value = company["value"].iloc[0] if len(company) and company["enough_n"].iloc[0] else None
    rows.append(_target_row(metric, t("describe.all_company"), value, found))
    for row in tiers.to_dict("records"):
        found = targets.pick(year, metric.id, tier=row["tier"])
        if found and found.level == "tier":
            name = t(f"benchmarks.tier.{row['tier']}")
            rows.append(_target_row(metric, name, row["value"] if row["enough_n"] else None, found))
    return pd.DataFrame(rows)


def _target_row(metric, name, value, found) -> dict:
    status = targets.status(metric, value, found)
    return {
        t("benchmarks.col.unit"): name,
        t("benchmarks.col.value"): fmt.value(metric, value),
        t("benchmarks.col.target"): fmt.value(metric, found.value) if found else fmt.DASH,
        t("benchmarks.col.source"): codes.target_source(found.source) if found else "",
        t("benchmarks.col.status"): t(f"status.{status}"),
    }


def status_counts(league: benchmarks.League) -> str:
    """'12 on target, 3 near, 5 off' over the ranked units."""
    counts = league.ranked["status"].value_counts()
    return t(
        "benchmarks.status_counts",
        green=int(counts.get("green", 0)),
        amber=int(counts.get("amber", 0)),
        red=int(counts.get("red", 0)),
        unknown=int(counts.get("unknown", 0)),
    )


def phi_note(league: benchmarks.League) -> str:
    """Says whether the funnel's limits were widened for overdispersion."""
    if league.phi > 1:
        return t(
            "benchmarks.funnel.overdispersed",
            phi=fmt.number(league.phi, 1),
            widen=fmt.number(np.sqrt(league.phi), 1),
        )
    return t("benchmarks.funnel.chance")
