"""A subscription delivers the board report as a PDF that opens, once per due time, built
within the subscriber's scope; a build that fails is reported to the subscriber and the
admins. Due times: monthly on the 2nd and weekly on Monday, at 08:00 local time."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zoneinfo

import pytest
from pypdf import PdfReader

from pulse import access, dimensions, filters
from pulse.alerts import people, subscriptions
from pulse.alerts.config import Config, Smtp
from pulse.store import Store
from tests.alert_servers import SmtpServer

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SZ = access.User("sz", access.ROLES["city_manager"], access.Scope(cities=("SZ",)), email="sz@x.cn")
ADMIN = access.User("root", access.ROLES["admin"], access.NOTHING, email="admin@x.cn")


@pytest.mark.parametrize(
    ("schedule", "now", "due"),
    [
        ("monthly", dt.datetime(2026, 12, 2, 8, 0), dt.datetime(2026, 12, 2, 8, 0)),
        ("monthly", dt.datetime(2026, 12, 2, 7, 59), dt.datetime(2026, 11, 2, 8, 0)),
        ("monthly", dt.datetime(2026, 12, 31, 23, 0), dt.datetime(2026, 12, 2, 8, 0)),
        ("monthly", dt.datetime(2027, 1, 1, 9, 0), dt.datetime(2026, 12, 2, 8, 0)),
        ("weekly", dt.datetime(2026, 11, 30, 8, 0), dt.datetime(2026, 11, 30, 8, 0)),  # a Monday
        ("weekly", dt.datetime(2026, 11, 30, 7, 0), dt.datetime(2026, 11, 23, 8, 0)),
        ("weekly", dt.datetime(2026, 12, 6, 22, 0), dt.datetime(2026, 11, 30, 8, 0)),  # Sunday
    ],
)
def test_due_times(schedule, now, due):
    found = subscriptions.last_due(schedule, now.replace(tzinfo=SHANGHAI))
    assert found == due.replace(tzinfo=SHANGHAI)


def test_the_report_is_narrowed_to_the_subscribers_scope(tiny):
    dims = dimensions.load(tiny)
    asked = filters.Filter(period="last_month")
    narrowed = subscriptions.within(SZ, asked, dims)
    assert (narrowed.cities, narrowed.halls) == ((), ("SZ-001", "SZ-002"))
    assert subscriptions.within(SZ, asked.with_(cities=("SZ",)), dims).cities == ("SZ",)
    with pytest.raises(ValueError):
        subscriptions.within(SZ, asked.with_(cities=("GZ",)), dims)


@pytest.fixture
def store(tiny_path, tmp_path, monkeypatch):
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [SZ, ADMIN])
    opened = Store(path, read_only=True)
    yield opened
    opened.close()


def test_a_subscription_delivers_a_pdf_once(store):
    good = subscriptions.add(store.path, "sz", "pdf", "SZ", "last_month", "zh", "weekly")
    bad = subscriptions.add(store.path, "sz", "pdf", "NOWHERE", "last_month", "en", "weekly")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=8)  # a Monday 08:00 has passed since
    with SmtpServer() as smtp:
        config = Config(smtp=Smtp(host="127.0.0.1", port=smtp.port), retry_delays_s=(0.0,))
        counts = subscriptions.send_due(store, config, later)
        assert counts == {"sent": 1, "failed": 1}
        report = [m for m in smtp.inbox.to("sz@x.cn") if m.get_filename() is None
                  and any(p.get_filename() for p in m.iter_attachments())]  # fmt: skip
        assert len(report) == 1
        attached = next(report[0].iter_attachments())
        assert attached.get_content_type() == "application/pdf"
        assert attached.get_filename().endswith(".pdf")
        pdf = PdfReader(io.BytesIO(attached.get_content()))
        text = "".join(page.extract_text() for page in pdf.pages)
        assert len(pdf.pages) > 1 and "深圳" in text
        failures = [m for m in smtp.inbox.messages if "NOWHERE" in m[1]["Subject"]]
        assert {r for rcpt, _ in failures for r in rcpt} == {"sz@x.cn", "admin@x.cn"}
        assert "could not be made" in failures[0][1].get_body(("plain",)).get_content()
        assert subscriptions.send_due(store, config, later) == {"sent": 0, "failed": 0}
        assert len(smtp.inbox.messages) == 3
    subscriptions.cancel(store.path, good)
    subscriptions.cancel(store.path, bad)
    assert subscriptions.active(store.path) == []
