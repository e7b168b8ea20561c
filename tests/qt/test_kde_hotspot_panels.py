from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely

from layers import Layer, LayerKind, Project, TimeWindow
from workstation.analysis.grid import Grid
from workstation.analysis.harm import harm_weights
from workstation.qt.jobs import JobRunner
from workstation.qt.panels.analysis import discover_panels
from workstation.qt.panels.analysis.hotspot_panel import Panel as HotspotPanel
from workstation.qt.panels.analysis.kde_panel import Panel as KdePanel

OX, OY = 400_000.0, 280_000.0
HOT = (OX + 1000.0, OY + 1000.0)


def _project() -> Project:
    rng = np.random.default_rng(4)
    n = 3000
    months = rng.integers(0, 12, n)
    hot = rng.random(n) < 0.4
    x = np.where(hot, rng.normal(HOT[0], 60, n), rng.uniform(OX, OX + 4000, n))
    y = np.where(hot, rng.normal(HOT[1], 60, n), rng.uniform(OY, OY + 4000, n))
    t = pd.Timestamp("2024-01-01", tz="Europe/London")
    occurred = pd.DatetimeIndex([t + pd.DateOffset(months=int(m)) for m in months])
    cats = np.where(hot, "Robbery", "Shoplifting")
    crime = Layer(
        "Crime",
        LayerKind.CRIME,
        gpd.GeoDataFrame(
            {"occurred_at": occurred, "category": pd.Categorical(cats)},
            geometry=shapely.points(x, y),
            crs="EPSG:27700",
        ),
        time_precision="month",
    )
    area = Layer(
        "Force",
        LayerKind.BOUNDARY,
        gpd.GeoDataFrame(
            {"area_code": ["F"], "area_name": ["Force"]},
            geometry=[shapely.box(OX, OY, OX + 3000, OY + 4000)],
            crs="EPSG:27700",
        ),
    )
    p = Project()
    p.add_layer(area)
    p.add_layer(crime)
    return p


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def _wait_for_layer(qtbot, project, before: int):
    qtbot.waitUntil(lambda: len(project.layers) > before, timeout=30_000)
    return project.layers[-1]


def test_panels_are_discovered():
    found = {p.module.rsplit(".", 1)[-1]: p for p in discover_panels()}
    for mod in ("kde_panel", "hotspot_panel"):
        assert found[mod].available, found[mod].error
        assert found[mod].menu == "Analysis"


def test_kde_panel_adds_raster_layer_and_marks_stale(qtbot, jobs, tmp_path):
    project = _project()
    panel = KdePanel(project, jobs)
    qtbot.addWidget(panel)
    panel.bandwidth.setValue(300)
    panel.cell.setValue(50)
    before = len(project.layers)
    qtbot.mouseClick(panel.run_bar.run_button, qtbot_left())
    layer = _wait_for_layer(qtbot, project, before)
    assert layer.kind == LayerKind.RESULT
    assert layer.style["mode"] == "raster"
    dens = layer.arrays["density"]
    grid = Grid(**layer.provenance["grid"])
    assert dens.shape == grid.shape
    # the surface integrates to the number of events and peaks on the planted spot
    assert np.nansum(dens, dtype=float) * grid.cell_area_km2 == pytest.approx(
        3000, rel=0.01
    )
    cx, cy = grid.centres()
    i = np.nanargmax(dens)
    assert np.hypot(cx.ravel()[i] - HOT[0], cy.ravel()[i] - HOT[1]) < 100
    assert layer.provenance["params"]["bandwidth_m"] == 300
    assert "quartic" in panel.note.toPlainText()
    assert not panel.stale.isVisibleTo(panel)
    # the filter moves: the result is stale
    project.filter.set_window(
        TimeWindow(
            pd.Timestamp("2024-03-01", tz="Europe/London"),
            pd.Timestamp("2024-06-01", tz="Europe/London"),
        )
    )
    assert panel.stale.isVisibleTo(panel)
    out = panel.export_to(tmp_path / "k.tif")
    with rasterio.open(out) as src:
        assert src.read(1).max() == pytest.approx(float(np.nanmax(dens)), rel=1e-6)


def test_kde_panel_follows_filter_and_harm(qtbot, jobs):
    project = _project()
    project.filter.set_categories({"Shoplifting"})
    panel = KdePanel(project, jobs)
    qtbot.addWidget(panel)
    panel.inputs.harm.setChecked(True)
    before = len(project.layers)
    panel.run()
    layer = _wait_for_layer(qtbot, project, before)
    n_shop = int(
        (
            project.layer(panel.inputs.layer_combo.currentData()).frame["category"]
            == "Shoplifting"
        ).sum()
    )
    grid = Grid(**layer.provenance["grid"])
    total = np.nansum(layer.arrays["density"], dtype=float) * grid.cell_area_km2
    assert total == pytest.approx(n_shop * harm_weights()["Shoplifting"], rel=0.01)
    assert "harm" in layer.name


def test_hotspot_panel_adds_class_layer(qtbot, jobs, tmp_path):
    project = _project()
    panel = HotspotPanel(project, jobs)
    qtbot.addWidget(panel)
    panel.cell.setValue(200)
    panel.inputs.area_combo.setCurrentIndex(panel.inputs.area_combo.findText("Force"))
    before = len(project.layers)
    qtbot.mouseClick(panel.run_bar.run_button, qtbot_left())
    layer = _wait_for_layer(qtbot, project, before)
    assert layer.kind == LayerKind.RESULT
    assert layer.style["mode"] == "classes"
    gdf = layer.frame
    for col in ("count", "gi_z", "p_value", "p_fdr", "hotspot_class"):
        assert col in gdf
    hit = gdf[gdf.contains(shapely.Point(HOT[0] + 1, HOT[1] + 1))]
    assert hit["hotspot_class"].iloc[0] == "hot_99"
    # the study area (x < OX + 3000) bounds every cell
    assert gdf.total_bounds[2] <= OX + 3000 + 1e-6
    assert panel.result.fdr_on is True
    assert "Benjamini" in panel.note.toPlainText()
    assert panel.classes_model.rowCount() == 7
    out = panel.export_to(tmp_path / "h.gpkg")
    back = gpd.read_file(out)
    assert len(back) == int(panel.result.mask.sum())
    project.filter.set_categories({"Robbery"})
    assert panel.stale.isVisibleTo(panel)


def test_hotspot_panel_on_areas_matches_the_function(qtbot, jobs):
    from workstation.analysis.grid import counts_per_polygon
    from workstation.analysis.hotspots import getis_ord_polygons

    project = _project()
    boxes = [
        shapely.box(OX + i * 500, OY + j * 500, OX + (i + 1) * 500, OY + (j + 1) * 500)
        for j in range(8)
        for i in range(8)
    ]
    lsoa = Layer(
        "Areas",
        LayerKind.BOUNDARY,
        gpd.GeoDataFrame(
            {
                "area_code": [f"A{k:02d}" for k in range(64)],
                "area_name": [f"Area {k}" for k in range(64)],
            },
            geometry=boxes,
            crs="EPSG:27700",
        ),
    )
    project.add_layer(lsoa)
    panel = HotspotPanel(project, jobs)
    qtbot.addWidget(panel)
    panel.inputs.area_combo.setCurrentIndex(panel.inputs.area_combo.findText("Areas"))
    panel.unit.setCurrentIndex(panel.unit.findData("areas"))
    panel.neighbourhood.setCurrentIndex(panel.neighbourhood.findData("rook"))
    before = len(project.layers)
    panel.run()
    layer = _wait_for_layer(qtbot, project, before)
    gdf = layer.frame
    assert list(gdf["area_code"]) == list(lsoa.frame["area_code"])
    crime = project.layers[1]
    xy = crime.xy
    want = getis_ord_polygons(
        counts_per_polygon(xy[:, 0], xy[:, 1], lsoa.frame.geometry),
        lsoa.frame.geometry,
        contiguity="rook",
    )
    np.testing.assert_allclose(gdf["gi_z"].to_numpy(), want.z, atol=1e-12)
    hit = gdf[gdf.contains(shapely.Point(HOT[0] + 1, HOT[1] + 1))]
    assert hit["hotspot_class"].iloc[0] == "hot_99"
    assert "areas" in layer.name


def test_panel_without_events_says_why(qtbot, jobs):
    project = Project()
    panel = HotspotPanel(project, jobs)
    qtbot.addWidget(panel)
    assert not panel.run_bar.run_button.isEnabled()
    panel.run()
    assert "add a crime or demand layer" in panel.run_bar.status.text()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.LeftButton


def test_hotspot_tables_read_as_words_and_the_panel_agrees_with_the_note(qtbot, jobs):
    import re

    from PySide6.QtCore import Qt

    project = _project()
    panel = HotspotPanel(project, jobs)
    qtbot.addWidget(panel)
    panel.cell.setValue(200)
    before = len(project.layers)
    panel.run()
    layer = _wait_for_layer(qtbot, project, before)
    texts = {
        panel.classes_model.index(r, 0).data(Qt.DisplayRole)
        for r in range(panel.classes_model.rowCount())
    }
    assert "Hot spot, 99 % confidence" in texts and "hot_99" not in texts
    top = panel.top_model
    cols = [top.headerData(c, Qt.Horizontal) for c in range(top.columnCount())]
    p_col = cols.index("p (FDR)")
    ps = [top.index(r, p_col).data(Qt.DisplayRole) for r in range(top.rowCount())]
    assert ps[0] == "< 0.001"
    # the panel's figures are the layer's, and its strict count is the note's
    gdf = layer.frame
    hot = int(gdf["hotspot_class"].astype(str).str.startswith("hot_").sum())
    summary = panel.summary.text()
    assert f"<b>{hot:,} hot</b>" in summary
    n_note = int(
        re.search(r"([\d,]+) location\(s\)", panel.note.toPlainText())[1].replace(
            ",", ""
        )
    )
    at_q = int((gdf["p_fdr"] <= panel.result.fdr).sum())
    assert n_note == at_q
    assert f"<b>{at_q:,}</b> (hot or cold)" in summary


def test_result_table_text_columns_get_their_width(qtbot, jobs):
    import pandas as pd

    from workstation.qt.panels.analysis._base import DataFrameModel, table_view

    model = DataFrameModel()
    view = table_view(model)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    message = "Street crime, burglary: up 46 events in Brinkmoor (ratio 2.1)"
    model.set_frame(
        pd.DataFrame(
            {"rank": [1, 2], "message": [message, "short"], "p_fdr": [0.01, 0.2]}
        )
    )
    header = view.horizontalHeader()
    need = view.fontMetrics().horizontalAdvance(message)
    assert header.sectionSize(1) >= need
    # the last (numeric) column is as wide as its contents, not the rest
    assert header.sectionSize(2) < 120
    assert not header.stretchLastSection()
