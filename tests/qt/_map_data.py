"""Small layers in EPSG:27700 for the map, panel and style dialog tests."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer

CRIME_TYPES = ["Burglary", "Robbery", "Vehicle crime", "Drugs"]
X0, Y0 = 530_000.0, 180_000.0


def crime_layer(n: int = 2_000, seed: int = 1, span_m: float = 4_000.0) -> Layer:
    """Points over a square of ``span_m`` from (X0, Y0), one per hour from 2024-01-01."""
    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(0, span_m, n)
    y = Y0 + rng.uniform(0, span_m, n)
    t = pd.date_range("2024-01-01", periods=n, freq="h", tz="Europe/London")
    cats = rng.choice(CRIME_TYPES, n)
    frame = gpd.GeoDataFrame(
        {"occurred_at": t, "category": cats},
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:27700",
    )
    return Layer("Crime", LayerKind.CRIME, frame, time_precision="second")


def grid_boundaries(
    nx: int = 4, ny: int = 4, span_m: float = 4_000.0, seed: int = 2
) -> Layer:
    """A lattice of square 'LSOAs' covering the crime square, with a population."""
    rng = np.random.default_rng(seed)
    w = span_m / nx
    h = span_m / ny
    geoms, codes, pops = [], [], []
    for j in range(ny):
        for i in range(nx):
            geoms.append(
                shapely.box(X0 + i * w, Y0 + j * h, X0 + (i + 1) * w, Y0 + (j + 1) * h)
            )
            codes.append(f"E0100{j}{i:02d}")
            pops.append(int(rng.integers(800, 3_000)))
    frame = gpd.GeoDataFrame(
        {
            "area_code": codes,
            "area_name": [f"Area {c}" for c in codes],
            "population": pops,
            "imd_decile": rng.integers(1, 11, len(codes)),
        },
        geometry=geoms,
        crs="EPSG:27700",
    )
    return Layer("LSOAs", LayerKind.BOUNDARY, frame)


def asset_layer() -> Layer:
    names = ["Library", "Youth club", "School"]
    frame = gpd.GeoDataFrame(
        {"name": names, "asset_type": ["library", "youth", "school"]},
        geometry=gpd.points_from_xy(
            [X0 + 500, X0 + 2000, X0 + 3500], [Y0 + 500, Y0 + 2000, Y0 + 3500]
        ),
        crs="EPSG:27700",
    )
    return Layer("Assets", LayerKind.ASSET, frame)
