"""The outage fires one alert for its city's complaint rate, to the users (and the chat group)
whose scope covers the city and to nobody else; a second check sends nothing new;
acknowledging, snoozing and clearing work. Real SMTP and HTTP servers on 127.0.0.1."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest

from pulse import access, ingest
from pulse.alerts import check, delivery, lifecycle, people, rules
from pulse.alerts.config import Config, Smtp, Webhook
from pulse.store import Store
from tests.alert_servers import Hook, SmtpServer

OUTAGE = (dt.date(2026, 10, 20), dt.date(2026, 10, 22))  # the tiny store's SZ outage
EXTRA_PER_DAY = 10  # network complaints a day the tiny store's 7 % sample leaves out
CONTROL = rules.Rule("complaints-city-control", "complaints_per_million", "control", "city")
USERS = [
    access.User("sz", access.ROLES["city_manager"], access.Scope(cities=("SZ",)), email="sz@x.cn"),
    access.User("gz", access.ROLES["city_manager"], access.Scope(cities=("GZ",)), email="gz@x.cn"),
    access.User("boss", access.ROLES["executive"], access.NOTHING, email="boss@x.cn"),
    access.User("gd", access.ROLES["province_manager"], access.Scope(provinces=("GD",)),
                email="gd@x.cn"),
    access.User("hall", access.ROLES["hall_manager"], access.Scope(halls=("SZ-001",)),
                email="hall@x.cn"),
]  # fmt: skip


def _outage_file(path) -> None:
    """The outage's network complaints in Shenzhen, as the complaint system exports them."""
    header = [
        "complaint_id",
        "received_at",
        "channel",
        "city_id",
        "branch_id",
        "segment",
        "brand",
        "subcategory_id",
        "severity",
        "is_escalated",
        "due_at",
        "first_response_at",
        "resolved_at",
        "status",
        "customer_key",
        "is_repeat",
        "return_visit",
    ]
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        day = OUTAGE[0]
        while day <= OUTAGE[1]:
            for i in range(EXTRA_PER_DAY):
                at = dt.datetime.combine(day, dt.time(9 + i))
                writer.writerow(
                    [f"OUT{day:%m%d}{i:02d}", at, "hotline", "SZ", "", "regular", "gotone",
                     "network_outage", "medium", "false", at + dt.timedelta(days=15),
                     at + dt.timedelta(hours=2), at + dt.timedelta(days=1), "resolved",
                     f"k{day:%d}{i}", "false", "satisfied"]
                )  # fmt: skip
            day += dt.timedelta(days=1)


@pytest.fixture
def store(tiny_path, tmp_path, monkeypatch):
    """A writable copy of the tiny store, and the users above."""
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: USERS)
    opened = Store(path)
    yield opened
    opened.close()


def _config(smtp_port: int, sz_hook: str, gz_hook: str) -> Config:
    return Config(
        smtp=Smtp(host="127.0.0.1", port=smtp_port),
        webhooks=(
            Webhook("sz-group", sz_hook + "/sz", "wecom", ("SZ",)),
            Webhook("gz-group", gz_hook + "/gz", "slack", ("GZ",)),
        ),
        languages=("en", "zh"),
        retry_delays_s=(0.0,),
    )


def test_the_outage_fires_once_to_those_whose_scope_covers_it(store, tmp_path):
    with SmtpServer() as smtp, Hook() as hook:
        config = _config(smtp.port, hook.url, hook.url)
        before = check.run(store, config, OUTAGE[1], [CONTROL])
        assert before.opened == []  # the tiny sample alone is within the limits
        extract = tmp_path / "outage.csv"
        _outage_file(extract)
        ingest.load_file(store, "complaint", extract, loaded_by="tests")
        store.loaded()
        first = check.run(store, config, OUTAGE[1], [CONTROL])
        assert len(first.opened) == 1
        alert = lifecycle.recent(store.path)[0]
        assert (alert["unit"], alert["metric_id"], alert["state"]) == (
            "SZ", "complaints_per_million", "open"
        )  # fmt: skip
        assert "Shenzhen" in alert["sentence_en"] and "n = 43" in alert["sentence_en"]
        assert "95% CI" in alert["sentence_en"] and "深圳" in alert["sentence_zh"]
        received = {r for rcpt, _ in smtp.inbox.messages for r in rcpt}
        assert received == {"sz@x.cn", "boss@x.cn", "gd@x.cn"}
        mail = smtp.inbox.to("sz@x.cn")[0]
        html = mail.get_body(("html",)).get_content()
        pictures = [p for p in mail.walk() if p.get_content_type() == "image/png"]
        assert len(pictures) == 1 and pictures[0].get_content().startswith(b"\x89PNG")
        assert f"cid:{pictures[0]['Content-ID'][1:-1]}" in html
        assert "/trends?" in html and "city=SZ" in html
        assert [path for path, _ in hook.bodies] == ["/sz"]
        assert hook.bodies[0][1]["msgtype"] == "markdown"
        assert first.sent == 4 and first.failed == 0

        again = check.run(store, config, OUTAGE[1], [CONTROL])
        assert (again.opened, again.sent) == ([], 0)
        assert len(smtp.inbox.messages) == 3 and len(hook.bodies) == 1

        alert_id = first.opened[0]
        lifecycle.acknowledge(store.path, alert_id, "sz", "network team on it")
        row = lifecycle.recent(store.path)[0]
        assert (row["acked_by"], row["ack_note"]) == ("sz", "network team on it")

        cleared = check.run(store, config, dt.date(2026, 10, 31), [CONTROL])
        assert cleared.closed == [alert_id] and cleared.opened == []
        row = lifecycle.recent(store.path)[0]
        assert row["state"] == "closed" and row["cleared_en"].startswith("Cleared:")
        closing = [m for m in smtp.inbox.to("sz@x.cn") if "cleared" in m["Subject"]]
        assert len(closing) == 1
        steps = [h["action"] for h in lifecycle.history(store.path, alert_id)]
        assert steps == ["opened", "acknowledged", "closed"]


def test_a_failed_delivery_is_kept_and_retried(store, tmp_path):
    extract = tmp_path / "outage.csv"
    _outage_file(extract)
    ingest.load_file(store, "complaint", extract, loaded_by="tests")
    store.loaded()
    with Hook(status=500) as broken:
        config = Config(
            webhooks=(Webhook("sz-group", broken.url, "dingtalk", ("SZ",)),),
            retry_delays_s=(0.0, 0.0),
        )
        result = check.run(store, config, OUTAGE[1], [CONTROL])
        assert len(broken.bodies) == 2  # two attempts
    failed = delivery.failures(store.path)
    emails = [f for f in failed if f["channel"] == "email"]
    assert {f["recipient"] for f in emails} == {"sz@x.cn", "boss@x.cn", "gd@x.cn"}
    assert all("no SMTP server" in f["last_error"] for f in emails)
    hook_row = next(f for f in failed if f["channel"] == "webhook")
    assert hook_row["attempts"] == 2 and "500" in hook_row["last_error"]
    assert result.failed == 4
    assert lifecycle.recent(store.path)[0]["count_failed"] == 4
    with Hook() as mended:
        config = Config(
            webhooks=(Webhook("sz-group", mended.url, "dingtalk", ("SZ",)),),
            retry_delays_s=(0.0,),
        )
        check.run(store, config, OUTAGE[1], [CONTROL])
        assert len(mended.bodies) == 1
        assert mended.bodies[0][1]["markdown"]["title"]


def test_snoozed_alerts_send_nothing(store, tmp_path):
    extract = tmp_path / "outage.csv"
    _outage_file(extract)
    ingest.load_file(store, "complaint", extract, loaded_by="tests")
    store.loaded()
    with SmtpServer() as smtp:
        config = Config(smtp=Smtp(host="127.0.0.1", port=smtp.port), retry_delays_s=(0.0,))
        # opened while the mail server is unreachable: nothing sent yet
        result = check.run(store, Config(retry_delays_s=()), OUTAGE[1], [CONTROL])
        lifecycle.snooze(store.path, result.opened[0], "sz", "2999-01-01")
        check.run(store, config, OUTAGE[1], [CONTROL])
        assert smtp.inbox.messages == []
        lifecycle.snooze(store.path, result.opened[0], "sz", "2000-01-01")
        check.run(store, config, OUTAGE[1], [CONTROL])
        assert len(smtp.inbox.messages) == 3


def test_a_rule_with_an_audience_reaches_only_those_named_within_their_scope(store, tmp_path):
    extract = tmp_path / "outage.csv"
    _outage_file(extract)
    ingest.load_file(store, "complaint", extract, loaded_by="tests")
    store.loaded()
    named = rules.Rule(
        "complaints-city-control-named", "complaints_per_million", "control", "city",
        audience=("sz", "gz", "boss"),
    )  # fmt: skip
    with SmtpServer() as smtp:
        config = Config(smtp=Smtp(host="127.0.0.1", port=smtp.port), retry_delays_s=(0.0,))
        result = check.run(store, config, OUTAGE[1], [named])
        # gd's scope covers SZ but gd is not named; gz is named but SZ is outside their scope
        assert {r for rcpt, _ in smtp.inbox.messages for r in rcpt} == {"sz@x.cn", "boss@x.cn"}
        assert result.sent == 2
