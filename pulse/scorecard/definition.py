"""Scorecard definitions as data: one TOML file per card in pulse/scorecards/, each a list of
dated versions (weights adding to 100, a scoring rule per catalogue metric, deductions), checked
on load. A month is always scored by the version in force then."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pulse import catalog, groups
from pulse.ui import format as fmt

CARDS_DIR = Path(__file__).resolve().parent.parent / "scorecards"
LEVELS = ("city", "hall", "tier")  # tier: halls, each ranked within its tier
RULES = ("linear", "per_unit")
COUNTS = ("value", "numerator")  # what a deduction counts: the metric's value or its numerator
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_BENCH_LEVEL = {"city": "city", "hall": "hall", "tier": "hall"}


class CardError(ValueError):
    """A scorecard file that cannot be used; the message names the file and the fault."""


@dataclass(frozen=True)
class Rule:
    """How one metric turns into points: `linear` from the floor (0 points) to the target (the
    full weight), capped; or `per_unit`: the weight less `points` for every `per` of shortfall
    against the target, never below 0. target None: the company target of the month's year."""

    metric: str
    weight: float
    rule: str
    target: float | None = None
    floor: float | None = None
    per: float | None = None
    points: float | None = None


@dataclass(frozen=True)
class Deduction:
    """Points taken off the total: `points` for each one counted (the metric's value, or its
    numerator, e.g. complaints escalated to the regulator), at most `most`."""

    id: str
    metric: str
    count: str
    points: float
    most: float | None = None
    label_en: str = ""
    label_zh: str = ""

    def label(self, lang: str) -> str:
        """What is counted, in 'en' or 'zh' (the metric's label when the card names none)."""
        own = self.label_zh if lang == "zh" else self.label_en
        return own or catalog.metric(self.metric).label(lang)


@dataclass(frozen=True)
class Version:
    """The card as it stood from `valid_from` (YYYY-MM) until the next version."""

    valid_from: str
    rules: tuple[Rule, ...]
    deductions: tuple[Deduction, ...] = ()
    note_en: str = ""
    note_zh: str = ""

    def note(self, lang: str) -> str:
        """Why this version was made, in 'en' or 'zh'."""
        return self.note_zh if lang == "zh" else self.note_en

    @property
    def metric_ids(self) -> list[str]:
        """The scored metrics, in card order."""
        return [r.metric for r in self.rules]


@dataclass(frozen=True)
class Card:
    """One scorecard: its level, the coverage a total needs, and its versions (oldest first)."""

    id: str
    label_en: str
    label_zh: str
    level: str
    min_coverage: float
    versions: tuple[Version, ...]
    description_en: str = ""
    description_zh: str = ""

    def label(self, lang: str) -> str:
        """The card's name in 'en' or 'zh'."""
        return self.label_zh if lang == "zh" else self.label_en

    def description(self, lang: str) -> str:
        """What the card appraises, in 'en' or 'zh'."""
        return self.description_zh if lang == "zh" else self.description_en

    def version_for(self, month: str) -> Version | None:
        """The version in force in `month` (YYYY-MM); None before the first one."""
        found = None
        for version in self.versions:
            if version.valid_from <= month:
                found = version
        return found


def load(path: Path) -> Card:
    """Read and check one card file."""
    name = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CardError(f"{name}: not valid TOML ({error})") from None
    return parse(raw, name, default_id=path.stem)


def parse(raw: dict, name: str, default_id: str = "card") -> Card:
    """A card from its parsed TOML; CardError names the file, version and fault."""
    level = raw.get("level")
    if level not in LEVELS:
        raise CardError(f"{name}: level must be one of {', '.join(LEVELS)}, got {level!r}")
    coverage = float(raw.get("min_coverage", 60))
    if not 0 < coverage <= 100:
        raise CardError(f"{name}: min_coverage must be above 0 and at most 100")
    versions = [_version(v, name, level) for v in raw.get("version", [])]
    if not versions:
        raise CardError(f"{name}: no [[version]]")
    starts = [v.valid_from for v in versions]
    if len(set(starts)) != len(starts):
        raise CardError(f"{name}: two versions start in the same month")
    return Card(
        id=str(raw.get("id", default_id)),
        label_en=str(raw.get("label_en", default_id)),
        label_zh=str(raw.get("label_zh", raw.get("label_en", default_id))),
        level=level,
        min_coverage=coverage,
        versions=tuple(sorted(versions, key=lambda v: v.valid_from)),
        description_en=str(raw.get("description_en", "")),
        description_zh=str(raw.get("description_zh", "")),
    )


def _version(raw: dict, name: str, level: str) -> Version:
    start = str(raw.get("valid_from", ""))
    if not _MONTH.match(start):
        raise CardError(f"{name}: valid_from must be a month like 2026-01, got {start!r}")
    where = f"{name}, version {start}"
    rules = [_rule(r, where, level) for r in raw.get("metric", [])]
    if not rules:
        raise CardError(f"{where}: no [[version.metric]]")
    ids = [r.metric for r in rules]
    if len(set(ids)) != len(ids):
        raise CardError(f"{where}: a metric is listed twice")
    total = sum(r.weight for r in rules)
    if abs(total - 100) > 1e-9:
        raise CardError(f"{where}: weights add up to {fmt.as_published(total)}, not 100")
    deductions = [_deduction(d, i, where, level) for i, d in enumerate(raw.get("deduction", []))]
    return Version(
        start,
        tuple(rules),
        tuple(deductions),
        str(raw.get("note_en", "")),
        str(raw.get("note_zh", raw.get("note_en", ""))),
    )


def _metric(metric_id, where: str, level: str) -> catalog.Metric:
    try:
        metric = catalog.metric(str(metric_id))
    except KeyError:
        raise CardError(f"{where}: unknown metric {metric_id!r}") from None
    if not groups.available(metric, _BENCH_LEVEL[level]):
        raise CardError(f"{where}: {metric_id} is not available by {_BENCH_LEVEL[level]}")
    return metric


def _rule(raw: dict, where: str, level: str) -> Rule:
    metric = _metric(raw.get("metric"), where, level)
    where = f"{where}, {metric.id}"
    if metric.higher_is_better is None:
        raise CardError(f"{where}: a volume has no better direction to score")
    kind = raw.get("rule")
    if kind not in RULES:
        raise CardError(f"{where}: rule must be one of {', '.join(RULES)}")
    weight = _number(raw, "weight", where)
    if weight <= 0:
        raise CardError(f"{where}: weight must be above 0")
    target = _number(raw, "target", where) if "target" in raw else None
    rule = Rule(metric.id, weight, kind, target)
    if kind == "linear":
        floor = _number(raw, "floor", where)
        if target is not None and not _worse(metric, floor, target):
            raise CardError(f"{where}: the floor must be worse than the target")
        return Rule(metric.id, weight, kind, target, floor=floor)
    per, points = _number(raw, "per", where), _number(raw, "points", where)
    if per <= 0 or points <= 0:
        raise CardError(f"{where}: per and points must be above 0")
    return Rule(rule.metric, weight, kind, target, per=per, points=points)


def _deduction(raw: dict, i: int, where: str, level: str) -> Deduction:
    metric = _metric(raw.get("metric"), where, level)
    count = raw.get("count", "value")
    if count not in COUNTS:
        raise CardError(f"{where}, deduction {metric.id}: count must be one of {COUNTS}")
    if count == "numerator" and metric.kind not in ("share", "rate", "count"):
        raise CardError(f"{where}, deduction {metric.id}: a {metric.kind} has no count")
    points = _number(raw, "points", where)
    most = _number(raw, "most", where) if "most" in raw else None
    if points <= 0 or (most is not None and most <= 0):
        raise CardError(f"{where}, deduction {metric.id}: points and most must be above 0")
    return Deduction(
        str(raw.get("id", f"{metric.id}_{count}")),
        metric.id,
        count,
        points,
        most,
        str(raw.get("label_en", "")),
        str(raw.get("label_zh", raw.get("label_en", ""))),
    )


def _number(raw: dict, key: str, where: str) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CardError(f"{where}: {key} must be a number, got {value!r}")
    return float(value)


def _worse(metric: catalog.Metric, floor: float, target: float) -> bool:
    return floor < target if metric.higher_is_better else floor > target


@functools.cache
def cards(folder: Path = CARDS_DIR) -> dict[str, Card]:
    """Every card in a folder by id, in file-name order."""
    found = {}
    for path in sorted(folder.glob("*.toml")):
        card = load(path)
        if card.id in found:
            raise CardError(f"{path.name}: card id {card.id!r} is used twice")
        found[card.id] = card
    return found
