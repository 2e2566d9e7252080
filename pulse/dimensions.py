"""The dimension rows behind filter options and labels, read once per data version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from pulse import filters, sql
from pulse.store import Store


@dataclass(frozen=True)
class Dimensions:
    """Cities, halls and the small code lists, with English and Chinese names."""

    cities: pd.DataFrame
    halls: pd.DataFrame
    segments: pd.DataFrame
    brands: pd.DataFrame
    channels: pd.DataFrame
    queues: pd.DataFrame
    as_of: dt.date | None
    first_day: dt.date | None = None  # the earliest day any fact family has data for
    # made once each: labels by (kind, language), and "options"
    _labels: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def options(self) -> filters.Options:
        """What each filter field may hold; made once (the filter bar, the drill's path and
        the alert forms ask on every run, and a province has 2,000 halls), not to be mutated."""
        if "options" not in self._labels:
            self._labels["options"] = filters.Options(
                provinces=tuple(dict.fromkeys(self.cities["province_id"])),
                cities=dict(zip(self.cities["city_id"], self.cities["province_id"], strict=True)),
                halls=dict(zip(self.halls["branch_id"], self.halls["city_id"], strict=True)),
                segments=tuple(self.segments["id"]),
                brands=tuple(self.brands["id"]),
                channels=tuple(self.channels["id"]),
                first_day=self.first_day,
                last_day=self.as_of,
            )
        return self._labels["options"]

    def labels(self, kind: str, lang: str) -> Mapping[str, str]:
        """id -> name in `lang` for kind province, city, hall, segment, brand, channel, queue,
        or unit (province, city and hall codes together: a scope's units); made once per kind
        and language (every table's download stamp names the reader's units, and a province
        has 2,000 halls), read-only."""
        key = (kind, lang)
        if key not in self._labels:
            self._labels[key] = MappingProxyType(self._make_labels(kind, lang))
        return self._labels[key]

    def _make_labels(self, kind: str, lang: str) -> dict[str, str]:
        if kind == "unit":
            return {
                **self.labels("province", lang),
                **self.labels("city", lang),
                **self.labels("hall", lang),
            }
        zh = lang == "zh"
        if kind == "province":
            frame = self.cities.drop_duplicates("province_id")
            return dict(
                zip(
                    frame["province_id"], frame["province_zh" if zh else "province_en"], strict=True
                )
            )
        if kind == "city":
            return dict(
                zip(
                    self.cities["city_id"], self.cities["city_zh" if zh else "city_en"], strict=True
                )
            )
        if kind == "hall":
            return dict(
                zip(
                    self.halls["branch_id"], self.halls["name_zh" if zh else "name_en"], strict=True
                )
            )
        frame = {
            "segment": self.segments,
            "brand": self.brands,
            "channel": self.channels,
            "queue": self.queues,
        }[kind]
        return dict(zip(frame["id"], frame["name_zh" if zh else "name_en"], strict=True))


_cache: dict[tuple[str, int], Dimensions] = {}


def load(store: Store) -> Dimensions:
    """The store's dimensions, re-read only after a load."""
    key = (str(store.path), store.data_version)
    if key not in _cache:
        days = store.df(sql.text("store/as_of")).iloc[0]
        as_of, first_day = days["as_of"], days["first_day"]
        _cache[key] = Dimensions(
            cities=store.df(sql.text("dimensions/cities")),
            halls=store.df(sql.text("dimensions/halls")),
            segments=store.df(sql.text("dimensions/segments")),
            brands=store.df(sql.text("dimensions/brands")),
            channels=store.df(sql.text("dimensions/channels")),
            queues=store.df(sql.text("dimensions/queues")),
            as_of=None if pd.isna(as_of) else pd.Timestamp(as_of).date(),
            first_day=None if pd.isna(first_day) else pd.Timestamp(first_day).date(),
        )
    return _cache[key]
