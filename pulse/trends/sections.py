"""The Trends page's pieces: its controls, the trend in words, and each metric's section."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from pulse import catalog, control, trend_stats
from pulse.catalog import Metric
from pulse.i18n import language, sentences, t
from pulse.trends import data as trends
from pulse.ui import downloads, page_state, show
from pulse.ui import format as fmt

DEFAULT_METRICS = ["queue_wait_mean", "hotline_service_level"]
MOST = 4


@dataclass(frozen=True)
class Choice:
    """What the user asked the Trends page for."""

    metrics: list[str]
    grain: str
    split: str
    window: str
    overlays: tuple[str, ...]
    stl: bool


def _labels(prefix: str, values) -> dict[str, str]:
    """Option labels worked out now, in this run's language (a format_func may be called
    outside the run, where the language is not set)."""
    return {v: t(f"{prefix}.{v}") for v in values}


def controls(ctx) -> Choice:
    """Metric, window, grain, split and overlay choices, kept in the URL (t_* keys)."""
    ids = catalog.metric_ids()
    lang = language()
    labels = {m: catalog.metric(m).label(lang) for m in ids}
    page_state.restore("t_metrics", "t_metrics", page_state.listed(ids, MOST))
    page_state.restore("t_window", "t_window", page_state.one_of(trends.WINDOWS))
    page_state.restore("t_grain", "t_grain", page_state.one_of(("auto", *trends.GRAINS)))
    page_state.restore("t_split", "t_split", page_state.one_of(trends.SPLITS))
    page_state.restore("t_overlays", "t_overlays", page_state.listed(trends.OVERLAYS))
    st.session_state.setdefault("t_metrics", DEFAULT_METRICS)
    st.session_state.setdefault("t_window", "24m")
    st.session_state.setdefault("t_grain", "auto")
    st.session_state.setdefault("t_split", "city")
    st.session_state.setdefault("t_overlays", [])
    st.multiselect(
        t("trends.metrics"),
        ids,
        key="t_metrics",
        format_func=lambda m: labels[m],
        max_selections=MOST,
        help=t("trends.metrics_help"),
        persist_state="session",
    )
    left, middle, right, last = st.columns(4)
    left.selectbox(
        t("trends.window"),
        trends.WINDOWS,
        key="t_window",
        format_func=_labels("trends.windows", trends.WINDOWS).get,
        persist_state="session",
    )
    middle.selectbox(
        t("trends.grain"),
        ("auto", *trends.GRAINS),
        key="t_grain",
        format_func=_labels("trends.grains", ("auto", *trends.GRAINS)).get,
        persist_state="session",
    )
    right.selectbox(
        t("trends.split"),
        trends.SPLITS,
        key="t_split",
        format_func=_labels("trends.splits", trends.SPLITS).get,
        persist_state="session",
    )
    last.multiselect(
        t("trends.overlays"),
        trends.OVERLAYS,
        key="t_overlays",
        format_func=_labels("trends.overlay", trends.OVERLAYS).get,
        placeholder=t("trends.no_overlay"),
        persist_state="session",
    )
    stl = st.toggle(t("trends.stl_toggle"), key="t_stl", help=t("trends.stl_help"))
    dump = ",".join
    page_state.publish("t_metrics", "t_metrics", dump, DEFAULT_METRICS)
    page_state.publish("t_window", "t_window", str, "24m")
    page_state.publish("t_grain", "t_grain", str, "auto")
    page_state.publish("t_split", "t_split", str, "city")
    page_state.publish("t_overlays", "t_overlays", dump, [])
    start, end = trends.window(ctx.period, st.session_state["t_window"])
    grain = st.session_state["t_grain"]
    return Choice(
        metrics=list(st.session_state["t_metrics"]),
        grain=trends.default_grain(start, end) if grain == "auto" else grain,
        split=st.session_state["t_split"],
        window=st.session_state["t_window"],
        overlays=tuple(st.session_state["t_overlays"]),
        stl=stl,
    )


def sentence(metric: Metric, found: trend_stats.Trend | None) -> str:
    """The trend in words: 'improving 0.3 pp a month, significant (p = 0.002; …)'."""
    if found is None:
        return t("trends.say.too_few", n=trend_stats.MIN_POINTS)
    slope = slope_text(metric, found.slope)
    p = fmt.p_value(found.p_value)
    if not found.significant:
        return t("trends.say.flat", slope=slope, p=p)
    better = metric.higher_is_better
    if better is None:
        word = t("trends.say.rising") if found.slope > 0 else t("trends.say.falling")
    else:
        good = (found.slope > 0) == better
        word = t("trends.say.improving") if good else t("trends.say.worsening")
    size = slope_text(metric, abs(found.slope)).lstrip("+")
    low, high = slope_text(metric, found.low), slope_text(metric, found.high)
    return t("trends.say.significant", direction=word, slope=size, p=p, low=low, high=high)


_SLOPE_UNITS = {
    "pct1": "unit.pp",
    "points": "unit.points",
    "minutes": "unit.minutes",
    "seconds": "unit.seconds",
    "hours": "unit.hours",
}


def slope_text(metric: Metric, slope: float) -> str:
    """A change per month in the displayed unit, with as many decimals as a small slope
    needs (+0.04 pp, -0.3 min, +1,204)."""
    v = fmt.plain(metric, slope)
    if v is None:
        return fmt.DASH
    size = abs(v)
    digits = 0 if size >= 10 else 1 if size >= 1 else 2 if size >= 0.1 else 3
    text = fmt.number(v, digits, signed=True)
    key = _SLOPE_UNITS.get(metric.format)
    return t(key, x=text) if key else text


def trend_of(points: pd.DataFrame, grain: str) -> trend_stats.Trend | None:
    """The trend test of one line, leaving out partial buckets; daily lines are tested on
    their weekly means so the weekday pattern does not pass for autocorrelation."""
    keep = ~points["partial"].to_numpy(dtype=bool) & points["value"].notna().to_numpy()
    days = points["bucket"].to_numpy()[keep]  # numpy: a line at a time
    values = points["value"].to_numpy(dtype=float)[keep]
    if grain == "day" and len(days):
        weeks = trends.bucket_of(pd.Series(days), "week")
        grouped = pd.Series(values).groupby(weeks.to_numpy()).agg(["mean", "size"])
        grouped = grouped[grouped["size"] == 7]
        days, values = grouped.index.to_numpy(), grouped["mean"].to_numpy()
    if len(days) == 0:
        return None
    return trend_stats.trend(trend_stats.months_since(days, days.min()), values)


def chart_for(metric: Metric, points: pd.DataFrame) -> tuple[control.Chart, str]:
    """The control chart this kind of metric calls for, and its name."""
    kind = control.CHARTS[metric.kind]
    if kind == "p":
        return control.p_chart(points["x"], points["size"]), "p"
    if kind == "u":
        return control.u_chart(points["x"], points["size"], per_point=metric.kind == "count"), "u"
    floor = None if metric.kind == "nps" else 0.0  # only NPS can go below zero
    return control.individuals(points["value"], floor), "i"


def signals_for(metric, points, events, grain, city=None) -> tuple[control.Chart, pd.DataFrame]:
    """A line's control chart and its signals matched with events: first those of the
    line's own city or the whole company, then, for what is left, events elsewhere (an
    outage in one city loads the shared hotline of all)."""
    cuts = Events.of(events)
    points = points[~points["partial"]].reset_index(drop=True)
    chart, _ = chart_for(metric, points)
    signalled = control.signals(chart, points["bucket"], points["bucket_end"])
    days = trends.BUCKET_DAYS[grain]
    if city is None:
        return chart, signalled.assign(event_ids=cuts.explain(signalled, days))
    local = cuts.explain(signalled, days, city)
    elsewhere = cuts.explain(signalled, days, None, "outage")
    ids = [mine or list(other) for mine, other in zip(local, elsewhere, strict=True)]
    return chart, signalled.assign(event_ids=ids)


class Events:
    """The window's events as arrays, cut by city and kind for each of a page's lines
    without a frame per cut (cutting frames for each of a company-wide page's lines took a
    tenth of the Trends page at province)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._kinds = frame["kind"].to_numpy(dtype=object)
        self._cities = frame["city_id"].to_numpy(dtype=object)
        self._ids = frame["event_id"].to_numpy()
        self._starts = control.stamps(frame["starts_on"])
        self._ends = control.stamps(frame["ends_on"])

    @functools.cached_property
    def names(self) -> dict[str, str]:
        """Each event's name by its id (event_names), made once for all the page's lines."""
        return event_names(self.frame)

    @classmethod
    def of(cls, events: Events | pd.DataFrame) -> Events:
        """`events` as an Events (a frame is wrapped)."""
        return events if isinstance(events, Events) else cls(events)

    def _keep(self, city, kind) -> np.ndarray:
        keep = np.ones(len(self._ids), dtype=bool)
        if kind is not None:
            keep &= self._kinds == kind
        if city is not None:
            keep &= pd.isna(self._cities) | (self._cities == city)
        return keep

    def cut(self, city=None, kind: str | None = None) -> pd.DataFrame:
        """The events of one kind (None: any) logged for the city or the whole company
        (city None: anywhere)."""
        keep = self._keep(city, kind)
        if keep.all():
            return self.frame
        return self.frame.iloc[np.flatnonzero(keep)] if keep.any() else self.frame.iloc[:0]

    def explain(self, found: pd.DataFrame, bucket_days: int, city=None, kind=None) -> list:
        """control.explain's event ids for each signal, among the events cut() gives."""
        keep = self._keep(city, kind)
        if not keep.any() or found.empty:
            return [[] for _ in range(len(found))]
        return control.match(
            found, self._starts[keep], self._ends[keep], self._ids[keep], bucket_days
        )


def event_names(events: pd.DataFrame) -> dict[str, str]:
    """Each event's name by its id, 'Outage: Dongguan network outage', in the reader's
    language: made once for a metric's signals, steps and chart (a pandas lookup a row took a
    tenth of the Trends page's run)."""
    title = events["title_zh" if language() == "zh" else "title_en"]
    kinds = {kind: t("event." + kind) for kind in events["kind"].unique()}
    return {
        event_id: f"{kinds[kind]}: {name}"
        for event_id, kind, name in zip(events["event_id"], events["kind"], title, strict=True)
    }


def titles_of(names: dict[str, str], ids: list[str]) -> str:
    """The events' names joined: 'Outage: …; Initiative: …'."""
    return "; ".join(names[i] for i in ids)


def signal_rows(metric: Metric, found: pd.DataFrame, names: dict[str, str], line: str) -> list:
    """Rows of the 'what stands out' table for one line; `names` from event_names."""
    rows = []
    for r in found.itertuples():
        rows.append(
            {
                t("trends.col.line"): line,
                t("trends.col.when"): pd.Timestamp(r.starts_on).date().isoformat(),
                t("trends.col.signal"): t(f"trends.signal.{r.signal}"),
                t("trends.col.value"): fmt.value(metric, r.value),
                t("trends.col.limits"): fmt.span(metric, r.lower, r.upper),
                t("trends.col.explained"): titles_of(names, r.event_ids) or t("trends.unexplained"),
            }
        )
    return rows


def step_rows(metric, points, events, grain, line: str, city=None, reference=None) -> list:
    """Rows for initiatives in the line's scope: the level a quarter before and after the
    start, and whether the step is significant (Welch's t test). A split line is judged
    relative to the total (its ratio to it), so the season that moves every line does not
    pass for the initiative's effect."""
    cuts = Events.of(events)
    mine = cuts.cut(city, "initiative")
    if mine.empty:  # most lines of a company-wide page: nothing to judge
        return []
    points = points[~points["partial"]].reset_index(drop=True)
    days = trends.BUCKET_DAYS[grain]
    ratio = None
    if reference is not None:
        ref = reference[~reference["partial"]].set_index("bucket")["value"]
        ratio = points["value"].to_numpy() / ref.reindex(points["bucket"]).to_numpy()
    rows = []
    names = cuts.names
    for event in mine.itertuples():
        levels = control.step_at(points["value"], points["bucket"], event.starts_on, days)
        if not levels:
            continue
        judged = levels
        relative = ""
        if ratio is not None:
            judged = control.step_at(ratio, points["bucket"], event.starts_on, days) or levels
            change = judged["after"] / judged["before"] - 1 if judged["before"] else np.nan
            relative = t("trends.step.relative", change=fmt.share(change, 1, signed=True))
        verdict = t("trends.step.significant") if judged["significant"] else t("trends.step.noise")
        rows.append(
            {
                t("trends.col.line"): line,
                t("trends.col.when"): pd.Timestamp(event.starts_on).date().isoformat(),
                t("trends.col.signal"): t("trends.step.signal", verdict=verdict),
                t("trends.col.value"): t(
                    "trends.step.levels",
                    before=fmt.value(metric, levels["before"]),
                    after=fmt.value(metric, levels["after"]),
                    relative=relative,
                    p=fmt.p_value(judged["p_value"]),
                ),
                t("trends.col.limits"): "",
                t("trends.col.explained"): titles_of(names, [event.event_id]),
            }
        )
    return rows


def chart_note(metric: Metric, chart: control.Chart) -> str:
    """Which control chart this is and how its limits were set."""
    note = t(f"trends.control.kind_{chart.chart}")
    if chart.sigma_z is not None:
        note = sentences(note, t("trends.control.laney", sigma=fmt.number(chart.sigma_z, 2)))
    return note


def partial_note(points: pd.DataFrame, grain: str) -> tuple[str, ...]:
    """Why a control chart's n is smaller than the line's: it leaves out the part-periods at
    the window's ends, whose limits would not compare with the whole ones."""
    left = float(points.loc[points["partial"], "n"].fillna(0).sum())
    if not left:
        return ()
    return (
        t(
            "trends.control.partial",
            left=fmt.count(left),
            total=fmt.count(points["n"].fillna(0).sum()),
            grain=t(f"trends.grains.{grain}"),
        ),
    )


def export_frame(metric: Metric, lines: pd.DataFrame, names: dict, total: str) -> pd.DataFrame:
    """The metric's points as a download: bucket, line (by its name: `names` by key, `total`
    for the line of all in scope), value and interval in the unit the chart draws, n."""
    columns = ["bucket", "key", "value", "low", "high", "n", "enough_n", "partial"]
    frame = lines[columns].assign(
        key=[total if pd.isna(k) else names.get(k, k) for k in lines["key"]]
    )
    frame.insert(0, "metric", metric.label(language()))
    return downloads.one_metric(frame.rename(columns={"key": "line"}), metric)


def with_nan(values) -> np.ndarray:
    """Values as floats with missing as nan."""
    return np.asarray(pd.to_numeric(values, errors="coerce"), dtype=float)


def shown(
    meta_title: str, metric: Metric, n: float, notes: tuple[str, ...], span: tuple
) -> show.Meta:
    """The stamp of a metric's chart over the history `span` (its first and last day)."""
    return show.Meta(meta_title, metric.definition(language()), n, notes, name=metric.id, span=span)
