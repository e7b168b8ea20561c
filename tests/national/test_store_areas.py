"""Choropleth counts and the horizon scan's counts on a store equal the in-memory path."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from layers import readers
from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.analysis import choropleth
from workstation.analysis.distributed import Selection
from workstation.analysis.distributed_areas import polygon_counts, scan_cubes
from workstation.analysis.scan import area_cubes


@pytest.fixture(scope="module")
def memory(national_dir):
    return readers.read(national_dir, name="Street crime")


@pytest.fixture(scope="module")
def boundary(memory):
    """Boxes whose shared edges pass through real events (the first-polygon rule is tested),
    one polygon overlapping them, and one far from every event (a zero, no signal)."""
    xy = memory.xy
    xs = np.quantile(xy[:, 0], [0.0, 0.3, 0.6, 1.0], method="nearest")
    ys = np.quantile(xy[:, 1], [0.0, 0.5, 1.0], method="nearest")
    boxes = [
        shapely.box(xs[i], ys[j], xs[i + 1], ys[j + 1])
        for i in range(len(xs) - 1)
        for j in range(len(ys) - 1)
    ]
    centre = shapely.Point(np.median(xy, axis=0)).buffer(20_000)
    far = shapely.box(0, 0, 1_000, 1_000)
    geoms = [*boxes, centre, far]
    frame = gpd.GeoDataFrame(
        {
            "area_code": [f"A{i}" for i in range(len(geoms))],
            "area_name": [f"area {i}" for i in range(len(geoms))],
        },
        geometry=geoms,
        crs=memory.crs,
    )
    return Layer(name="Boxes", kind=LayerKind.BOUNDARY, frame=frame)


def test_polygon_counts_equal_the_choropleth_counts(
    store, memory, boundary, cluster_client
):
    layer, _ = store
    ours = polygon_counts(layer, boundary, cluster_client)
    theirs = choropleth.polygon_counts(boundary, memory)
    np.testing.assert_array_equal(ours, theirs)
    assert ours[-1] == 0  # the far polygon holds nothing, in both
    on_edges = np.isin(memory.xy[:, 0], [b.bounds[2] for b in boundary.frame.geometry])
    assert on_edges.any()  # the shared-edge rule was exercised
    assert ours[:6].sum() == np.isfinite(memory.xy[:, 0]).sum()  # each event once


def test_weighted_and_windowed_polygon_counts(store, memory, boundary, cluster_client):
    layer, _ = store
    cats = memory.categories
    weights = {c: 1.0 + 0.37 * i for i, c in enumerate(cats)}
    times = memory.times_ns
    lo, hi = np.quantile(times, [0.25, 0.5]).astype(np.int64)
    sel = Selection(start_ns=int(lo), end_ns=int(hi))
    ours = polygon_counts(layer, boundary, cluster_client, sel=sel, weights=weights)
    pos = np.flatnonzero((times >= lo) & (times < hi))
    w = memory.frame["category"].astype(str).map(weights).to_numpy(float)
    theirs = choropleth.polygon_counts(boundary, memory, positions=pos, weights=w)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    assert ours.sum() > 0 and len(pos) < len(times)


def test_scan_cubes_equal_the_in_memory_scan_counts(
    store, memory, boundary, cluster_client
):
    layer, _ = store
    ours = scan_cubes(layer, [boundary], cluster_client, cell_m=5_000.0)
    theirs, cats, starts, _ = area_cubes(
        memory, [boundary], period="month", cell_m=5_000.0, extent=None
    )
    assert ours.categories == cats
    assert ours.months == [s.strftime("%Y-%m") for s in starts]
    assert [a.area_type for a, _ in ours.cubes] == [a.area_type for a, _ in theirs]
    for (a, c), (b, d) in zip(ours.cubes, theirs, strict=True):
        assert a.codes == b.codes and a.names == b.names
        np.testing.assert_allclose(a.bounds, b.bounds)
        np.testing.assert_array_equal(c, d)
    whole = ours.cubes[0][1]
    assert whole.sum() == len(memory.frame)  # every loaded event counted once
    assert ours.cubes[1][1][:, -1, :].sum() == 0  # the far polygon: nothing


@pytest.mark.slow
def test_hotspots_on_areas_of_a_store_equal_the_command_on_the_files(
    store, national_dir, boundary, tmp_path
):
    from workstation.cli import main

    layer, _ = store
    areas = tmp_path / "boxes.gpkg"
    boundary.frame.iloc[:-1].to_file(areas)  # the far square has no neighbour: left out
    a, b = tmp_path / "files.gpkg", tmp_path / "store.gpkg"
    common = ["--areas", str(areas), "--category", "Burglary"]
    assert main(["hotspots", str(national_dir), *common, "-o", str(a)]) == 0
    assert (
        main(["hotspots", str(layer.root), *common, "--workers", "2", "-o", str(b)])
        == 0
    )
    fa, fb = gpd.read_file(a), gpd.read_file(b)
    assert len(fa) == len(fb) == len(boundary.frame) - 1
    np.testing.assert_array_equal(fa["count"], fb["count"])
    np.testing.assert_allclose(fa["gi_z"], fb["gi_z"], rtol=1e-12, equal_nan=True)
    assert fa["count"].sum() > 0
