"""The repeats panel: a police.uk-like layer lists its repeat places; click zooms."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers import Layer, LayerKind, Project
from workstation.qt.jobs import JobRunner
from workstation.qt.panels.analysis import discover_panels
from workstation.qt.panels.analysis.repeats_panel import Panel as RepeatsPanel

TZ = "Europe/London"


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def _monthly() -> Layer:
    """Snap points as police.uk has them: 40 points, 300 events over 12 months."""
    rng = np.random.default_rng(5)
    pts = rng.uniform(400_000, 403_000, (40, 2)).round()
    k = rng.integers(0, 40, 300)
    months = pd.DatetimeIndex(
        [pd.Timestamp("2024-01-01", tz=TZ) + pd.DateOffset(months=int(m))
         for m in rng.integers(0, 12, 300)]
    )  # fmt: skip
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": months,
            "category": rng.choice(["Burglary", "Anti-social behaviour"], 300),
            "location": [f"On or near Street {i}" for i in k],
        },
        geometry=gpd.points_from_xy(pts[k, 0], pts[k, 1]),
        crs="EPSG:27700",
    )
    return Layer("Street crime", LayerKind.CRIME, frame, time_precision="month")


def test_repeats_panel_is_discovered():
    assert "repeats_panel" in {p.module.rsplit(".", 1)[-1] for p in discover_panels()}


def test_repeats_panel_lists_places_and_click_zooms(qtbot, jobs):
    project = Project()
    layer = _monthly()
    project.add_layer(layer)
    panel = RepeatsPanel(project, jobs)
    qtbot.addWidget(panel)
    # month-precision data: no "within days"
    assert not panel.use_days.isEnabled()
    panel.run()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)
    t = panel.result.table
    assert panel.model.rowCount() == len(t) > 0
    # by hand: events per location text
    hand = layer.frame["location"].value_counts()
    assert t["events"].tolist() == sorted(hand[hand >= 2].tolist(), reverse=True)
    cols = list(panel.model.frame.columns)
    assert {"location", "first", "last", "categories"} <= set(cols)
    assert "repeats_within_days" not in cols
    with qtbot.waitSignal(project.zoom_requested, timeout=2000) as sig:
        panel.view.clicked.emit(panel.model.index(0, 0))
    x0, y0, x1, y1 = sig.args[0]
    assert x0 <= t.iloc[0]["x"] <= x1 and y0 <= t.iloc[0]["y"] <= y1
