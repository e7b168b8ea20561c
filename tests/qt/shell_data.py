"""Small layers and fixtures for the window tests (built here, no readers needed)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation.qt import settings as ws_settings

CRIME_TYPES = [
    "Anti-social behaviour",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other theft",
    "Robbery",
    "Shoplifting",
    "Vehicle crime",
    "Violence and sexual offences",
    "Public order",
]
TZ = "Europe/London"


def crime_layer(n: int = 3000, seed: int = 1, months: int = 36, name="Crime") -> Layer:
    """Month-precision crime (as data.police.uk): first instant of each month."""
    rng = np.random.default_rng(seed)
    starts = pd.date_range("2022-01-01", periods=months, freq="MS", tz=TZ)
    occurred = starts[rng.integers(0, months, n)]
    weights = np.linspace(2, 0.5, len(CRIME_TYPES))
    cats = np.array(CRIME_TYPES)[
        rng.choice(len(CRIME_TYPES), n, p=weights / weights.sum())
    ]
    x = 400000 + rng.normal(0, 2500, n)
    y = 285000 + rng.normal(0, 2500, n)
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": occurred,
            "category": pd.Categorical(cats),
            "crime_id": [f"c{i:06d}" for i in range(n)],
            "month": occurred.strftime("%Y-%m"),
        },
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:27700",
    )
    return Layer(name, LayerKind.CRIME, frame, time_precision="month")


def calls_layer(n: int = 4000, seed: int = 2, days: int = 120, name="Calls") -> Layer:
    """Second-precision calls for service with a daily rhythm."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01", tz=TZ)
    secs = rng.integers(0, days * 86400, n)
    occurred = start + pd.to_timedelta(np.sort(secs), unit="s")
    types = np.array(["Domestic", "ASB", "Concern for safety", "RTC", "Theft"])
    x = 401000 + rng.normal(0, 1500, n)
    y = 286000 + rng.normal(0, 1500, n)
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": occurred,
            "category": pd.Categorical(types[rng.integers(0, len(types), n)]),
            "grade": rng.integers(1, 5, n),
            "response_s": rng.gamma(2.0, 300.0, n).round(),
            "call_id": [
                f"=CMD{i}" if i % 500 == 0 else f"CAD{i:06d}" for i in range(n)
            ],
        },
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:27700",
    )
    return Layer(name, LayerKind.DEMAND, frame, time_precision="second")


def project_with(*layers: Layer) -> Project:
    p = Project()
    for lyr in layers:
        p.add_layer(lyr)
    p.mark_dirty(False)
    return p


@pytest.fixture
def isolated_settings(tmp_path):
    folder = tmp_path / "settings"
    ws_settings.use_settings_dir(folder)
    yield folder
    ws_settings.use_settings_dir(None)
