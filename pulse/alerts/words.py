"""What an alert says, in each language: one sentence with the value, its interval and n, and
the link to the view that shows it (the URL filter of pulse.filters)."""

from __future__ import annotations

import urllib.parse

from pulse import describe, filters
from pulse.alerts.conditions import COMPANY, Finding
from pulse.dimensions import Dimensions
from pulse.i18n import speaking, t
from pulse.ui import format as fmt


def unit_name(unit: str, dims: Dimensions, lang: str) -> str:
    """A unit's name in `lang`: the company, a province, a city or a hall."""
    if unit == COMPANY:
        return t("alerts.company")
    for kind in ("hall", "city", "province"):
        names = dims.labels(kind, lang)
        if unit in names:
            return names[unit]
    return unit


def sentence(finding: Finding, dims: Dimensions, lang: str) -> str:
    """The alert's one sentence in `lang`."""
    with speaking(lang):
        m = finding.rule.metric
        return t(
            f"alerts.sentence.{finding.rule.condition}",
            metric=m.label(lang),
            unit=unit_name(finding.unit, dims, lang),
            span=describe.span(finding.start, finding.end),
            value=fmt.value(m, finding.value),
            interval=fmt.interval(m, finding.low, finding.high) or t("alerts.no_interval"),
            n=fmt.count(finding.n),
            reference=fmt.value(m, finding.reference),
            p=fmt.p_value(finding.p_value),
            tests=fmt.count(finding.tests),
        )


def cleared(finding: Finding, dims: Dimensions, lang: str) -> str:
    """The sentence that closes an alert: the condition no longer holds."""
    with speaking(lang):
        m = finding.rule.metric
        return t(
            "alerts.cleared",
            metric=m.label(lang),
            unit=unit_name(finding.unit, dims, lang),
            span=describe.span(finding.start, finding.end),
            value=fmt.value(m, finding.value),
            interval=fmt.interval(m, finding.low, finding.high) or t("alerts.no_interval"),
            n=fmt.count(finding.n),
        )


def link(finding: Finding, dims: Dimensions, base_url: str) -> str:
    """The Trends page for the unit, the metric and the weeks around the finding."""
    options = dims.options()
    unit = finding.unit
    f = filters.Filter(
        period="custom",
        start=finding.start,
        end=finding.end,
        provinces=(unit,) if unit in options.provinces else (),
        cities=(unit,) if unit in options.cities else (),
        halls=(unit,) if unit in options.halls else (),
    )
    params = {
        **filters.to_params(f),
        "t_metrics": finding.rule.metric_id,
        "t_window": "12m",
        "t_split": "none",
    }
    return f"{base_url.rstrip('/')}/trends?{urllib.parse.urlencode(params)}"
