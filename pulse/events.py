"""Outages, initiatives, holidays and promotions: the annotations of every time chart. Some
are loaded with the reference data (the store's event table); analysts add the rest in the
app (the side database's annotation table, pulse.sidecar), and every change to those is
audited. Both reach the charts through in_window, in the same columns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib

import pandas as pd

from pulse import filters, sidecar, sql
from pulse.store import Store

KINDS = ("outage", "initiative", "promotion", "holiday")
PREFIX = "note-"  # an annotation's event_id: note-<annotation_id>
COLUMNS = [
    "event_id",
    "kind",
    "starts_on",
    "ends_on",
    "city_id",
    "branch_id",
    "title_en",
    "title_zh",
    "description_en",
    "description_zh",
]


def in_window(store: Store, f: filters.Filter, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events that overlap start..end and concern the whole company or a place in scope:
    the loaded ones and the analysts' annotations."""
    params = {**filters.place_lists(f), "day_from": start, "day_to": end}
    loaded = store.cached_df(sql.text("events/in_window"), params)
    notes = _in_scope(store, annotations(store.path), f, start, end)
    if notes.empty:
        return loaded
    both = pd.concat([loaded, notes[COLUMNS]], ignore_index=True) if len(loaded) else notes
    both = both[COLUMNS].sort_values(["starts_on", "event_id"], kind="stable")
    return both.reset_index(drop=True)


def in_period(store: Store, f: filters.Filter, period: filters.Period) -> pd.DataFrame:
    """Events that overlap the filter's current period, in scope."""
    return in_window(store, f, period.start, period.end)


def remembered_view(store: Store, key: tuple, compute, f: filters.Filter):
    """A page's view (a dataclass with `period` and `events`) remembered per `key` until the
    data changes (Store.remembered), with its events read now: annotations are kept beside the
    store, so a new one shows at once although the store's data, and the key, did not change.
    `compute` leaves the events to this (events=NONE)."""
    view = store.remembered(key, compute)
    return dataclasses.replace(view, events=in_period(store, f, view.period))


NONE = pd.DataFrame()  # a view's events before remembered_view reads them


def annotations(store_path) -> pd.DataFrame:
    """Every annotation not deleted, in the event columns plus who made it and when."""
    con = sidecar.connect(store_path)
    try:
        rows = [dict(r) for r in con.execute(sql.text("alerts/side/annotations"))]
    finally:
        con.close()
    frame = pd.DataFrame(
        rows,
        columns=[
            "annotation_id", "kind", "starts_on", "ends_on", "city_id", "branch_id", "title",
            "note", "created_by", "created_at", "updated_by", "updated_at",
        ],
    )  # fmt: skip
    for column in ("starts_on", "ends_on"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    return frame.assign(
        event_id=PREFIX + frame["annotation_id"].astype(str),
        title_en=frame["title"],
        title_zh=frame["title"],
        description_en=frame["note"],
        description_zh=frame["note"],
    )


def _in_scope(store, notes: pd.DataFrame, f, start, end) -> pd.DataFrame:
    """The annotations overlapping the window whose place the filter includes (the rules of
    queries/events/in_window.sql)."""
    if notes.empty:
        return notes
    notes = notes[
        (notes["starts_on"] <= pd.Timestamp(end)) & (notes["ends_on"] >= pd.Timestamp(start))
    ]
    lists = filters.place_lists(f)
    cities = store.cached_df(sql.text("dimensions/cities"))
    province = dict(zip(cities["city_id"], cities["province_id"], strict=True))
    city = notes["city_id"]
    keep = pd.Series(True, index=notes.index)
    if lists["provinces"]:
        keep &= city.isna() | city.map(province).isin(lists["provinces"])
    if lists["cities"]:
        keep &= city.isna() | city.isin(lists["cities"])
    if lists["halls"]:
        keep &= notes["branch_id"].isna() | notes["branch_id"].isin(lists["halls"])
    return notes[keep]


def add(store_path, user, *, kind, starts_on, ends_on, city_id, branch_id, title, note) -> int:
    """Record an annotation (audited as annotation_add); returns its id."""
    values = _checked(kind, starts_on, ends_on, city_id, branch_id, title, note)
    con = sidecar.connect(store_path)
    try:
        cur = con.execute(
            sql.text("alerts/side/annotation_add"),
            {**values, "by": _name(user), "at": _now()},
        )
        annotation_id = cur.lastrowid
    finally:
        con.close()
    _audit(store_path, user, "annotation_add", {"annotation_id": annotation_id, **values})
    return annotation_id


def edit(store_path, user, annotation_id: int, *, kind, starts_on, ends_on, city_id, branch_id,
         title, note) -> None:  # fmt: skip
    """Change an annotation (audited as annotation_edit, with what it was)."""
    values = _checked(kind, starts_on, ends_on, city_id, branch_id, title, note)
    before = _one(store_path, annotation_id)
    con = sidecar.connect(store_path)
    try:
        con.execute(
            sql.text("alerts/side/annotation_edit"),
            {**values, "annotation_id": annotation_id, "by": _name(user), "at": _now()},
        )
    finally:
        con.close()
    _audit(
        store_path, user, "annotation_edit",
        {"annotation_id": annotation_id, "before": before, "after": values},
    )  # fmt: skip


def delete(store_path, user, annotation_id: int) -> None:
    """Remove an annotation from the charts (the row stays; audited as annotation_delete)."""
    before = _one(store_path, annotation_id)
    con = sidecar.connect(store_path)
    try:
        con.execute(
            sql.text("alerts/side/annotation_delete"),
            {"annotation_id": annotation_id, "by": _name(user), "at": _now()},
        )
    finally:
        con.close()
    _audit(store_path, user, "annotation_delete", {"annotation_id": annotation_id, **before})


def _one(store_path, annotation_id: int) -> dict:
    found = annotations(store_path)
    row = found[found["annotation_id"] == annotation_id]
    if row.empty:
        raise KeyError(f"no annotation {annotation_id}")
    keep = ("kind", "starts_on", "ends_on", "city_id", "branch_id", "title", "note")
    return {
        k: (str(v) if isinstance(v, dt.date) else v) for k, v in row.iloc[0][list(keep)].items()
    }


def _checked(kind, starts_on, ends_on, city_id, branch_id, title, note) -> dict:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    if ends_on < starts_on:
        raise ValueError("an annotation cannot end before it starts")
    if not str(title).strip():
        raise ValueError("an annotation needs a title")
    return {
        "kind": kind,
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
        "city_id": city_id or None,
        "branch_id": branch_id or None,
        "title": str(title).strip(),
        "note": str(note or "").strip(),
    }


def _name(user) -> str | None:
    return getattr(user, "name", None)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _audit(store_path, user, action: str, detail: dict) -> None:
    """pulse.audit.record, provided by the identity branch (joined at merge)."""
    try:
        audit = importlib.import_module("pulse.audit")
    except ModuleNotFoundError:
        return  # joined with pulse.audit at merge; the annotation keeps who and when itself
    audit.record(store_path, user, action, detail)
