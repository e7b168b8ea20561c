"""Small projects built directly from GeoDataFrames (BNG) for the export tests."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.crs import BNG
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project, ProjectMetadata

XSS = "<script>alert(1)</script>"
#: South-west corner of the test area (near Preston, BNG metres).
X0, Y0 = 352000.0, 428000.0
CELL = 1000.0  # boundary square size, metres


def crime_layer(n: int = 400, seed: int = 3, name: str = "Street crime") -> Layer:
    rng = np.random.default_rng(seed)
    cats = np.array(["Burglary", "Robbery", "Vehicle crime", "Anti-social behaviour"])
    x = X0 + rng.uniform(100, 3900, n)
    y = Y0 + rng.uniform(100, 3900, n)
    months = pd.date_range("2024-01-01", periods=12, freq="MS", tz="Europe/London")
    when = months[rng.integers(0, 12, n)]
    loc = np.array(["On or near High Street", "On or near Park Road", XSS])
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": when,
            "category": cats[rng.integers(0, len(cats), n)],
            "location": loc[rng.integers(0, len(loc), n)],
        },
        geometry=gpd.points_from_xy(x, y),
        crs=BNG,
    )
    return Layer(
        name,
        LayerKind.CRIME,
        frame,
        time_precision="month",
        provenance={"reader": "police_uk", "files": [{"path": "2024-street.csv"}]},
    )


def boundary_layer() -> Layer:
    polys, codes, names, pop = [], [], [], []
    k = 0
    for i in range(4):
        for j in range(4):
            x, y = X0 + i * CELL, Y0 + j * CELL
            polys.append(shapely.box(x, y, x + CELL, y + CELL))
            codes.append(f"E0100{k:04d}")
            names.append(f"Area {k}" if k != 5 else XSS)
            pop.append(1200 + 97 * k)
            k += 1
    frame = gpd.GeoDataFrame(
        {"area_code": codes, "area_name": names, "population": pop},
        geometry=polys,
        crs=BNG,
    )
    return Layer(
        "LSOA boundaries",
        LayerKind.BOUNDARY,
        frame,
        provenance={"reader": "boundaries", "files": [{"path": "lsoa21.geojson"}]},
    )


def hotspot_layer() -> Layer:
    cells, classes = [], []
    labels = ["hot_99", "hot_95", "not_significant", "cold_90"]
    for i in range(8):
        for j in range(8):
            x, y = X0 + i * 500, Y0 + j * 500
            cells.append(shapely.box(x, y, x + 500, y + 500))
            classes.append(labels[(i + j) % 4] if i < 3 else "not_significant")
    frame = gpd.GeoDataFrame(
        {"hotspot_class": classes, "count": np.arange(64)}, geometry=cells, crs=BNG
    )
    return Layer(
        "Hot spots (Gi*)",
        LayerKind.RESULT,
        frame,
        provenance={
            "analysis": "GiStarResult",
            "params": {"cell_m": 500},
            "method_note": "Getis-Ord Gi* on 500 m cells, FDR 5 %.",
            "warnings": [],
        },
    )


def asset_layer() -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "name": ["Central Library", XSS, "Youth Centre"],
            "asset_type": ["library", "school", "youth"],
        },
        geometry=gpd.points_from_xy(
            [X0 + 500, X0 + 2500, X0 + 3500], [Y0 + 800, Y0 + 2500, Y0 + 3200]
        ),
        crs=BNG,
    )
    return Layer("Community assets", LayerKind.ASSET, frame)


def patrol_layers() -> tuple[Layer, Layer]:
    xs = [X0 + 600, X0 + 1500, X0 + 2600, X0 + 3300]
    ys = [Y0 + 700, Y0 + 1900, Y0 + 2100, Y0 + 3400]
    stops = gpd.GeoDataFrame(
        {
            "order": [1, 2, 3, 4],
            "name": ["Stop A", "Stop B", "Stop C", "Stop D"],
            "minutes": [15, 15, 20, 10],
            "expected_harm": [12.5, 9.0, 7.25, 3.0],
        },
        geometry=gpd.points_from_xy(xs, ys),
        crs=BNG,
    )
    route = gpd.GeoDataFrame(
        {"name": ["Route"], "length_m": [4200.0]},
        geometry=[shapely.LineString(list(zip(xs, ys, strict=True)))],
        crs=BNG,
    )
    prov = {"result_type": "patrol_plan", "params": {"officer_hours": 2}}
    return (
        Layer("Patrol plan stops", LayerKind.RESULT, stops, provenance=prov),
        Layer("Patrol route", LayerKind.RESULT, route, provenance=prov),
    )


def scan_layer() -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "rank": [1, 2],
            "category": ["Robbery", "Burglary"],
            "area_name": ["Area 3", XSS],
            "observed": [12, 9],
            "expected": [5.0, 4.1],
            "p_fdr": [0.004, 0.03],
            "message": [
                "Robbery up 140 % in Area 3 (12 v 5 expected, p_fdr 0.004)",
                f"Burglary up 120 % in {XSS} (9 v 4.1 expected, p_fdr 0.03)",
            ],
        },
        geometry=[shapely.box(X0, Y0, X0 + 10, Y0 + 10)] * 2,
        crs=BNG,
    )
    return Layer(
        "Horizon scan",
        LayerKind.RESULT,
        frame,
        provenance={"result_type": "scan", "method_note": "Poisson test, BH FDR."},
    )


def make_project(n_points: int = 400, *, full: bool = True) -> Project:
    project = Project(
        ProjectMetadata(
            title="Test briefing",
            author="A. Analyst",
            marking="OFFICIAL-SENSITIVE",
        )
    )
    bnd = boundary_layer()
    project.add_layer(bnd)
    crime = crime_layer(n_points)
    if full:
        project.add_layer(hotspot_layer())
    project.add_layer(crime)
    project.set_style(
        bnd.id,
        mode="choropleth",
        fill_opacity=0.5,
        choropleth={"source": "count", "layer_id": crime.id, "k": 4},
    )
    if full:
        project.add_layer(asset_layer())
        stops, route = patrol_layers()
        project.add_layer(route)
        project.add_layer(stops)
        project.add_layer(scan_layer())
    return project


def kde_layer(cell: float = 100.0, n: int = 40) -> Layer:
    """A KDE-style surface as the KDE panel stores it: no rows, an array, a grid."""
    yy, xx = np.mgrid[0:n, 0:n]
    density = 50.0 * np.exp(-((xx - 28) ** 2 + (yy - 10) ** 2) / 40.0)
    density[density < 0.5] = 0.0
    frame = gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=BNG))
    return Layer(
        "KDE street crime (400 m)",
        LayerKind.RESULT,
        frame,
        provenance={
            "grid": {"x0": X0, "y0": Y0, "cell_m": cell, "nx": n, "ny": n, "crs": BNG},
            "units": "events per km²",
            "method_note": "Quartic kernel, 400 m bandwidth.",
        },
        style={
            "mode": "raster",
            "opacity": 0.8,
            "raster": {"array": "density", "ramp": "YlOrRd", "vmin": 0, "vmax": None},
        },
        arrays={"density": density.astype(np.float32)},
    )
