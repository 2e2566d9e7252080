"""The Alerts page's rules: every rule checked, and for analysts and admins a form to add one,
change one or turn one off (kind, metric, level, what the kind needs, who hears it). Saved in
the side database (a shipped rule's id saves the app's version of it) and audited."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from pulse import access, audit, catalog, filters, users
from pulse.alerts import rules
from pulse.alerts.annotate import signed_in
from pulse.i18n import t

NEW = ""  # the rule choice that means a new rule
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")


def may_edit(user: access.User | None) -> bool:
    """Analysts (who keep reference data) and admins change rules; others read them."""
    return user is not None and (user.role.keeps_reference or user.role.admin)


def table(ctx, listed: list[tuple[rules.Rule, bool]]) -> None:
    """The rules checked, the file's and the app's, with whether each is on."""
    unit_words = _unit_words(ctx)
    rows = [
        {
            t("alerts.col.rule"): r.rule_id,
            t("alerts.col.metric"): r.metric.label(ctx.lang),
            t("alerts.col.condition"): t(f"alerts.condition.{r.condition}"),
            t("alerts.col.level"): t(f"alerts.level.{r.level}"),
            t("alerts.col.units"): unit_words(r.units) or t("alerts.page.all_units"),
            t("alerts.col.grain"): t(f"alerts.grain.{r.grain}"),
            t("alerts.col.audience"): ", ".join(r.audience) or t("alerts.rules.everyone"),
            t("alerts.col.on"): t("alerts.rules.on") if on else t("alerts.rules.off"),
        }
        for r, on in listed
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _unit_words(ctx):
    """The function that words a rule's units: by name, those the reader's scope reaches; the
    others only counted, so the rule list names no unit a reader may not see."""
    options = ctx.dims.options()
    mine = access.halls_in(ctx.user.sees, options.halls, options.cities)
    names = _names(ctx)

    def seen(unit: str) -> bool:
        if mine is None:
            return True
        level = "halls" if unit in options.halls else "cities" if unit in options.cities else None
        scope = access.Scope(**{level or "provinces": (unit,)})
        return bool((access.halls_in(scope, options.halls, options.cities) or set()) & mine)

    def words(units: tuple[str, ...]) -> str:
        shown = [names.get(u, u) for u in units if seen(u)]
        hidden = len(units) - len(shown)
        return ", ".join(shown + ([t("alerts.rules.other_units", n=hidden)] if hidden else []))

    return words


def _names(ctx) -> dict[str, str]:
    return {
        **ctx.dims.labels("province", ctx.lang),
        **ctx.dims.labels("city", ctx.lang),
        **ctx.dims.labels("hall", ctx.lang),
    }


def section(ctx) -> None:
    """The rules' table, and the form for those who may change them."""
    path = ctx.store.path
    listed = rules.listing(path)
    table(ctx, listed)
    user = signed_in()
    if not may_edit(user):
        st.caption(t("alerts.rules.read_only"))
        return
    by_id = {r.rule_id: (r, on) for r, on in listed}
    pick = st.selectbox(
        t("alerts.rules.pick"),
        [NEW, *by_id],
        format_func=lambda i: t("alerts.rules.new") if i == NEW else i,
        key="rule_pick",
    )
    before = by_id.get(pick)
    wanted, on = _fields(ctx, path, pick, before)
    if st.button(t("alerts.rules.save"), key="rule_save", icon=":material/save:"):
        found = _problems(wanted, pick, by_id)
        if found:
            for message in found:
                st.error(message, icon=":material/error:")
            return
        rule = rules.Rule(**wanted, source="app")
        rules.save(path, rule, on, user.name)
        audit.record(
            path,
            user,
            "alert_rule_change",
            {
                "rule_id": rule.rule_id,
                "before": {**before[0].words(), "is_enabled": before[1]} if before else None,
                "after": {**rule.words(), "is_enabled": on},
            },
        )
        st.success(t("alerts.rules.saved", rule=rule.rule_id), icon=":material/check_circle:")


def _fields(ctx, path, pick: str, before) -> tuple[dict, bool]:
    """The form's widgets, filled from the chosen rule; keyed by it, so a new choice refills
    them."""
    rule, on = before if before else (None, True)
    metrics = list(catalog.load()[0].values())
    # only the units the editor's own scope reaches
    options = filters.within(ctx.dims.options(), ctx.user.sees)
    names = _names(ctx)
    codes = [*options.provinces, *options.cities, *options.halls]
    accounts = sorted(u.name for u in users.active(path))
    k = f"rule_{pick or 'new'}"
    left, right = st.columns(2)
    rule_id = left.text_input(
        t("alerts.rules.id"), value=pick, disabled=bool(pick), key=f"{k}_id"
    ).strip()
    metric_ids = [m.id for m in metrics]
    metric_id = right.selectbox(
        t("alerts.col.metric"),
        metric_ids,
        index=metric_ids.index(rule.metric_id) if rule else 0,
        format_func=lambda i: catalog.metric(i).label(ctx.lang),
        key=f"{k}_metric",
    )
    condition = left.selectbox(
        t("alerts.col.condition"), rules.CONDITIONS,
        index=rules.CONDITIONS.index(rule.condition) if rule else 0,
        format_func=lambda c: t(f"alerts.condition.{c}"), key=f"{k}_condition",
    )  # fmt: skip
    level = right.selectbox(
        t("alerts.col.level"), rules.LEVELS,
        index=rules.LEVELS.index(rule.level) if rule else 1,
        format_func=lambda c: t(f"alerts.level.{c}"), key=f"{k}_level",
    )  # fmt: skip
    grains = list(rules.GRAINS)
    grain = left.selectbox(
        t("alerts.rules.grain"), grains, index=grains.index(rule.grain) if rule else 1,
        format_func=lambda c: t(f"alerts.grain.{c}"), key=f"{k}_grain",
        help=t("alerts.rules.grain_help"),
    )  # fmt: skip
    peers = right.selectbox(
        t("alerts.rules.peers"), rules.PEERS,
        index=rules.PEERS.index(rule.peers) if rule else 0,
        format_func=lambda c: t(f"alerts.peers.{c}"), key=f"{k}_peers",
        help=t("alerts.rules.peers_help"),
    )  # fmt: skip
    units = st.multiselect(
        t("alerts.rules.units"), codes,
        default=[u for u in (rule.units if rule else ()) if u in codes],
        format_func=lambda c: names.get(c, c), key=f"{k}_units",
    )  # fmt: skip
    audience = st.multiselect(
        t("alerts.rules.audience"), accounts,
        default=[a for a in (rule.audience if rule else ()) if a in accounts],
        key=f"{k}_audience", help=t("alerts.rules.audience_help"),
    )  # fmt: skip
    on = st.checkbox(t("alerts.rules.enabled"), value=on, key=f"{k}_on")
    wanted = {
        "rule_id": rule_id,
        "metric_id": metric_id,
        "condition": condition,
        "level": level,
        "units": tuple(units),
        "grain": grain,
        "peers": peers,
        "audience": tuple(audience),
    }
    return wanted, on


def _problems(wanted: dict, pick: str, by_id: dict) -> list[str]:
    """What keeps the form's rule from being saved, in the reader's language."""
    found = []
    if not RULE_ID.match(wanted["rule_id"]):
        found.append(t("alerts.rules.problem.id"))
    elif not pick and wanted["rule_id"] in by_id:
        found.append(t("alerts.rules.problem.id_taken", rule=wanted["rule_id"]))
    keys = rules.problems(
        wanted["metric_id"], wanted["condition"], wanted["level"], wanted["grain"],
        wanted["peers"],
    )  # fmt: skip
    found += [t(f"alerts.rules.problem.{key}") for key in keys]
    return found
