"""When a check runs: after a load (the data version moved) or a day after the last one; the
cron command runs one pass and says what it did."""

from __future__ import annotations

import datetime as dt
import shutil

from pulse.alerts import __main__ as command
from pulse.alerts import check, people, scheduler
from pulse.alerts.config import Config
from pulse.store import Store
from tests.test_alerts_outage import CONTROL, OUTAGE


def test_a_check_is_due_after_a_load_or_a_day(tiny_path, tmp_path, monkeypatch):
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [])
    store = Store(path, read_only=True)
    try:
        assert scheduler.due(store)  # never checked
        check.run(store, Config(retry_delays_s=()), OUTAGE[1], [CONTROL])
        assert not scheduler.due(store)
        assert scheduler.due(store, dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1))
        store._version += 1  # what Store.loaded() reads after a load
        assert scheduler.due(store)
    finally:
        store.close()


def test_the_cron_command_checks_and_reports(tiny_path, tmp_path, monkeypatch, capsys):
    path = tmp_path / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    monkeypatch.setattr(people, "active", lambda store_path: [])
    monkeypatch.delenv("PULSE_ALERTS", raising=False)
    code = command.main(["check", "--store", str(path), "--as-of", "2026-10-22"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("checked as of 2026-10-22:")
    assert command.main(["run", "--store", str(path)]) == 0
    assert command.main(["run", "--store", str(tmp_path / "missing.duckdb")]) == 1
