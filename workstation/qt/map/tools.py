"""Map tools: pan, identify, rectangle and lasso selection, filter to an area.

A tool receives the ``ViewBox``'s click and drag events (left button); the
middle button always pans and the wheel always zooms. Tools never change the
model themselves: they call back into the canvas, which writes
``project.selection`` or ``project.filter``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from workstation.qt.map.canvas import MapCanvas

TOOLS = ("pan", "identify", "select_rect", "select_lasso", "filter_area")

#: tool name -> (label, tooltip) for toolbars
TOOL_LABELS: dict[str, tuple[str, str]] = {
    "pan": (
        QT_TRANSLATE_NOOP("Canvas", "Pan"),
        QT_TRANSLATE_NOOP(
            "Canvas", "Drag to pan, wheel to zoom (keys: arrows, + and -)"
        ),
    ),
    "identify": (
        QT_TRANSLATE_NOOP("Canvas", "Identify"),
        QT_TRANSLATE_NOOP("Canvas", "Click a feature to see its attributes"),
    ),
    "select_rect": (
        QT_TRANSLATE_NOOP("Canvas", "Select (box)"),
        QT_TRANSLATE_NOOP("Canvas", "Drag a box to select; Shift adds"),
    ),
    "select_lasso": (
        QT_TRANSLATE_NOOP("Canvas", "Select (lasso)"),
        QT_TRANSLATE_NOOP("Canvas", "Draw round features to select; Shift adds"),
    ),
    "filter_area": (
        QT_TRANSLATE_NOOP("Canvas", "Filter to area"),
        QT_TRANSLATE_NOOP(
            "Canvas", "Draw round an area: every view shows only what falls inside it"
        ),
    ),
}

_RUBBER_PEN = QtGui.QPen(QtGui.QColor(0, 120, 215), 1.5, QtCore.Qt.PenStyle.DashLine)
_RUBBER_PEN.setCosmetic(True)
_RUBBER_BRUSH = QtGui.QBrush(QtGui.QColor(0, 120, 215, 40))


def _is_left(ev) -> bool:
    return ev.button() == QtCore.Qt.MouseButton.LeftButton


class MapTool:
    """Base tool: left clicks and drags in map coordinates."""

    name = "pan"
    cursor = QtCore.Qt.CursorShape.OpenHandCursor

    def __init__(self, canvas: MapCanvas) -> None:
        self.canvas = canvas

    @property
    def view_box(self):
        return self.canvas.view_box

    def map_pos(self, ev) -> QtCore.QPointF:
        return self.view_box.mapSceneToView(ev.scenePos())

    def click(self, ev) -> bool:
        """Handle a click; True when consumed."""
        return False

    def drag(self, ev) -> bool:
        """Handle a drag event; True when consumed."""
        return False

    def cancel(self) -> None:
        """Drop any rubber band in progress."""


class PanTool(MapTool):
    """The ViewBox's own left-drag pan."""


class IdentifyTool(MapTool):
    name = "identify"
    cursor = QtCore.Qt.CursorShape.WhatsThisCursor

    def click(self, ev) -> bool:
        if not _is_left(ev):
            return False
        ev.accept()
        p = self.map_pos(ev)
        self.canvas.identify_at(
            p.x(),
            p.y(),
            add=bool(ev.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier),
        )
        return True


class RectSelectTool(MapTool):
    name = "select_rect"
    cursor = QtCore.Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._band: QtWidgets.QGraphicsRectItem | None = None
        self._start: QtCore.QPointF | None = None

    def click(self, ev) -> bool:
        if not _is_left(ev):
            return False
        ev.accept()
        if not ev.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier:
            self.canvas.project.selection.clear()
        return True

    def drag(self, ev) -> bool:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            return False
        ev.accept()
        p = self.map_pos(ev)
        if ev.isStart():
            self._start = self.view_box.mapSceneToView(ev.buttonDownScenePos())
            self._band = QtWidgets.QGraphicsRectItem()
            self._band.setPen(_RUBBER_PEN)
            self._band.setBrush(_RUBBER_BRUSH)
            self._band.setZValue(2e6)
            self.view_box.addItem(self._band, ignoreBounds=True)
        if self._start is None or self._band is None:
            return True
        rect = QtCore.QRectF(self._start, p).normalized()
        self._band.setRect(rect)
        if ev.isFinish():
            self.cancel()
            geom = shapely.box(rect.left(), rect.top(), rect.right(), rect.bottom())
            self.canvas.select_within(
                geom,
                add=bool(ev.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier),
            )
        return True

    def cancel(self) -> None:
        if self._band is not None:
            self.view_box.removeItem(self._band)
        self._band = None
        self._start = None


class LassoTool(MapTool):
    """Free-hand polygon; subclasses decide what the finished polygon does."""

    name = "select_lasso"
    cursor = QtCore.Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._item: QtWidgets.QGraphicsPathItem | None = None
        self._points: list[tuple[float, float]] = []

    def drag(self, ev) -> bool:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            return False
        ev.accept()
        p = self.map_pos(ev)
        if ev.isStart():
            s = self.view_box.mapSceneToView(ev.buttonDownScenePos())
            self._points = [(s.x(), s.y())]
            self._item = QtWidgets.QGraphicsPathItem()
            self._item.setPen(_RUBBER_PEN)
            self._item.setBrush(_RUBBER_BRUSH)
            self._item.setZValue(2e6)
            self.view_box.addItem(self._item, ignoreBounds=True)
        if self._item is None:
            return True
        self._points.append((p.x(), p.y()))
        path = QtGui.QPainterPath(QtCore.QPointF(*self._points[0]))
        for x, y in self._points[1:]:
            path.lineTo(x, y)
        path.closeSubpath()
        self._item.setPath(path)
        if ev.isFinish():
            pts = list(self._points)
            add = bool(ev.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
            self.cancel()
            polygon = lasso_polygon(pts)
            if polygon is not None:
                self.finish(polygon, add)
        return True

    def finish(self, polygon, add: bool) -> None:
        self.canvas.select_within(polygon, add=add)

    def cancel(self) -> None:
        if self._item is not None:
            self.view_box.removeItem(self._item)
        self._item = None
        self._points = []


class FilterAreaTool(LassoTool):
    name = "filter_area"

    def finish(self, polygon, add: bool) -> None:
        self.canvas.project.filter.set_area(polygon)


def lasso_polygon(points: list[tuple[float, float]]):
    """A valid polygon from a free-hand path (self-crossings repaired), or None."""
    if len(points) < 3:
        return None
    arr = np.asarray(points, dtype=float)
    poly = shapely.Polygon(arr)
    if not poly.is_valid:
        poly = shapely.make_valid(poly)
        polys = [
            g
            for g in shapely.get_parts(poly)
            if g.geom_type in ("Polygon", "MultiPolygon")
        ]
        if not polys:
            return None
        poly = shapely.union_all(polys)
    if poly.is_empty or poly.area <= 0:
        return None
    return poly


TOOL_CLASSES: dict[str, type[MapTool]] = {
    "pan": PanTool,
    "identify": IdentifyTool,
    "select_rect": RectSelectTool,
    "select_lasso": LassoTool,
    "filter_area": FilterAreaTool,
}
