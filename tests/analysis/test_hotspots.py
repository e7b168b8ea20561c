from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from esda.getisord import G_Local
from libpysal.weights import DistanceBand, Queen, Rook, lat2W, w_subset
from scipy import sparse

from layers.progress import CallbackProgress, Cancelled
from workstation.analysis.grid import Grid
from workstation.analysis.hotspots import (
    cells_within,
    contiguity_matrix,
    getis_ord_hotspots,
    getis_ord_polygons,
)
from workstation.analysis.results import (
    HOTSPOT_CLASSES,
    benjamini_hochberg,
    classify_hotspots,
)


def _planted(ny=21, nx=27, seed=0, weighted=False):
    rng = np.random.default_rng(seed)
    c = rng.poisson(3, (ny, nx)).astype(float)
    c[6:9, 10:13] += 12  # a planted hot block
    if weighted:
        c = c * rng.uniform(0.5, 40.0, c.shape)  # harm-weighted sums
    return c, Grid(1000.0, 2000.0, 100.0, nx, ny)


def _esda_z(y, w):
    return G_Local(y, w, transform="B", star=True, permutations=0).Zs


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("hood", ["queen", "rook"])
def test_grid_gistar_equals_esda(hood, weighted):
    c, g = _planted(weighted=weighted)
    r = getis_ord_hotspots(c, g, neighbourhood=hood)
    w = lat2W(g.ny, g.nx, rook=hood == "rook")  # ids run row-major like flat ids
    np.testing.assert_allclose(r.z.ravel(), _esda_z(c.ravel(), w), rtol=0, atol=1e-9)
    # edge and corner cells included
    assert np.isfinite(r.z).all()


@pytest.mark.parametrize("path", ["direct", "fft"])
@pytest.mark.parametrize("distance", [250.0, 420.0])
def test_distance_band_equals_esda(distance, path, monkeypatch):
    import workstation.analysis.hotspots as hs

    if path == "fft":  # big footprints are summed by FFT; force that path here
        monkeypatch.setattr(hs, "FFT_FOOTPRINT_CELLS", 4)
    c, g = _planted(ny=30, nx=34)
    r = getis_ord_hotspots(c, g, neighbourhood="distance", distance_m=distance)
    cx, cy = g.centres()
    w = DistanceBand(
        np.column_stack([cx.ravel(), cy.ravel()]),
        threshold=distance,
        binary=True,
        silence_warnings=True,
    )
    np.testing.assert_allclose(r.z.ravel(), _esda_z(c.ravel(), w), rtol=0, atol=1e-9)


def test_mask_equals_esda_on_the_subset():
    c, g = _planted()
    m = np.ones(g.shape, dtype=bool)
    m[:5, :] = False
    m[12:, 20:] = False
    r = getis_ord_hotspots(c, g, mask=m)
    ids = np.flatnonzero(m.ravel())
    w = w_subset(lat2W(g.ny, g.nx, rook=False), ids.tolist())
    np.testing.assert_allclose(
        r.z.ravel()[ids], _esda_z(c.ravel()[ids], w), rtol=0, atol=1e-9
    )
    assert np.isnan(r.z[~m]).all()
    assert (r.hotspot_class[~m] == "not_significant").all()
    gdf = r.to_geodataframe()
    assert len(gdf) == m.sum()


def test_p_values_fdr_and_classes():
    c, g = _planted()
    r = getis_ord_hotspots(c, g)
    e = G_Local(
        c.ravel(),
        lat2W(g.ny, g.nx, rook=False),
        transform="B",
        star=True,
        permutations=0,
    )
    # esda's p_norm is one-sided; ours is two-sided
    np.testing.assert_allclose(r.p.ravel(), 2 * e.p_norm, rtol=1e-9, atol=1e-15)
    # independent Benjamini-Hochberg: sort, scale by n/rank, running minimum
    p = r.p.ravel()
    order = np.argsort(p)
    n = len(p)
    scaled = p[order] * n / np.arange(1, n + 1)
    q = np.minimum.accumulate(scaled[::-1])[::-1].clip(max=1)
    want = np.empty(n)
    want[order] = q
    np.testing.assert_allclose(r.p_fdr.ravel(), want, rtol=1e-12)
    # classes follow the adjusted p and the sign of z
    hot99 = (r.z > 0) & (r.p_fdr <= 0.01)
    assert (r.hotspot_class[hot99] == "hot_99").all()
    ns = r.p_fdr > 0.10
    assert (r.hotspot_class[ns] == "not_significant").all()
    assert set(np.unique(r.hotspot_class)) <= set(HOTSPOT_CLASSES)
    # the planted block is hot at 99 %
    assert (r.hotspot_class[6:9, 10:13] == "hot_99").all()
    assert sum(r.summary.values()) == g.size


def test_fdr_off_flags_at_least_as_many():
    c, g = _planted()
    on = getis_ord_hotspots(c, g)
    off = getis_ord_hotspots(c, g, fdr_on=False)
    sig_on = (on.hotspot_class != "not_significant").sum()
    sig_off = (off.hotspot_class != "not_significant").sum()
    assert sig_off >= sig_on
    assert "OFF" in off.method_note
    assert "Benjamini" in on.method_note


def test_pure_noise_with_fdr_flags_few_cells():
    rng = np.random.default_rng(11)
    g = Grid(0.0, 0.0, 100.0, 60, 60)
    c = rng.poisson(20, g.shape).astype(float)
    r = getis_ord_hotspots(c, g)
    # under no clustering, BH at 10 % leaves almost nothing flagged
    assert (r.hotspot_class != "not_significant").mean() < 0.01
    raw = getis_ord_hotspots(c, g, fdr_on=False)
    assert (raw.hotspot_class != "not_significant").mean() > 0.03


def test_small_count_warning():
    rng = np.random.default_rng(4)
    g = Grid(0.0, 0.0, 50.0, 30, 30)
    sparse_counts = (rng.random(g.shape) < 0.03).astype(float)
    r = getis_ord_hotspots(sparse_counts, g)
    assert any("Small counts" in w for w in r.warnings)
    busy, _ = _planted(ny=30, nx=30)
    assert not any("Small counts" in w for w in getis_ord_hotspots(busy, g).warnings)


def test_geodataframe_columns_and_cancel():
    c, g = _planted()
    r = getis_ord_hotspots(c, g)
    gdf = r.to_geodataframe()
    for col in ("count", "gi_z", "p_value", "p_fdr", "hotspot_class", "significant"):
        assert col in gdf
    assert gdf.crs.to_epsg() == 27700
    # cell geometry and values line up
    row = gdf.iloc[int(np.argmax(gdf["gi_z"]))]
    i, j = np.unravel_index(np.nanargmax(r.z), g.shape)
    assert row["count"] == c[i, j]
    assert row.geometry.bounds[0] == g.x0 + j * g.cell_m
    p = CallbackProgress()
    p.cancel()
    with pytest.raises(Cancelled):
        getis_ord_hotspots(c, g, progress=p)


def test_bad_input():
    c, g = _planted()
    with pytest.raises(ValueError, match="shape"):
        getis_ord_hotspots(c[:-1], g)
    with pytest.raises(ValueError, match="distance_m"):
        getis_ord_hotspots(c, g, neighbourhood="distance")
    with pytest.raises(ValueError, match="false discovery"):
        getis_ord_hotspots(c, g, fdr=1.5)


def test_cells_within_polygon():
    g = Grid(0.0, 0.0, 10.0, 10, 10)
    poly = shapely.box(0, 0, 50, 100)
    m = cells_within(g, gpd.GeoSeries([poly]))
    assert m[:, :5].all()
    assert not m[:, 5:].any()


def _square_polys(n=8, size=100.0):
    boxes = [
        shapely.box(j * size, i * size, (j + 1) * size, (i + 1) * size)
        for i in range(n)
        for j in range(n)
    ]
    return gpd.GeoSeries(boxes, crs="EPSG:27700")


@pytest.mark.parametrize("contiguity", ["queen", "rook"])
def test_polygon_contiguity_equals_libpysal(contiguity, shared_data):
    lsoa = gpd.read_file(shared_data / "boundaries" / "birmingham_lsoa21.geojson")
    geoms = lsoa.to_crs(27700).geometry
    ours = contiguity_matrix(geoms, contiguity)
    cls = Queen if contiguity == "queen" else Rook
    w = cls.from_iterable(geoms.values, silence_warnings=True)
    theirs = (w.sparse + sparse.identity(w.n)) > 0
    assert ((ours > 0) != theirs).nnz == 0


@pytest.mark.parametrize("contiguity", ["queen", "rook"])
def test_polygon_gistar_equals_esda(contiguity, shared_data):
    lsoa = gpd.read_file(shared_data / "boundaries" / "birmingham_lsoa21.geojson")
    geoms = lsoa.to_crs(27700).geometry
    rng = np.random.default_rng(5)
    values = rng.poisson(30, len(geoms)).astype(float)
    values[:20] += 40
    r = getis_ord_polygons(values, geoms, contiguity=contiguity)
    cls = Queen if contiguity == "queen" else Rook
    w = cls.from_iterable(geoms.values, silence_warnings=True)
    np.testing.assert_allclose(r.z, _esda_z(values, w), rtol=0, atol=1e-9)
    gdf = r.to_geodataframe()
    assert len(gdf) == len(geoms)
    assert list(gdf["hotspot_class"]) == list(classify_hotspots(r.z, r.p_fdr))


def test_polygon_gistar_on_a_lattice_matches_grid_version():
    n = 8
    polys = _square_polys(n)
    c, _ = _planted(ny=n, nx=n)
    g = Grid(0.0, 0.0, 100.0, n, n)
    on_grid = getis_ord_hotspots(c, g, neighbourhood="rook")
    on_polys = getis_ord_polygons(c.ravel(), polys, contiguity="rook")
    np.testing.assert_allclose(on_polys.z, on_grid.z.ravel(), atol=1e-12)


def test_benjamini_hochberg_ignores_nan():
    p = np.array([0.01, np.nan, 0.04, 0.03])
    q = benjamini_hochberg(p)
    assert np.isnan(q[1])
    np.testing.assert_allclose(q[[0, 2, 3]], [0.03, 0.04, 0.04])


def test_small_count_warning_judges_events_not_harm():
    rng = np.random.default_rng(4)
    g = Grid(0.0, 0.0, 50.0, 30, 30)
    events = (rng.random(g.shape) < 0.05).astype(float)
    harm = events * 365.0  # a few robberies: big weights, few events
    fooled = getis_ord_hotspots(harm, g)
    assert not any("Small counts" in w for w in fooled.warnings)
    told = getis_ord_hotspots(harm, g, event_counts=events)
    assert any("Small counts" in w for w in told.warnings)
    np.testing.assert_array_equal(told.z, fooled.z)
