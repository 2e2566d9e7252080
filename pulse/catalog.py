"""The metric catalogue, loaded from the declarative pulse/metrics.toml."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pulse import settings

CATALOG_PATH = Path(__file__).with_name("metrics.toml")

KINDS = ("share", "mean", "nps", "rate", "count", "quantile")
_REQUIRED = {
    "share": ("numerator", "denominator"),
    "mean": ("numerator", "denominator", "sum_sq"),
    "nps": ("promoters", "passives", "detractors"),
    "rate": ("numerator", "exposure_days"),
    "count": ("numerator",),
    "quantile": ("quantile",),
}
# the kinds whose n counts only the rows that have a field, so that a metric may name it
NEEDS_KINDS = ("share", "mean", "nps")
INTERVALS = {
    "share": "wilson",
    "mean": "t",
    "nps": "adjusted_wald",
    "rate": "poisson_exact",
    "count": "poisson_exact",
    "quantile": "order_statistic",
}


@dataclass(frozen=True)
class Variant:
    """A coarser copy of a rollup: by month instead of day, or without some key columns."""

    table: str
    grain: str  # "day" or "month"
    drops: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rollup:
    """A rollup table and the global-filter fields it can honour (field -> column)."""

    id: str
    filters: dict[str, str]
    variants: tuple[Variant, ...] = ()
    number_keys: tuple[str, ...] = ()  # numeric columns that are keys, not summed measures
    bucket: str | None = None
    bucket_ranges: list | None = None
    bucket_open: int | None = None
    bucket_scale: float = 1.0

    def bucket_bounds(self) -> list[float]:
        """Every bucket's lower bound, the open last bucket included."""
        bounds = [b for start, stop, step in self.bucket_ranges for b in range(start, stop, step)]
        return [*bounds, self.bucket_open]


@dataclass(frozen=True)
class Metric:
    """One catalogue entry."""

    id: str
    family: str
    label_en: str
    label_zh: str
    unit: str
    format: str
    direction: str
    rollup: str
    kind: str
    min_n: int
    definition_en: str
    definition_zh: str
    headline: int = 0
    numerator: str | None = None
    denominator: str | None = None
    sum_sq: str | None = None
    scale: float = 1.0
    promoters: str | None = None
    passives: str | None = None
    detractors: str | None = None
    quantile: float | None = None
    exposure_days: float | None = None
    # false: read only where it is asked for by id (a scorecard's deduction), not in the
    # lists of every metric (the Overview's movers, the hall profile)
    listed: bool = True
    # an optional fact column the value needs (customer_key, score_recommend): n counts only
    # the rows that have it, so n = 0 over rows in scope means "not in this source"
    needs: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def interval(self) -> str:
        """The interval method, fixed by the kind."""
        return INTERVALS[self.kind]

    def label(self, lang: str) -> str:
        """The label in 'en' or 'zh', with the settings it names filled in."""
        return settings.fill(self.label_zh if lang == "zh" else self.label_en)

    def definition(self, lang: str) -> str:
        """The one-paragraph definition in 'en' or 'zh', stating the configured thresholds
        (placeholders such as {promise_min} filled from pulse/settings.toml)."""
        return settings.fill(self.definition_zh if lang == "zh" else self.definition_en)

    @property
    def open_edge(self) -> float | None:
        """A quantile's open last bucket's lower bound, in the metric's unit: a value there
        is only known to be at least this much. None for other kinds."""
        if self.kind != "quantile":
            return None
        source = rollup(self.rollup)
        return source.bucket_open * source.bucket_scale

    @property
    def higher_is_better(self) -> bool | None:
        """True, False, or None for volumes where neither direction is better."""
        return {"higher": True, "lower": False}.get(self.direction)


class CatalogError(ValueError):
    """The catalogue file is inconsistent."""


@functools.cache
def load(path: Path = CATALOG_PATH) -> tuple[dict[str, Metric], dict[str, Rollup]]:
    """Parse and check the catalogue: every id once, every kind with the fields it needs."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rollups = {}
    sets = raw.get("filter_sets", {})
    for rid, spec in raw["rollup"].items():
        if isinstance(spec.get("filters"), str):
            if spec["filters"] not in sets:
                raise CatalogError(f"rollup {rid}: unknown filter set {spec['filters']}")
            spec["filters"] = dict(sets[spec["filters"]])
        variants = tuple(
            Variant(v["table"], v["grain"], tuple(v.get("drops", ())))
            for v in spec.pop("variants", [])
        )
        number_keys = tuple(spec.pop("number_keys", ()))
        rollups[rid] = Rollup(rid, variants=variants, number_keys=number_keys, **spec)
    metrics: dict[str, Metric] = {}
    for entry in raw["metric"]:
        mid = entry.get("id", "?")
        if mid in metrics:
            raise CatalogError(f"metric {mid}: listed twice")
        if entry.get("kind") not in KINDS:
            raise CatalogError(f"metric {mid}: kind must be one of {KINDS}")
        missing = [f for f in _REQUIRED[entry["kind"]] if f not in entry]
        if missing:
            raise CatalogError(f"metric {mid}: a {entry['kind']} needs {', '.join(missing)}")
        if "needs" in entry and entry["kind"] not in NEEDS_KINDS:
            kinds = f"{', '.join(NEEDS_KINDS[:-1])} or {NEEDS_KINDS[-1]}"
            raise CatalogError(f"metric {mid}: needs is for a {kinds}, whose n has the field")
        if entry.get("rollup") not in rollups:
            raise CatalogError(f"metric {mid}: unknown rollup {entry.get('rollup')}")
        if entry.get("direction") not in ("higher", "lower", "neutral"):
            raise CatalogError(f"metric {mid}: direction must be higher, lower or neutral")
        known = set(Metric.__dataclass_fields__)
        extra = {k: v for k, v in entry.items() if k not in known}
        if extra:
            raise CatalogError(f"metric {mid}: unknown fields {', '.join(extra)}")
        metrics[mid] = Metric(**entry)
    headlines = sorted(m.headline for m in metrics.values() if m.headline)
    if headlines != list(range(1, len(headlines) + 1)):
        raise CatalogError(f"headline positions must run 1..n without gaps: {headlines}")
    return metrics, rollups


def variants() -> dict[str, tuple[Variant, ...]]:
    """Every rollup's coarser copies, by base rollup."""
    return {rid: r.variants for rid, r in load()[1].items() if r.variants}


def metrics() -> dict[str, Metric]:
    """Every metric by id, in catalogue order."""
    return load()[0]


def metric(metric_id: str) -> Metric:
    """One metric by id; KeyError names the id."""
    return metrics()[metric_id]


def metric_ids() -> list[str]:
    """Every metric id, in catalogue order."""
    return list(metrics())


def rollup(rollup_id: str) -> Rollup:
    """One rollup by id."""
    return load()[1][rollup_id]


def headline() -> list[Metric]:
    """The Overview's tiles, in order."""
    return sorted((m for m in metrics().values() if m.headline), key=lambda m: m.headline)


def family(name: str) -> list[Metric]:
    """The metrics of one family (survey, queue, hotline, complaint)."""
    return [m for m in metrics().values() if m.family == name]
