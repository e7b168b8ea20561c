"""Coordinate reference systems: British National Grid by default, UTM elsewhere.

WGS84 longitude/latitude goes to British National Grid through Ordnance Survey's
OSTN15 transformation (the ``convertbng`` package carries the OSTN15 grid) when it
is installed, and otherwise through PROJ's best available transformation (a
7-parameter Helmert, accurate to a few metres); :func:`to_working` says which.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pyproj

BNG = "EPSG:27700"
WGS84 = "EPSG:4326"

#: Rough lon/lat box of Great Britain and its islands (OSTN15's coverage is wider).
GB_LONLAT_BOX = (-8.82, 49.75, 1.92, 60.95)
#: British National Grid's valid false-origin extent, metres.
BNG_BOX = (0.0, 0.0, 700000.0, 1300000.0)


@dataclass(frozen=True)
class TransformInfo:
    source_crs: str
    target_crs: str
    method: str  # e.g. "OSTN15 (convertbng)", "PROJ: Inverse of ... + British National Grid"
    accuracy_m: float | None

    def to_dict(self) -> dict[str, object]:
        return {
            "source_crs": self.source_crs,
            "target_crs": self.target_crs,
            "method": self.method,
            "accuracy_m": self.accuracy_m,
        }


def in_gb(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    x0, y0, x1, y1 = GB_LONLAT_BOX
    return (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)


def utm_crs_for(lon: np.ndarray, lat: np.ndarray) -> str:
    """The UTM zone (WGS84) containing the median point of the data."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat)
    if not ok.any():
        raise ValueError("no valid coordinates to choose a UTM zone from")
    mlon, mlat = float(np.median(lon[ok])), float(np.median(lat[ok]))
    zone = int((mlon + 180.0) // 6.0) % 60 + 1
    return f"EPSG:{(32600 if mlat >= 0 else 32700) + zone}"


def choose_working_crs(lon: np.ndarray, lat: np.ndarray) -> str:
    """BNG when most points are in Great Britain, else the UTM zone of the data."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat) & ~((lon == 0) & (lat == 0))
    if not ok.any():
        return BNG
    share = float(in_gb(lon[ok], lat[ok]).mean())
    return BNG if share >= 0.5 else utm_crs_for(lon[ok], lat[ok])


def _convertbng():
    try:
        from convertbng.cutil import convert_bng

        return convert_bng
    except Exception:  # pragma: no cover - optional
        return None


def to_working(
    x: np.ndarray, y: np.ndarray, source_crs: str, target_crs: str = BNG
) -> tuple[np.ndarray, np.ndarray, TransformInfo]:
    """Transform coordinate arrays; non-finite input stays NaN.

    Points outside the transformation's area come back as NaN (for OSTN15: outside
    its grid), so readers can report them as out of area.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    src = pyproj.CRS.from_user_input(source_crs)
    dst = pyproj.CRS.from_user_input(target_crs)
    if src.equals(dst):
        return (
            x.copy(),
            y.copy(),
            TransformInfo(src.to_string(), dst.to_string(), "none", 0.0),
        )
    finite = np.isfinite(x) & np.isfinite(y)
    ox = np.full(x.shape, np.nan)
    oy = np.full(y.shape, np.nan)
    conv = _convertbng()
    if (
        conv is not None
        and dst.equals(pyproj.CRS(BNG))
        and src.equals(pyproj.CRS(WGS84))
    ):
        # OSTN15 covers Great Britain; elsewhere (e.g. Northern Ireland, whose
        # data.police.uk points still come in lon/lat) PROJ's Helmert is used and
        # the provenance says so rather than claiming OSTN15's accuracy
        # Northern Ireland's box, less the tip of Kintyre (Scotland) that reaches into it
        ni = (x > -8.2) & (x < -5.4) & (y > 54.0) & (y < 55.35)
        ni &= ~((x > -5.9) & (y > 55.24))
        gb = finite & in_gb(x, y) & ~ni
        if gb.any():
            ex, ny = conv(x[gb], y[gb])
            ox[gb] = np.asarray(ex, dtype=float)
            oy[gb] = np.asarray(ny, dtype=float)
        # outside OSTN15 but in the British Isles (Northern Ireland): Helmert; far
        # away (a New York point in a Birmingham file) stays NaN = out of area
        isles = (x > -11.0) & (x < 3.0) & (y > 49.0) & (y < 61.5)
        rest = finite & ~gb & isles
        method, acc = "OSTN15 (convertbng)", 0.1
        if rest.any():
            tr = pyproj.Transformer.from_crs(src, dst, always_xy=True)
            tx, ty = tr.transform(x[rest], y[rest], errcheck=False)
            ox[rest] = np.asarray(tx, dtype=float)
            oy[rest] = np.asarray(ty, dtype=float)
            bad = rest & (~np.isfinite(ox) | ~np.isfinite(oy))
            ox[bad] = np.nan
            oy[bad] = np.nan
            n = int(rest.sum())
            if gb.any():
                method = (
                    "OSTN15 (convertbng) for points in Great Britain; PROJ Helmert "
                    f"(about 2-5 m) for {n:,} outside OSTN15's area (e.g. Northern Ireland)"
                )
            else:
                method = "PROJ Helmert (outside OSTN15's area, about 2-5 m)"
            acc = 5.0
        return ox, oy, TransformInfo(src.to_string(), dst.to_string(), method, acc)
    tr = pyproj.Transformer.from_crs(src, dst, always_xy=True)
    if finite.any():
        tx, ty = tr.transform(x[finite], y[finite], errcheck=False)
        tx = np.asarray(tx, dtype=float)
        ty = np.asarray(ty, dtype=float)
        bad = (
            ~np.isfinite(tx)
            | ~np.isfinite(ty)
            | (np.abs(tx) > 1e8)
            | (np.abs(ty) > 1e8)
        )
        tx[bad] = np.nan
        ty[bad] = np.nan
        ox[finite] = tx
        oy[finite] = ty
    acc = None
    try:
        acc = (
            float(tr.accuracy) if tr.accuracy is not None and tr.accuracy >= 0 else None
        )
    except Exception:
        acc = None
    method = f"PROJ: {tr.description}"
    if dst.equals(pyproj.CRS(BNG)) and src.equals(pyproj.CRS(WGS84)):
        method += " (OSTN15 grid not available; Helmert, about 2-5 m)"
    return ox, oy, TransformInfo(src.to_string(), dst.to_string(), method, acc)


@functools.lru_cache(maxsize=32)
def _to_wgs84(source_crs: str) -> pyproj.Transformer:
    """Made once per CRS (PROJ takes 15-20 ms to make one; thread-safe to share)."""
    return pyproj.Transformer.from_crs(source_crs, WGS84, always_xy=True)


def to_lonlat(
    x: np.ndarray, y: np.ndarray, source_crs: str = BNG
) -> tuple[np.ndarray, np.ndarray]:
    """Working-CRS coordinates to WGS84 lon/lat (for web maps and GPX)."""
    tr = _to_wgs84(source_crs)
    lon, lat = tr.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def area_of_use_box(crs: str) -> tuple[float, float, float, float] | None:
    """A plausible coordinate box in ``crs`` units, for out-of-area checks."""
    c = pyproj.CRS.from_user_input(crs)
    if c.equals(pyproj.CRS(BNG)):
        return BNG_BOX
    aou = c.area_of_use
    if aou is None:
        return None
    if c.is_geographic:
        return (aou.west, aou.south, aou.east, aou.north)
    tr = pyproj.Transformer.from_crs(WGS84, c, always_xy=True)
    xs, ys = tr.transform(
        [aou.west, aou.east, aou.west, aou.east],
        [aou.south, aou.south, aou.north, aou.north],
    )
    pad = 200000.0
    return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)
