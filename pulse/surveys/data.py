"""Everything the Surveys page shows, computed without Streamlit: scores with their intervals by
touchpoint, segment and brand, score distributions, the six dimensions by place, the scores
behind each kind of experience, and the key-driver analysis."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from pulse import catalog, copies, filters, measures, records, settings, sql, stats, values
from pulse.store import Store
from pulse.surveys import drivers

HEADLINE = ("sat_index", "csat", "nps")
DIM_METRICS = tuple(f"dim_{d}" for d in drivers.DIMENSIONS)
BREAKDOWNS = ("touchpoint", "segment", "brand")
SCORES = tuple(range(11))
ITEMS = ("overall", "recommend")
# the experience table's scores, computed as the catalogue computes these metrics
EXPERIENCE_METRICS = {
    "index": "sat_index",
    "speed": "dim_speed",
    "staff": "dim_staff",
    "nps": "nps",
}
_SUMMED = re.compile(r"^sum\((\w+)\)$")


def promise(kind: str) -> float:
    """Where the wait of a hall ticket ('hall', minutes) or of a hotline call ('call',
    seconds) breaks the promise, from the settings (the wait bands' unit)."""
    if kind == "hall":
        return settings.get("promise_s") / 60
    return settings.get("service_level_s")


def run(
    store: Store, name: str, rollup: str, f: filters.Filter, period: filters.Period, **context
) -> tuple[pd.DataFrame, list[str]]:
    """Run queries/<name>.sql.j2 for the current period on the copy of a rollup that answers it
    (pulse.copies); returns rows and the filter fields the rollup cannot honour."""
    where, params, not_applied = filters.where_clause(f, rollup)
    pieces, dates = copies.pieces(rollup, f, {"cur": (period.start, period.end)})
    query = sql.render(name, where=where, pieces=pieces, **context)
    return store.cached_df(query, {**params, **dates}), not_applied


def splits(store: Store, f: filters.Filter, period: filters.Period, by: str) -> pd.DataFrame:
    """Index, CSAT and NPS with intervals, and the promoter / passive / detractor counts, per
    value of `by` (touchpoint, segment or brand); one row per group."""
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break surveys down by {by!r}")
    metrics = [catalog.metric(m) for m in HEADLINE]
    raw = measures.fetch(store, metrics, f, period, [(by,)])[(by,)]
    if raw.empty:
        return pd.DataFrame()
    evaluated = values.evaluate(metrics, raw, (by,), period)
    current = raw[raw["period"] == "cur"].set_index(by)
    out = pd.DataFrame(index=current.index)
    out["n"] = current["sat_index__denominator"]
    for part in ("promoters", "passives", "detractors"):
        out[f"n_{part}"] = current[f"nps__{part}"]
    for metric in metrics:
        rows = evaluated[evaluated["metric_id"] == metric.id].set_index(by)
        for column in ("value", "low", "high", "enough_n", "cmp_value", "p_value"):
            name = metric.id if column == "value" else f"{metric.id}_{column}"
            out[name] = rows[column].reindex(out.index)
    out = out[out["n"].fillna(0) > 0]
    return out.rename_axis("group_key").reset_index().sort_values("n", ascending=False)


def distribution(
    store: Store, f: filters.Filter, period: filters.Period, by: str | None
) -> tuple[pd.DataFrame, list[str]]:
    """Responses per score (0-10) of overall satisfaction and of likelihood to recommend, per
    group of `by` (None: the whole selection); long rows (group_key, item, score, n, share)."""
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(f"cannot break surveys down by {by!r}")
    wide, not_applied = run(
        store, "surveys/score_distribution", "survey_score_hist", f, period, by=by
    )
    rows = []
    for record in wide.to_dict("records"):
        for item in ITEMS:
            counts = [float(record[f"n_{item}_{s}"] or 0) for s in SCORES]
            total = sum(counts)
            for score, n in zip(SCORES, counts, strict=True):
                rows.append(
                    {
                        "group_key": record["group_key"],
                        "item": item,
                        "score": score,
                        "n": n,
                        "share": n / total if total else np.nan,
                    }
                )
    columns = ["group_key", "item", "score", "n", "share"]
    return pd.DataFrame(rows, columns=columns), not_applied


def by_place(store: Store, f: filters.Filter, period: filters.Period, level: str) -> pd.DataFrame:
    """The satisfaction index and six dimension scores per city or hall (level 'city' or
    'hall'), each tested against the rest of the selection (Welch) with a Benjamini-Hochberg
    correction over every place and score: 'below' or 'above' when significant, else ''."""
    group = ("city_id",) if level == "city" else ("city_id", "branch_id")
    metrics = [catalog.metric(m) for m in ("sat_index", *DIM_METRICS)]
    raw = measures.fetch(store, metrics, f, period, [group, ()])
    places, total = raw[group], raw[()]
    if places.empty:
        return pd.DataFrame()
    if level == "hall":
        places = places[places["branch_id"].notna()]
    evaluated = values.evaluate(metrics, places, group, period)
    evaluated = evaluated[evaluated["n"].fillna(0) > 0].copy()
    current = places[places["period"] == "cur"]
    whole = total[total["period"] == "cur"]
    evaluated["p_rest"] = np.nan
    for metric in metrics if not whole.empty else ():
        rows = evaluated["metric_id"] == metric.id
        evaluated.loc[rows, "p_rest"] = _versus_rest(
            metric.id, evaluated.loc[rows, list(group)], current, whole.iloc[0]
        )
    evaluated["q_rest"] = stats.adjust_pvalues(evaluated["p_rest"].to_numpy())
    rest_mean = {
        m.id: _rest_mean(m.id, whole) * (m.scale if m.kind == "mean" else 1) for m in metrics
    }
    significant = (evaluated["q_rest"] < values.ALPHA) & evaluated["enough_n"]
    higher = evaluated["value"] > evaluated["metric_id"].map(rest_mean)
    evaluated["versus_rest"] = np.where(significant, np.where(higher, "above", "below"), "")
    return evaluated.reset_index(drop=True)


def _parts(metric_id: str, row) -> tuple[float, float, float]:
    return (
        float(row[f"{metric_id}__numerator"]),
        float(row[f"{metric_id}__sum_sq"]),
        float(row[f"{metric_id}__denominator"]),
    )


def _rest_mean(metric_id: str, whole: pd.DataFrame) -> float:
    if whole.empty:
        return np.nan
    s, _, n = _parts(metric_id, whole.iloc[0])
    return s / n if n else np.nan


def _versus_rest(metric_id: str, keys: pd.DataFrame, current: pd.DataFrame, whole) -> np.ndarray:
    """Welch p-values of places (`keys`, their rows of `current`) against every other response
    in the selection (`whole`), one per place, in the order of `keys`."""
    columns = [f"{metric_id}__{part}" for part in ("numerator", "sum_sq", "denominator")]
    place = keys.merge(current[[*keys.columns, *columns]], on=list(keys.columns), how="left")
    s1, ss1, n1 = (place[c].astype(float).to_numpy() for c in columns)
    s, ss, n = _parts(metric_id, whole)
    return np.asarray(stats.mean_difference_pvalue(s1, ss1, n1, s - s1, ss - ss1, n - n1))


def experience(
    store: Store, f: filters.Filter, period: filters.Period
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Scores of contact surveys by what the respondent went through: 'hall_wait' (minutes
    from ticket to call), 'call_wait' (seconds to answer), 'call_fcr' (resolved on that call)
    and 'complaint' (on time or late, and the return visit). Each row carries n, the index
    and the speed and staff scores with t intervals, and NPS with its adjusted-Wald interval."""
    raw, not_applied = run(store, "surveys/experience", "survey_experience", f, period)
    views = {
        "hall_wait": (raw[raw["contact"] == "ticket"], ["wait_bucket"]),
        "call_wait": (raw[raw["contact"] == "call"], ["wait_bucket"]),
        "call_fcr": (raw[raw["contact"] == "call"], ["is_first_contact_resolved"]),
        "complaint": (raw[raw["contact"] == "complaint"], ["is_on_time", "return_visit"]),
    }
    return {name: _scores(rows, keys) for name, (rows, keys) in views.items()}, not_applied


_SUMS = [
    "n_responses",
    "overall_sum",
    "overall_sumsq",
    "n_overall_top",
    "n_promoters",
    "n_passives",
    "n_detractors",
    "speed_n",
    "speed_sum",
    "speed_sumsq",
    "staff_n",
    "staff_sum",
    "staff_sumsq",
]


def _scores(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum the experience rows per key and turn the sums into scores with intervals, each as
    the catalogue route computes its metric (pulse.values): the experience rollup carries the
    columns the catalogue sums in survey_daily (n_promoters, overall_sum ...)."""
    scored = [f"{name}{end}" for name in EXPERIENCE_METRICS for end in ("", "_low", "_high")]
    if rows.empty:
        return pd.DataFrame(columns=[*keys, *_SUMS, *scored])
    grouped = rows.groupby(keys, dropna=False)[_SUMS].sum().reset_index()
    grouped = grouped[grouped[keys].notna().all(axis=1)].reset_index(drop=True)
    for name, metric_id in EXPERIENCE_METRICS.items():
        result = values.compute(catalog.metric(metric_id), _parts_of(metric_id, grouped))
        grouped[name], grouped[f"{name}_low"], grouped[f"{name}_high"] = (
            result["value"],
            result["low"],
            result["high"],
        )
    return grouped


def _parts_of(metric_id: str, sums: pd.DataFrame) -> pd.DataFrame:
    """A metric's parts ({id}__numerator ...) from the columns its catalogue entry sums."""
    metric = catalog.metric(metric_id)
    parts = {}
    for part in values.PARTS:
        expression = getattr(metric, part)
        if expression is not None:
            parts[f"{metric_id}__{part}"] = sums[_SUMMED.match(expression).group(1)]
    return pd.DataFrame(parts)


def split_test(frame: pd.DataFrame, keep: pd.Series, item: str = "overall") -> dict:
    """Compare the mean `item` score of the rows where `keep` holds with the others (Welch):
    both means (0-10), their n, and the two-sided p-value."""
    inside, outside = frame[keep], frame[~keep]
    n_col = "n_responses" if item == "overall" else f"{item}_n"
    sums = [
        (g[f"{item}_sum"].sum(), g[f"{item}_sumsq"].sum(), g[n_col].sum())
        for g in (inside, outside)
    ]
    (s1, ss1, n1), (s2, ss2, n2) = sums
    return {
        "mean_in": s1 / n1 if n1 else np.nan,
        "mean_out": s2 / n2 if n2 else np.nan,
        "n_in": n1,
        "n_out": n2,
        "p_value": float(stats.mean_difference_pvalue(s1, ss1, n1, s2, ss2, n2)),
    }


_driver_cache: OrderedDict[tuple, drivers.Drivers] = OrderedDict()
_driver_lock = threading.Lock()


def key_drivers(
    store: Store, f: filters.Filter, period: filters.Period, n_in_scope: float
) -> drivers.Drivers:
    """The key-driver analysis of the selection: complete responses from survey_response, a
    seeded random sample of them when the selection holds more than drivers.SAMPLE_SIZE
    responses. n_in_scope is the number of responses in scope (the index's n)."""
    rate = drivers.sample_rate(n_in_scope)
    where, params, _ = filters.conditions(f, records.SOURCES["surveys"])
    query = sql.render("surveys/driver_sample", where=where)
    start = dt.datetime.combine(period.start, dt.time())
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    params = {
        **params,
        "ts_from": start,
        "ts_to": end,
        "seed": drivers.SEED,
        "keep_per_million": int(np.ceil(rate * 1_000_000)),
    }
    key = (str(store.path), store.data_version, query, tuple(sorted(params.items())))
    with _driver_lock:
        if key in _driver_cache:
            return _driver_cache[key]
    responses = store.cached_df(query, params)
    result = drivers.analyse(responses, int(n_in_scope or 0), rate)
    with _driver_lock:
        _driver_cache[key] = result
        while len(_driver_cache) > 64:
            _driver_cache.popitem(last=False)
    return result


def forget_drivers() -> None:
    """Forget every remembered driver analysis (benchmarks measure an empty cache)."""
    with _driver_lock:
        _driver_cache.clear()


def comments(
    store: Store,
    f: filters.Filter,
    period: filters.Period,
    *,
    page: int = 0,
    search: str | None = None,
) -> records.Page:
    """One page of the responses in scope that carry a comment, newest first; `search` keeps
    those whose comment contains the text (matched case-insensitively, bound, never pasted)."""
    return records.fetch(store, "surveys", f, period, page=page, search=search, comments_only=True)
