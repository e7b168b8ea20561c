"""The map canvas drives real pyqtgraph items; the model and the drawn items must agree."""

from __future__ import annotations

import itertools
import math
import sqlite3

import geopandas as gpd
import numpy as np
import pandas as pd
import pyqtgraph as pg
import pytest
import shapely
from pyproj import Transformer
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from layers.filtering import TimeWindow
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from tests.qt._map_data import X0, Y0, asset_layer, crime_layer, grid_boundaries
from workstation.qt.map import MapCanvas
from workstation.qt.map import items as map_items
from workstation.qt.map.basemap import tile_bounds_3857
from workstation.qt.map.overlays import nice_length, scale_bar_for, scale_denominator
from workstation.styling import point_rgba


@pytest.fixture
def project() -> Project:
    p = Project()
    p.add_layer(grid_boundaries())
    p.add_layer(crime_layer())
    return p


@pytest.fixture
def canvas(qtbot, project) -> MapCanvas:
    c = MapCanvas(project)
    qtbot.addWidget(c)
    c.resize(800, 600)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_full()
    qtbot.waitUntil(lambda: not c.redraw_pending(), timeout=3000)
    return c


def crime(project: Project) -> Layer:
    return project.layers_of(LayerKind.CRIME)[0]


def boundary(project: Project) -> Layer:
    return project.layers_of(LayerKind.BOUNDARY)[0]


def device_pos(canvas: MapCanvas, x: float, y: float) -> QtCore.QPoint:
    scene = canvas.view_box.mapViewToScene(QtCore.QPointF(x, y))
    return canvas.graphics_view.mapFromScene(scene)


def _mouse(widget, kind, pos: QtCore.QPoint, button, buttons) -> None:
    ev = QtGui.QMouseEvent(
        kind,
        QtCore.QPointF(pos),
        QtCore.QPointF(widget.mapToGlobal(pos)),
        button,
        buttons,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(widget, ev)


def mouse_drag(widget, points: list[QtCore.QPoint]) -> None:
    """Press the left button at the first point, move through the rest, release."""
    left = QtCore.Qt.MouseButton.LeftButton
    none = QtCore.Qt.MouseButton.NoButton
    _mouse(widget, QtCore.QEvent.Type.MouseButtonPress, points[0], left, left)
    for p in points[1:]:
        # pyqtgraph drops move events closer together than its mouse rate limit
        QTest.qWait(1000 // max(1, pg.getConfigOption("mouseRateLimit")) + 2)
        _mouse(widget, QtCore.QEvent.Type.MouseMove, p, none, left)
    _mouse(widget, QtCore.QEvent.Type.MouseButtonRelease, points[-1], left, none)


def in_window(layer: Layer, w: TimeWindow) -> np.ndarray:
    t = layer.frame["occurred_at"]
    return ((t >= w.start) & (t < w.end)).to_numpy()


def test_window_changes_visible_point_count(canvas, project):
    layer = crime(project)
    assert canvas.visible_point_count(layer.id) == len(layer)
    w = TimeWindow(
        pd.Timestamp("2024-01-10", tz="Europe/London"),
        pd.Timestamp("2024-01-20", tz="Europe/London"),
    )
    project.filter.set_window(w)
    expected = int(in_window(layer, w).sum())
    assert 0 < expected < len(layer)
    assert canvas.visible_point_count(layer.id) == expected
    # the boundaries have no time: they are not filtered
    assert canvas.visible_point_count(boundary(project).id) == len(boundary(project))
    project.filter.set_categories({"Burglary"})
    both = in_window(layer, w) & (layer.frame["category"] == "Burglary").to_numpy()
    assert canvas.visible_point_count(layer.id) == int(both.sum())


def test_view_culls_points(canvas, project, qtbot):
    layer = crime(project)
    canvas.zoom_to_bounds((X0, Y0, X0 + 1000, Y0 + 1000))
    xmin, ymin, xmax, ymax = canvas.extent()
    xy = layer.xy
    expected = (
        (xy[:, 0] >= xmin)
        & (xy[:, 0] <= xmax)
        & (xy[:, 1] >= ymin)
        & (xy[:, 1] <= ymax)
    )
    assert canvas.visible_point_count(layer.id) == int(expected.sum())
    assert canvas.visible_point_count(layer.id) < len(layer)


def test_lasso_filter_to_area_sets_filter(canvas, project, qtbot):
    canvas.set_tool("filter_area")
    corners = [
        (X0 + 500, Y0 + 500),
        (X0 + 2500, Y0 + 500),
        (X0 + 2500, Y0 + 2500),
        (X0 + 500, Y0 + 2500),
    ]
    pts = [device_pos(canvas, x, y) for x, y in corners]
    path = []
    for a, b in zip(pts, [*pts[1:], pts[0]], strict=True):
        for t in np.linspace(0, 1, 6)[:-1]:
            path.append(
                QtCore.QPoint(
                    round(a.x() + t * (b.x() - a.x())),
                    round(a.y() + t * (b.y() - a.y())),
                )
            )
    mouse_drag(canvas.graphics_view.viewport(), [*path, pts[0]])
    area = project.filter.state.area
    assert area is not None
    target = shapely.box(X0 + 500, Y0 + 500, X0 + 2500, Y0 + 2500)
    # the lasso follows the mouse to within a couple of pixels
    tol = 3 * canvas.metres_per_pixel()
    assert area.symmetric_difference(target).area < 4 * 2000 * tol
    layer = crime(project)
    inside = shapely.contains_xy(area, layer.xy[:, 0], layer.xy[:, 1])
    assert canvas.visible_point_count(layer.id) == int(inside.sum())
    # the overlay and its clear button show; clearing removes the area filter
    assert canvas._area_item.isVisible()
    canvas._clear_area.click()
    assert project.filter.state.area is None
    assert canvas.visible_point_count(layer.id) == len(layer)


def test_identify_click_selects_point(canvas, project, qtbot):
    layer = crime(project)
    canvas.zoom_to_bounds((X0, Y0, X0 + 1500, Y0 + 1500))
    xy = layer.xy
    # a point with no other point within 30 m
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(d, np.inf)
    ok = (
        (d.min(axis=1) > 30)
        & (xy[:, 0] < X0 + 1400)
        & (xy[:, 1] < Y0 + 1400)
        & (xy[:, 0] > X0 + 100)
        & (xy[:, 1] > Y0 + 100)
    )
    row = int(np.flatnonzero(ok)[0])
    canvas.set_tool("identify")
    with qtbot.waitSignal(canvas.features_identified) as blocker:
        QTest.mouseClick(
            canvas.graphics_view.viewport(),
            QtCore.Qt.MouseButton.LeftButton,
            pos=device_pos(canvas, xy[row, 0] + 2, xy[row, 1] - 2),
        )
    found = blocker.args[0]
    assert (layer.id, row) in found
    assert row in project.selection.rows_for(layer.id)
    # the polygon containing the point is identified too
    b = boundary(project)
    poly_rows = [r for lid, r in found if lid == b.id]
    assert len(poly_rows) == 1
    assert b.frame.geometry.iloc[poly_rows[0]].contains(shapely.Point(xy[row]))


def test_selection_highlight_counts(canvas, project):
    layer = crime(project)
    project.selection.set(layer.id, [3, 10, 99])
    assert canvas.selection_item.count() == 3
    project.selection.set(boundary(project).id, [0], replace_all=False)
    assert canvas.selection_item.count() == 4
    project.selection.clear()
    assert canvas.selection_item.count() == 0


def test_rect_selection_matches_geometry(canvas, project):
    layer = crime(project)
    w = TimeWindow(
        pd.Timestamp("2024-01-05", tz="Europe/London"),
        pd.Timestamp("2024-02-05", tz="Europe/London"),
    )
    project.filter.set_window(w)
    box = shapely.box(X0 + 1000, Y0 + 1000, X0 + 3000, Y0 + 2000)
    canvas.select_within(box)
    xy = layer.xy
    expected = np.flatnonzero(
        in_window(layer, w) & shapely.contains_xy(box, xy[:, 0], xy[:, 1])
    )
    assert np.array_equal(project.selection.rows_for(layer.id), expected)
    # boundaries are not picked up while a point layer is visible
    assert len(project.selection.rows_for(boundary(project).id)) == 0
    canvas.set_active_layer(boundary(project).id)
    canvas.select_within(box)
    polys = boundary(project).frame.geometry
    assert np.array_equal(
        project.selection.rows_for(boundary(project).id),
        np.flatnonzero(polys.intersects(box).to_numpy()),
    )


def test_density_raster_above_threshold_and_points_when_zoomed(qtbot):
    n = map_items.DENSITY_THRESHOLD + 10_000
    layer = crime_layer(n=n, span_m=20_000)
    p = Project()
    p.add_layer(layer)
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(700, 500)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_full()
    qtbot.waitUntil(lambda: not c.redraw_pending(), timeout=3000)
    assert c.visible_point_count(layer.id) == n
    assert c.display_mode(layer.id) == "density"
    c.grab()
    item = c.item(layer.id)
    cell_m, cmax = item.density_scale
    assert cell_m == pytest.approx(map_items.DENSITY_PX * c.metres_per_pixel(), 1e-6)
    assert cmax >= 1
    assert any("points per" in n.title for n in c.overlay.notes)
    # the raster's cells hold the counts numpy's 2-D histogram gives (row 0 = north)
    t = item.sceneTransform() * c.graphics_view.viewportTransform()
    rect = c.view_box.viewRect().normalized()
    counts, cell = item._density_counts(t, rect)
    ny, nx = counts.shape
    xe = rect.left() + cell * np.arange(nx + 1)
    ye = rect.bottom() - cell * np.arange(ny + 1)[::-1]
    inside = (layer.xy[:, 0] < xe[-1]) & (layer.xy[:, 1] >= ye[0])
    hist, _, _ = np.histogram2d(layer.xy[inside, 1], layer.xy[inside, 0], bins=[ye, xe])
    assert counts.sum() == hist.sum() == n
    # float32 offsets may move a point lying on a cell edge to its neighbour
    assert np.abs(counts - hist[::-1]).sum() <= 0.002 * n
    assert counts.max() == cmax
    c.zoom_to_bounds((X0, Y0, X0 + 3000, Y0 + 3000))
    assert c.visible_point_count(layer.id) < map_items.DENSITY_THRESHOLD
    assert c.display_mode(layer.id) == "points"
    c.grab()
    assert item._mode == "points"
    # a narrow time window also brings the points back at full extent
    c.zoom_full()
    t0 = layer.frame["occurred_at"].iloc[0]
    p.filter.set_window(TimeWindow(t0, t0 + pd.Timedelta(days=30)))
    assert c.display_mode(layer.id) == "points"


def test_scale_bar_matches_view_width(canvas):
    xmin, _ymin, xmax, _ymax = canvas.extent()
    width_px = canvas.view_box.width()
    mpp = (xmax - xmin) / width_px
    assert canvas.metres_per_pixel() == pytest.approx(mpp)
    canvas.grab()
    bar = canvas.overlay.last_bar
    assert bar.metres / bar.pixels == pytest.approx(mpp)
    # a round length: 1, 2 or 5 times a power of ten, at most 120 px long
    mant = bar.metres / 10 ** math.floor(math.log10(bar.metres))
    assert round(mant, 9) in (1.0, 2.0, 5.0)
    assert 48 <= bar.pixels <= 120
    assert canvas.scale_denominator() == pytest.approx(mpp / (0.0254 / 96))


@pytest.mark.parametrize("max_m", [0.7, 3.0, 99.0, 140.0, 999.0, 1000.0, 7_500.0])
def test_nice_length_is_largest_round_length(max_m):
    v = nice_length(max_m)
    candidates = [m * 10.0**e for e in range(-3, 6) for m in (1, 2, 5)]
    assert v == max(c for c in candidates if c <= max_m * (1 + 1e-12))
    bar = scale_bar_for(max_m / 120.0)
    assert bar.metres == pytest.approx(v)
    assert scale_denominator(1.0) == pytest.approx(96 / 0.0254)


def test_zoom_requested_and_zoom_to_layer(canvas, project):
    project.request_zoom((X0 + 100, Y0 + 100, X0 + 600, Y0 + 400))
    xmin, ymin, xmax, ymax = canvas.extent()
    assert xmin <= X0 + 100 and xmax >= X0 + 600
    assert ymin <= Y0 + 100 and ymax >= Y0 + 400
    assert xmax - xmin < 1500
    canvas.zoom_to_layer(crime(project).id)
    b = crime(project).bounds()
    xmin, ymin, xmax, ymax = canvas.extent()
    assert xmin <= b[0] and ymin <= b[1] and xmax >= b[2] and ymax >= b[3]
    project.selection.set(crime(project).id, [5])
    canvas.zoom_to_selection()
    cx = 0.5 * (canvas.extent()[0] + canvas.extent()[2])
    assert abs(cx - crime(project).xy[5, 0]) < 1.0


def test_keys_zoom_and_pan(canvas, qtbot):
    w0 = canvas.extent()[2] - canvas.extent()[0]
    QTest.keyClick(canvas, QtCore.Qt.Key.Key_Plus)
    assert canvas.extent()[2] - canvas.extent()[0] == pytest.approx(0.8 * w0, rel=1e-3)
    x0 = canvas.extent()[0]
    QTest.keyClick(canvas, QtCore.Qt.Key.Key_Right)
    assert canvas.extent()[0] > x0


def test_layer_order_visibility_and_removal(canvas, project):
    lyr_c, lyr_b = crime(project), boundary(project)
    assert canvas.item(lyr_c.id).zValue() > canvas.item(lyr_b.id).zValue()
    project.move_layer(lyr_c.id, 0)
    assert canvas.item(lyr_c.id).zValue() < canvas.item(lyr_b.id).zValue()
    project.set_visible(lyr_c.id, False)
    assert canvas.visible_point_count(lyr_c.id) == 0
    project.set_visible(lyr_c.id, True)
    assert canvas.visible_point_count(lyr_c.id) == len(lyr_c)
    project.remove_layer(lyr_c.id)
    assert canvas.item(lyr_c.id) is None


def test_style_change_rebuilds_brushes(canvas, project):
    layer = crime(project)
    item = canvas.item(layer.id)
    # the drawn colour of every row is the style's colour for that row
    assert np.array_equal(item._palette[item._cidx], point_rgba(layer))
    assert len({tuple(c) for c in item._palette[item._cidx]}) == 4
    project.set_style(layer.id, mode="single", color="#00ff00", opacity=1.0)
    assert item._palette.tolist() == [[0, 255, 0, 255]]
    assert np.array_equal(item._palette[item._cidx], point_rgba(layer))
    img = canvas.render_image(400, 300)
    arr = qimage_rgb(img)
    green = (arr[..., 0] < 60) & (arr[..., 1] > 200) & (arr[..., 2] < 60)
    assert green.sum() > 200


def qimage_rgb(img: QtGui.QImage) -> np.ndarray:
    img = img.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    # copy: the buffer does not keep the QImage alive
    return buf.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def test_render_image_is_the_requested_size_with_furniture(canvas):
    img = canvas.render_image(640, 360)
    assert (img.width(), img.height()) == (640, 360)
    arr = qimage_rgb(img)
    # dark pixels of the scale bar in the bottom-left corner
    corner = arr[-40:, :160]
    assert (corner.sum(axis=2) < 200).sum() > 50


def test_choropleth_follows_filter(canvas, project, qtbot):
    layer, polys = crime(project), boundary(project)
    project.set_style(
        polys.id,
        mode="choropleth",
        choropleth={"source": "count", "layer_id": layer.id, "k": 4},
    )

    def oracle() -> np.ndarray:
        rows = project.filter.slice_for(layer)
        pts = layer.frame.iloc[rows]
        joined = gpd.sjoin(pts, polys.frame, predicate="within")
        return (
            joined.groupby("index_right")
            .size()
            .reindex(range(len(polys)), fill_value=0)
            .to_numpy()
        )

    assert np.array_equal(canvas.choropleth_values(polys.id), oracle())
    w = TimeWindow(
        pd.Timestamp("2024-02-01", tz="Europe/London"),
        pd.Timestamp("2024-02-15", tz="Europe/London"),
    )
    project.filter.set_window(w)
    qtbot.waitUntil(lambda: not canvas.redraw_pending(), timeout=3000)
    assert np.array_equal(canvas.choropleth_values(polys.id), oracle())
    cls = canvas.classification(polys.id)
    assert cls is not None and cls.bins[-1] == oracle().max()


def test_rate_choropleth_without_population_warns(canvas, project, qtbot):
    polys = boundary(project)
    polys.frame = polys.frame.drop(columns="population")
    with qtbot.waitSignal(canvas.message) as blocker:
        project.set_style(
            polys.id,
            mode="choropleth",
            choropleth={"source": "rate", "layer_id": crime(project).id},
        )
    assert blocker.args[0] == "warning"
    assert "population" in blocker.args[1]
    assert canvas.choropleth_error(polys.id)


def test_assets_drawn_with_labels(qtbot):
    p = Project()
    a = p.add_layer(asset_layer())
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(500, 400)
    c.show()
    qtbot.waitExposed(c)
    assert c.visible_point_count(a.id) == 3
    assert c.item(a.id)._label_column == "name"
    img = qimage_rgb(c.render_image(500, 400))
    # the asset colour (#006d2c) is drawn
    hit = (abs(img[..., 0].astype(int) - 0) < 30) & (
        abs(img[..., 1].astype(int) - 0x6D) < 30
    )
    assert hit.sum() > 30


def test_raster_result_layer_has_colour_scale(qtbot):
    density = np.zeros((20, 30), dtype=np.float32)
    density[5:10, 10:20] = 12.5
    frame = gpd.GeoDataFrame(
        {"v": [1.0]}, geometry=[shapely.box(X0, Y0, X0 + 3000, Y0 + 2000)], crs=27700
    )
    layer = Layer(
        "KDE",
        LayerKind.RESULT,
        frame,
        provenance={"grid": {"x0": X0, "y0": Y0, "cell_m": 100.0, "nx": 30, "ny": 20}},
        style={"mode": "raster"},
        arrays={"density": density},
    )
    p = Project()
    p.add_layer(layer)
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(600, 400)
    c.show()
    qtbot.waitExposed(c)
    item = c.item(layer.id)
    assert isinstance(item, map_items.RasterItem)
    assert item.value_range() == (0.0, 12.5)
    c.grab()
    assert any("KDE" in n.title for n in c.overlay.notes)
    img = qimage_rgb(c.render_image(600, 400))
    # the hot block (dark red end of YlOrRd) is drawn, north of the grid's origin
    cx, cy = X0 + 1500, Y0 + 750
    xmin, ymin, xmax, ymax = c.extent()
    s = min(600 / (xmax - xmin), 400 / (ymax - ymin))
    px = round(300 + (cx - 0.5 * (xmin + xmax)) * s)
    py = round(200 - (cy - 0.5 * (ymin + ymax)) * s)
    r, g, b = img[py, px]
    assert r > 100 and g < 60 and b < 80


def _tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    lat_r = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n)
    return x, y


def test_mbtiles_basemap_tile_appears(tmp_path, qtbot):
    p = Project()
    polys = grid_boundaries()
    p.add_layer(polys)
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(600, 500)
    c.show()
    qtbot.waitExposed(c)
    lon, lat = Transformer.from_crs(27700, 4326, always_xy=True).transform(
        X0 + 2000, Y0 + 2000
    )
    z = 12
    tx, ty = _tile_xy(lon, lat, z)
    img = QtGui.QImage(256, 256, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor(0, 0, 255))
    buf = QtCore.QBuffer()
    buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    png = bytes(buf.data())
    path = tmp_path / "tiny.mbtiles"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE metadata (name text, value text)")
    con.execute("INSERT INTO metadata VALUES ('name', 'test tiles')")
    con.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, "
        "tile_row integer, tile_data blob)"
    )
    con.execute(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, tx, (1 << z) - 1 - ty, png)
    )
    con.commit()
    con.close()
    c.set_basemap(str(path))
    assert c.basemap is not None
    assert (z, tx, ty) in c.basemap.items
    out = qimage_rgb(c.render_image(600, 500))
    # the tile's centre is drawn blue where the tile is (unfilled polygons above)
    west, south, east, north = tile_bounds_3857(z, tx, ty)
    bx, by = Transformer.from_crs(3857, 27700, always_xy=True).transform(
        0.5 * (west + east), 0.5 * (south + north)
    )
    xmin, ymin, xmax, ymax = c.extent()
    s = min(600 / (xmax - xmin), 500 / (ymax - ymin))
    px = round(300 + (bx - 0.5 * (xmin + xmax)) * s)
    py = round(250 - (by - 0.5 * (ymin + ymax)) * s)
    patch = out[py - 4 : py + 5, px - 4 : px + 5].reshape(-1, 3)
    blue = np.all(patch == (0, 0, 255), axis=1)
    assert blue.sum() >= 60  # of 81 (a polygon edge may cross the patch)
    c.set_basemap(None)
    assert c.basemap is None


def test_bad_basemap_path_gives_message(canvas, tmp_path, qtbot):
    bad = tmp_path / "nothing.mbtiles"
    bad.write_bytes(b"not sqlite at all" * 10)
    with qtbot.waitSignal(canvas.message) as blocker:
        canvas.set_basemap(str(bad))
    assert blocker.args[0] == "error"
    assert "nothing.mbtiles" in blocker.args[1]
    assert canvas.basemap is None


def test_cursor_and_scale_signals(canvas, qtbot):
    with qtbot.waitSignal(canvas.scale_changed) as blocker:
        QTest.keyClick(canvas, QtCore.Qt.Key.Key_Minus)
    assert blocker.args[0] == pytest.approx(canvas.scale_denominator())
    target = (X0 + 1234.0, Y0 + 2345.0)
    with qtbot.waitSignal(canvas.cursor_moved) as blocker:
        QTest.mouseMove(canvas.graphics_view.viewport(), device_pos(canvas, *target))
    x, y = blocker.args
    tol = 2 * canvas.metres_per_pixel()
    assert abs(x - target[0]) < tol and abs(y - target[1]) < tol


def test_unknown_tool_rejected(canvas):
    with pytest.raises(ValueError, match="unknown map tool"):
        canvas.set_tool("teleport")


def test_xyz_folder_basemap(tmp_path, qtbot, canvas):
    lon, lat = Transformer.from_crs(27700, 4326, always_xy=True).transform(
        X0 + 2000, Y0 + 2000
    )
    z = 11
    tx, ty = _tile_xy(lon, lat, z)
    folder = tmp_path / "tiles" / str(z) / str(tx)
    folder.mkdir(parents=True)
    img = QtGui.QImage(256, 256, QtGui.QImage.Format.Format_RGB32)
    img.fill(QtGui.QColor(10, 200, 10))
    assert img.save(str(folder / f"{ty}.png"))
    canvas.set_basemap(str(tmp_path / "tiles"))
    assert canvas.basemap is not None
    assert canvas.basemap.zoom == z  # the only zoom level in the folder
    assert (z, tx, ty) in canvas.basemap.items
    # panning away and back keeps the tile set in step with the view
    canvas.zoom_to_bounds((X0 + 500_000, Y0, X0 + 504_000, Y0 + 4_000))
    canvas._update_basemap()
    assert (z, tx, ty) not in canvas.basemap.items
    canvas.zoom_full()
    canvas._update_basemap()
    assert (z, tx, ty) in canvas.basemap.items


def test_extent_kept_on_project_metadata(canvas, project):
    canvas.zoom_to_bounds((X0, Y0, X0 + 1000, Y0 + 1000))
    assert project.metadata.extent == pytest.approx(canvas.extent())


def test_identify_matches_brute_force_inside_filter(canvas, project):
    layer = crime(project)
    w = TimeWindow(
        pd.Timestamp("2024-01-03", tz="Europe/London"),
        pd.Timestamp("2024-02-20", tz="Europe/London"),
    )
    project.filter.set_window(w)
    item = canvas.item(layer.id)
    rng = np.random.default_rng(5)
    ok = in_window(layer, w)
    for x, y in rng.uniform(0, 4000, (20, 2)) + np.array([X0, Y0]):
        tol = 60.0
        d = np.hypot(layer.xy[:, 0] - x, layer.xy[:, 1] - y)
        expected = np.flatnonzero(ok & (d <= tol))
        got = item.identify(x, y, tol)
        assert sorted(got.tolist()) == expected.tolist()
        assert np.all(np.diff(d[got]) >= -1e-3)  # nearest first


def test_stacked_points_show_the_latest_and_labels_do_not_overlap(qtbot):
    t = pd.date_range("2024-03-01", periods=4, freq="D", tz="Europe/London")
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": t,
            "category": ["Vehicle crime", "Shoplifting", "Drugs", "Vehicle crime"],
        },
        geometry=gpd.points_from_xy(
            [X0, X0, X0 + 500, X0 + 500], [Y0, Y0, Y0 + 500, Y0 + 500]
        ),
        crs=27700,
    )
    crimes = Layer("Stacked", LayerKind.CRIME, frame, style={"opacity": 1.0})
    names = [f"A long asset name number {i}" for i in range(6)]
    assets = gpd.GeoDataFrame(
        {"name": names, "asset_type": ["x"] * 6},
        geometry=gpd.points_from_xy(X0 + 1000 + 5 * np.arange(6), [Y0 + 800] * 6),
        crs=27700,
    )
    p = Project()
    p.add_layer(crimes)
    a = p.add_layer(Layer("Assets", LayerKind.ASSET, assets))
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(500, 400)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_to_bounds((X0 - 100, Y0 - 100, X0 + 1200, Y0 + 900))
    img = qimage_rgb(c.render_image(500, 400))
    xmin, ymin, xmax, ymax = c.extent()
    s = min(500 / (xmax - xmin), 400 / (ymax - ymin))

    def pixel(x, y):
        px = round(250 + (x - 0.5 * (xmin + xmax)) * s)
        py = round(200 - (y - 0.5 * (ymin + ymax)) * s)
        return tuple(int(v) for v in img[py, px])

    # Shoplifting (#1f78b4) is later than Vehicle crime at the first point ...
    assert pixel(X0, Y0) == (0x1F, 0x78, 0xB4)
    # ... and Vehicle crime (#33a02c) is later than Drugs at the second
    assert pixel(X0 + 500, Y0 + 500) == (0x33, 0xA0, 0x2C)
    # six labels at almost the same place: each side of the stack takes one, the
    # rest are left out rather than printed over each other
    assert 1 < c.item(a.id).labels_drawn <= 4


@pytest.mark.parametrize("tool", ["select_rect", "select_lasso"])
def test_drag_tools_select_points(canvas, project, tool):
    layer = crime(project)
    canvas.set_tool(tool)
    a = device_pos(canvas, X0 + 1000, Y0 + 3000)
    b = device_pos(canvas, X0 + 3000, Y0 + 1000)
    if tool == "select_rect":
        path = [a, QtCore.QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2), b]
    else:
        corners = [a, QtCore.QPoint(b.x(), a.y()), b, QtCore.QPoint(a.x(), b.y()), a]
        path = []
        for p0, p1 in itertools.pairwise(corners):
            for t in np.linspace(0, 1, 5)[:-1]:
                path.append(
                    QtCore.QPoint(
                        round(p0.x() + t * (p1.x() - p0.x())),
                        round(p0.y() + t * (p1.y() - p0.y())),
                    )
                )
        path.append(a)
    mouse_drag(canvas.graphics_view.viewport(), path)
    rows = project.selection.rows_for(layer.id)
    box = shapely.box(X0 + 1000, Y0 + 1000, X0 + 3000, Y0 + 3000)
    expected = np.flatnonzero(shapely.contains_xy(box, layer.xy[:, 0], layer.xy[:, 1]))
    # the drawn shape matches the box to within a pixel or two along its edges
    assert len(np.setxor1d(rows, expected)) <= 0.03 * len(expected)
    assert canvas.selection_item.count() == len(rows) > 0


def test_big_layer_polygon_index_built_in_a_worker(canvas, project, qtbot, monkeypatch):
    from workstation.analysis import choropleth
    from workstation.qt.map import canvas as canvas_module

    choropleth.clear_cache()
    monkeypatch.setattr(canvas_module, "ASYNC_INDEX_ROWS", 100)
    layer, polys = crime(project), boundary(project)
    with qtbot.waitSignal(canvas.message) as blocker:
        project.set_style(
            polys.id,
            mode="choropleth",
            choropleth={"source": "rate", "layer_id": layer.id, "k": 3},
        )
    assert blocker.args[1].startswith("Counting")
    assert canvas.redraw_pending()
    qtbot.waitUntil(lambda: canvas.classification(polys.id) is not None, timeout=5000)
    joined = gpd.sjoin(layer.frame, polys.frame, predicate="within")
    counts = (
        joined.groupby("index_right").size().reindex(range(len(polys)), fill_value=0)
    )
    rates = counts.to_numpy() / polys.frame["population"].to_numpy() * 1000
    assert np.allclose(canvas.choropleth_values(polys.id), rates)
    # later filter changes recount synchronously from the cached index
    w = TimeWindow(
        pd.Timestamp("2024-01-01", tz="Europe/London"),
        pd.Timestamp("2024-01-08", tz="Europe/London"),
    )
    project.filter.set_window(w)
    canvas._update_choropleths()
    sub = layer.frame[in_window(layer, w)]
    joined = gpd.sjoin(sub, polys.frame, predicate="within")
    counts = (
        joined.groupby("index_right").size().reindex(range(len(polys)), fill_value=0)
    )
    rates = counts.to_numpy() / polys.frame["population"].to_numpy() * 1000
    assert np.allclose(canvas.choropleth_values(polys.id), rates)


def test_north_arrow_follows_grid_convergence(canvas):
    from pyproj import Proj

    xmin, ymin, xmax, ymax = canvas.extent()
    cx, cy = 0.5 * (xmin + xmax), 0.5 * (ymin + ymax)
    lon, lat = Transformer.from_crs(27700, 4326, always_xy=True).transform(cx, cy)
    convergence = Proj("EPSG:27700").get_factors(lon, lat).meridian_convergence
    # east of the central meridian true north leans left of grid north
    assert canvas.north_angle() == pytest.approx(-convergence, abs=0.02)
    assert canvas.north_angle() < 0


def test_context_menu_actions(canvas, project):
    project.selection.set(crime(project).id, [1, 2])
    project.filter.set_area(shapely.box(X0, Y0, X0 + 1000, Y0 + 1000))
    menu = canvas.context_menu()
    acts = {a.text(): a for a in menu.actions() if a.text()}
    assert acts["Pan"].isChecked() and not acts["Identify"].isChecked()
    acts["Identify"].trigger()
    assert canvas.tool == "identify"
    acts["Clear area filter"].trigger()
    assert project.filter.state.area is None
    acts["Clear selection"].trigger()
    assert len(project.selection) == 0
    assert not canvas.context_menu().actions()[1].isEnabled()  # zoom to selection


def test_area_positions_match_filter_slice(canvas, project):
    from layers.filtering import FilterState

    layer = crime(project)
    area = shapely.Point(X0 + 2000, Y0 + 2000).buffer(1200)
    other = shapely.box(X0, Y0, X0 + 1500, Y0 + 3000)
    t0 = pd.Timestamp("2024-01-05", tz="Europe/London")
    for a in (area, other, area):
        for days in (3, 20, 60):
            for cats in (None, frozenset({"Drugs", "Robbery"})):
                state = FilterState(
                    window=TimeWindow(t0, t0 + pd.Timedelta(days=days)),
                    categories=cats,
                    area=a,
                )
                assert np.array_equal(
                    canvas.positions_for(layer, state),
                    project.filter.slice_for(layer, state),
                )
    project.filter.set_area(other)
    expected = project.filter.slice_for(layer)
    assert canvas.visible_point_count(layer.id) == len(expected)


def test_labels_of_different_layers_never_overlap_and_hot_spots_are_numbered(qtbot):
    """Assets and a patrol plan's stops labelled at the same places (as the
    reassurance stops are) share one label board; plan places show their number."""
    from itertools import combinations

    from workstation.qt.map import items as map_items

    xs = X0 + 300 * np.arange(4)
    names = ["Chapel End Library", "Chapel End Primary School", "Mill Road", "Oak"]
    assets = gpd.GeoDataFrame(
        {"name": names, "asset_type": ["x"] * 4},
        geometry=gpd.points_from_xy(xs, [Y0] * 4),
        crs=27700,
    )
    stops = gpd.GeoDataFrame(
        {"label": [f"{n} (reassurance)" for n in names]},
        geometry=gpd.points_from_xy(xs + 4, [Y0 + 3] * 4),
        crs=27700,
    )
    places = gpd.GeoDataFrame(
        {"place_id": [1, 2, 3]},
        geometry=[
            shapely.box(X0 + 100 + 400 * i, Y0 + 300, X0 + 300 + 400 * i, Y0 + 500)
            for i in range(3)
        ],
        crs=27700,
    )
    prov = {"result_type": "patrol_plan"}
    p = Project()
    pl = p.add_layer(
        Layer("Patrol plan: hot spots", LayerKind.RESULT, places, provenance=prov)
    )
    a = p.add_layer(Layer("Assets", LayerKind.ASSET, assets))
    st = p.add_layer(
        Layer(
            "Patrol plan: stops",
            LayerKind.RESULT,
            stops,
            provenance=prov,
            style={"label_column": "label", "mode": "single"},
        )
    )
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(600, 400)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_to_bounds((X0 - 200, Y0 - 300, X0 + 1300, Y0 + 700))
    c.render_image(600, 400)
    boxes = list(map_items.LABELS.boxes)
    assert c.item(pl.id).numbers_drawn == 3
    # stops (a result) are placed before assets; every layer still gets some
    assert c.item(a.id).labels_drawn >= 1 and c.item(st.id).labels_drawn >= 2
    assert len(boxes) == 3 + c.item(a.id).labels_drawn + c.item(st.id).labels_drawn
    assert not any(b1.intersects(b2) for b1, b2 in combinations(boxes, 2))


def test_first_view_is_the_working_area_not_a_national_asset_layer(qtbot):
    """Libraries of all England beside one force's crime: the map opens on the
    force (crime and boundaries), and Zoom full still shows everything."""
    far = gpd.GeoDataFrame(
        {"name": ["North", "South"], "asset_type": ["library", "library"]},
        geometry=[
            shapely.Point(X0 - 200_000, Y0 + 300_000),
            shapely.Point(X0 + 90_000, Y0 - 100_000),
        ],
        crs="EPSG:27700",
    )
    p = Project()
    p.add_layer(Layer("Libraries England", LayerKind.ASSET, far))
    p.add_layer(grid_boundaries())
    p.add_layer(crime_layer())
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(800, 600)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_working_area()
    x0, y0, x1, y1 = c.extent()
    cx0, cy0, cx1, cy1 = crime(p).bounds()
    assert x0 <= cx0 and y0 <= cy0 and x1 >= cx1 and y1 >= cy1
    # the force fills the view: no wider than a few times the crime's extent
    assert (x1 - x0) < 4 * max(cx1 - cx0, cy1 - cy0)
    c.zoom_full()
    x0, y0, x1, y1 = c.extent()
    assert x0 <= X0 - 200_000 and y1 >= Y0 + 300_000


def _dark_pixels(img: np.ndarray, box: tuple[int, int, int, int]) -> int:
    x0, y0, x1, y1 = box
    part = img[y0:y1, x0:x1].astype(int)
    return int(((part[..., 0] < 90) & (part[..., 1] < 90) & (part[..., 2] < 90)).sum())


def test_labels_sit_above_a_result_layer_drawn_later(qtbot):
    """An emerging-hot-spot cell drawn over a school does not hide its name: the
    canvas draws every label after every layer (as QGIS does)."""
    assets = gpd.GeoDataFrame(
        {"name": ["Chapel End Primary School"], "asset_type": ["school"]},
        geometry=gpd.points_from_xy([X0], [Y0]),
        crs=27700,
    )
    cell = gpd.GeoDataFrame(
        {"pattern": ["light"]},
        geometry=[shapely.box(X0 - 400, Y0 - 300, X0 + 900, Y0 + 300)],
        crs=27700,
    )
    p = Project()
    a = p.add_layer(Layer("Assets", LayerKind.ASSET, assets))
    r = p.add_layer(
        Layer(
            "Cells",
            LayerKind.RESULT,
            cell,
            style={"mode": "single", "colour": "#ffff00", "opacity": 1.0},
        )
    )
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(500, 400)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_to_bounds((X0 - 500, Y0 - 400, X0 + 1000, Y0 + 400))
    img = qimage_rgb(c.render_image(500, 400))
    assert c.item(a.id).labels_drawn == 1
    xmin, ymin, xmax, ymax = c.extent()
    s = min(500 / (xmax - xmin), 400 / (ymax - ymin))
    u = round(250 + (X0 - 0.5 * (xmin + xmax)) * s)
    v = round(200 - (Y0 - 0.5 * (ymin + ymax)) * s)
    # the label's text (dark, right of the symbol) shows on the opaque cell
    assert _dark_pixels(img, (u + 8, v - 12, u + 160, v + 8)) > 30
    assert c.item(r.id).isVisible()


def test_patrol_numbers_are_placed_before_asset_labels():
    """Where an asset's name and a hot spot's number want the same spot, the
    number wins, whichever layer painted first."""
    board = map_items.LabelBoard()
    img = QtGui.QImage(200, 100, QtGui.QImage.Format.Format_RGB32)
    painter = QtGui.QPainter(img)
    box = QtCore.QRectF(50, 40, 40, 20)
    placed: list[str] = []

    def want(name):
        def draw(_painter):
            if board.free(box):
                board.claim(box)
                placed.append(name)

        return draw

    board.reset()
    board.defer(map_items.LABEL_PRIORITY_OTHER, want("asset"))
    board.defer(map_items.LABEL_PRIORITY_NUMBERS, want("number"))
    board.flush(painter)
    painter.end()
    assert placed == ["number"]
    assert board.pending == []


def test_a_dot_that_stands_for_many_events_says_how_many(qtbot):
    """Sixteen crimes snapped to one anonymised map point draw one dot; the map
    writes 16 beside it (and nothing beside a dot of one event)."""
    t = pd.Timestamp("2022-12-01", tz="Europe/London")
    frame = gpd.GeoDataFrame(
        {"occurred_at": [t] * 17, "category": ["Anti-social behaviour"] * 17},
        geometry=gpd.points_from_xy([X0] * 16 + [X0 + 600], [Y0] * 16 + [Y0]),
        crs=27700,
    )
    p = Project()
    lyr = p.add_layer(Layer("ASB", LayerKind.CRIME, frame, time_column="occurred_at"))
    c = MapCanvas(p)
    qtbot.addWidget(c)
    c.resize(500, 400)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_to_bounds((X0 - 400, Y0 - 300, X0 + 1000, Y0 + 300))
    c.render_image(500, 400)
    assert c.item(lyr.id).stacks_labelled == 1
    board = list(map_items.LABELS.boxes)
    assert len(board) == 1
    font = QtGui.QFont()
    font.setPointSizeF(7.0)
    font.setBold(True)
    # the box is as wide as "16" is written, not "1"
    width = QtGui.QFontMetricsF(font).horizontalAdvance("16") + 2
    assert board[0].width() == pytest.approx(width)
