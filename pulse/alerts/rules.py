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


# what a rule may not be, by key (the Alerts page words each in the reader's language)
PROBLEMS = {
    "condition": f"condition must be one of {', '.join(CONDITIONS)}",
    "level": f"level must be one of {', '.join(LEVELS)}",
    "grain": f"grain must be one of {', '.join(GRAINS)}",
    "peers": f"peers must be one of {', '.join(PEERS)}",
    "quantile": "a quantile metric has no control chart or test of change here",
    "no_direction": "a metric with no better direction cannot improve",
    "funnel_company": "a funnel compares cities or halls, not the company",
    "rate_hall": "a per-million rate has no value per hall",
}


def problems(metric_id: str, condition: str, level: str, grain: str, peers: str) -> list[str]:
    """The keys of PROBLEMS a rule has (KeyError names an unknown metric)."""
    metric = catalog.metric(metric_id)
    found = [
        key
        for key, value, allowed in (
            ("condition", condition, CONDITIONS),
            ("level", level, LEVELS),
            ("grain", grain, GRAINS),
            ("peers", peers, PEERS),
        )
        if value not in allowed
    ]
    if metric.kind == "quantile" and condition in ("control", "change", "improved"):
        found.append("quantile")
    if condition == "improved" and metric.higher_is_better is None:
        found.append("no_direction")
    if condition == "funnel" and level == "company":
        found.append("funnel_company")
    if level == "hall" and metric.kind == "rate":
        found.append("rate_hall")
    return found


@dataclass(frozen=True)
class Rule:
    """One rule: which metric, where (a level and the codes narrowing it), on what condition,
    and who hears it (account names; empty: everyone whose scope covers the unit)."""

    rule_id: str
    metric_id: str
    condition: str
    level: str = "city"
    units: tuple[str, ...] = ()  # province, city or hall codes; empty: every unit at the level
    grain: str = "week"
    source: str = "file"  # file or app
    peers: str = "tier"
    audience: tuple[str, ...] = ()

    def __post_init__(self):
        found = problems(self.metric_id, self.condition, self.level, self.grain, self.peers)
        if found:
            raise ValueError(f"rule {self.rule_id}: " + "; ".join(PROBLEMS[k] for k in found))

    @property
    def metric(self) -> catalog.Metric:
        """The catalogue metric."""
        return catalog.metric(self.metric_id)

    @property
    def bucket_days(self) -> int:
        """Days in one point of the control chart or one side of a change."""
        return GRAINS[self.grain]

    def words(self) -> dict:
        """The rule as the side database and the audit log keep it."""
        return {
            "rule_id": self.rule_id,
            "metric_id": self.metric_id,
            "condition": self.condition,
            "level": self.level,
            "units": ",".join(self.units),
            "grain": self.grain,
            "peers": self.peers,
            "audience": ",".join(self.audience),
        }


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
            audience=tuple(r.get("audience", ())),
        )
        for r in raw.get("rule", [])
    ]


def from_app(store_path) -> list[tuple[Rule, bool]]:
    """The rules made or changed in the app, each with whether it is on."""
    with side.connection(store_path) as con:
        rows = con.execute(sql.text("alerts/side/rules_app")).fetchall()
    return [
        (
            Rule(
                r["rule_id"],
                r["metric_id"],
                r["condition"],
                r["level"],
                _codes(r["units"]),
                r["grain"],
                source="app",
                peers=r["peers"],
                audience=_codes(r["audience"]),
            ),
            bool(r["is_enabled"]),
        )
        for r in rows
    ]


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(",") if c)


def listing(store_path, path: Path = RULES_PATH) -> list[tuple[Rule, bool]]:
    """Every rule with whether it is on: the file's, each replaced by an app row of its id,
    then the app's own."""
    app = {rule.rule_id: (rule, on) for rule, on in from_app(store_path)}
    shipped = [app.pop(r.rule_id, (r, True)) for r in from_file(path)]
    return [*shipped, *app.values()]


def every(store_path, path: Path = RULES_PATH) -> list[Rule]:
    """The rules that are on."""
    return [rule for rule, on in listing(store_path, path) if on]


def save(store_path, rule: Rule, enabled: bool, by: str | None) -> None:
    """Save a rule made or changed in the app (checked by Rule itself first); a shipped
    rule's id saves the app's version of it."""
    with side.connection(store_path) as con:
        con.execute(
            sql.text("alerts/side/rule_save"),
            {**rule.words(), "is_enabled": int(enabled), "by": by, "at": side.now()},
        )


def today() -> dt.date:
    """The server's date (a seam for tests)."""
    return dt.date.today()
