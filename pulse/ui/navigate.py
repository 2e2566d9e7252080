"""Opening a unit from a click: a hall opens its profile, a city or province opens the drill
at that place. Clicks arrive in widget callbacks, which run before the script and so may set
the filter (through filterbar.apply); the page then switches at the top of its next run."""

from __future__ import annotations

import streamlit as st

from pulse import filters
from pulse.dimensions import Dimensions
from pulse.ui import filterbar, fragment

_GOTO = "_nav_goto"
_GOTO_QUERY = "_nav_goto_query"
DRILL_PATH = "drill_path"  # the drill's path as its URL value, e.g. "GD/SZ/SZ-002"
HALL_PAGE = "pages/hall.py"
DRILL_PAGE = "pages/drill.py"


def open_hall(hall_id: str, dims: Dimensions) -> None:
    """Make `hall_id` the global hall filter (keeping the province and city filters in line
    with it) and open the hall profile."""
    row = dims.halls[dims.halls["branch_id"] == hall_id]
    if row.empty:
        return
    city = row.iloc[0]["city_id"]
    province = dims.cities.set_index("city_id")["province_id"].get(city)
    f = filterbar.current()
    if f.provinces and province not in f.provinces:
        f = f.with_(provinces=(province,))
    if f.cities and city not in f.cities:
        f = f.with_(cities=(city,))
    filterbar.apply(f.with_(halls=(hall_id,)))
    st.session_state[_GOTO] = HALL_PAGE


def open_drill(path_param: str) -> None:
    """Open the drill at a path."""
    st.session_state[DRILL_PATH] = path_param
    st.session_state[_GOTO] = DRILL_PAGE
    st.session_state[_GOTO_QUERY] = {"drill": path_param}
    fragment.whole_run_next()  # the switch happens at the top of a whole run


def stay() -> None:
    """Cancel a switch a click asked for (the page that asked is already the target)."""
    st.session_state.pop(_GOTO, None)
    st.session_state.pop(_GOTO_QUERY, None)


def follow(ctx) -> None:
    """At the top of a page: switch to the page a click asked for, if any. The switch carries
    the whole filter in the URL (a page switch may drop the sidebar's widget state), so the
    new page opens on exactly the filter the click made."""
    page = st.session_state.pop(_GOTO, None)
    if page:
        query = filters.to_params(ctx.filter)
        if ctx.lang != "en":
            query["lang"] = ctx.lang
        query.update(st.session_state.pop(_GOTO_QUERY, {}))
        st.switch_page(page, query_params=query)


def new_cell(event, guard: str) -> tuple | None:
    """The (x, y) of the cell a click on a chart selected, once: None when nothing is selected
    or when this selection was acted on already (it stays in the chart's state on later runs,
    and acting again would undo what the reader changed since). `guard` is the session key
    that remembers the selection acted on; no selection clears it, so a new click counts."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if not points:
        st.session_state.pop(guard, None)
        return None
    cell = (points[0].get("x"), points[0].get("y"))
    if st.session_state.get(guard) == cell:
        return None
    st.session_state[guard] = cell
    return cell


def clicked(key: str, field: str = "customdata") -> list:
    """The values of `field` of the points selected in the chart or table `key` (a
    customdata list gives its first item)."""
    event = st.session_state.get(key)
    selection = getattr(event, "selection", None) or (event or {}).get("selection") or {}
    points = selection.get("points", []) if isinstance(selection, dict) else selection.points
    out = []
    for point in points:
        value = point.get(field)
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if value is not None:
            out.append(value)
    return out
