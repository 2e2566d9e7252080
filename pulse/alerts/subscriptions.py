"""Board-report subscriptions: a user's report (PDF, PPTX or XLSX) for a scope, period and
language, monthly on the 2nd at 08:00 local time or weekly on Monday at 08:00, built as the
subscriber (within their scope) and e-mailed; a failed build is reported to the subscriber
and the admins. Each due run is a delivery keyed by its due date: sent once, whatever restarts."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from dataclasses import dataclass

import duckdb

from pulse import access, dimensions, report, sql
from pulse.alerts import delivery, people, side, words
from pulse.alerts.config import Config
from pulse.export.engine import ExportError
from pulse.i18n import t
from pulse.report.options import OptionError, request_filter
from pulse.store import Store

log = logging.getLogger(__name__)
SCHEDULES = ("monthly", "weekly")
DUE_HOUR = 8  # 08:00 local time
MONTH_DAY = 2  # the 2nd: the month's data has landed by then


@dataclass(frozen=True)
class Subscription:
    """One subscription row."""

    subscription_id: int
    user_name: str
    report_format: str
    scope: str
    period: str
    lang: str
    schedule: str
    created_at: str


def add(store_path, user_name, report_format, scope, period, lang, schedule) -> int:
    """Save a subscription; returns its id."""
    if schedule not in SCHEDULES or report_format not in report.FORMATS:
        raise ValueError("unknown schedule or format")
    with side.connection(store_path) as con:
        cur = con.execute(
            sql.text("alerts/side/subscription_add"),
            {
                "user_name": user_name, "report_format": report_format, "scope": scope,
                "period": period, "lang": lang, "schedule": schedule, "at": side.now(),
            },
        )  # fmt: skip
        return cur.lastrowid


def cancel(store_path, subscription_id: int) -> None:
    """Stop a subscription."""
    with side.connection(store_path) as con:
        con.execute(sql.text("alerts/side/subscription_cancel"), {"id": subscription_id})


def active(store_path) -> list[Subscription]:
    """Every active subscription."""
    with side.connection(store_path) as con:
        rows = con.execute(sql.text("alerts/side/subscriptions_active")).fetchall()
    return [Subscription(**dict(r)) for r in rows]


def last_due(schedule: str, now: dt.datetime) -> dt.datetime:
    """The latest due time at or before `now` (local, aware)."""
    at = now.replace(hour=DUE_HOUR, minute=0, second=0, microsecond=0)
    if schedule == "weekly":
        at -= dt.timedelta(days=at.weekday())  # Monday
        return at if at <= now else at - dt.timedelta(weeks=1)
    at = at.replace(day=MONTH_DAY)
    if at <= now:
        return at
    previous = (at.replace(day=1) - dt.timedelta(days=1)).replace(day=MONTH_DAY)
    return previous


def within(user: access.User, f, dims) -> object:
    """The report's filter narrowed to what the subscriber may see; ValueError when nothing
    of the requested scope is theirs."""
    seen = user.sees
    if seen.everything:
        return f
    options = dims.options()
    allowed = access.halls_in(seen, options.halls, options.cities)
    asked = access.halls_in(
        access.Scope(
            f.provinces, f.cities, f.halls, everything=not (f.provinces or f.cities or f.halls)
        ),
        options.halls,
        options.cities,
    )
    asked = set(options.halls) if asked is None else set(asked)
    if asked <= allowed:
        return f
    kept = tuple(sorted(asked & allowed))
    if not kept:
        raise ValueError("the subscription's scope is outside the subscriber's")
    return f.with_(provinces=(), cities=(), halls=kept)


def send_due(store: Store, config: Config, now: dt.datetime | None = None) -> dict:
    """Build and send every subscription whose latest due time has passed and was not sent."""
    zone = zoneinfo.ZoneInfo(config.timezone)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    users = {u.name: u for u in people.active(store.path)}
    counts = {"sent": 0, "failed": 0}
    for sub in active(store.path):
        due = last_due(sub.schedule, now)
        if due < dt.datetime.fromisoformat(sub.created_at).astimezone(zone):
            continue  # made after its last due time: the first report goes at the next one
        user = users.get(sub.user_name)
        if user is None or not user.email:
            continue  # an account that left or has no address gets nothing
        key = f"report:{sub.subscription_id}:{due.date().isoformat()}:email:{user.email}"
        if _sent(store.path, key) or _sent(store.path, _failed_key(sub, due, user.email)):
            continue  # sent, or its failure reported: the next try is the next due time
        try:
            message = _report_message(store, sub, user, config)
        except (OptionError, ValueError, ExportError, duckdb.Error) as err:
            log.warning("subscription %s could not be built: %s", sub.subscription_id, err)
            _failed_build(store.path, config, sub, user, due, str(err))
            counts["failed"] += 1
            continue
        state = delivery.deliver(
            store.path, config, key, lambda m=message, u=user: delivery.email(config, u.email, m),
            channel="email", recipient=user.email, what="report",
            subscription_id=sub.subscription_id,
        )  # fmt: skip
        counts["sent" if state == delivery.SENT else "failed"] += state != delivery.ALREADY
    return counts


def _sent(store_path, key: str) -> bool:
    with side.connection(store_path) as con:
        row = con.execute(sql.text("alerts/side/delivery_state"), {"key": key}).fetchone()
    return bool(row) and row["state"] == delivery.SENT


def _report_message(store: Store, sub: Subscription, user, config: Config) -> delivery.Message:
    dims = dimensions.load(store)
    f = request_filter(dims, scope_text=sub.scope, period_text=sub.period, compare="previous")
    f = within(user, f, dims)
    built = report.build(store, report.Request(f, lang=sub.lang))
    data = report.write(built, sub.report_format)
    with words.speaking(sub.lang):
        subject = t("subscribe.subject", scope=sub.scope, period=sub.period)
        line = t("subscribe.body", scope=sub.scope, period=sub.period, as_of=str(dims.as_of))
    name = f"service-pulse-{sub.scope}-{dims.as_of}.{sub.report_format}".replace(",", "-")
    return delivery.Message(
        subject, (line,), attachment=(name, data, report.MIME[sub.report_format])
    )


def _failed_key(sub: Subscription, due: dt.datetime, email: str) -> str:
    return f"report-failed:{sub.subscription_id}:{due.date().isoformat()}:email:{email}"


def _failed_build(store_path, config, sub: Subscription, user, due, error: str) -> None:
    """Tell the subscriber and the admins, once per due run."""
    with words.speaking(sub.lang):
        message = delivery.Message(
            t("subscribe.failed_subject", scope=sub.scope),
            (t("subscribe.failed_body", scope=sub.scope, period=sub.period, error=error),),
        )
    for person in {user.email, *(a.email for a in people.admins(store_path) if a.email)}:
        delivery.deliver(
            store_path, config, _failed_key(sub, due, person),
            lambda p=person: delivery.email(config, p, message),
            channel="email", recipient=person, what="report_failed",
            subscription_id=sub.subscription_id,
        )  # fmt: skip
