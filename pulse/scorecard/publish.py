"""The month's scorecard as an XLSX workbook: the scorecard, the metric values behind it, and
the definition and weights in force on a sheet of its own. In the language of the run."""

from __future__ import annotations

import io

from openpyxl import Workbook

from pulse import describe
from pulse.dimensions import Dimensions
from pulse.export import tables
from pulse.i18n import language, t
from pulse.scorecard import frames, ranks
from pulse.scorecard.data import Scorecard


def caption(board: Scorecard, dims: Dimensions) -> str:
    """The scope and the month in words."""
    return describe.caption(board.filter, board.period, dims)


def heading(board: Scorecard, dims: Dimensions) -> list[str]:
    """The lines on top of the scorecard: title, scope, version, verdict, notes, data date."""
    card, version, lang = board.card, board.version, language()
    month = frames.month_name(board.month.month)
    return [
        t("scorecard.table_title", card=card.label(lang), month=month),
        caption(board, dims),
        t("scorecard.version", month=month, valid_from=version.valid_from, note=version.note(lang)),
        frames.verdict(board),
        t("scorecard.table_note", draws=ranks.DRAWS, too_few=t("scorecard.too_few")),
        t("scorecard.rescale_note", coverage=frames.coverage(card)),
        t("shell.as_of", date=dims.as_of.isoformat()),
    ]


def workbook(board: Scorecard, dims: Dimensions, made_by: str = "") -> bytes:
    """The XLSX bytes of a built scorecard (which must have a version in force), stamped
    with who made it under which scope (pulse.access.made_by) when given."""
    lang = language()
    names = frames.unit_names(board, dims, lang)
    card, version = board.card, board.version
    month = frames.month_name(board.month.month)
    book = Workbook(write_only=True)
    scorecard, formats = frames.export(board, names)
    tables.write_sheet(
        book.create_sheet(tables.sheet_title(t("scorecard.sheet_card"))),
        scorecard,
        heading=[*heading(board, dims), *([made_by] if made_by else [])],
        formats=formats,
    )
    definition_heading = [
        t(
            "scorecard.def_heading",
            card=card.label(lang),
            month=month,
            valid_from=version.valid_from,
        ),
        card.description(lang),
        version.note(lang),
        t("scorecard.def_versions", versions=", ".join(v.valid_from for v in card.versions)),
        t("scorecard.rescale_note", coverage=frames.coverage(card)),
    ]
    tables.write_sheet(
        book.create_sheet(tables.sheet_title(t("scorecard.sheet_definition"))),
        frames.definition(card, version, board.month.targets),
        heading=[line for line in definition_heading if line],
    )
    tables.write_sheet(
        book.create_sheet(tables.sheet_title(t("scorecard.sheet_values"))),
        frames.values(board, names),
        heading=[t("scorecard.sheet_values"), caption(board, dims)],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(board: Scorecard, kind: str = "xlsx") -> str:
    """scorecard_<card>_<YYYY-MM>.xlsx (or .pdf)"""
    return f"scorecard_{board.card.id}_{board.month.month}.{kind}"
