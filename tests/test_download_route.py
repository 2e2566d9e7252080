"""Every file a download button makes on click goes through pulse.ui.trail.audited: Streamlit
calls the button's function on a thread of its own after the run, where only audited's copy
of the run's context gives it the reader's language and the run's user and store. A function
handed to st.download_button directly made a Chinese page's files in English, or no file at
all; it was not audited either. Bytes made during the run are fine."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _unrouted(path: Path) -> list[int]:
    """The lines of the download buttons in a file handed a function not through audited."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    found = []
    for call in ast.walk(tree):
        name = getattr(call, "func", None)
        if not (isinstance(call, ast.Call) and getattr(name, "attr", "") == "download_button"):
            continue
        given = [k.value for k in call.keywords if k.arg == "data"] or call.args[1:2]
        for data in given:
            made_later = isinstance(data, ast.Lambda) or (
                isinstance(data, ast.Name) and data.id in functions
            )
            audited = isinstance(data, ast.Call) and getattr(data.func, "attr", "") == "audited"
            if made_later and not audited:
                found.append(call.lineno)
    return found


def test_every_file_made_on_click_goes_through_trail_audited():
    files = [*(ROOT / "pulse").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    unrouted = [f"{p.relative_to(ROOT)}:{line}" for p in sorted(files) for line in _unrouted(p)]
    assert unrouted == []


def test_the_guard_finds_a_function_handed_over_directly(tmp_path):
    example = tmp_path / "example.py"
    example.write_text(
        "def workbook():\n    return b''\n"
        "st.download_button('a', data=lambda: b'')\n"
        "st.download_button('b', workbook)\n"
        "st.download_button('c', data=trail.audited(workbook, 'c.xlsx'))\n"
        "st.download_button('d', data=frame.to_csv().encode())\n",
        encoding="utf-8",
    )
    assert _unrouted(example) == [3, 4]
