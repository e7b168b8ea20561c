"""The map canvas: every layer of the project drawn in the working CRS (metres).

One ``pyqtgraph`` ``ViewBox`` with a locked 1:1 aspect holds an item per layer
(:mod:`workstation.qt.map.items`), the selection highlight, the area-filter
overlay and an optional local basemap. The canvas listens to the project
(layers, order, styles, filter, selection, zoom requests) and writes user intent
back through the model (``project.selection``, ``project.filter.set_area``).

A filter change re-slices each temporal point layer synchronously (a time window
on a time-sorted layer is two ``searchsorted`` calls and a view of the arrays)
and asks for one repaint; Qt folds the ~30 changes a second the timeline sends
into at most one paint per frame. Choropleths of counts or rates, which need a
point-in-polygon pass, are recomputed on a short debounce after the filter rests.
"""

from __future__ import annotations

import math
import threading
from dataclasses import replace
from typing import Any

import numpy as np
import pyqtgraph as pg
import shapely
from pyproj import Transformer
from pyproj.exceptions import ProjError
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from layers.filtering import FilterState
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from layers.validation import DataError
from workstation import styling
from workstation.analysis.choropleth import (
    has_polygon_index,
    polygon_counts,
    polygon_of_points,
    polygon_rates_per_1000,
)
from workstation.qt.i18n import translate, vocab
from workstation.qt.map import items as map_items
from workstation.qt.map.basemap import Basemap, open_tile_source
from workstation.qt.map.overlays import (
    ColourNote,
    MapOverlay,
    paint_colour_notes,
    paint_north_arrow,
    paint_scale_bar,
    scale_denominator,
)
from workstation.qt.map.tools import (
    TOOL_CLASSES,
    TOOL_LABELS,
    TOOLS,
    MapTool,
    PanTool,
)

#: wait this long after the last filter change before recounting choropleths
CHOROPLETH_DEBOUNCE_MS = 200
#: wait this long after the last view change before fetching basemap tiles
VIEW_DEBOUNCE_MS = 60
#: point layers larger than this get their polygon index built off the UI thread
ASYNC_INDEX_ROWS = 100_000


class _MapViewBox(pg.ViewBox):
    """A ViewBox whose left button belongs to the canvas's current tool."""

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(
            lockAspect=1.0, enableMenu=False, invertY=False, defaultPadding=0.03
        )
        self._canvas = canvas

    def mouseClickEvent(self, ev) -> None:
        if self._canvas._tool.click(ev):
            return
        if ev.button() == QtCore.Qt.MouseButton.RightButton:
            ev.accept()
            at = self.mapSceneToView(ev.scenePos())
            menu = self._canvas.context_menu(at.x(), at.y())
            menu.popup(ev.screenPos().toPoint())
            return
        super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if self._canvas._tool.drag(ev):
            return
        super().mouseDragEvent(ev, axis)


class _View(pg.GraphicsView):
    """GraphicsView that records when a frame has been painted."""

    painted = Signal()

    def paintEvent(self, ev) -> None:
        map_items.LABELS.reset()  # labels of this frame start on a clean board
        super().paintEvent(ev)
        self.painted.emit()

    def drawForeground(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        """After every layer: the frame's labels, above them all."""
        super().drawForeground(painter, rect)
        map_items.LABELS.flush(painter)


class MapCanvas(QtWidgets.QWidget):
    """The project's layers on a pannable, zoomable map in working-CRS metres."""

    cursor_moved = Signal(float, float)
    scale_changed = Signal(float)
    message = Signal(str, str)
    features_identified = Signal(list)
    #: a layer's legend changed (choropleth classes recomputed); layer id
    legend_changed = Signal(str)
    #: a worker finished a polygon index; boundary layer id, error text ("" if none)
    index_ready = Signal(str, str)
    #: "Problem profile of this area" chosen on the map; area code, area name
    profile_requested = Signal(str, str)

    def __init__(self, project: Project, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self._items: dict[str, map_items.MapItem] = {}
        self._choropleth_errors: dict[str, str] = {}
        self._active_layer: str | None = None
        self._basemap: Basemap | None = None
        self._paint_pending = True
        self._zoomed_once = False
        self._north_cache: tuple[tuple, float] | None = None
        self._to_lonlat: tuple[str, Transformer] | None = None
        self._indexing: set[tuple[str, str]] = set()
        self._area_masks: dict[str, tuple[bytes, np.ndarray]] = {}

        self._view = _View(self, background="w")
        self._view.setAntialiasing(False)
        self._view.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.view_box = _MapViewBox(self)
        self.view_box.setBackgroundColor(QtGui.QColor(255, 255, 255))
        self._view.setCentralItem(self.view_box)
        # keys (+ - arrows) go to the canvas, which owns the focus
        self._view.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self._view.painted.connect(self._on_painted)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

        self._overlay = MapOverlay(self._view)
        self._clear_area = QtWidgets.QToolButton(self._view)
        self._clear_area.setText(translate("Canvas", "Area filter on  ✕ Clear"))
        self._clear_area.setToolTip(
            translate("Canvas", "Remove the area filter (show everything again)")
        )
        self._clear_area.setStyleSheet(
            "QToolButton { background: #fff8d6; border: 1px solid #c8a200;"
            " border-radius: 3px; padding: 3px 8px; color: #4a3b00; }"
            "QToolButton:hover { background: #ffeea0; }"
        )
        self._clear_area.clicked.connect(lambda: self.project.filter.set_area(None))
        self._clear_area.hide()

        self._selection_item = map_items.SelectionItem(self._items.get)
        self.view_box.addItem(self._selection_item, ignoreBounds=True)
        self._area_item = QtWidgets.QGraphicsPathItem()
        pen = QtGui.QPen(QtGui.QColor(70, 70, 70), 2.0, QtCore.Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._area_item.setPen(pen)
        self._area_item.setBrush(QtGui.QColor(90, 90, 90, 70))
        self._area_item.setZValue(9e5)
        self.view_box.addItem(self._area_item, ignoreBounds=True)
        self._outline_item = QtWidgets.QGraphicsPathItem()
        pen = QtGui.QPen(QtGui.QColor(0, 160, 220), 3.0)
        pen.setCosmetic(True)
        self._outline_item.setPen(pen)
        self._outline_item.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        self._outline_item.setZValue(9.5e5)
        self._outline_item.hide()
        self.view_box.addItem(self._outline_item, ignoreBounds=True)

        self._tool: MapTool = PanTool(self)
        self._tool_name = "pan"

        self._choropleth_timer = QtCore.QTimer(self)
        self._choropleth_timer.setSingleShot(True)
        self._choropleth_timer.setInterval(CHOROPLETH_DEBOUNCE_MS)
        self._choropleth_timer.timeout.connect(self._update_choropleths)
        self._view_timer = QtCore.QTimer(self)
        self._view_timer.setSingleShot(True)
        self._view_timer.setInterval(VIEW_DEBOUNCE_MS)
        self._view_timer.timeout.connect(self._after_view_change)
        self._notes_timer = QtCore.QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(0)
        self._notes_timer.timeout.connect(self._refresh_overlay)

        self.index_ready.connect(self._on_index_ready)
        self.view_box.sigRangeChanged.connect(self._on_range_changed)
        self._view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)

        self._connections = [
            (project.layer_added, self._on_layer_added),
            (project.layer_removed, self._on_layer_removed),
            (project.layer_changed, self._on_layer_changed),
            (project.rows_appended, self._on_rows_appended),
            (project.order_changed, self._apply_order),
            (project.zoom_requested, self.zoom_to_bounds),
            (project.filter.changed, self._on_filter_changed),
            (project.selection.changed, self._on_selection_changed),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self.destroyed.connect(_disconnector(self._connections))

        for layer in project.layers:
            self._add_item(layer)
        self._apply_order()
        self._on_filter_changed(project.filter.state)
        self._on_selection_changed()
        if project.metadata.extent:
            self.zoom_to_bounds(project.metadata.extent)
            self._zoomed_once = True
        elif self._items:
            self.zoom_working_area()

    # -- public interface --------------------------------------------------------------
    def set_tool(self, name: str) -> None:
        """Switch the left-button tool: pan, identify, select_rect, select_lasso, filter_area."""
        if name not in TOOL_CLASSES:
            raise ValueError(
                translate(
                    "Canvas", "unknown map tool {name!r}; choose one of {TOOLS}"
                ).format(name=name, TOOLS=TOOLS)
            )
        self._tool.cancel()
        self._tool = TOOL_CLASSES[name](self)
        self._tool_name = name
        self.view_box.setMouseMode(pg.ViewBox.PanMode)
        self._view.viewport().setCursor(self._tool.cursor)

    @property
    def tool(self) -> str:
        return self._tool_name

    def set_active_layer(self, layer_id: str | None) -> None:
        """Restrict box and lasso selection to one layer (None: all point layers)."""
        self._active_layer = layer_id

    def area_at(self, x: float, y: float) -> tuple[str, str] | None:
        """(code, name) of the top visible boundary area holding the map point, if any."""
        for layer in reversed(self.project.layers):
            item = self._items.get(layer.id)
            if (
                layer.kind is not LayerKind.BOUNDARY
                or item is None
                or not item.isVisible()
                or "area_code" not in layer.frame
            ):
                continue
            rows = item.identify(x, y, 0.0)
            if len(rows):
                row = layer.frame.iloc[int(rows[0])]
                code = str(row["area_code"])
                return code, str(row.get("area_name", "") or code)
        return None

    def context_menu(
        self, x: float | None = None, y: float | None = None
    ) -> QtWidgets.QMenu:
        """The map's right-click menu: a problem profile of the area under the
        point (``x``, ``y`` in map units), zooms, clearing selection and area, tools.
        """
        menu = QtWidgets.QMenu(self)
        area = self.area_at(x, y) if x is not None and y is not None else None
        if area is not None:
            code, name = area
            menu.addAction(
                translate("Canvas", "Problem profile of {0} ({1})...").format(
                    name, code
                ),
                lambda: self.profile_requested.emit(code, name),
            )
            menu.addSeparator()
        menu.addAction(translate("Canvas", "Zoom to all layers"), self.zoom_full)
        sel = menu.addAction(
            translate("Canvas", "Zoom to selection"), self.zoom_to_selection
        )
        sel.setEnabled(bool(self.project.selection))
        clear = menu.addAction(
            translate("Canvas", "Clear selection"), self.project.selection.clear
        )
        clear.setEnabled(bool(self.project.selection))
        area = menu.addAction(
            translate("Canvas", "Clear area filter"),
            lambda: self.project.filter.set_area(None),
        )
        area.setEnabled(self.project.filter.state.area is not None)
        menu.addSeparator()
        for name, (label, tip) in TOOL_LABELS.items():
            act = menu.addAction(label, lambda n=name: self.set_tool(n))
            act.setCheckable(True)
            act.setChecked(name == self._tool_name)
            act.setToolTip(tip)
        return menu

    def zoom_to_layer(self, layer_id: str) -> None:
        if layer_id not in self.project:
            return
        b = self.project.layer(layer_id).bounds()
        if b is None:
            self.message.emit(
                "info", translate("Canvas", "The layer has no features to zoom to.")
            )
            return
        self.zoom_to_bounds(b)

    def zoom_to_selection(self) -> None:
        b = self._selection_item.bounds()
        if b is None:
            self.message.emit("info", translate("Canvas", "Nothing is selected."))
            return
        self.zoom_to_bounds(b)

    def zoom_to_bounds(self, b: Any) -> None:
        xmin, ymin, xmax, ymax = (float(v) for v in b)
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            return
        # a single point (or a line) still gets a readable neighbourhood
        if xmax - xmin < 200:
            c = 0.5 * (xmin + xmax)
            xmin, xmax = c - 100, c + 100
        if ymax - ymin < 200:
            c = 0.5 * (ymin + ymax)
            ymin, ymax = c - 100, c + 100
        self.view_box.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0.06)
        self._zoomed_once = True

    def zoom_full(self) -> None:
        """Zoom to every visible layer."""
        self._zoom_to_layers(self.project.layers)

    def zoom_working_area(self) -> None:
        """Zoom to the force's working area: the visible crime, calls and boundary
        layers (all visible layers when there are none). A national asset layer,
        such as every library in England, does not shrink the force to a dot.
        """
        kinds = (LayerKind.CRIME, LayerKind.DEMAND, LayerKind.BOUNDARY)
        area = [lyr for lyr in self.project.layers if lyr.kind in kinds]
        if not self._zoom_to_layers(area):
            self.zoom_full()

    def _zoom_to_layers(self, layers) -> bool:
        bounds = [lyr.bounds() for lyr in layers if lyr.visible and len(lyr)]
        bounds = [b for b in bounds if b is not None]
        if not bounds:
            return False
        arr = np.array(bounds, dtype=float)
        self.zoom_to_bounds(
            (arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max())
        )
        return True

    def extent(self) -> tuple[float, float, float, float]:
        r = self.view_box.viewRect().normalized()
        return (r.left(), r.top(), r.right(), r.bottom())

    def metres_per_pixel(self) -> float:
        """Ground metres per screen pixel at the current view."""
        w = self.view_box.width()
        return self.view_box.viewRect().width() / w if w > 0 else 0.0

    def scale_denominator(self) -> float:
        return scale_denominator(self.metres_per_pixel())

    def render_image(self, width: int, height: int) -> QtGui.QImage:
        """The map as styled (basemap, layers, selection, area, furniture) as an image.

        The image shows at least the current extent, centred, at the image's own
        resolution (points keep their pixel size; the density raster is rebinned).
        """
        width, height = int(width), int(height)
        img = QtGui.QImage(
            width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied
        )
        img.fill(QtGui.QColor(255, 255, 255))
        xmin, ymin, xmax, ymax = self.extent()
        ew, eh = max(xmax - xmin, 1e-9), max(ymax - ymin, 1e-9)
        s = min(width / ew, height / eh)
        cx, cy = 0.5 * (xmin + xmax), 0.5 * (ymin + ymax)
        to_img = QtGui.QTransform(s, 0, 0, -s, width / 2 - cx * s, height / 2 + cy * s)
        painter = QtGui.QPainter(img)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        map_items.LABELS.reset()
        opt = QtWidgets.QStyleOptionGraphicsItem()
        drawn: list[tuple[float, QtWidgets.QGraphicsItem, QtGui.QTransform]] = []
        if self._basemap is not None:
            for tile in self._basemap.items.values():
                drawn.append((tile.zValue(), tile, tile.transform()))
        for item in self._items.values():
            if not item.isVisible():
                continue
            drawn.append((item.zValue(), item, QtGui.QTransform()))
            for child in item.childItems():
                if child.isVisible():
                    local = child.transform() * QtGui.QTransform.fromTranslate(
                        child.pos().x(), child.pos().y()
                    )
                    drawn.append((item.zValue(), child, local))
        drawn.append((self._area_item.zValue(), self._area_item, QtGui.QTransform()))
        drawn.append(
            (self._selection_item.zValue(), self._selection_item, QtGui.QTransform())
        )
        for _z, item, local in sorted(drawn, key=lambda t: t[0]):
            painter.save()
            painter.setTransform(local * to_img)
            item.paint(painter, opt, None)
            painter.restore()
        map_items.LABELS.flush(painter)
        painter.resetTransform()
        rect = QtCore.QRectF(0, 0, width, height)
        ui = max(1.0, min(width, height) / 700.0)
        paint_scale_bar(painter, rect, 1.0 / s, scale=ui)
        paint_north_arrow(painter, rect, self.north_angle(), scale=ui)
        paint_colour_notes(painter, rect, self._colour_notes(), scale=ui)
        painter.end()
        self._view.viewport().update()
        return img

    def set_basemap(self, path: str | None) -> None:
        """Show tiles from a local XYZ folder or MBTiles file under the layers (None: off)."""
        if self._basemap is not None:
            self._basemap.close()
            self._basemap = None
        if path is None:
            return
        try:
            source = open_tile_source(path)
        except DataError as exc:
            self.message.emit("error", str(exc))
            return
        self._basemap = Basemap(source, self.view_box, self.project.metadata.crs)
        self._update_basemap()
        self.message.emit(
            "info",
            translate(
                "Canvas",
                "Basemap: {name} (local tiles, zoom {lo}-{hi}); "
                "nothing is fetched from the network.",
            ).format(name=source.name, lo=source.min_zoom, hi=source.max_zoom),
        )

    @property
    def basemap(self) -> Basemap | None:
        return self._basemap

    def visible_point_count(self, layer_id: str) -> int:
        """Features of the layer inside the filter and the current view."""
        item = self._items.get(layer_id)
        return item.visible_count() if item is not None else 0

    def display_mode(self, layer_id: str) -> str:
        """``"points"`` or ``"density"`` for a point layer, else the item kind."""
        item = self._items.get(layer_id)
        if isinstance(item, map_items.PointsItem):
            return item.display_mode
        return type(item).__name__ if item is not None else "none"

    def redraw_pending(self) -> bool:
        # a hidden canvas paints nothing, so it has nothing pending to paint
        return (
            (self._paint_pending and self.isVisible())
            or self._choropleth_timer.isActive()
            or bool(self._indexing)
            or self._view_timer.isActive()
        )

    def item(self, layer_id: str) -> map_items.MapItem | None:
        """The graphics item drawing a layer (tests, exporters)."""
        return self._items.get(layer_id)

    @property
    def selection_item(self) -> map_items.SelectionItem:
        return self._selection_item

    @property
    def overlay(self) -> MapOverlay:
        return self._overlay

    @property
    def graphics_view(self) -> pg.GraphicsView:
        return self._view

    def choropleth_error(self, layer_id: str) -> str | None:
        """Why a choropleth could not be drawn (None when it was)."""
        return self._choropleth_errors.get(layer_id)

    # -- model -> items ----------------------------------------------------------------
    def _add_item(self, layer: Layer) -> None:
        try:
            item = map_items.create_item(layer, self.view_box.viewRect)
        except (ValueError, TypeError) as exc:
            self.message.emit(
                "error",
                translate("Canvas", "cannot draw layer {name!r}: {exc}").format(
                    name=layer.name, exc=exc
                ),
            )
            return
        item.setVisible(layer.visible)
        if isinstance(item, map_items.PointsItem):
            item.on_density_changed = self._notes_timer.start
            if layer.is_temporal:
                item.apply_filter(
                    self.project.filter.state,
                    self.positions_for(layer, self.project.filter.state),
                )
        self._items[layer.id] = item
        self.view_box.addItem(item, ignoreBounds=True)
        if isinstance(item, map_items.PolygonItem):
            self._recompute_choropleth(layer.id)

    def _remove_item(self, layer_id: str) -> None:
        self._area_masks.pop(layer_id, None)
        item = self._items.pop(layer_id, None)
        if item is not None:
            self.view_box.removeItem(item)
        self._choropleth_errors.pop(layer_id, None)

    def _on_layer_added(self, layer: Layer) -> None:
        self._add_item(layer)
        self._apply_order()
        if not self._zoomed_once:
            self.zoom_working_area()
        self._request_paint()

    def _on_layer_removed(self, layer_id: str) -> None:
        self._remove_item(layer_id)
        if self._active_layer == layer_id:
            self._active_layer = None
        # choropleths counting the removed layer cannot be drawn any more
        for lid in self._choropleth_layers():
            self._recompute_choropleth(lid)
        self._on_selection_changed()
        self._request_paint()

    def _on_layer_changed(self, layer_id: str) -> None:
        if layer_id not in self.project:
            return
        layer = self.project.layer(layer_id)
        item = self._items.get(layer_id)
        if item is None or map_items.item_class_for(layer) is not type(item):
            self._remove_item(layer_id)
            self._add_item(layer)
            self._apply_order()
            item = self._items.get(layer_id)
            if item is None:
                return
        item.setVisible(layer.visible)
        item.refresh_style()
        if isinstance(item, map_items.PolygonItem):
            self._recompute_choropleth(layer_id)
        self._notes_timer.start()
        self._request_paint()

    def _on_rows_appended(self, layer_id: str, start: int, stop: int) -> None:
        """A layer grew: add its new points to the item (rebuild it only if it must)."""
        if layer_id not in self.project:
            return
        layer = self.project.layer(layer_id)
        item = self._items.get(layer_id)
        if not (
            isinstance(item, map_items.PointsItem) and item.append_rows(start, stop)
        ):
            self._remove_item(layer_id)
            self._add_item(layer)
            self._apply_order()
        item = self._items.get(layer_id)
        if isinstance(item, map_items.PointsItem):
            state = self.project.filter.state
            item.apply_filter(state, self.positions_for(layer, state))
        self._recount_and_paint()

    def _recount_and_paint(self) -> None:
        """After the filter or a layer changed: recount choropleths that count
        events, refresh the colour notes, and repaint.
        """
        if any(
            self._choropleth_source(lid) in ("count", "rate")
            for lid in self._choropleth_layers()
        ):
            self._choropleth_timer.start()
        self._notes_timer.start()
        self._request_paint()

    def _apply_order(self) -> None:
        for z, layer in enumerate(self.project.layers):
            item = self._items.get(layer.id)
            if item is not None:
                item.setZValue(float(z))
        self._request_paint()

    def _on_filter_changed(self, state: FilterState) -> None:
        for layer_id, item in self._items.items():
            if isinstance(item, map_items.PointsItem) and item.layer.is_temporal:
                layer = self.project.layer(layer_id)
                item.apply_filter(state, self.positions_for(layer, state))
        self._show_area(state.area)
        self._recount_and_paint()

    def positions_for(self, layer: Layer, state: FilterState) -> np.ndarray:
        """Rows of ``layer`` inside ``state``: the same rows as ``filter.slice_for``.

        With an area filter, which rows fall inside the area is worked out once per
        layer and area and kept, so brushing the time window inside an area costs
        a mask lookup instead of a point-in-polygon test per change.
        """
        if state.area is None or not layer.is_temporal:
            return self.project.filter.slice_for(layer, state)
        base = self.project.filter.slice_for(layer, replace(state, area=None))
        key = state.area.wkb
        hit = self._area_masks.get(layer.id)
        if hit is not None and hit[0] == key and len(hit[1]) < len(layer):
            # the layer grew: test only the new rows
            xy = layer.xy[len(hit[1]) :]
            shapely.prepare(state.area)
            more = shapely.contains_xy(state.area, xy[:, 0], xy[:, 1])
            hit = (key, np.concatenate([hit[1], more]))
            self._area_masks[layer.id] = hit
        if hit is None or hit[0] != key or len(hit[1]) != len(layer):
            xy = layer.xy
            shapely.prepare(state.area)
            mask = shapely.contains_xy(state.area, xy[:, 0], xy[:, 1])
            hit = (key, mask)
            self._area_masks[layer.id] = hit
        return base[hit[1][base]]

    def _on_selection_changed(self) -> None:
        self._selection_item.set_selection(self.project.selection.items())
        self._request_paint()

    def show_outline(self, geometry: Any) -> None:
        """Outline ``geometry`` (shapely polygon, working CRS) on top; None clears it."""
        if geometry is None or geometry.is_empty:
            self._outline_item.setPath(QtGui.QPainterPath())
            self._outline_item.hide()
        else:
            coords, ring_ids, _ = map_items._polygon_rings(
                np.array([geometry], dtype=object)
            )
            self._outline_item.setPath(map_items._path(coords, ring_ids))
            self._outline_item.show()
        self._request_paint()

    @property
    def outline_item(self) -> QtWidgets.QGraphicsPathItem:
        """The outline of the item last shown from a result (scan item, hot spot)."""
        return self._outline_item

    def _show_area(self, area: Any) -> None:
        if area is None:
            self._area_item.setPath(QtGui.QPainterPath())
            self._area_item.hide()
            self._clear_area.hide()
            return
        minx, miny, maxx, maxy = area.bounds
        span = max(maxx - minx, maxy - miny, 1.0) * 50 + 1e5
        outer = shapely.box(minx - span, miny - span, maxx + span, maxy + span)
        coords, ring_ids, _ = map_items._polygon_rings(
            np.array([outer, area], dtype=object)
        )
        self._area_item.setPath(map_items._path(coords, ring_ids))
        self._area_item.show()
        self._clear_area.adjustSize()
        self._clear_area.move(10, 10)
        self._clear_area.show()
        self._clear_area.raise_()

    # -- choropleths ---------------------------------------------------------------------
    def _choropleth_layers(self) -> list[str]:
        return [
            lid
            for lid, item in self._items.items()
            if isinstance(item, map_items.PolygonItem)
            and styling.effective_style(item.layer).get("mode") == "choropleth"
        ]

    def _choropleth_source(self, layer_id: str) -> str | None:
        item = self._items.get(layer_id)
        if item is None:
            return None
        spec = styling.effective_style(item.layer).get("choropleth") or {}
        return spec.get("source", "attribute")

    def _update_choropleths(self) -> None:
        for lid in self._choropleth_layers():
            if self._choropleth_source(lid) in ("count", "rate"):
                self._recompute_choropleth(lid)

    def choropleth_values(self, layer_id: str) -> np.ndarray | None:
        """The values behind a layer's choropleth (counts, rates or the attribute)."""
        item = self._items.get(layer_id)
        if isinstance(item, map_items.PolygonItem):
            return item.values
        return None

    def classification(self, layer_id: str) -> styling.Classification | None:
        """The class breaks of a layer's choropleth, for its legend."""
        item = self._items.get(layer_id)
        if isinstance(item, map_items.PolygonItem):
            return item.classification
        return None

    def _recompute_choropleth(self, layer_id: str) -> None:
        item = self._items.get(layer_id)
        if not isinstance(item, map_items.PolygonItem):
            return
        layer = item.layer
        style = styling.effective_style(layer)
        if style.get("mode") != "choropleth":
            if item.classification is not None:
                item.set_choropleth(None, None)
                self.legend_changed.emit(layer_id)
            self._choropleth_errors.pop(layer_id, None)
            return
        spec = style.get("choropleth") or {}
        counted_id = spec.get("layer_id")
        if spec.get("source") in ("count", "rate") and counted_id in self.project:
            counted = self.project.layer(counted_id)
            if len(counted) > ASYNC_INDEX_ROWS and not has_polygon_index(
                layer, counted
            ):
                # the first point-in-polygon pass over a big layer runs in a worker;
                # the choropleth appears when it is done, and recounts are instant
                self.build_polygon_index(layer, counted)
                return
        try:
            values = choropleth_values_for(self.project, layer, style)
        except ValueError as exc:
            msg = f"{layer.name}: {exc}"
            if self._choropleth_errors.get(layer_id) != msg:
                self.message.emit("warning", msg)
            self._choropleth_errors[layer_id] = msg
            item.set_choropleth(None, None)
            self.legend_changed.emit(layer_id)
            return
        self._choropleth_errors.pop(layer_id, None)
        cls = styling.classify_values(
            values,
            spec.get("scheme", "quantiles"),
            int(spec.get("k", 5)),
            spec.get("ramp", "YlOrRd"),
        )
        item.set_choropleth(values, cls)
        self.legend_changed.emit(layer_id)
        self._request_paint()

    def build_polygon_index(self, boundary: Layer, counted: Layer) -> None:
        """Find the polygon of every point of ``counted`` in a worker thread."""
        key = (boundary.id, counted.id)
        if key in self._indexing:
            return
        self._indexing.add(key)
        signal = self.index_ready

        def work() -> None:
            error = ""
            try:
                polygon_of_points(boundary, counted)
            except Exception as exc:  # reported on the UI thread, never lost
                error = f"{type(exc).__name__}: {exc}"
            try:
                signal.emit(boundary.id, error)
            except RuntimeError:
                pass  # the canvas was closed meanwhile

        self.message.emit(
            "info",
            translate(
                "Canvas", "Counting {counted} in each area of {boundary}…"
            ).format(counted=counted.name, boundary=boundary.name),
        )
        threading.Thread(target=work, name="polygon-index", daemon=True).start()

    def _on_index_ready(self, layer_id: str, error: str) -> None:
        self._indexing = {k for k in self._indexing if k[0] != layer_id}
        if error:
            self.message.emit(
                "error",
                translate("Canvas", "Could not count points per area: {error}").format(
                    error=error
                ),
            )
            return
        self._recompute_choropleth(layer_id)
        if layer_id in self.project:
            self.message.emit(
                "info",
                translate("Canvas", "Choropleth of {name} drawn.").format(
                    name=self.project.layer(layer_id).name
                ),
            )

    # -- tools -> model ------------------------------------------------------------------
    def pick_tolerance_m(self) -> float:
        return map_items.PICK_PX * max(self.metres_per_pixel(), 1e-6)

    def identify_at(
        self, x: float, y: float, add: bool = False
    ) -> list[tuple[str, int]]:
        """Features under a map point: points within a few pixels, polygons containing it.

        Selects them (``add`` keeps the current selection) and emits
        ``features_identified``.
        """
        tol = self.pick_tolerance_m()
        found: list[tuple[str, int]] = []
        by_layer: dict[str, np.ndarray] = {}
        for layer in reversed(self.project.layers):
            item = self._items.get(layer.id)
            if item is None or not item.isVisible():
                continue
            rows = item.identify(x, y, tol)[:50]
            if len(rows):
                by_layer[layer.id] = rows
                found.extend((layer.id, int(r)) for r in rows)
        self._write_selection(by_layer, add)
        self.features_identified.emit(found)
        return found

    def select_within(self, geom: Any, add: bool = False) -> dict[str, np.ndarray]:
        """Select the visible features inside ``geom`` (active layer, else point layers)."""
        candidates = [
            lid
            for lid in ([self._active_layer] if self._active_layer else self._items)
            if lid in self._items and self._items[lid].isVisible()
        ]
        if self._active_layer is None:
            points = [
                lid
                for lid in candidates
                if isinstance(self._items[lid], map_items.PointsItem)
            ]
            candidates = points or candidates
        by_layer = {}
        for lid in candidates:
            rows = self._items[lid].rows_within(geom)
            if len(rows):
                by_layer[lid] = rows
        self._write_selection(by_layer, add)
        n = sum(len(v) for v in by_layer.values())
        self.message.emit(
            "info", translate("Canvas", "{n:,} feature(s) selected.").format(n=n)
        )
        return by_layer

    def _write_selection(self, by_layer: dict[str, np.ndarray], add: bool) -> None:
        sel = self.project.selection
        if not by_layer:
            if not add:
                sel.clear()
            return
        first = not add
        for lid, rows in by_layer.items():
            if add:
                rows = np.union1d(sel.rows_for(lid), rows)
            sel.set(lid, rows, replace_all=first)
            first = False

    # -- view ---------------------------------------------------------------------------
    def _request_paint(self) -> None:
        self._paint_pending = True
        self._view.viewport().update()

    def _on_painted(self) -> None:
        self._paint_pending = False

    def _on_range_changed(self, *_args) -> None:
        self._paint_pending = True
        self._view_timer.start()
        self._refresh_overlay()
        mpp = self.metres_per_pixel()
        if mpp > 0:
            self.scale_changed.emit(scale_denominator(mpp))
        if self._zoomed_once and self.project.layers:
            # kept on the model (no signal, not "dirty") so a saved project reopens here
            self.project.metadata.extent = self.extent()

    def _after_view_change(self) -> None:
        self._update_basemap()
        self._refresh_overlay()

    def _update_basemap(self) -> None:
        if self._basemap is not None:
            self._basemap.update(self.view_box.viewRect(), self.view_box.width())

    def _colour_notes(self) -> list[ColourNote]:
        notes: list[ColourNote] = []
        for layer in reversed(self.project.layers):
            item = self._items.get(layer.id)
            if item is None or not item.isVisible():
                continue
            if (
                isinstance(item, map_items.PointsItem)
                and item.display_mode == "density"
            ):
                cell_m, cmax = item.density_scale
                notes.append(
                    ColourNote(
                        translate(
                            "Canvas",
                            "{name}: points per {cell_m:,.0f} m square "
                            "(log scale; zoom in for points)",
                        ).format(name=layer.name, cell_m=cell_m),
                        map_items.density_lut(),
                        "1",
                        f"{max(cmax, 1):,}",
                    )
                )
            elif isinstance(item, map_items.RasterItem):
                vmin, vmax = item.value_range()
                units = vocab((layer.provenance or {}).get("units") or "events per km²")
                notes.append(
                    ColourNote(
                        f"{layer.name} ({units})",
                        map_items._ramp_lut(item.ramp_name),
                        styling._fmt(vmin),
                        styling._fmt(vmax),
                    )
                )
        return notes

    def north_angle(self) -> float:
        """Direction of true north, degrees clockwise from up, at the view centre."""
        c = self.view_box.viewRect().center()
        crs = self.project.metadata.crs
        key = (crs, round(c.x(), -3), round(c.y(), -3))
        if self._north_cache is not None and self._north_cache[0] == key:
            return self._north_cache[1]
        angle = 0.0
        try:
            if self._to_lonlat is None or self._to_lonlat[0] != crs:
                self._to_lonlat = (
                    crs,
                    Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
                )
            tr = self._to_lonlat[1]
            lon, lat = tr.transform(c.x(), c.y())
            x2, y2 = tr.transform(lon, lat + 0.01, direction="INVERSE")
            if all(math.isfinite(v) for v in (lon, lat, x2, y2)):
                angle = math.degrees(math.atan2(x2 - c.x(), y2 - c.y()))
        except (ProjError, ValueError):
            angle = 0.0
        self._north_cache = (key, angle)
        return angle

    def _refresh_overlay(self) -> None:
        self._overlay.setGeometry(self._view.viewport().geometry())
        self._overlay.set_state(
            self.metres_per_pixel(), self.north_angle(), self._colour_notes()
        )

    def _on_mouse_moved(self, pos) -> None:
        p = self.view_box.mapSceneToView(pos)
        self.cursor_moved.emit(float(p.x()), float(p.y()))

    # -- Qt events ------------------------------------------------------------------------
    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._refresh_overlay()

    def keyPressEvent(self, ev: QtGui.QKeyEvent) -> None:
        key = ev.key()
        r = self.view_box.viewRect()
        step_x, step_y = 0.2 * r.width(), 0.2 * r.height()
        k = QtCore.Qt.Key
        if key in (k.Key_Plus, k.Key_Equal):
            self.view_box.scaleBy((0.8, 0.8))
        elif key in (k.Key_Minus, k.Key_Underscore):
            self.view_box.scaleBy((1.25, 1.25))
        elif key == k.Key_Left:
            self.view_box.translateBy(x=-step_x)
        elif key == k.Key_Right:
            self.view_box.translateBy(x=step_x)
        elif key == k.Key_Up:
            self.view_box.translateBy(y=step_y)
        elif key == k.Key_Down:
            self.view_box.translateBy(y=-step_y)
        elif key == k.Key_Escape:
            self._tool.cancel()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()


def choropleth_values_for(
    project: Project, layer: Layer, style: dict[str, Any]
) -> np.ndarray:
    """The numbers a polygon layer's choropleth classes: attribute, count or rate.

    Counts and rates use the rows of the counted layer inside the current filter.
    Raises ``ValueError`` with a reason the analyst can act on.
    """
    spec = style.get("choropleth") or {}
    source = spec.get("source", "attribute")
    if source == "attribute":
        column = spec.get("column")
        if not column or column not in layer.frame:
            raise ValueError(
                translate("Canvas", "no column {column!r} to map").format(column=column)
            )
        values = layer.frame[column]
        try:
            return values.to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                translate("Canvas", "column {column!r} is not numeric").format(
                    column=column
                )
            ) from exc
    counted_id = spec.get("layer_id")
    if not counted_id or counted_id not in project:
        raise ValueError(
            translate("Canvas", "the layer it counts is no longer in the project")
        )
    counted = project.layer(counted_id)
    positions = project.filter.slice_for(counted)
    weights = spec.get("weights")
    if source == "count":
        return polygon_counts(layer, counted, positions, weights)
    if source == "rate":
        return polygon_rates_per_1000(layer, counted, positions, weights)
    raise ValueError(
        translate("Canvas", "unknown choropleth source {source!r}").format(
            source=source
        )
    )


def _disconnector(connections):
    def disconnect(*_args) -> None:
        for signal, slot in connections:
            try:
                signal.disconnect(slot)
            except (ValueError, RuntimeError):
                pass

    return disconnect
