"""Where a week starts: on Monday (ISO 8601, as DuckDB's date_trunc('week') and the calendar
count it), for every page that bins days into weeks."""

from __future__ import annotations

import pandas as pd

# pandas names a weekly period after its last day: weeks that end on Sunday start on Monday
FREQ = "W-SUN"


def week_start(days: pd.Series) -> pd.Series:
    """The Monday that starts each day's week, at midnight."""
    return pd.to_datetime(days).dt.to_period(FREQ).dt.start_time
