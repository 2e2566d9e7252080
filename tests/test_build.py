"""The first-run build runs in a thread of its own: a visitor who reloads or leaves while it
runs stops only their own script run, and every visitor watches the same build."""

from __future__ import annotations

from pulse import build
from pulse.store import Store, open_store


def test_one_background_build_per_store_that_visitors_share(tmp_path):
    path = tmp_path / "first-run.duckdb"
    job = build.build_in_background(path, scale="tiny")
    assert build.build_in_background(path, scale="tiny") is job  # a second visitor watches it
    job.thread.join(timeout=300)
    assert not job.running and job.error is None
    assert job.done == job.total > 1
    assert path.exists() and not (tmp_path / "first-run.duckdb.building").exists()
    store = open_store(path)
    assert store.df("select count(*) as n from queue_ticket")["n"].iloc[0] > 0


def test_the_build_leaves_no_staging_folder_beside_the_store(tiny_path):
    """The loads of a build stage their files beside the store being built; that folder goes
    when the store is renamed into place (it used to stay, empty, as X.building.staging).
    Other tests share this store and may add its inbox: only staging folders are looked for."""
    assert not [p.name for p in tiny_path.parent.iterdir() if p.name.endswith(".staging")]


def test_the_progress_counts_every_step_once_and_names_it(tmp_path):
    """Months are generated in one thread while files load in another: the count still goes
    1, 2, ... total, and each step says what it was (a month, a table, a summary table)."""
    seen = []
    build.build_store(tmp_path / "p.duckdb", "tiny", progress=lambda *step: seen.append(step))
    total = seen[0][1]
    assert [done for done, _, _ in seen] == list(range(1, total + 1))
    assert {t for _, t, _ in seen} == {total}
    names = [what for _, _, what in seen]
    # tiny: two months of facts, one file per fact table (pulse.build.MONTHS_PER_FILE)
    assert [n for n in names if n[:2] == "20"] == ["2026-09", "2026-10"]
    assert names.count("queue_ticket") == names.count("survey_response") == 1
    assert names.index("queue_ticket") < names.index("survey_response")
    assert {"queue_hourly", "survey_daily", "hotline_interval"} <= set(names)
    assert names[-1] == "checkpoint"


def test_the_progress_bar_says_each_step_in_the_readers_language():
    from pulse import i18n
    from pulse.ui import shell

    steps = {
        "2026-09": ("generated the events of 2026-09 (3 of 9)", "已生成 2026-09 的事件（3/9）"),
        "queue_ticket": ("loaded Queue tickets (3 of 9)", "已载入 排队取号（3/9）"),
        "queue_hourly": ("loaded summary tables (3 of 9)", "已载入 汇总表（3/9）"),
    }
    for what, (en, zh) in steps.items():
        job = build.Job(path=None, done=3, total=9, what=what)
        for lang, text in (("en", en), ("zh", zh)):
            i18n.set_language(lang)
            assert shell._step_text(job).endswith(text)
    i18n.set_language("en")


def test_a_forced_rebuild_replaces_the_side_database_with_the_store(tmp_path, capsys):
    """The audit log names loads by the store's load ids, which a new store gives out again:
    kept beside a rebuilt store, it showed the old store's files and left the new ones out."""
    import json

    from pulse import audit, users

    path = tmp_path / "again.duckdb"
    build.build_store(path, "tiny", seed=1)
    store = Store(path)
    units = users.units_of(store)
    store.close()
    users.add(path, "zed", "analyst", users.scope_for([], units), "a long password")
    audit.record(path, None, "load", {"load_id": 1, "file": "an-old-file.csv"})
    assert build.main(["--scale", "tiny", "--path", str(path), "--force"]) == 0
    assert "accounts, sessions, audit log" in capsys.readouterr().err
    assert users.account(path, "zed") is None
    assert users.account(path, "executive") is not None  # the demo accounts, made anew
    loads = audit.entries(path).query("action == 'load'")["detail_json"].map(json.loads)
    assert "an-old-file.csv" not in {d.get("file") for d in loads}
    assert sorted(d["load_id"] for d in loads) == list(range(1, len(loads) + 1))
    assert {d["via"] for d in loads} == {"store build"}
