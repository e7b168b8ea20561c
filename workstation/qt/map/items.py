"""Map items: one graphics item per layer, chosen by the layer's kind and geometry.

Every item is a :class:`MapItem` (a ``QGraphicsObject`` in working-CRS metres)
that knows its layer, follows ``project.filter`` through :meth:`MapItem.apply_filter`
and answers the map tools (:meth:`MapItem.identify`, :meth:`MapItem.rows_within`).

* :class:`PointsItem` draws points (crime, calls, assets, point results). It keeps
  float32 coordinates relative to the layer's centre and a colour index per row,
  so a filter change is a slice (contiguous for a time window) and a paint is
  a vectorised cull plus one ``drawPixmapFragments`` call per colour. With more
  than :data:`DENSITY_THRESHOLD` filtered points in view it paints a density
  raster (counts per square of :data:`DENSITY_PX` screen pixels, log colour
  scale) instead, and turns back into points when the user zooms in.
* :class:`PolygonItem` draws polygons (boundaries, classed cells): one cached
  ``QPainterPath`` per fill colour plus one outline path.
* :class:`RasterItem` draws a result raster (KDE) from ``layer.arrays`` as an
  ``ImageItem`` with a colour ramp.

:func:`create_item` is the registry: LayerKind and geometry to item class.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
import shapely
from pyqtgraph import functions as fn
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from pyqtgraph.Qt import internals as pg_internals
from PySide6 import QtCore, QtGui, QtWidgets

from layers.filtering import FilterState
from layers.kinds import LayerKind
from layers.layer import Layer
from workstation import styling
from workstation.qt.i18n import translate

#: more filtered points than this in view -> density raster instead of points
DENSITY_THRESHOLD = 50_000
#: side of a density cell in device pixels
DENSITY_PX = 3
#: labels are drawn only when at most this many labelled points are in view
MAX_LABELS = 40
#: label priorities (lower is placed first where labels clash)
LABEL_PRIORITY_NUMBERS = 0
LABEL_PRIORITY_RESULT = 1
LABEL_PRIORITY_OTHER = 2
LABEL_PRIORITY_STACKS = 3
#: counts of events sharing one spot are written when at most this many spots show
MAX_STACK_LABELS = 300
#: identify tolerance in device pixels
PICK_PX = 6.0

ViewRect = Callable[[], QtCore.QRectF]


class LabelBoard:
    """Where labels went in the frame being painted, shared by every map item.

    The canvas calls :meth:`reset` before each frame. Items do not draw their
    labels while they paint: they :meth:`defer` them, and the canvas calls
    :meth:`flush` once every layer is drawn, so labels sit above every layer (a
    result drawn later never hides an asset's name) and are placed by priority
    (numbered patrol hot spots first, then result labels, then the rest; within
    one priority the upper layer first). Each label asks :meth:`place` for a spot
    (device pixels) that overlaps nothing placed before, trying right of the
    symbol, then left, above and below, so labels of different layers never
    print over one another.
    """

    def __init__(self) -> None:
        self.boxes: list[QtCore.QRectF] = []
        self.pending: list[tuple[int, int, Callable[[QtGui.QPainter], None]]] = []

    def reset(self) -> None:
        self.boxes = []
        self.pending = []

    def defer(self, priority: int, draw: Callable[[QtGui.QPainter], None]) -> None:
        """Draw ``draw(painter)`` (device pixels) at :meth:`flush`; lower priority first."""
        self.pending.append((priority, -len(self.pending), draw))

    def flush(self, painter: QtGui.QPainter) -> None:
        """Place and draw the deferred labels of this frame, in priority order."""
        pending, self.pending = self.pending, []
        for _priority, _order, draw in sorted(pending, key=lambda t: t[:2]):
            painter.save()
            painter.resetTransform()
            draw(painter)
            painter.restore()

    def free(self, box: QtCore.QRectF) -> bool:
        return not any(box.intersects(r) for r in self.boxes)

    def claim(self, box: QtCore.QRectF) -> None:
        self.boxes.append(box)

    def place(
        self, fm: QtGui.QFontMetricsF, text: str, u: float, v: float, off: float
    ) -> QtCore.QPointF | None:
        """The baseline point of ``text`` near (u, v), or None when all spots clash."""
        w = fm.horizontalAdvance(text) + 2
        h = fm.height() + 2
        asc = fm.ascent()
        for x, y in (
            (u + off, v + 4),  # right
            (u - off - w, v + 4),  # left
            (u - w / 2, v - off - 2),  # above
            (u - w / 2, v + off + asc),  # below
        ):
            box = QtCore.QRectF(x - 1, y - asc - 1, w, h)
            if self.free(box):
                self.claim(box)
                return QtCore.QPointF(x, y)
        return None


#: the label board of the frame being painted (reset by the canvas per frame)
LABELS = LabelBoard()


def halo_text(painter: QtGui.QPainter, p: QtCore.QPointF, text: str) -> None:
    """Dark text with a white halo at baseline point ``p`` (device pixels)."""
    painter.setPen(QtGui.QPen(QtGui.QColor(255, 255, 255, 220)))
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        painter.drawText(p + QtCore.QPointF(dx, dy), text)
    painter.setPen(QtGui.QPen(QtGui.QColor(30, 30, 30)))
    painter.drawText(p, text)


def _qcolor(rgba: tuple[int, int, int, int] | np.ndarray) -> QtGui.QColor:
    r, g, b, a = (int(v) for v in rgba)
    return QtGui.QColor(r, g, b, a)


def _ramp_lut(name: str, n: int = 256, alpha_ramp: bool = False) -> np.ndarray:
    """(n, 4) uint8 RGBA lookup table interpolated from a named ramp."""
    colours = styling.RAMPS.get(name, styling.RAMPS["YlOrRd"])
    stops = np.array([styling.hex_to_rgba(c) for c in colours], dtype=float)
    pos = np.linspace(0.0, 1.0, len(stops))
    t = np.linspace(0.0, 1.0, n)
    lut = np.empty((n, 4), dtype=float)
    for ch in range(4):
        lut[:, ch] = np.interp(t, pos, stops[:, ch])
    if alpha_ramp:
        lut[:, 3] = np.interp(t, [0.0, 0.15, 1.0], [120.0, 200.0, 235.0])
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


def density_lut() -> np.ndarray:
    """The colour table of the automatic density raster (the sheet's too)."""
    return styling.density_lut()


def rgba_image(rgba: np.ndarray) -> QtGui.QImage:
    """A QImage (owning its pixels) from an (h, w, 4) uint8 RGBA array."""
    a = np.ascontiguousarray(rgba, dtype=np.uint8)
    h, w = a.shape[:2]
    img = QtGui.QImage(a.data, w, h, w * 4, QtGui.QImage.Format.Format_RGBA8888)
    return img.copy()


def _is_point_layer(layer: Layer) -> bool:
    if len(layer) == 0:
        return layer.kind in (LayerKind.CRIME, LayerKind.DEMAND, LayerKind.ASSET)
    if layer.kind in (LayerKind.CRIME, LayerKind.DEMAND):
        return True  # readers only make point layers of these kinds
    types = layer.cached(
        "geom_types", lambda: set(layer.frame.geometry.geom_type.dropna().unique())
    )
    return bool(types) and types <= {"Point"}


def point_palette(layer: Layer, style: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """(k, 4) uint8 palette and an int32 palette index per row, for the style.

    Category and single-colour styles take O(n) (no sort), so restyling a
    million points stays quick; other modes fall back to unique colours.
    """
    n = len(layer)
    mode = style.get("mode", "single")
    column = style.get("category_column", "category")
    if n == 0:
        return np.zeros((0, 4), dtype=np.uint8), np.zeros(0, dtype=np.int32)
    if mode == "category" and column in layer.frame:
        codes, names = layer.category_codes(column)
        k = len(names)
        first = np.full(k + 1, -1, dtype=np.int64)
        idx = np.where(codes < 0, k, codes)
        first[idx[::-1]] = np.arange(n - 1, -1, -1)
        present = np.flatnonzero(first >= 0)
        palette = np.zeros((k + 1, 4), dtype=np.uint8)
        palette[present] = styling.point_rgba(layer, first[present])
        return palette, idx.astype(np.int32)
    if mode not in ("category", "classes"):
        rgba = styling.point_rgba(layer, np.zeros(1, dtype=np.int64))
        return rgba, np.zeros(n, dtype=np.int32)
    rgba = styling.point_rgba(layer)
    packed = np.ascontiguousarray(rgba).view(np.uint32).reshape(-1)
    palette, index = np.unique(packed, return_inverse=True)
    return palette.view(np.uint8).reshape(-1, 4), index.astype(np.int32).reshape(-1)


class MapItem(QtWidgets.QGraphicsObject):
    """Base of every layer item: bounds, z order, filter, identify and selection."""

    def __init__(self, layer: Layer, view_rect: ViewRect) -> None:
        super().__init__()
        self.layer = layer
        self._view_rect = view_rect
        b = layer.bounds() or (0.0, 0.0, 1.0, 1.0)
        w = max(b[2] - b[0], 1.0)
        h = max(b[3] - b[1], 1.0)
        pad = 0.02 * max(w, h) + 1.0
        self._bounds = QtCore.QRectF(b[0] - pad, b[1] - pad, w + 2 * pad, h + 2 * pad)
        self.setFlag(
            QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption
        )

    @property
    def layer_id(self) -> str:
        return self.layer.id

    def boundingRect(self) -> QtCore.QRectF:
        return self._bounds

    def refresh_style(self) -> None:
        """Re-read ``layer.style`` (and derived colours) and repaint."""
        self.update()

    def apply_filter(self, state: FilterState, positions: np.ndarray) -> None:
        """Show only ``positions`` (rows passing ``state``)."""

    def visible_count(self) -> int:
        """Features of this layer drawn in the current view."""
        return 0

    def identify(self, x: float, y: float, tol_m: float) -> np.ndarray:
        """Rows under the map point ``(x, y)`` (within ``tol_m`` for points)."""
        return np.zeros(0, dtype=np.int64)

    def rows_within(self, geom: Any) -> np.ndarray:
        """Visible rows inside (points) or intersecting (polygons) ``geom``."""
        return np.zeros(0, dtype=np.int64)


class PointsItem(MapItem):
    """Points in pixel-sized symbols coloured by style; density raster when crowded."""

    def __init__(self, layer: Layer, view_rect: ViewRect) -> None:
        super().__init__(layer, view_rect)
        xy = layer.xy
        b = layer.bounds() or (0.0, 0.0, 0.0, 0.0)
        self._ox = 0.5 * (b[0] + b[2])
        self._oy = 0.5 * (b[1] + b[3])
        self._x = (xy[:, 0] - self._ox).astype(np.float32)
        self._y = (xy[:, 1] - self._oy).astype(np.float32)
        n = len(layer)
        self._rows: slice | np.ndarray = slice(0, n)
        self._n_filtered = n
        self._xf = self._x
        self._yf = self._y
        self._mode = "points"
        #: labels drawn in the last paint (overlapping ones are left out)
        self.labels_drawn = 0
        self.stacks_labelled = 0
        self._density_cell_m = 0.0
        self._density_max = 0
        self._count_key: tuple | None = None
        self._count_val = 0
        #: density cell of every row for the view in ``_cells_key``
        self._cells = np.zeros(0, dtype=np.int32)
        self._cells_key: tuple | None = None
        self._frags = pg_internals.PrimitiveArray(QtGui.QPainter.PixmapFragment, 10)
        self._lut = density_lut()
        #: called (no arguments) when the density raster's scale changes
        self.on_density_changed: Callable[[], None] | None = None
        self.refresh_style()

    # -- growing -------------------------------------------------------------
    def append_rows(self, start: int, stop: int) -> bool:
        """Add the layer's rows ``start:stop`` (appended to it) to the drawn arrays.

        Returns False when the item cannot follow (it does not hold exactly the
        first ``start`` rows): the caller rebuilds it. Category and class colours
        are worked out again (O(n), no sort); single colours just grow. Call
        :meth:`apply_filter` afterwards.
        """
        if len(self._x) != start or len(self.layer) != stop:
            return False
        xy = self.layer.xy[start:stop]
        self._x = np.concatenate([self._x, (xy[:, 0] - self._ox).astype(np.float32)])
        self._y = np.concatenate([self._y, (xy[:, 1] - self._oy).astype(np.float32)])
        if len(xy):
            b = self._bounds
            lo, hi = xy.min(axis=0), xy.max(axis=0)
            pad = 0.02 * max(hi[0] - lo[0], hi[1] - lo[1], 1.0) + 1.0
            grown = b.united(
                QtCore.QRectF(
                    lo[0] - pad,
                    lo[1] - pad,
                    hi[0] - lo[0] + 2 * pad,
                    hi[1] - lo[1] + 2 * pad,
                )
            )
            if grown != b:
                self.prepareGeometryChange()
                self._bounds = grown
        style = styling.effective_style(self.layer)
        if style.get("mode", "single") in ("category", "classes"):
            self._palette, self._cidx = point_palette(self.layer, style)
            self._pixmaps = {}
        else:
            self._cidx = np.concatenate(
                [self._cidx, np.zeros(stop - start, dtype=np.int32)]
            )
        if self._cells_key is not None:  # the density cells of the new rows only
            new = self._cells_of(self._x[start:], self._y[start:], self._cells_key)
            self._cells = np.concatenate([self._cells, new])
        self._count_key = None
        return True

    # -- style ---------------------------------------------------------------
    def refresh_style(self) -> None:
        style = styling.effective_style(self.layer)
        self._size = float(style.get("size", 5.0))
        self._symbol = str(style.get("symbol", "o"))
        if self._symbol not in pg.graphicsItems.ScatterPlotItem.Symbols:
            self._symbol = "o"
        self._label_column = style.get("label_column")
        if self._label_column not in self.layer.frame:
            self._label_column = None
        self._palette, self._cidx = point_palette(self.layer, style)
        self._pixmaps: dict[int, tuple[QtGui.QPixmap, float]] = {}
        self._count_key = None
        self.update()

    def _pixmap(self, ci: int, dpr: float) -> tuple[QtGui.QPixmap, float]:
        hit = self._pixmaps.get(ci)
        if hit is not None and hit[1] == dpr:
            return hit
        rgba = self._palette[ci]
        brush = QtGui.QBrush(_qcolor(rgba))
        if self._size >= 7:
            dark = QtGui.QColor(
                int(rgba[0] * 0.6), int(rgba[1] * 0.6), int(rgba[2] * 0.6), int(rgba[3])
            )
            pen = QtGui.QPen(dark)
            pen.setWidthF(1.0)
            pen.setCosmetic(True)
        else:
            pen = QtGui.QPen(QtCore.Qt.PenStyle.NoPen)
        img = renderSymbol(self._symbol, self._size, pen, brush, dpr=dpr)
        pm = QtGui.QPixmap.fromImage(img)
        pm.setDevicePixelRatio(dpr)
        self._pixmaps[ci] = (pm, dpr)
        return self._pixmaps[ci]

    # -- filter ----------------------------------------------------------------
    def apply_filter(self, state: FilterState, positions: np.ndarray) -> None:
        pos = np.asarray(positions, dtype=np.int64)
        n = len(pos)
        if n == 0:
            self._rows = slice(0, 0)
        elif pos[-1] - pos[0] + 1 == n:
            self._rows = slice(int(pos[0]), int(pos[-1]) + 1)
        else:
            self._rows = pos
        self._xf = self._x[self._rows]
        self._yf = self._y[self._rows]
        self._n_filtered = n
        self._count_key = None
        self.update()

    @property
    def filtered_rows(self) -> np.ndarray:
        r = self._rows
        if isinstance(r, slice):
            return np.arange(r.start, r.stop, dtype=np.int64)
        return r

    def _row_of(self, k: np.ndarray) -> np.ndarray:
        """Layer rows of indices ``k`` into the filtered arrays."""
        r = self._rows
        if isinstance(r, slice):
            return k.astype(np.int64) + r.start
        return r[k]

    # -- view culling ------------------------------------------------------------
    def _in_view(self, rect: QtCore.QRectF, pad_m: float = 0.0) -> np.ndarray:
        x0 = np.float32(rect.left() - self._ox - pad_m)
        x1 = np.float32(rect.right() - self._ox + pad_m)
        y0 = np.float32(rect.top() - self._oy - pad_m)
        y1 = np.float32(rect.bottom() - self._oy + pad_m)
        xf, yf = self._xf, self._yf
        return (xf >= x0) & (xf <= x1) & (yf >= y0) & (yf <= y1)

    def visible_count(self) -> int:
        if not self.isVisible():
            return 0
        rect = self._view_rect().normalized()
        key = (rect.getRect(), id(self._xf), self._n_filtered)
        if key != self._count_key:
            self._count_val = int(np.count_nonzero(self._in_view(rect)))
            self._count_key = key
        return self._count_val

    @property
    def display_mode(self) -> str:
        """``"density"`` when the view holds too many points to read, else ``"points"``."""
        return "density" if self.visible_count() > DENSITY_THRESHOLD else "points"

    @property
    def density_scale(self) -> tuple[float, int]:
        """(cell side in metres, largest cell count) of the last density paint."""
        return self._density_cell_m, self._density_max

    # -- painting -------------------------------------------------------------------
    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        if self._n_filtered == 0:
            return
        t = painter.transform()
        if t.isRotating():
            return
        inv, ok = t.inverted()
        if not ok:
            return
        rect = inv.mapRect(QtCore.QRectF(painter.viewport())).normalized()
        m11, m22 = t.m11(), t.m22()
        if m11 == 0 or m22 == 0:
            return
        if self._n_filtered > DENSITY_THRESHOLD:
            # one binning pass answers both "how many in view" and the raster
            counts, cell_m = self._density_counts(t, rect)
            if int(counts.sum()) > DENSITY_THRESHOLD:
                self._mode = "density"
                self._paint_density(painter, t, counts, cell_m, live=widget is not None)
                return
        pad_m = (self._size + 2) / abs(m11)
        k = np.flatnonzero(self._in_view(rect, pad_m))
        n_in = len(k)
        self._mode = "points"
        if n_in == 0:
            return
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        u = self._xf[k].astype(np.float64) * m11 + (t.m31() + self._ox * m11)
        v = self._yf[k].astype(np.float64) * m22 + (t.m32() + self._oy * m22)
        rows = self._row_of(k)
        if n_in > 1:
            # events on the same screen pixel (data.police.uk snaps every crime to
            # an anonymised map point): draw only the last in row (time) order, as
            # drawing in feature order would show; the identify tool lists them all
            key = (np.rint(u).astype(np.int64) + 1_000_000) * 4_000_000 + (
                np.rint(v).astype(np.int64) + 1_000_000
            )
            _, first_rev, stacked = np.unique(
                key[::-1], return_index=True, return_counts=True
            )
            last = n_in - 1 - first_rev
            order = np.argsort(last)
            keep, stacked = last[order], stacked[order]
            u, v, rows = u[keep], v[keep], rows[keep]
            n_in = len(keep)
        else:
            stacked = np.ones(n_in, dtype=np.int64)
        ci = self._cidx[rows]
        if len(self._palette) == 1:
            groups = [(0, np.arange(n_in))]
        else:
            order = np.argsort(ci, kind="stable")
            cs = ci[order]
            cuts = np.flatnonzero(np.diff(cs)) + 1
            starts, stops = np.r_[0, cuts], np.r_[cuts, n_in]
            # commonest colour first, rarer colours on top where symbols overlap
            groups = sorted(
                ((int(cs[a]), order[a:b]) for a, b in zip(starts, stops, strict=True)),
                key=lambda g: -len(g[1]),
            )
        painter.save()
        painter.resetTransform()
        for c, idx in groups:
            pm, pdpr = self._pixmap(c, dpr)
            self._frags.resize(len(idx))
            frags = self._frags.ndarray()
            frags[:, 0] = u[idx]
            frags[:, 1] = v[idx]
            frags[:, 2:4] = 0.0
            frags[:, 4] = pm.width()
            frags[:, 5] = pm.height()
            frags[:, 6:10] = [1 / pdpr, 1 / pdpr, 0.0, 1.0]
            painter.drawPixmapFragments(*self._frags.drawargs(), pm)
        many = np.flatnonzero(stacked > 1)
        if len(many) and n_in <= MAX_STACK_LABELS:
            LABELS.defer(
                LABEL_PRIORITY_STACKS,
                lambda p, i=many: self._paint_stacks(p, u[i], v[i], stacked[i]),
            )
        else:
            self.stacks_labelled = 0
        if self._label_column is not None and n_in <= MAX_LABELS:
            LABELS.defer(
                LABEL_PRIORITY_RESULT
                if self.layer.kind is LayerKind.RESULT
                else LABEL_PRIORITY_OTHER,
                lambda p, u=u, v=v, rows=rows: self._paint_labels(p, u, v, rows),
            )
        painter.restore()

    def _paint_labels(
        self, painter: QtGui.QPainter, u: np.ndarray, v: np.ndarray, rows: np.ndarray
    ) -> None:
        texts = self.layer.frame[self._label_column].to_numpy()[rows]
        font = QtGui.QFont(painter.font())
        font.setPointSizeF(8.0)
        painter.setFont(font)
        fm = QtGui.QFontMetricsF(font)
        off = 0.5 * self._size + 3
        drawn = 0
        for ui, vi, text in zip(u, v, texts, strict=True):
            if text is None or (isinstance(text, float) and math.isnan(text)):
                continue
            s = str(text)
            if len(s) > 32:
                s = s[:31] + "…"
            # the first free spot of right, left, above, below; none free: left out
            # (the feature is still drawn; zoom in to read it)
            spot = LABELS.place(fm, s, ui, vi, off)
            if spot is None:
                continue
            drawn += 1
            halo_text(painter, spot, s)
        self.labels_drawn = drawn

    def _paint_stacks(
        self, painter: QtGui.QPainter, u: np.ndarray, v: np.ndarray, n: np.ndarray
    ) -> None:
        """How many events share a symbol's spot ("16" beside it), where room.

        data.police.uk snaps every crime to an anonymised map point, so one dot
        can stand for many events; the count says so (as QGIS's point cluster
        renderer does) and the identify tool lists them.
        """
        font = QtGui.QFont(painter.font())
        font.setPointSizeF(7.0)
        font.setBold(True)
        painter.setFont(font)
        fm = QtGui.QFontMetricsF(font)
        off = 0.5 * self._size + 1
        drawn = 0
        for ui, vi, k in sorted(zip(u, v, n, strict=True), key=lambda t: -t[2]):
            text = f"{int(k):,}"
            spot = LABELS.place(fm, text, float(ui), float(vi) - 6, off)
            if spot is None:
                continue
            drawn += 1
            halo_text(painter, spot, text)
        self.stacks_labelled = drawn

    def _density_counts(
        self, t: QtGui.QTransform, rect: QtCore.QRectF
    ) -> tuple[np.ndarray, float]:
        """(rows, cols) counts of filtered points per density cell over ``rect``.

        Cells are :data:`DENSITY_PX` device pixels square, row 0 at the top. The
        cell of every row of the layer is kept for the current view (points
        outside it fall in a one-cell border that is cut off), so while the view
        stays put a filter change is one ``np.bincount`` over the filtered rows.
        """
        dev = t.mapRect(rect)
        nbx = max(1, math.ceil(abs(dev.width()) / DENSITY_PX))
        nby = max(1, math.ceil(abs(dev.height()) / DENSITY_PX))
        cell_m = DENSITY_PX / abs(t.m11())
        key = (rect.getRect(), nbx, nby, cell_m)
        if self._cells_key != key:
            cells = self._cells_of(self._x, self._y, key)
            self._cells, self._cells_key = cells, key
        full = np.bincount(self._cells[self._rows], minlength=(nbx + 2) * (nby + 2))
        counts = full.reshape(nby + 2, nbx + 2)[1:-1, 1:-1]
        return counts, cell_m

    def _cells_of(self, x: np.ndarray, y: np.ndarray, key: tuple) -> np.ndarray:
        """Density cell (bordered raster, row 0 at the top) of points for view ``key``."""
        (left, top, _width, height), nbx, nby, cell_m = key
        inv = np.float32(1.0 / cell_m)
        tx = np.subtract(x, np.float32(left - self._ox), dtype=np.float32)
        tx *= inv
        tx += np.float32(1.0)
        np.clip(tx, 0, nbx + 1, out=tx)
        ix = tx.astype(np.int32)
        del tx
        ty = np.subtract(np.float32(top + height - self._oy), y, dtype=np.float32)
        ty *= inv
        ty += np.float32(1.0)
        np.clip(ty, 0, nby + 1, out=ty)
        cells = ty.astype(np.int32)
        del ty
        cells *= nbx + 2
        cells += ix
        return cells

    def _paint_density(
        self,
        painter: QtGui.QPainter,
        t: QtGui.QTransform,
        counts: np.ndarray,
        cell_m: float,
        live: bool = True,
    ) -> None:
        nby, nbx = counts.shape
        cmax = int(counts.max()) if counts.size else 0
        changed = (cell_m, cmax) != (self._density_cell_m, self._density_max)
        self._density_cell_m = cell_m
        self._density_max = cmax
        if changed and live and self.on_density_changed is not None:
            self.on_density_changed()
        if cmax == 0:
            return
        # colour per possible count (log scale), zero transparent: one gather
        level = (np.log1p(np.arange(cmax + 1)) * (255.0 / math.log1p(cmax))).astype(
            np.uint8
        )
        table = np.ascontiguousarray(self._lut[level]).view(np.uint32).reshape(-1)
        table[0] = 0
        pixels = np.ascontiguousarray(table[counts])
        img = QtGui.QImage(
            pixels.data, nbx, nby, nbx * 4, QtGui.QImage.Format.Format_RGBA8888
        )
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, False)
        inv, _ok = t.inverted()
        view = inv.mapRect(QtCore.QRectF(painter.viewport())).normalized()
        dev = t.mapRect(view)
        target = QtCore.QRectF(
            dev.left(), dev.top(), nbx * DENSITY_PX, nby * DENSITY_PX
        )
        painter.drawImage(target, img)
        painter.restore()
        del img, pixels  # the image borrowed the array's memory until drawn

    # -- tools -------------------------------------------------------------------------
    def identify(self, x: float, y: float, tol_m: float) -> np.ndarray:
        """Filtered rows within ``tol_m`` of ``(x, y)``, nearest first.

        A vectorised box test over the filtered float32 arrays (a couple of
        milliseconds for a million points) instead of a KD-tree, which would take
        half a second to build on the UI thread and a tree's memory per layer.
        """
        if not self.isVisible() or self._n_filtered == 0:
            return np.zeros(0, dtype=np.int64)
        rect = QtCore.QRectF(x - tol_m, y - tol_m, 2 * tol_m, 2 * tol_m)
        k = np.flatnonzero(self._in_view(rect))
        if len(k) == 0:
            return np.zeros(0, dtype=np.int64)
        d = np.hypot(
            self._xf[k].astype(np.float64) - (x - self._ox),
            self._yf[k].astype(np.float64) - (y - self._oy),
        )
        near = d <= tol_m
        k, d = k[near], d[near]
        return self._row_of(k[np.argsort(d, kind="stable")])

    def rows_within(self, geom: Any) -> np.ndarray:
        if not self.isVisible() or self._n_filtered == 0:
            return np.zeros(0, dtype=np.int64)
        minx, miny, maxx, maxy = geom.bounds
        rect = QtCore.QRectF(minx, miny, maxx - minx, maxy - miny)
        k = np.flatnonzero(self._in_view(rect))
        if len(k) == 0:
            return np.zeros(0, dtype=np.int64)
        shapely.prepare(geom)
        inside = shapely.contains_xy(
            geom,
            self._xf[k].astype(np.float64) + self._ox,
            self._yf[k].astype(np.float64) + self._oy,
        )
        return np.sort(self._row_of(k[inside]))


def _polygon_rings(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates, ring id per coordinate and row per ring of (multi)polygons/lines."""
    parts, part_row = shapely.get_parts(geoms, return_index=True)
    is_poly = shapely.get_type_id(parts) == 3
    ring_geoms: list[np.ndarray] = []
    ring_rows: list[np.ndarray] = []
    if is_poly.any():
        rings, ri = shapely.get_rings(parts[is_poly], return_index=True)
        ring_geoms.append(rings)
        ring_rows.append(part_row[is_poly][ri])
    if (~is_poly).any():
        ring_geoms.append(parts[~is_poly])
        ring_rows.append(part_row[~is_poly])
    if not ring_geoms:
        return np.zeros((0, 2)), np.zeros(0, np.int64), np.zeros(0, np.int64)
    rings = np.concatenate(ring_geoms)
    rows = np.concatenate(ring_rows)
    coords, cidx = shapely.get_coordinates(rings, return_index=True)
    return coords, cidx, rows


def _path(coords: np.ndarray, ring_ids: np.ndarray) -> QtGui.QPainterPath:
    if len(coords) == 0:
        return QtGui.QPainterPath()
    connect = np.ones(len(coords), dtype=np.int32)
    connect[:-1] = ring_ids[:-1] == ring_ids[1:]
    connect[-1] = 0
    path = fn.arrayToQPath(coords[:, 0], coords[:, 1], connect=connect)
    path.setFillRule(QtCore.Qt.FillRule.OddEvenFill)
    return path


#: Qt brush patterns of the hatch names in :mod:`workstation.styling`.
HATCH_STYLES: dict[str, QtCore.Qt.BrushStyle] = {
    "horizontal": QtCore.Qt.BrushStyle.HorPattern,
    "vertical": QtCore.Qt.BrushStyle.VerPattern,
    "cross": QtCore.Qt.BrushStyle.CrossPattern,
    "fdiag": QtCore.Qt.BrushStyle.FDiagPattern,
    "bdiag": QtCore.Qt.BrushStyle.BDiagPattern,
    "diagcross": QtCore.Qt.BrushStyle.DiagCrossPattern,
    "dots": QtCore.Qt.BrushStyle.Dense6Pattern,
}


#: class hatching and outlines are drawn only when cells are this big on screen
#: (smaller, they would turn the cells into dark smudges)
MIN_SYMBOL_PX = 9.0
#: badge colour of numbered patrol hot spots (the briefing's place markers)
PLACE_NUMBER_COLOUR = "#b10026"


def _place_numbers(layer: Layer) -> tuple[np.ndarray, list[str]] | None:
    """Centres and numbers of a patrol plan's places, else None."""
    prov = layer.provenance or {}
    frame = layer.frame
    if prov.get("result_type") != "patrol_plan" or "place_id" not in frame:
        return None
    pts = shapely.point_on_surface(np.asarray(frame.geometry.values))
    xy = shapely.get_coordinates(pts)
    if len(xy) != len(frame):
        return None
    return xy, [str(int(v)) for v in frame["place_id"]]


class PolygonItem(MapItem):
    """Polygons (or lines) with outline and fill; one cached path per fill colour."""

    def __init__(self, layer: Layer, view_rect: ViewRect) -> None:
        super().__init__(layer, view_rect)
        geoms = layer.frame.geometry.to_numpy()
        self._geoms = geoms
        self._coords, self._ring_ids, self._ring_rows = _polygon_rings(geoms)
        self._coord_rows = (
            self._ring_rows[self._ring_ids] if len(self._ring_ids) else self._ring_ids
        )
        self._tree = shapely.STRtree(geoms)
        self._outline_path = _path(self._coords, self._ring_ids)
        self._values: np.ndarray | None = None
        self._classification: styling.Classification | None = None
        self._fills: list[tuple[QtGui.QColor, QtGui.QPainterPath]] = []
        self._numbers = _place_numbers(layer)
        self._side_m: float | None = None
        #: numbers drawn in the last paint
        self.numbers_drawn = 0
        self.refresh_style()

    @property
    def classification(self) -> styling.Classification | None:
        """The choropleth classification in use (None unless mode is choropleth)."""
        return self._classification

    @property
    def values(self) -> np.ndarray | None:
        """The choropleth value per polygon (None unless mode is choropleth)."""
        return self._values

    def set_choropleth(
        self, values: np.ndarray | None, classification: styling.Classification | None
    ) -> None:
        """Fill by ``values`` classed with ``classification`` (the canvas computes both)."""
        self._values = None if values is None else np.asarray(values, dtype=float)
        self._classification = classification
        self._rebuild_fills()

    def refresh_style(self) -> None:
        style = styling.effective_style(self.layer)
        alpha = float(style.get("opacity", 1.0))
        self._pen = QtGui.QPen(
            _qcolor(styling.hex_to_rgba(style.get("outline", "#444444"), alpha))
        )
        self._pen.setCosmetic(True)
        self._pen.setWidthF(float(style.get("outline_width", 1.0)))
        self._rebuild_fills()

    def fill_rgba(self) -> np.ndarray:
        """(n, 4) uint8 fill colour per polygon for the current style."""
        style = styling.effective_style(self.layer)
        mode = style.get("mode", "single")
        alpha = float(style.get("opacity", 1.0))
        n = len(self.layer)
        if mode == "choropleth" and self._classification is not None:
            fa = float(style.get("fill_opacity", 0.75)) * alpha
            return self._classification.rgba(self._values, fa)
        if mode == "classes" and style.get("classes_column") in self.layer.frame:
            return styling.class_rgba(self.layer, np.arange(n), style)
        if mode == "category":
            rgba = styling.point_rgba(self.layer)
            rgba[:, 3] = (
                rgba[:, 3].astype(float) * float(style.get("fill_opacity", 0.6))
            ).astype(np.uint8)
            return rgba
        fill = styling.hex_to_rgba(
            style.get("fill", "#cccccc"), float(style.get("fill_opacity", 0.0)) * alpha
        )
        return np.broadcast_to(np.array(fill, dtype=np.uint8), (n, 4)).copy()

    def _rebuild_fills(self) -> None:
        self._fills = []
        if len(self._coords):
            rgba = self.fill_rgba()
            packed = np.ascontiguousarray(rgba).view(np.uint32).reshape(-1)
            colours, row_colour = np.unique(packed, return_inverse=True)
            coord_colour = row_colour.reshape(-1)[self._coord_rows]
            for ci, colour in enumerate(colours):
                c = np.array([colour], dtype=np.uint32).view(np.uint8)
                if c[3] == 0:
                    continue
                cm = coord_colour == ci
                self._fills.append(
                    (_qcolor(c), _path(self._coords[cm], self._ring_ids[cm]))
                )
        self._rebuild_class_symbols()
        self.update()

    def _cell_px(self, painter: QtGui.QPainter) -> float:
        """The typical polygon's side on screen, in pixels."""
        if self._side_m is None:
            areas = shapely.area(np.asarray(self._geoms))
            self._side_m = float(np.sqrt(np.median(areas))) if len(areas) else 0.0
        return self._side_m * abs(painter.transform().m11())

    def _rows_path(self, rows: np.ndarray) -> QtGui.QPainterPath:
        cm = np.isin(self._coord_rows, rows)
        return _path(self._coords[cm], self._ring_ids[cm])

    def _rebuild_class_symbols(self) -> None:
        """Hatching and outlines of class cells (Gi* classes, emerging patterns)."""
        self._hatches: list[tuple[QtCore.Qt.BrushStyle, QtGui.QColor, Any]] = []
        self._emphasis: list[tuple[QtGui.QPen, QtGui.QPainterPath]] = []
        self._cluster_outline: QtGui.QPainterPath | None = None
        style = styling.effective_style(self.layer)
        column = style.get("classes_column")
        if style.get("mode") != "classes" or column not in self.layer.frame:
            return
        if not len(self._coords):
            return
        values = self.layer.frame[column].astype(str).to_numpy()
        loud = ~np.isin(values, list(styling.QUIET_CLASSES))
        alpha = float(style.get("opacity", 1.0))
        outline = QtGui.QColor(*styling.hex_to_rgba(styling.CLASS_OUTLINE, alpha))
        self._cluster_outline = self._outline_of(np.flatnonzero(loud))
        new = loud & np.char.startswith(values.astype(str), "new_")
        for rows, width in ((loud & ~new, 1.2), (new, 2.6)):
            if rows.any():
                pen = QtGui.QPen(outline, width)
                pen.setCosmetic(True)
                self._emphasis.append((pen, self._rows_path(np.flatnonzero(rows))))
        rgba = self.fill_rgba()
        lum = (0.299 * rgba[:, 0] + 0.587 * rgba[:, 1] + 0.114 * rgba[:, 2]) / 255
        hatch = np.array([styling.class_hatch(column, v) for v in values])
        for name in np.unique(hatch[loud]):
            brush_style = HATCH_STYLES.get(str(name))
            if brush_style is None:
                continue
            for dark in (False, True):
                rows = np.flatnonzero(loud & (hatch == name) & ((lum < 0.4) == dark))
                if len(rows):
                    colour = (
                        QtGui.QColor(255, 255, 255, 200)
                        if dark
                        else (QtGui.QColor(20, 20, 20, 170))
                    )
                    self._hatches.append((brush_style, colour, self._rows_path(rows)))

    def _outline_of(self, rows: np.ndarray) -> QtGui.QPainterPath | None:
        """The outline of the union of ``rows``' polygons (None when there are none).

        Drawn when cells are too small for their own outlines and hatching, so a
        cluster of significant cells still stands out from a choropleth beneath.
        """
        if not len(rows):
            return None
        union = shapely.union_all(np.asarray(self._geoms)[rows], grid_size=0.01)
        coords, ring_ids, _rows = _polygon_rings(np.array([union], dtype=object))
        return _path(coords, ring_ids) if len(coords) else None

    def _paint_cluster_outline(self, painter: QtGui.QPainter) -> None:
        """A dark line with a light halo around each cluster of significant cells."""
        for colour, width in (((255, 255, 255, 210), 4.0), ((26, 26, 26, 255), 2.0)):
            pen = QtGui.QPen(QtGui.QColor(*colour), width)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(self._cluster_outline)

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        for colour, path in self._fills:
            painter.setBrush(colour)
            painter.drawPath(path)
        big = self._cell_px(painter) >= MIN_SYMBOL_PX
        if self._hatches and big:
            # hatching in screen pixels, whatever the zoom
            inverse, _ok = painter.worldTransform().inverted()
            for brush_style, colour, path in self._hatches:
                brush = QtGui.QBrush(colour, brush_style)
                brush.setTransform(inverse)
                painter.setBrush(brush)
                painter.drawPath(path)
        if self._pen.color().alpha() > 0 and self._pen.widthF() > 0:
            painter.setPen(self._pen)
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawPath(self._outline_path)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        for pen, path in self._emphasis if big else ():
            painter.setPen(pen)
            painter.drawPath(path)
        if not big and self._cluster_outline is not None:
            self._paint_cluster_outline(painter)
        if self._numbers is not None:
            t = painter.transform()
            LABELS.defer(LABEL_PRIORITY_NUMBERS, lambda p: self._paint_numbers(p, t))

    def _paint_numbers(self, painter: QtGui.QPainter, t: QtGui.QTransform) -> None:
        """Each patrol hot spot's number in a badge at its centre (as in the briefing).

        ``t`` maps map metres to device pixels (the item's transform when it was
        painted); ``painter`` draws in device pixels.
        """
        xy, texts = self._numbers
        painter.save()
        font = QtGui.QFont(painter.font())
        font.setPointSizeF(8.5)
        font.setBold(True)
        painter.setFont(font)
        fm = QtGui.QFontMetricsF(font)
        drawn = 0
        for (x, y), text in zip(xy, texts, strict=True):
            c = t.map(QtCore.QPointF(float(x), float(y)))
            r = max(fm.horizontalAdvance(text), fm.height()) / 2 + 3
            # up and to the left of the place's centre, where its stop symbol sits
            c -= QtCore.QPointF(r + 3, r + 3)
            box = QtCore.QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)
            if not LABELS.free(box):
                continue
            LABELS.claim(box)
            drawn += 1
            painter.setPen(QtGui.QPen(QtGui.QColor("white"), 1.5))
            painter.setBrush(QtGui.QColor(PLACE_NUMBER_COLOUR))
            painter.drawEllipse(box)
            painter.setPen(QtGui.QColor("white"))
            painter.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        self.numbers_drawn = drawn

    def visible_count(self) -> int:
        if not self.isVisible():
            return 0
        r = self._view_rect().normalized()
        box = shapely.box(r.left(), r.top(), r.right(), r.bottom())
        return len(self._tree.query(box, predicate="intersects"))

    def identify(self, x: float, y: float, tol_m: float) -> np.ndarray:
        if not self.isVisible():
            return np.zeros(0, dtype=np.int64)
        pt = shapely.Point(x, y)
        hits = self._tree.query(pt, predicate="intersects")
        if len(hits) == 0 and tol_m > 0:
            hits = self._tree.query(pt.buffer(tol_m), predicate="intersects")
        return np.sort(np.asarray(hits, dtype=np.int64))

    def rows_within(self, geom: Any) -> np.ndarray:
        if not self.isVisible():
            return np.zeros(0, dtype=np.int64)
        return np.sort(
            np.asarray(self._tree.query(geom, predicate="intersects"), dtype=np.int64)
        )


def raster_of(
    layer: Layer,
) -> tuple[np.ndarray, tuple[float, float, float, float]] | None:
    """The raster a result layer carries, with its extent, or None.

    The array is ``layer.arrays[name]`` (``style["raster"]["array"]``, else the
    first 2-D array), rows counting northwards as in :class:`Grid`. The extent
    comes from a grid dict (``x0, y0, cell_m, nx, ny``) in the provenance (top
    level or under ``params``), else from the layer's bounds.
    """
    arrays = getattr(layer, "arrays", None) or {}
    style = styling.effective_style(layer)
    name = (style.get("raster") or {}).get("array")
    arr = arrays.get(name) if name else None
    if arr is None:
        arr = next((a for a in arrays.values() if np.ndim(a) == 2), None)
    if arr is None:
        return None
    arr = np.asarray(arr)
    prov = layer.provenance or {}
    grid = prov.get("grid") or (prov.get("params") or {}).get("grid")
    if isinstance(grid, dict) and {"x0", "y0", "cell_m"} <= set(grid):
        cell = float(grid["cell_m"])
        x0, y0 = float(grid["x0"]), float(grid["y0"])
        ext = (x0, y0, x0 + arr.shape[1] * cell, y0 + arr.shape[0] * cell)
    else:
        b = layer.bounds()
        if b is None:
            return None
        ext = b
    return arr, ext


class RasterItem(MapItem):
    """A result raster (KDE surface) drawn with a colour ramp; zero cells transparent."""

    def __init__(self, layer: Layer, view_rect: ViewRect) -> None:
        super().__init__(layer, view_rect)
        found = raster_of(layer)
        if found is None:
            raise ValueError(
                translate("Items", "layer {name!r} carries no raster").format(
                    name=layer.name
                )
            )
        self._array, self._extent = found
        x0, y0, x1, y1 = self._extent
        self._bounds = QtCore.QRectF(x0, y0, x1 - x0, y1 - y0)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setParentItem(self)
        self.refresh_style()

    @property
    def array(self) -> np.ndarray:
        return self._array

    def value_range(self) -> tuple[float, float]:
        """(vmin, vmax) of the colour scale."""
        style = styling.effective_style(self.layer)
        opts = style.get("raster") or {}
        finite = self._array[np.isfinite(self._array)]
        vmin = opts.get("vmin")
        vmax = opts.get("vmax")
        vmin = float(vmin) if vmin is not None else 0.0
        if vmax is None:
            vmax = float(finite.max()) if finite.size else 1.0
        return vmin, max(float(vmax), vmin + 1e-12)

    @property
    def ramp_name(self) -> str:
        style = styling.effective_style(self.layer)
        return str((style.get("raster") or {}).get("ramp", "YlOrRd"))

    def refresh_style(self) -> None:
        style = styling.effective_style(self.layer)
        vmin, vmax = self.value_range()
        lut = _ramp_lut(self.ramp_name)
        a = np.asarray(self._array, dtype=float)
        level = np.clip((a - vmin) / (vmax - vmin), 0.0, 1.0)
        level = np.where(np.isfinite(level), level, 0.0)
        rgba = lut[(level * 255).astype(np.uint8)].copy()
        rgba[~np.isfinite(a) | (a <= vmin)] = 0
        rgba[..., 3] = (rgba[..., 3] * float(style.get("opacity", 0.8))).astype(
            np.uint8
        )
        self._image.setImage(rgba, autoLevels=False)
        x0, y0, x1, y1 = self._extent
        self._image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        self.update()

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        return

    def visible_count(self) -> int:
        return int(np.count_nonzero(np.isfinite(self._array) & (self._array > 0)))


def item_class_for(layer: Layer) -> type[MapItem]:
    """The registry: raster results, point layers, then polygons and lines."""
    style = styling.effective_style(layer)
    if (
        layer.kind == LayerKind.RESULT
        and (style.get("mode") == "raster" or len(layer) == 0)
        and raster_of(layer) is not None
    ):
        return RasterItem
    if _is_point_layer(layer):
        return PointsItem
    return PolygonItem


def create_item(layer: Layer, view_rect: ViewRect) -> MapItem:
    """The item that draws ``layer`` (see :func:`item_class_for`)."""
    return item_class_for(layer)(layer, view_rect)


class SelectionItem(QtWidgets.QGraphicsObject):
    """Highlights ``project.selection``: rings round points, bright outlines on polygons."""

    RING = QtGui.QColor(255, 221, 0)

    def __init__(self, lookup: Callable[[str], MapItem | None]) -> None:
        super().__init__()
        self._lookup = lookup
        self._xy = np.zeros((0, 2))
        self._paths: list[QtGui.QPainterPath] = []
        self._count = 0
        self._bounds = QtCore.QRectF()
        self._frags = pg_internals.PrimitiveArray(QtGui.QPainter.PixmapFragment, 10)
        self._ring: QtGui.QPixmap | None = None
        self.setZValue(1e6)

    def count(self) -> int:
        """Number of highlighted features."""
        return self._count

    def set_selection(self, items: list[tuple[str, np.ndarray]]) -> None:
        pts: list[np.ndarray] = []
        paths: list[QtGui.QPainterPath] = []
        count = 0
        for layer_id, rows in items:
            item = self._lookup(layer_id)
            if item is None or len(rows) == 0:
                continue
            rows = np.asarray(rows, dtype=np.int64)
            rows = rows[(rows >= 0) & (rows < len(item.layer))]
            count += len(rows)
            if isinstance(item, PolygonItem):
                geoms = item.layer.frame.geometry.to_numpy()[rows]
                coords, ring_ids, _ = _polygon_rings(geoms)
                paths.append(_path(coords, ring_ids))
            else:
                pts.append(item.layer.xy[rows])
        self._xy = np.concatenate(pts) if pts else np.zeros((0, 2))
        self._paths = paths
        self._count = count
        rect = QtCore.QRectF()
        if len(self._xy):
            finite = self._xy[np.all(np.isfinite(self._xy), axis=1)]
            if len(finite):
                lo, hi = finite.min(axis=0), finite.max(axis=0)
                pad = 0.05 * max(hi[0] - lo[0], hi[1] - lo[1], 1.0) + 50.0
                rect = QtCore.QRectF(
                    lo[0] - pad,
                    lo[1] - pad,
                    hi[0] - lo[0] + 2 * pad,
                    hi[1] - lo[1] + 2 * pad,
                )
        for p in paths:
            rect = rect.united(p.boundingRect())
        self.prepareGeometryChange()
        self._bounds = rect
        self.update()

    def bounds(self) -> tuple[float, float, float, float] | None:
        """Extent of the selection in map units (None when empty)."""
        if self._count == 0 or self._bounds.isEmpty():
            return None
        r = self._bounds
        return (r.left(), r.top(), r.right(), r.bottom())

    def boundingRect(self) -> QtCore.QRectF:
        return self._bounds

    def _ring_pixmap(self) -> QtGui.QPixmap:
        if self._ring is None:
            img = QtGui.QImage(20, 20, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(QtCore.Qt.GlobalColor.transparent)
            p = QtGui.QPainter(img)
            p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.setPen(QtGui.QPen(QtGui.QColor(20, 20, 20, 200), 4.5))
            p.drawEllipse(QtCore.QRectF(3, 3, 14, 14))
            p.setPen(QtGui.QPen(self.RING, 2.5))
            p.drawEllipse(QtCore.QRectF(3, 3, 14, 14))
            p.end()
            self._ring = QtGui.QPixmap.fromImage(img)
        return self._ring

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        if self._paths:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            for colour, width in (
                (QtGui.QColor(20, 20, 20, 200), 5.0),
                (self.RING, 2.5),
            ):
                pen = QtGui.QPen(colour, width)
                pen.setCosmetic(True)
                painter.setPen(pen)
                for path in self._paths:
                    painter.drawPath(path)
        if len(self._xy):
            t = painter.transform()
            u = self._xy[:, 0] * t.m11() + t.m31()
            v = self._xy[:, 1] * t.m22() + t.m32()
            ok = np.isfinite(u) & np.isfinite(v)
            pm = self._ring_pixmap()
            self._frags.resize(int(ok.sum()))
            frags = self._frags.ndarray()
            frags[:, 0] = u[ok]
            frags[:, 1] = v[ok]
            frags[:, 2:4] = 0.0
            frags[:, 4] = pm.width()
            frags[:, 5] = pm.height()
            frags[:, 6:10] = [1.0, 1.0, 0.0, 1.0]
            painter.save()
            painter.resetTransform()
            painter.drawPixmapFragments(*self._frags.drawargs(), pm)
            painter.restore()
