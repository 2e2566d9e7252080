"""KPI tiles: value, n, interval, change against the comparison, status against target."""

from __future__ import annotations

import html
import math

import pandas as pd
import streamlit as st

from pulse import catalog, kpis
from pulse.i18n import language, t
from pulse.ui import codes, notices
from pulse.ui import format as fmt

PER_ROW = 5
BADGE = {"green": "green", "amber": "orange", "red": "red", "unknown": "gray"}
# the sparkline's line and fill by delta colour (Streamlit's own metric colours)
SPARK_RGB = {"green": (33, 195, 84), "red": (255, 75, 75), "gray": (128, 132, 149)}


def delta_color(row: dict, higher_is_better: bool | None) -> str:
    """Green or red for a significant change for the better or worse, grey for noise."""
    if not row.get("is_significant") or higher_is_better is None:
        return "gray"
    better = row["delta"] > 0 if higher_is_better else row["delta"] < 0
    return "green" if better else "red"


def grid(tiles: pd.DataFrame, sparklines: dict, not_applied: dict, cmp_label: str) -> None:
    """Every tile, PER_ROW to a row; cmp_label names the comparison in each tile's tooltip."""
    rows = tiles.to_dict("records")
    for start in range(0, len(rows), PER_ROW):
        columns = st.columns(PER_ROW)
        for column, row in zip(columns, rows[start : start + PER_ROW], strict=False):
            with column:
                tile(
                    row,
                    sparklines.get(row["metric_id"]),
                    not_applied.get(row["metric_id"], []),
                    cmp_label,
                )


def tile(row: dict, spark: pd.DataFrame | None, not_applied: list[str], cmp_label: str) -> None:
    """One KPI tile."""
    metric = catalog.metric(row["metric_id"])
    lang = language()
    enough = bool(row["enough_n"])
    help_text = metric.definition(lang)
    if kpis.is_withheld(row):
        help_text += "\n\n" + t("access.withheld.help")
    elif kpis.is_not_in_source(row):
        help_text += "\n\n" + t("tile.not_in_source_help", field=t(f"drill.field.{metric.needs}"))
    if row.get("target_source"):
        help_text += "\n\n" + t(
            "tile.target_source", source=codes.target_source(row["target_source"])
        )
    delta, description = None, None
    if enough and not _missing(row.get("cmp_value")):
        delta = fmt.delta(metric, row["delta"])
        verdict = t("stat.significant") if row["is_significant"] else t("stat.not_significant")
        if math.isnan(row.get("p_value", math.nan)):
            verdict = t("stat.not_tested")
        description = verdict
        help_text += "\n\n" + t(
            "tile.change",
            comparison=cmp_label,
            delta=delta,
            p=fmt.p_value(row.get("p_value")) or verdict,
        )
    chart = None
    if spark is not None and spark["value"].notna().sum() >= 2:
        chart = [fmt.plain(metric, v) for v in spark["value"].tolist()]
    colour = delta_color(row, metric.higher_is_better)
    with st.container(border=True):
        # the title is drawn as text that wraps, and the verdict goes under the tile, so
        # neither is cut to "Complaints per mill…" or "not signifi…" in a narrow tile
        st.markdown(f"**{metric.label(lang)}**", help=help_text)
        st.metric(
            metric.label(lang),
            fmt.value(metric, row["value"]) if enough else fmt.DASH,
            delta=delta,
            delta_color=colour,
            # a change written 0.0 has no direction: no arrow (Streamlit draws one up)
            delta_arrow="off" if delta is not None and delta == fmt.delta(metric, 0.0) else "auto",
            label_visibility="collapsed",
            help=help_text,  # kept on the tile itself for tests and screen readers
        )
        if chart:
            st.markdown(sparkline(chart, colour, metric.label(lang)), unsafe_allow_html=True)
        st.caption(_footer(metric, row, enough, not_applied, description))


def _footer(
    metric, row: dict, enough: bool, not_applied: list[str], verdict: str | None = None
) -> str:
    parts = []
    if kpis.is_withheld(row):  # no row in scope at all: whom to ask, not "too few"
        parts.append(":gray[" + t("access.withheld.tile") + "]")
    elif kpis.is_not_in_source(row):  # the source lacks the field: not "too few" either
        parts.append(":gray[" + t("tile.not_in_source") + "]")
    elif kpis.has_no_rate(row):  # counted, but no subscribers to divide by (halls only)
        parts.append(":gray[" + t("tile.no_rate", n=fmt.count(row["n"])) + "]")
    elif not enough:
        parts.append(
            ":gray["
            + t(
                "tile.too_few",
                value=fmt.value(metric, row["value"]),
                n=fmt.count(row["n"]),
                min_n=metric.min_n,
            )
            + "]"
        )
    else:
        status = row.get("status", "unknown")
        badge = f":{BADGE[status]}-badge[{t(f'status.{status}')}]"
        if not _missing(row.get("target")):
            badge += " " + t("tile.target", value=fmt.value(metric, row["target"]))
        parts.append(badge)
        if verdict:
            parts.append(verdict)
        parts.append(t("stat.n", n=fmt.count(row["n"])))
        ci = fmt.interval(metric, row["low"], row["high"]) or fmt.no_interval(
            metric, row["low"], row["high"], row["n"]
        )
        if ci:
            parts.append(ci)
    parts += [f":orange[{note}]" for note in notices.not_filtered(not_applied)]
    return (
        "  \n".join([" · ".join(parts[:1]), " · ".join(parts[1:])])
        if len(parts) > 1
        else (parts[0] if parts else "")
    )


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def sparkline(values: list[float | None], colour: str, label: str) -> str:
    """The tile's trend as a small inline SVG area (gaps where a bucket has no value).
    st.metric's own chart_data draws a Vega-Lite chart per tile, which the browser compiles
    on every rerun: ten of them cost the Overview about 0.2 s of the browser's CPU per filter
    change (python -m bench.browser). Numbers only go into the SVG, never text from data."""
    points = [(i, v) for i, v in enumerate(values) if v is not None and not math.isnan(v)]
    low, high = min(v for _, v in points), max(v for _, v in points)
    span, last = (high - low) or 1.0, max(len(values) - 1, 1)
    # drawing coordinates in the SVG's 100 x 40 box, not numbers a reader sees: pulse.ui.format
    # writes those
    xy = " ".join(f"{_at(100 * i / last)},{_at(38 - 36 * (v - low) / span)}" for i, v in points)
    first_x, last_x = _at(100 * points[0][0] / last), _at(100 * points[-1][0] / last)
    r, g, b = SPARK_RGB[colour]
    return (
        f'<svg viewBox="0 0 100 40" preserveAspectRatio="none" width="100%" height="40" '
        f'role="img" aria-label="{html.escape(label)}">'
        f'<polygon points="{first_x},40 {xy} {last_x},40" fill="rgba({r},{g},{b},0.15)"/>'
        f'<polyline points="{xy}" fill="none" stroke="rgb({r},{g},{b})" stroke-width="1.5" '
        'vector-effect="non-scaling-stroke"/></svg>'
    )


def _at(x: float) -> str:
    """A coordinate of the sparkline's box, to a hundredth."""
    return str(round(x, 2))
