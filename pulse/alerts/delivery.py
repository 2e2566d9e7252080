"""Send a message by e-mail (SMTP, the chart inline) or to a chat webhook (JSON in the shape
Slack, WeCom or DingTalk accept), with retries. Each delivery is a row of the side database
keyed by what x recipient x channel: a key already sent is never sent again, so a restart or
a second check sends nothing twice; a delivery that fails after its retries stays visible.
Each attempt is recorded "sending" before and "sent" or "failed" after, so a crash mid-send
leaves a "sending" row that is reported instead of sent again: at most once, never twice."""

from __future__ import annotations

import json
import smtplib
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from pulse import sql
from pulse.alerts import side
from pulse.alerts.config import Config, Webhook

SENT, FAILED, PENDING, SENDING = "sent", "failed", "pending", "sending"
ALREADY = "already"  # sent by an earlier check: nothing to do
UNSURE = "unsure"  # left "sending" by a process that stopped mid-send: reported, not re-sent


@dataclass(frozen=True)
class Message:
    """One message in every channel's terms."""

    subject: str
    lines: tuple[str, ...]  # the sentences, one per language
    link: str = ""
    link_text: str = ""
    chart_png: bytes | None = None
    attachment: tuple[str, bytes, str] | None = None  # file name, bytes, MIME type


def email(config: Config, to: str, message: Message) -> None:
    """Send by SMTP; raises on any failure."""
    smtp = config.smtp
    if not smtp.host:
        raise RuntimeError("no SMTP server is configured (smtp.host or PULSE_SMTP_HOST)")
    mail = EmailMessage()
    mail["Subject"], mail["From"], mail["To"] = message.subject, smtp.sender, to
    text = "\n\n".join([*message.lines, message.link])
    mail.set_content(text)
    cid = make_msgid(domain="service-pulse")
    paragraphs = "".join(f"<p>{_html(line)}</p>" for line in message.lines)
    picture = f'<p><img src="cid:{cid[1:-1]}" alt=""></p>' if message.chart_png else ""
    anchor = (
        f'<p><a href="{_html(message.link)}">{_html(message.link_text or message.link)}</a></p>'
        if message.link
        else ""
    )
    mail.add_alternative(f"<html><body>{paragraphs}{picture}{anchor}</body></html>", "html")
    if message.chart_png:
        mail.get_payload()[1].add_related(
            message.chart_png, "image", "png", cid=cid, filename="chart.png"
        )
    if message.attachment:
        name, data, mime = message.attachment
        main, sub = mime.split("/", 1)
        mail.add_attachment(data, maintype=main, subtype=sub, filename=name)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.user:
            server.login(smtp.user, smtp.password)
        server.send_message(mail)


def payload(shape: str, message: Message) -> dict:
    """The JSON body a chat webhook of this shape accepts (markdown with the link)."""
    body = "\n\n".join(message.lines)
    if shape == "wecom":
        text = f"**{message.subject}**\n\n{body}\n\n[{message.link_text}]({message.link})"
        return {"msgtype": "markdown", "markdown": {"content": text}}
    if shape == "dingtalk":
        text = f"### {message.subject}\n\n{body}\n\n[{message.link_text}]({message.link})"
        return {"msgtype": "markdown", "markdown": {"title": message.subject, "text": text}}
    return {"text": f"*{message.subject}*\n{body}\n<{message.link}|{message.link_text}>"}


def webhook(hook: Webhook, message: Message, timeout_s: float = 20.0) -> None:
    """POST the message to the webhook; raises unless it answers 2xx."""
    data = json.dumps(payload(hook.shape, message), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        hook.url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=timeout_s) as answer:
        if not 200 <= answer.status < 300:
            raise RuntimeError(f"the webhook answered {answer.status}")


def deliver(store_path, config: Config, key: str, send, *, channel, recipient, what, alert_id=None,
            subscription_id=None) -> str:  # fmt: skip
    """Send at most once under `key`: SENT now, ALREADY by an earlier check, FAILED after
    every retry (the error is kept on the row), or UNSURE. Each attempt is recorded as
    "sending" before it starts and "sent" or "failed" after; a row still "sending" means a
    process stopped mid-send (the server may have taken the message), so it is reported, never
    sent again blindly. `send` takes no arguments and raises on failure."""
    with side.connection(store_path) as con:
        con.execute(
            sql.text("alerts/side/delivery_claim"),
            {
                "key": key,
                "alert_id": alert_id,
                "subscription_id": subscription_id,
                "what": what,
                "recipient": recipient,
                "channel": channel,
                "at": side.now(),
            },
        )
        row = con.execute(sql.text("alerts/side/delivery_state"), {"key": key}).fetchone()
    if row["state"] == SENT:
        return ALREADY
    if row["state"] == SENDING:
        return UNSURE
    for attempt, delay in enumerate(config.retry_delays_s, start=row["attempts"] + 1):
        time.sleep(delay)
        if not _begin(store_path, key, attempt):
            return UNSURE  # another process took this delivery meanwhile
        try:
            send()
        except (OSError, RuntimeError, smtplib.SMTPException, urllib.error.URLError) as err:
            _mark(store_path, key, FAILED, attempt, f"{type(err).__name__}: {err}")
            continue
        _mark(store_path, key, SENT, attempt, None)
        return SENT
    return FAILED


def _begin(store_path, key, attempt) -> bool:
    """Record "sending" before an attempt; False when the row was no longer pending or failed."""
    with side.connection(store_path) as con:
        cur = con.execute(
            sql.text("alerts/side/delivery_sending"),
            {"key": key, "attempts": attempt},
        )
        return cur.rowcount == 1


def _mark(store_path, key, state, attempts, error) -> None:
    with side.connection(store_path) as con:
        con.execute(
            sql.text("alerts/side/delivery_mark"),
            {"key": key, "state": state, "attempts": attempts, "error": error, "at": side.now()},
        )


def failures(store_path) -> list[dict]:
    """Deliveries that failed after their retries, and those left "sending" (whether the
    message went out is unknown), newest first."""
    with side.connection(store_path) as con:
        return [dict(r) for r in con.execute(sql.text("alerts/side/deliveries_failed"))]


def _html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
