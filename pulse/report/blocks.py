"""Building blocks every section uses: the section context, stamps, and the tables of metric
values (value, interval, n, change, target) in worded and typed form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pulse import catalog, i18n, kpis
from pulse.catalog import Metric
from pulse.export.theme import Stamp
from pulse.i18n import t
from pulse.report import words
from pulse.report.facts import Facts
from pulse.report.model import Request, Table
from pulse.ui import format as fmt
from pulse.ui import notices

# a metric's display format -> the XLSX number format of its values (in catalogue units)
XLSX_FORMAT = {
    "pct1": "pct1",
    "num1": "num1",
    "num2": "num2",
    "int": "int",
    "points": "num1",
    "minutes": "num1",
    "seconds": "num1",
    "hours": "num1",
}
VALUE_COLUMNS = ("value", "low", "high", "cmp_value", "cmp_low", "cmp_high", "delta", "target")


@dataclass
class Context:
    """What a section builder gets: the numbers, the request and the words every stamp
    carries."""

    facts: Facts
    request: Request
    caption: str
    as_of: dt.date

    @property
    def compare(self) -> str:
        """previous, last_year or none."""
        return self.request.filter.compare if self.facts.period.cmp_start else "none"

    def stamp(self, title: str, definition: str = "", n=None, notes=()) -> Stamp:
        """The stamp of a chart or table in this report."""
        return Stamp(
            title=title,
            caption=self.caption,
            n=t("stat.n", n=fmt.count(n)) if n is not None and not words.missing(n) else "",
            as_of=t("shell.as_of", date=self.as_of.isoformat()),
            definition=definition,
            notes=tuple(notes),
        )

    def not_applied_note(self, metric: Metric) -> tuple[str, ...]:
        """'not filtered by brand' when the metric's data cannot honour part of the filter."""
        return notices.not_filtered(self.facts.not_applied(metric))


def metric_label(metric_id: str) -> str:
    """A metric's label in the report's language."""
    return catalog.metric(metric_id).label(i18n.language())


def typed_values(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The typed columns of metric rows for a workbook (catalogue units, shares as
    fractions), with a unit column and per-row number formats."""
    out = frame.copy()
    metrics = [catalog.metric(m) for m in out["metric_id"]]
    out.insert(
        out.columns.get_loc("metric_id") + 1, "metric", [m.label(i18n.language()) for m in metrics]
    )
    # the unit of the typed values, in the report's language (a share is a fraction here,
    # shown as a percent by its cell's format)
    out.insert(
        out.columns.get_loc("metric") + 1, "unit", [t(f"report.unit.{m.unit}") for m in metrics]
    )
    per_row = [XLSX_FORMAT.get(m.format, "num2") for m in metrics]
    formats = {c: per_row for c in VALUE_COLUMNS if c in out}
    formats.update({c: "int" for c in ("n", "cmp_n") if c in out})
    if "p_value" in out:
        formats["p_value"] = "num4"
    if "status" in out:
        out["status"] = out["status"].map(lambda s: t(f"status.{s}") if isinstance(s, str) else s)
    return out.reset_index(drop=True), formats


def kpi_table(ctx: Context, key: str, title: str, rows: pd.DataFrame) -> Table:
    """Metric rows (one per metric over the scope) as a table: value, interval, n, the
    comparison, the change and whether it is significant, the target and the status."""
    display, status = [], []
    cmp_head = t(f"report.col.before_{ctx.compare}") if ctx.compare != "none" else ""
    for row in rows.to_dict("records"):
        metric = catalog.metric(row["metric_id"])
        enough = bool(row["enough_n"])
        short = t("report.too_few")
        if kpis.is_withheld(row):
            short = t("report.withheld")
        elif kpis.is_not_in_source(row):
            short = t("report.not_in_source")
        line = {
            t("report.col.metric"): metric.label(i18n.language()),
            t("report.col.value"): fmt.value(metric, row["value"]) if enough else fmt.DASH,
            t("report.col.interval"): _interval(metric, row) if enough else short,
            t("report.col.n"): fmt.count(row["n"]),
        }
        if cmp_head:
            line[cmp_head] = fmt.value(metric, row["cmp_value"])
            line[t("report.col.change")] = (
                (fmt.delta(metric, row["delta"]) or fmt.DASH) if enough else fmt.DASH
            )
            line[t("report.col.p")] = _verdict(row)
        line[t("report.col.target")] = fmt.value(metric, row.get("target"))
        line[t("report.col.status")] = t(f"status.{row.get('status', 'unknown')}")
        display.append(line)
        colour = row.get("status", "unknown") if enough else "unknown"
        status.append(
            {
                c: (colour if c in (t("report.col.value"), t("report.col.status")) else "")
                for c in line
            }
        )
    data, formats = typed_values(rows)
    return Table(
        key=key,
        title=title,
        headline="",
        display=pd.DataFrame(display),
        stamp=ctx.stamp(title, t("report.note.kpi_table")),
        data=data,
        formats=formats,
        status=pd.DataFrame(status),
    )


def _interval(metric: Metric, row: dict) -> str:
    if words.missing(row.get("low")) or words.missing(row.get("high")):
        return fmt.DASH
    return f"{fmt.value(metric, row['low'])} – {fmt.value(metric, row['high'])}"


def _verdict(row: dict) -> str:
    if not row.get("enough_n") or words.missing(row.get("cmp_value")):
        return fmt.DASH
    if words.missing(row.get("p_value")):
        return t("stat.not_tested")
    verdict = t("stat.significant") if row["is_significant"] else t("stat.not_significant")
    return f"{verdict} ({fmt.p_value(row['p_value'])})"


def matrix_table(
    ctx: Context,
    key: str,
    title: str,
    rows: pd.DataFrame,
    place: str,
    names: dict[str, str],
    metric_ids: list[str],
    note: str,
) -> Table:
    """Places by metrics, each cell 'value (n)' coloured by the place's status against its
    target; the typed data keeps every metric of the rows."""
    places = list(dict.fromkeys(rows[place]))
    head = t(f"report.col.{'city' if place == 'city_id' else place.removesuffix('_id')}")
    display, status = [], []
    for key_value in places:
        line, colours = {head: names.get(key_value, key_value)}, {head: ""}
        for metric_id in metric_ids:
            metric = catalog.metric(metric_id)
            match = rows[(rows[place] == key_value) & (rows["metric_id"] == metric_id)]
            label = metric.label(i18n.language())
            if match.empty:
                line[label], colours[label] = fmt.DASH, "unknown"
                continue
            r = match.iloc[0]
            line[label] = f"{fmt.value(metric, r['value'])} ({fmt.compact(r['n'])})"
            colours[label] = r.get("status", "unknown") if r["enough_n"] else "unknown"
        display.append(line)
        status.append(colours)
    data = rows.copy()
    data.insert(1, "name", data[place].map(lambda v: names.get(v, v)))
    data, formats = typed_values(data)
    return Table(
        key=key,
        title=title,
        headline="",
        display=pd.DataFrame(display),
        stamp=ctx.stamp(title, note),
        data=data,
        formats=formats,
        status=pd.DataFrame(status),
    )
