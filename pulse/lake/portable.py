"""One rollup definition, two engines: the DuckDB SQL of queries/rollups made Spark SQL by
sqlglot, with the few rewrites sqlglot gets wrong and a refusal of what it would get wrong
silently (see docs/scale.md)."""

from __future__ import annotations

import functools
import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from pulse import sql

# DuckDB functions whose Spark form sqlglot writes wrongly or not at all: a rollup that uses one
# fails the lake tests instead of building different numbers on Spark. Rollups keep additive
# counts and fixed buckets (DESIGN.md), which need none of them.
REFUSED = {
    "quantile_cont": "Spark rejects the percentile_cont sqlglot writes; keep bucket counts",
    "quantile_disc": "no exact Spark form; keep bucket counts",
    "histogram": "no Spark form; count per fixed bucket with count(*) filter",
    "time_bucket": "no Spark form; use date_trunc or a bucket expression",
    "read_parquet": "its hive-partition options are not translated; the engine binds tables",
    "list": "list(x order by ...) loses its order in Spark",
    "array_agg": "array_agg(x order by ...) loses its order in Spark",
}
_MACRO = re.compile(r"create or replace macro (\w+)\((\w+)\) as (.*?);\s*$", re.S | re.M)


class NotPortable(ValueError):
    """A rollup uses DuckDB SQL that has no faithful Spark form."""


def macro_statements() -> list[str]:
    """The store's macro definitions as written, in schema order (a later file redefines an
    earlier one's macro), for an engine that has macros."""
    return [m.group(0) for m in _MACRO.finditer(schema_text())]


def schema_text() -> str:
    """Every schema file of the store, in the order the store applies them."""
    files = sorted((sql.QUERIES / "schema").glob("*.sql"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@functools.cache
def macros() -> dict[str, tuple[str, exp.Expression]]:
    """The store's SQL macros (hours_bucket) by name: (parameter, body), the last definition
    in schema order winning, as in the store."""
    return {
        name: (param, sqlglot.parse_one(body, read="duckdb"))
        for name, param, body in _MACRO.findall(schema_text())
    }


def _name(node: exp.Expression) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    return (node.sql_name() if isinstance(node, exp.Func) else "").lower()


def _refuse(tree: exp.Expression) -> None:
    for node in tree.walk():
        name = _name(node)
        aliases = {
            "quantile_cont": (exp.PercentileCont, exp.Quantile),
            "quantile_disc": (exp.PercentileDisc,),
            "list": (exp.ArrayAgg,),
            "time_bucket": (exp.DateBin,) if hasattr(exp, "DateBin") else (),
            "histogram": (),
            "read_parquet": (exp.ReadParquet,) if hasattr(exp, "ReadParquet") else (),
        }
        for refused, kinds in aliases.items():
            if name == refused or (kinds and isinstance(node, kinds)):
                raise NotPortable(f"{refused}: {REFUSED[refused]}")
        if name in REFUSED:
            raise NotPortable(f"{name}: {REFUSED[name]}")


def _micros(node: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this="unix_micros", expressions=[node])


def _seconds(micros: exp.Expression) -> exp.Expression:
    """Seconds from microseconds, fractions kept, as DuckDB's epoch() gives them."""
    return exp.Div(this=micros, expression=exp.Literal.number(1_000_000))


def _rewrite(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.TimeToUnix):
        # epoch(a - b) is an interval's seconds in DuckDB; Spark's unix_timestamp refuses one
        inner = node.this
        if isinstance(inner, exp.Sub):
            # the difference in whole microseconds first, so the seconds are exact
            difference = exp.Sub(this=_micros(inner.this), expression=_micros(inner.expression))
            return exp.Paren(this=_seconds(exp.Paren(this=difference)))
        return exp.Paren(this=_seconds(_micros(inner)))
    name = _name(node)
    if name == "to_hours":
        hours = node.expressions[0] if node.expressions else node.this
        return exp.Anonymous(this="make_dt_interval", expressions=[exp.Literal.number(0), hours])
    if name in macros():
        param, body = macros()[name]
        argument = node.expressions[0]
        return body.copy().transform(
            lambda n: argument.copy() if isinstance(n, exp.Column) and n.name == param else n
        )
    return node


def to_spark(duckdb_sql: str, rename: dict[str, str] | None = None) -> str:
    """The Spark SQL of one DuckDB statement; `rename` maps table names to the views that
    stand for them. Raises NotPortable where the Spark form would be wrong."""
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    _refuse(tree)
    tree = tree.transform(_rewrite)
    for table in tree.find_all(exp.Table):
        if rename and table.name in rename:
            table.set("this", exp.to_identifier(rename[table.name]))
    try:
        return tree.sql("spark", unsupported_level=ErrorLevel.RAISE, comments=False)
    except sqlglot.errors.UnsupportedError as err:
        raise NotPortable(str(err)) from err


def tables_read(duckdb_sql: str) -> set[str]:
    """The tables (and views) a statement reads, its CTEs left out."""
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    ctes = {cte.alias for cte in tree.find_all(exp.CTE)}
    return {t.name for t in tree.find_all(exp.Table)} - ctes
