"""The PNG/PDF briefing sheet, drawn with QPainter (works headless, offscreen).

Page 1 is the map sheet: protective marking at the top and bottom, title, date
range, the map drawn from the layers and their styles (the same colours as the
desktop map, from :mod:`workstation.styling`), legend, a scale bar of a round
length at a stated scale (its drawn length is ``length_m / scale`` exactly), a
grid-north arrow, data sources, attribution, method notes, author and time made.
A PDF adds pages for the horizon-scan table and the patrol plan when they exist;
every page carries the marking at top and bottom. A PNG is page 1.

The map is in the project's working CRS (British National Grid metres by default)
drawn at a uniform scale, so up the page is grid north, not true north; the sheet
says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from layers.textsafe import neutralise_bidi
from layers.validation import DataError
from workstation import styling
from workstation.export import briefing as bf

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A3": (297.0, 420.0),
}
#: Map scales offered (denominators are these times a power of ten).
NICE_SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5)
FONT = "DejaVu Sans"
MARGIN_MM = 10.0
BAND_MM = 7.0
HIDDEN_CLASSES = ("not_significant", "no_pattern")


def nice_scale(minimum: float) -> float:
    """The smallest 'round' scale denominator >= ``minimum`` (1:12,500, 1:25,000...)."""
    if minimum <= 0:
        return 1000.0
    k = math.floor(math.log10(minimum))
    for base in (*NICE_SCALES, 10.0):
        value = base * 10**k
        if value >= minimum * (1 - 1e-9):
            return float(value)
    return float(10 ** (k + 1))  # pragma: no cover


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 x 10^k metres not above ``max_m``."""
    if max_m <= 0:
        return 1.0
    k = math.floor(math.log10(max_m))
    for base in (5.0, 2.0, 1.0):
        if base * 10**k <= max_m:
            return float(base * 10**k)
    return float(10**k)  # pragma: no cover


def length_label(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km"
    return f"{metres:g} m"


@dataclass(frozen=True)
class SheetLayout:
    """Where everything sits on page 1, in millimetres from the top-left corner."""

    page: str
    landscape: bool
    page_mm: tuple[float, float]
    map_rect_mm: tuple[float, float, float, float]  # x, y, w, h
    extent: tuple[float, float, float, float]  # ground extent drawn (working CRS)
    scale: float  # map scale denominator (1:scale on the printed page)
    scalebar_m: float
    scalebar_mm: tuple[float, float, float, float]  # x, y, length, height
    north_mm: tuple[float, float, float]  # centre x, centre y, height
    legend_rect_mm: tuple[float, float, float, float]
    info_rect_mm: tuple[float, float, float, float]
    pages: int = 1
    #: What each page shows: ``(kind, first_row, end_row)``; kind is ``map``,
    #: ``scan``, ``patrol`` or ``notes`` (rows of a table page, end exclusive).
    page_plan: tuple[tuple[str, int, int], ...] = (("map", 0, 0),)

    @property
    def scalebar_length_mm(self) -> float:
        return self.scalebar_m * 1000.0 / self.scale

    def to_page(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Working-CRS metres to page millimetres (north up)."""
        mx, my, _, mh = self.map_rect_mm
        x0, y0 = self.extent[0], self.extent[1]
        px = mx + (np.asarray(x, float) - x0) * 1000.0 / self.scale
        py = my + mh - (np.asarray(y, float) - y0) * 1000.0 / self.scale
        return px, py


def plan_layout(
    briefing: bf.Briefing, page: str = "A4", landscape: bool = False
) -> SheetLayout:
    """Lay out page 1 and fix the map scale (rounded up so the extent fits)."""
    page = page.upper()
    if page not in PAGE_SIZES_MM:
        raise DataError(
            f"unknown page size {page!r}; use {' or '.join(PAGE_SIZES_MM)}",
            source="sheet",
        )
    w, h = PAGE_SIZES_MM[page]
    if landscape:
        w, h = h, w
    big = page == "A3"
    top = MARGIN_MM + BAND_MM + 3.0
    head_h = 20.0 if big else 17.0
    bottom = h - MARGIN_MM - BAND_MM - 3.0
    info_h = 46.0 if big else 40.0
    map_y = top + head_h
    if landscape:
        legend_w = 78.0 if big else 66.0
        map_rect = (MARGIN_MM, map_y, w - 2 * MARGIN_MM - legend_w - 4.0, 0.0)
        map_h = bottom - info_h - 3.0 - map_y
        map_rect = (map_rect[0], map_y, map_rect[2], map_h)
        legend = (w - MARGIN_MM - legend_w, map_y, legend_w, map_h)
    else:
        legend_h = 62.0 if big else 52.0
        map_h = bottom - info_h - legend_h - 6.0 - map_y
        map_rect = (MARGIN_MM, map_y, w - 2 * MARGIN_MM, map_h)
        legend = (MARGIN_MM, map_y + map_h + 3.0, w - 2 * MARGIN_MM, legend_h)
    info = (MARGIN_MM, bottom - info_h, w - 2 * MARGIN_MM, info_h)
    mx, my, mw, mh = map_rect
    xmin, ymin, xmax, ymax = briefing.extent
    need = max((xmax - xmin) / (mw / 1000.0), (ymax - ymin) / (mh / 1000.0))
    scale = nice_scale(need)
    gw, gh = mw / 1000.0 * scale, mh / 1000.0 * scale
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    extent = (cx - gw / 2, cy - gh / 2, cx + gw / 2, cy + gh / 2)
    bar_m = nice_length(gw * 0.28)
    bar_len = bar_m * 1000.0 / scale
    bar = (mx + 6.0, my + mh - 9.0, bar_len, 2.2)
    north = (mx + mw - 10.0, my + 13.0, 14.0)
    plan = _page_plan(briefing, (w, h))
    pages = len(plan)
    return SheetLayout(
        page,
        landscape,
        (w, h),
        map_rect,
        extent,
        scale,
        bar_m,
        bar,
        north,
        legend,
        info,
        pages,
        plan,
    )


def _page_plan(b: bf.Briefing, page_mm: tuple[float, float]) -> tuple:
    """Pages in order; a table runs on over as many pages as its rows need."""
    plan: list[tuple[str, int, int]] = [("map", 0, 0)]
    for kind in _page_kinds(b)[1:]:
        if kind == "notes":
            plan.extend(("notes", a, z) for a, z in _notes_chunks(b, page_mm))
            continue
        df, scan, _, note = _table_of(b, kind)
        for start, end in _table_chunks(df, scan, note, page_mm):
            plan.append((kind, start, end))
    return tuple(plan)


def _notes_shortened(b: bf.Briefing) -> bool:
    return any(bf.short_note(t) != t for _, t in b.method_notes)


def _table_of(b: bf.Briefing, kind: str) -> tuple[pd.DataFrame, bool, str, str]:
    """(rows in print order, is-scan, title, note) of a table page kind."""
    if kind == "scan":
        t = b.scan_table
        t = t.sort_values("rank") if "rank" in t else t
        note = next((n for name, n in b.method_notes if "scan" in name.lower()), "")
        note = bf.short_note(note) if note else ""
        return t.reset_index(drop=True), True, "Horizon scan: what is rising", note
    t = b.patrol_table.reset_index(drop=True)
    return t, False, "Patrol plan", ""


class _MeasureDevice:
    """Stands in for a painter where only text metrics are needed (a 300 dpi image)."""

    def __init__(self, dpi: float = 300.0) -> None:
        ensure_gui_app()
        self.image = QImage(8, 8, QImage.Format_ARGB32_Premultiplied)
        dpm = round(dpi / 0.0254)
        self.image.setDotsPerMeterX(dpm)
        self.image.setDotsPerMeterY(dpm)

    def device(self) -> QImage:
        return self.image


#: Slack (mm) left at a table page's foot when paginating: text metrics of the
#: PDF device may differ a little from the measuring image's.
TABLE_SLACK_MM = 1.5
ROW_TEXT_PT = 6.6


def _table_top(pg: _Page, width: float, note: str, first: bool) -> float:
    """Page y (mm) where a table's first row goes (below title, note, header)."""
    y = MARGIN_MM + BAND_MM + 21.0 + 7.5
    if first and note:
        y += min(pg.wrapped_height(width, note, 7.0), 14.0) + 2
    return y + 5.5


def _table_bottom(h: float) -> float:
    return h - MARGIN_MM - BAND_MM - 6.0


def _row_height(pg: _Page, texts: list[str], widths: list[float]) -> float:
    return max(
        4.2,
        max(
            pg.wrapped_height(cw - 2, tx, ROW_TEXT_PT)
            for tx, cw in zip(texts, widths, strict=True)
        )
        + 1.0,
    )


def _table_widths(df: pd.DataFrame, scan: bool, w: float) -> tuple[list, list]:
    spec = _table_spec(df, scan)
    total = sum(s[2] for s in spec)
    return spec, [(w - 2 * MARGIN_MM) * s[2] / total for s in spec]


def _table_chunks(
    df: pd.DataFrame, scan: bool, note: str, page_mm: tuple[float, float]
) -> list[tuple[int, int]]:
    """Row ranges per page so every row is printed (at least one row a page)."""
    w, h = page_mm
    pg = _Page(_MeasureDevice(), 300.0)  # type: ignore[arg-type]
    spec, widths = _table_widths(df, scan, w)
    bottom = _table_bottom(h) - TABLE_SLACK_MM
    chunks, start = [], 0
    y = _table_top(pg, w - 2 * MARGIN_MM, note, True)
    for i, (_, row) in enumerate(df.iterrows()):
        rh = _row_height(pg, [_format_cell(row[c]) for c, _, _ in spec], widths)
        if y + rh > bottom and i > start:
            chunks.append((start, i))
            start = i
            y = _table_top(pg, w - 2 * MARGIN_MM, note, False)
        y += rh
    chunks.append((start, len(df)))
    return chunks


def _page_kinds(b: bf.Briefing) -> list[str]:
    kinds = ["map"]
    if b.scan_table is not None and len(b.scan_table):
        kinds.append("scan")
    if b.patrol_table is not None and len(b.patrol_table):
        kinds.append("patrol")
    if _notes_shortened(b):
        kinds.append("notes")
    return kinds


# -- drawing ----------------------------------------------------------------------


def _font(size_pt: float, bold: bool = False) -> QFont:
    f = QFont(FONT)
    f.setPointSizeF(size_pt)
    f.setBold(bold)
    # no ligatures, so the PDF's text extracts and searches as typed ("fi", not "ﬁ")
    f.setFeature(QFont.Tag("liga"), 0)
    return f


class _Page:
    """Millimetre helpers over a painter on a device with ``dpi`` dots per inch."""

    def __init__(self, painter: QPainter, dpi: float) -> None:
        self.p = painter
        self.k = dpi / 25.4
        self._heights: dict[tuple, float] = {}

    def r(self, x: float, y: float, w: float, h: float) -> QRectF:
        k = self.k
        return QRectF(x * k, y * k, w * k, h * k)

    def pt(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.k, y * self.k)

    def font(self, size_pt: float, bold: bool = False) -> QFont:
        f = _font(size_pt, bold)
        self.p.setFont(f)
        return f

    def text(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        size: float = 8.0,
        bold: bool = False,
        flags: int = int(Qt.AlignLeft | Qt.AlignTop),
        colour: str = "#1d1d1b",
    ) -> None:
        self.font(size, bold)
        self.p.setPen(QColor(colour))
        self.p.drawText(self.r(x, y, w, h), flags, neutralise_bidi(str(text)))

    def wrapped_height(self, w: float, text: str, size: float, bold=False) -> float:
        key = (w, text, size, bold)
        if key not in self._heights:  # tables repeat their short texts a lot
            fm = QFontMetricsF(_font(size, bold), self.p.device())
            rect = fm.boundingRect(
                QRectF(0, 0, w * self.k, 10000),
                int(Qt.TextWordWrap),
                neutralise_bidi(str(text)),
            )
            self._heights[key] = rect.height() / self.k
        return self._heights[key]

    def width(self, text: str, size: float, bold: bool = False) -> float:
        f = _font(size, bold)
        return QFontMetricsF(f, self.p.device()).horizontalAdvance(text) / self.k

    def elide(self, text: str, w: float, size: float, bold: bool = False) -> str:
        """``text`` shortened with an ellipsis to fit ``w`` mm on one line."""
        fm = QFontMetricsF(_font(size, bold), self.p.device())
        return fm.elidedText(neutralise_bidi(str(text)), Qt.ElideRight, w * self.k)

    def fit_lines(
        self, text: str, w: float, size: float, lines: int, bold: bool = False
    ) -> tuple[str, float]:
        """``text`` wrapped to ``w`` mm in at most ``lines`` lines, and its height.

        The last line is shortened with an ellipsis if need be.
        """
        one = QFontMetricsF(_font(size, bold), self.p.device()).height() / self.k
        text = neutralise_bidi(str(text))
        if self.wrapped_height(w, text, size, bold) <= one * lines + 0.01:
            return text, self.wrapped_height(w, text, size, bold)
        words, kept = text.split(), ""
        for word in words:  # the longest run of words that wraps in lines - 1
            trial = f"{kept} {word}".strip()
            if self.wrapped_height(w, trial, size, bold) > one * (lines - 1) + 0.01:
                break
            kept = trial
        rest = text[len(kept) :].strip()
        last = self.elide(rest, w, size, bold)
        out = f"{kept}\n{last}" if kept else last
        return out, self.wrapped_height(w, out, size, bold)


def _qcolor(rgba) -> QColor:
    r, g, b, a = (int(v) for v in rgba)
    return QColor(r, g, b, a)


def _fits(text: str, font: QFont, device, width: float) -> bool:
    return QFontMetricsF(font, device).horizontalAdvance(text) <= width


def draw_marking_banner(
    painter: QPainter, rect: QRectF, marking: str, descriptor: str = ""
) -> None:
    """Draw a protective-marking banner (white on black) filling ``rect``.

    The marking (``OFFICIAL-SENSITIVE``) is always drawn whole; a descriptor that
    does not fit beside it first shrinks the line (11 pt down to 8 pt), then moves
    to a second, smaller line, and is shortened with an ellipsis only as a last
    resort (the file's metadata keeps it whole). ``rect`` is in the painter's
    device units; font sizes are points, so any device (PDF, image) works.
    Used by every sheet page and the patrol sheets.
    """
    device = painter.device()
    marking = neutralise_bidi(" ".join(str(marking).split()))
    descriptor = neutralise_bidi(" ".join(str(descriptor or "").split()))
    pad = rect.height() * 0.4
    inner = rect.adjusted(pad, 0, -pad, 0)
    painter.save()
    painter.fillRect(rect, QColor("#000"))
    painter.setPen(QColor("#ffffff"))
    painter.setClipRect(rect)
    full = f"{marking} - {descriptor}" if descriptor else marking
    for size in (11.0, 10.0, 9.0, 8.0):
        f = _font(size, True)
        if _fits(full, f, device, inner.width()):
            painter.setFont(f)
            painter.drawText(inner, int(Qt.AlignCenter), full)
            painter.restore()
            return
    # two lines: the marking whole above, the descriptor below (shortened if need be)
    top = QRectF(inner.x(), inner.y(), inner.width(), inner.height() * 0.56)
    bottom = QRectF(
        inner.x(), top.bottom(), inner.width(), inner.height() - top.height()
    )
    f = _font(9.0, True)
    while not _fits(marking, f, device, inner.width()) and f.pointSizeF() > 5:
        f.setPointSizeF(f.pointSizeF() - 0.5)  # only a very narrow banner
    painter.setFont(f)
    painter.drawText(top, int(Qt.AlignHCenter | Qt.AlignBottom), marking)
    f = _font(6.5, True)
    text = QFontMetricsF(f, device).elidedText(descriptor, Qt.ElideRight, inner.width())
    painter.setFont(f)
    painter.drawText(bottom, int(Qt.AlignHCenter | Qt.AlignTop), text)
    painter.restore()


def _draw_marking(
    pg: _Page, w: float, h: float, marking: str, descriptor: str = ""
) -> None:
    """The marking banner at the top and the bottom of a page (``w`` x ``h`` mm)."""
    for y in (MARGIN_MM - 4.0, h - MARGIN_MM - BAND_MM + 4.0):
        rect = pg.r(MARGIN_MM, y, w - 2 * MARGIN_MM, BAND_MM)
        draw_marking_banner(pg.p, rect, marking, descriptor)


def _poly_path(pg: _Page, lay: SheetLayout, geom) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        if poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            c = np.asarray(ring.coords)
            px, py = lay.to_page(c[:, 0], c[:, 1])
            qp = QPolygonF(
                [QPointF(a * pg.k, b * pg.k) for a, b in zip(px, py, strict=True)]
            )
            path.addPolygon(qp)
            path.closeSubpath()
    return path


def _draw_polygons(pg, lay, b: bf.Briefing, layer: Layer) -> None:
    style = styling.effective_style(layer)
    rows = b.rows(layer)
    opacity = float(style.get("opacity", 1.0))
    outline = styling.hex_to_rgba(style.get("outline", "#444444"), opacity)
    width_mm = max(0.15, float(style.get("outline_width", 1.0)) * 0.25)
    mode = style.get("mode", "single")
    if mode == "classes":
        column = style.get("classes_column", "hotspot_class")
        values = layer.frame[column].astype(str).to_numpy()
        rows = rows[~np.isin(values[rows], HIDDEN_CLASSES)]
        fills = styling.class_rgba(layer, rows, style)
    else:
        chor = bf.polygon_values(layer, b)
        if chor is not None:
            values, cls = chor
            if mode == "raster":
                rows = rows[np.isfinite(values[rows])]
            fa = float(style.get("fill_opacity", 0.75)) * opacity
            fills = cls.rgba(values[rows], fa)
        else:
            fills = np.tile(
                styling.hex_to_rgba(
                    style.get("fill", "#cccccc"),
                    float(style.get("fill_opacity", 0.0)) * opacity,
                ),
                (len(rows), 1),
            )
    xmin, ymin, xmax, ymax = lay.extent
    geoms = layer.frame.geometry.to_numpy()[rows]
    view = shapely.box(xmin, ymin, xmax, ymax)
    hit = shapely.intersects(geoms, view)
    tol = lay.scale / 1000.0 * 0.1  # 0.1 mm on paper
    pen = QPen(_qcolor(outline))
    pen.setWidthF(width_mm * pg.k)
    pen.setJoinStyle(Qt.RoundJoin)
    no_pen = outline[3] == 0
    for g, fill, ok in zip(geoms, fills, hit, strict=True):
        if not ok or g is None:
            continue
        g = shapely.simplify(g, tol, preserve_topology=True)
        path = _poly_path(pg, lay, g)
        pg.p.setBrush(QBrush(_qcolor(fill)) if fill[3] > 0 else Qt.NoBrush)
        pg.p.setPen(Qt.NoPen if no_pen else pen)
        pg.p.drawPath(path)


def _draw_lines(pg, lay, b: bf.Briefing, layer: Layer) -> None:
    style = styling.effective_style(layer)
    colour = QColor(style.get("color", "#1f78b4"))
    pen = QPen(colour)
    pen.setWidthF(0.8 * pg.k)
    pen.setCapStyle(Qt.RoundCap)
    if b.result_type(layer) == bf.RESULT_PATROL_PLAN:
        pen.setStyle(Qt.DashLine)
    pg.p.setPen(pen)
    pg.p.setBrush(Qt.NoBrush)
    for g in layer.frame.geometry.to_numpy()[b.rows(layer)]:
        for line in getattr(g, "geoms", [g]):
            c = np.asarray(line.coords)
            px, py = lay.to_page(c[:, 0], c[:, 1])
            pg.p.drawPolyline(
                QPolygonF(
                    [QPointF(a * pg.k, c_ * pg.k) for a, c_ in zip(px, py, strict=True)]
                )
            )


#: Above this many points in the map frame a point layer is drawn as a density
#: surface (as the desktop map does): single points cannot be told apart on paper.
DENSITY_ABOVE = 50_000
#: Above this many points, points are painted into an image embedded in the PDF
#: (vector points make large, slow PDFs).
RASTER_POINTS_ABOVE = 5_000


@dataclass(frozen=True)
class _Density:
    counts: np.ndarray  # (ny, nx), row 0 at the top of the map
    cell_m: float
    n: int

    @property
    def cmax(self) -> int:
        return int(self.counts.max()) if self.counts.size else 0

    def rgba(self) -> np.ndarray:
        """(ny, nx, 4) colours as the desktop map's density raster; empty clear."""
        out = styling.density_lut()[styling.density_levels(self.counts, self.cmax)]
        out[self.counts == 0] = 0
        return out

    def legend(self, k: int = 5) -> list[styling.LegendEntry]:
        """Stops from 1 to the largest cell count, log-spaced as the colours are."""
        lut = styling.density_lut()
        values = sorted(
            {int(np.rint(v)) for v in np.geomspace(1, max(self.cmax, 1), k)}
        )
        levels = styling.density_levels(np.array(values), self.cmax)
        return [
            styling.LegendEntry(f"{v:,}", tuple(lut[lv]), tuple(lut[lv]), "square")
            for v, lv in zip(values, levels, strict=True)
        ]


def _points_in_view(lay: SheetLayout, b: bf.Briefing, layer: Layer):
    rows = b.rows(layer)
    xy = layer.xy[rows]
    x0, y0, x1, y1 = lay.extent
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    return rows[inside], xy[inside]


def _density(lay: SheetLayout, b: bf.Briefing, layer: Layer) -> _Density | None:
    rows, xy = _points_in_view(lay, b, layer)
    if len(rows) <= DENSITY_ABOVE:
        return None
    cell_m = lay.scale / 1000.0  # 1 mm on paper
    x0, y0, x1, y1 = lay.extent
    nx = max(1, round((x1 - x0) / cell_m))
    ny = max(1, round((y1 - y0) / cell_m))
    counts, _, _ = np.histogram2d(
        xy[:, 1], xy[:, 0], bins=[ny, nx], range=[[y0, y1], [x0, x1]]
    )
    return _Density(counts[::-1].astype(np.int64), cell_m, len(rows))  # north up


def _numpy_image(rgba: np.ndarray) -> QImage:
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    h, w, _ = rgba.shape
    img = QImage(rgba.data, w, h, 4 * w, QImage.Format_RGBA8888)
    return img.copy()  # own the pixels


def _draw_density(pg: _Page, lay: SheetLayout, d: _Density) -> None:
    img = _numpy_image(d.rgba())
    mx, my, mw, mh = lay.map_rect_mm
    pg.p.save()
    pg.p.setRenderHint(QPainter.SmoothPixmapTransform, False)
    pg.p.drawImage(pg.r(mx, my, mw, mh), img)
    pg.p.restore()


def _draw_raster(pg: _Page, lay: SheetLayout, surface: bf.Raster) -> None:
    x0, y0, x1, y1 = surface.extent
    px, py = lay.to_page(np.array([x0, x1]), np.array([y1, y0]))  # top-left first
    img = _numpy_image(surface.rgba())
    pg.p.save()
    pg.p.setRenderHint(QPainter.SmoothPixmapTransform, True)
    pg.p.drawImage(pg.r(px[0], py[0], px[1] - px[0], py[1] - py[0]), img)
    pg.p.restore()


def _draw_points(pg, lay, b: bf.Briefing, layer: Layer) -> None:
    style = styling.effective_style(layer)
    dens = _density(lay, b, layer)
    if dens is not None:
        _draw_density(pg, lay, dens)
        return
    rows, xy = _points_in_view(lay, b, layer)
    if not len(rows):
        return
    px, py = lay.to_page(xy[:, 0], xy[:, 1])
    rgba = styling.point_rgba(layer, rows)
    size_mm = max(0.6, float(style.get("size", 5.0)) * 0.2)
    mx, my, mw, mh = lay.map_rect_mm
    painter, k = pg.p, pg.k
    image = None
    if len(rows) > RASTER_POINTS_ABOVE:
        k = min(pg.k, 300 / 25.4)
        image = QImage(round(mw * k), round(mh * k), QImage.Format_ARGB32_Premultiplied)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing, True)
        px, py = px - mx, py - my
    try:
        keys = rgba.view(np.uint32).reshape(-1)
        pen = QPen()
        pen.setCapStyle(Qt.RoundCap)
        pen.setWidthF(size_mm * k)
        for key in np.unique(keys):
            sel = keys == key
            pen.setColor(_qcolor(rgba[np.argmax(sel)]))
            painter.setPen(pen)
            painter.drawPoints(
                QPolygonF(
                    [
                        QPointF(a * k, c * k)
                        for a, c in zip(px[sel], py[sel], strict=True)
                    ]
                )
            )
    finally:
        if image is not None:
            painter.end()
    if image is not None:
        pg.p.drawImage(pg.r(mx, my, mw, mh), image)


def _draw_markers(pg, lay, b: bf.Briefing, layer: Layer) -> None:
    rows = b.rows(layer)
    style = styling.effective_style(layer)
    colour = QColor(style.get("color", "#006d2c"))
    patrol = b.result_type(layer) == bf.RESULT_PATROL_PLAN
    xy = layer.xy[rows]
    px, py = lay.to_page(xy[:, 0], xy[:, 1])
    order_col = next(
        (c for c in ("place_id", "order", "sequence", "rank") if c in layer.frame),
        None,
    )
    label_col = style.get("label_column")
    show_labels = label_col in layer.frame and len(rows) <= 25 if label_col else False
    pen = QPen(QColor("#ffffff"))
    pen.setWidthF(0.35 * pg.k)
    for i, r in enumerate(rows):
        x, y = float(px[i]), float(py[i])
        pg.p.setPen(pen)
        pg.p.setBrush(QBrush(colour))
        if patrol:
            d = 4.2
            pg.p.drawEllipse(pg.r(x - d / 2, y - d / 2, d, d))
            label = str(layer.frame[order_col].iloc[r]) if order_col else str(i + 1)
            pg.text(
                x - d / 2,
                y - d / 2,
                d,
                d,
                label,
                6.5,
                True,
                int(Qt.AlignCenter),
                "#ffffff",
            )
        else:
            d = 2.6
            pg.p.drawRect(pg.r(x - d / 2, y - d / 2, d, d))
            if show_labels:
                pg.text(
                    x + 2.0, y - 2.0, 40, 4, str(layer.frame[label_col].iloc[r]), 6.0
                )


def _draw_map(pg: _Page, lay: SheetLayout, b: bf.Briefing) -> None:
    mx, my, mw, mh = lay.map_rect_mm
    pg.p.save()
    pg.p.fillRect(pg.r(mx, my, mw, mh), QColor("#ffffff"))
    pg.p.setClipRect(pg.r(mx, my, mw, mh))
    pg.p.setRenderHint(QPainter.Antialiasing, True)
    for layer in b.layers:
        if len(layer) == 0:
            surface = bf.raster_of(layer)
            if surface is not None:
                _draw_raster(pg, lay, surface)
            continue
        if b.result_type(layer) == bf.RESULT_SCAN:
            continue
        if bf.is_polygon_layer(layer):
            _draw_polygons(pg, lay, b, layer)
        elif bf.is_line_layer(layer):
            _draw_lines(pg, lay, b, layer)
        elif bf.is_point_layer(layer):
            if layer.kind == LayerKind.ASSET or (
                b.result_type(layer) == bf.RESULT_PATROL_PLAN
            ):
                _draw_markers(pg, lay, b, layer)
            else:
                _draw_points(pg, lay, b, layer)
    pg.p.restore()
    pen = QPen(QColor("#1d1d1b"))
    pen.setWidthF(0.3 * pg.k)
    pg.p.setPen(pen)
    pg.p.setBrush(Qt.NoBrush)
    pg.p.drawRect(pg.r(mx, my, mw, mh))
    _draw_scalebar(pg, lay)
    _draw_north(pg, lay)


def _draw_scalebar(pg: _Page, lay: SheetLayout) -> None:
    x, y, length, h = lay.scalebar_mm
    pad = 2.0
    label_w = pg.width(length_label(lay.scalebar_m), 6.5)
    box = (x - pad, y - 6.0, length + label_w / 2 + 2 * pad + 1, h + 10.5)
    pg.p.fillRect(pg.r(*box), QColor(255, 255, 255, 235))
    pen = QPen(QColor("#000000"))
    pen.setWidthF(0.2 * pg.k)
    pg.p.setPen(pen)
    seg = length / 4
    for i in range(4):
        pg.p.setBrush(QColor("#000000") if i % 2 == 0 else QColor("#ffffff"))
        pg.p.drawRect(pg.r(x + i * seg, y, seg, h))
    for frac, value in ((0, 0.0), (0.5, lay.scalebar_m / 2), (1, lay.scalebar_m)):
        text = "0" if value == 0 else length_label(value)
        tw = pg.width(text, 6.5)
        pg.text(x + frac * length - tw / 2, y - 4.2, tw + 1, 4, text, 6.5)
    pg.text(
        x,
        y + h + 0.8,
        length + 30,
        3.5,
        f"Scale 1:{lay.scale:,.0f} at {lay.page}",
        6.0,
        colour="#333333",
    )


def _draw_north(pg: _Page, lay: SheetLayout) -> None:
    cx, cy, h = lay.north_mm
    pg.p.setPen(Qt.NoPen)
    pg.p.setBrush(QColor(255, 255, 255, 235))
    pg.p.drawRoundedRect(
        pg.r(cx - 6, cy - h / 2 - 4.5, 12, h + 8.5), 1.5 * pg.k, 1.5 * pg.k
    )
    top, base = cy - h / 2 + 1.5, cy + h / 2 - 3.0
    left = QPolygonF([pg.pt(cx, top), pg.pt(cx - 3, base), pg.pt(cx, base - 2.2)])
    right = QPolygonF([pg.pt(cx, top), pg.pt(cx + 3, base), pg.pt(cx, base - 2.2)])
    pen = QPen(QColor("#000000"))
    pen.setWidthF(0.2 * pg.k)
    pg.p.setPen(pen)
    pg.p.setBrush(QColor("#000000"))
    pg.p.drawPolygon(left)
    pg.p.setBrush(QColor("#ffffff"))
    pg.p.drawPolygon(right)
    pg.text(cx - 5, cy - h / 2 - 4.3, 10, 4.5, "N", 8.5, True, int(Qt.AlignCenter))
    pg.text(cx - 6, base + 0.3, 12, 3.5, "Grid N", 5.5, False, int(Qt.AlignCenter))


def _legend_blocks(
    b: bf.Briefing, lay: SheetLayout | None = None
) -> list[tuple[str, list[styling.LegendEntry], str]]:
    blocks = []
    for layer in reversed(b.layers):
        if len(layer) == 0:
            surface = bf.raster_of(layer)
            if surface is not None:
                entries = [
                    styling.LegendEntry(
                        label, styling.hex_to_rgba(c), styling.hex_to_rgba(c), "square"
                    )
                    for label, c in surface.legend()
                ]
                blocks.append((layer.name, entries, surface.units))
            continue
        if b.result_type(layer) == bf.RESULT_SCAN:
            continue
        rows = b.rows(layer)
        style = styling.effective_style(layer)
        note = ""
        cls = None
        chor = bf.polygon_values(layer, b) if bf.is_polygon_layer(layer) else None
        if chor is not None:
            cls = chor[1]
            note = bf.choropleth_title(layer)
        if style.get("mode") == "raster" and cls is not None:
            entries = [
                styling.LegendEntry(
                    lbl, styling.hex_to_rgba(c), styling.hex_to_rgba(c), "square"
                )
                for lbl, c in zip(cls.labels, cls.colours, strict=True)
            ]
        else:
            entries = styling.legend_entries(
                layer,
                classification=cls,
                present_only=rows if layer.is_temporal else None,
            )
        if style.get("mode") == "classes":
            column = style.get("classes_column", "hotspot_class")
            palette = styling.CLASS_PALETTES.get(column, {})
            present = set(layer.frame[column].astype(str).to_numpy()[rows])
            keys = [k for k in palette if k in set(layer.frame[column].astype(str))]
            entries = [
                e
                for k, e in zip(keys, entries, strict=False)
                if k in present and k not in HIDDEN_CLASSES
            ]
            note = "Cells with no significant pattern are not drawn."
        dens = (
            _density(lay, b, layer)
            if lay is not None
            and bf.is_point_layer(layer)
            and layer.kind in (LayerKind.CRIME, LayerKind.DEMAND)
            else None
        )
        if dens is not None:
            entries = dens.legend()
            note = (
                f"{dens.n:,} records drawn as density, "
                f"{styling.density_note(dens.cell_m)}, as on the desktop map: too "
                "many to show as single points at this scale."
            )
        elif layer.is_temporal:
            note = (note + " " if note else "") + f"{len(rows):,} records shown."
        if bf.is_line_layer(layer):
            entries = [
                styling.LegendEntry(
                    layer.name,
                    styling.hex_to_rgba(style.get("color", "#1f78b4")),
                    styling.hex_to_rgba(style.get("color", "#1f78b4")),
                    "line",
                )
            ]
        blocks.append((layer.name, entries, note))
    return blocks


def _draw_swatch(pg: _Page, x: float, y: float, e: styling.LegendEntry) -> None:
    pen = QPen(_qcolor(e.stroke))
    pen.setWidthF(0.2 * pg.k)
    if e.shape == "line":
        pen.setWidthF(0.8 * pg.k)
        pen.setStyle(Qt.DashLine)
        pg.p.setPen(pen)
        pg.p.drawLine(pg.pt(x, y + 1.5), pg.pt(x + 4.5, y + 1.5))
        return
    pg.p.setBrush(QBrush(_qcolor(e.fill)))
    if e.stroke[3] == 0:
        pen = QPen(QColor(0, 0, 0, 90))
        pen.setWidthF(0.15 * pg.k)
    pg.p.setPen(pen)
    if e.shape == "point" and e.symbol == "s":
        pg.p.drawRect(pg.r(x + 0.8, y + 0.2, 2.6, 2.6))
    elif e.shape == "point":
        pg.p.drawEllipse(pg.r(x + 0.8, y + 0.2, 2.6, 2.6))
    else:
        pg.p.drawRect(pg.r(x, y, 4.2, 3.0))


LEGEND_LINE_MM = 3.6
LEGEND_TITLE_PT = 7.0
LEGEND_LABEL_PT = 6.5
LEGEND_NOTE_PT = 5.8


class _LegendFlow:
    """Columns of the legend box, filled top to bottom.

    The last column keeps one line free for a count of what did not fit, so
    nothing is overprinted.
    """

    def __init__(self, rect: tuple[float, float, float, float]) -> None:
        self.x0, self.y0, self.w, self.h = rect
        col_w = 62.0 if self.w > 70 else self.w
        self.ncols = max(1, int(self.w // col_w))
        self.col_w = self.w / self.ncols
        self.col, self.y = 0, self.y0 + 5.5

    @property
    def x(self) -> float:
        return self.x0 + self.col * self.col_w

    @property
    def last(self) -> bool:
        return self.col >= self.ncols - 1

    @property
    def bottom(self) -> float:
        end = self.y0 + self.h
        return end - LEGEND_LINE_MM if self.last else end

    def room(self) -> float:
        return self.bottom - self.y

    def next_column(self) -> bool:
        if self.last:
            return False
        self.col, self.y = self.col + 1, self.y0 + 5.5
        return True


def _draw_legend(pg: _Page, lay: SheetLayout, b: bf.Briefing) -> None:
    """Layer blocks (title, swatches, note) in columns; never overprinted.

    Titles wrap to two lines (then shorten), labels shorten to their column, a
    block's entries that do not fit end in "+ N more", and layers with no room
    are named on the last line.
    """
    x0, y0, w, _ = lay.legend_rect_mm
    pg.text(x0, y0, w, 5, "Legend", 9.0, True)
    flow = _LegendFlow(lay.legend_rect_mm)
    blocks = _legend_blocks(b, lay)
    cap = _legend_cap(pg, flow, blocks)
    for k, block in enumerate(blocks):
        if not _legend_block(pg, flow, block, cap):
            left = [name for name, _, _ in blocks[k:]]
            text = f"+ {len(left)} more layer{'s' * (len(left) > 1)}: " + ", ".join(
                left
            )
            y = flow.y0 + flow.h - LEGEND_LINE_MM
            fx = flow.x0 + (flow.ncols - 1) * flow.col_w
            pg.text(fx, y, flow.col_w - 2, LEGEND_LINE_MM,
                    pg.elide(text, flow.col_w - 2, 6.2), 6.2, colour="#444444")  # fmt: skip
            return


def _legend_cap(pg: _Page, flow: _LegendFlow, blocks) -> int | None:
    """Most entries per block so that every block fits (None: no cap needed).

    A layer with 40 categories must not push the next layers' legends off the
    sheet: long blocks are cut (ending in "+ N more") before any block is lost.
    """
    # millimetres: every column's height, less the last line (kept for a count)
    # and a line per column break (a block moved whole to the next column)
    capacity = flow.ncols * (flow.h - 5.5) - LEGEND_LINE_MM * flow.ncols
    cw = flow.col_w - 2

    def lines(cap: int | None) -> float:
        total = 0.0
        for name, entries, note in blocks:
            _, th = pg.fit_lines(name, cw, LEGEND_TITLE_PT, 2, True)
            n = len(entries) if cap is None else min(len(entries), cap)
            more = 1 if cap is not None and len(entries) > cap else 0
            nh = min(pg.wrapped_height(cw, note, LEGEND_NOTE_PT), 8.0) if note else 0
            total += th + 0.6 + (n + more) * LEGEND_LINE_MM + nh + 1.5
        return total

    if lines(None) <= capacity:
        return None
    longest = max((len(e) for _, e, _ in blocks), default=0)
    for cap in range(longest, 0, -1):
        if lines(cap) <= capacity:
            return cap
    return 1


def _legend_block(pg: _Page, flow: _LegendFlow, block, cap: int | None) -> bool:
    """Draw one layer's block at the flow's cursor; False when it has no room."""
    name, entries, note = block
    cw = flow.col_w - 2
    hidden = 0
    if cap is not None and len(entries) > cap:
        entries, hidden = entries[:cap], len(entries) - cap
    title, th = pg.fit_lines(name, cw, LEGEND_TITLE_PT, 2, True)
    shown = min(len(entries), 3)
    if flow.room() < th + LEGEND_LINE_MM * max(shown, 1) and flow.y > flow.y0 + 5.5:
        flow.next_column()
    if flow.room() < th + (LEGEND_LINE_MM if entries else 0):
        return False
    flags = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)
    pg.text(flow.x, flow.y, cw, th + 0.5, title, LEGEND_TITLE_PT, True, flags)
    flow.y += th + 0.6
    i = 0
    while i < len(entries):
        if flow.room() < LEGEND_LINE_MM and not flow.next_column():
            break
        left = len(entries) - i
        fits = int(flow.room() // LEGEND_LINE_MM)
        if flow.last and left > fits:  # the last line of the box says what is left
            for e in entries[i : i + fits - 1]:
                _legend_entry(pg, flow, e)
            i += max(fits - 1, 0)
            pg.text(flow.x + 6, flow.y, cw - 6, LEGEND_LINE_MM,
                    f"+ {len(entries) - i + hidden:,} more", 6.2, colour="#444444")  # fmt: skip
            flow.y += LEGEND_LINE_MM
            return True
        _legend_entry(pg, flow, entries[i])
        i += 1
    if hidden and (flow.room() >= LEGEND_LINE_MM or flow.next_column()):
        pg.text(flow.x + 6, flow.y, cw - 6, LEGEND_LINE_MM,
                f"+ {hidden:,} more", 6.2, colour="#444444")  # fmt: skip
        flow.y += LEGEND_LINE_MM
    if note:
        lines = int(min(flow.room(), 8.0) // 2.3)
        if lines >= 1:
            text, nh = pg.fit_lines(note, cw, LEGEND_NOTE_PT, lines)
            pg.text(flow.x, flow.y, cw, nh + 0.5, text, LEGEND_NOTE_PT,
                    flags=flags, colour="#444444")  # fmt: skip
            flow.y += nh
    flow.y += 1.5
    return True


def _legend_entry(pg: _Page, flow: _LegendFlow, e: styling.LegendEntry) -> None:
    _draw_swatch(pg, flow.x, flow.y + 0.2, e)
    width = flow.col_w - 8
    label = pg.elide(e.label, width, LEGEND_LABEL_PT)
    pg.text(flow.x + 6, flow.y, width, LEGEND_LINE_MM, label, LEGEND_LABEL_PT)
    flow.y += LEGEND_LINE_MM


def _draw_header(pg: _Page, lay: SheetLayout, b: bf.Briefing, page_no: int) -> None:
    w, _ = lay.page_mm
    top = MARGIN_MM + BAND_MM + 2.0
    big = lay.page == "A3"
    pg.text(
        MARGIN_MM, top, w - 2 * MARGIN_MM - 60, 9, b.title, 16.0 if big else 14.0, True
    )
    pg.text(
        MARGIN_MM,
        top + (9.5 if big else 8.2),
        w - 2 * MARGIN_MM - 60,
        5,
        f"Period: {b.date_range}",
        10.0 if big else 9.0,
        colour="#333333",
    )
    right = f"Prepared by {b.author}\n{b.made_at_text}\nPage {page_no} of {lay.pages}"
    pg.text(
        w - MARGIN_MM - 60,
        top,
        60,
        14,
        right,
        7.0,
        flags=int(Qt.AlignRight | Qt.AlignTop),
        colour="#333333",
    )
    pen = QPen(QColor("#1d1d1b"))
    pen.setWidthF(0.4 * pg.k)
    pg.p.setPen(pen)
    line_y = top + (16.5 if big else 14.5)
    pg.p.drawLine(pg.pt(MARGIN_MM, line_y), pg.pt(w - MARGIN_MM, line_y))


def _draw_info(pg: _Page, lay: SheetLayout, b: bf.Briefing) -> None:
    x, y, w, h = lay.info_rect_mm
    pen = QPen(QColor("#8a959e"))
    pen.setWidthF(0.2 * pg.k)
    pg.p.setPen(pen)
    pg.p.drawLine(pg.pt(x, y - 1.0), pg.pt(x + w, y - 1.0))
    crs_name = "British National Grid (EPSG:27700)" if "27700" in b.crs else b.crs
    lines = [
        ("Data", "; ".join(b.sources) or "none"),
        ("Attribution", " ".join(b.attributions) or "See data sources."),
        (
            "Method",
            (
                " ".join(f"{n}: {bf.short_note(t)}" for n, t in b.method_notes)
                + (
                    f" Full method notes: page {_first_page(lay, 'notes')} of the "
                    "PDF briefing."
                    if _notes_shortened(b)
                    else ""
                )
            )
            or "Records shown as recorded; no analysis applied.",
        ),
        (
            "Map",
            f"Projection {crs_name}; up is grid north. Scale 1:{lay.scale:,.0f} "
            f"when printed at {lay.page}. No background mapping; boundaries give "
            "context.",
        ),
    ]
    if b.downgrade_reason:
        lines.insert(
            0,
            (
                "Handling",
                f"Marked {b.marking_text}, below the project's "
                f"{b.project_marking}. Reason: {b.downgrade_reason}",
            ),
        )
    cy = y
    col = 18.0
    for label, text in lines:
        avail = y + h - cy
        if avail < 3:
            break
        th = min(pg.wrapped_height(w - col, text, 6.2), avail)
        pg.text(x, cy, col, 3.5, label, 6.4, True)
        pg.text(
            x + col,
            cy,
            w - col,
            th,
            text,
            6.2,
            flags=int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap),
        )
        cy += th + 1.0


def _format_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float | np.floating):
        if not np.isfinite(v):
            return ""
        if 0 < abs(v) < 0.01:
            return f"{v:.3f}" if abs(v) >= 0.001 else "< 0.001"
        if float(v).is_integer() or abs(v) >= 1000:
            return f"{v:,.0f}"
        return f"{v:,.2f}"
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


SCAN_COLUMNS = (
    ("rank", "Rank", 1.0),
    ("category", "Category", 3.0),
    ("area_name", "Area", 3.0),
    ("observed", "Obs.", 1.2),
    ("expected", "Exp.", 1.2),
    ("ratio", "Ratio", 1.2),
    ("p_fdr", "p (FDR)", 1.4),
    ("harm_excess", "Harm excess", 1.6),
    ("message", "Summary", 7.0),
)


PATROL_COLUMNS = (
    ("day", "Day", 1.6),
    ("shift", "Shift", 1.6),
    ("loop", "Loop", 0.8),
    ("order", "Stop", 0.8),
    ("arrive", "Arrive", 1.6),
    ("depart", "Depart", 1.6),
    ("minutes", "Minutes", 1.0),
    ("stop_type", "Type", 2.2),
    ("label", "Place", 3.5),
)


def _table_spec(df: pd.DataFrame, scan: bool) -> list[tuple[str, str, float]]:
    preferred = SCAN_COLUMNS if scan else PATROL_COLUMNS
    cols = [c for c in preferred if c[0] in df]
    if len(cols) >= 3:
        return cols
    out = []
    for c in df.columns[:9]:
        wgt = 4.0 if df[c].dtype == object or str(df[c].dtype) == "str" else 1.5
        out.append((str(c), str(c).replace("_", " ").capitalize(), wgt))
    return out


def _draw_table_page(
    pg: _Page, lay: SheetLayout, b: bf.Briefing, kind: str, start: int, end: int
) -> None:
    """Rows ``start:end`` of a table, under its title, note and header row.

    A table longer than a page says which rows of how many each page holds.
    """
    df, scan, title, note = _table_of(b, kind)
    w, _ = lay.page_mm
    x0 = MARGIN_MM
    first = start == 0
    y = MARGIN_MM + BAND_MM + 21.0
    n = len(df)
    whole = first and end >= n
    heading = title if first else f"{title} (continued)"
    pg.text(x0, y, w - 2 * MARGIN_MM, 7, heading, 12.0, True)
    if not whole:
        pg.text(
            x0,
            y + 1.2,
            w - 2 * MARGIN_MM,
            6,
            f"rows {start + 1:,}–{end:,} of {n:,}",
            7.5,
            flags=int(Qt.AlignRight | Qt.AlignTop),
            colour="#444444",
        )
    y += 7.5
    if first and note:
        nh = min(pg.wrapped_height(w - 2 * MARGIN_MM, note, 7.0), 14.0)
        pg.text(
            x0,
            y,
            w - 2 * MARGIN_MM,
            nh,
            note,
            7.0,
            flags=int(Qt.AlignLeft | Qt.TextWordWrap),
            colour="#333333",
        )
        y += nh + 2
    spec, widths = _table_widths(df, scan, w)
    pg.p.fillRect(pg.r(x0, y, w - 2 * MARGIN_MM, 5.5), QColor("#e5e9ec"))
    x = x0
    for (_, label, _), cw in zip(spec, widths, strict=True):
        pg.text(x + 1, y + 0.8, cw - 2, 5, label, 7.0, True)
        x += cw
    y += 5.5
    pen = QPen(QColor("#c8ced3"))
    pen.setWidthF(0.15 * pg.k)
    for _, row in df.iloc[start:end].iterrows():
        texts = [_format_cell(row[c]) for c, _, _ in spec]
        rh = _row_height(pg, texts, widths)
        x = x0
        for tx, cw in zip(texts, widths, strict=True):
            pg.text(
                x + 1,
                y + 0.5,
                cw - 2,
                rh,
                tx,
                ROW_TEXT_PT,
                flags=int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap),
            )
            x += cw
        y += rh
        pg.p.setPen(pen)
        pg.p.drawLine(pg.pt(x0, y), pg.pt(w - MARGIN_MM, y))
    if not whole and end < n:
        pg.text(
            x0,
            y + 1,
            w - 2 * MARGIN_MM,
            5,
            f"Continues on the next page ({n - end:,} more rows).",
            7.0,
            colour="#444444",
        )


NOTE_PT = 7.2


def _first_page(lay: SheetLayout, kind: str) -> int:
    """1-based number of the first page of ``kind`` (the last page if none)."""
    kinds = [k for k, _, _ in lay.page_plan]
    return kinds.index(kind) + 1 if kind in kinds else lay.pages


def _note_items(b: bf.Briefing) -> list[tuple[str, str]]:
    """The notes page's flow: ``("head", name)``, ``("para", text)``, ``("gap", "")``."""
    items: list[tuple[str, str]] = []
    for name, note in b.method_notes:
        items.append(("head", name))
        items.extend(("para", para) for para in note.split("\n"))
        items.append(("gap", ""))
    return items


def _note_height(pg: _Page, width: float, item: tuple[str, str]) -> float:
    kind, text = item
    if kind == "head":
        return 4.8
    if kind == "gap":
        return 2.0
    return pg.wrapped_height(width, text, NOTE_PT) + 1.2


def _notes_top() -> float:
    return MARGIN_MM + BAND_MM + 21.0 + 8.0


def _notes_chunks(
    b: bf.Briefing, page_mm: tuple[float, float]
) -> list[tuple[int, int]]:
    """Item ranges per notes page, so every note is printed in full."""
    w, h = page_mm
    pg = _Page(_MeasureDevice(), 300.0)  # type: ignore[arg-type]
    items = _note_items(b)
    width = w - 2 * MARGIN_MM
    bottom = _table_bottom(h) - TABLE_SLACK_MM
    chunks, start, y = [], 0, _notes_top()
    for i, item in enumerate(items):
        ih = _note_height(pg, width, item)
        if item[0] == "head" and i + 1 < len(items):  # keep a heading with its text
            ih += _note_height(pg, width, items[i + 1])
        if y + ih > bottom and i > start:
            chunks.append((start, i))
            start, y = i, _notes_top()
        y += _note_height(pg, width, item)
    chunks.append((start, len(items)))
    return chunks


def _draw_notes_page(
    pg: _Page, lay: SheetLayout, b: bf.Briefing, start: int = 0, end: int | None = None
) -> None:
    """Method notes in full, items ``start:end`` of the flow (see _note_items)."""
    w, _ = lay.page_mm
    x0 = MARGIN_MM
    width = w - 2 * MARGIN_MM
    y = MARGIN_MM + BAND_MM + 21.0
    title = "Method notes" if start == 0 else "Method notes (continued)"
    pg.text(x0, y, width, 7, title, 12.0, True)
    y = _notes_top()
    for kind, text in _note_items(b)[start:end]:
        if kind == "head":
            pg.text(x0, y, width, 4.5, text, 8.0, True)
        elif kind == "para":
            ph = pg.wrapped_height(width, text, NOTE_PT)
            flags = int(Qt.AlignLeft | Qt.TextWordWrap)
            pg.text(x0, y, width, ph, text, NOTE_PT, flags=flags)
        y += _note_height(pg, width, (kind, text))


def _paint_page(
    painter: QPainter, dpi: float, lay: SheetLayout, b: bf.Briefing, page_no: int
) -> None:
    pg = _Page(painter, dpi)
    w, h = lay.page_mm
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.fillRect(pg.r(0, 0, w, h), QColor("#ffffff"))
    _draw_header(pg, lay, b, page_no)
    if page_no == 1:
        _draw_map(pg, lay, b)
        _draw_legend(pg, lay, b)
        _draw_info(pg, lay, b)
    else:
        kind, start, end = lay.page_plan[page_no - 1]
        if kind in ("scan", "patrol"):
            _draw_table_page(pg, lay, b, kind, start, end)
        else:
            _draw_notes_page(pg, lay, b, start, end)
    _draw_marking(pg, w, h, b.marking, b.descriptor)


# -- public API -----------------------------------------------------------------


def ensure_gui_app() -> None:
    """A QGuiApplication for fonts and painting (offscreen when headless)."""
    import os

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # a QApplication (not only a QGuiApplication), so the desktop widgets and
        # pytest-qt can share the one instance when they start later
        from PySide6.QtWidgets import QApplication

        ensure_gui_app._app = QApplication([])  # type: ignore[attr-defined]


def render_image(
    briefing: bf.Briefing,
    *,
    page: str = "A4",
    landscape: bool = False,
    dpi: float = 200.0,
    page_no: int = 1,
) -> tuple[QImage, SheetLayout]:
    """Page ``page_no`` of the sheet as an image (white background)."""
    ensure_gui_app()
    lay = plan_layout(briefing, page, landscape)
    w_mm, h_mm = lay.page_mm
    w_px = round(w_mm / 25.4 * dpi)
    h_px = round(h_mm / 25.4 * dpi)
    img = QImage(w_px, h_px, QImage.Format_ARGB32_Premultiplied)
    dpm = round(dpi / 0.0254)
    img.setDotsPerMeterX(dpm)
    img.setDotsPerMeterY(dpm)
    img.fill(QColor("#ffffff"))
    painter = QPainter(img)
    try:
        _paint_page(painter, dpi, lay, briefing, page_no)
    finally:
        painter.end()
    return img, lay


#: XMP namespace of the workstation's own fields in a PDF's metadata.
XMP_NS = "urn:x-analyst-workstation:export:1"


def xmp_packet(fields: dict[str, str]) -> QByteArray:
    """An XMP packet with the export's fields (``aw:marking``...), dc:title and
    pdf:Keywords (marking and any downgrade reason, for tools that read only those).
    """
    e = xml_escape
    keywords = "; ".join(
        f"{k}: {fields[k]}" for k in ("marking", "downgrade_reason") if k in fields
    )
    own = "".join(f"<aw:{k}>{e(v)}</aw:{k}>" for k, v in fields.items())
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        f'xmlns:aw="{XMP_NS}">'
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{e(fields.get('marking', ''))}: {e(fields.get('title', ''))}"
        "</rdf:li></rdf:Alt></dc:title>"
        f"<pdf:Keywords>{e(keywords)}</pdf:Keywords>"
        f"{own}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return QByteArray(text.encode("utf-8"))


def _briefing(project, briefing, **kw) -> bf.Briefing:
    return briefing or bf.make_briefing(project, **kw)


def export_png(
    project: Project,
    path: str | Path,
    *,
    page: str = "A4",
    landscape: bool = False,
    dpi: float = 200.0,
    briefing: bf.Briefing | None = None,
    audit: bool = True,
    **kw,
) -> SheetLayout:
    """Write page 1 of the briefing sheet as a PNG (150-300 dpi; audited)."""
    if not 150 <= dpi <= 300:
        raise DataError(
            f"PNG resolution {dpi} dpi is outside 150-300", source=str(path)
        )
    b = _briefing(project, briefing, **kw)
    img, lay = render_image(b, page=page, landscape=landscape, dpi=dpi)
    for key, value in bf.export_metadata(b).items():
        img.setText(key, value)  # PNG text chunks
    path = Path(path)
    tmp = path.with_name(path.name + ".part.png")
    if not img.save(str(tmp), "PNG"):
        raise DataError("could not write the PNG", source=str(path))
    tmp.replace(path)
    if audit:
        bf.record_export(
            b,
            path,
            "png",
            {"page": page, "landscape": landscape, "dpi": dpi, "scale": lay.scale},
        )
    return lay


def export_pdf(
    project: Project,
    path: str | Path,
    *,
    page: str = "A4",
    landscape: bool = False,
    dpi: int = 300,
    briefing: bf.Briefing | None = None,
    audit: bool = True,
    **kw,
) -> SheetLayout:
    """Write the briefing sheet (map page, then table pages) as a PDF (audited)."""
    ensure_gui_app()
    b = _briefing(project, briefing, **kw)
    lay = plan_layout(b, page, landscape)
    path = Path(path)
    tmp = path.with_name(path.name + ".part.pdf")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(int(dpi))
    size_id = QPageSize.A3 if lay.page == "A3" else QPageSize.A4
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size_id),
            QPageLayout.Landscape if landscape else QPageLayout.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(neutralise_bidi(f"{b.marking_text}: {b.title}"))
    writer.setCreator("Analyst Workstation")
    writer.setAuthor(neutralise_bidi(b.author))
    writer.setDocumentXmpMetadata(xmp_packet(bf.export_metadata(b)))
    painter = QPainter(writer)
    try:
        for page_no in range(1, lay.pages + 1):
            if page_no > 1:
                writer.newPage()
            _paint_page(painter, float(dpi), lay, b, page_no)
    finally:
        painter.end()
    tmp.replace(path)
    if audit:
        bf.record_export(
            b,
            path,
            "pdf",
            {
                "page": page,
                "landscape": landscape,
                "pages": lay.pages,
                "scale": lay.scale,
            },
        )
    return lay


def export_sheet(project: Project, path: str | Path, **kw) -> SheetLayout:
    """PDF or PNG by the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return export_pdf(project, path, **kw)
    if suffix == ".png":
        return export_png(project, path, **kw)
    raise DataError("briefing sheet must be .pdf or .png", source=str(path))
