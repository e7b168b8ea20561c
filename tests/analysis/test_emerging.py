import numpy as np
import pandas as pd
import pymannkendall as pmk
import pytest
import scipy.sparse as sp
import shapely
from esda import G_Local
from libpysal.weights import W, lat2W

from layers.layer import times_to_ns
from workstation.analysis.emerging import (
    PATTERNS,
    classify_patterns,
    emerging_hotspots,
    gi_star_cube,
    space_time_bins,
)


def _space_time_w(mask, t, k):
    """libpysal W over (step, masked cell) nodes: queen + self, +-k steps."""
    ny, nx = mask.shape
    q = lat2W(ny, nx, rook=False).sparse.tocsr()
    q = (q + sp.identity(ny * nx, format="csr")).tocsr()
    keep = np.flatnonzero(mask.reshape(-1))
    q = q[keep][:, keep]
    band = sp.diags([1.0] * (2 * k + 1), list(range(-k, k + 1)), shape=(t, t))
    a = sp.kron(band, q, format="csr")
    return W.from_sparse(a.tocsr())


@pytest.mark.parametrize("k", [0, 1, 2])
def test_gi_star_cube_equals_esda(k):
    rng = np.random.default_rng(5)
    t, ny, nx = 6, 5, 7
    cube = rng.poisson(2.0, size=(t, ny, nx)).astype(float)
    cube[:, 2, 3] += np.arange(t) * 3
    mask = np.ones((ny, nx), bool)
    mask[0, :2] = False
    mask[4, 6] = False
    z = gi_star_cube(cube, mask, k)
    w = _space_time_w(mask, t, k)
    yv = cube[:, mask].reshape(-1)  # step-major, masked cells in row-major order
    ref = G_Local(yv, w, transform="B", star=None, permutations=0)
    ours = z[:, mask].reshape(-1)
    np.testing.assert_allclose(ours, ref.Zs, atol=1e-9)
    assert np.isnan(z[:, ~mask]).all()


def test_mann_kendall_on_gi_series_matches_pymannkendall():
    rng = np.random.default_rng(6)
    x = rng.uniform(0, 3000, 4000)
    y = rng.uniform(0, 3000, 4000)
    months = rng.integers(0, 14, 4000)
    # a cell that grows
    x = np.r_[x, np.full(300, 1550.0)]
    y = np.r_[y, np.full(300, 1550.0)]
    months = np.r_[months, rng.integers(7, 14, 300)]
    times = pd.Timestamp("2023-01-01", tz="Europe/London") + pd.to_timedelta(
        months * 31, unit="D"
    )
    res = emerging_hotspots(
        x, y, pd.Series(times), cell_m=500, step="month", trend_test="arcgis_gi_mk"
    )
    perm = emerging_hotspots(x, y, pd.Series(times), cell_m=500, step="month")
    for j in range(0, len(res.cell_ids), 3):
        ref = pmk.original_test(res.gi_z[:, j])
        np.testing.assert_allclose(res.trend_z[j], ref.z, atol=1e-12)
        np.testing.assert_allclose(res.trend_p[j], ref.p, atol=1e-12)
        # the permutation test keeps ArcGIS's S and z and replaces only p
        np.testing.assert_allclose(perm.trend_s[j], ref.s, atol=1e-9)
        np.testing.assert_allclose(perm.trend_z[j], ref.z, atol=1e-12)
    assert "arcgis_gi_mk" in res.params["trend_test"]
    assert "ArcGIS-compatible" in res.method_note
    assert perm.params["trend_test"] == "permutation"
    assert "permutation Mann-Kendall" in perm.method_note


def test_space_time_bins_count_local_months_and_weeks():
    times = pd.Series(
        pd.to_datetime(
            [
                "2024-03-31 23:30:00+00:00",  # 00:30 BST on 1 April
                "2024-03-01 00:00:00+00:00",
                "2024-05-15 12:00:00+00:00",
            ],
            utc=True,
        )
    )
    idx, starts = space_time_bins(times, "month", "Europe/London")
    assert [s.month for s in starts] == [3, 4, 5]
    np.testing.assert_array_equal(idx, [1, 0, 2])
    idx_w, starts_w = space_time_bins(times, "week", "Europe/London")
    assert all(s.day_of_week == 0 for s in starts_w)
    # 1 April 2024 is a Monday: the first event starts a new week
    assert starts_w[idx_w[0]] == pd.Timestamp("2024-04-01", tz="Europe/London")
    ns = times_to_ns(times)
    idx_ns, _ = space_time_bins(ns, "month", "Europe/London")
    np.testing.assert_array_equal(idx_ns, idx)


def _row(hot_steps=(), cold_steps=(), t=20):
    r = np.zeros(t, dtype=np.int8)
    r[list(hot_steps)] = 1
    r[list(cold_steps)] = -1
    return r


def test_each_of_the_17_rules():
    t = 20
    allh = range(t)
    cases = {
        "new_hot_spot": (_row([19]), 0.0, 1.0),
        "consecutive_hot_spot": (_row([16, 17, 18, 19]), 3.0, 0.001),
        "intensifying_hot_spot": (_row(range(1, t)), 4.0, 0.0001),
        "persistent_hot_spot": (_row(allh), 0.5, 0.6),
        "diminishing_hot_spot": (_row(range(1, t)), -4.0, 0.0001),
        "sporadic_hot_spot": (_row([3, 4, 9, 15, 19]), 0.2, 0.8),
        "oscillating_hot_spot": (_row([5, 19], [10]), 0.1, 0.9),
        "historical_hot_spot": (_row(range(18)), -3.0, 0.003),
        "new_cold_spot": (_row([], [19]), 0.0, 1.0),
        "consecutive_cold_spot": (_row([], [17, 18, 19]), -2.0, 0.04),
        "intensifying_cold_spot": (_row([], range(1, t)), -4.0, 0.0001),
        "persistent_cold_spot": (_row([], allh), 0.1, 0.9),
        "diminishing_cold_spot": (_row([], range(1, t)), 4.0, 0.0001),
        "sporadic_cold_spot": (_row([], [2, 8, 19]), 0.0, 1.0),
        "oscillating_cold_spot": (_row([4], [12, 19]), 0.0, 1.0),
        "historical_cold_spot": (_row([], range(18)), 3.0, 0.003),
        "no_pattern": (_row([3, 4], [8]), 0.0, 1.0),
    }
    assert set(cases) == set(PATTERNS)
    names = list(cases)
    sig = np.vstack([cases[n][0] for n in names])
    tz = np.array([cases[n][1] for n in names])
    tp = np.array([cases[n][2] for n in names])
    out = classify_patterns(sig, tz, tp, trend_alpha=0.05)
    assert list(out) == names


def test_boundary_cases_of_the_rules():
    t = 10
    rows = np.vstack(
        [
            _row(range(1, 10), t=t),  # 9 of 10 hot = 90 %: persistent, not sporadic
            _row(range(2, 10), t=t),  # 8 of 10 in one final run: consecutive
            _row([0, 8, 9], t=t),  # hot before the run: sporadic
            _row([9], [3], t=t),  # cold before: oscillating, not new
            _row(range(9), t=t),  # 9 of 10, final not hot: historical
        ]
    )
    out = classify_patterns(rows, np.zeros(5), np.ones(5))
    assert list(out) == [
        "persistent_hot_spot",
        "consecutive_hot_spot",
        "sporadic_hot_spot",
        "oscillating_hot_spot",
        "historical_hot_spot",
    ]


def test_planted_emerging_cell_is_found():
    rng = np.random.default_rng(11)
    n_months = 24
    base_n = 9000
    x = rng.uniform(0, 5000, base_n)
    y = rng.uniform(0, 5000, base_n)
    m = rng.integers(0, n_months, base_n)
    # a hot spot that switches on in the last 4 months
    k = 400
    x = np.r_[x, rng.uniform(2000, 2250, k)]
    y = np.r_[y, rng.uniform(3000, 3250, k)]
    m = np.r_[m, rng.integers(n_months - 4, n_months, k)]
    start = pd.Timestamp("2022-01-01", tz="Europe/London")
    times = pd.Series([start + pd.DateOffset(months=int(v)) for v in m])
    res = emerging_hotspots(x, y, times, cell_m=250, step="month")
    gdf = res.to_geodataframe()
    assert {"pattern", "trend_z", "trend_p", "count"} <= set(gdf.columns)
    planted = gdf[gdf.geometry.contains(shapely.Point(2125, 3125))]
    assert len(planted) == 1
    assert planted["pattern"].iloc[0] in {
        "new_hot_spot",
        "consecutive_hot_spot",
        "intensifying_hot_spot",
    }
    # elsewhere: uniform noise gives (almost) no hot patterns
    far = gdf[gdf.geometry.distance(shapely.Point(2125, 3125)) > 600]
    share_hot = far["pattern"].str.contains("hot").mean()
    assert share_hot < 0.05
    assert res.pattern_counts()["no_pattern"] > 0.8 * len(gdf)
    assert "Mann-Kendall" in res.method_note


def test_refuses_single_step():
    with pytest.raises(ValueError, match="at least 2"):
        emerging_hotspots(
            np.array([1.0, 2.0]),
            np.array([1.0, 2.0]),
            pd.Series(pd.to_datetime(["2024-01-02", "2024-01-05"], utc=True)),
            cell_m=100,
        )


def test_warns_when_the_final_step_looks_incomplete():
    rng = np.random.default_rng(3)
    n = 5000
    # 12 whole weeks from Monday 1 Jan 2024, then one day of week 13
    days = np.r_[rng.uniform(0, 84, n), rng.uniform(84, 85, n // 84)]
    times = pd.Timestamp("2024-01-01", tz="Europe/London") + pd.to_timedelta(
        days, unit="D"
    )
    x = rng.uniform(0, 2000, len(days))
    y = rng.uniform(0, 2000, len(days))
    res = emerging_hotspots(x, y, pd.Series(times), cell_m=250, step="week")
    assert res.n_steps == 13
    assert any("incomplete" in w for w in res.warnings)
    whole = days < 84
    res = emerging_hotspots(
        x[whole], y[whole], pd.Series(times[whole]), cell_m=250, step="week"
    )
    assert not any("incomplete" in w for w in res.warnings)


def _events_of_cube(cube, cell_m=100.0, seed=0):
    """Points (jittered inside their cell) and month starts for a (T, ny, nx) cube."""
    rng = np.random.default_rng(seed)
    t, ny, nx = cube.shape
    tt, rr, cc = np.nonzero(cube)
    n = cube[tt, rr, cc].astype(int)
    tt, rr, cc = np.repeat(tt, n), np.repeat(rr, n), np.repeat(cc, n)
    x = (cc + rng.uniform(0.05, 0.95, len(cc))) * cell_m
    y = (rr + rng.uniform(0.05, 0.95, len(rr))) * cell_m
    start = pd.Timestamp("2021-01-01", tz="Europe/London")
    months = pd.Series([start + pd.DateOffset(months=int(v)) for v in range(t)])
    return (
        x,
        y,
        months.iloc[tt].reset_index(drop=True),
        (0.0, 0.0, nx * cell_m, ny * cell_m),
    )


@pytest.mark.parametrize("steps", [6, 12, 36])
def test_default_trend_test_holds_its_size_on_a_null_cube(steps):
    # constant Poisson rates (differing between cells), no trend anywhere
    rng = np.random.default_rng(100 + steps)
    ny = nx = 24
    rate = rng.gamma(2.0, 1.0, size=(ny, nx))
    cube = rng.poisson(np.broadcast_to(rate, (steps, ny, nx))).astype(float)
    x, y, times, ext = _events_of_cube(cube, seed=steps)
    mask = np.ones((ny, nx), bool)
    kw = {"cell_m": 100.0, "step": "month", "extent": ext, "mask": mask}
    res = emerging_hotspots(x, y, times, **kw)
    np.testing.assert_array_equal(res.counts, cube.reshape(steps, -1))
    share = float(np.mean(res.trend_p < 0.05))
    assert share <= 0.07, share
    # the ArcGIS-compatible test on the same cube calls far more trends
    arc = emerging_hotspots(x, y, times, trend_test="arcgis_gi_mk", **kw)
    assert np.mean(arc.trend_p < 0.05) > share


@pytest.mark.parametrize("steps", [12, 36])
def test_default_trend_test_finds_a_planted_rising_block(steps):
    rng = np.random.default_rng(7 + steps)
    ny = nx = 20
    lam = np.full((steps, ny, nx), 2.0)
    lam[:, 9:12, 9:12] *= np.linspace(1.0, 4.0, steps)[:, None, None]
    cube = rng.poisson(lam).astype(float)
    x, y, times, ext = _events_of_cube(cube, seed=1)
    res = emerging_hotspots(
        x,
        y,
        times,
        cell_m=100.0,
        step="month",
        extent=ext,
        mask=np.ones((ny, nx), bool),
    )
    trend = ((res.trend_p < 0.05) & (res.trend_z > 0)).reshape(ny, nx)
    assert trend[9:12, 9:12].all()
    pattern = res.pattern.reshape(ny, nx)
    assert pattern[10, 10] in {
        "intensifying_hot_spot",
        "consecutive_hot_spot",
        "new_hot_spot",
    }
    # away from the block (and its Gi* neighbours) trends stay rare
    far = np.ones((ny, nx), bool)
    far[7:14, 7:14] = False
    assert trend[far].mean() <= 0.07


def test_unknown_trend_test_is_refused():
    x, y, times, _ext = _events_of_cube(np.ones((3, 4, 4)))
    with pytest.raises(ValueError, match="trend test"):
        emerging_hotspots(x, y, times, cell_m=100.0, trend_test="hamed_rao")
