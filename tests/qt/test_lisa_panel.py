"""The Hot spots panel: LISA as a statistic, the force area as the default study area."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers import Layer, LayerKind, Project
from workstation.qt.jobs import JobRunner
from workstation.qt.panels.analysis.hotspot_panel import Panel

OX, OY = 400_000.0, 280_000.0
HOT = (OX + 1000.0, OY + 1000.0)


def _project(with_force: bool = True) -> Project:
    rng = np.random.default_rng(4)
    n = 3000
    hot = rng.random(n) < 0.4
    x = np.where(hot, rng.normal(HOT[0], 60, n), rng.uniform(OX, OX + 4000, n))
    y = np.where(hot, rng.normal(HOT[1], 60, n), rng.uniform(OY, OY + 4000, n))
    t = pd.Timestamp("2024-01-01", tz="Europe/London")
    months = rng.integers(0, 12, n)
    crime = Layer(
        "Crime",
        LayerKind.CRIME,
        gpd.GeoDataFrame(
            {
                "occurred_at": pd.DatetimeIndex(
                    [t + pd.DateOffset(months=int(m)) for m in months]
                ),
                "category": pd.Categorical(np.full(n, "Burglary")),
            },
            geometry=shapely.points(x, y),
            crs="EPSG:27700",
        ),
        time_precision="month",
    )
    p = Project()
    if with_force:
        p.add_layer(
            Layer(
                "Force area",
                LayerKind.BOUNDARY,
                gpd.GeoDataFrame(
                    {"area_code": ["F"], "area_name": ["Force"]},
                    geometry=[shapely.box(OX, OY, OX + 3000, OY + 4000)],
                    crs="EPSG:27700",
                ),
            )
        )
    p.add_layer(crime)
    return p


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def test_force_area_is_the_default_study_area(qtbot, jobs):
    project = _project()
    panel = Panel(project, jobs)
    qtbot.addWidget(panel)
    assert panel.inputs.area_combo.currentText() == "Force area"
    bare = Panel(_project(with_force=False), jobs)
    qtbot.addWidget(bare)
    assert bare.inputs.area_combo.currentData() is None


def test_lisa_from_the_panel(qtbot, jobs, tmp_path):
    project = _project()
    panel = Panel(project, jobs)
    qtbot.addWidget(panel)
    panel.cell.setValue(200)
    panel.statistic.setCurrentIndex(panel.statistic.findData("lisa"))
    before = len(project.layers)
    panel.run()
    qtbot.waitUntil(lambda: len(project.layers) > before, timeout=60_000)
    layer = project.layers[-1]
    assert layer.name.startswith("LISA")
    assert layer.style["classes_column"] == "lisa_class"
    gdf = layer.frame
    hit = gdf[gdf.contains(shapely.Point(HOT[0] + 1, HOT[1] + 1))]
    assert hit["lisa_class"].iloc[0] == "high_high"
    assert gdf.total_bounds[2] <= OX + 3000 + 1e-6  # masked to the force area
    assert "Local Moran" in panel.note.toPlainText()
    assert "high-high" in panel.summary.text()
    panel.grab().save(str(tmp_path / "lisa_panel.png"))
