"""Offline HTML briefing: one self-contained file that works with no network.

The page carries Leaflet and its plugins inline (vendored in ``resources/web``,
cleaned of URLs), a Content-Security-Policy that forbids every network fetch, and
no tile layer unless a local tile source is given (tiles are then inlined as
``data:`` URIs, bounded in number). Point layers are embedded as compact integer
arrays (Web Mercator metres, categories as runs, time offsets and
dictionary-coded popup fields) and drawn on one canvas per layer, so 100,000 points
stay a few megabytes and draw quickly; a heat map (leaflet.heat) is offered for
each point layer. Polygons (boundaries, choropleths, hot-spot cells, emerging
patterns) are GeoJSON styled in Python with the same colours as the desktop map
(``workstation.styling``). Every text value reaches the page either HTML-escaped
in Python or through the page's ``esc()`` before it is inserted, and JSON is
embedded with ``<``, ``>`` and ``&`` escaped so no value can close the script.

This module turns a briefing into that data; :mod:`workstation.export.folium_map`
builds the page from it as a ``folium.Map`` (without folium's CDN links; the
compact point layer is a custom folium element) and :func:`export_html` saves it.
"""

from __future__ import annotations

import base64
import html
import json
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.crs import to_lonlat
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from layers.textsafe import neutralise_bidi
from layers.validation import DataError
from workstation import styling
from workstation.export import briefing as bf

WEB = Path(__file__).resolve().parents[2] / "resources" / "web"

#: Point layers up to this many rows carry every popup field; above it only
#: dictionary-coded fields with few distinct values are kept.
POPUP_FIELDS = {
    LayerKind.CRIME: [
        ("location", "Location"),
        ("outcome", "Last outcome"),
        ("lsoa_name", "LSOA"),
    ],
    LayerKind.DEMAND: [
        ("grade", "Grade"),
        ("call_id", "Call"),
    ],
}
MAX_DICT_VALUES = 20000
#: Largest number of inlined local tiles and their total bytes.
MAX_TILES = 600
MAX_TILE_BYTES = 6_000_000
#: Assets above this number are clustered (leaflet.markercluster).
CLUSTER_ASSETS_ABOVE = 200
HIDDEN_CLASSES = ("not_significant", "no_pattern")
#: Point layers above this size open as a heat map (the points stay one tick away),
#: as the desktop map and the sheet switch to density.
DENSE_POINTS = 50_000


def _asset(name: str) -> str:
    return (WEB / name).read_text(encoding="utf-8")


def _json_for_script(obj: Any) -> str:
    """JSON safe inside a <script> element (no value can close the element)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _hex(rgba: tuple[int, ...] | np.ndarray) -> str:
    return styling.rgba_to_hex(tuple(int(v) for v in rgba))


def _clean(value: Any) -> str | float | int | None:
    if value is None:
        return None
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, bool | int):
        return int(value)
    if isinstance(value, float):
        return round(value, 4)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


# -- layers to data ----------------------------------------------------------


def _lonlat(layer: Layer, rows: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    xy = layer.xy[rows]
    if len(xy) == 0:
        return np.zeros(0), np.zeros(0)
    return to_lonlat(xy[:, 0], xy[:, 1], crs)


def _point_layer(layer: Layer, rows: np.ndarray, crs: str) -> dict[str, Any]:
    lon, lat = _lonlat(layer, rows, crs)
    ok = np.isfinite(lon) & np.isfinite(lat)
    rows, lon, lat = rows[ok], lon[ok], lat[ok]
    style = styling.effective_style(layer)
    rgba = styling.point_rgba(layer, rows)
    # colour table: distinct colours with their legend labels
    if style.get("mode") == "category" and "category" in layer.frame:
        codes, names = layer.category_codes()
        colours = styling.category_colours(layer, style)
        c = codes[rows]
        present = np.unique(c[c >= 0])
        cats = [names[i] for i in present]
        remap = np.full(len(names) + 1, len(cats), dtype=np.int64)
        remap[present] = np.arange(len(present))
        cidx = remap[np.where(c < 0, len(names), c)]
        palette = [colours.get(n, "#888888") for n in cats]
        if (cidx == len(cats)).any():
            cats.append("(no category)")
            palette.append("#888888")
    else:
        cats = [layer.name]
        palette = [_hex(rgba[0]) if len(rgba) else style.get("color", "#1f78b4")]
        cidx = np.zeros(len(rows), dtype=np.int64)
    out: dict[str, Any] = {
        "type": "points",
        "id": layer.id,
        "name": layer.name,
        "kind": layer.kind.value,
        "n": len(rows),
        "cats": cats,
        "colours": palette,
        "size": float(style.get("size", 5.0)),
        "opacity": float(style.get("opacity", 0.85)),
        "lat": np.round(lat * 1e5).astype(np.int64).tolist(),
        "lon": np.round(lon * 1e5).astype(np.int64).tolist(),
        "c": cidx.tolist(),
        "dense": bool(len(rows) > DENSE_POINTS),
        "fields": [],
    }
    if layer.is_temporal and len(rows):
        ns = layer.times_ns[rows]
        valid = ns != np.iinfo(np.int64).min
        out["tz"] = layer.timezone
        if layer.time_precision == "month":
            t = layer.frame[layer.time_column].iloc[rows]
            months = (t.dt.year * 12 + t.dt.month - 1).to_numpy(
                dtype=np.float64, na_value=np.nan
            )
            m0 = int(np.nanmin(months)) if np.isfinite(months).any() else 0
            out["t_unit"] = "month"
            out["t0"] = m0
            out["t"] = [int(v - m0) if np.isfinite(v) else -1 for v in months]
        else:
            t0 = int(ns[valid].min()) if valid.any() else 0
            minutes = np.where(valid, (ns - t0) // 60_000_000_000, -1)
            out["t_unit"] = "minute" if layer.time_precision == "second" else "day"
            out["t0"] = t0 // 1_000_000  # ms since the epoch, UTC
            out["t"] = minutes.astype(np.int64).tolist()
    for column, label in POPUP_FIELDS.get(layer.kind, []):
        if column not in layer.frame or not len(rows):
            continue
        values = layer.frame[column].iloc[rows].astype("object")
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if len(uniques) > MAX_DICT_VALUES:
            continue
        out["fields"].append(
            {
                "label": label,
                "values": [str(_clean(u)) for u in uniques],
                "codes": codes.astype(np.int64).tolist(),
            }
        )
    return out


def _geo_frame(layer: Layer, rows: np.ndarray, crs: str, simplify_m: float):
    geoms = layer.frame.geometry.to_numpy()[rows]
    if simplify_m > 0:
        geoms = shapely.simplify(geoms, simplify_m, preserve_topology=True)
    return _geo_frame_geoms(geoms, crs)


def _geo_frame_geoms(geoms: np.ndarray, crs: str) -> np.ndarray:
    """Geometries in ``crs`` as lon/lat, rounded to 1e-5 degrees."""

    def to_ll(coords: np.ndarray) -> np.ndarray:
        lon, lat = to_lonlat(coords[:, 0], coords[:, 1], crs)
        return np.round(np.column_stack([lon, lat]), 5)

    return shapely.transform(geoms, to_ll)


def _properties(layer: Layer, rows: np.ndarray, limit: int = 12) -> list[dict]:
    """Popup attributes of ``rows``: the first ``limit`` non-empty columns."""
    frame = layer.frame
    columns = [c for c in frame.columns if c != frame.geometry.name]
    values = frame[columns].iloc[rows].to_numpy(dtype=object)
    out = []
    for rec in values:
        props: dict[str, Any] = {}
        for col, raw in zip(columns, rec, strict=True):
            if len(props) >= limit:
                break
            v = _clean(raw)
            if v is not None and v != "":
                props[str(col)] = v
        out.append(props)
    return out


def _polygon_layer(
    layer: Layer, briefing: bf.Briefing, crs: str
) -> dict[str, Any] | None:
    rows = briefing.rows(layer)
    style = styling.effective_style(layer)
    opacity = float(style.get("opacity", 1.0))
    outline = style.get("outline", "#444444")
    outline_rgba = styling.hex_to_rgba(outline)
    stroke_opacity = outline_rgba[3] / 255 * opacity
    weight = float(style.get("outline_width", 1.0))
    legend: list[dict[str, Any]] = []
    note = ""
    mode = style.get("mode", "single")
    fills: list[str]
    fill_op: np.ndarray
    if mode == "classes":
        column = style.get("classes_column", "hotspot_class")
        values = layer.frame[column].astype(str).to_numpy()
        keep = ~np.isin(values[rows], HIDDEN_CLASSES)
        hidden = int((~keep).sum())
        rows = rows[keep]
        rgba = styling.class_rgba(layer, rows, style)
        fills = [_hex(c) for c in rgba]
        fill_op = np.full(len(rows), float(style.get("fill_opacity", 0.6)) * opacity)
        shown = set(values[rows])
        palette = styling.CLASS_PALETTES.get(column, {})
        for key, entry in zip(
            [k for k in palette if k in set(values)],
            styling.legend_entries(layer),
            strict=False,
        ):
            if key in shown:
                legend.append({"label": entry.label, "fill": _hex(entry.fill)})
        if hidden:
            note = f"{hidden:,} cells with no significant pattern are not drawn."
        stroke_opacity = 0.0 if outline_rgba[3] == 0 else stroke_opacity
    else:
        chor = bf.polygon_values(layer, briefing)
        if chor is not None:
            values, cls = chor
            fa = float(style.get("fill_opacity", 0.75)) * opacity
            if style.get("mode") == "raster":
                rows = rows[np.isfinite(values[rows])]
            rgba = cls.rgba(values[rows], 1.0)
            fills = [_hex(c) for c in rgba]
            fill_op = np.where(rgba[:, 3] > 0, fa, 0.0)
            legend = [
                {"label": lbl, "fill": c}
                for lbl, c in zip(cls.labels, cls.colours, strict=True)
            ]
            note = bf.choropleth_title(layer) + f" ({cls.scheme.replace('_', ' ')})"
        else:
            fill = style.get("fill", "#cccccc")
            fills = [fill] * len(rows)
            fill_op = np.full(
                len(rows), float(style.get("fill_opacity", 0.0)) * opacity
            )
            shown_fill = fill if float(fill_op.max(initial=0.0)) > 0 else "transparent"
            legend = [{"label": layer.name, "fill": shown_fill, "outline": outline}]
    if len(rows) == 0:
        return None
    simplify = 2.0 if layer.kind == LayerKind.BOUNDARY else 0.0
    geoms = _geo_frame(layer, rows, crs, simplify)
    features = []
    props = _properties(layer, rows)
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shapely.to_geojson(g)),
                "properties": {
                    "f": fills[i],
                    "fo": round(float(fill_op[i]), 3),
                    "p": props[i],
                },
            }
        )
    return {
        "type": "polygons",
        "id": layer.id,
        "name": layer.name,
        "kind": layer.kind.value,
        "stroke": styling.rgba_to_hex(outline_rgba),
        "stroke_opacity": round(stroke_opacity, 3),
        "weight": weight,
        "legend": legend,
        "note": note,
        "geojson": {"type": "FeatureCollection", "features": features},
    }


def _line_layer(layer: Layer, briefing: bf.Briefing, crs: str) -> dict[str, Any]:
    rows = briefing.rows(layer)
    style = styling.effective_style(layer)
    colour = style.get("color", "#1f78b4")
    geoms = _geo_frame(layer, rows, crs, 0.0)
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(shapely.to_geojson(g)),
            "properties": {"p": p},
        }
        for g, p in zip(geoms, _properties(layer, rows), strict=True)
        if g is not None and not g.is_empty
    ]
    return {
        "type": "lines",
        "id": layer.id,
        "name": layer.name,
        "colour": colour,
        "weight": 4,
        "dash": "8 6" if bf.RESULT_PATROL_PLAN in str(layer.provenance) else None,
        "legend": [{"label": layer.name, "line": colour}],
        "geojson": {"type": "FeatureCollection", "features": features},
    }


def _marker_layer(layer: Layer, briefing: bf.Briefing, crs: str) -> dict[str, Any]:
    """Few points with a label each: community assets, patrol plan stops."""
    rows = briefing.rows(layer)
    lon, lat = _lonlat(layer, rows, crs)
    style = styling.effective_style(layer)
    colour = style.get("color", "#006d2c")
    patrol = briefing.result_type(layer) == bf.RESULT_PATROL_PLAN
    label_col = style.get("label_column") or ("name" if "name" in layer.frame else None)
    order_col = next(
        (c for c in ("place_id", "order", "sequence", "rank") if c in layer.frame),
        None,
    )
    items = []
    props = _properties(layer, rows)
    for i, r in enumerate(rows):
        if not (np.isfinite(lon[i]) and np.isfinite(lat[i])):
            continue
        label = ""
        if patrol:
            label = str(_clean(layer.frame[order_col].iloc[r]) if order_col else i + 1)
        title = (
            str(_clean(layer.frame[label_col].iloc[r]))
            if label_col and label_col in layer.frame
            else ""
        )
        items.append(
            {
                "lat": round(float(lat[i]), 5),
                "lon": round(float(lon[i]), 5),
                "label": label,
                "title": title,
                "p": props[i],
            }
        )
    return {
        "type": "markers",
        "id": layer.id,
        "name": layer.name,
        "colour": colour,
        "shape": "circle" if patrol else "square",
        "cluster": len(items) > CLUSTER_ASSETS_ABOVE,
        "legend": [{"label": layer.name, "fill": colour, "shape": "square"}],
        "items": items,
    }


def _image_layer(layer: Layer, surface: bf.Raster, crs: str) -> dict[str, Any]:
    """A surface warped to Web Mercator and inlined as a PNG image overlay."""
    from affine import Affine
    from pyproj import Transformer
    from rasterio.errors import NotGeoreferencedWarning
    from rasterio.io import MemoryFile
    from rasterio.warp import Resampling, reproject

    rgba = surface.rgba()  # north row first
    ny, nx, _ = rgba.shape
    x0, y0, x1, y1 = surface.extent
    src_transform = Affine((x1 - x0) / nx, 0.0, x0, 0.0, -(y1 - y0) / ny, y1)
    dst_crs = "EPSG:3857"
    # the surface's outline (edges densified) in Web Mercator sets the target grid
    t = np.linspace(0.0, 1.0, 33)
    ex = np.concatenate([x0 + t * (x1 - x0), np.full(33, x1), x1 - t * (x1 - x0)])
    ey = np.concatenate([np.full(33, y0), y0 + t * (y1 - y0), np.full(33, y1)])
    ex = np.concatenate([ex, np.full(33, x0)])
    ey = np.concatenate([ey, y1 - t * (y1 - y0)])
    mx, my = Transformer.from_crs(crs, dst_crs, always_xy=True).transform(ex, ey)
    left, right, bottom, top = mx.min(), mx.max(), my.min(), my.max()
    res = min((right - left) / nx, (top - bottom) / ny)
    width = max(1, int(np.ceil((right - left) / res)))
    height = max(1, int(np.ceil((top - bottom) / res)))
    transform = Affine(res, 0.0, left, 0.0, -res, top)
    out = np.zeros((4, height, width), dtype=np.uint8)
    for band in range(4):
        reproject(
            np.ascontiguousarray(rgba[..., band]),
            out[band],
            src_transform=src_transform,
            src_crs=crs,
            dst_transform=transform,
            dst_crs=dst_crs,
            resampling=Resampling.nearest,
        )
    with warnings.catch_warnings():
        # a plain PNG carries no georeferencing; the page gives its bounds
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with MemoryFile() as mem:
            with mem.open(
                driver="PNG", width=width, height=height, count=4, dtype="uint8"
            ) as dst:
                dst.write(out)
            png = mem.read()
    right, bottom = left + width * res, top - height * res
    to_ll = Transformer.from_crs(dst_crs, "EPSG:4326", always_xy=True)
    (lon0, lon1), (lat0, lat1) = to_ll.transform([left, right], [bottom, top])
    return {
        "type": "image",
        "id": layer.id,
        "name": layer.name,
        "uri": "data:image/png;base64," + base64.b64encode(png).decode(),
        "bounds": [[round(lat0, 6), round(lon0, 6)], [round(lat1, 6), round(lon1, 6)]],
        "legend": [{"label": lbl, "fill": c} for lbl, c in surface.legend()],
        "note": surface.units,
    }


def briefing_data(briefing: bf.Briefing) -> dict[str, Any]:
    """The JSON the page draws from (layers bottom first)."""
    crs = briefing.crs
    out_layers: list[dict[str, Any]] = []
    skipped: list[str] = []
    for layer in briefing.layers:
        rows = briefing.rows(layer)
        if len(layer) == 0:
            surface = bf.raster_of(layer)
            if surface is not None:
                out_layers.append(_image_layer(layer, surface, crs))
            continue
        if len(rows) == 0:
            continue
        if briefing.result_type(layer) == bf.RESULT_SCAN:
            continue  # a table: listed in the About panel
        patrol = briefing.result_type(layer) == bf.RESULT_PATROL_PLAN
        if bf.is_polygon_layer(layer):
            d = _polygon_layer(layer, briefing, crs)
            if d is not None:
                out_layers.append(d)
        elif bf.is_line_layer(layer):
            out_layers.append(_line_layer(layer, briefing, crs))
        elif bf.is_point_layer(layer):
            if (
                layer.kind == LayerKind.ASSET
                or patrol
                or (layer.kind == LayerKind.RESULT and len(rows) <= 500)
            ):
                out_layers.append(_marker_layer(layer, briefing, crs))
            else:
                out_layers.append(_point_layer(layer, rows, crs))
        else:
            skipped.append(f"{layer.name} (mixed geometry types)")
    xmin, ymin, xmax, ymax = briefing.extent
    lon, lat = to_lonlat(
        np.array([xmin, xmax, xmin, xmax]), np.array([ymin, ymin, ymax, ymax]), crs
    )
    return {
        "meta": {
            "title": briefing.title,
            "marking": briefing.marking_text,
            "marking_class": briefing.marking,
            "date_range": briefing.date_range,
            "author": briefing.author,
            "made": briefing.made_at_text,
            "sources": briefing.sources,
            "attributions": briefing.attributions,
            "attribution_short": _short_attribution(briefing.attributions),
            "notes": [list(n) for n in briefing.method_notes],
            "skipped": skipped,
            "scan": _scan_items(briefing.scan_table),
            "crs": crs,
            "export": bf.export_metadata(briefing),
        },
        "bounds": [
            [round(float(lat.min()), 5), round(float(lon.min()), 5)],
            [round(float(lat.max()), 5), round(float(lon.max()), 5)],
        ],
        "layers": out_layers,
    }


def _short_attribution(lines: list[str]) -> str:
    """A one-line map attribution; the full statements are in the About panel."""
    parts = []
    text = " ".join(lines)
    if "Open Government" in text:
        parts.append("Contains public sector information, OGL v3.0")
    if "Office for National Statistics" in text:
        parts.append("ONS; OS data © Crown copyright and database right")
    if "Synthetic" in text:
        parts.append("Synthetic data")
    others = [
        ln for ln in lines if not any(k in ln for k in ("Open Government", "Synthetic"))
    ]
    parts += others[:1]
    return "; ".join(parts) + " (see About)"


def _scan_items(table: pd.DataFrame | None, top: int = 10) -> list[str]:
    """The top horizon-scan messages (or a one-line summary of each row)."""
    if table is None or len(table) == 0:
        return []
    t = table.sort_values("rank") if "rank" in table else table
    if "message" in t:
        return [str(v) for v in t["message"].head(top)]
    cols = [c for c in ("category", "area_name", "observed", "expected") if c in t]
    return [
        ", ".join(f"{c}: {_clean(r[c])}" for c in cols)
        for _, r in t.head(top).iterrows()
    ]


# -- local tiles ---------------------------------------------------------------


def _tile_range(bounds, z: int) -> tuple[int, int, int, int]:
    (s, w), (n, e) = bounds
    n_t = 2**z

    def tx(lon: float) -> int:
        return int(np.clip(np.floor((lon + 180.0) / 360.0 * n_t), 0, n_t - 1))

    def ty(lat: float) -> int:
        r = np.radians(lat)
        v = (1.0 - np.log(np.tan(r) + 1.0 / np.cos(r)) / np.pi) / 2.0 * n_t
        return int(np.clip(np.floor(v), 0, n_t - 1))

    return tx(w), ty(n), tx(e), ty(s)


def local_tiles(
    source: str | Path, bounds, *, max_tiles: int = MAX_TILES
) -> dict[str, Any]:
    """Tiles covering ``bounds`` from a local XYZ folder or MBTiles file, as data URIs.

    Zoom levels are added from the lowest while the tile count and bytes stay
    within the limits; returns ``{"tiles": {"z/x/y": uri}, "minzoom", "maxzoom"}``.
    """
    src = Path(source)
    if not src.exists():
        raise DataError("tile source not found", source=str(src))
    conn = None
    if src.is_file():
        try:
            conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
            zooms = [
                int(r[0])
                for r in conn.execute(
                    "SELECT DISTINCT zoom_level FROM tiles ORDER BY 1"
                )
            ]
        except sqlite3.DatabaseError as exc:
            raise DataError(f"not an MBTiles file ({exc})", source=str(src)) from exc
    else:
        zooms = sorted(int(p.name) for p in src.iterdir() if p.name.isdigit())
    tiles: dict[str, str] = {}
    total = 0
    used: list[int] = []
    try:
        for z in zooms:
            x0, y0, x1, y1 = _tile_range(bounds, z)
            if (x1 - x0 + 1) * (y1 - y0 + 1) + len(tiles) > max_tiles:
                break
            level: dict[str, str] = {}
            size = 0
            for x in range(x0, x1 + 1):
                for y in range(y0, y1 + 1):
                    data = _read_tile(src, conn, z, x, y)
                    if data is None:
                        continue
                    mime = "image/jpeg" if data[:2] == b"\xff\xd8" else "image/png"
                    uri = f"data:{mime};base64," + base64.b64encode(data).decode()
                    level[f"{z}/{x}/{y}"] = uri
                    size += len(uri)
            if total + size > MAX_TILE_BYTES:
                break
            tiles.update(level)
            total += size
            if level:
                used.append(z)
    finally:
        if conn is not None:
            conn.close()
    return {
        "tiles": tiles,
        "minzoom": min(used) if used else 0,
        "maxzoom": max(used) if used else 0,
    }


def _read_tile(src: Path, conn, z: int, x: int, y: int) -> bytes | None:
    if conn is not None:
        row = conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? "
            "AND tile_row=?",
            (z, x, (2**z - 1) - y),  # MBTiles rows are TMS (y from the south)
        ).fetchone()
        return bytes(row[0]) if row else None
    for ext in ("png", "jpg", "jpeg"):
        p = src / str(z) / str(x) / f"{y}.{ext}"
        if p.is_file():
            return p.read_bytes()
    return None


# -- page ----------------------------------------------------------------------

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)

PAGE_CSS = """
:root { --band: 26px; --head: 46px; }
html, body { margin: 0; padding: 0; height: 100%; font-family: "Segoe UI", Arial,
  Helvetica, sans-serif; color: #1d1d1b; background: #fff; }
.marking { position: fixed; left: 0; right: 0; height: var(--band);
  line-height: var(--band); text-align: center; background: #000; color: #fff;
  font-weight: 700; letter-spacing: .12em; font-size: 14px; z-index: 2147483000;
  user-select: none; white-space: nowrap; overflow: hidden;
  display: flex; justify-content: center; padding: 0 8px; box-sizing: border-box; }
.marking .mk { flex: 0 0 auto; }
.marking .ds { flex: 0 1 auto; min-width: 0; overflow: hidden;
  text-overflow: ellipsis; white-space: pre; }
.marking.top { top: 0; } .marking.bottom { bottom: 0; }
#hdr { position: fixed; top: var(--band); left: 0; right: 0; height: var(--head);
  display: flex; align-items: center; gap: 12px; padding: 0 10px;
  background: #f4f6f8; border-bottom: 1px solid #c8ced3; z-index: 1100;
  box-sizing: border-box; }
#hdr h1 { font-size: 17px; margin: 0; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; flex: 1 1 auto; }
#hdr .range { font-size: 13px; color: #44515c; white-space: nowrap; }
#hdr button, .brief-btn { font: inherit; font-size: 14px; min-height: 40px;
  min-width: 44px; padding: 0 12px; border: 1px solid #8a959e; border-radius: 4px;
  background: #fff; cursor: pointer; }
#map { position: fixed; top: calc(var(--band) + var(--head)); bottom: var(--band);
  left: 0; right: 0; z-index: 0; background: #eef1f3; }
#about { position: fixed; top: calc(var(--band) + var(--head)); bottom: var(--band);
  right: 0; width: min(420px, 100%); overflow-y: auto; background: #fff;
  border-left: 1px solid #c8ced3; box-shadow: -2px 0 8px rgba(0,0,0,.15);
  z-index: 1200; padding: 12px 16px; box-sizing: border-box; font-size: 14px; }
#about[hidden] { display: none; }
#about h2 { font-size: 15px; margin: 14px 0 6px; }
#about dl { margin: 0; display: grid; grid-template-columns: max-content 1fr;
  gap: 4px 10px; }
#about dt { font-weight: 600; } #about dd { margin: 0; }
#about ul { padding-left: 18px; margin: 4px 0; }
.legend { background: #fff; border: 1px solid #8a959e; border-radius: 4px;
  font-size: 13px; max-height: calc(100vh - 280px); overflow-y: auto; max-width: 280px;
  box-shadow: 0 1px 4px rgba(0,0,0,.2); }
.legend summary { padding: 10px 12px; font-weight: 600; cursor: pointer;
  min-height: 24px; }
.legend .body { padding: 0 12px 10px; }
.legend h3 { font-size: 13px; margin: 8px 0 4px; }
.legend label, .legend .row { display: flex; align-items: center; gap: 8px;
  min-height: 30px; cursor: pointer; }
.legend input { width: 20px; height: 20px; margin: 0; }
.legend .sw { width: 16px; height: 16px; border: 1px solid rgba(0,0,0,.35);
  flex: 0 0 auto; }
.legend .sw.pt { border-radius: 50%; width: 12px; height: 12px; }
.legend .sw.ln { height: 0; border: 0; border-top: 4px dashed; width: 22px; }
.legend .note { color: #5a6670; font-size: 12px; margin: 2px 0 6px; }
.leaflet-control-layers-expanded { font-size: 14px; }
.leaflet-control-layers label { min-height: 30px; display: flex;
  align-items: center; }
.leaflet-touch .leaflet-bar a { width: 40px; height: 40px; line-height: 40px; }
.leaflet-popup-content { font-size: 13px; margin: 10px 12px; }
.leaflet-popup-content table { border-collapse: collapse; }
.leaflet-popup-content th { text-align: left; padding: 1px 8px 1px 0;
  color: #44515c; font-weight: 600; vertical-align: top; }
.leaflet-popup-content td { padding: 1px 0; }
.wk-hit { display: flex; align-items: center; justify-content: center; }
.wk-marker { display: flex; align-items: center; justify-content: center;
  color: #fff; font: 700 12px Arial, sans-serif; border: 2px solid #fff;
  box-shadow: 0 0 0 1px rgba(0,0,0,.55); box-sizing: border-box; }
.wk-marker.circle { border-radius: 50%; }
.scale-note { background: rgba(255,255,255,.85); padding: 2px 6px;
  font-size: 11px; }
@media (max-width: 600px) {
  :root { --head: 54px; }
  #hdr { flex-wrap: wrap; gap: 0 8px; padding: 2px 8px; }
  #hdr h1 { font-size: 15px; flex-basis: calc(100% - 90px); }
  #hdr .range { font-size: 12px; order: 3; flex-basis: 100%; }
  .marking { font-size: 12px; }
}
@media print { #hdr button, .leaflet-control-zoom { display: none; } }
"""


def _downgrade_html(fields: dict[str, str]) -> list[str]:
    if not fields.get("downgrade_reason"):
        return []
    e = html.escape
    return [
        f"<dt>Downgraded from</dt><dd>{e(fields.get('project_marking', ''))}</dd>",
        f"<dt>Reason</dt><dd>{e(fields['downgrade_reason'])}</dd>",
    ]


def _about_html(data: dict[str, Any]) -> str:
    m = data["meta"]
    e = html.escape
    parts = [
        '<button id="about-close" class="brief-btn" style="float:right" '
        'aria-label="Close">Close</button>',
        f"<h2>{e(m['title'])}</h2>",
        "<dl>",
        f"<dt>Marking</dt><dd>{e(m['marking'])}</dd>",
        *_downgrade_html(m.get("export", {})),
        f"<dt>Period</dt><dd>{e(m['date_range'])}</dd>",
        f"<dt>Author</dt><dd>{e(m['author'])}</dd>",
        f"<dt>Made</dt><dd>{e(m['made'])}</dd>",
        "</dl>",
        "<h2>Data sources</h2><ul>",
        *[f"<li>{e(s)}</li>" for s in m["sources"]],
        "</ul>",
    ]
    if m["attributions"]:
        parts += ["<h2>Attribution</h2><ul>"]
        parts += [f"<li>{e(a)}</li>" for a in m["attributions"]]
        parts += ["</ul>"]
    parts += ["<h2>Method notes</h2><ul>"]
    notes = m["notes"] or [["Map", "Records shown as recorded; no analysis applied."]]
    parts += [f"<li><b>{e(n)}</b>: {e(t)}</li>" for n, t in notes]
    parts += [
        "<li><b>Map</b>: positions converted from "
        f"{e(m['crs'])} to WGS84 and shown in Web Mercator; no background map "
        "is included unless a local tile source was supplied, so boundaries give "
        "the context.</li>",
        "</ul>",
    ]
    if m.get("scan"):
        parts += ["<h2>Horizon scan: top items</h2><ol>"]
        parts += [f"<li>{e(s)}</li>" for s in m["scan"]]
        parts += ["</ol>"]
    if m["skipped"]:
        parts += ["<h2>Not shown on this map</h2><ul>"]
        parts += [f"<li>{e(s)}</li>" for s in m["skipped"]]
        parts += ["</ul>"]
    parts += [
        "<h2>Handling</h2><p>This document carries the protective marking shown "
        "at the top and bottom of the screen. Handle, store and share it "
        "accordingly.</p>",
        "<p style='color:#5a6670;font-size:12px'>Map software: Leaflet 1.9.4, "
        "Leaflet.heat, Leaflet.markercluster (BSD/MIT licences).</p>",
    ]
    return "\n".join(parts)


def _meta_tags(fields: dict[str, str]) -> str:
    """``<meta name="workstation:marking" content="...">`` per export field."""
    e = html.escape
    return "\n".join(
        f'<meta name="workstation:{e(k)}" content="{e(v)}">' for k, v in fields.items()
    )


def _banner_html(marking: str, classification: str) -> str:
    """The rest of a banner element: the marking whole, the descriptor can shorten.

    The classification (``OFFICIAL-SENSITIVE``) is its own unshrinkable span; the
    descriptor after it ends in an ellipsis on a narrow screen instead of pushing
    the classification out of the band (the full text is the element's title).
    """
    e = html.escape
    head, tail = marking, ""
    if classification and marking.startswith(classification):
        head, tail = classification, marking[len(classification) :]
    ds = f'<span class="ds">{e(tail)}</span>' if tail else ""
    return f'title="{e(marking)}"><span class="mk">{e(head)}</span>{ds}'


def briefing_with_data(
    project: Project,
    briefing: bf.Briefing | None,
    tiles: str | Path | None,
    **make: Any,
) -> tuple[bf.Briefing, dict[str, Any]]:
    """The briefing (``briefing``, else made with ``make``'s options) and its page
    data, with the local tiles inlined when given: what the HTML export and
    :func:`workstation.export.folium_map.briefing_map` both start from.
    """
    b = briefing or bf.make_briefing(project, **make)
    data = briefing_data(b)
    if tiles is not None:
        data["tiles"] = local_tiles(tiles, data["bounds"])
    return b, data


def render_html(data: dict[str, Any]) -> str:
    """The complete page for :func:`briefing_data` output (the folium map, saved)."""
    from workstation.export import folium_map

    page = folium_map.map_from_data(data).get_root().render()
    return neutralise_bidi(page)  # no value can reorder what the reader sees


def export_html(
    project: Project,
    path: str | Path,
    *,
    title: str | None = None,
    marking: str | None = None,
    descriptor: str | None = None,
    layer_ids: list[str] | None = None,
    extent: tuple[float, float, float, float] | None = None,
    tiles: str | Path | None = None,
    briefing: bf.Briefing | None = None,
    audit: bool = True,
    downgrade_reason: str | None = None,
) -> Path:
    """Write the offline HTML briefing of ``project`` to ``path``.

    The export is recorded in the project's audit trail unless ``audit`` is
    False (the GUI renders on a worker thread and records on the main thread).

    Raises
    ------
    DataError
        No protective marking, an unknown layer, or nothing to show.
    """
    path = Path(path)
    b, data = briefing_with_data(
        project, briefing, tiles, title=title, marking=marking,
        descriptor=descriptor, layer_ids=layer_ids, extent=extent,
        downgrade_reason=downgrade_reason,
    )  # fmt: skip
    page = render_html(data)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    if audit:
        bf.record_export(
            b,
            path,
            "html",
            {"tiles": str(tiles) if tiles else None, "descriptor": b.descriptor},
        )
    return path
