"""Map furniture drawn in screen space: scale bar, north arrow, colour scale notes.

The painting functions take a ``QPainter`` and a device rectangle so the same code
draws the live overlay on the canvas and the furniture of an exported image.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

#: metres per pixel at 96 dpi
METRES_PER_INCH = 0.0254
SCREEN_DPI = 96.0


def scale_denominator(metres_per_pixel: float, dpi: float = SCREEN_DPI) -> float:
    """The N of a 1:N map scale for ``metres_per_pixel`` shown at ``dpi``."""
    return float(metres_per_pixel) / (METRES_PER_INCH / dpi)


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres that is not longer than ``max_metres``."""
    if not (max_metres > 0 and math.isfinite(max_metres)):
        return 0.0
    exp = math.floor(math.log10(max_metres))
    for mult in (5.0, 2.0, 1.0):
        v = mult * 10.0**exp
        if v <= max_metres * (1 + 1e-9):
            return v
    return 10.0 ** (exp - 1) * 5.0


def length_label(metres: float) -> str:
    """'250 m', '1 km', '2.5 km' (metres below 1 km, kilometres above)."""
    if metres >= 1000:
        km = metres / 1000.0
        return f"{km:,.0f} km" if float(km).is_integer() else f"{km:,.1f} km"
    if metres >= 1:
        return f"{metres:,.0f} m"
    return f"{metres:.2g} m"


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar of ``metres`` drawn ``pixels`` long."""

    metres: float
    pixels: float

    @property
    def label(self) -> str:
        return length_label(self.metres)


def scale_bar_for(metres_per_pixel: float, max_pixels: float = 120.0) -> ScaleBar:
    """The longest round length that fits in ``max_pixels`` at this resolution."""
    if not (metres_per_pixel > 0 and math.isfinite(metres_per_pixel)):
        return ScaleBar(0.0, 0.0)
    metres = nice_length(max_pixels * metres_per_pixel)
    return ScaleBar(metres, metres / metres_per_pixel)


def _halo_text(
    painter: QtGui.QPainter, point: QtCore.QPointF, text: str, colour: QtGui.QColor
) -> None:
    path = QtGui.QPainterPath()
    path.addText(point, painter.font(), text)
    painter.setPen(
        QtGui.QPen(
            QtGui.QColor(255, 255, 255, 230),
            3.0,
            QtCore.Qt.PenStyle.SolidLine,
            QtCore.Qt.PenCapStyle.RoundCap,
            QtCore.Qt.PenJoinStyle.RoundJoin,
        )
    )
    painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)


def paint_scale_bar(
    painter: QtGui.QPainter,
    rect: QtCore.QRectF,
    metres_per_pixel: float,
    scale: float = 1.0,
) -> ScaleBar:
    """Draw a two-segment scale bar in the bottom-left corner of ``rect``."""
    bar = scale_bar_for(metres_per_pixel, 120.0 * scale)
    if bar.pixels <= 0:
        return bar
    px = bar.pixels
    margin = 14 * scale
    h = 6 * scale
    x0 = rect.left() + margin
    y0 = rect.bottom() - margin - h
    painter.save()
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QtGui.QPen(QtGui.QColor(40, 40, 40), 1.0 * scale))
    half = px / 2
    painter.setBrush(QtGui.QColor(40, 40, 40))
    painter.drawRect(QtCore.QRectF(x0, y0, half, h))
    painter.setBrush(QtGui.QColor(255, 255, 255))
    painter.drawRect(QtCore.QRectF(x0 + half, y0, px - half, h))
    font = QtGui.QFont(painter.font())
    font.setPixelSize(max(8, round(11 * scale)))
    painter.setFont(font)
    _halo_text(
        painter, QtCore.QPointF(x0, y0 - 4 * scale), "0", QtGui.QColor(30, 30, 30)
    )
    fm = QtGui.QFontMetricsF(font)
    label = bar.label
    _halo_text(
        painter,
        QtCore.QPointF(x0 + px - fm.horizontalAdvance(label) / 2, y0 - 4 * scale),
        label,
        QtGui.QColor(30, 30, 30),
    )
    painter.restore()
    return bar


def paint_north_arrow(
    painter: QtGui.QPainter,
    rect: QtCore.QRectF,
    angle_deg: float = 0.0,
    scale: float = 1.0,
) -> None:
    """Draw a north arrow in the top-right corner, rotated ``angle_deg`` clockwise.

    ``angle_deg`` is the direction of true north measured clockwise from the map's
    up direction (grid convergence; within a few degrees across Great Britain).
    """
    size = 30 * scale
    cx = rect.right() - 14 * scale - size / 2
    cy = rect.top() + 14 * scale + size / 2 + 8 * scale
    painter.save()
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    painter.translate(cx, cy)
    painter.rotate(angle_deg)
    half = size / 2
    left = QtGui.QPolygonF(
        [
            QtCore.QPointF(0, -half),
            QtCore.QPointF(-half * 0.45, half * 0.6),
            QtCore.QPointF(0, half * 0.3),
        ]
    )
    right = QtGui.QPolygonF(
        [
            QtCore.QPointF(0, -half),
            QtCore.QPointF(half * 0.45, half * 0.6),
            QtCore.QPointF(0, half * 0.3),
        ]
    )
    pen = QtGui.QPen(QtGui.QColor(40, 40, 40), 1.0 * scale)
    painter.setPen(pen)
    painter.setBrush(QtGui.QColor(40, 40, 40))
    painter.drawPolygon(left)
    painter.setBrush(QtGui.QColor(255, 255, 255))
    painter.drawPolygon(right)
    font = QtGui.QFont(painter.font())
    font.setPixelSize(max(8, round(12 * scale)))
    font.setBold(True)
    painter.setFont(font)
    fm = QtGui.QFontMetricsF(font)
    _halo_text(
        painter,
        QtCore.QPointF(-fm.horizontalAdvance("N") / 2, -half - 3 * scale),
        "N",
        QtGui.QColor(30, 30, 30),
    )
    painter.restore()


@dataclass(frozen=True)
class ColourNote:
    """A colour ramp with a caption, for the density raster or a result raster."""

    title: str
    lut: np.ndarray  # (n, 4) uint8
    low: str
    high: str


def wrap_text(fm: QtGui.QFontMetricsF, text: str, width: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a word longer
    than the width gets a line of its own, elided).
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if fm.horizontalAdvance(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return [
        fm.elidedText(t, QtCore.Qt.TextElideMode.ElideRight, width) for t in lines
    ] or [""]


def paint_colour_notes(
    painter: QtGui.QPainter,
    rect: QtCore.QRectF,
    notes: list[ColourNote],
    scale: float = 1.0,
) -> None:
    """Draw colour ramps with captions stacked in the bottom-right corner."""
    if not notes:
        return
    font = QtGui.QFont(painter.font())
    font.setPixelSize(max(8, round(10 * scale)))
    fm = QtGui.QFontMetricsF(font)
    bar_w, bar_h = 140 * scale, 9 * scale
    pad = 6 * scale
    cap = min(320 * scale, max(rect.width() * 0.45, bar_w))
    titles = [wrap_text(fm, n.title, cap) for n in notes]
    width = max([bar_w] + [fm.horizontalAdvance(t) for ts in titles for t in ts])
    line = fm.height()
    total_h = sum(line * len(ts) + bar_h + line + pad for ts in titles) + pad
    x0 = rect.right() - 14 * scale - width - 2 * pad
    y = rect.bottom() - 14 * scale - total_h
    painter.save()
    painter.setFont(font)
    painter.setPen(QtGui.QPen(QtGui.QColor(180, 180, 180), 1.0))
    painter.setBrush(QtGui.QColor(255, 255, 255, 225))
    painter.drawRoundedRect(
        QtCore.QRectF(x0, y, width + 2 * pad, total_h), 3 * scale, 3 * scale
    )
    y += pad
    for note, lines in zip(notes, titles, strict=True):
        painter.setPen(QtGui.QColor(30, 30, 30))
        for text in lines:
            painter.drawText(QtCore.QPointF(x0 + pad, y + fm.ascent()), text)
            y += line
        grad = QtGui.QLinearGradient(x0 + pad, 0, x0 + pad + bar_w, 0)
        n = len(note.lut)
        for i in range(0, n, max(1, n // 16)):
            r, g, b, a = (int(v) for v in note.lut[i])
            grad.setColorAt(i / max(n - 1, 1), QtGui.QColor(r, g, b, a))
        r, g, b, a = (int(v) for v in note.lut[-1])
        grad.setColorAt(1.0, QtGui.QColor(r, g, b, a))
        painter.setPen(QtGui.QPen(QtGui.QColor(120, 120, 120), 1.0))
        painter.setBrush(QtGui.QBrush(grad))
        painter.drawRect(QtCore.QRectF(x0 + pad, y, bar_w, bar_h))
        y += bar_h
        painter.setPen(QtGui.QColor(60, 60, 60))
        painter.drawText(QtCore.QPointF(x0 + pad, y + fm.ascent()), note.low)
        painter.drawText(
            QtCore.QPointF(
                x0 + pad + bar_w - fm.horizontalAdvance(note.high), y + fm.ascent()
            ),
            note.high,
        )
        y += line + pad
    painter.restore()


class MapOverlay(QtWidgets.QWidget):
    """Transparent widget over the map viewport that paints the map furniture."""

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_NoSystemBackground)
        self.metres_per_pixel = 0.0
        self.north_angle = 0.0
        self.notes: list[ColourNote] = []
        self.last_bar = ScaleBar(0.0, 0.0)
        self._cache: QtGui.QPixmap | None = None
        self._cache_key: tuple | None = None

    def set_state(
        self, metres_per_pixel: float, north_angle: float, notes: list[ColourNote]
    ) -> None:
        self.metres_per_pixel = metres_per_pixel
        self.north_angle = north_angle
        self.notes = notes
        self.update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        # the overlay repaints with every map frame: draw it once per state into a
        # cached pixmap (text outlines are the slow part) and blit that
        dpr = self.devicePixelRatioF()
        key = (
            self.width(),
            self.height(),
            dpr,
            round(self.metres_per_pixel, 9),
            round(self.north_angle, 3),
            tuple((n.title, n.low, n.high, n.lut.tobytes()) for n in self.notes),
        )
        if key != self._cache_key or self._cache is None:
            pm = QtGui.QPixmap(
                max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr))
            )
            pm.setDevicePixelRatio(dpr)
            pm.fill(QtCore.Qt.GlobalColor.transparent)
            p = QtGui.QPainter(pm)
            rect = QtCore.QRectF(0, 0, self.width(), self.height())
            self.last_bar = paint_scale_bar(p, rect, self.metres_per_pixel)
            paint_north_arrow(p, rect, self.north_angle)
            paint_colour_notes(p, rect, self.notes)
            p.end()
            self._cache, self._cache_key = pm, key
        painter = QtGui.QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()
