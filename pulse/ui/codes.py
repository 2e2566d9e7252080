"""Record columns as a reader sees them: every code through its dimension's label in the
reader's language, times without seconds, a missing time as a dash, yes/no for flags."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pulse import i18n, sql
from pulse.i18n import t
from pulse.ui import format as fmt
from pulse.ui.context import Context

# column name -> the dimension whose labels it takes (Dimensions.labels)
DIMENSION = {
    "branch_id": "hall",
    "city_id": "city",
    "province_id": "province",
    "segment": "segment",
    "brand": "brand",
    "channel": "channel",
    "touchpoint": "channel",
    "queue_id": "queue",
}
# column name -> the locale table that words its codes
WORDED = {
    "tier": "queues.tier",
    "category": "drill.category",
    "category_id": "drill.category",
    "severity": "complaint_lifecycle.severity",
    "status": "complaints.status",
}
# a record family's outcome codes are worded by the page family that owns them
OUTCOME = {"tickets": "queues.outcome", "calls": "hotline.outcome"}


def target_source(text: str | None) -> str:
    """A target's source in the reader's language: the store holds it in English, and the
    locale catalogue words the sources it knows; any other is shown as entered."""
    return _worded("target_source", text)


def benchmark_source(text: str | None) -> str:
    """A published industry figure's source in the reader's language, as target_source."""
    return _worded("benchmark_source", text)


def benchmark_sources(industry) -> str:
    """The sources of a set of industry figures with their years, once each, for a caption."""
    found = {f"{benchmark_source(r.source)} ({r.source_year})" for r in industry.itertuples()}
    return "; ".join(sorted(found))


def _worded(table: str, text: str | None) -> str:
    if not text:
        return ""
    key = f"{table}.{text}"
    return t(key) if key in i18n.catalogue(i18n.language()) else str(text)


def service_types(ctx: Context) -> dict[str, str]:
    """Service type id -> name in the reader's language."""
    frame = ctx.store.cached_df(sql.text("queues/service_types"))
    column = "name_zh" if ctx.lang == "zh" else "name_en"
    return dict(zip(frame["service_type_id"], frame[column], strict=True))


def subcategories(ctx: Context) -> dict[str, str]:
    """Complaint subcategory id -> name in the reader's language."""
    frame = ctx.store.cached_df(sql.text("complaints/categories"))
    column = "subcategory_zh" if ctx.lang == "zh" else "subcategory_en"
    return dict(zip(frame["subcategory_id"], frame[column], strict=True))


def labeller(ctx: Context, column: str, family: str | None = None):
    """The function that words one value of `column`, or None when the column holds no code."""
    if column in DIMENSION:
        names = ctx.dims.labels(DIMENSION[column], ctx.lang)
        return lambda v: names.get(v, v)
    named = {"service_type": service_types, "subcategory_id": subcategories}
    if column in named:
        names = named[column](ctx)
        return lambda v: names.get(v, v)
    table = WORDED.get(column) or (OUTCOME.get(family) if column == "outcome" else None)
    if table:
        return lambda v: t(f"{table}.{v}")
    return None


def value(v) -> str:
    """One cell: a dash for nothing, yes/no for a flag, a time to the minute (seconds only when
    they are not zero), a whole number without decimals, text as it is."""
    if _none(v):
        return fmt.DASH
    if isinstance(v, bool):
        return t("kit.yes") if v else t("kit.no")
    if isinstance(v, pd.Timestamp | dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M" if not v.second else "%Y-%m-%d %H:%M:%S")
    if isinstance(v, float):
        return fmt.number(v, 0 if v.is_integer() else 1)
    return str(v)


def readable(ctx: Context, frame: pd.DataFrame, family: str | None = None) -> pd.DataFrame:
    """A copy of `frame` with every code column worded (times and flags keep their type,
    which the grid and the XLSX file show in their own way)."""
    out = frame.copy()
    for column in out.columns:
        word = labeller(ctx, str(column), family)
        if word is not None:
            out[column] = out[column].map(lambda v, word=word: fmt.DASH if _none(v) else word(v))
    return out


def readable_row(ctx: Context, row: pd.Series, family: str | None = None) -> dict:
    """One record's values, each worded as `readable` words a column."""
    words = {}
    for column, v in row.items():
        word = labeller(ctx, str(column), family)
        words[column] = fmt.DASH if _none(v) else (word(v) if word else value(v))
    return words


def _none(v) -> bool:
    # pd.NA: a nullable flag's missing value (a repeat flag without a customer, schema 024)
    return v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and pd.isna(v))
