"""python -m pulse.report: a file on good options, exit 2 and a clear message on bad ones."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from pulse.report.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store_copy(tiny_path, tmp_path_factory) -> Path:
    """The command opens its store read-only; DuckDB refuses that in a process that holds the
    same file read-write (the session's tiny store), so it gets a copy."""
    path = tmp_path_factory.mktemp("cli") / "tiny.duckdb"
    shutil.copy(tiny_path, path)
    return path


def test_the_command_writes_the_workbook(store_copy, tmp_path, capsys):
    out = tmp_path / "sz.xlsx"
    code = main(
        [
            "--store", str(store_copy), "--scope", "SZ", "--period", "last_30",
            "--sections", "overview,queues", "--lang", "zh", "--out", str(out),
        ]
    )  # fmt: skip
    assert code == 0
    assert f"wrote {out}" in capsys.readouterr().out
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book["目录"]["A2"].value.startswith("深圳 · 2026年10月2日至2026年10月31日")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "Atlantis"], "scope 'Atlantis' is not a province, city or hall"),
        (["--period", "forever"], "period 'forever' is not known; use last_7"),
        (["--sections", "overview,weather"], "section(s) weather not known"),
        (["--segment", "platinum"], "segment(s) platinum not known"),
        (["--compare", "yesterday"], "invalid choice: 'yesterday'"),
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["--scope", "SZ,GZ-001"], "GZ-001 lies outside the other places chosen"),
    ],
)
def test_a_bad_option_exits_2_with_a_message(store_copy, tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as stop:
        main(["--store", str(store_copy), "--out", str(tmp_path / "r.pdf"), *args])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_the_format_must_be_known(store_copy, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--store", str(store_copy), "--out", str(tmp_path / "r.docx")])
    assert stop.value.code == 2
    assert "say --format pdf, pptx or xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--store", str(store_copy), "--format", "pdf", "--out", str(tmp_path / "r.pptx")])
    assert "does not end in .pdf" in capsys.readouterr().err


def test_a_missing_store_exits_1(tmp_path, capsys):
    code = main(["--store", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r.pdf")])
    assert code == 1
    assert "no store at" in capsys.readouterr().err


def test_the_module_runs_as_a_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pulse.report", "--out", str(tmp_path / "x.pdf")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={"PULSE_STORE": str(tmp_path / "none.duckdb"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 1  # the store is checked before the options that need it
    assert "no store at" in result.stderr
