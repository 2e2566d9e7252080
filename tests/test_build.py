"""The first-run build runs in a thread of its own: a visitor who reloads or leaves while it
runs stops only their own script run, and every visitor watches the same build."""

from __future__ import annotations

from pulse import build
from pulse.store import open_store


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
