"""The profiles' small expression language: Python syntax cut down to a checked whitelist
(arithmetic, comparisons, `a if c else b`, and the functions below), evaluated column-wise in
pandas. Nothing is ever pasted into SQL, and no function reads a file or the network."""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MAX_LENGTH = 2000
ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$"
)
_OFFSET = re.compile(r"(Z|[+-]\d{2}(:?\d{2})?)$")
_HMS = re.compile(r"^(-?)(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$")
_PERIOD = re.compile(
    r"^\s*(?:Q([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*Q([1-4])"
    r"|(\d{4})-(\d{1,2})|(\d{4}))\s*$",
    re.IGNORECASE,
)


class ExpressionError(ValueError):
    """An expression that is not allowed or names something unknown."""


@dataclass
class Context:
    """The columns an expression may read and the row rejections it raises."""

    source: pd.DataFrame
    targets: dict[str, pd.Series] = field(default_factory=dict)
    rejects: list[tuple[pd.Series, pd.Series]] = field(default_factory=list)

    def reject(self, mask: pd.Series, messages: pd.Series) -> None:
        """Mark rows whose values cannot be read, with a message per row."""
        if mask.any():
            self.rejects.append((mask, messages))


_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.BoolOp,
    ast.Compare,
    ast.IfExp,
    ast.Call,
    ast.Name,
    ast.Constant,
    ast.Tuple,
    ast.List,
    ast.Load,
    ast.And,
    ast.Or,
    ast.Not,
    ast.USub,
    ast.In,
    ast.NotIn,
    ast.keyword,
    *_BINARY,
    *_COMPARE,
)


def parse(text: str, names: set[str]) -> ast.Expression:
    """Parse and check an expression: only whitelisted syntax, known functions and known
    column names (`col("any name")` reaches a source column whose name is not a word)."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        # parenthesised, so an expression may run over several lines of the profile
        tree = ast.parse("(" + text.strip() + "\n)", mode="eval")
    except SyntaxError as err:
        raise ExpressionError(f"cannot parse {text!r}: {err.msg}") from err
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise ExpressionError(f"{type(node).__name__} is not allowed in {text!r}")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                allowed = ", ".join(sorted(FUNCTIONS))
                raise ExpressionError(f"unknown function in {text!r}; allowed: {allowed}")
            if node.func.id == "col" and not (
                len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
            ):
                raise ExpressionError('col() takes one column name in quotes: col("vru+line")')
            if node.func.id == "col" and node.args[0].value not in names:
                raise ExpressionError(f"no column {node.args[0].value!r} in the file")
            for keyword in node.keywords:
                if keyword.arg not in ("after", "format"):
                    raise ExpressionError(f"unknown argument {keyword.arg}= in {text!r}")
        if (
            isinstance(node, ast.Name)
            and not _is_function_name(tree, node)
            and node.id not in names
            and node.id not in ("True", "False", "None", "null")
        ):
            raise ExpressionError(f"unknown name {node.id!r} in {text!r}")
        if isinstance(node, ast.Constant) and not isinstance(
            node.value, (str, int, float, bool, type(None))
        ):
            raise ExpressionError(f"constant {node.value!r} is not allowed")
    return tree


def _is_function_name(tree: ast.AST, name: ast.Name) -> bool:
    return any(isinstance(n, ast.Call) and n.func is name for n in ast.walk(tree))


def evaluate(tree: ast.Expression, ctx: Context):
    """The value of a checked expression: a Series as long as the file, or a scalar."""
    return _eval(tree.body, ctx)


def _eval(node, ctx: Context):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in ("None", "null"):
            return None
        if node.id in ("True", "False"):
            return node.id == "True"
        if node.id in ctx.source.columns:
            return ctx.source[node.id]
        return ctx.targets[node.id]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [_eval(e, ctx) for e in node.elts]
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, ctx), _eval(node.right, ctx)
        if not isinstance(node.op, ast.Add) or not (_is_text(left) and _is_text(right)):
            left, right = _numeric(left, ctx), _numeric(right, ctx)
        result = _BINARY[type(node.op)](left, right)
        return result.replace([np.inf, -np.inf], np.nan) if _is_float(result) else result
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, ctx)
        if isinstance(node.op, ast.Not):
            return ~_series(value, ctx).fillna(False).astype(bool)
        return -_numeric(value, ctx)
    if isinstance(node, ast.BoolOp):
        values = [_series(_eval(v, ctx), ctx).fillna(False).astype(bool) for v in node.values]
        result = values[0]
        for value in values[1:]:
            result = (result & value) if isinstance(node.op, ast.And) else (result | value)
        return result
    if isinstance(node, ast.Compare):
        return _compare(node, ctx)
    if isinstance(node, ast.IfExp):
        cond = _series(_eval(node.test, ctx), ctx).fillna(False).astype(bool)
        then, other = _eval(node.body, ctx), _eval(node.orelse, ctx)
        then, other = _series(then, ctx), _series(other, ctx)
        if then.dtype != other.dtype and other.isna().all():
            other = other.astype(then.dtype) if then.dtype.kind in "mMf" else other
        if then.dtype != other.dtype and then.isna().all():
            then = then.astype(other.dtype) if other.dtype.kind in "mMf" else then
        return then.where(cond, other)
    func = FUNCTIONS[node.func.id]
    if node.func.id == "col":
        return ctx.source[node.args[0].value]
    args = [_eval(a, ctx) for a in node.args]
    kwargs = {k.arg: _eval(k.value, ctx) for k in node.keywords}
    return func(ctx, *args, **kwargs)


def _compare(node: ast.Compare, ctx: Context):
    left = _eval(node.left, ctx)
    result = None
    for op, right_node in zip(node.ops, node.comparators, strict=True):
        right = _eval(right_node, ctx)
        if isinstance(op, (ast.In, ast.NotIn)):
            items = right if isinstance(right, list) else [right]
            part = _series(left, ctx).isin(items)
            part = ~part if isinstance(op, ast.NotIn) else part
        else:
            a, b = left, right
            if _is_number(a) or _is_number(b):
                a, b = _numeric(a, ctx), _numeric(b, ctx)
            part = _series(_COMPARE[type(op)](a, b), ctx).fillna(False).astype(bool)
        result = part if result is None else (result & part)
        left = right
    return result


def _series(value, ctx: Context) -> pd.Series:
    if isinstance(value, pd.Series):
        return value
    return pd.Series([value] * len(ctx.source), index=ctx.source.index, dtype=object)


def _is_text(value) -> bool:
    return isinstance(value, str) or (isinstance(value, pd.Series) and value.dtype == object)


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, pd.Series) and value.dtype.kind in "if"


def _is_float(value) -> bool:
    return isinstance(value, pd.Series) and value.dtype.kind == "f"


def _numeric(value, ctx: Context):
    """Text read as numbers; a value that is not one rejects its row."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError as err:
            raise ExpressionError(f"{value!r} is not a number") from err
    if isinstance(value, pd.Series) and value.dtype == object:
        number = pd.to_numeric(value, errors="coerce")
        bad = value.notna() & number.isna()
        ctx.reject(bad, "'" + value.astype(str) + "' is not a number")
        return number
    return value


def _text(value, ctx):
    return (
        _series(value, ctx).astype("string").astype(object).where(_series(value, ctx).notna(), None)
    )


def _parse_dates(ctx, value, fmt, what):
    text = _series(value, ctx)
    if text.dtype.kind == "M":
        return text
    text = (
        text.astype(object)
        .where(text.notna(), None)
        .map(lambda v: v.strip() if isinstance(v, str) else v)
    )
    if fmt in (None, "ISO", "iso"):
        matches = text.map(lambda v: isinstance(v, str) and bool(ISO_DATE.match(v)))
        with_offset = text.map(lambda v: isinstance(v, str) and bool(_OFFSET.search(v[10:])))
        aware = bool(with_offset[matches].any())
        parsed = pd.to_datetime(
            text.where(matches, None), format="ISO8601", errors="coerce", utc=aware
        )
        shown = "ISO (YYYY-MM-DD hh:mm:ss)"
    else:
        aware = "%z" in fmt
        parsed = pd.to_datetime(text, format=fmt, errors="coerce", utc=aware)
        shown = fmt
    bad = text.notna() & parsed.isna()
    ctx.reject(bad, "'" + text.astype(str) + f"' does not match the {what} format {shown}")
    return parsed


def _date(ctx, value, fmt=None, format=None):
    return _parse_dates(ctx, value, fmt or format, "date").dt.normalize()


def _timestamp(ctx, value, fmt=None, format=None):
    return _parse_dates(ctx, value, fmt or format, "date-time")


def _hms(ctx, value):
    """H:MM:SS, H:MM or MM:SS clock text as a duration."""
    text = _series(value, ctx)
    if text.dtype.kind == "m":
        return text

    def one(v):
        if not isinstance(v, str):
            return pd.NaT
        match = _HMS.match(v.strip())
        if not match:
            return pd.NaT
        sign, hours, minutes, seconds = match.groups()
        total = int(hours) * 3600 + int(minutes) * 60 + float(seconds or 0)
        return pd.Timedelta(seconds=-total if sign else total)

    parsed = pd.to_timedelta(text.map(one))
    bad = text.notna() & parsed.isna()
    ctx.reject(bad, "'" + text.astype(str) + "' is not a time as H:MM:SS")
    return parsed


def _duration(unit):
    def make(ctx, value):
        value = _numeric(value, ctx)
        if isinstance(value, pd.Series):
            return pd.to_timedelta(value, unit=unit)
        return pd.Timedelta(value, unit=unit)

    return make


def _in_unit(seconds):
    def measure(ctx, value):
        return _series(value, ctx).dt.total_seconds() / seconds

    return measure


def _clock(ctx, day, time, after=None):
    """A date plus a clock time; with after=, a time more than 12 hours before `after` is on
    the next day (a call that runs past midnight)."""
    moment = _series(day, ctx) + _series(time, ctx)
    if after is not None:
        late = moment < (_series(after, ctx) - pd.Timedelta(hours=12))
        moment = moment.where(~late, moment + pd.Timedelta(days=1))
    return moment


def _period(edge):
    def bound(ctx, value):
        text = _series(value, ctx)

        def one(v):
            match = _PERIOD.match(v) if isinstance(v, str) else None
            if not match:
                return pd.NaT
            g = match.groups()
            if g[0] or g[3]:
                period = pd.Period(f"{g[1] or g[2]}Q{g[0] or g[3]}", freq="Q")
            elif g[4]:
                period = pd.Period(f"{g[4]}-{int(g[5]):02d}", freq="M")
            else:
                period = pd.Period(g[6], freq="Y")
            return period.start_time if edge == "start" else period.end_time.normalize()

        parsed = pd.to_datetime(text.map(one))
        bad = text.notna() & parsed.isna()
        ctx.reject(bad, "'" + text.astype(str) + "' is not a period like Q3 2026 or 2026-07")
        return parsed

    return bound


def _part(name):
    def part(ctx, value):
        dt = _series(value, ctx).dt
        return dt.isocalendar().day.astype(float) if name == "weekday" else getattr(dt, name)

    return part


def _coalesce(ctx, *values):
    result = _series(values[0], ctx)
    for value in values[1:]:
        result = result.where(result.notna(), _series(value, ctx))
    return result


def _concat(ctx, *values):
    texts = [_series(v, ctx).map(lambda x: "" if x is None or x != x else str(x)) for v in values]
    result = texts[0]
    for text in texts[1:]:
        result = result + text
    return result


FUNCTIONS = {
    "col": None,
    "number": lambda ctx, v: _numeric(v, ctx),
    "text": lambda ctx, v: _text(v, ctx),
    "date": _date,
    "timestamp": _timestamp,
    "hms": _hms,
    "seconds": _duration("s"),
    "minutes": _duration("min"),
    "hours": _duration("h"),
    "days": _duration("D"),
    "in_seconds": _in_unit(1),
    "in_minutes": _in_unit(60),
    "in_hours": _in_unit(3600),
    "clock": _clock,
    "period_start": _period("start"),
    "period_end": _period("end"),
    "year": _part("year"),
    "month": _part("month"),
    "day": _part("day"),
    "hour": _part("hour"),
    "weekday": _part("weekday"),
    "date_of": lambda ctx, v: _series(v, ctx).dt.normalize(),
    "coalesce": _coalesce,
    "concat": _concat,
    "is_null": lambda ctx, v: _series(v, ctx).isna(),
    "abs": lambda ctx, v: _numeric(v, ctx).abs(),
    "round": lambda ctx, v, n=0: _numeric(v, ctx).round(int(n)),
}
