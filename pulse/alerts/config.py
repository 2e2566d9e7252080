"""Where alerts and reports go: SMTP, webhooks, the dashboard's address, retries. Read from a
TOML file outside the repository ($PULSE_ALERTS) with environment variables over it; never
from code. docs/alerts.md lists every key."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

WEBHOOK_SHAPES = ("slack", "wecom", "dingtalk")


@dataclass(frozen=True)
class Smtp:
    """An SMTP server; no host means no e-mail."""

    host: str = ""
    port: int = 25
    sender: str = "service-pulse@localhost"
    user: str = ""
    password: str = ""
    starttls: bool = False
    timeout_s: float = 20.0


@dataclass(frozen=True)
class Webhook:
    """A chat group's incoming webhook and the units its members are responsible for."""

    name: str
    url: str
    shape: str = "slack"  # slack, wecom or dingtalk: the JSON each accepts
    scope: tuple[str, ...] = ()  # province, city or hall codes; ("all",) for every unit


@dataclass(frozen=True)
class Config:
    """Everything delivery needs."""

    smtp: Smtp = field(default_factory=Smtp)
    webhooks: tuple[Webhook, ...] = ()
    base_url: str = "http://localhost:8501"  # links in messages open the dashboard here
    languages: tuple[str, ...] = ("zh", "en")  # a message's sentences, in this order
    retry_delays_s: tuple[float, ...] = (0.0, 5.0, 30.0)  # one attempt each
    timezone: str = "Asia/Shanghai"  # "08:00 on the 2nd" is local time here
    check_every_s: float = 900.0  # the dashboard's scheduler wakes this often


def load(path: Path | str | None = None) -> Config:
    """The configuration: the file, then PULSE_SMTP_* and PULSE_BASE_URL over it."""
    path = path or os.environ.get("PULSE_ALERTS")
    raw = tomllib.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    smtp = dict(raw.get("smtp", {}))
    for key, kind in (("host", str), ("port", int), ("sender", str), ("user", str)):
        value = os.environ.get(f"PULSE_SMTP_{key.upper()}")
        if value:
            smtp[key] = kind(value)
    smtp["password"] = os.environ.get("PULSE_SMTP_PASSWORD", smtp.get("password", ""))
    hooks = []
    for hook in raw.get("webhook", []):
        if hook.get("shape", "slack") not in WEBHOOK_SHAPES:
            raise ValueError(f"webhook {hook.get('name')}: shape must be one of {WEBHOOK_SHAPES}")
        hooks.append(
            Webhook(hook["name"], hook["url"], hook.get("shape", "slack"), tuple(hook["scope"]))
        )
    general = raw.get("general", {})
    return Config(
        smtp=Smtp(**smtp),
        webhooks=tuple(hooks),
        base_url=os.environ.get("PULSE_BASE_URL") or general.get("base_url", Config.base_url),
        languages=tuple(general.get("languages", Config.languages)),
        retry_delays_s=tuple(general.get("retry_delays_s", Config.retry_delays_s)),
        timezone=general.get("timezone", Config.timezone),
        check_every_s=float(general.get("check_every_s", Config.check_every_s)),
    )
