"""Benchmarks: who is really better. A league table of cities or halls for any metric, its
funnel plot (a click opens the unit), targets at every level, industry figures with their
source and year, peer groups of the same tier, and the significant movers."""

from __future__ import annotations

from functools import partial

import streamlit as st

from pulse import groups
from pulse.benchmarks import data as benchmarks
from pulse.benchmarks import exports as bench_exports
from pulse.benchmarks import figures as bench_charts
from pulse.benchmarks import sections as bench_parts
from pulse.i18n import t
from pulse.trends import data as trends
from pulse.ui import codes, context, navigate, show
from pulse.ui import format as fmt
from pulse.ui.heading import heading


def render() -> None:
    """Draw the Benchmarks page for the current filter."""
    ctx = context.current()
    navigate.follow(ctx)
    caption = heading(ctx, "benchmarks")
    metric_id, level, peer_tier = bench_parts.controls()
    league = benchmarks.league(
        ctx.store, metric_id, ctx.filter, ctx.period, level, ctx.dims, peer_tier
    )
    metric = league.metric
    if not league.available:
        st.info(t("benchmarks.city_only", metric=metric.label(ctx.lang)), icon=":material/info:")
        return
    if metric.kind == "rate" and ctx.filter.halls:
        st.info(t("benchmarks.rate_halls", metric=metric.label(ctx.lang)), icon=":material/info:")
        return
    if league.units.empty or league.units["n"].fillna(0).sum() == 0:
        st.info(t("benchmarks.empty", caption=caption), icon=":material/search_off:")
        return
    centre_name = t(f"benchmarks.peer.{peer_tier}") if peer_tier else t("benchmarks.company_value")
    st.markdown(
        t(
            "benchmarks.summary",
            centre=centre_name,
            value=fmt.value(metric, league.centre),
            n=fmt.count(league.centre_n),
            ranked=len(league.ranked),
            few=len(league.too_few),
            statuses=bench_parts.status_counts(league),
        )
    )
    _funnel(ctx, league)
    bench_parts.league_table(ctx, league, key="bench_league")
    bench_parts.too_few_table(ctx, league)
    st.subheader(t("benchmarks.movers.title"))
    bench_parts.movers(ctx, league)
    _targets_and_industry(ctx, league)


def _funnel(ctx, league) -> None:
    metric = league.metric
    if league.funnel_kind is None:
        st.info(t("benchmarks.funnel.none"), icon=":material/info:")
        return
    if league.funnel_kind == "mean" and not league.sd:
        st.info(t("benchmarks.funnel.no_spread"), icon=":material/info:")
        return
    key = "bench_funnel"
    names = bench_parts.names(ctx, league.level)
    fig = bench_charts.funnel_figure(league, names)
    notes = [bench_parts.phi_note(league), t("benchmarks.funnel.click")]
    if metric.kind == "quantile":
        notes.append(t("benchmarks.funnel.quantile"))
    show.chart(
        fig,
        show.Meta(
            t("benchmarks.funnel.title", metric=metric.label(ctx.lang)),
            t(f"benchmarks.funnel.about_{league.funnel_kind}"),
            float(league.units["n"].sum()),
            tuple(notes),
            name=f"funnel_{metric.id}",
        ),
        key=key,
        data=partial(bench_exports.funnel, league.units, metric, names, league.funnel_kind),
        on_select=bench_parts.on_unit(ctx, key, league.level),
        selection_mode=("points",),
    )


def _targets_and_industry(ctx, league) -> None:
    metric = league.metric
    st.subheader(t("benchmarks.targets_title"))
    found = groups.grouped_values(
        ctx.store, metric, ctx.filter, ctx.period, [(), *([("tier",)] if
                                                        groups.available(metric, "hall")
                                                        else [])]
    )  # fmt: skip
    company = found[()]
    tiers = found.get(("tier",))
    table = bench_parts.level_targets(ctx, metric, company, tiers if tiers is not None else
                                      company.head(0).assign(tier=[]))  # fmt: skip
    show.table(
        table,
        show.Meta(t("benchmarks.targets_table"), t("benchmarks.targets_note"), name="targets"),
        key="bench_targets",
    )
    industry = trends.industry(ctx.store, metric.id, markets=benchmarks_markets())
    st.subheader(t("benchmarks.industry.title"))
    if industry.empty or company.empty:
        st.caption(t("benchmarks.industry.none"))
        return
    row = company.iloc[0]
    show.chart(
        bench_charts.industry_figure(metric, row["value"], row["low"], row["high"], industry),
        show.Meta(
            t("benchmarks.industry.chart", metric=metric.label(ctx.lang)),
            t("benchmarks.industry.note"),
            float(row["n"]),
            (t("trends.industry_source", sources=codes.benchmark_sources(industry)),),
            name=f"industry_{metric.id}",
        ),
        key="bench_industry",
        data=partial(bench_exports.industry, industry, metric, row),
    )


def benchmarks_markets() -> tuple[str, ...]:
    """Every market: the Benchmarks page lists fixed and broadband figures too, labelled."""
    return ("mobile", "fixed", "broadband", "hall", "all")


render()
