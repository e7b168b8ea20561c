"""The layer panel follows the project and writes user intent back through it."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from layers.project import Project
from tests.qt._map_data import asset_layer, crime_layer, grid_boundaries
from workstation import styling
from workstation.qt.map import MapCanvas
from workstation.qt.panels import LayerPanel
from workstation.qt.panels.layers import LAYER_ID_ROLE


@pytest.fixture
def setup(qtbot):
    p = Project()
    b = p.add_layer(grid_boundaries())
    c = p.add_layer(crime_layer(500))
    a = p.add_layer(asset_layer())
    canvas = MapCanvas(p)
    panel = LayerPanel(p, canvas)
    qtbot.addWidget(canvas)
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    panel.show()
    qtbot.waitExposed(panel)
    return p, panel, canvas, (b, c, a)


def test_lists_layers_top_first_with_legends(setup):
    _p, panel, _canvas, (b, c, a) = setup
    assert panel.layer_ids_in_list() == [a.id, c.id, b.id]
    crime_item = panel.tree.topLevelItem(1)
    legend = [
        crime_item.child(i).text(0).replace("\n", " ")
        for i in range(crime_item.childCount())
    ]
    assert legend == [e.label for e in styling.legend_entries(c)]
    assert set(legend) == set(c.frame["category"].unique())


def test_checkbox_toggles_visibility(setup):
    p, panel, canvas, (_b, c, _a) = setup
    item = panel.tree.topLevelItem(1)
    item.setCheckState(0, QtCore.Qt.CheckState.Unchecked)
    assert p.layer(c.id).visible is False
    assert canvas.visible_point_count(c.id) == 0
    p.set_visible(c.id, True)
    assert panel.tree.topLevelItem(1).checkState(0) == QtCore.Qt.CheckState.Checked


def test_move_to_position_reorders_project(setup):
    p, panel, canvas, (b, c, a) = setup
    panel.move_to_position(b.id, 0)  # boundaries to the top of the list
    assert [lyr.id for lyr in p.layers] == [c.id, a.id, b.id]
    assert panel.layer_ids_in_list() == [b.id, a.id, c.id]
    assert canvas.item(b.id).zValue() > canvas.item(a.id).zValue()


def test_drop_event_moves_layer(setup, qtbot):
    p, panel, _canvas, (b, _c, _a) = setup
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        tree.topLevelItem(i).setExpanded(False)
    source = tree.topLevelItem(2)  # boundaries, bottom of the list
    tree.setCurrentItem(source)
    top_rect = tree.visualItemRect(tree.topLevelItem(0))
    pos = QtCore.QPointF(top_rect.center().x(), top_rect.top() + 2)
    mime = tree.mimeData([source])
    ev = QtGui.QDropEvent(
        pos,
        QtCore.Qt.DropAction.MoveAction,
        mime,
        QtCore.Qt.MouseButton.LeftButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(ev)
    assert panel.layer_ids_in_list()[0] == b.id
    assert p.layers[-1].id == b.id


def test_opacity_slider_sets_style(setup, qtbot):
    p, panel, canvas, (_b, c, _a) = setup
    panel.set_current_layer(c.id)
    panel.opacity.setValue(40)
    qtbot.waitUntil(lambda: p.layer(c.id).style.get("opacity") == 0.4, timeout=2000)
    item = canvas.item(c.id)
    assert set(item._palette[item._cidx][:, 3]) == {round(255 * 0.4)}
    assert panel.opacity_label.text() == "Opacity 40 %"


def test_actions_zoom_rename_remove_and_table(setup, qtbot):
    p, panel, canvas, (b, c, a) = setup
    canvas.resize(600, 400)
    canvas.show()
    qtbot.waitExposed(canvas)
    actions = {act.text(): act for act in panel.layer_actions(a.id)}
    assert set(actions) == {
        "Zoom to layer",
        "Style…",
        "Open attribute table",
        "Rename…",
        "Remove",
    }
    actions["Zoom to layer"].trigger()
    ext = canvas.extent()
    ab = a.bounds()
    assert ext[0] <= ab[0] and ext[2] >= ab[2]
    with qtbot.waitSignal(panel.open_table) as blocker:
        actions["Open attribute table"].trigger()
    assert blocker.args == [a.id]
    panel.rename_layer(a.id, "Libraries and clubs")
    assert p.layer(a.id).name == "Libraries and clubs"
    assert panel.tree.topLevelItem(0).text(0) == "Libraries and clubs"
    panel.remove_layer(a.id, confirm=False)
    assert a.id not in p
    assert panel.layer_ids_in_list() == [c.id, b.id]
    assert canvas.item(a.id) is None


def test_stale_badge(setup):
    p, panel, _canvas, (b, _c, _a) = setup
    p.set_style(b.id, stale=True)
    item = next(
        panel.tree.topLevelItem(i)
        for i in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(i).data(0, LAYER_ID_ROLE) == b.id
    )
    assert "stale" in item.text(0)
    assert "run the analysis again" in item.toolTip(0)


def test_choropleth_legend_follows_canvas_classes(setup, qtbot):
    p, panel, canvas, (b, c, _a) = setup
    p.set_style(
        b.id,
        mode="choropleth",
        choropleth={"source": "count", "layer_id": c.id, "k": 3},
    )
    cls = canvas.classification(b.id)
    assert cls is not None
    item = panel.tree.topLevelItem(2)
    labels = [
        item.child(i).text(0).replace("\n", " ") for i in range(item.childCount())
    ]
    # the unit heads the classes; the note (wrapped) closes them
    assert labels[0] == "Crime: count per area"
    assert labels[1 : 1 + len(cls.labels)] == list(cls.labels)
    assert "inside the current filter" in labels[-1]


def test_current_layer_sets_canvas_active_layer(setup):
    _p, panel, canvas, (b, _c, _a) = setup
    panel.set_current_layer(b.id)
    assert panel.current_layer_id() == b.id
    assert canvas._active_layer == b.id


def test_empty_project_shows_hint(qtbot):
    p = Project()
    panel = LayerPanel(p)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_hint.isVisible()
    p.add_layer(asset_layer())
    assert not panel.empty_hint.isVisible()
    assert isinstance(panel.tree, QtWidgets.QTreeWidget)


def test_raster_result_legend_and_item(qtbot):
    import geopandas as gpd
    import numpy as np

    from layers.kinds import LayerKind
    from layers.layer import Layer
    from tests.qt._map_data import X0, Y0
    from workstation.qt.map.items import RasterItem

    density = np.full((10, 12), np.nan, dtype=np.float32)
    density[2:8, 3:9] = np.linspace(0, 40, 36).reshape(6, 6)
    layer = Layer(
        "KDE Crime (400 m)",
        LayerKind.RESULT,
        gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs="EPSG:27700")),
        provenance={
            "grid": {"x0": X0, "y0": Y0, "cell_m": 50.0, "nx": 12, "ny": 10},
            "units": "events per km²",
        },
        style={"mode": "raster", "raster": {"array": "density", "vmin": 0}},
        arrays={"density": density},
    )
    p = Project()
    p.add_layer(layer)
    canvas = MapCanvas(p)
    panel = LayerPanel(p, canvas)
    qtbot.addWidget(canvas)
    qtbot.addWidget(panel)
    assert isinstance(canvas.item(layer.id), RasterItem)
    item = panel.tree.topLevelItem(0)
    labels = [
        item.child(i).text(0).replace("\n", " ") for i in range(item.childCount())
    ]
    assert len(labels) == 5
    assert labels[0].startswith("0 – 8")
    assert labels[-1] == "32 – 40 events per km²"
