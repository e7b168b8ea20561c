from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import rasterio
from scipy import integrate

from layers.progress import CallbackProgress, Cancelled
from workstation.analysis.grid import Grid
from workstation.analysis.kde import KERNELS, kde_surface, kernel_values
from workstation.analysis.raster import read_geotiff, write_geotiff


def _clustered(n: int = 1500, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.r_[rng.normal(5000, 250, n), rng.uniform(3000, 7000, n // 3)]
    y = np.r_[rng.normal(8000, 180, n), rng.uniform(6000, 10000, n // 3)]
    return x, y


def _brute(x, y, cx, cy, h, kernel, w=None):
    """Independent evaluation at one point: sum of the kernel over all events."""
    d = np.hypot(x - cx, y - cy)
    u = d / h
    w = np.ones_like(x) if w is None else w
    if kernel == "quartic":
        k = np.where(u < 1, 3 / (math.pi * h * h) * (1 - u * u) ** 2, 0)
    elif kernel == "gaussian":
        k = np.where(u < 4, np.exp(-0.5 * u * u) / (2 * math.pi * h * h), 0)
    elif kernel == "triangular":
        k = np.where(u < 1, 3 / (math.pi * h * h) * (1 - u), 0)
    else:
        k = np.where(u < 1, 1 / (math.pi * h * h), 0)
    return float((k * w).sum() * 1e6)


@pytest.mark.parametrize("kernel", KERNELS)
def test_kernel_integrates_to_one(kernel):
    h = 250.0
    reach = 4 * h if kernel == "gaussian" else h
    mass, _ = integrate.quad(
        lambda r: 2 * math.pi * r * float(kernel_values(np.array(r), h, kernel)),
        0,
        reach,
        limit=200,
    )
    expected = 1 - math.exp(-8) if kernel == "gaussian" else 1.0
    assert mass == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("kernel", KERNELS)
def test_exact_matches_brute_force(kernel):
    x, y = _clustered(400)
    r = kde_surface(x, y, bandwidth_m=300, cell_m=100, kernel=kernel, method="exact")
    cx, cy = r.grid.centres()
    rng = np.random.default_rng(0)
    rows = rng.integers(0, r.grid.ny, 12)
    cols = rng.integers(0, r.grid.nx, 12)
    rows[0], cols[0] = np.unravel_index(np.argmax(r.density), r.grid.shape)
    for i, j in zip(rows, cols, strict=True):
        want = _brute(x, y, cx[i, j], cy[i, j], 300.0, kernel)
        assert r.density[i, j] == pytest.approx(want, rel=1e-5, abs=1e-3)


@pytest.mark.parametrize(
    ("kernel", "h", "cell"),
    [
        ("quartic", 400, 50),
        ("quartic", 200, 50),
        ("quartic", 75, 50),
        ("quartic", 40, 50),
        ("gaussian", 150, 50),
        ("triangular", 300, 50),
    ],
)
def test_binned_fft_within_one_percent_of_exact_at_peak(kernel, h, cell):
    x, y = _clustered()
    ext = (3000.0, 6000.0, 7000.0, 10000.0)
    exact = kde_surface(
        x, y, bandwidth_m=h, cell_m=cell, extent=ext, kernel=kernel, method="exact"
    )
    fast = kde_surface(
        x, y, bandwidth_m=h, cell_m=cell, extent=ext, kernel=kernel, method="binned_fft"
    )
    assert fast.grid == exact.grid
    peak = np.unravel_index(np.argmax(exact.density), exact.grid.shape)
    assert fast.density[peak] == pytest.approx(exact.density[peak], rel=0.01)
    assert fast.peak == pytest.approx(exact.peak, rel=0.01)
    # everywhere, errors are small relative to the peak
    assert np.abs(fast.density - exact.density).max() < 0.02 * exact.peak


@pytest.mark.parametrize("method", ["exact", "binned_fft"])
def test_density_integrates_to_event_count(method):
    x, y = _clustered(800)
    r = kde_surface(x, y, bandwidth_m=300, cell_m=25, method=method)
    n = len(x)
    assert r.density.dtype == np.float32
    # default extent is grown by the bandwidth: no edge loss
    assert r.density.sum(dtype=float) * r.grid.cell_area_km2 == pytest.approx(
        n, rel=0.005
    )
    assert r.edge_loss < 0.005


@pytest.mark.parametrize("method", ["exact", "binned_fft"])
def test_edge_loss_for_event_on_the_corner(method):
    # one event exactly on the lower-left corner: a quarter of its kernel is inside
    r = kde_surface(
        np.array([1000.0]),
        np.array([2000.0]),
        bandwidth_m=500,
        cell_m=10,
        extent=(1000.0, 2000.0, 2000.0, 3000.0),
        method=method,
    )
    captured = r.density.sum(dtype=float) * r.grid.cell_area_km2
    assert captured == pytest.approx(0.25, rel=0.01)
    assert r.edge_loss == pytest.approx(0.75, rel=0.01)
    assert any("edge loss" in w for w in r.warnings)


def test_single_event_peak_value_and_units():
    h = 200.0
    # the event sits on a cell centre of an aligned 20 m grid
    r = kde_surface(np.array([1010.0]), np.array([2010.0]), bandwidth_m=h, cell_m=20)
    assert r.peak == pytest.approx(3 / (math.pi * h * h) * 1e6, rel=1e-6)
    i, j = np.unravel_index(np.argmax(r.density), r.grid.shape)
    cx, cy = r.grid.centres()
    assert (cx[i, j], cy[i, j]) == (1010.0, 2010.0)


def test_grid_alignment_and_extent():
    x, y = _clustered(100)
    r = kde_surface(x, y, bandwidth_m=200, cell_m=50)
    assert r.grid.x0 % 50 == 0
    assert r.grid.y0 % 50 == 0
    x0, y0, x1, y1 = r.grid.bounds
    assert x0 <= x.min() - 200
    assert x1 >= x.max() + 200
    assert y0 <= y.min() - 200
    assert y1 >= y.max() + 200
    r2 = kde_surface(x, y, bandwidth_m=200, cell_m=50, extent=(3017, 6011, 7000, 9000))
    assert (r2.grid.x0, r2.grid.y0) == (3017.0, 6011.0)
    assert r2.params["extent_given"] is True


def test_weights_scale_linearly():
    x, y = _clustered(300)
    w = np.random.default_rng(2).uniform(0, 5, len(x))
    g = Grid.covering((3000, 6000, 7000, 10000), 50)
    a = kde_surface(x, y, extent=g, weights=w, method="binned_fft")
    half = np.arange(len(x)) < len(x) // 2
    b1 = kde_surface(x[half], y[half], extent=g, weights=w[half], method="binned_fft")
    b2 = kde_surface(
        x[~half], y[~half], extent=g, weights=w[~half], method="binned_fft"
    )
    np.testing.assert_allclose(
        a.density, b1.density + b2.density, rtol=1e-4, atol=1e-3 * a.peak
    )
    doubled = kde_surface(x, y, extent=g, weights=2 * w, method="binned_fft")
    np.testing.assert_allclose(doubled.density, 2 * a.density, rtol=1e-5)
    assert "weight per km²" in a.units


def test_bandwidth_smaller_than_cell_warns():
    x, y = _clustered(200)
    r = kde_surface(x, y, bandwidth_m=40, cell_m=50)
    assert any("smaller than the cell" in w for w in r.warnings)
    ok = kde_surface(x, y, bandwidth_m=400, cell_m=50)
    assert not any("smaller than the cell" in w for w in ok.warnings)


def test_bad_input_is_rejected_with_reason():
    x, y = _clustered(50)
    with pytest.raises(ValueError, match="kernel"):
        kde_surface(x, y, kernel="epanechnikov-ish")
    with pytest.raises(ValueError, match="bandwidth"):
        kde_surface(x, y, bandwidth_m=-1)
    with pytest.raises(ValueError, match="not finite"):
        kde_surface(x, y, weights=np.r_[np.nan, np.ones(len(x) - 1)])
    with pytest.raises(ValueError, match="nothing to map"):
        kde_surface(np.array([]), np.array([]))


def test_non_finite_points_are_counted():
    x, y = _clustered(100)
    x = np.r_[x, np.nan]
    y = np.r_[y, 1.0]
    r = kde_surface(x, y, bandwidth_m=300, cell_m=50)
    assert r.n_events == len(x) - 1
    assert any("1 event(s) without finite coordinates" in w for w in r.warnings)


def test_cancel_raises():
    x, y = _clustered(300)
    p = CallbackProgress()
    p.cancel()
    with pytest.raises(Cancelled):
        kde_surface(x, y, progress=p)


def test_geotiff_round_trip(tmp_path):
    x, y = _clustered(300)
    r = kde_surface(x, y, bandwidth_m=300, cell_m=50, method="binned_fft")
    out = write_geotiff(r, tmp_path / "kde.tif")
    with rasterio.open(out) as src:
        assert src.count == 1
        assert src.dtypes[0] == "float32"
        assert src.crs.to_epsg() == 27700
        assert src.transform.a == 50
        assert src.transform.e == -50
        assert src.transform.c % 50 == 0
        assert src.transform.f % 50 == 0
        band = src.read(1)
        # the brightest pixel sits where the grid says the peak cell is
        i, j = np.unravel_index(np.argmax(r.density), r.grid.shape)
        cx, cy = r.grid.centres()
        prow, pcol = src.index(cx[i, j], cy[i, j])
        assert band[prow, pcol] == pytest.approx(r.peak)
        assert band.max() == pytest.approx(r.peak)
        assert "quartic" in src.tags()["method_note"]
        assert src.tags()["units"] == "events per km²"
    values, grid, _tags = read_geotiff(out)
    assert grid == r.grid
    np.testing.assert_array_equal(values.astype(np.float32), r.density)


def test_memory_cap_coarsens_lattice_and_says_so(monkeypatch):
    import workstation.analysis.kde as kde_mod

    x, y = _clustered(200)
    full = kde_surface(x, y, bandwidth_m=200, cell_m=50, method="binned_fft")
    assert full.params["refine"] == 3
    assert not any("fit in memory" in w for w in full.warnings)
    monkeypatch.setattr(kde_mod, "MAX_FINE_NODES", full.grid.size * 2)
    capped = kde_surface(x, y, bandwidth_m=200, cell_m=50, method="binned_fft")
    assert capped.params["refine"] == 1
    assert any("fit in memory" in w for w in capped.warnings)
    # still close to the fine answer
    assert capped.peak == pytest.approx(full.peak, rel=0.03)


@pytest.mark.parametrize("kernel", ["quartic", "gaussian"])
@pytest.mark.parametrize("n", [25, 2000])
def test_curvature_corrected_binning_on_the_output_lattice(kernel, n):
    # h / cell = 8: one lattice node per cell, the binning error corrected
    rng = np.random.default_rng(n)
    x = rng.uniform(0, 4000, n)
    y = rng.uniform(0, 4000, n)
    g = Grid(0.0, 0.0, 50.0, 80, 80)
    exact = kde_surface(x, y, bandwidth_m=400, extent=g, kernel=kernel, method="exact")
    fast = kde_surface(
        x, y, bandwidth_m=400, extent=g, kernel=kernel, method="binned_fft"
    )
    assert fast.params["refine"] == 1
    peak = np.unravel_index(np.argmax(exact.density), g.shape)
    assert fast.density[peak] == pytest.approx(exact.density[peak], rel=0.005)
    assert np.abs(fast.density - exact.density).max() < 0.01 * exact.peak


def _mass_inside_by_dblquad(px, py, bounds, h, kernel):
    """Oracle: adaptive 2-D quadrature of the kernel over the rectangle."""
    from workstation.analysis.kde import kernel_reach, kernel_total_mass

    x0, y0, x1, y1 = bounds
    r = kernel_reach(h, kernel)
    xa, xb = max(x0, px - r), min(x1, px + r)
    ya, yb = max(y0, py - r), min(y1, py + r)
    if xa >= xb or ya >= yb:
        return 0.0

    def f(yy, xx):
        return float(kernel_values(np.hypot(xx - px, yy - py), h, kernel))

    with warnings.catch_warnings():
        # the cone's cusp at the event costs quadpack a little precision
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        val, _ = _dblquad(f, xa, xb, ya, yb, px, py, r)
    return val / kernel_total_mass(kernel)


def _dblquad(f, xa, xb, ya, yb, px, py, r):
    return integrate.dblquad(
        f,
        xa,
        xb,
        lambda xx: max(ya, py - math.sqrt(max(r * r - (xx - px) ** 2, 0.0))),
        lambda xx: min(yb, py + math.sqrt(max(r * r - (xx - px) ** 2, 0.0))),
        epsabs=1e-11,
        epsrel=1e-10,
    )


@pytest.mark.parametrize("kernel", ["quartic", "uniform", "triangular", "gaussian"])
def test_kernel_mass_inside_equals_numerical_integration(kernel):
    from workstation.analysis.kde import kernel_mass_inside

    bounds = (1000.0, 2000.0, 1600.0, 2500.0)
    h = 150.0 if kernel != "gaussian" else 60.0
    pts = [
        (1000.0, 2000.0),  # on the corner
        (1030.0, 2250.0),  # near the left side
        (1590.0, 2490.0),  # near the far corner
        (1300.0, 2250.0),  # deep inside: all its mass
        (980.0, 1990.0),  # just outside the corner
        (1300.0, 2900.0),  # far outside: none
        (1100.0, 2100.0),  # within reach of two sides
    ]
    xs, ys = np.array(pts).T
    ours = kernel_mass_inside(xs, ys, bounds, h, kernel)
    ref = [_mass_inside_by_dblquad(px, py, bounds, h, kernel) for px, py in pts]
    np.testing.assert_allclose(ours, ref, atol=1e-7)


def test_edge_loss_is_the_true_share_when_the_bandwidth_is_below_the_cell():
    # events well inside the extent but between cell centres: with a 30 m kernel
    # on 100 m cells the centres miss most of their mass; none of it is outside
    from workstation.analysis.kde import kernel_mass_inside

    rng = np.random.default_rng(4)
    x = rng.uniform(100, 900, 40)
    y = rng.uniform(100, 900, 40)
    x = np.r_[x, 10.0]  # and one event 10 m from the left side
    y = np.r_[y, 500.0]
    ext = (0.0, 0.0, 1000.0, 1000.0)
    r = kde_surface(x, y, bandwidth_m=30, cell_m=100, extent=ext, method="exact")
    want = 1.0 - kernel_mass_inside(x, y, ext, 30.0, "quartic").mean()
    ref = 1.0 - _mass_inside_by_dblquad(10.0, 500.0, ext, 30.0, "quartic")
    assert want == pytest.approx(ref / len(x), rel=1e-6)
    assert r.edge_loss == pytest.approx(want, abs=1e-9)
    captured = r.density.sum(dtype=float) * r.grid.cell_area_km2
    assert r.sampling_error == pytest.approx(
        captured / (len(x) * (1 - want)) - 1, rel=1e-6
    )
    assert abs(r.sampling_error) > 0.05
    assert any("Under-sampling" in w for w in r.warnings)
    assert not any("edge loss):" in w for w in r.warnings)


def test_no_signal_and_fine_cells_have_no_sampling_error():
    rng = np.random.default_rng(8)
    x, y = rng.uniform(0, 2000, 300), rng.uniform(0, 2000, 300)
    r = kde_surface(x, y, bandwidth_m=300, cell_m=20, extent=(0, 0, 2000, 2000))
    assert abs(r.sampling_error) < 2e-3
    assert 0.05 < r.edge_loss < 0.3  # uniform events: a band along every side
    captured = r.density.sum(dtype=float) * r.grid.cell_area_km2
    assert captured == pytest.approx(300 * (1 - r.edge_loss), rel=2e-3)
