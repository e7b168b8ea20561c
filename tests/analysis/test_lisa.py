"""Local Moran's I, permutation Gi* and polygon weights against esda and libpysal."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pytest
import scipy.sparse as sp
import shapely
from esda import G_Local, Moran_Local
from libpysal.weights import KNN, DistanceBand, Queen, W, lat2W

from workstation.analysis.grid import Grid
from workstation.analysis.hotspots import footprint, getis_ord_hotspots
from workstation.analysis.lisa import (
    gistar_permutation_p,
    grid_weights,
    local_moran,
    local_moran_grid,
    local_moran_polygons,
    polygon_weights,
)


def _esda(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # esda's alternative= deprecation notice
        return fn(*args, **kw)


def _rates(ny=12, nx=15, seed=2):
    rng = np.random.default_rng(seed)
    y = rng.gamma(3.0, 1.0, (ny, nx))
    y[3:6, 4:7] += 5.0
    return y


def test_local_moran_equals_esda_on_continuous_values():
    y = _rates()
    ny, nx = y.shape
    w = grid_weights(np.ones(y.shape, bool), footprint("queen", 100))
    ref_w = lat2W(ny, nx, rook=False)
    assert abs(w - ref_w.sparse).max() == 0
    ours = local_moran(y.reshape(-1), w, permutations=999, seed=7)
    ref = _esda(Moran_Local, y.reshape(-1), ref_w, permutations=999, seed=7)
    np.testing.assert_allclose(ours.i, ref.Is, atol=1e-12)
    np.testing.assert_array_equal(ours.quadrant, ref.q)
    np.testing.assert_array_equal(ours.p_sim, ref.p_sim)  # the same draws
    np.testing.assert_allclose(ours.z_sim, ref.z_sim, atol=1e-9)
    np.testing.assert_allclose(ours.p_value, 2 * ref.p_z_sim, atol=1e-12)


def test_local_moran_on_counts_counts_ties_as_extreme():
    rng = np.random.default_rng(3)
    y = rng.poisson(2.0, (10, 10)).astype(float)
    w = grid_weights(np.ones(y.shape, bool), footprint("rook", 100))
    ours = local_moran(y.reshape(-1), w, permutations=499, seed=1)
    ref = _esda(Moran_Local, y.reshape(-1), lat2W(10, 10), permutations=499, seed=1)
    np.testing.assert_allclose(ours.i, ref.Is, atol=1e-12)
    # ties with the observed value count in both tails: never below esda's p
    assert (ours.p_sim >= ref.p_sim - 1e-12).all()
    # the simulated moments do not depend on how ties are broken
    np.testing.assert_allclose(ours.z_sim, ref.z_sim, atol=1e-9)


def test_gistar_permutation_p_equals_esda():
    y = _rates(seed=5).reshape(-1)
    ws = lat2W(12, 15, rook=False).sparse + sp.identity(180, format="csr")
    ref = _esda(
        G_Local, y, W.from_sparse(ws.tocsr()), transform="B", star=True,
        permutations=999, seed=11,
    )  # fmt: skip
    p_sim, p = gistar_permutation_p(y, ws, permutations=999, seed=11)
    np.testing.assert_allclose(p_sim, ref.p_sim, atol=1e-6)
    np.testing.assert_allclose(p, np.minimum(1, 2 * p_sim))


def test_gistar_grid_with_permutation_column():
    y = _rates(seed=6)
    g = Grid(0.0, 0.0, 100.0, 15, 12)
    mask = np.ones(g.shape, bool)
    mask[0, :4] = False
    r = getis_ord_hotspots(y, g, mask=mask, permutations=199, seed=3)
    assert "p_perm" in r.cell_columns()
    assert np.isnan(r.p_perm[~mask]).all()
    ws = grid_weights(mask, footprint("queen", 100)) + sp.identity(int(mask.sum()))
    _, want = gistar_permutation_p(y[mask], ws, permutations=199, seed=3)
    np.testing.assert_allclose(r.p_perm[mask], want)
    assert "conditional-permutation" in r.method_note
    # the strongest analytical hot spots are also the permutation ones
    top = np.nanargmax(r.z)
    assert r.p_perm.reshape(-1)[top] <= 0.01


def test_grid_lisa_respects_the_mask_as_esda_on_the_subset():
    y = _rates(seed=8)
    g = Grid(0.0, 0.0, 100.0, 15, 12)
    mask = np.ones(g.shape, bool)
    mask[:, :3] = False
    mask[10:, 10:] = False
    r = local_moran_grid(y, g, mask=mask, permutations=499, seed=4)
    full = lat2W(12, 15, rook=False).sparse.tocsr()
    keep = np.flatnonzero(mask.reshape(-1))
    sub = W.from_sparse(full[keep][:, keep].tocsr())
    ref = _esda(Moran_Local, y[mask], sub, permutations=499, seed=4)
    np.testing.assert_allclose(r.lisa_i[mask], ref.Is, atol=1e-12)
    np.testing.assert_array_equal(r.p_sim[mask], ref.p_sim)
    assert np.isnan(r.lisa_i[~mask]).all()
    assert (r.lisa_class[~mask] == "not_significant").all()


def test_planted_cluster_is_high_high_and_noise_stays_quiet():
    rng = np.random.default_rng(9)
    g = Grid(0.0, 0.0, 100.0, 30, 30)
    noise = rng.poisson(4.0, g.shape).astype(float)
    quiet = local_moran_grid(noise, g, permutations=499, seed=2)
    assert quiet.summary["not_significant"] >= 0.97 * g.size
    planted = noise.copy()
    planted[12:17, 12:17] += 12
    r = local_moran_grid(planted, g, permutations=499, seed=2)
    assert (r.lisa_class[13:16, 13:16] == "high_high").all()
    cols = r.cell_columns()
    assert set(np.unique(cols["lisa_class"])) <= {
        "high_high", "low_low", "high_low", "low_high", "not_significant",
    }  # fmt: skip
    assert (cols["significant"] == (r.p_fdr <= 0.05)).all()


def _voronoi(n=60, seed=4):
    rng = np.random.default_rng(seed)
    pts = shapely.multipoints(rng.uniform(0, 10_000, (n, 2)))
    box = shapely.box(0, 0, 10_000, 10_000)
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=box))
    return gpd.GeoSeries(shapely.intersection(cells, box), crs="EPSG:27700")


@pytest.mark.parametrize(
    ("kind", "kw"),
    [("queen", {}), ("distance", {"distance_m": 2500.0}), ("knn", {"k": 5})],
)
def test_polygon_weights_equal_libpysal(kind, kw):
    polys = _voronoi()
    ours = polygon_weights(polys, kind, **kw)
    gdf = gpd.GeoDataFrame(geometry=polys)
    cent = shapely.get_coordinates(polys.centroid.values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = {
            "queen": lambda: Queen.from_dataframe(gdf, use_index=False),
            "distance": lambda: DistanceBand.from_array(cent, 2500.0, binary=True),
            "knn": lambda: KNN.from_array(cent, k=5),
        }[kind]()
    ref_m, _ = ref.full()
    np.testing.assert_array_equal(ours.toarray(), ref_m)


def test_polygon_lisa_with_knn_equals_esda():
    polys = _voronoi(seed=6)
    rng = np.random.default_rng(1)
    v = rng.gamma(2.0, 3.0, len(polys))
    r = local_moran_polygons(v, polys, weights="knn", k=4, permutations=499, seed=9)
    cent = shapely.get_coordinates(polys.centroid.values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Moran_Local(v, KNN.from_array(cent, k=4), permutations=499, seed=9)
    np.testing.assert_allclose(r.lisa_i, ref.Is, atol=1e-12)
    np.testing.assert_array_equal(r.p_sim, ref.p_sim)
    gdf = r.to_geodataframe()
    assert {"lisa_i", "lisa_q", "p_sim", "p_fdr", "lisa_class"} <= set(gdf.columns)
    assert "4 nearest centroids" in r.method_note


def test_bad_weights_are_refused():
    polys = _voronoi(n=10)
    with pytest.raises(ValueError, match="k-nearest"):
        polygon_weights(polys, "knn", k=10)
    with pytest.raises(ValueError, match="distance"):
        polygon_weights(polys, "distance")
    with pytest.raises(ValueError, match="unknown weights"):
        polygon_weights(polys, "kernel")
