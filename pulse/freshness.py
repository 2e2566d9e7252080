"""How late each source's data is: the days between its newest day and today, against the
source's usual delay (pulse/settings.toml, [freshness]). Today is PULSE_TODAY (YYYY-MM-DD)
when set, so a test or a demo chooses the date instead of depending on the clock."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from pulse import settings

TODAY_VARIABLE = "PULSE_TODAY"


def today() -> dt.date:
    """PULSE_TODAY when set, else the server's date."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise ValueError(f"{TODAY_VARIABLE}={value!r} is not a YYYY-MM-DD date") from err


def usual_delay_days(table: str) -> int:
    """How many days behind today `table`'s newest data usually is."""
    return int(settings.get(f"{table}_delay_days"))


def lateness(status: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Each source (table_name, last_day) with days_behind on `on`, its usual_delay_days and
    is_late; a source with no rows is not late, it is empty."""
    out = status.copy()
    last_day = pd.to_datetime(out["last_day"])
    out["days_behind"] = (pd.Timestamp(on) - last_day).dt.days.astype("Int64")
    out["usual_delay_days"] = out["table_name"].map(usual_delay_days).astype("Int64")
    late = out["days_behind"] > out["usual_delay_days"]
    out["is_late"] = late.fillna(False).astype(bool)
    return out
