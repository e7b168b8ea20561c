"""Table exports: CSV, XLSX and GPX, safe to open in a spreadsheet.

CSV and XLSX text cells that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe via
:func:`layers.validation.safe_cell`; numbers are written as numbers. XLSX cells are
written with an explicit string type so openpyxl never stores a formula. Geometry
is written as ``x``/``y`` in the working CRS plus ``longitude``/``latitude``
(WGS84) for points, or as WKT otherwise. GPX holds points as waypoints and lines as
routes (WGS84), via gpxpy.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.crs import to_lonlat
from layers.csvsafe import write_rows
from layers.layer import Layer
from layers.project import Project
from layers.textsafe import neutralise_bidi
from layers.validation import DataError, safe_cell


def _frame(table: Layer | gpd.GeoDataFrame | pd.DataFrame) -> pd.DataFrame:
    """A plain DataFrame with geometry turned into coordinate columns."""
    if isinstance(table, Layer):
        table = table.frame
    if isinstance(table, gpd.GeoDataFrame) and table.geometry.name in table:
        geom = table.geometry
        df = pd.DataFrame(table.drop(columns=geom.name))
        if len(geom) and (geom.geom_type == "Point").all():
            x, y = geom.x.to_numpy(), geom.y.to_numpy()
            df["x"], df["y"] = x, y
            if table.crs is not None:
                lon, lat = to_lonlat(x, y, table.crs.to_string())
                df["longitude"] = np.round(lon, 6)
                df["latitude"] = np.round(lat, 6)
        else:
            df["wkt"] = geom.to_wkt().to_numpy()
        return df
    return pd.DataFrame(table)


def _cell(value: Any) -> Any:
    """A value ready for a cell: numbers stay numbers, text is neutralised."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return safe_cell(str(value))


def write_csv(table: Layer | gpd.GeoDataFrame | pd.DataFrame, path: str | Path) -> Path:
    """CSV (UTF-8 with BOM so Excel reads accents), formulas neutralised."""
    df = _frame(table)
    rows = ([_cell(v) for v in row] for row in df.itertuples(index=False, name=None))
    return write_rows(path, df.columns, rows, encoding="utf-8-sig")


def write_xlsx(
    tables: dict[str, Layer | gpd.GeoDataFrame | pd.DataFrame]
    | Layer
    | gpd.GeoDataFrame
    | pd.DataFrame,
    path: str | Path,
    *,
    marking: str | None = None,
) -> Path:
    """An XLSX workbook, one sheet per table; text never becomes a formula.

    ``marking`` (e.g. ``OFFICIAL-SENSITIVE``) is written in the first row of every
    sheet and in the page header and footer when printed.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    if not isinstance(tables, dict):
        tables = {"Sheet1": tables}
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in tables.items():
        title = "".join(ch for ch in str(name) if ch not in "[]:*?/\\")[:31] or "Sheet"
        ws = wb.create_sheet(title)
        df = _frame(table)
        if marking:
            ws.append([safe_cell(marking)])
            ws.cell(row=1, column=1).font = Font(bold=True)
            ws.oddHeader.center.text = marking
            ws.oddFooter.center.text = marking
        ws.append([safe_cell(str(c)) for c in df.columns])
        header_row = ws.max_row
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
        for row in df.itertuples(index=False, name=None):
            ws.append([_cell(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    path = Path(path)
    wb.save(path)
    return path


def write_gpx(
    layers: list[Layer] | Layer,
    path: str | Path,
    *,
    name_column: str | None = None,
    creator: str = "Analyst Workstation",
) -> Path:
    """GPX 1.1: points as waypoints, lines as routes (WGS84)."""
    import gpxpy.gpx

    layers = [layers] if isinstance(layers, Layer) else list(layers)
    gpx = gpxpy.gpx.GPX()
    gpx.creator = creator
    for layer in layers:
        frame = layer.frame
        crs = frame.crs.to_string() if frame.crs is not None else None
        if crs is None:
            raise DataError(
                "layer has no coordinate reference system", source=layer.name
            )
        col = name_column or next(
            (c for c in ("name", "order", "category") if c in frame), None
        )
        for i, g in enumerate(frame.geometry):
            if g is None or g.is_empty:
                continue
            label = str(frame[col].iloc[i]) if col else f"{layer.name} {i + 1}"
            label = neutralise_bidi(label)
            if g.geom_type == "Point":
                lon, lat = to_lonlat(np.array([g.x]), np.array([g.y]), crs)
                gpx.waypoints.append(
                    gpxpy.gpx.GPXWaypoint(float(lat[0]), float(lon[0]), name=label)
                )
            elif g.geom_type in ("LineString", "MultiLineString"):
                for line in getattr(g, "geoms", [g]):
                    c = np.asarray(line.coords)
                    lon, lat = to_lonlat(c[:, 0], c[:, 1], crs)
                    route = gpxpy.gpx.GPXRoute(name=label)
                    route.points.extend(
                        gpxpy.gpx.GPXRoutePoint(float(la), float(lo))
                        for lo, la in zip(lon, lat, strict=True)
                    )
                    gpx.routes.append(route)
            else:
                rp = g.representative_point()
                lon, lat = to_lonlat(np.array([rp.x]), np.array([rp.y]), crs)
                gpx.waypoints.append(
                    gpxpy.gpx.GPXWaypoint(float(lat[0]), float(lon[0]), name=label)
                )
    path = Path(path)
    path.write_text(gpx.to_xml(), encoding="utf-8")
    return path


def write_table(
    table: Layer | gpd.GeoDataFrame | pd.DataFrame,
    path: str | Path,
    *,
    project: Project | None = None,
    **kw: Any,
) -> Path:
    """CSV, XLSX or GPX by the file's suffix.

    With ``project``, the export is recorded in its audit trail (format, path,
    SHA-256 of the file, rows, and the layer's content hash when ``table`` is a
    layer); an XLSX then carries the project's protective marking.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx" and project is not None and "marking" not in kw:
        kw["marking"] = project.metadata.marking_text or None
    if suffix == ".csv":
        out = write_csv(table, path)
    elif suffix == ".xlsx":
        out = write_xlsx(table, path, **kw)
    elif suffix == ".gpx":
        if not isinstance(table, Layer):
            raise DataError("GPX export needs a layer", source=str(path))
        out = write_gpx(table, path, **kw)
    else:
        raise DataError("table export must be .csv, .xlsx or .gpx", source=str(path))
    if project is not None:
        from workstation.export.briefing import sha256_file

        n = len(table.frame) if isinstance(table, Layer) else len(table)
        project.record(
            "export",
            {
                "format": suffix.lstrip("."),
                "path": str(out.resolve()),
                "sha256": sha256_file(out),
                "bytes": out.stat().st_size,
                "rows": int(n),
                "marking": project.metadata.marking_text,
            },
            inputs=[table] if isinstance(table, Layer) else None,
        )
    return out
