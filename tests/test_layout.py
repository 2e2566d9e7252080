"""The layout shows the architecture: the core below the export and UI kits, the kits below
the page families, the families below the report and the pages; no folder imports a folder
that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PULSE = ROOT / "pulse"
FAMILIES = (
    "overview",
    "queues",
    "hotline",
    "surveys",
    "complaints",
    "trends",
    "benchmarks",
    "drill",
    "scorecard",
    "importer",
)
# lower layers never import higher ones
LAYERS = {
    "core": 0,
    "export": 1,
    "ui": 2,
    **dict.fromkeys(FAMILIES, 3),
    "report": 4,
    "alerts": 5,  # judges with the families, sends the report
    "pages": 6,
}


def _folder(module: str) -> str:
    """The layer folder of a pulse module name ('pulse.queues.data' -> 'queues')."""
    parts = module.split(".")
    if parts[0] in ("pages", "app") or parts[-1] == "__main__":
        return "pages"  # entry points: pages, the router and the commands
    if len(parts) > 2 and parts[1] in LAYERS:
        return parts[1]
    if len(parts) == 2 and (PULSE / parts[1]).is_dir() and parts[1] in LAYERS:
        return parts[1]
    return "core"


def _imports(path: Path) -> set[str]:
    """Every pulse module a file imports, as dotted names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pulse"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                is_module = (ROOT / (name.replace(".", "/") + ".py")).exists()
                found.add(name if is_module else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("pulse")}
    return found


def _modules() -> dict[str, Path]:
    files = [*PULSE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    out = {}
    for path in files:
        rel = path.relative_to(ROOT).with_suffix("")
        out[".".join(rel.parts).removesuffix(".__init__")] = path
    return out


EDGES = [(name, target) for name, path in _modules().items() for target in sorted(_imports(path))]


def test_the_families_have_folders():
    missing = [f for f in FAMILIES if not (PULSE / f).is_dir()]
    assert not missing


@pytest.mark.parametrize("layer", sorted(LAYERS, key=LAYERS.get))
def test_no_layer_imports_a_higher_one(layer):
    upward = [
        f"{name} imports {target}"
        for name, target in EDGES
        if _folder(name) == layer and LAYERS[_folder(target)] > LAYERS[layer]
    ]
    assert not upward, "\n".join(upward)


def test_no_two_folders_import_each_other():
    pairs = {(_folder(a), _folder(b)) for a, b in EDGES if _folder(a) != _folder(b)}
    loops = sorted(f"{a} <-> {b}" for a, b in pairs if (b, a) in pairs and a < b)
    assert not loops


def test_no_family_imports_another_family():
    sideways = [
        f"{name} imports {target}"
        for name, target in EDGES
        if _folder(name) in FAMILIES
        and _folder(target) in FAMILIES
        and _folder(name) != _folder(target)
    ]
    assert not sideways, "\n".join(sideways)


def test_pages_hold_no_sql_and_no_duckdb():
    for path in (ROOT / "pages").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import duckdb" not in text and "sql." not in text, path.name
