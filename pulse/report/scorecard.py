"""A month's scorecard as a Report, so the board report's writers print it (PDF, PPTX, XLSX):
the ranks with their intervals, the points per metric, the chart of totals, and the card's
definition and weights in force. Worded in the current language (pulse.i18n)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pulse import catalog
from pulse.dimensions import Dimensions
from pulse.export.theme import Stamp
from pulse.i18n import language, t
from pulse.report.build import labels
from pulse.report.model import Chart, Report, Request, Section, Table
from pulse.scorecard import figures, frames, publish, ranks
from pulse.scorecard.data import Scorecard

# the page's one wide table is printed as two, so that neither is cut at the page's edge
_RANK_KEYS = (
    "col_total",
    "col_interval",
    "col_rank_interval",
    "col_band",
    "col_verdict",
    "col_previous",
    "col_last_year",
)


def report(board: Scorecard, dims: Dimensions, made_by: str = "") -> Report:
    """The scorecard (which must have a version in force) as a Report in the current language,
    stamped with who made it under which scope (pulse.access.made_by) when given."""
    lang = language()
    names = frames.unit_names(board, dims, lang)
    caption = publish.caption(board, dims) + (f" · {made_by}" if made_by else "")
    as_of = t("shell.as_of", date=dims.as_of.isoformat())
    title = publish.heading(board, dims)[0]
    return Report(
        # the writers read only its language; its filter is the month in the sidebar's scope
        request=Request(board.filter, lang=lang),
        title=title,
        caption=caption,
        as_of=dims.as_of,
        generated_at=dt.datetime.now().replace(microsecond=0),
        sections=[_card(board, names, caption, as_of), _definition(board, caption, as_of)],
        definitions=_metrics(board),
        labels={**labels(), "title": title},
    )


def _stamp(title: str, caption: str, as_of: str, definition: str, n: int) -> Stamp:
    return Stamp(
        title=title,
        caption=caption,
        n=t("scorecard.pdf_units", n=n),
        as_of=as_of,
        definition=definition,
    )


def _card(board: Scorecard, names: dict[str, str], caption: str, as_of: str) -> Section:
    """The ranks, the points and the chart of totals, under the sentence on real ranks."""
    card, version, lang = board.card, board.version, language()
    month = frames.month_name(board.month.month)
    shown = frames.display(board, names)
    exported, formats = frames.export(board, names)
    units = len(board.table)
    note = t("scorecard.table_note", draws=ranks.DRAWS, too_few=t("scorecard.too_few"))
    lead = [t("scorecard.col_rank"), t("scorecard.col_unit")]
    if card.level != "city":
        lead.append(t("scorecard.col_tier"))
    rank_columns = lead + [t(f"scorecard.{k}") for k in _RANK_KEYS]
    points_columns = lead + [c for c in shown.columns if c not in rank_columns]
    rank_title = t("scorecard.pdf_ranks", card=card.label(lang), month=month)
    points_title = t("scorecard.pdf_points", card=card.label(lang), month=month)
    chart_title = t("scorecard.chart_title", card=card.label(lang), month=month)
    summary = [frames.verdict(board)]
    missing = int(board.table["total"].isna().sum())
    if missing:
        summary.append(t("scorecard.no_total", n=missing, coverage=frames.coverage(card)).strip())
    summary.append(
        t("scorecard.version", month=month, valid_from=version.valid_from, note=version.note(lang))
    )
    for other in (board.previous, board.last_year):
        if other.version is not None and other.version is not version:
            summary.append(
                t(
                    "scorecard.other_version",
                    month=frames.month_name(other.month),
                    valid_from=other.version.valid_from,
                )
            )
    return Section(
        key="scorecard",
        title=t("scorecard.table_title", card=card.label(lang), month=month),
        summary=summary,
        blocks=[
            Table(
                key="scorecard.ranks",
                title=rank_title,
                headline="",  # the verdict heads the section and the chart
                display=shown[rank_columns],
                stamp=_stamp(rank_title, caption, as_of, note, units),
                data=exported,
                formats=formats,
            ),
            Table(
                key="scorecard.points",
                title=points_title,
                headline=t("scorecard.rescale_note", coverage=frames.coverage(card)),
                display=shown[points_columns],
                stamp=_stamp(points_title, caption, as_of, note, units),
                data=frames.values(board, names),
            ),
            Chart(
                key="scorecard.totals",
                title=chart_title,
                headline=frames.verdict(board),
                figure=figures.totals(board.table, names),
                stamp=_stamp(chart_title, caption, as_of, t("scorecard.chart_note"), units),
                data=exported,
                formats=formats,
            ),
        ],
    )


def _definition(board: Scorecard, caption: str, as_of: str) -> Section:
    """The card in force: its rules and weights, deductions and how missing data is scored."""
    card, version, lang = board.card, board.version, language()
    month = frames.month_name(board.month.month)
    title = t(
        "scorecard.def_heading", card=card.label(lang), month=month, valid_from=version.valid_from
    )
    typed = frames.definition(card, version, board.month.targets)
    summary = [
        card.description(lang),
        version.note(lang),
        t("scorecard.weights", weights=frames.weights(version)),
        t("scorecard.rescale_note", coverage=frames.coverage(card)),
        t("scorecard.def_versions", versions=", ".join(v.valid_from for v in card.versions)),
    ]
    return Section(
        key="scorecard_definition",
        title=t("scorecard.sheet_definition"),
        summary=[line for line in summary if line],
        blocks=[
            Table(
                key="scorecard.definition",
                title=title,
                headline="",
                display=frames.definition_display(card, version, board.month.targets),
                stamp=Stamp(title=title, caption=caption, as_of=as_of),
                data=typed,
            )
        ],
    )


def _metrics(board: Scorecard) -> pd.DataFrame:
    """Each metric the card scores, defined as the catalogue defines it."""
    lang = language()
    version = board.version
    shown = dict.fromkeys(
        [r.metric for r in version.rules] + [d.metric for d in version.deductions]
    )
    rows = []
    for metric_id in shown:
        m = catalog.metric(metric_id)
        rows.append(
            {
                "metric_id": m.id,
                t("report.col.metric"): m.label(lang),
                t("report.col.definition"): m.definition(lang),
                t("report.col.interval_method"): t(f"report.interval.{m.interval}"),
                t("report.col.min_n"): m.min_n,
            }
        )
    return pd.DataFrame(rows)


def file_name(board: Scorecard, kind: str) -> str:
    """scorecard_<card>_<YYYY-MM>_<lang>.<kind>"""
    return f"scorecard_{board.card.id}_{board.month.month}_{language()}.{kind}"
