"""Demand monitoring: baseline against statsmodels, alerts on a planted surge, quiet
at the stated rate on replayed history with no change."""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from workstation.analysis.monitor import (
    HOUR_NS,
    WEEK_NS,
    area_codes,
    check_demand,
    fit_baseline,
    hour_of_week,
)

TZ = "Europe/London"
START = pd.Timestamp("2025-01-06 00:00", tz=TZ).value  # a Monday, winter time


def _profiles(rng, n_areas):
    hours = np.arange(168) % 24
    day = 0.4 + np.sin(np.pi * np.clip(hours - 6, 0, 16) / 16)
    prof = np.tile(day, (n_areas, 1))
    nte = (np.arange(168) // 24 >= 4) & ((hours >= 21) | (hours <= 2))
    for a in range(0, n_areas, 5):  # every fifth area is a night-time-economy area
        prof[a, nte] *= 4.0
    return prof / prof.mean(axis=1, keepdims=True)


def simulate(seed: int, weeks: int, n_areas: int = 20, overdispersed: bool = True):
    """Calls from a known process: per-area level and weekly profile, grade mix."""
    rng = np.random.default_rng(seed)
    level = rng.gamma(2.0, 0.25, n_areas)  # mean calls per hour per area
    prof = _profiles(rng, n_areas)
    grade_p = np.array([0.15, 0.4, 0.3, 0.15])
    hours = weeks * 168
    lam = level[:, None] * prof[:, np.arange(hours) % 168]
    if overdispersed:  # day-to-day variation (gamma with cv 0.15 per day)
        day = rng.gamma(1 / 0.15**2, 0.15**2, (n_areas, hours // 24 + 1))
        lam = lam * np.repeat(day, 24, axis=1)[:, :hours]
    counts = rng.poisson(lam)
    area, slot = np.nonzero(counts)
    n = counts[area, slot]
    area = np.repeat(area, n)
    slot = np.repeat(slot, n)
    t = START + slot * HOUR_NS + rng.integers(0, HOUR_NS, len(slot))
    grade = rng.choice(4, size=len(t), p=grade_p) + 1
    return t, np.array([f"A{a:02d}" for a in area], dtype=object), grade


def test_hour_of_week_is_local_monday_first():
    ts = pd.DatetimeIndex(
        ["2025-01-06 00:30", "2025-01-12 23:59", "2025-07-07 00:30"], tz=TZ
    )
    ns = ts.tz_convert("UTC").as_unit("ns").asi8
    assert hour_of_week(ns, TZ).tolist() == [0, 167, 0]


def test_main_effects_baseline_matches_statsmodels_poisson_glm():
    sm = pytest.importorskip("statsmodels.api")
    t, area, grade = simulate(1, 3, n_areas=4, overdispersed=False)
    end = START + 3 * WEEK_NS
    base = fit_baseline(
        t,
        area,
        grade,
        end_ns=end,
        weeks=3,
        timezone=TZ,
        shrink_calls=np.inf,
        prior_calls=0.0,
    )
    # the same counts, one row per cell x hour-of-week (summed over the 3 weeks)
    idx = {c: i for i, c in enumerate(base.cells)}
    cell = np.array([idx[(a, int(g))] for a, g in zip(area, grade, strict=True)])
    y = np.zeros((len(base.cells), 168))
    np.add.at(y, (cell, hour_of_week(t, TZ)), 1)
    c_i, h_i = np.meshgrid(np.arange(len(base.cells)), np.arange(168), indexing="ij")
    design = np.column_stack(
        [np.ones(y.size)]
        + [(c_i.ravel() == k).astype(float) for k in range(1, len(base.cells))]
        + [(h_i.ravel() == k).astype(float) for k in range(1, 168)]
    )
    try:  # one BLAS thread: on a busy machine many threads spin (10x slower)
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        threadpool_limits = contextlib.nullcontext
    with threadpool_limits(1):
        fit = sm.GLM(y.ravel(), design, family=sm.families.Poisson()).fit()
    mu = fit.fittedvalues.reshape(y.shape) / 3  # per week
    np.testing.assert_allclose(base.rate, mu, rtol=1e-6, atol=1e-9)


def _replay(base, t, area, grade, start, hours_n, **kw):
    fired = []
    for h in range(hours_n):
        now = start + (h + 1) * HOUR_NS
        sel = (t >= now - HOUR_NS) & (t < now)
        res = check_demand(base, t[sel], area[sel], grade[sel], now_ns=now, **kw)
        fired.append(res)
    return fired


@pytest.mark.parametrize("seed", [11])
def test_quiet_at_the_stated_rate_on_history_with_no_change(seed):
    weeks, replay_weeks, fdr = 8, 4, 0.01
    t, area, grade = simulate(seed, weeks + replay_weeks)
    split = START + weeks * WEEK_NS
    base = fit_baseline(t, area, grade, end_ns=split, weeks=weeks, timezone=TZ)
    n_checks = replay_weeks * 168
    results = _replay(base, t, area, grade, split, n_checks, fdr=fdr)
    false_checks = sum(1 for r in results if r.alerts)
    # at most fdr of the checks raise anything (0.1% binomial tail allowance)
    assert false_checks <= stats.binom.ppf(0.999, n_checks, fdr), false_checks
    assert "at most 0.01 of checks" in results[0].params["in_control"]
    assert results[0].params["weeks"] == weeks


def test_planted_surge_raises_an_alert_for_its_area():
    weeks, fdr = 8, 0.01
    t, area, grade = simulate(21, weeks + 1)
    split = START + weeks * WEEK_NS
    base = fit_baseline(t, area, grade, end_ns=split, weeks=weeks, timezone=TZ)
    rng = np.random.default_rng(5)
    now = split + 30 * HOUR_NS  # a Tuesday, 06:00
    surge_t = now - rng.integers(1, HOUR_NS, 10)
    t2 = np.concatenate([t, surge_t])
    area2 = np.concatenate([area, np.full(10, "A07", dtype=object)])
    grade2 = np.concatenate([grade, np.array([1] * 6 + [2] * 4)])
    res = check_demand(base, t2, area2, grade2, now_ns=int(now), fdr=fdr)
    assert [a.area for a in res.alerts] == ["A07"]
    alert = res.alerts[0]
    before = check_demand(base, t, area, grade, now_ns=int(now), fdr=fdr)
    assert before.alerts == ()  # the same hour without the surge is quiet
    obs_before = before.cells.loc[before.cells["area"] == "A07", "observed"].sum()
    assert alert.observed == obs_before + 10
    assert alert.grade_mix[1] >= 6 and 1 in alert.grades_alerting
    assert alert.q_value <= fdr and alert.harm_excess > 0
    assert alert.expected < alert.observed
    assert "does not say why" in res.method_note


def test_grid_areas_and_polygon_areas():
    import geopandas as gpd
    from shapely.geometry import box

    x = np.array([530010.0, 531500.0, 529999.0])
    y = np.array([180010.0, 180010.0, 180500.0])
    assert area_codes(x, y, cell_m=1000).tolist() == [
        "E530000N180000",
        "E531000N180000",
        "E529000N180000",
    ]
    polys = gpd.GeoDataFrame(
        {"area_code": ["W1", "W2"]},
        geometry=[
            box(529000, 179000, 531000, 181000),
            box(531000, 179000, 532000, 181000),
        ],
        crs="EPSG:27700",
    )
    far = np.array([600000.0])
    codes = area_codes(np.append(x, far), np.append(y, 180000.0), polys)
    assert codes.tolist() == ["W1", "W2", "W1", "(outside the areas)"]


def test_alert_areas_are_grid_squares_or_the_area_polygons():
    import geopandas as gpd
    from shapely.geometry import box

    from workstation.analysis.monitor import Alert, alert_areas

    def alert(area):
        return Alert(
            area, 9, 1.0, {1: 9}, {1: 1.0}, (1,), 1e-6, 1e-5, 36.0, 32.0, "", ""
        )

    grid = alert_areas([alert("E530000N180000")], cell_m=1000, crs="EPSG:27700")
    assert grid.geometry.iloc[0].equals(box(530000, 180000, 531000, 181000))
    assert grid["observed"].tolist() == [9]
    polys = gpd.GeoDataFrame(
        {"area_code": ["W1"]}, geometry=[box(0, 0, 10, 10)], crs="EPSG:27700"
    )
    own = alert_areas([alert("W1"), alert("W9")], areas=polys)
    assert own["area_code"].tolist() == ["W1"]  # an unknown area has no shape
    assert own.geometry.iloc[0].equals(box(0, 0, 10, 10))
