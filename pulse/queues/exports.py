"""The Queues page's downloads as its charts and tables show them: a lane or segment by the
legend's name, a weekday by its name and an hour as its clock time, shares in percent and waits
in minutes under headers that say so, the halls by name with each metric's value, interval and
n in its unit, and none of the sums and helper columns the page draws from."""

from __future__ import annotations

import pandas as pd

from pulse import catalog
from pulse.i18n import t
from pulse.queues import data as queues
from pulse.queues.figures import HEAT_MIN_CALLED
from pulse.ui import downloads
from pulse.ui import format as fmt
from pulse.ui.charts import change_unit, scale, unit

_WAITS = catalog.rollup("queue_wait_hist")
OPEN_BUCKET_MIN = _WAITS.bucket_open  # the last minute bucket holds waits of an hour or more
OPEN_BUCKET_S = OPEN_BUCKET_MIN * _WAITS.bucket_scale
# a snapshot metric's fields that the section shows: its period has no comparison
SNAPSHOT_COLUMNS = ["hour", "metric_id", "value", "low", "high", "n", "enough_n"]


def distribution(dist: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """The wait distribution as drawn: each group by its legend's name, the minute bucket
    (from, to; the last has no end), the group's called tickets in it, their share of the
    group and the share called by the bucket's end, in percent."""
    minutes = downloads.headed("wait_from", "minutes"), downloads.headed("wait_to", "minutes")
    start = dist["bucket_min"].astype(float)
    return pd.DataFrame(
        {
            "group": [labels.get(g, g) for g in dist["group"]],
            minutes[0]: start,
            minutes[1]: (start + 1).where(start < OPEN_BUCKET_MIN),
            "n": dist["n"],
            "share (%)": dist["share"] * 100,
            "cum_share (%)": dist["cum_share"] * 100,
        }
    ).reset_index(drop=True)


def waits_by_group(summary: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """The table of waits by group: the share called within the promise with its interval in
    percent, the median and the 90th percentile with its interval in minutes, as drawn."""
    within, p90 = catalog.metric(queues.RANK_METRIC), catalog.metric(queues.P90_METRIC)
    shares = {f"within_{c}": f"within_{c} ({unit(within)})" for c in ("share", "low", "high")}
    waits = {f"p90{c}_s": f"p90{c} ({unit(p90)})" for c in ("", "_low", "_high")}
    out = pd.DataFrame({"group": [labels.get(g, g) for g in summary["group"]], "n": summary["n"]})
    for column, header in shares.items():
        out[header] = summary[column] * scale(within)
    out[downloads.headed("median", "minutes")] = summary["median_s"] / 60  # as the table writes it
    for column, header in waits.items():
        out[header] = summary[column] * scale(p90)
    return out


def heatmap(heat: pd.DataFrame, weekday_names: list[str]) -> pd.DataFrame:
    """Weekday x hour as the heat map draws it, whichever measure colours it: the weekday's
    name, the hour's clock time, tickets (n), called tickets, tickets per day, and the share
    called within the promise (%) and mean wait (min), empty where the map leaves the cell
    blank (too few called tickets)."""
    frame = heat.sort_values(["weekday", "hour"])
    enough = frame["n_called"] >= HEAT_MIN_CALLED
    return pd.DataFrame(
        {
            "weekday": [weekday_names[int(d) - 1] for d in frame["weekday"]],
            "hour": frame["hour"].map(fmt.clock),
            "n_tickets": frame["n_tickets"],
            "n_called": frame["n_called"],
            "tickets_per_day": frame["per_day"],
            "within_share (%)": (frame["within_share"] * 100).where(enough),
            downloads.headed("wait_mean", "minutes"): (frame["wait_mean_s"] / 60).where(enough),
        }
    ).reset_index(drop=True)


def plan(hours: pd.DataFrame, counters: int) -> pd.DataFrame:
    """Counters needed per hour as drawn, against the hall's counters (the dashed line), with
    the chance of waiting over the promise, the counters' utilisation and the observed share
    in percent."""
    frame = hours.sort_values("hour")
    return pd.DataFrame(
        {
            "hour": frame["hour"].map(fmt.clock),
            "arrivals_per_hour": frame["arrivals_per_hour"],
            "traffic_erlangs": frame["traffic_erlangs"],
            "counters_needed": frame["counters_needed"],
            "counters": counters,
            "p_over_now (%)": frame["p_over_now"] * 100,
            "utilisation_now (%)": frame["utilisation_now"] * 100,
            "is_stable_now": frame["is_stable_now"],
            "p_over_observed (%)": frame["p_over_observed"] * 100,
            "n_called": frame["n_called"],
        }
    ).reset_index(drop=True)


def snapshot_hours(hours: pd.DataFrame, metric_ids, lang: str) -> pd.DataFrame:
    """The snapshot metrics `metric_ids` by hour of day (a row per hour and metric), each in
    its unit, the hour as its clock time."""
    rows = hours.loc[hours["metric_id"].isin(metric_ids), SNAPSHOT_COLUMNS]
    out = downloads.by_metric(rows, lang)
    out["hour"] = out["hour"].map(fmt.clock)
    return out


def hall_table(
    halls: pd.DataFrame,
    lang: str,
    places: tuple[dict, dict, dict],
    company_target: float | None,
) -> pd.DataFrame:
    """Every hall in scope as the table lists it (weakest first) under the table's own words:
    its rank, name, city and tier, its tickets, and each headline metric's value, 95% interval
    and n in the metric's unit, the interval empty where the table shows none (too few
    tickets, or a 90th percentile in the open last bucket, which a column marks as only a
    lower bound: "≥ 60 min" on screen); after the promise, its target,
    the company's, the status and the change with its p-value."""
    promise = catalog.metric(queues.RANK_METRIC)
    names, cities, tiers = places  # code -> label of the halls, cities and tiers
    halls = halls.reset_index(drop=True)  # the columns below line up by position
    out = pd.DataFrame(
        {
            t("queues.col.rank"): halls["rank"].astype("Int64"),
            t("queues.col.hall"): [names.get(h, h) for h in halls["branch_id"]],
            t("queues.col.city"): [cities.get(c, c) for c in halls["city_id"]],
            t("queues.col.tier"): [tiers.get(v, v) for v in halls["tier"]],
            t("queues.col.n"): halls["n"].astype(int),
        }
    )
    out = pd.concat([out, _metric_columns(halls, promise, lang)], axis=1)
    u, k = unit(promise), scale(promise)
    out[t("queues.export.target", unit=u)] = halls["target"] * k
    company = float("nan") if company_target is None else company_target * k
    out[_with_unit(t("queues.col.company_target"), u)] = company
    out[t("queues.col.status")] = status_words(halls)
    out[t("queues.export.change", unit=change_unit(promise))] = halls[f"{promise.id}__delta"] * k
    out[t("queues.export.p_value")] = halls[f"{promise.id}__p_value"]
    others = [catalog.metric(m) for m in queues.TILE_METRICS if m != promise.id]
    return pd.concat([out, *(_metric_columns(halls, m, lang) for m in others)], axis=1)


def status_words(halls: pd.DataFrame) -> list[str]:
    """Each hall's standing against its target as the table words it."""
    return [
        t("queues.clearly_below") if clear else t(f"status.{s}")
        for s, clear in zip(halls["status"], halls["is_clearly_below"], strict=True)
    ]


def _metric_columns(halls: pd.DataFrame, metric, lang: str) -> pd.DataFrame:
    """One metric's value, 95% interval and n per hall in its unit, headed by its name."""
    label, u, k = metric.label(lang), unit(metric), scale(metric)
    value = halls[f"{metric.id}__value"].astype(float)
    shown = halls[f"{metric.id}__enough_n"].astype(object).eq(True) & value.notna()
    beyond = value >= OPEN_BUCKET_S  # in the open last bucket only a lower bound is known
    if metric.kind == "quantile":
        shown &= ~beyond
    columns = pd.DataFrame(
        {
            _with_unit(label, u): value * k,
            _with_unit(t("queues.export.low", metric=label), u): (
                halls[f"{metric.id}__low"].astype(float) * k
            ).where(shown),
            _with_unit(t("queues.export.high", metric=label), u): (
                halls[f"{metric.id}__high"].astype(float) * k
            ).where(shown),
            t("queues.export.n", metric=label): halls[f"{metric.id}__n"],
        }
    )
    if metric.kind == "quantile":  # the screen writes such a value "≥ 60 min"
        columns[t("queues.export.lower_bound", metric=label)] = beyond & value.notna()
    return columns


def _with_unit(header: str, unit_text: str) -> str:
    """A header with its unit in the reader's language ("Mean wait (min)"); none without."""
    return t("queues.export.with_unit", column=header, unit=unit_text) if unit_text else header
