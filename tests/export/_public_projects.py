"""A small project for the public briefing tests: 16 LSOA squares, a ward of 8."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.crs import BNG
from layers.kinds import LayerKind
from layers.layer import Layer
from tests.export._projects import CELL, X0, Y0, make_project

WARD = "Test Ward"
STREETS = ("High Street", "Park Road")


def ward_layer() -> Layer:
    frame = gpd.GeoDataFrame(
        {"area_code": ["E05000001", "E05000002"], "area_name": [WARD, "East Ward"]},
        geometry=[
            shapely.box(X0, Y0, X0 + 2 * CELL, Y0 + 4 * CELL),
            shapely.box(X0 + 2 * CELL, Y0, X0 + 4 * CELL, Y0 + 4 * CELL),
        ],
        crs=BNG,
    )
    return Layer("Wards", LayerKind.BOUNDARY, frame)


def planted_rise(n: int = 40) -> Layer:
    """Burglaries in the last month in the ward's south-west square (a signal)."""
    rng = np.random.default_rng(11)
    when = pd.Timestamp("2024-12-01", tz="Europe/London")
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": [when] * n,
            "category": ["Burglary"] * n,
            "location": ["On or near High Street"] * n,
        },
        geometry=gpd.points_from_xy(
            X0 + rng.uniform(100, 900, n), Y0 + rng.uniform(100, 900, n)
        ),
        crs=BNG,
    )
    return frame


def public_project(n_points: int = 400, *, rise: bool = False):
    """The export tests' project plus wards; ``rise`` plants a burglary rise."""
    project = make_project(n_points)
    project.add_layer(ward_layer())
    if rise:
        crime = project.layers_of(LayerKind.CRIME)[0]
        frame = pd.concat([crime.frame, planted_rise()], ignore_index=True)
        project.remove_layer(crime.id)
        project.add_layer(
            Layer(
                crime.name,
                LayerKind.CRIME,
                gpd.GeoDataFrame(frame, geometry="geometry", crs=BNG),
                time_precision="month",
                provenance=crime.provenance,
            )
        )
    return project
