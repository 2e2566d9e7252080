"""Alert rules as data: the shipped ones in rules.toml and those made in the app (the side
database's alert_rule rows). A rule is a catalogue metric x a scope x a condition."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pulse import catalog, sql
from pulse.alerts import side

RULES_PATH = Path(__file__).resolve().with_name("rules.toml")
CONDITIONS = ("target", "control", "change", "improved", "funnel")
LEVELS = ("company", "city", "hall")
GRAINS = {"day": 1, "week": 7}
PEERS = ("tier", "all")  # a hall's funnel: the halls of its tier, or every hall
HISTORY_BUCKETS = 12  # a control chart's points: about a quarter of weeks
WINDOW_DAYS = 30  # the window a target or funnel condition judges


@dataclass(frozen=True)
class Rule:
    """One rule: which metric, where (a level and the codes narrowing it), on what condition."""

    rule_id: str
    metric_id: str
    condition: str
    level: str = "city"
    units: tuple[str, ...] = ()  # province, city or hall codes; empty: every unit at the level
    grain: str = "week"
    source: str = "file"  # file or app
    peers: str = "tier"

    def __post_init__(self):
        metric = catalog.metric(self.metric_id)  # KeyError names an unknown metric
        problems = []
        if self.condition not in CONDITIONS:
            problems.append(f"condition must be one of {', '.join(CONDITIONS)}")
        if self.level not in LEVELS:
            problems.append(f"level must be one of {', '.join(LEVELS)}")
        if self.grain not in GRAINS:
            problems.append(f"grain must be one of {', '.join(GRAINS)}")
        if self.peers not in PEERS:
            problems.append(f"peers must be one of {', '.join(PEERS)}")
        if metric.kind == "quantile" and self.condition in ("control", "change", "improved"):
            problems.append("a quantile metric has no control chart or test of change here")
        if self.condition == "improved" and metric.higher_is_better is None:
            problems.append("a metric with no better direction cannot improve")
        if self.condition == "funnel" and self.level == "company":
            problems.append("a funnel compares cities or halls, not the company")
        if self.level == "hall" and metric.kind == "rate":
            problems.append("a per-million rate has no value per hall")
        if problems:
            raise ValueError(f"rule {self.rule_id}: " + "; ".join(problems))

    @property
    def metric(self) -> catalog.Metric:
        """The catalogue metric."""
        return catalog.metric(self.metric_id)

    @property
    def bucket_days(self) -> int:
        """Days in one point of the control chart or one side of a change."""
        return GRAINS[self.grain]


def from_file(path: Path = RULES_PATH) -> list[Rule]:
    """The rules of a TOML file."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Rule(
            r["id"],
            r["metric"],
            r["condition"],
            r.get("level", "city"),
            tuple(r.get("units", ())),
            r.get("grain", "week"),
            peers=r.get("peers", "tier"),
        )
        for r in raw.get("rule", [])
    ]


def from_app(store_path) -> list[Rule]:
    """The enabled rules made in the app."""
    with side.connection(store_path) as con:
        rows = con.execute(sql.text("alerts/side/rules_enabled")).fetchall()
    return [
        Rule(
            r["rule_id"],
            r["metric_id"],
            r["condition"],
            r["level"],
            tuple(u for u in r["units"].split(",") if u),
            r["grain"],
            source="app",
            peers=r["peers"],
        )
        for r in rows
    ]


def every(store_path, path: Path = RULES_PATH) -> list[Rule]:
    """The file's rules, then the app's."""
    return [*from_file(path), *from_app(store_path)]


def add(store_path, rule: Rule, by: str | None) -> None:
    """Save a rule made in the app (checked by Rule itself first)."""
    with side.connection(store_path) as con:
        con.execute(
            sql.text("alerts/side/rule_add"),
            {
                "rule_id": rule.rule_id,
                "metric_id": rule.metric_id,
                "condition": rule.condition,
                "level": rule.level,
                "units": ",".join(rule.units),
                "grain": rule.grain,
                "peers": rule.peers,
                "created_by": by,
                "created_at": side.now(),
            },
        )


def disable(store_path, rule_id: str) -> None:
    """Stop checking an app rule (its alerts stay in the history)."""
    with side.connection(store_path) as con:
        con.execute(sql.text("alerts/side/rule_disable"), {"rule_id": rule_id})


def today() -> dt.date:
    """The server's date (a seam for tests)."""
    return dt.date.today()
