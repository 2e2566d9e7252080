"""The functions of the profiles' expression language and the column context they read:
text to numbers, dates, durations, periods and date parts, column-wise in pandas; a value
that cannot be read rejects its row with the value and what was expected."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$"
)
_OFFSET = re.compile(r"(Z|[+-]\d{2}(:?\d{2})?)$")
_HMS_RE2 = r"^(?P<sign>-?)(?P<h>\d+):(?P<m>[0-5]?\d)(?::(?P<s>[0-5]?\d(?:\.\d+)?))?$"
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


def _series(value, ctx: Context) -> pd.Series:
    if isinstance(value, pd.Series):
        return value
    return pd.Series([value] * len(ctx.source), index=ctx.source.index, dtype=object)


def _is_text(value) -> bool:
    return isinstance(value, str) or (isinstance(value, pd.Series) and is_text_series(value))


def is_text_series(series: pd.Series) -> bool:
    """Text values, whether pandas holds them as objects or as its string type."""
    return series.dtype == object or isinstance(series.dtype, pd.StringDtype)


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
    if isinstance(value, pd.Series) and is_text_series(value):
        value = value.astype(object).where(value.notna(), None)
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

    # one regular expression over the whole column, in Arrow's compute kernels: a function
    # per value took most of a million-row load
    texts = text.where(text.map(lambda v: isinstance(v, str)).astype(bool))
    found = pc.extract_regex(
        pc.utf8_trim_whitespace(
            pa.array(texts.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
        ),
        _HMS_RE2,
    )
    hours, minutes = (_number_field(found, name) for name in ("h", "m"))
    seconds = _number_field(found, "s").fillna(0)
    negative = pd.Series(found.field("sign").to_pylist(), dtype=object).eq("-").to_numpy()
    total = (hours * 3600 + minutes * 60 + seconds).where(hours.notna())
    total = total.where(~negative, -total)
    parsed = pd.Series(pd.to_timedelta(total.to_numpy(dtype="float64"), unit="s"), text.index)
    bad = text.notna() & parsed.isna()
    ctx.reject(bad, "'" + text.astype(str) + "' is not a time as H:MM:SS")
    return parsed


def _number_field(found, name: str) -> pd.Series:
    """One group of an extract_regex result as numbers; an empty (skipped) group is NaN."""
    values = pc.if_else(pc.equal(found.field(name), ""), None, found.field(name))
    return pd.Series(pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False))


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


def _setting(ctx, name):
    """A named threshold of pulse/settings.toml, such as answer_within_days."""
    from pulse import settings

    try:
        return settings.get(str(name))
    except KeyError as err:
        raise ExpressionError(f"no setting {name!r} in the settings") from err


FUNCTIONS = {
    "setting": _setting,
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
