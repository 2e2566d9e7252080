"""Control charts against the published outputs of R's qcc package (Scrucca 2004, the
'quick tour' vignette) on its own example data, and the rules that flag points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pulse import control

# qcc's orangejuice data, the 30 trial samples of 50 cans (Montgomery's example 7.1)
ORANGEJUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18,
               24, 15, 9, 12, 7, 13, 9, 6]  # fmt: skip
# qcc's pcmanufact data: nonconformities in 20 samples of 5 computers
PCMANUFACT = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]
# the viscosity example of the vignette (Montgomery p. 242), one value per batch
VISCOSITY = [33.75, 33.05, 34, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.20, 33.62, 33.00,
             33.54, 33.12, 33.84]  # fmt: skip


def test_p_chart_matches_qcc():
    chart = control.p_chart(ORANGEJUICE, [50] * 30, laney=False)
    # qcc: Center = 0.2313333, LCL 0.05242755, UCL 0.4102391
    assert chart.centre[0] == pytest.approx(0.2313333, abs=1e-7)
    assert chart.lower[0] == pytest.approx(0.05242755, abs=1e-8)
    assert chart.upper[0] == pytest.approx(0.4102391, abs=1e-7)
    # samples 15 and 23 are the two points qcc flags above the limit
    assert list(np.flatnonzero(chart.above) + 1) == [15, 23]


def test_u_chart_matches_qcc():
    chart = control.u_chart(PCMANUFACT, [5] * 20, laney=False)
    # qcc: Center = 1.93, LCL 0.06613305, UCL 3.793867
    assert chart.centre[0] == pytest.approx(1.93)
    assert chart.lower[0] == pytest.approx(0.06613305, abs=1e-8)
    assert chart.upper[0] == pytest.approx(3.793867, abs=1e-6)
    assert not chart.above.any() and not chart.below.any()


def test_individuals_chart_matches_qcc():
    chart = control.individuals(VISCOSITY)
    # qcc xbar.one: Center = 33.52333, StdDev = 0.4261651, LCL 32.24484, UCL 34.80183
    assert chart.centre[0] == pytest.approx(33.52333, abs=1e-5)
    assert (chart.upper[0] - chart.centre[0]) / 3 == pytest.approx(0.4261651, abs=1e-7)
    assert chart.lower[0] == pytest.approx(32.24484, abs=1e-5)
    assert chart.upper[0] == pytest.approx(34.80183, abs=1e-5)


def test_laney_sigma_z_is_the_individuals_spread_of_the_z_scores():
    x, n = np.array(ORANGEJUICE, dtype=float), np.full(30, 50.0)
    laney = control.p_chart(x, n)
    p_bar = x.sum() / n.sum()
    z = (x / n - p_bar) / np.sqrt(p_bar * (1 - p_bar) / n)
    # sigma_z is what qcc's individuals chart calls the standard deviation of the z-scores
    z_chart = control.individuals(z)
    assert laney.sigma_z == pytest.approx((z_chart.upper[0] - z_chart.centre[0]) / 3)
    plain = control.p_chart(x, n, laney=False)
    assert laney.upper[0] - p_bar == pytest.approx((plain.upper[0] - p_bar) * laney.sigma_z)


def test_laney_widens_limits_for_overdispersed_large_samples():
    rng = np.random.default_rng(7)
    n = rng.integers(40_000, 60_000, size=60).astype(float)
    p = np.clip(0.85 + rng.normal(0, 0.01, size=60), 0, 1)  # the rate itself wanders
    x = rng.binomial(n.astype(int), p).astype(float)
    plain, laney = control.p_chart(x, n, laney=False), control.p_chart(x, n)
    assert plain.above.sum() + plain.below.sum() > 20  # binomial limits flag noise
    assert laney.sigma_z > 3
    assert laney.above.sum() + laney.below.sum() <= 2


def test_u_chart_of_counts_scales_with_each_points_days():
    chart = control.u_chart([300, 280, 310], [31, 28, 31], per_point=True)
    rate = 890 / 90
    assert chart.centre == pytest.approx([rate * 31, rate * 28, rate * 31])
    assert chart.values == pytest.approx([300, 280, 310])


def test_runs_flag_eight_in_a_row_on_one_side():
    values = [1, -1, 1, 2, 3, 2, 1, 2, 3, 4, -1, 0, 1]
    flagged = control.runs(values, np.zeros(len(values)))
    assert list(np.flatnonzero(flagged)) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert not control.runs([1] * 7, np.zeros(7)).any()


def test_signals_are_matched_with_the_events_that_explain_them():
    values = np.array([0.85] * 20 + [0.26, 0.31, 0.84] + [0.85] * 10)
    chart = control.individuals(values)
    days = pd.Series(pd.date_range("2026-02-25", periods=len(values), freq="D"))
    found = control.signals(chart, days, days)
    assert list(found.loc[found["signal"] == "below", "starts_on"].dt.day) == [17, 18]
    events = pd.DataFrame(
        {
            "event_id": ["outage", "later", "holiday"],
            "starts_on": pd.to_datetime(["2026-03-17", "2026-05-01", "2026-02-01"]),
            "ends_on": pd.to_datetime(["2026-03-19", "2026-05-02", "2026-02-05"]),
        }
    )
    explained = control.explain(found[found["signal"] == "below"], events, bucket_days=1)
    assert explained["event_ids"].tolist() == [["outage"], ["outage"]]


def test_a_shift_is_matched_with_the_initiative_that_started_it():
    weeks = pd.Series(pd.date_range("2025-06-02", periods=30, freq="W-MON"))
    values = np.r_[np.full(13, 0.86), np.full(17, 0.92)] + np.tile([0.002, -0.002], 15)
    chart = control.individuals(values)
    found = control.signals(chart, weeks, weeks + pd.Timedelta(days=6))
    shifts = found[found["signal"].str.startswith("shift")]
    assert list(shifts["signal"]) == ["shift_down", "shift_up"]
    events = pd.DataFrame(
        {
            "event_id": ["initiative"],
            "starts_on": pd.to_datetime(["2025-09-01"]),
            "ends_on": pd.to_datetime(["2025-09-01"]),
        }
    )
    explained = control.explain(shifts, events, bucket_days=7)
    assert explained["event_ids"].tolist() == [[], ["initiative"]]


def test_a_step_at_an_initiative_is_measured_before_and_after():
    from scipy import stats as sps

    weeks = pd.Series(pd.date_range("2025-06-02", periods=30, freq="W-MON"))
    rng = np.random.default_rng(3)
    values = np.r_[np.full(13, 6.5), np.full(17, 3.5)] + rng.normal(0, 0.4, 30)
    found = control.step_at(values, weeks, "2025-09-01", bucket_days=7)
    before = values[(weeks >= pd.Timestamp("2025-06-02")) & (weeks <= pd.Timestamp("2025-08-25"))]
    after = values[(weeks > pd.Timestamp("2025-09-01")) & (weeks <= pd.Timestamp("2025-12-01"))]
    assert found["before"] == pytest.approx(before.mean())
    assert found["after"] == pytest.approx(after.mean())
    assert found["p_value"] == pytest.approx(sps.ttest_ind(after, before, equal_var=False).pvalue)
    assert found["significant"]
    flat = control.step_at(np.full(30, 5.0) + rng.normal(0, 0.4, 30), weeks, "2025-09-01", 7)
    assert not flat["significant"]
    assert control.step_at(values[:3], weeks[:3], "2025-06-09", 7) is None


def test_individuals_limits_stop_at_a_floor():
    chart = control.individuals([1.0, 9.0, 1.0, 9.0, 1.0], floor=0.0)
    assert chart.lower[0] == 0.0
    assert control.individuals([1.0, 9.0, 1.0, 9.0, 1.0]).lower[0] < 0


def test_a_citys_signal_is_matched_with_its_own_events_first_then_outages_elsewhere():
    from pulse import catalog
    from pulse.trends import sections

    # a drop on 17-18 March in one city's line, by day (as above)
    values = np.array([0.85] * 20 + [0.26, 0.31, 0.84] + [0.85] * 10)
    days = pd.Series(pd.date_range("2026-02-25", periods=len(values), freq="D"))
    points = pd.DataFrame({"bucket": days, "bucket_end": days, "value": values, "partial": False})
    events = pd.DataFrame(
        {
            "event_id": ["gz-outage", "sz-outage", "sz-promo", "national"],
            "kind": ["outage", "outage", "promotion", "holiday"],
            "city_id": ["GZ", "SZ", "SZ", None],
            "starts_on": pd.to_datetime(["2026-03-18", "2026-03-17", "2026-03-17", "2026-05-01"]),
            "ends_on": pd.to_datetime(["2026-03-18", "2026-03-19", "2026-03-19", "2026-05-03"]),
        }
    )
    metric = catalog.metric("queue_wait_mean")  # an individuals chart, as above

    def matched(city, frame):
        _, found = sections.signals_for(metric, points, frame, "day", city)
        return found.loc[found["signal"] == "below", "event_ids"].tolist()

    # Guangzhou's line: its own outage on the 18th; on the 17th, none of its own, so the
    # outage in Shenzhen (the hotline is shared), not Shenzhen's promotion
    assert matched("GZ", events) == [["sz-outage"], ["gz-outage"]]
    # Shenzhen's: its own outage and promotion; the same through the cut-once events
    assert matched("SZ", events) == [["sz-outage", "sz-promo"]] * 2
    assert matched("SZ", sections.Events(events)) == [["sz-outage", "sz-promo"]] * 2
    # the company's line (no city): every event
    assert matched(None, events) == [
        ["sz-outage", "sz-promo"],
        ["gz-outage", "sz-outage", "sz-promo"],
    ]
