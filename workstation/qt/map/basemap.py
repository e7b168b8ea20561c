"""Optional basemap from local Web Mercator tiles: an XYZ folder or an MBTiles file.

Nothing here uses the network. Tiles are read from ``{folder}/{z}/{x}/{y}.png``
(or ``.jpg``/``.jpeg``/``.webp``) or from an MBTiles SQLite file (TMS rows). Each
tile's corners are reprojected from Web Mercator (EPSG:3857) to the working CRS
and the tile is drawn as an ``ImageItem`` with an affine ``QTransform`` through
three corners: an approximation that is well under a pixel at city scale.
"""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyproj import Transformer
from PySide6 import QtCore, QtGui

from layers.validation import DataError
from workstation.qt.i18n import translate

#: half the Web Mercator world width, metres
ORIGIN_SHIFT = math.pi * 6378137.0
TILE_PX = 256
#: never draw more tiles than this at once
MAX_TILES = 96


class TileSource:
    """Tiles by (z, x, y) in the XYZ (Google/OSM) scheme, y counted from the north."""

    name: str = ""
    min_zoom: int = 0
    max_zoom: int = 0

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def close(self) -> None:
        """Release the file handle (if any)."""


class XYZFolder(TileSource):
    """A folder of ``{z}/{x}/{y}.png`` tiles."""

    SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        zooms = sorted(
            int(p.name) for p in path.iterdir() if p.is_dir() and p.name.isdigit()
        )
        if not zooms:
            raise DataError(
                translate(
                    "Basemap",
                    "no zoom-level folders ({z}/{x}/{y}.png) in the tile folder",
                ),
                source=str(path),
            )
        self.min_zoom, self.max_zoom = zooms[0], zooms[-1]

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        base = self.path / str(z) / str(x)
        for suffix in self.SUFFIXES:
            f = base / f"{y}{suffix}"
            if f.is_file():
                return f.read_bytes()
        return None


class MBTiles(TileSource):
    """An MBTiles file (SQLite, ``tiles`` table with TMS row numbers), read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.stem
        try:
            self._con = sqlite3.connect(
                f"file:{path.as_posix()}?mode=ro", uri=True, check_same_thread=False
            )
            row = self._con.execute(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise DataError(
                translate("Basemap", "not a readable MBTiles file ({exc})").format(
                    exc=exc
                ),
                source=str(path),
            ) from exc
        if row is None or row[0] is None:
            raise DataError(
                translate("Basemap", "the MBTiles file holds no tiles"),
                source=str(path),
            )
        self.min_zoom, self.max_zoom = int(row[0]), int(row[1])
        try:
            meta = dict(self._con.execute("SELECT name, value FROM metadata"))
            self.name = str(meta.get("name") or self.name)
            self.attribution = str(meta.get("attribution") or "")
        except sqlite3.DatabaseError:
            self.attribution = ""

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        tms_y = (1 << z) - 1 - y
        row = self._con.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? "
            "AND tile_row=?",
            (z, x, tms_y),
        ).fetchone()
        return bytes(row[0]) if row else None

    def close(self) -> None:
        self._con.close()


def open_tile_source(path: str | Path) -> TileSource:
    """An XYZ folder or an MBTiles file; :class:`DataError` when it is neither."""
    p = Path(path)
    if p.is_dir():
        return XYZFolder(p)
    if p.is_file():
        return MBTiles(p)
    raise DataError(translate("Basemap", "basemap path does not exist"), source=str(p))


def tile_bounds_3857(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of an XYZ tile in Web Mercator metres."""
    size = 2 * ORIGIN_SHIFT / (1 << z)
    west = -ORIGIN_SHIFT + x * size
    north = ORIGIN_SHIFT - y * size
    return west, north - size, west + size, north


class Basemap:
    """Tiles of one source laid under the map layers of a ``ViewBox``."""

    Z_VALUE = -1e6

    def __init__(self, source: TileSource, view_box: pg.ViewBox, crs: str) -> None:
        self.source = source
        self._vb = view_box
        self._to_merc = Transformer.from_crs(crs, "EPSG:3857", always_xy=True)
        self._from_merc = Transformer.from_crs("EPSG:3857", crs, always_xy=True)
        self._items: dict[tuple[int, int, int], pg.ImageItem] = {}
        self._missing: set[tuple[int, int, int]] = set()
        self.zoom: int | None = None

    @property
    def items(self) -> dict[tuple[int, int, int], pg.ImageItem]:
        """The tile items now in the view, by (z, x, y)."""
        return self._items

    def zoom_for(self, rect: QtCore.QRectF, width_px: float) -> int:
        """Tile zoom whose pixels are closest to the screen's at this view."""
        cx, cy = rect.center().x(), rect.center().y()
        mx0, _ = self._to_merc.transform(cx - rect.width() / 2, cy)
        mx1, _ = self._to_merc.transform(cx + rect.width() / 2, cy)
        merc_per_px = abs(mx1 - mx0) / max(width_px, 1.0)
        if not (merc_per_px > 0 and math.isfinite(merc_per_px)):
            return self.source.min_zoom
        z = round(math.log2(2 * ORIGIN_SHIFT / (TILE_PX * merc_per_px)))
        return int(min(max(z, self.source.min_zoom), self.source.max_zoom))

    def update(self, rect: QtCore.QRectF, width_px: float) -> None:
        """Show the tiles covering ``rect`` (working CRS) at a zoom for ``width_px``."""
        rect = rect.normalized()
        z = self.zoom_for(rect, width_px)
        xs = np.linspace(rect.left(), rect.right(), 5)
        ys = np.linspace(rect.top(), rect.bottom(), 5)
        gx, gy = np.meshgrid(xs, ys)
        mx, my = self._to_merc.transform(gx.ravel(), gy.ravel())
        mx, my = np.asarray(mx), np.asarray(my)
        ok = np.isfinite(mx) & np.isfinite(my)
        if not ok.any():
            self.clear()
            return
        while True:
            n = 1 << z
            size = 2 * ORIGIN_SHIFT / n
            tx0 = int(np.clip((mx[ok].min() + ORIGIN_SHIFT) // size, 0, n - 1))
            tx1 = int(np.clip((mx[ok].max() + ORIGIN_SHIFT) // size, 0, n - 1))
            ty0 = int(np.clip((ORIGIN_SHIFT - my[ok].max()) // size, 0, n - 1))
            ty1 = int(np.clip((ORIGIN_SHIFT - my[ok].min()) // size, 0, n - 1))
            if (tx1 - tx0 + 1) * (ty1 - ty0 + 1) <= MAX_TILES or z <= (
                self.source.min_zoom
            ):
                break
            z -= 1
        self.zoom = z
        wanted = {(z, x, y) for x in range(tx0, tx1 + 1) for y in range(ty0, ty1 + 1)}
        for key in list(self._items):
            if key not in wanted:
                item = self._items.pop(key)
                self._vb.removeItem(item)
        for key in sorted(wanted):
            if key in self._items or key in self._missing:
                continue
            item = self._make_item(*key)
            if item is None:
                self._missing.add(key)
                continue
            self._items[key] = item
            self._vb.addItem(item, ignoreBounds=True)

    def _make_item(self, z: int, x: int, y: int) -> pg.ImageItem | None:
        data = self.source.tile(z, x, y)
        if not data:
            return None
        img = QtGui.QImage.fromData(data)
        if img.isNull():
            return None
        img = img.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
        w, h = img.width(), img.height()
        ptr = img.constBits()
        arr = np.frombuffer(ptr, dtype=np.uint8, count=img.sizeInBytes()).reshape(
            h, img.bytesPerLine() // 4, 4
        )[:, :w]
        item = pg.ImageItem(arr.copy(), axisOrder="row-major")
        west, south, east, north = tile_bounds_3857(z, x, y)
        (tlx, trx, blx), (tly, try_, bly) = self._from_merc.transform(
            [west, east, west], [north, north, south]
        )
        item.setTransform(
            QtGui.QTransform(
                (trx - tlx) / w,
                (try_ - tly) / w,
                (blx - tlx) / h,
                (bly - tly) / h,
                tlx,
                tly,
            )
        )
        item.setZValue(self.Z_VALUE)
        return item

    def clear(self) -> None:
        for item in self._items.values():
            self._vb.removeItem(item)
        self._items.clear()

    def close(self) -> None:
        self.clear()
        self.source.close()
