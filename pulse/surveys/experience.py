"""The Surveys page's operations-to-satisfaction view: how scores move with the wait in the
hall, the wait and resolution on the hotline, and the handling of the respondent's complaint."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from pulse.export import theme
from pulse.i18n import t
from pulse.surveys import data as surveys
from pulse.surveys import exports
from pulse.ui import charts, notices, show
from pulse.ui import format as fmt
from pulse.ui.context import Context

SERIES = {"overall": theme.BLUE, "speed": theme.ORANGE, "staff": theme.BLUISH_GREEN}


def experience(ctx: Context) -> None:
    """Scores by the wait in the hall, the wait and resolution on the hotline, and the handling
    of the complaint the respondent made."""
    views, not_applied = surveys.experience(ctx.store, ctx.filter, ctx.period)
    notes = notices.not_filtered(not_applied)
    if all(v.empty for v in views.values()):
        st.info(t("surveys.experience.empty"))
        return
    hall, hotline, complaint = st.tabs(
        [
            t("surveys.experience.tab_hall"),
            t("surveys.experience.tab_hotline"),
            t("surveys.experience.tab_complaint"),
        ]
    )
    with hall:
        _wait_chart(views["hall_wait"], "hall", notes)
    with hotline:
        _wait_chart(views["call_wait"], "call", notes)
        _fcr_chart(views["call_fcr"], notes)
    with complaint:
        _handling_chart(views["complaint"], notes)


def _bucket_labels(buckets: list[int], unit: str) -> list[str]:
    labels = []
    for i, b in enumerate(buckets):
        nxt = buckets[i + 1] if i + 1 < len(buckets) else None
        labels.append(f"{b}–{nxt}" if nxt is not None else f"{b}+")
    return [f"{label} {unit}" for label in labels]


def _wait_chart(frame: pd.DataFrame, kind: str, notes: tuple[str, ...]) -> None:
    if frame.empty:
        st.info(t(f"surveys.experience.no_{kind}"))
        return
    frame = frame.sort_values("wait_bucket").reset_index(drop=True)
    unit = t("surveys.experience.unit_min") if kind == "hall" else t("surveys.experience.unit_s")
    labels = _bucket_labels(frame["wait_bucket"].astype(int).tolist(), unit)
    fig = charts.figure(height=380)
    for item, color in SERIES.items():
        if item == "overall":
            mid, low, high = frame["index"] / 10, frame["index_low"] / 10, frame["index_high"] / 10
        else:
            mid, low, high = frame[item], frame[f"{item}_low"], frame[f"{item}_high"]
        fig.add_scatter(
            x=labels,
            y=mid,
            mode="lines+markers",
            name=t(f"surveys.experience.series.{item}"),
            line={"color": color},
            error_y=charts.whiskers(mid, low, high),
            customdata=frame["n_responses"],
            hovertemplate="%{x}: %{y:.2f} (n = %{customdata:,.0f})<extra></extra>",
        )
    promise = surveys.promise(kind)
    position = int(np.searchsorted(frame["wait_bucket"].to_numpy(), promise))
    if 0 < position < len(labels):
        fig.add_vline(x=position - 0.5, line={"dash": "dot", "color": charts.TARGET})
        fig.add_annotation(
            x=position - 0.5,
            y=1,
            yref="paper",
            text=t(f"surveys.experience.promise_{kind}"),
            showarrow=False,
            xanchor="left",
            font={"color": charts.TARGET},
        )
    fig.update_layout(
        xaxis={"title": t(f"surveys.experience.axis_{kind}")},
        yaxis={"title": t("surveys.experience.axis_score")},
    )
    keep = frame["wait_bucket"] < promise
    test = surveys.split_test(frame, keep)
    verdict = _verdict(test, kind)
    show.chart(
        fig,
        show.Meta(
            t(f"surveys.experience.title_{kind}"),
            t(f"surveys.experience.definition_{kind}"),
            n=float(frame["n_responses"].sum()),
            notes=(verdict, *notes),
            name=f"scores_by_{kind}_wait",
        ),
        key=f"surveys_experience_{kind}",
        data=partial(exports.experience_wait, frame, labels),
    )


def _verdict(test: dict, kind: str) -> str:
    return t(
        f"surveys.experience.verdict_{kind}",
        inside=fmt.number(test["mean_in"], 2),
        n_in=fmt.count(test["n_in"]),
        outside=fmt.number(test["mean_out"], 2),
        n_out=fmt.count(test["n_out"]),
        p=fmt.p_value(test["p_value"]) or t("stat.not_tested"),
    )


def _fcr_chart(frame: pd.DataFrame, notes: tuple[str, ...]) -> None:
    if frame.empty:
        return
    frame = frame.sort_values("is_first_contact_resolved", ascending=False).reset_index(drop=True)
    labels = [
        t(f"surveys.experience.fcr.{'yes' if v else 'no'}")
        for v in frame["is_first_contact_resolved"]
    ]
    fig = charts.figure(height=300, barmode="group")
    for item, color in SERIES.items():
        if item == "overall":
            mid, low, high = frame["index"] / 10, frame["index_low"] / 10, frame["index_high"] / 10
        else:
            mid, low, high = frame[item], frame[f"{item}_low"], frame[f"{item}_high"]
        fig.add_bar(
            x=labels,
            y=mid,
            name=t(f"surveys.experience.series.{item}"),
            marker_color=color,
            error_y=charts.whiskers(mid, low, high),
            customdata=frame["n_responses"],
            hovertemplate="%{x}: %{y:.2f} (n = %{customdata:,.0f})<extra></extra>",
        )
    fig.update_layout(yaxis={"title": t("surveys.experience.axis_score"), "range": [0, 10]})
    test = surveys.split_test(frame, frame["is_first_contact_resolved"].astype(bool))
    show.chart(
        fig,
        show.Meta(
            t("surveys.experience.title_fcr"),
            t("surveys.experience.definition_fcr"),
            n=float(frame["n_responses"].sum()),
            notes=(_verdict(test, "fcr"), *notes),
            name="scores_by_fcr",
        ),
        key="surveys_experience_fcr",
        data=partial(exports.experience_fcr, frame),
    )


def _handling_chart(frame: pd.DataFrame, notes: tuple[str, ...]) -> None:
    if frame.empty:
        st.info(t("surveys.experience.no_complaint"))
        return
    order = {"satisfied": 0, "neutral": 1, "dissatisfied": 2, "none": 3}
    frame = frame.assign(rank=frame["return_visit"].map(order)).sort_values(["rank"])
    fig = charts.figure(height=360, barmode="group")
    for on_time, color in ((True, theme.GREEN), (False, theme.RED)):
        part = frame[frame["is_on_time"] == on_time]
        mid, low, high = part["index"] / 10, part["index_low"] / 10, part["index_high"] / 10
        fig.add_bar(
            x=[t(f"surveys.experience.visit.{v}") for v in part["return_visit"]],
            y=mid,
            name=t(f"surveys.experience.on_time.{'yes' if on_time else 'no'}"),
            marker_color=color,
            error_y=charts.whiskers(mid, low, high),
            customdata=part["n_responses"],
            hovertemplate="%{x}: %{y:.2f} (n = %{customdata:,.0f})<extra></extra>",
        )
    fig.update_layout(
        xaxis={"title": t("surveys.experience.axis_visit")},
        yaxis={"title": t("surveys.experience.axis_overall"), "range": [0, 10]},
    )
    test = surveys.split_test(frame, frame["is_on_time"].astype(bool))
    show.chart(
        fig,
        show.Meta(
            t("surveys.experience.title_complaint"),
            t("surveys.experience.definition_complaint"),
            n=float(frame["n_responses"].sum()),
            notes=(_verdict(test, "complaint"), *notes),
            name="scores_by_complaint_handling",
        ),
        key="surveys_experience_complaint",
        data=partial(exports.experience_complaint, frame),
    )
