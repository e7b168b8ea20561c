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
    assert set(res.table["method"]) == {
        "naive", "last3", "history", "kde", "prospective", "sepp",
    }  # fmt: skip
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


def _sparse_stable(seed=0, months=14, n_cells=400):
    """A cube with stable cell rates (gamma) and few events per step, so the last
    step alone leaves most cells tied at 0."""
    rng = np.random.default_rng(seed)
    rate = rng.gamma(0.5, 0.3, n_cells)
    side = int(np.sqrt(n_cells))
    xs, ys, ts = [], [], []
    for m in range(months):
        start = pd.Timestamp(2023, 1, 1, tz="Europe/London") + pd.DateOffset(months=m)
        k = rng.poisson(rate)
        cells = np.repeat(np.arange(n_cells), k)
        xs += list((cells % side) * 100 + 50.0)
        ys += list((cells // side) * 100 + 50.0)
        ts += [start.value] * len(cells)
    return np.array(xs), np.array(ys), np.array(ts, dtype=np.int64), side


def test_naive_breaks_ties_by_longer_history_not_cell_id():
    x, y, t, side = _sparse_stable()
    ext = (0, 0, side * 100, side * 100)
    res = backtest(x, y, t, methods=("naive",), cell_m=100, extent=ext, max_origins=1)
    # by hand, with pandas: order cells by last step, then last 3, then all history
    g = Grid.covering(ext, 100)
    steps, _ = step_index(t, "month", tz="Europe/London")
    c = cube(g, x, y, steps, int(steps.max()) + 1)
    past, actual = c[:-1], c[-1]
    area = c.sum(axis=0) > 0
    df = pd.DataFrame(
        {
            "last": past[-1].ravel(),
            "last3": past[-3:].sum(axis=0).ravel(),
            "all": past.sum(axis=0).ravel(),
            "actual": actual.ravel(),
            "id": np.arange(g.size),
        }
    )[area.ravel()]
    df = df.sort_values(
        ["last", "last3", "all", "id"], ascending=[False, False, False, True]
    )
    for cov in (0.05, 0.10):
        n = round(cov * len(df))
        want = df["actual"].head(n).sum() / df["actual"].sum()
        got = res.table.query("method == 'naive' and coverage == @cov")["hit_rate"]
        assert got.iloc[0] == pytest.approx(want)
    at = res.table[res.table.method == "naive"].set_index("coverage")["hit_rate"]
    assert at[0.10] > at[0.05] > at[0.02]


def test_pai_is_over_the_study_area_not_the_rectangle():
    x, y, t = _persistent_events()
    tight = backtest(x, y, t, methods=("kde",), cell_m=150, extent=(0, 0, 3000, 3000))
    wide = backtest(
        x, y, t, methods=("kde",), cell_m=150, extent=(-6000, -6000, 9000, 9000)
    )
    # sea and moorland around the events change nothing: the study area is the
    # cells that ever had an event
    assert tight.study_cells == wide.study_cells
    assert "ever had an event" in wide.study_area
    pd.testing.assert_frame_equal(tight.table, wide.table)
    g = Grid.covering((-6000, -6000, 9000, 9000), 150)
    mask = np.zeros((g.ny, g.nx), bool)
    mask[: g.ny // 2] = True
    half = backtest(
        x, y, t, methods=("kde",), cell_m=150, extent=g, mask=mask,
        study_area="the south half",
    )  # fmt: skip
    assert half.study_cells == int(mask.sum())
    assert "the south half" in half.method_note


def test_spread_across_origins_and_named_baselines():
    x, y, t = _persistent_events()
    res = backtest(x, y, t, methods=("kde",), cell_m=150, extent=(0, 0, 3000, 3000))
    assert {"naive", "last3", "history", "kde"} == set(res.table["method"])
    per = res.per_origin.groupby(["method", "coverage"])["hit_rate"]
    t = res.table.set_index(["method", "coverage"])
    np.testing.assert_allclose(t["hit_rate_min"], per.min().loc[t.index])
    np.testing.assert_allclose(t["hit_rate_max"], per.max().loc[t.index])
    assert (t["origins"] == res.per_origin["origin"].nunique()).all()
    card = res.model_card()
    r = t.loc[("kde", 0.05)]
    assert f"{r.hit_rate:.3f} ({r.hit_rate_min:.3f}-{r.hit_rate_max:.3f})" in card


def test_each_model_is_compared_with_the_best_fair_baseline():
    x, y, t, side = _sparse_stable(seed=3, months=16)
    res = backtest(
        x, y, t, methods=("kde", "prospective"), cell_m=100,
        extent=(0, 0, side * 100, side * 100),
    )  # fmt: skip
    s = res.summary_at(0.05)
    bases = s.loc[["naive", "last3", "history"], "hit_rate"]
    best = bases.idxmax()
    assert (s["best_baseline"] == best).all()
    # stable rates: all history is the best guess; smoothing over neighbours
    # (which share nothing here) cannot beat it
    assert best == "history"
    verdicts = " ".join(res.verdicts(0.05))
    for m in ("kde", "prospective"):
        if s.loc[m, "hit_rate"] <= s.loc[best, "hit_rate"]:
            assert f"{m} (" in verdicts
            assert " beats it" not in verdicts.split(f"{m} (")[1].split(".")[0]
    assert "Against the best fair baseline" in res.model_card()


def test_eleven_months_run_with_defaults_and_fewer_origins():
    x, y, t = _persistent_events(months=11)
    res = backtest(x, y, t, methods=("kde",), cell_m=150, extent=(0, 0, 3000, 3000))
    assert res.per_origin["origin"].nunique() == 5
    assert any("11 months" in w and "5 origins" in w for w in res.warnings)
    with pytest.raises(ValueError, match="at least 4"):
        backtest(*_persistent_events(months=3), methods=("kde",), cell_m=150)
    with pytest.raises(ValueError, match="more than 12"):
        backtest(x, y, t, methods=("kde",), cell_m=150, min_train=12)
