"""Grid.covering: an explicit extent is the grid; far-edge events keep a cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.analysis.forecast import forecast
from workstation.analysis.grid import Grid
from workstation.analysis.scan import horizon_scan

EXTENT = (418500.0, 558500.0, 430500.0, 570500.0)


@pytest.mark.parametrize(("cell", "unaligned"), [(50.0, False), (250.0, True)])
def test_extent_with_whole_cells_is_the_grid(cell, unaligned):
    g = Grid.covering(EXTENT, cell, align=not unaligned)
    want_nx = round((EXTENT[2] - EXTENT[0]) / cell)
    want_ny = round((EXTENT[3] - EXTENT[1]) / cell)
    assert (g.nx, g.ny) == (want_nx, want_ny)
    assert g.bounds == EXTENT


def test_extent_that_is_not_a_multiple_rounds_up():
    g = Grid.covering((0.0, 0.0, 1010.0, 990.0), 100.0)
    assert (g.nx, g.ny) == (11, 10)
    g = Grid.covering((0.3, 0.0, 100.0, 1.0), 0.1, align=False)
    assert (g.nx, g.ny) == (997, 10)  # (100 - 0.3) / 0.1, despite float round-off


def test_far_edge_events_of_a_data_derived_extent_get_a_cell():
    rng = np.random.default_rng(3)
    x = np.r_[rng.uniform(1000, 2000, 50), 1000.0, 2000.0, 2000.0]
    y = np.r_[rng.uniform(500, 1500, 50), 500.0, 1500.0, 700.0]
    g = Grid.covering((x.min(), y.min(), x.max(), y.max()), 100.0)
    assert (g.nx, g.ny) == (10, 10)
    row, col, inside = g.cell_of(x, y)
    assert inside.all()
    assert (row[-2], col[-2]) == (9, 9)  # the far corner is in the last cell
    assert g.counts(x, y).sum() == len(x)
    # half-open inside: a point on an interior cell edge goes to the upper cell
    r, c, _ = g.cell_of(np.array([1100.0]), np.array([600.0]))
    assert (r[0], c[0]) == (1, 1)
    # and beyond the far edge is outside
    assert not g.cell_of(np.array([2000.001]), np.array([1000.0]))[2][0]


def _monthly_layer(x, y, months):
    ns = np.array(
        [pd.Timestamp(m, tz="Europe/London").value for m in months], dtype=np.int64
    )
    frame = pd.DataFrame(
        {
            "occurred_at": pd.to_datetime(ns, utc=True).tz_convert("Europe/London"),
            "category": "Burglary",
        }
    )
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(x, y), crs="EPSG:27700")
    return Layer(
        name="crime", kind=LayerKind.CRIME, frame=gdf, time_precision="month"
    ), ns


def test_forecast_grid_of_patrol_and_backtest_is_the_extent():
    rng = np.random.default_rng(1)
    n = 400
    x = rng.uniform(EXTENT[0], EXTENT[2], n)
    y = rng.uniform(EXTENT[1], EXTENT[3], n)
    months = [f"2024-{m:02d}-01" for m in rng.integers(1, 13, n)]
    _, ns = _monthly_layer(x, y, months)
    fc = forecast(x, y, np.sort(ns), method="naive", cell_m=250.0, extent=EXTENT)
    assert fc.grid.shape == (48, 48)
    assert fc.grid.bounds == EXTENT


def test_scan_cells_of_an_exact_extent():
    # a rise in the last month in the far corner cell, with events on the far edge
    x0, y0, x1, y1 = 0.0, 0.0, 2000.0, 2000.0
    rng = np.random.default_rng(5)
    hist = 11 * 6
    xs = np.r_[rng.uniform(0, 1800, hist), np.full(12, 1950.0), np.full(12, x1)]
    ys = np.r_[rng.uniform(0, 1800, hist), np.full(12, 1950.0), np.full(12, y1)]
    months = [f"2024-{1 + i % 11:02d}-01" for i in range(hist)] + ["2024-12-01"] * 24
    order = np.argsort(pd.to_datetime(months).values, kind="stable")
    layer, _ = _monthly_layer(xs[order], ys[order], [months[i] for i in order])
    res = horizon_scan(
        layer, cell_m=500.0, extent=(x0, y0, x1, y1), emerging=False, near_repeat=False
    )
    cells = res.table[res.table["area_type"].str.contains("grid cell")]
    # no cell starts on the extent's far edge: the 4 x 4 grid ends at 2000 m
    assert not cells["area_code"].str.contains("E2000|N2000").any()
    corner = cells[cells["area_code"] == "E1500N1500"]
    assert len(corner) >= 1
    assert corner["observed"].max() == 24
