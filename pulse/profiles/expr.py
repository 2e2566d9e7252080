"""The profiles' small expression language: Python syntax cut down to a checked whitelist
(arithmetic, comparisons, `a if c else b`, and the functions below), evaluated column-wise in
pandas. Nothing is ever pasted into SQL, and no function reads a file or the network."""

from __future__ import annotations

import ast
import operator

import numpy as np

from pulse.profiles.functions import (
    FUNCTIONS,
    ISO_DATE,
    Context,
    ExpressionError,
    _is_float,
    _is_number,
    _is_text,
    _numeric,
    _series,
    is_text_series,
)

__all__ = ["FUNCTIONS", "ISO_DATE", "Context", "ExpressionError", "is_text_series"]

MAX_LENGTH = 2000


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
