"""One check: judge every rule at the data date, open the episodes that start, close those
that clear, and send what is due to the users (and webhooks) whose scope covers each unit."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import duckdb

from pulse import catalog, dimensions, sql
from pulse.alerts import chart, conditions, delivery, lifecycle, people, rules, side, words
from pulse.alerts.conditions import Finding
from pulse.alerts.config import Config
from pulse.i18n import t
from pulse.store import Store

log = logging.getLogger(__name__)


@dataclass
class Summary:
    """What a check did."""

    as_of: dt.date | None
    opened: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    unsure: int = 0  # left "sending" by a process that stopped mid-send: not sent again
    errors: list[str] = field(default_factory=list)  # rules that could not be judged


def run(store: Store, config: Config, as_of: dt.date | None = None, rule_list=None) -> Summary:
    """Check every rule (the file's and the app's, unless `rule_list` is given) at `as_of`
    (the store's data date by default)."""
    path = store.path
    dims = dimensions.load(store)
    as_of = as_of or dims.as_of
    summary = Summary(as_of)
    if as_of is None:
        return summary
    started = side.now()
    open_now = lifecycle.open_alerts(path)
    checked = rules.every(path) if rule_list is None else rule_list
    for rule in checked:
        try:
            found = conditions.judge(store, rule, dims, as_of)
        except (duckdb.Error, ValueError, KeyError) as err:
            summary.errors.append(f"{rule.rule_id}: {err}")
            log.warning("alert rule %s could not be judged: %s", rule.rule_id, err)
            continue
        for finding in found:
            known = open_now.get((rule.rule_id, finding.unit))
            if finding.firing and known is None:
                alert_id = _open(path, finding, dims, config, as_of)
                if alert_id is not None:
                    summary.opened.append(alert_id)
            elif not finding.firing and known is not None:
                lifecycle.close(
                    path,
                    known["alert_id"],
                    as_of.isoformat(),
                    {
                        f"cleared_{lang}": words.cleared(finding, dims, lang)
                        for lang in ("en", "zh")
                    },
                )
                summary.closed.append(known["alert_id"])
    _send(path, config, dims, summary, {r.rule_id: r.audience for r in checked})
    _record(path, store, summary, started)
    return summary


def _open(path, finding: Finding, dims, config: Config, as_of: dt.date) -> int | None:
    sentences = {lang: words.sentence(finding, dims, lang) for lang in ("en", "zh")}
    lang = config.languages[0]
    with words.speaking(lang):
        title = t(
            "alerts.chart.title",
            metric=finding.rule.metric.label(lang),
            unit=words.unit_name(finding.unit, dims, lang),
        )
        picture = chart.png(finding, title, t(f"alerts.condition.{finding.rule.condition}"))
    return lifecycle.open_alert(
        path,
        {
            "rule_id": finding.rule.rule_id,
            "unit": finding.unit,
            "metric_id": finding.rule.metric_id,
            "condition": finding.rule.condition,
            "opened_for": as_of.isoformat(),
            "value": _real(finding.value),
            "low": _real(finding.low),
            "high": _real(finding.high),
            "n": _real(finding.n),
            "sentence_en": sentences["en"],
            "sentence_zh": sentences["zh"],
            "link": words.link(finding, dims, config.base_url),
            "chart_png": picture,
        },
    )


def _real(x) -> float | None:
    x = float(x)
    return None if x != x else x  # NaN is stored as NULL


def _send(path, config: Config, dims, summary: Summary, audiences: dict) -> None:
    """The opened message of every open alert not snoozed, and the closed message of the
    alerts this check closed, to each recipient once (of the rule's audience, if it names
    one; always within their scope)."""
    now = side.now()
    with side.connection(path) as con:
        rows = [dict(r) for r in con.execute(sql.text("alerts/side/alerts_to_send"))]
    for row in rows:
        what = "opened" if row["state"] == "open" else "closed"
        if what == "closed" and row["alert_id"] not in summary.closed:
            continue
        if row["snoozed_until"] and row["snoozed_until"] > now:
            continue
        message = _message(row, what, config, dims)
        audience = audiences.get(row["rule_id"], ())
        for user in people.recipients(path, row["unit"], dims):
            if audience and user.name not in audience:
                continue
            state = delivery.deliver(
                path, config, f"alert:{row['alert_id']}:{what}:email:{user.email}",
                lambda u=user, m=message: delivery.email(config, u.email, m),
                channel="email", recipient=user.email, what=what, alert_id=row["alert_id"],
            )  # fmt: skip
            _count(summary, state)
        for hook in people.hooks_for(config.webhooks, row["unit"], dims):
            state = delivery.deliver(
                path, config, f"alert:{row['alert_id']}:{what}:webhook:{hook.name}",
                lambda h=hook, m=message: delivery.webhook(h, m),
                channel="webhook", recipient=hook.name, what=what, alert_id=row["alert_id"],
            )  # fmt: skip
            _count(summary, state)


def _count(summary: Summary, state: str) -> None:
    if state == delivery.SENT:
        summary.sent += 1
    elif state == delivery.FAILED:
        summary.failed += 1
    elif state == delivery.UNSURE:
        summary.unsure += 1


def _message(row: dict, what: str, config: Config, dims) -> delivery.Message:
    lang = config.languages[0]
    key = "sentence" if what == "opened" else "cleared"
    with words.speaking(lang):
        subject = t(
            f"alerts.subject.{what}",
            unit=words.unit_name(row["unit"], dims, lang),
            metric=_label(row["metric_id"], lang),
        )
        link_text = t("alerts.open_view")
    return delivery.Message(
        subject=subject,
        lines=tuple(row[f"{key}_{lang}"] for lang in config.languages),
        link=row["link"],
        link_text=link_text,
        chart_png=row["chart_png"] if what == "opened" else None,
    )


def _label(metric_id: str, lang: str) -> str:
    return catalog.metric(metric_id).label(lang)


def _record(path, store: Store, summary: Summary, started: str) -> None:
    with side.connection(path) as con:
        con.execute(
            sql.text("alerts/side/check_run_add"),
            {
                "as_of": summary.as_of.isoformat(),
                "data_version": store.data_version,
                "started_at": started,
                "opened": len(summary.opened),
                "closed": len(summary.closed),
                "sent": summary.sent,
                "failed": summary.failed,
            },
        )


def last_checked_version(store_path) -> int | None:
    """The data version the last check read (the scheduler checks again after a load)."""
    with side.connection(store_path) as con:
        row = con.execute(sql.text("alerts/side/check_run_last")).fetchone()
    return row["data_version"] if row else None
