"""The annotation form of the Trends and Data pages: analysts add an outage, initiative,
promotion or holiday with its days, place and note, and edit or delete the ones there are;
every time chart draws them (pulse.events.in_window) and every change is audited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pulse import access, events
from pulse.alerts import people
from pulse.i18n import t
from pulse.ui import signin

COMPANY = ""  # the place choice that means the whole company


def signed_in() -> access.User | None:
    """The signed-in user of this run (pulse.ui.signin), None only outside a signed-in page."""
    return signin.user()


def may_annotate(user: access.User | None) -> bool:
    """Analysts keep the events (roles that keep reference data)."""
    return user is not None and user.role.keeps_reference


def _places(ctx, user) -> dict[str, str]:
    """The places a user may annotate, company first: code -> name."""
    scope = user.sees if user else access.EVERYTHING
    names = {COMPANY: t("alerts.company")} if scope.everything else {}
    for kind in ("city", "hall"):
        for code, name in ctx.dims.labels(kind, ctx.lang).items():
            if people.covers(scope, code, ctx.dims):
                names[code] = name
    return names


def _where(code: str, ctx) -> tuple[str | None, str | None]:
    """(city_id, branch_id) of a place code."""
    halls = ctx.dims.options().halls
    if code in halls:
        return halls[code], code
    return (code or None), None


def form(ctx, key: str) -> None:
    """The expander with the form; nothing for a user who may not annotate."""
    user = signed_in()
    if not may_annotate(user):
        return
    with st.expander(t("annotate.title"), icon=":material/edit_note:"):
        st.caption(t("annotate.help"))
        places = _places(ctx, user)
        _add(ctx, user, places, key)
        _change(ctx, user, places, key)


def _fields(ctx, places, key, defaults: dict) -> dict:
    left, middle, right = st.columns(3)
    kind = left.selectbox(
        t("annotate.kind"), events.KINDS, key=f"{key}_kind",
        index=events.KINDS.index(defaults.get("kind", "outage")),
        format_func=lambda k: t(f"annotate.kinds.{k}"),
    )  # fmt: skip
    days = middle.date_input(
        t("annotate.days"),
        value=defaults.get("days", (ctx.period.start, ctx.period.end)),
        key=f"{key}_days",
    )
    codes = list(places)
    place = right.selectbox(
        t("annotate.place"), codes, key=f"{key}_place", format_func=places.get,
        index=codes.index(defaults["place"]) if defaults.get("place") in codes else 0,
    )  # fmt: skip
    title = st.text_input(t("annotate.what"), value=defaults.get("title", ""), key=f"{key}_what")
    note = st.text_area(t("annotate.note"), value=defaults.get("note", ""), key=f"{key}_note")
    start, end = (days[0], days[-1]) if isinstance(days, list | tuple) and days else (None, None)
    city, hall = _where(place, ctx)
    return {
        "kind": kind, "starts_on": start, "ends_on": end, "city_id": city, "branch_id": hall,
        "title": title, "note": note,
    }  # fmt: skip


def _add(ctx, user, places, key) -> None:
    if not places:
        st.info(t("annotate.no_places"))
        return
    values = _fields(ctx, places, f"{key}_new", {})
    ready = values["starts_on"] is not None and values["title"].strip()
    if st.button(t("annotate.add"), key=f"{key}_add", disabled=not ready, type="primary"):
        events.add(ctx.store.path, user, **values)
        st.success(t("annotate.added", title=values["title"].strip()))


def _change(ctx, user, places, key) -> None:
    found = events.annotations(ctx.store.path)
    found = found[[_place_of(r) in places for r in found.to_dict("records")]]
    if found.empty:
        return
    st.markdown(f"**{t('annotate.existing')}**")
    labels = {
        int(r.annotation_id): f"{r.title} ({r.starts_on:%Y-%m-%d} – {r.ends_on:%Y-%m-%d})"
        for r in found.itertuples()
    }
    chosen = st.selectbox(
        t("annotate.pick"), list(labels), format_func=labels.get, key=f"{key}_pick"
    )
    row = found[found["annotation_id"] == chosen].iloc[0]
    defaults = {
        "kind": row["kind"],
        "days": (pd.Timestamp(row["starts_on"]).date(), pd.Timestamp(row["ends_on"]).date()),
        "place": _place_of(row),
        "title": row["title"],
        "note": row["note"],
    }
    values = _fields(ctx, places, f"{key}_edit_{chosen}", defaults)
    save, drop = st.columns(2)
    if save.button(t("annotate.save"), key=f"{key}_save_{chosen}"):
        events.edit(ctx.store.path, user, chosen, **values)
        st.success(t("annotate.saved"))
    if drop.button(t("annotate.delete"), key=f"{key}_delete_{chosen}"):
        events.delete(ctx.store.path, user, chosen)
        st.success(t("annotate.deleted"))


def _place_of(row) -> str:
    branch, city = row["branch_id"], row["city_id"]
    if isinstance(branch, str) and branch:
        return branch
    return city if isinstance(city, str) and city else COMPANY
