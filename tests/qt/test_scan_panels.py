"""Emerging hot spot, near-repeat and horizon-scan panels, driven with pytest-qt."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers import Layer, LayerKind, Project, TimeWindow
from workstation.qt.jobs import JobRunner
from workstation.qt.panels.analysis import discover_panels
from workstation.qt.panels.analysis.emerging_panel import Panel as EmergingPanel
from workstation.qt.panels.analysis.nearrepeat_panel import Panel as NearRepeatPanel
from workstation.qt.panels.analysis.scan_panel import Panel as ScanPanel

TZ = "Europe/London"
OX, OY = 400_000.0, 280_000.0
PLANT = (OX + 1125.0, OY + 1125.0)


def _crime(months: int = 24, seed: int = 2) -> Layer:
    """Uniform monthly crime over 3 km, plus a cell that switches on in the last 4 months."""
    rng = np.random.default_rng(seed)
    n = 6000
    x = rng.uniform(OX, OX + 3000, n)
    y = rng.uniform(OY, OY + 3000, n)
    m = rng.integers(0, months, n)
    cat = rng.choice(["Burglary", "Shoplifting"], n)
    k = 300
    x = np.r_[x, rng.uniform(PLANT[0] - 100, PLANT[0] + 100, k)]
    y = np.r_[y, rng.uniform(PLANT[1] - 100, PLANT[1] + 100, k)]
    m = np.r_[m, rng.integers(months - 4, months, k)]
    cat = np.r_[cat, np.full(k, "Robbery")]
    start = pd.Timestamp("2023-01-01", tz=TZ)
    occurred = pd.DatetimeIndex([start + pd.DateOffset(months=int(v)) for v in m])
    frame = gpd.GeoDataFrame(
        {"occurred_at": occurred, "category": cat},
        geometry=shapely.points(x, y),
        crs="EPSG:27700",
    )
    return Layer("Crime", LayerKind.CRIME, frame, time_precision="month")


def _calls(seed: int = 3) -> Layer:
    rng = np.random.default_rng(seed)
    n = 800
    x = rng.uniform(OX, OX + 3000, n)
    y = rng.uniform(OY, OY + 3000, n)
    days = rng.uniform(0, 200, n)
    # near repeats: follow-ons within 50 m and 3 days
    x[:150] = x[150:300] + rng.normal(0, 20, 150)
    y[:150] = y[150:300] + rng.normal(0, 20, 150)
    days[:150] = days[150:300] + rng.uniform(0.1, 3, 150)
    t = pd.Timestamp("2024-01-01", tz=TZ) + pd.to_timedelta(days, unit="D")
    frame = gpd.GeoDataFrame(
        {"occurred_at": t, "category": "Burglary"},
        geometry=shapely.points(x, y),
        crs="EPSG:27700",
    )
    return Layer("Calls", LayerKind.DEMAND, frame, time_precision="second")


def _wards() -> Layer:
    boxes = [
        shapely.box(OX, OY, OX + 1500, OY + 1500),
        shapely.box(OX + 1500, OY, OX + 3000, OY + 1500),
        shapely.box(OX, OY + 1500, OX + 1500, OY + 3000),
        shapely.box(OX + 1500, OY + 1500, OX + 3000, OY + 3000),
    ]
    frame = gpd.GeoDataFrame(
        {"area_code": ["W1", "W2", "W3", "W4"], "area_name": ["SW", "SE", "NW", "NE"]},
        geometry=boxes,
        crs="EPSG:27700",
    )
    return Layer("Wards", LayerKind.BOUNDARY, frame)


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def test_panels_are_discovered():
    found = {p.module.rsplit(".", 1)[-1]: p for p in discover_panels()}
    for mod in ("emerging_panel", "nearrepeat_panel", "scan_panel"):
        assert found[mod].available, found[mod].error
        assert found[mod].menu == "Analysis"


def test_emerging_panel_adds_pattern_layer_and_goes_stale(qtbot, jobs):
    project = Project()
    project.add_layer(_crime())
    panel = EmergingPanel(project, jobs)
    qtbot.addWidget(panel)
    panel.cell.setValue(250)
    before = len(project.layers)
    panel.run()
    qtbot.waitUntil(lambda: len(project.layers) > before, timeout=60_000)
    layer = project.layers[-1]
    assert layer.kind == LayerKind.RESULT
    assert layer.style["classes_column"] == "pattern"
    hit = layer.frame[layer.frame.geometry.contains(shapely.Point(PLANT))]
    assert hit["pattern"].iloc[0] in {
        "new_hot_spot", "consecutive_hot_spot", "intensifying_hot_spot",
    }  # fmt: skip
    assert panel.patterns_model.rowCount() == 17
    assert not panel.stale.isVisibleTo(panel)
    project.filter.set_categories(frozenset(["Burglary"]))
    assert panel.stale.stale


def test_nearrepeat_panel_refuses_months_and_runs_on_calls(qtbot, jobs):
    project = Project()
    project.add_layer(_crime())
    project.add_layer(_calls())
    panel = NearRepeatPanel(project, jobs)
    qtbot.addWidget(panel)
    idx = next(
        i for i in range(panel.layer_combo.count())
        if panel.layer_combo.itemText(i).startswith("Crime")
    )  # fmt: skip
    panel.layer_combo.setCurrentIndex(idx)
    panel.run()
    assert "police.uk data are monthly" in panel.run_bar.status.text()
    idx = next(
        i for i in range(panel.layer_combo.count())
        if panel.layer_combo.itemText(i).startswith("Calls")
    )  # fmt: skip
    panel.layer_combo.setCurrentIndex(idx)
    panel.space.setText("0, 100, 200")
    panel.time.setText("0, 7, 14")
    panel.perms.setValue(199)
    panel.run()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    frame = panel.knox_model.frame
    assert len(frame) == 3 * 2
    close = frame[
        (frame.space_band == "(0, 100] m") & (frame.time_band == "[0, 7] days")
    ]
    assert close.knox_ratio.iloc[0] > 2
    assert close.p_value.iloc[0] <= 0.01


def test_scan_panel_lists_items_click_zooms_and_filter_to_this(qtbot, jobs):
    project = Project()
    project.add_layer(_wards())
    project.add_layer(_crime())
    panel = ScanPanel(project, jobs)
    qtbot.addWidget(panel)
    panel.near_repeat.setChecked(False)
    panel.run()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    assert panel.model.rowCount() >= 1
    items = panel._items
    robbery = [
        i for i in range(len(items))
        if items.iloc[i]["category"] == "Robbery" and items.iloc[i]["item"] == "count"
    ]  # fmt: skip
    assert robbery, items[["message"]]
    row = robbery[0]
    with qtbot.waitSignal(project.zoom_requested, timeout=2000) as sig:
        panel.view.clicked.emit(panel.model.index(row, 0))
    x0, y0, x1, y1 = sig.args[0]
    assert x0 <= PLANT[0] <= x1 and y0 <= PLANT[1] <= y1
    assert project.filter.state.window is None  # a click shows, it does not filter
    assert panel.filter_button.isEnabled()
    panel.filter_button.click()
    st = project.filter.state
    assert st.categories == frozenset(["Robbery"])
    assert st.window == TimeWindow(
        pd.Timestamp("2024-12-01", tz=TZ), pd.Timestamp("2025-01-01", tz=TZ)
    )
