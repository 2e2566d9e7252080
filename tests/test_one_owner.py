"""One owner of the filter: outside pulse/filters.py (the filter as SQL) and pulse/ui/filterbar.py
(the filter bar's widgets), no module of pulse/, pages/ or app.py builds filter SQL or writes
the filter bar's session keys. The source is read with ast, so comments and docstrings do not
count and a key built at run time (f"f_{name}") does."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OWNERS = {"pulse/filters.py", "pulse/ui/filterbar.py"}
# filter SQL in a string: "and city_id in (", "and tier = $", a placeholder list " in ($",
# a generated name "$peer_..."
# (an f-string's values read as {})
SQL = re.compile(r"\band\s+[\w{}.]+\s+(in\s*\(|=\s*\$)|\bin\s*\(\s*(\$|\{\})|\$peer_", re.I)
PREFIX = "f_"  # the filter bar's session keys (pulse.filters.SESSION_PREFIX)
# names from pulse.filters that spell a filter bar key
KEY_NAMES = {"session_key", "SESSION_PREFIX", "RANGE_KEY", "LANG_KEY"}
WRITERS = {"update", "setdefault", "pop", "__setitem__", "__delitem__"}


def sources(root: Path = ROOT) -> list[Path]:
    """The Python files that make up the app."""
    folders = (sorted((root / name).rglob("*.py")) for name in ("pulse", "pages"))
    return [root / "app.py", *(path for folder in folders for path in folder)]


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and _text(first.value) is not None:
            found.add(id(first.value))
    return found


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's literal parts with {} for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _names_a_key(node: ast.AST) -> bool:
    """A filter bar key: a literal starting f_, an f-string starting f_, or a name for one."""
    text = _text(node)
    if text is not None:
        return text.startswith(PREFIX)
    return any(
        (isinstance(n, ast.Attribute) and n.attr in KEY_NAMES)
        or (isinstance(n, ast.Name) and n.id in KEY_NAMES)
        for n in ast.walk(node)
    )


def _session_like(node: ast.AST) -> bool:
    return isinstance(node, (ast.Attribute, ast.Name)) and (
        getattr(node, "attr", None) == "session_state"
        or getattr(node, "id", None) in {"session_state", "state"}
    )


def offences(source: str, name: str) -> list[str]:
    """Where `source` builds filter SQL or writes a filter bar key."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.JoinedStr):
            for before, after in itertools.pairwise(node.values):  # f"${name}"
                literal = str(before.value) if isinstance(before, ast.Constant) else ""
                dollar = literal.endswith("$") and not literal.endswith("\\$")  # not a regex
                if dollar and isinstance(after, ast.FormattedValue):
                    found.append(f"{where} builds a placeholder name")
        text = _text(node)
        if text is not None and id(node) not in skip and SQL.search(text):
            found.append(f"{where} filter SQL {text.strip()[:40]!r}")
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            subscript = isinstance(target, ast.Subscript) and _session_like(target.value)
            if subscript and _names_a_key(target.slice):
                found.append(f"{where} writes a filter bar key")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITERS
            and _session_like(node.func.value)
        ):
            keys = list(node.args[:1])
            for arg in node.args[:1]:
                if isinstance(arg, ast.Dict):
                    keys = [k for k in arg.keys if k is not None]
            keys += [ast.Constant(k.arg) for k in node.keywords if k.arg]
            if any(_names_a_key(k) for k in keys):
                found.append(f"{where} writes a filter bar key")
    return found


@pytest.mark.parametrize(
    "source",
    [
        'where += "\\nand tier = $peer_tier"',
        'bits.append(f"and {column} in ({placeholders})")',
        'x = ", ".join(f"${key}_{i}" for i in range(3))',
        'st.session_state["f_halls"] = [hall]',
        'state = st.session_state\nstate["f_provinces"] = [p]',
        'st.session_state[f"f_{name}"] = []',
        'st.session_state[filters.BY_NAME["halls"].session_key] = []',
        'st.session_state.update({"f_cities": ["SZ"]})',
    ],
)
def test_the_scan_finds_each_kind_of_offence(source):
    assert offences(source, "example.py")


def test_the_scan_leaves_other_keys_and_words_alone():
    source = (
        '"""Rows where the city and tier in (the text) are named."""\n'
        'st.session_state["hall_pick"] = "SZ-001"\n'
        'st.session_state["queues_plan_hour"] = 9\n'
        'where, params = filters.where_clause(f, "queue_daily", {"tier": tier})\n'
        'filterbar.apply(filterbar.current().with_(halls=("SZ-001",)))\n'
    )
    assert offences(source, "example.py") == []


def test_only_the_owners_build_filter_sql_or_write_the_filter_bars_keys():
    found = []
    for path in sources():
        name = path.relative_to(ROOT).as_posix()
        if name not in OWNERS:
            found += offences(path.read_text(encoding="utf-8"), name)
    assert found == []
