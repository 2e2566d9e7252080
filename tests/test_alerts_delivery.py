"""A delivery is recorded "sending" before it is sent and "sent" after: a process that stops
in between leaves a row that is reported, never sent again. Real SMTP server on 127.0.0.1."""

from __future__ import annotations

import pytest

from pulse.alerts import delivery
from pulse.alerts.config import Config, Smtp
from tests.alert_servers import SmtpServer

MESSAGE = delivery.Message("Alert: SZ", ("Shenzhen ...",), "http://x/trends?city=SZ", "Open")
KEY = "alert:1:opened:email:sz@x.cn"


class Stopped(BaseException):
    """The process dies (not an error the delivery could catch and retry)."""


def _deliver(path, config, send):
    return delivery.deliver(
        path, config, KEY, send, channel="email", recipient="sz@x.cn", what="opened"
    )


def test_a_send_the_process_did_not_see_finish_is_reported_not_repeated(tmp_path):
    path = tmp_path / "store.duckdb"
    with SmtpServer() as smtp:
        config = Config(smtp=Smtp(host="127.0.0.1", port=smtp.port), retry_delays_s=(0.0,))

        def sent_then_died():
            delivery.email(config, "sz@x.cn", MESSAGE)  # the server has it ...
            raise Stopped  # ... and the process stops before it records so

        with pytest.raises(Stopped):
            _deliver(path, config, sent_then_died)
        assert len(smtp.inbox.messages) == 1
        # the restarted process meets the row left "sending"
        again = _deliver(path, config, lambda: delivery.email(config, "sz@x.cn", MESSAGE))
        assert again == delivery.UNSURE
        assert len(smtp.inbox.messages) == 1  # not sent a second time
    (row,) = delivery.failures(path)
    assert (row["delivery_key"], row["state"], row["attempts"]) == (KEY, "sending", 1)


def test_a_finished_send_is_recorded_sent_and_never_repeated(tmp_path):
    path = tmp_path / "store.duckdb"
    with SmtpServer() as smtp:
        config = Config(smtp=Smtp(host="127.0.0.1", port=smtp.port), retry_delays_s=(0.0,))
        send = lambda: delivery.email(config, "sz@x.cn", MESSAGE)  # noqa: E731
        assert _deliver(path, config, send) == delivery.SENT
        assert _deliver(path, config, send) == delivery.ALREADY
        assert len(smtp.inbox.messages) == 1
    assert delivery.failures(path) == []


def test_a_failed_attempt_is_retried_on_the_next_check(tmp_path):
    path = tmp_path / "store.duckdb"
    with SmtpServer() as smtp:
        down = Config(smtp=Smtp(host="127.0.0.1", port=1), retry_delays_s=(0.0,))
        up = Config(smtp=Smtp(host="127.0.0.1", port=smtp.port), retry_delays_s=(0.0,))
        assert _deliver(path, down, lambda: delivery.email(down, "sz@x.cn", MESSAGE)) == "failed"
        (row,) = delivery.failures(path)
        assert (row["state"], row["attempts"]) == ("failed", 1)
        assert _deliver(path, up, lambda: delivery.email(up, "sz@x.cn", MESSAGE)) == "sent"
        assert len(smtp.inbox.messages) == 1
    assert delivery.failures(path) == []
