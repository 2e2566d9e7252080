"""Colours and number formats have one owner each: a hex colour outside the theme, or an
f-string number format outside pulse/ui/format.py, fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THEME = {"pulse/export/theme.py"}  # every named colour, for screen, print and the PDF's CSS
# pulse.ui.margins writes tick labels as plotly writes them, only to measure their width:
# nothing it writes reaches the screen
FORMAT = {"pulse/ui/format.py", "pulse/ui/margins.py"}
# PENDING: folders being rewritten on other branches while the kit lands; empty when none.
PENDING: tuple[str, ...] = ()
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
TEXT = {".py", ".css", ".html", ".j2", ".toml", ".md", ".txt"}
# A format spec that writes a number: sign, zero padding, width, grouping, precision, type.
NUMBER_SPEC = re.compile(r"[+\- ]?0?\d*[,_]?(?:\.\d+)?[%deEfFgGn]?")
FAMILIES = (
    "overview",
    "queues",
    "hotline",
    "surveys",
    "complaints",
    "trends",
    "benchmarks",
    "drill",
)
FORMATTED = ("pulse/ui", "pulse/report", "pages", *(f"pulse/{f}" for f in (*FAMILIES, "scorecard")))


def _files(*roots: str, suffixes: set[str]) -> list[Path]:
    return sorted(
        p
        for root in roots
        for p in (ROOT / root).rglob("*")
        if p.is_file() and p.suffix in suffixes and "__pycache__" not in p.parts
    )


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _pending(name: str) -> bool:
    return name.startswith(PENDING)


def test_hex_colours_live_only_in_the_theme():
    found = [
        f"{_name(p)}:{n}: {m}"
        for p in _files("pulse", "pages", suffixes=TEXT)
        if _name(p) not in THEME and not _pending(_name(p))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        for m in HEX.findall(line)
    ]
    assert not found, "name these colours in pulse/export/theme.py:\n" + "\n".join(found)


def number_specs(source: str) -> list[tuple[int, str]]:
    """The (line, spec) of every f-string replacement field that formats a number."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(
                v.value if isinstance(v, ast.Constant) else "1" for v in node.format_spec.values
            )
            if spec and NUMBER_SPEC.fullmatch(spec):
                out.append((node.lineno, spec))
    return out


def test_number_specs_are_recognised():
    source = 'f"{a:.1%}{b:,}{c:.0f}{d:+,.{k}f}{e:02d}{f:g}{day:%Y-%m-%d}{name}{g!r}{h:>8}"'
    assert [spec for _, spec in number_specs(source)] == [".1%", ",", ".0f", "+,.1f", "02d", "g"]


def test_numbers_are_written_by_the_format_module():
    found = [
        f"{_name(p)}:{line}: {{:{spec}}}"
        for p in _files(*FORMATTED, suffixes={".py"})
        if _name(p) not in FORMAT and not _pending(_name(p))
        for line, spec in number_specs(p.read_text(encoding="utf-8"))
    ]
    assert not found, "write these with pulse.ui.format:\n" + "\n".join(found)
