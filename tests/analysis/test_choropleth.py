"""Counts and rates per polygon against geopandas' spatial join (the oracle)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from layers.filtering import FilterState, TimeWindow, slice_positions
from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.analysis import choropleth
from workstation.analysis.choropleth import polygon_counts, polygon_rates_per_1000

X0, Y0 = 350_000.0, 420_000.0


def points_layer(n: int, seed: int, span: float = 3_000.0) -> Layer:
    rng = np.random.default_rng(seed)
    # include points exactly on the lattice lines (shared edges) to test "once"
    x = X0 + rng.uniform(0, span, n)
    y = Y0 + rng.uniform(0, span, n)
    on_edge = rng.random(n) < 0.05
    x[on_edge] = X0 + np.round((x[on_edge] - X0) / 1000.0) * 1000.0
    t = pd.date_range("2023-01-01", periods=n, freq="37min", tz="Europe/London")
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": t,
            "category": rng.choice(["Burglary", "Robbery"], n),
            "harm": rng.integers(1, 50, n).astype(float),
        },
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:27700",
    )
    return Layer("Crime", LayerKind.CRIME, frame)


def boundary_layer(populations: list[float] | None = None) -> Layer:
    geoms = [
        shapely.box(
            X0 + i * 1000, Y0 + j * 1000, X0 + (i + 1) * 1000, Y0 + (j + 1) * 1000
        )
        for j in range(3)
        for i in range(3)
    ]
    pops = (
        populations if populations is not None else [1500.0 + 100 * k for k in range(9)]
    )
    frame = gpd.GeoDataFrame(
        {
            "area_code": [f"A{k}" for k in range(9)],
            "area_name": [f"Area {k}" for k in range(9)],
            "population": pops,
        },
        geometry=geoms,
        crs="EPSG:27700",
    )
    return Layer("Areas", LayerKind.BOUNDARY, frame)


def sjoin_counts(
    points: Layer, polys: Layer, rows: np.ndarray, weights=None
) -> np.ndarray:
    """Oracle: geopandas sjoin; a point on a shared edge goes to its first polygon."""
    pts = points.frame.iloc[rows].copy()
    pts["_w"] = 1.0 if weights is None else points.frame[weights].to_numpy()[rows]
    pts["_pt"] = np.arange(len(pts))
    joined = gpd.sjoin(pts, polys.frame, predicate="intersects", how="inner")
    joined = joined.sort_values(["_pt", "index_right"]).drop_duplicates("_pt")
    return (
        joined.groupby("index_right")["_w"]
        .sum()
        .reindex(range(len(polys)), fill_value=0.0)
        .to_numpy()
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    choropleth.clear_cache()
    yield
    choropleth.clear_cache()


def test_counts_match_sjoin_inside_filter():
    pts, polys = points_layer(3_000, 1), boundary_layer()
    w = TimeWindow(
        pd.Timestamp("2023-01-10", tz="Europe/London"),
        pd.Timestamp("2023-01-25", tz="Europe/London"),
    )
    state = FilterState(window=w, categories=frozenset({"Burglary"}))
    rows = slice_positions(pts, state)
    assert 0 < len(rows) < len(pts)
    got = polygon_counts(polys, pts, rows)
    assert np.array_equal(got, sjoin_counts(pts, polys, rows))
    assert got.sum() == len(rows)  # every point is in exactly one square


def test_all_rows_and_weights():
    pts, polys = points_layer(2_000, 2), boundary_layer()
    assert np.array_equal(
        polygon_counts(polys, pts), sjoin_counts(pts, polys, np.arange(len(pts)))
    )
    got = polygon_counts(polys, pts, weights="harm")
    assert np.allclose(got, sjoin_counts(pts, polys, np.arange(len(pts)), "harm"))
    arr = pts.frame["harm"].to_numpy()
    assert np.allclose(polygon_counts(polys, pts, weights=arr), got)


def test_rates_per_1000_and_missing_population():
    pts = points_layer(1_000, 3)
    pops = [1000.0, 0.0, np.nan, 2000.0, 500.0, 1500.0, 2500.0, 800.0, 1200.0]
    polys = boundary_layer(pops)
    rows = np.arange(0, len(pts), 2)
    counts = sjoin_counts(pts, polys, rows)
    rates = polygon_rates_per_1000(polys, pts, rows)
    p = np.array(pops)
    ok = p > 0
    assert np.allclose(rates[ok], counts[ok] / p[ok] * 1000.0)
    assert np.isnan(rates[1]) and np.isnan(rates[2])


def test_rate_without_population_column_is_a_clear_error():
    pts, polys = points_layer(100, 4), boundary_layer()
    polys.frame = polys.frame.drop(columns="population")
    with pytest.raises(ValueError, match="population"):
        polygon_rates_per_1000(polys, pts)


def test_cache_returns_copies_and_distinguishes_filters():
    pts, polys = points_layer(1_500, 5), boundary_layer()
    a = polygon_counts(polys, pts, np.arange(0, 500))
    a[:] = -1  # mutating the answer must not poison the cache
    b = polygon_counts(polys, pts, np.arange(0, 500))
    assert (b >= 0).all()
    c = polygon_counts(polys, pts, np.arange(0, 500, 2))
    assert c.sum() == 250 and b.sum() == 500


def test_empty_positions_and_crs_mismatch():
    pts, polys = points_layer(50, 6), boundary_layer()
    assert np.array_equal(
        polygon_counts(polys, pts, np.zeros(0, np.int64)), np.zeros(9)
    )
    other = Layer("WGS", LayerKind.BOUNDARY, polys.frame.to_crs(4326))
    with pytest.raises(ValueError, match="different coordinate systems"):
        polygon_counts(other, pts)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    lo=st.integers(0, 400),
    width=st.integers(0, 400),
)
def test_counts_match_sjoin_property(seed, lo, width):
    pts, polys = points_layer(400, seed), boundary_layer()
    rows = np.arange(lo, min(lo + width, len(pts)))
    assert np.array_equal(
        polygon_counts(polys, pts, rows), sjoin_counts(pts, polys, rows)
    )


def test_polygon_index_agrees_with_counts_per_polygon_and_sjoin():
    from workstation.analysis.choropleth import has_polygon_index, polygon_of_points
    from workstation.analysis.grid import counts_per_polygon

    pts, polys = points_layer(2_500, 8, span=3_400.0), boundary_layer()
    assert not has_polygon_index(polys, pts)
    where = polygon_of_points(polys, pts)
    assert has_polygon_index(polys, pts)
    # some points fall outside every square (span > 3 km)
    assert (where == -1).any()
    joined = gpd.sjoin(pts.frame, polys.frame, predicate="intersects")
    first = joined.reset_index().sort_values(["index", "index_right"])
    first = first.drop_duplicates("index").set_index("index")["index_right"]
    expected = np.full(len(pts), -1)
    expected[first.index.to_numpy()] = first.to_numpy()
    assert np.array_equal(where, expected)
    rows = np.arange(100, 2_000, 3)
    assert np.array_equal(
        polygon_counts(polys, pts, rows),
        counts_per_polygon(pts.xy[rows, 0], pts.xy[rows, 1], polys.frame.geometry),
    )
