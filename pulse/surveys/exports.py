"""The Surveys page's downloads as its charts and tables show them: a group, place, dimension
or wait by the name the screen gives it, each score in the unit drawn (CSAT in percent, an
overall score on the 0-10 axis the experience charts draw), quadrants and verdicts in the
page's words, and none of the sums, codes and helper columns the page draws from."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pulse import catalog
from pulse.i18n import t
from pulse.surveys import data as surveys
from pulse.ui import downloads
from pulse.ui.charts import scale, unit

PARTS = ("promoters", "passives", "detractors")
# the experience charts' series: the index is drawn on their 0-10 axis, a tenth of its value
SERIES = {"overall": ("index", 10.0), "speed": ("speed", 1.0), "staff": ("staff", 1.0)}
# the complaint chart's bars along its axis: the return visit's answer
VISITS = ("satisfied", "neutral", "dissatisfied", "none")
PLACE_METRICS = ("sat_index", *surveys.DIM_METRICS)


def split(frame: pd.DataFrame, by: str, labels: dict[str, str]) -> pd.DataFrame:
    """The split of each group as its bar shows it: responses, promoters, passives and
    detractors as counts and in percent, and NPS with its interval, empty where the bar says
    too few responses."""
    out = _named(frame, by, labels)
    for part in PARTS:
        out[f"n_{part}"] = _count(frame[f"n_{part}"])
    for part in PARTS:
        out[f"{part} (%)"] = (frame[f"n_{part}"] / frame["n"] * 100).to_numpy()
    return pd.concat([out, _scores(frame, "nps")], axis=1)


def groups_table(frame: pd.DataFrame, by: str, labels: dict[str, str]) -> pd.DataFrame:
    """The table of index, CSAT and NPS by group: each value and its 95% interval in its unit,
    empty where the table withholds it (too few responses)."""
    out = _named(frame, by, labels)
    return pd.concat([out, *(_scores(frame, m) for m in surveys.HEADLINE)], axis=1)


def distribution(dist: pd.DataFrame, by: str, labels: dict[str, str]) -> pd.DataFrame:
    """Responses per score (0-10) of one item, the share in percent as drawn, group by group
    from the top bar down (the most responses first)."""
    totals = dist.groupby("group_key")["n"].transform("sum")
    ordered = dist.assign(_total=totals).sort_values(
        ["_total", "group_key", "score"], ascending=[False, True, True]
    )
    return pd.DataFrame(
        {
            by: [labels.get(k, k) for k in ordered["group_key"]],
            "score": ordered["score"].to_numpy(),
            "n": _count(ordered["n"]),
            "share (%)": (ordered["share"] * 100).to_numpy(),
        }
    )


def dimensions(rows: pd.DataFrame, lang: str, table: bool = False) -> pd.DataFrame:
    """The six dimension scores, highest first as the table lists them, by the names the
    chart gives them: value, interval, n, whether n is enough, the comparison period's value
    and the target; the table adds the change, its test and the status against the target."""
    columns = ["value", "low", "high", "n", "enough_n", "cmp_value", "target"]
    labels = {}
    if table:
        columns[-1:-1] = ["delta", "p_value", "is_significant"]
        columns.append("status")
        labels["status"] = downloads.statuses()
    ordered = rows.sort_values("value", ascending=False)
    out = downloads.by_metric(ordered[["metric_id", *columns]], lang, labels)
    names = [t(f"surveys.dim.{m.removeprefix('dim_')}") for m in ordered["metric_id"]]
    out = out.assign(metric=names, n=_count(out["n"]))
    return out.rename(columns={"metric": "dimension"})


def places(
    frame: pd.DataFrame, level: str, names: dict[str, str], order: list, lang: str
) -> pd.DataFrame:
    """The table of scores by place, a row per place and score (the places in the table's
    order, then its columns'): the score and its n, whether n is enough (a grey cell), and
    whether the place stands significantly above or below the rest of the selection (a
    green or red cell), with the Benjamini-Hochberg adjusted p-value behind that colour."""
    key = "city_id" if level == "city" else "branch_id"
    rank = {k: i for i, k in enumerate(order)}
    metric_rank = {m: i for i, m in enumerate(PLACE_METRICS)}
    ordered = frame.assign(
        _place=frame[key].map(rank), _metric=frame["metric_id"].map(metric_rank)
    ).sort_values(["_place", "_metric"])
    versus = {"above": t("surveys.versus_rest.above"), "below": t("surveys.versus_rest.below")}
    rows = ordered[[key, "metric_id", "value", "n", "enough_n", "versus_rest", "q_rest"]]
    out = downloads.by_metric(rows, lang, {key: names, "versus_rest": versus})
    return out.assign(n=_count(out["n"])).rename(columns={key: level})


def drivers_table(table: pd.DataFrame) -> pd.DataFrame:
    """The key-driver table as listed, by rank: the importance (share of explained variance)
    and its bootstrap interval in percent, the coefficient and its interval, the mean score
    and the quadrant in the chart's words."""
    ordered = table.sort_values("rank")
    out = pd.DataFrame(
        {
            "dimension": [t(f"surveys.dim.{d}") for d in ordered["dimension"]],
            "rank": ordered["rank"].astype(int).to_numpy(),
        }
    )
    for column in ("importance", "importance_low", "importance_high"):
        out[f"{column} (%)"] = (ordered[column] * 100).to_numpy()
    for column in ("coef", "coef_low", "coef_high", "performance"):
        out[column] = ordered[column].to_numpy()
    out["quadrant"] = [t(f"surveys.drivers.quadrant.{q}") for q in ordered["quadrant"]]
    return out


def drivers_chart(table: pd.DataFrame) -> pd.DataFrame:
    """The importance-performance chart's points: the dimension, its importance and interval
    in percent (up), its mean score (across) and the quadrant it falls in."""
    return drivers_table(table).drop(columns=["rank", "coef", "coef_low", "coef_high"])


def experience_wait(frame: pd.DataFrame, buckets: list[str]) -> pd.DataFrame:
    """Scores by wait as drawn: the wait band as the axis writes it, the responses, and the
    overall, speed and staff scores (0-10) with their 95% intervals."""
    out = pd.DataFrame({"wait": buckets, "n": _count(frame["n_responses"])})
    return pd.concat([out, _series(frame, SERIES)], axis=1)


def experience_fcr(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores by first-contact resolution, each bar group by its name on the axis."""
    resolved = frame["is_first_contact_resolved"].astype(bool)
    words = [t(f"surveys.experience.fcr.{'yes' if v else 'no'}") for v in resolved]
    out = pd.DataFrame({"resolved_first_time": words, "n": _count(frame["n_responses"])})
    return pd.concat([out, _series(frame, SERIES)], axis=1)


def experience_complaint(frame: pd.DataFrame) -> pd.DataFrame:
    """Overall satisfaction (0-10) by the complaint's handling as drawn: the return visit's
    answer along the axis, on time or late as the legend words them, side by side."""
    rank = {v: i for i, v in enumerate(VISITS)}
    ordered = frame.assign(
        _visit=frame["return_visit"].map(rank), _late=~frame["is_on_time"].astype(bool)
    ).sort_values(["_visit", "_late"])
    out = pd.DataFrame(
        {
            "return_visit": [t(f"surveys.experience.visit.{v}") for v in ordered["return_visit"]],
            "handling": [
                t(f"surveys.experience.on_time.{'yes' if on_time else 'no'}")
                for on_time in ordered["is_on_time"].astype(bool)
            ],
            "n": _count(ordered["n_responses"]),
        }
    )
    return pd.concat([out, _series(ordered, {"overall": SERIES["overall"]})], axis=1)


def _named(frame: pd.DataFrame, by: str, labels: dict[str, str]) -> pd.DataFrame:
    """A group's name as the chart and table write it, and its responses."""
    return pd.DataFrame(
        {by: [labels.get(k, k) for k in frame["group_key"]], "n": _count(frame["n"])}
    )


def _count(values: pd.Series) -> np.ndarray:
    """Counts as whole numbers (the store sums them as doubles); an empty count stays empty."""
    return pd.array(values.to_numpy(dtype=float).round(), dtype="Int64")


def _scores(frame: pd.DataFrame, metric_id: str) -> pd.DataFrame:
    """A headline metric's value and interval per group in the unit drawn ("csat (%)"),
    withheld (empty) where the group has too few responses for it."""
    metric = catalog.metric(metric_id)
    enough = frame[f"{metric_id}_enough_n"].astype(object).eq(True).to_numpy()
    u, k = unit(metric), scale(metric)
    out = {}
    for end in ("", "_low", "_high"):
        values = frame[f"{metric_id}{end}"].astype(float).to_numpy() * k
        header = f"{metric_id}{end} ({u})" if u else f"{metric_id}{end}"
        out[header] = np.where(enough, values, np.nan)
    return pd.DataFrame(out)


def _series(frame: pd.DataFrame, series: dict[str, tuple[str, float]]) -> pd.DataFrame:
    """Each series' score and 95% interval on the 0-10 axis the charts draw."""
    out = {}
    for name, (column, divisor) in series.items():
        for end in ("", "_low", "_high"):
            out[f"{name}{end}"] = frame[f"{column}{end}"].astype(float).to_numpy() / divisor
    return pd.DataFrame(out)
