import numpy as np
import pandas as pd
import pytest

from workstation.analysis.forecast import (
    accuracy,
    backtest,
    cube,
    fit_sepp,
    flag_top,
    forecast,
    score_prospective,
    step_index,
)
from workstation.analysis.grid import Grid


def test_step_index_months_and_weeks():
    t = pd.to_datetime(
        ["2024-01-31 23:30", "2024-02-01 00:10", "2024-04-15 12:00"]
    ).tz_localize("Europe/London")
    ns = t.tz_convert("UTC").as_unit("ns").asi8
    idx, starts = step_index(ns, "month", tz="Europe/London")
    assert idx.tolist() == [0, 1, 3]
    assert starts[3] == pd.Timestamp("2024-04-01", tz="Europe/London")
    widx, wstarts = step_index(ns, "week", tz="Europe/London")
    # 31 Jan 2024 is a Wednesday; weeks start on Mondays
    assert wstarts[0] == pd.Timestamp("2024-01-29", tz="Europe/London")
    assert widx.tolist()[:2] == [0, 0]


def test_prospective_matches_brute_force():
    rng = np.random.default_rng(2)
    past = rng.poisson(0.2, size=(4, 15, 17)).astype(float)
    cell, bw, lookback = 50.0, 160.0, 3
    got = score_prospective(past, cell_m=cell, bandwidth_m=bw, lookback=lookback)
    want = np.zeros(past.shape[1:])
    for age in range(lookback):
        layer = past[-1 - age]
        for (r, c), n in np.ndenumerate(layer):
            if n == 0:
                continue
            for rr in range(layer.shape[0]):
                for cc in range(layer.shape[1]):
                    d = np.hypot(rr - r, cc - c)
                    if d * cell <= bw:
                        want[rr, cc] += n / (1 + d) / (1 + age)
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_accuracy_measures_by_hand():
    scores = np.array([[5.0, 4.0], [1.0, 0.0]])
    actual = np.array([[2.0, 0.0], [0.0, 6.0]])
    acc = accuracy(scores, actual, 0.25)
    # top 1 of 4 cells is (0,0): 2 of 8 events; best possible cell holds 6
    assert acc["hit_rate"] == pytest.approx(2 / 8)
    assert acc["pai"] == pytest.approx((2 / 8) / (1 / 4))
    assert acc["pei"] == pytest.approx(2 / 6)
    assert flag_top(scores, 0.5).sum() == 2


def test_sepp_recovers_simulated_parameters():
    rng = np.random.default_rng(1)
    k_steps, n = 300, 100
    mu = rng.gamma(2, 0.5, n)
    theta, omega = 0.4, 0.5
    c = np.zeros((k_steps, n))
    for k in range(k_steps):
        lam = mu.copy()
        for lag in range(1, min(12, k) + 1):
            lam += theta * omega * (1 - omega) ** (lag - 1) * c[k - lag]
        c[k] = rng.poisson(lam)
    fit = fit_sepp(c.reshape(k_steps, 10, 10))
    assert fit.converged
    assert fit.theta == pytest.approx(theta, abs=0.06)
    assert fit.omega == pytest.approx(omega, abs=0.08)
    assert np.corrcoef(fit.mu.ravel(), mu)[0, 1] > 0.95


def _persistent_events(seed=0, months=18):
    """Events with a stable hot cluster plus noise, monthly."""
    rng = np.random.default_rng(seed)
    xs, ys, ts = [], [], []
    for m in range(months):
        start = pd.Timestamp(2023, 1, 1, tz="Europe/London") + pd.DateOffset(months=m)
        n_hot, n_bg = rng.poisson(40), rng.poisson(60)
        xs += list(rng.normal(1000, 60, n_hot)) + list(rng.uniform(0, 3000, n_bg))
        ys += list(rng.normal(1000, 60, n_hot)) + list(rng.uniform(0, 3000, n_bg))
        ts += [start.value] * (n_hot + n_bg)
    return np.array(xs), np.array(ys), np.array(ts, dtype=np.int64)


def test_backtest_includes_naive_and_finds_the_stable_cluster():
    x, y, t = _persistent_events()
    res = backtest(x, y, t, cell_m=150, min_train=12, extent=(0, 0, 3000, 3000))
    assert set(res.table["method"]) == {"naive", "kde", "prospective", "sepp"}
    at5 = res.summary_at(0.05)
    # every method puts the stable cluster in its top 5 %: PAI far above 1
    assert (at5["pai"] > 5).all()
    card = res.model_card()
    for m in ("naive", "kde", "prospective", "sepp"):
        assert f"| {m} |" in card
        assert f"{m}:" in res.method_note


def test_forecast_next_month_and_cube_counts():
    x, y, t = _persistent_events(months=6)
    g = Grid.covering((0, 0, 3000, 3000), 150)
    steps, _ = step_index(t, "month", tz="Europe/London")
    c = cube(g, x, y, steps, 6)
    inside = (x >= 0) & (x < g.bounds[2]) & (y >= 0) & (y < g.bounds[3])
    assert c.sum() == inside.sum()
    f = forecast(x, y, t, method="sepp", cell_m=150, extent=g)
    assert f.target_start == pd.Timestamp("2023-07-01", tz="Europe/London")
    r, col, _ = g.cell_of(np.array([1000.0]), np.array([1000.0]))
    assert f.scores[r[0], col[0]] >= np.quantile(f.scores, 0.99)
