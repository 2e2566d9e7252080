"""Read the SQL files in queries/ and render the few that are Jinja templates."""

from __future__ import annotations

import functools
import re

import jinja2

from pulse import ROOT

QUERIES = ROOT / "queries"
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


@functools.cache
def text(name: str) -> str:
    """The text of queries/<name>.sql."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a file that holds several, split on the semicolons that end them."""
    return split(text(name))


def split(script: str) -> list[str]:
    """The statements of a text that holds several (a file or a rendered template)."""
    return [s.strip().rstrip(";") for s in script.split(";\n") if s.strip().strip(";")]


def used_params(statement: str, params: dict) -> dict:
    """The parameters a statement names: DuckDB refuses a statement given extra ones."""
    return {k: v for k, v in params.items() if re.search(rf"\${k}\b", statement)}


def ident(name: str) -> str:
    """A column or table name, refused unless it is a plain lowercase identifier."""
    if not _IDENT.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(QUERIES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["ident"] = ident
    return env


def render(name: str, **context) -> str:
    """Render queries/<name>.sql.j2; values are never rendered, only identifiers and
    expressions from the metric catalogue or the store's own schema."""
    return _environment().get_template(f"{name}.sql.j2").render(**context)
