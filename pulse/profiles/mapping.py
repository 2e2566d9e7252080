"""Apply a profile to a file's rows: every target column from its source, constant, expression
or surrogate key, codes mapped, scores converted to 0-10, times moved to the store's clock.
A value that cannot be read rejects its row with the value and what was expected."""

from __future__ import annotations

import hashlib

import pandas as pd

from pulse.profiles import Column, Profile, ProfileError, expr

# A declared source scale and its conversion to the product's 0-10: linear, halves rounded up
# (1-5 -> 0, 3, 5, 8, 10, so "4 or 5" stays "8 to 10"); 0 on the 0-5 scale is "not applicable".
SCALE_RANGE = {"1-5": (1, 5), "0-5": (1, 5), "1-7": (1, 7), "0-10": (0, 10), "1-10": (1, 10)}
YES_NO = {"yes": 10, "y": 10, "1": 10, "true": 10, "是": 10, "no": 0, "n": 0, "0": 0, "false": 0}
YES_NO.update({"否": 0})


def scale_map(column: Column) -> dict[str, int | None]:
    """Source score -> 0-10 score for a declared scale (the profile may state its own)."""
    if column.to_0_10 is not None:
        return dict(column.to_0_10)
    if column.scale == "yes/no":
        return dict(YES_NO)
    low, high = SCALE_RANGE[column.scale]
    mapping: dict[str, int | None] = {
        str(v): int((v - low) * 10 / (high - low) + 0.5) for v in range(low, high + 1)
    }
    if column.scale == "0-5":
        mapping["0"] = None  # not applicable
    return mapping


def apply(profile: Profile, source: pd.DataFrame, table_columns: list[dict]) -> pd.DataFrame:
    """The target table's columns as text, with `_row` and `_reason` ('' for a good row)."""
    by_name = {c["name"]: c for c in table_columns}
    names = set(source.columns) - {"_row"}
    for column in profile.columns:
        if column.name not in by_name:
            raise ProfileError(f"columns.{column.name}: {profile.table} has no such column")
    missing = [
        c["name"]
        for c in table_columns
        if c["required"] and c["name"] not in {p.name for p in profile.columns}
    ]
    if missing:
        raise ProfileError(
            f"{profile.table} needs {', '.join(missing)}; the profile does not say where "
            "they come from (a source column, a value or an expression)"
        )
    ctx = expr.Context(source.drop(columns="_row"))
    reasons = pd.Series("", index=source.index, dtype=object)
    out = pd.DataFrame({"_row": source["_row"]})
    known = set(names)
    for column in profile.columns:
        before = len(ctx.rejects)
        value = _value(profile, column, ctx, known, by_name[column.name]["type"])
        if isinstance(value, pd.Series) and value.dtype.kind == "M":
            value = _on_store_clock(profile, value, ctx)
        for mask, messages in ctx.rejects[before:]:
            reasons = _add(reasons, mask, column.name + ": " + messages)
        del ctx.rejects[before:]
        series = value if isinstance(value, pd.Series) else _constant(value, ctx)
        ctx.targets[column.name] = series
        known.add(column.name)
        out[column.name] = _as_text(profile, series, by_name[column.name]["type"])
    for column in table_columns:
        if column["name"] not in out.columns:
            out[column["name"]] = None  # optional and not in this source
    for rule in profile.rejects:
        try:
            hit = expr.evaluate(expr.parse(rule.when, known), ctx)
        except expr.ExpressionError as err:
            raise ProfileError(f"[[reject]] when = {rule.when!r}: {err}") from err
        reasons = _add(reasons, pd.Series(hit, index=source.index).fillna(False), rule.reason)
    for mask, messages in ctx.rejects:
        reasons = _add(reasons, mask, messages)
    out["_reason"] = reasons
    return out


def _value(profile: Profile, column: Column, ctx: expr.Context, known: set, target_type: str):
    where = f"columns.{column.name}"
    if column.kind == "value":
        return column.source
    if column.kind == "surrogate":
        keys = column.source if isinstance(column.source, list) else [column.source]
        _check_sources(where, keys, ctx)
        return _surrogate(ctx.source[keys])
    if column.kind == "from":
        _check_sources(where, [column.source], ctx)
        value = ctx.source[column.source]
    else:
        try:
            value = expr.evaluate(expr.parse(str(column.source), known), ctx)
        except expr.ExpressionError as err:
            raise ProfileError(f"{where}: {err}") from err
    if column.scale is not None:
        return _mapped(ctx, value, scale_map(column), "reject", column.reject, column.scale)
    if column.values is not None or column.reject:
        return _mapped(ctx, value, column.values or {}, column.default, column.reject, None)
    if target_type in ("TIMESTAMP", "DATE") and column.kind == "from":
        parse = expr.FUNCTIONS["timestamp" if target_type == "TIMESTAMP" else "date"]
        return parse(ctx, value, column.format)
    return value


def _check_sources(where: str, keys: list[str], ctx: expr.Context) -> None:
    for key in keys:
        if key not in ctx.source.columns:
            raise ProfileError(
                f"{where}: no column {key!r} in the file; its columns: "
                + ", ".join(ctx.source.columns)
            )


def _mapped(ctx, value, mapping: dict, default, rejected: tuple, scale: str | None):
    text = expr._series(value, ctx).map(_code)
    result = text.map(lambda v: mapping.get(v, _UNSET) if v is not None else None)
    unmapped = result.map(lambda v: v is _UNSET)
    if default == "keep":
        result = result.where(~unmapped, text)
    elif default == "reject":
        what = f"not on the {scale} scale" if scale else "has no mapping"
        ctx.reject(unmapped, "'" + text.astype(str) + f"' {what}")
        result = result.where(~unmapped, None)
    else:
        result = result.where(~unmapped, default)
    bad = text.isin(rejected)
    ctx.reject(bad, "code '" + text.astype(str) + "' is rejected by the profile")
    return result.astype(object)


_UNSET = object()


def _code(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _surrogate(keys: pd.DataFrame) -> pd.Series:
    """A stable 56-bit key from the source's key columns: the same call gets the same key in
    every reload, so a corrected file replaces its rows."""
    # column by column, not row by row (a row-wise join took most of a million-row load); a
    # missing value reads "nan", as astype(str) wrote it before pandas 3
    texts = [keys[c].astype(object).where(keys[c].notna(), "nan").astype(str) for c in keys]
    joined = pd.Series(
        ["\x1f".join(parts) for parts in zip(*(t.tolist() for t in texts), strict=True)],
        index=keys.index,
    )
    return joined.map(
        lambda text: int.from_bytes(hashlib.blake2b(text.encode(), digest_size=7).digest())
    )


def _constant(value, ctx: expr.Context) -> pd.Series:
    return pd.Series([value] * len(ctx.source), index=ctx.source.index, dtype=object)


def _add(reasons: pd.Series, mask: pd.Series, messages) -> pd.Series:
    mask = mask.fillna(False).astype(bool)
    joined = reasons.where(reasons == "", reasons + "; ") + messages
    return reasons.where(~mask, joined)


def _on_store_clock(profile: Profile, series: pd.Series, ctx: expr.Context) -> pd.Series:
    """Times read on the source's clock (or with their own offset) moved to the store's; a
    local time that does not exist or happens twice there (a DST change) rejects its row."""
    moved = series
    if series.dt.tz is None and profile.timezone:
        moved = series.dt.tz_localize(profile.timezone, ambiguous="NaT", nonexistent="NaT")
        lost = series.notna() & moved.isna()
        shown = series.dt.strftime("%Y-%m-%d %H:%M:%S").astype(object)
        ctx.reject(lost, shown + f" does not exist or is ambiguous in {profile.timezone}")
    if moved.dt.tz is not None:
        moved = moved.dt.tz_convert(profile.store_timezone).dt.tz_localize(None)
    return moved


def _as_text(profile: Profile, series: pd.Series, target_type: str) -> pd.Series:
    """Values as the text the loader's validation reads (ISO times, store's clock)."""
    if series.dtype.kind == "M":
        shape = "%Y-%m-%d" if target_type == "DATE" else "%Y-%m-%d %H:%M:%S"
        return series.dt.strftime(shape).astype(object).where(series.notna(), None)
    if series.dtype.kind == "m":
        return (series.dt.total_seconds()).map(_code).astype(object)
    if series.dtype.kind == "b":
        return series.map(lambda v: "true" if v else "false").astype(object)
    return series.map(lambda v: "true" if v is True else "false" if v is False else _code(v))
