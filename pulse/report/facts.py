"""The numbers a report reads: each family's catalogue metrics fetched once from the rollups
(measures.fetch, one query per rollup) and evaluated with n, interval and the test of change
(values.evaluate), with the targets that apply and the events in scope."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from pulse import catalog, events, filters, histograms, measures, targets, values
from pulse import keys as key_slots
from pulse.catalog import Metric
from pulse.dimensions import Dimensions
from pulse.store import Store
from pulse.trends import data as trends

TOTAL, CITY, HALL = (), ("city_id",), ("city_id", "branch_id")
BUCKET = ("bucket",)  # a trend's day, week or month, made in the SQL (measures.BUCKET)
QUEUE = ("queue_id",)
# report section -> catalogue family
FAMILIES = {"surveys": "survey", "queues": "queue", "hotline": "hotline", "complaints": "complaint"}
DAILY_UP_TO, WEEKLY_UP_TO = 31, 190  # days in the period: trend by day, week, else month


class Facts:
    """Everything a report's sections read for one filter, fetched on first use."""

    def __init__(
        self, store: Store, f: filters.Filter, period: filters.Period, dims: Dimensions
    ) -> None:
        self.store, self.filter, self.period, self.dims = store, f, period, dims
        self._raw: dict[str, dict] = {}
        self._quantiles: dict[tuple, pd.DataFrame] = {}

    def metrics(self, family: str) -> list[Metric]:
        """The family's catalogue metrics, in catalogue order."""
        return catalog.family(family)

    def raw(self, family: str) -> dict[tuple, pd.DataFrame]:
        """The family's additive measures in total, by city and by hall (current and
        comparison); its quantiles are fetched apart (`evaluated`)."""
        if family not in self._raw:
            sums = [m for m in self.metrics(family) if m.kind != "quantile"]
            groupings = [TOTAL, CITY, HALL]
            self._raw[family] = measures.fetch(
                self.store, sums, self.filter, self.period, groupings
            )
        return self._raw[family]

    def evaluated(self, metrics: list[Metric], raw: pd.DataFrame, g: tuple) -> pd.DataFrame:
        """values.evaluate of the sums in `raw`, with each quantile metric's rows from its
        histograms added up in the SQL (histograms.fetch), on the same keys and in the
        metrics' order: a key without a histogram in a period gets no value there, as
        evaluate gives it."""
        sums = [m for m in metrics if m.kind != "quantile"]
        found = values.evaluate(sums, raw, g, self.period)
        if len(found) == 0 or len(sums) == len(metrics):
            return found
        first = found["metric_id"] == found["metric_id"].iloc[0]
        keys = found.loc[first, list(g)].reset_index(drop=True)
        blocks = dict(list(found.groupby("metric_id", sort=False)))
        parts = [
            self._quantile_rows(m, keys, g)[found.columns] if m.kind == "quantile" else blocks[m.id]
            for m in metrics
            if m.kind == "quantile" or m.id in blocks
        ]
        return pd.concat(parts, ignore_index=True)

    def _quantile_rows(self, m: Metric, keys: pd.DataFrame, g: tuple) -> pd.DataFrame:
        """A quantile metric's value, interval and n in both periods on `keys`."""
        found = self._histograms(m, g)
        out = {c: keys[c] for c in g}
        for which, prefix in (("cur", ""), ("cmp", "cmp_")):
            part = found[found["period"] == which]
            at = _positions(keys, part, g)
            for column in ("value", "low", "high", "n"):
                found_values = np.append(part[column].to_numpy(dtype=float), np.nan)
                out[prefix + column] = found_values[at]  # -1: the NaN appended, no histogram
        n = out["n"]
        out.update(
            metric_id=m.id,
            enough_n=np.nan_to_num(n, nan=0.0) >= max(m.min_n, 1),
            delta=out["value"] - out["cmp_value"],
            p_value=np.nan,  # no test of change for a quantile
            is_significant=False,
        )
        return pd.DataFrame(out, index=keys.index)

    def _histograms(self, m: Metric, g: tuple) -> pd.DataFrame:
        """A quantile metric's rows of grouping `g`: the total, cities and halls come from
        one query (its grouping sets), asked once."""
        sets = [TOTAL, CITY, HALL] if g in (TOTAL, CITY, HALL) else [g]
        if (m.id, g) not in self._quantiles:
            keys = sorted({c for s in sets for c in s})
            found = histograms.fetch(
                self.store, m, self.filter, self.period, [(c, c) for c in keys], sets
            )
            self._quantiles.update({(m.id, s): found[s] for s in sets})
        return self._quantiles[(m.id, g)]

    @cached_property
    def year_targets(self) -> pd.DataFrame:
        """The targets of the year the period ends in."""
        return targets.for_year(self.store, self.period.end.year)

    @cached_property
    def events(self) -> pd.DataFrame:
        """Outages, initiatives, holidays and promotions that overlap the period, in scope."""
        return events.in_period(self.store, self.filter, self.period)

    def totals(self, family: str) -> pd.DataFrame:
        """One row per metric over the whole scope, with its target and status."""
        frame = self.evaluated(self.metrics(family), self.raw(family)[TOTAL], TOTAL)
        f = self.filter
        hall = f.halls[0] if len(f.halls) == 1 else None
        city = f.cities[0] if len(f.cities) == 1 else None
        return self._judge(frame, hall=hall, city=city)

    def by_city(self, family: str) -> pd.DataFrame:
        """One row per (city, metric), with the city's target and status."""
        frame = self.evaluated(self.metrics(family), self.raw(family)[CITY], CITY)
        frame = frame[frame["city_id"].notna()]
        return self._judge(frame, city=frame["city_id"])

    def by_hall(self, family: str) -> pd.DataFrame:
        """One row per (hall, metric), with the most specific target and its status; empty
        for families that are not counted by hall (the hotline)."""
        frame = self.evaluated(self.metrics(family), self.raw(family)[HALL], HALL)
        frame = frame[frame["branch_id"].notna()] if "branch_id" in frame else frame.iloc[0:0]
        if frame.empty:
            return frame.assign(tier=[], target=[], target_level=[], status=[])
        tiers = dict(zip(self.dims.halls["branch_id"], self.dims.halls["tier"], strict=True))
        frame = frame.assign(tier=frame["branch_id"].map(tiers))
        return self._judge(
            frame, hall=frame["branch_id"], tier=frame["tier"], city=frame["city_id"]
        )

    def by_queue(self) -> pd.DataFrame:
        """Hotline metrics by queue (skill)."""
        metrics = self.metrics("hotline")
        sums = [m for m in metrics if m.kind != "quantile"]
        raw = measures.fetch(self.store, sums, self.filter, self.period, [QUEUE])[QUEUE]
        frame = self.evaluated(metrics, raw, QUEUE)
        return frame[frame["queue_id"].notna()].reset_index(drop=True)

    def grain(self) -> str:
        """The trend's step for this period: day, week or month."""
        days = self.period.days
        return "day" if days <= DAILY_UP_TO else "week" if days <= WEEKLY_UP_TO else "month"

    def trend(self, family: str, metric_ids: list[str]) -> pd.DataFrame:
        """The metrics by day, week or month over the current period: bucket, metric_id,
        value, low, high, n, enough_n, summed up to the buckets in the SQL (as the Trends
        page's lines are)."""
        metrics = [catalog.metric(m) for m in metric_ids]
        key = histograms.TIME_KEYS[self.grain()]
        frames = []
        sums = [m for m in metrics if m.kind != "quantile"]
        if sums:
            raw = measures.fetch(
                self.store, sums, self.filter, self.period, [BUCKET], time_key=key
            )[BUCKET]
            current = raw[raw["period"] == "cur"]
            if len(current):
                current = current.assign(bucket=pd.to_datetime(current["bucket"]))
                frames.append(values.evaluate(sums, current, BUCKET, self.period))
        # a quantile's line has a point (maybe empty) wherever the family has data
        buckets = set(frames[0]["bucket"]) if frames else set()
        for m in metrics:
            if m.kind == "quantile":
                frames.append(self._quantile_trend(m, buckets))
        frames = [frame for frame in frames if len(frame)]
        if not frames:
            return values.empty(BUCKET)
        frame = pd.concat(frames, ignore_index=True)
        return frame.sort_values(["metric_id", "bucket"]).reset_index(drop=True)

    def _quantile_trend(self, m: Metric, buckets: set) -> pd.DataFrame:
        """A quantile metric by bucket, its histograms added up in the SQL (the Trends page's
        total line); an empty point on each of `buckets` where it has none."""
        line = trends.quantile_lines(
            self.store, m, self.filter, self.period, None, self.grain(), None
        )
        frame = pd.DataFrame(
            {c: line[c].astype(float) for c in ("value", "low", "high", "n")}
        ).set_index(pd.DatetimeIndex(line["bucket"], name="bucket"))
        every = sorted(buckets | set(frame.index))
        frame = frame.reindex(pd.DatetimeIndex(every, name="bucket")).reset_index()
        return frame.assign(metric_id=m.id, enough_n=frame["n"] >= max(m.min_n, 1))

    def not_applied(self, metric: Metric) -> list[str]:
        """The filter fields this metric's data cannot honour."""
        return measures.not_applied(metric, self.filter)

    def has_data(self, family: str) -> bool:
        """False when nothing in scope has data of this family in the period."""
        frame = self.totals(family)
        return bool((frame["n"].fillna(0) > 0).any()) if len(frame) else False

    def _judge(self, frame: pd.DataFrame, hall=None, tier=None, city=None) -> pd.DataFrame:
        """Each row's most specific target (hall, tier, city, company: a column of keys, one
        key for every row, or None) and its status, column by column."""
        if frame.empty:
            return frame.assign(target=[], target_level=[], status=[])
        size = len(frame)

        def keys(given) -> np.ndarray:
            if isinstance(given, pd.Series):
                return given.to_numpy(dtype=object)
            return np.full(size, given, dtype=object)

        metrics = [catalog.metric(m) for m in frame["metric_id"]]
        found = [
            targets.pick(self.year_targets, m.id, hall=h, tier=t, city=c)
            for m, h, t, c in zip(metrics, keys(hall), keys(tier), keys(city), strict=True)
        ]
        shown = np.where(frame["enough_n"].to_numpy(dtype=bool), frame["value"], np.nan)
        return frame.reset_index(drop=True).assign(
            target=[t.value if t else np.nan for t in found],
            target_level=[t.level if t else None for t in found],
            status=[targets.status(m, v, t) for m, v, t in zip(metrics, shown, found, strict=True)],
        )


def _positions(keys: pd.DataFrame, part: pd.DataFrame, g: tuple) -> np.ndarray:
    """For each row of `keys`, the position of the row of `part` with the same keys (one
    factorisation of both, pulse.keys), -1 where none has them."""
    if not g:
        return np.full(len(keys), 0 if len(part) else -1)
    both = {
        c: pd.concat([keys[c].astype(object), part[c].astype(object)], ignore_index=True) for c in g
    }
    slot, distinct = key_slots.slots(both)
    position = np.full(len(next(iter(distinct.values()))), -1)
    position[slot[len(keys) :]] = np.arange(len(part))
    return position[slot[: len(keys)]]
