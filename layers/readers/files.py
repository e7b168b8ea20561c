"""Opening any table: workbooks and their best sheet, vector files, folders of exports.

Every source opens its files through these, so a workbook, a point file or a folder
of monthly exports reads the same whichever reader it goes to.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.crs import WGS84
from layers.progress import Progress
from layers.readers._common import Table, read_table
from layers.readers.places import settle_crs
from layers.readers.tables import check_archive
from layers.readers.values import is_missing as _is_missing
from layers.validation import DataError, ReadReport

# -- spreadsheets --------------------------------------------------------------------
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if hasattr(value, "isoformat"):  # date, time
        return value.isoformat()
    return str(value)


def excel_to_text(
    path: Path, sheet: str | None = None, *, max_rows: int | None = None
) -> tuple[str, list[str]]:
    """The first (or named) sheet of an .xlsx workbook as CSV text, and notes.

    Dates and times that Excel stores as such come out as ISO text; other cells
    as displayed values. Row numbers of the result count records as the sheet
    shows them when it has no blank rows.
    """
    check_archive(path)
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(
            f"cannot open as an Excel workbook: {exc}", source=path
        ) from exc
    except Exception as exc:  # openpyxl's own InvalidFileException and friends
        raise DataError(
            f"cannot open as an Excel workbook: {exc}", source=path
        ) from exc
    notes = []
    try:
        names = wb.sheetnames
        if sheet is not None:
            if sheet not in names:
                raise DataError(
                    f"no sheet named {sheet!r}; the workbook has: " + ", ".join(names),
                    source=path,
                )
            ws = wb[sheet]
        else:
            ws = wb.worksheets[0]
            if len(names) > 1:
                notes.append(
                    f"the workbook has {len(names)} sheets; read {names[0]!r} "
                    "(name another with mapping['sheet'])"
                )
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        for k, row in enumerate(ws.iter_rows(values_only=True)):
            if max_rows is not None and k >= max_rows:
                break
            writer.writerow([_cell_text(v) for v in row])
    finally:
        wb.close()
    return buf.getvalue(), notes


def best_sheet(path: Path, fits: Callable[[Table], bool]) -> str | None:
    """The first sheet of a workbook whose first rows ``fits``, or None for the
    first sheet (or when none does).

    Exports often put a "Summary" or "Notes" sheet before the data.
    """
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        names = list(wb.sheetnames)
        wb.close()
    except Exception:
        return None
    if len(names) < 2:
        return None
    for name in names:
        try:
            text, _ = excel_to_text(path, name, max_rows=50)
            table = read_table(text=text, source="<sample>")
        except (DataError, ValueError):
            continue
        if fits(table):
            return name if name != names[0] else None
    return None


def read_any_table(
    path: Path,
    *,
    header: bool = True,
    names: list[str] | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> Table:
    """:func:`read_table` for delimited text, or the sheet of an .xlsx workbook."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError(
            "old Excel .xls workbooks are not read; save the sheet as .xlsx or CSV",
            source=path,
        )
    if suffix in EXCEL_SUFFIXES:
        text, notes = excel_to_text(path, sheet)
        table = read_table(
            text=text,
            source=str(path),
            header=header,
            names=names,
            delimiter=",",
            progress=progress,
        )
        table.encoding = "xlsx"
        table.delimiter = None
        table.notes.extend(notes)
        return table
    return read_table(path, header=header, names=names, progress=progress)


#: Vector formats whose point features can be calls (attributes as columns).
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".kml", ".fgb", ".gml")
#: ArcGIS editor-tracking fields: when a feature was edited, not when a call came.
EDITOR_FIELDS = frozenset(
    "created_date last_edited_date created_user last_edited_user creationdate "
    "editdate creator editor".split()
)


def vector_table(path: Path, *, max_features: int | None = None) -> Table:
    """A vector file of points as a :class:`Table` of text.

    Attributes become columns; each feature's point (a polygon's representative
    point) becomes ``geometry_easting``/``geometry_northing`` when the file is in
    British National Grid, else ``geometry_lon``/``geometry_lat`` (WGS84), so the
    column guess and the coordinate checks work as for a CSV. Rows are numbered
    from 1 in feature order; a feature without geometry has blank coordinates.
    """
    import pyogrio

    try:
        gdf = pyogrio.read_dataframe(str(path), max_features=max_features)
    except Exception as exc:
        raise DataError(
            f"cannot read as a vector file: {exc}".replace("\n", " "), source=path
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise DataError("the file has no geometry", source=path)
    notes: list[str] = []
    gdf = settle_crs(gdf, path, None, notes)
    geoms = gdf.geometry.to_numpy()
    live = ~(gdf.geometry.isna().to_numpy() | gdf.geometry.is_empty.to_numpy())
    pts = np.full(len(gdf), None, dtype=object)
    if live.any():
        import shapely

        pts[live] = shapely.point_on_surface(geoms[live])
    pts = gpd.GeoSeries(pts, crs=gdf.crs)
    if pts.crs is not None and pts.crs.equals("EPSG:27700"):
        names = ("geometry_easting", "geometry_northing")
    else:
        names = ("geometry_lon", "geometry_lat")
        if pts.crs is not None:
            pts = pts.to_crs(WGS84)
    x = np.where(live, pts.x.to_numpy(dtype=float, na_value=np.nan), np.nan)
    y = np.where(live, pts.y.to_numpy(dtype=float, na_value=np.nan), np.nan)

    def text(v: np.ndarray) -> list[str]:
        return [repr(float(a)) if np.isfinite(a) else "" for a in v]

    attrs = pd.DataFrame(gdf.drop(columns=[gdf.geometry.name]))
    cols = {}
    for c in attrs.columns:
        cols[str(c)] = [_cell_text(v) if not _is_missing(v) else "" for v in attrs[c]]
    cols[names[0]] = text(x)
    cols[names[1]] = text(y)
    data = pd.DataFrame(cols, dtype="str")
    data.index = pd.RangeIndex(1, len(data) + 1)
    report = ReadReport(str(path))
    report.rows_total = len(data)
    table = Table(
        source=str(path),
        columns=list(data.columns),
        data=data,
        report=report,
        encoding="vector",
        delimiter=None,
        notes=[n.split(": ", 1)[-1] for n in notes]
        + [f"locations from the features' geometry ({names[0]}/{names[1]})"],
    )
    return table


#: Files a folder of exports is read from (one table per file, same layout).
TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".psv", ".tab", ".xlsx", ".xlsm")


def folder_tables(folder: Path) -> list[Path]:
    """The export files in a folder (monthly exports, say), in name order.

    Hidden files, macOS resource files and README files are left out.
    """
    out = []
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).parts
        if not f.is_file() or f.suffix.lower() not in TABLE_SUFFIXES:
            continue
        if any(p.startswith((".", "__MACOSX")) for p in rel):
            continue
        if f.stem.lower().startswith(("readme", "read_me", "licence", "license")):
            continue
        out.append(f)
    return out


def expand_folders(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            files = folder_tables(p)
            if not files:
                raise DataError(
                    "holds no export files (.csv, .txt, .tsv, .xlsx)", source=p
                )
            out.extend(files)
        else:
            out.append(p)
    return out


POINTS = ("Point", "MultiPoint")
POLYGONS = ("Polygon", "MultiPolygon")


def feature_head(
    path: str | Path, *, layer: str | None = None, n: int = 50
) -> tuple[gpd.GeoDataFrame, float, float] | None:
    """The first ``n`` features of a vector file with their shares of points and
    polygons (among features with a geometry), or None when it has no features.
    """
    import pyogrio

    head = pyogrio.read_dataframe(str(path), layer=layer, max_features=n)
    if "geometry" not in head or len(head) == 0:
        return None
    types = head.geometry.geom_type.dropna()
    if not len(types):
        return head, 0.0, 0.0
    return head, float(types.isin(POINTS).mean()), float(types.isin(POLYGONS).mean())


#: What GDAL may open as a vector source (files, containers, databases).
GIS_SUFFIXES = (
    ".gpkg",
    ".geojson",
    ".json",
    ".shp",
    ".zip",
    ".kml",
    ".kmz",
    ".gml",
    ".fgb",
    ".geojsonl",
    ".geojsons",
    ".sqlite",
    ".tab",
    ".mif",
    ".gdb",
)

#: GSS codes: a letter, then eight digits (E01000001, W05000001, S12000033, ...).


def plain_column(values: pd.Series) -> pd.Series:
    """Nested values (GeoJSON objects and arrays) as JSON text.

    So every column is a plain type that GeoPackage, CSV and the attribute table
    can hold.
    """
    if values.dtype != object:
        return values
    nested = values.map(lambda v: isinstance(v, dict | list | tuple))
    if not nested.any():
        return values
    text = values.map(
        lambda v: (
            json.dumps(v, default=str)
            if isinstance(v, dict | list | tuple)
            else (None if v is None or (isinstance(v, float) and v != v) else str(v))
        )
    )
    return pd.Series(text.to_numpy(dtype=object), index=values.index, dtype="str")


def humanise(stem: str) -> str:
    """'west_midlands_police_force_area' -> 'West Midlands Police Force Area'."""
    words = [w for w in re.split(r"[_\-\s.]+", stem) if w]
    return " ".join(w if w.isupper() else w.capitalize() for w in words) or stem


def polygon_layers(path: str | Path) -> list[str]:
    """Names of the layers of a vector file whose geometry type is polygonal."""
    import pyogrio

    try:
        layers = pyogrio.list_layers(str(path))
    except Exception as exc:
        raise DataError(f"cannot open as a vector file: {exc}", source=path) from exc
    return [str(n) for n, t in layers if t is not None and "polygon" in str(t).lower()]


#: Vector files looked for inside a zip or a folder.
MEMBER_SUFFIXES = (
    ".shp",
    ".gpkg",
    ".geojson",
    ".json",
    ".kml",
    ".kmz",
    ".gml",
    ".fgb",
    ".tab",
    ".mif",
    ".sqlite",
)


def _hidden(parts: tuple[str, ...] | list[str]) -> bool:
    return any(p.startswith((".", "__MACOSX")) for p in parts if p)


def vector_sources(path: str | Path) -> list[tuple[str, str]]:
    """The vector files a path stands for, as (display name, path GDAL opens).

    A file is itself; a zip (a zipped shapefile as the ONS portal serves it, perhaps
    inside a folder) and a folder (e.g. data.police.uk neighbourhood boundaries: one
    KML per neighbourhood) stand for the vector files inside them, in name order,
    leaving out hidden and macOS resource files.
    """
    import zipfile

    p = Path(path)
    if p.is_dir() and p.suffix.lower() != ".gdb":
        files = sorted(
            f
            for f in p.rglob("*")
            if f.is_file()
            and f.suffix.lower() in MEMBER_SUFFIXES
            and not _hidden(f.relative_to(p).parts)
        )
        return [(str(f), str(f)) for f in files]
    if p.suffix.lower() == ".zip" and zipfile.is_zipfile(p):
        check_archive(p)
        with zipfile.ZipFile(p) as zf:
            names = sorted(
                n
                for n in zf.namelist()
                if not n.endswith("/")
                and Path(n).suffix.lower() in MEMBER_SUFFIXES
                and not _hidden(n.split("/"))
            )
        base = f"/vsizip/{p.resolve()}"
        return [(f"{p}!{n}", f"{base}/{n}") for n in names]
    return [(str(p), str(p))]


#: Names of a text table's column of WKT geometries (QGIS writes ``wkt_geom``).
def read_vector(
    path: Path, layer: str | None, *, want: str, open_path: str | None = None
) -> tuple[gpd.GeoDataFrame, str, list[str]]:
    """Read one layer of a vector file (the named one, or the first of kind ``want``).

    ``want`` is "polygon" or "any"; ``open_path`` is what GDAL opens when it differs
    from ``path`` (a file inside a zip). Returns the frame, the layer name and notes.
    """
    import pyogrio

    notes: list[str] = []
    opened = open_path or str(path)
    try:
        listed = pyogrio.list_layers(opened)
    except Exception as exc:
        raise DataError(f"cannot open as a vector file: {exc}", source=path) from exc
    names = [str(n) for n, _ in listed]
    if not names:
        raise DataError("the file has no layers", source=path)
    if layer is not None:
        if layer not in names:
            raise DataError(
                f"no layer named {layer!r}; the file has: " + ", ".join(names),
                source=path,
            )
        chosen = layer
    else:
        if want == "polygon":
            candidates = [
                str(n)
                for n, t in listed
                if t is not None and "polygon" in str(t).lower()
            ]
        else:
            candidates = [str(n) for n, t in listed if t is not None]
        if not candidates:
            candidates = names
        chosen = candidates[0]
        if len(candidates) > 1:
            notes.append(
                f"the file has {len(candidates)} suitable layers ("
                + ", ".join(candidates)
                + f"); read {chosen!r}. Name another with mapping['layer']"
            )
    try:
        gdf = gpd.read_file(opened, layer=chosen, engine="pyogrio")
    except Exception as exc:
        raise DataError(
            f"cannot read layer {chosen!r}: {exc}".replace("\n", " "), source=path
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf:
        raise DataError(f"layer {chosen!r} has no geometry", source=path)
    return gdf, chosen, notes
