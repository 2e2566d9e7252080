"""The scorecard as tables in the reader's language: the page's table (text), the export's
(typed numbers), the metric values behind it, the card's definition and the parts of a
difference. Every code is shown through its label. No Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog
from pulse.dimensions import Dimensions
from pulse.i18n import language, t
from pulse.scorecard import data, scoring
from pulse.scorecard.data import Scorecard
from pulse.scorecard.definition import Card, Version
from pulse.ui import format as fmt
from pulse.ui.charts import scale, unit

DASH = fmt.DASH
PARTIAL = "*"  # marks a partial total on the page (the table's note says so)
PRINTED_RULE = (
    "def_metric",
    "def_weight",
    "def_rule",
    "def_direction",
    "def_floor",
    "def_target",
    "def_per",
    "def_points",
    "def_most",
    "def_min_n",
)
# the columns of a rule as printed (the id and definition come in the definitions chapter)


def names(dims: Dimensions, level: str, lang: str) -> dict[str, str]:
    """Unit id -> its name: city names for cities, hall names for halls."""
    return dims.labels("city" if level == "city" else "hall", lang)


def unit_names(board: Scorecard, dims: Dimensions, lang: str) -> dict[str, str]:
    """Unit id -> its name on this board: the reader's own units by name, the others (a user
    with a scope sees them under stand-in ids) as "Peer 1..n" in rank order."""
    known = names(dims, board.card.level, lang)
    return {
        unit: t("access.peer", n=int(unit[len(data.PEER) :]))
        if data.is_peer(unit)
        else known.get(unit, unit)
        for unit in board.table.index
    }


def month_name(month: str) -> str:
    """'Sep 2026' / '2026年9月'."""
    year, mon = month.split("-")
    return t("scorecard.month_label", label=t(f"scorecard.months.{int(mon)}"), year=year)


def tier_name(tier) -> str:
    """A hall tier's label."""
    return t(f"scorecard.tiers.{tier}") if isinstance(tier, str) else ""


def part_label(version: Version, part: str) -> str:
    """The label of a metric id or a `ded__` deduction column."""
    lang = language()
    if part.startswith(scoring.DEDUCT):
        found = [d for d in version.deductions if d.id == part[len(scoring.DEDUCT) :]]
        label = found[0].label(lang) if found else part
        return t("scorecard.deduction", label=label)
    return catalog.metric(part).label(lang)


def points(x, places: int = 1, signed: bool = False) -> str:
    """Points, a total or a change of a total as shown: 81.5, +2.3 (never -0.0); DASH when
    missing."""
    return fmt.number(x, places, signed)


def rank(x) -> str:
    """A rank or a band: 3; DASH when missing."""
    return fmt.number(x, 0)


def weight(x) -> str:
    """A weight, a rule's points or a cap as written on the card: 25, 0.1, 2.5."""
    return fmt.as_published(x)


def _range(low, high, places: int = 1) -> str:
    """A total's interval ("78.2 – 84.0") or a rank interval ("2 – 5", or "3" alone)."""
    shown = fmt.span(lambda x: fmt.number(x, places), low, high)
    return shown or DASH


def _common(board: Scorecard, unit_names: dict[str, str]) -> pd.DataFrame:
    table = board.table
    out = pd.DataFrame(index=table.index)
    out[t("scorecard.col_unit")] = [unit_names.get(u, u) for u in table.index]
    if board.card.level != "city":
        out[t("scorecard.col_tier")] = table["tier"].map(tier_name)
    return out


def column_widths() -> dict[str, str]:
    """The page table's columns whose width is set (Streamlit's small, medium, large)."""
    return {t("scorecard.col_total"): "small", t("scorecard.col_verdict"): "medium"}


def display(board: Scorecard, unit_names: dict[str, str]) -> pd.DataFrame:
    """The page's table: one row per unit in rank order, numbers as text."""
    table, version = board.table, board.version
    out = _common(board, unit_names)
    out.insert(0, t("scorecard.col_rank"), table["rank"].map(rank))
    total = [
        points(v) + (PARTIAL if p and pd.notna(v) else "")
        for v, p in zip(table["total"], table["partial"], strict=True)
    ]
    out[t("scorecard.col_total")] = total
    out[t("scorecard.col_interval")] = [
        _range(lo, hi) for lo, hi in zip(table["total_low"], table["total_high"], strict=True)
    ]
    out[t("scorecard.col_rank_interval")] = [
        _range(lo, hi, 0) for lo, hi in zip(table["rank_low"], table["rank_high"], strict=True)
    ]
    out[t("scorecard.col_band")] = table["band"].map(rank)
    out[t("scorecard.col_verdict")] = table["verdict"].map(
        lambda v: t(f"scorecard.verdicts.{v}") if isinstance(v, str) else DASH
    )
    out[t("scorecard.col_previous")] = table["change_previous"].map(lambda x: points(x, 1, True))
    out[t("scorecard.col_last_year")] = table["change_last_year"].map(lambda x: points(x, 1, True))
    too_few = t("scorecard.too_few")
    for rule in version.rules:
        column = t(
            "scorecard.col_points",
            metric=part_label(version, rule.metric),
            weight=weight(rule.weight),
        )
        out[column] = table[scoring.POINTS + rule.metric].map(
            lambda x: too_few if pd.isna(x) else points(x)
        )
    out[t("scorecard.col_deductions")] = table["deductions"].map(
        lambda x: points(-x) if x else points(0)
    )
    out[t("scorecard.col_coverage")] = table["coverage"].map(lambda x: points(x, 0))
    return out.reset_index(drop=True)


def export(board: Scorecard, unit_names: dict[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The scorecard with typed numbers (blank: not enough data or no total) and their
    number formats."""
    table, version = board.table, board.version
    out = _common(board, unit_names)
    out.insert(0, t("scorecard.col_rank"), _whole(table["rank"]))
    formats = {t("scorecard.col_rank"): "int"}
    numbers = [
        ("col_total", table["total"]),
        ("col_interval", table["total_low"]),
    ]
    for key, column in numbers:
        out[t(f"scorecard.{key}")] = column
    out = out.rename(columns={t("scorecard.col_interval"): f"{t('scorecard.col_interval')} ↓"})
    out[f"{t('scorecard.col_interval')} ↑"] = table["total_high"]
    out[f"{t('scorecard.col_rank_interval')} ↓"] = _whole(table["rank_low"])
    out[f"{t('scorecard.col_rank_interval')} ↑"] = _whole(table["rank_high"])
    out[t("scorecard.col_band")] = _whole(table["band"])  # a number on the screen too
    out[t("scorecard.col_verdict")] = table["verdict"].map(
        lambda v: t(f"scorecard.verdicts.{v}") if isinstance(v, str) else None
    )
    out[t("scorecard.col_total_previous")] = table["total_previous"]
    out[t("scorecard.col_previous")] = table["change_previous"]
    out[t("scorecard.col_total_last_year")] = table["total_last_year"]
    out[t("scorecard.col_last_year")] = table["change_last_year"]
    for rule in version.rules:
        column = t(
            "scorecard.col_points",
            metric=part_label(version, rule.metric),
            weight=weight(rule.weight),
        )
        out[column] = table[scoring.POINTS + rule.metric]
    for rule in version.deductions:
        # 0 - x, not -x: no deduction is 0, never -0
        out[part_label(version, scoring.DEDUCT + rule.id)] = 0.0 - table[scoring.DEDUCT + rule.id]
    out[t("scorecard.col_coverage")] = table["coverage"]
    for column in out.columns:
        if column not in formats and pd.api.types.is_float_dtype(out[column]):
            formats[column] = "num1"
    for key in ("col_band", "col_coverage"):
        formats[t(f"scorecard.{key}")] = "int"
    formats[f"{t('scorecard.col_rank_interval')} ↓"] = "int"
    formats[f"{t('scorecard.col_rank_interval')} ↑"] = "int"
    return out.reset_index(drop=True), formats


def _whole(column: pd.Series) -> pd.Series:
    """Ranks and bands as whole numbers (3, not 3.0), blank where there is none."""
    return column.round().astype("Int64")


def values(board: Scorecard, unit_names: dict[str, str]) -> pd.DataFrame:
    """The metric values behind the points, each in the unit the pages draw it in (minutes,
    percent) named in its header, with n."""
    table, version = board.table, board.version
    out = _common(board, unit_names)
    lang = language()
    for metric_id in version.metric_ids:
        metric = catalog.metric(metric_id)
        label = metric.label(lang)
        header = _in_unit(t("scorecard.col_value", metric=label), metric)
        out[header] = table[f"value__{metric_id}"].where(table[f"enough__{metric_id}"]) * scale(
            metric
        )
        out[t("scorecard.col_n", metric=label)] = table.get(f"n__{metric_id}", np.nan)
    for rule in version.deductions:
        out[rule.label(lang)] = table[f"count__{rule.id}"].fillna(0)
    return out.reset_index(drop=True)


def definition(card: Card, version: Version, goals: dict[str, float]) -> pd.DataFrame:
    """The card's rules and deductions in force, one row each, for a file: floors, targets
    and steps in the unit the pages draw the metric in, named in a unit column."""
    frame = _rules(card, version, goals)
    metrics = [catalog.metric(r.metric) for r in version.rules]
    metrics += [catalog.metric(d.metric) for d in version.deductions]
    factors = [scale(m) for m in metrics]
    for key in ("def_floor", "def_target", "def_per"):
        column = t(f"scorecard.{key}")
        frame[column] = frame[column].astype(float) * factors
    frame.insert(
        frame.columns.get_loc(t("scorecard.def_floor")),
        t("scorecard.def_unit"),
        [unit(m) for m in metrics],
    )
    return frame


def _rules(card: Card, version: Version, goals: dict[str, float]) -> pd.DataFrame:
    """The card's rules and deductions in force: one row each, in the catalogue's units."""
    lang = language()
    rows = []
    for rule in version.rules:
        metric = catalog.metric(rule.metric)
        rows.append(
            {
                "def_metric": metric.label(lang),
                "def_id": metric.id,
                "def_weight": rule.weight,
                "def_rule": t(f"scorecard.rule_{rule.rule}"),
                "def_direction": t(f"scorecard.{metric.direction}"),
                "def_floor": rule.floor,
                "def_target": goals.get(rule.metric, rule.target),
                "def_per": rule.per,
                "def_points": rule.points,
                "def_most": None,
                "def_min_n": metric.min_n,
                "def_definition": metric.definition(lang),
            }
        )
    for rule in version.deductions:
        metric = catalog.metric(rule.metric)
        count = t(f"scorecard.count_{rule.count}")
        rows.append(
            {
                "def_metric": t("scorecard.deduction", label=rule.label(lang)),
                "def_id": metric.id,
                "def_weight": None,
                "def_rule": t("scorecard.rule_deduction", count=count),
                "def_direction": t(f"scorecard.{metric.direction}"),
                "def_floor": None,
                "def_target": None,
                "def_per": None,
                "def_points": rule.points,
                "def_most": rule.most,
                "def_min_n": metric.min_n,
                "def_definition": metric.definition(lang),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.rename(columns={c: t(f"scorecard.{c}") for c in frame.columns})


def _in_unit(header: str, metric) -> str:
    """A header with the metric's drawn unit after it ("…: value (min)"), none for a count."""
    u = unit(metric)
    return f"{header} ({u})" if u else header


def parts(version: Version, contributions: pd.Series) -> pd.DataFrame:
    """The parts of a difference, labelled, largest first."""
    frame = pd.DataFrame(
        {
            "part": [part_label(version, p) for p in contributions.index],
            "value": contributions.to_numpy(dtype=float),
        }
    )
    return frame.reindex(frame["value"].abs().sort_values(ascending=False).index).reset_index(
        drop=True
    )


def verdict(board: Scorecard) -> str:
    """How many ranks are real, in words."""
    counts = board.counts
    key = "scorecard.verdict_tier" if board.card.level == "tier" else "scorecard.verdict"
    return t(key, units=t(f"scorecard.units.{board.card.level}"), **counts)


def coverage(card: Card) -> str:
    """The share of the weight a total needs, as written in the notes: '60'."""
    return weight(card.min_coverage)


def weights(version: Version) -> str:
    """'Satisfaction index 25 · NPS 15 · … · Deduction: … (0.1 each, at most 5)'."""
    parts = [f"{part_label(version, r.metric)} {weight(r.weight)}" for r in version.rules]
    for d in version.deductions:
        parts.append(
            t(
                "scorecard.deduction_rule" if d.most else "scorecard.deduction_rule_open",
                label=part_label(version, scoring.DEDUCT + d.id),
                points=weight(d.points),
                most=weight(d.most or 0),
            )
        )
    return " · ".join(parts)


def definition_display(card: Card, version: Version, goals: dict[str, float]) -> pd.DataFrame:
    """The rules as printed: floors, targets and steps in the metric's own units, blanks as
    dashes."""
    frame = _rules(card, version, goals)
    metrics = [catalog.metric(r.metric) for r in version.rules]
    metrics += [catalog.metric(d.metric) for d in version.deductions]
    out = pd.DataFrame(index=frame.index)
    for key in PRINTED_RULE:
        column = t(f"scorecard.{key}")
        values = frame[column]
        if key in ("def_floor", "def_target", "def_per"):
            values = [
                fmt.value(m, x) if pd.notna(x) else DASH
                for m, x in zip(metrics, values, strict=True)
            ]
        elif key in ("def_weight", "def_points", "def_most"):
            values = [weight(x) if pd.notna(x) else DASH for x in values]
        out[column] = values
    return out.reset_index(drop=True)
