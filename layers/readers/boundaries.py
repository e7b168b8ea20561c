"""Boundaries: any polygon file pyogrio reads, to a BOUNDARY layer.

GeoPackages with several layers (polygon layers are picked, or the one named),
GeoJSON with or without a ``crs`` member, shapefiles, KML-derived files with Z
values. Polygons and MultiPolygons may be mixed; invalid geometries are repaired
with :func:`shapely.make_valid` and counted; features that are not polygons are
rejected with the reason. ``area_code`` and ``area_name`` are guessed from the
attribute names and values (ONS ``lsoa21cd``/``lsoa21nm``, ``ward_code``,
``objectid`` holding a GSS code, ...) and can be named in ``mapping``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import check
from layers.readers._common import normalise_name
from layers.readers.files import GIS_SUFFIXES as VECTOR_SUFFIXES
from layers.readers.files import (
    feature_head,
    humanise,
    plain_column,
    polygon_layers,
    read_vector,
    vector_sources,
)
from layers.readers.pipeline import ReadRequest, Verdict, finish, sniffer, source_reader
from layers.readers.places import (
    file_record,
    flat_geometries,
    is_lonlat_crs,
    polygonal_parts,
    settle_crs,
    to_working_geometries,
)
from layers.readers.steps import keep_name
from layers.validation import DataError, ReadReport

NAME = "boundaries"
KIND = LayerKind.BOUNDARY

GSS_RE = re.compile(r"^[EWSNLMK]\d{8}$")

_CODE_NAMES = (
    "area_code",
    "code",
    "ward_code",
    "lsoa_code",
    "msoa_code",
    "lad_code",
    "district_code",
    "beat_code",
    "beat",
    "sector_code",
    "neighbourhood_code",
    "gss_code",
    "geo_code",
    "ons_code",
    "area_id",
)
_NAME_NAMES = (
    "area_name",
    "name",
    "ward_name",
    "lsoa_name",
    "msoa_name",
    "lad_name",
    "district",
    "district_name",
    "ward",
    "beat_name",
    "sector",
    "sector_name",
    "neighbourhood",
    "neighbourhood_name",
    "area",
    "label",
    "title",
)


WKT_COLUMNS = ("wkt", "wkt_geom", "geometry", "the_geom", "geom", "shape", "geometrie")
#: Delimited text suffixes that may carry WKT geometries.
TEXT_TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".psv")


def wkt_column(columns: list[str] | None, sample: str | None) -> str | None:
    """The column of a text table holding WKT polygons (None if there is none).

    Judged from the header's names and polygons in the sample text.
    """
    if not columns or not sample:
        return None
    norm = {normalise_name(c): c for c in reversed(columns)}
    for cand in WKT_COLUMNS:
        col = norm.get(cand)
        if col is not None and re.search(
            r"(MULTI)?POLYGON\s*Z?\s*\(", sample[:65536], re.IGNORECASE
        ):
            return col
    return None


def read_wkt_table(path: Path) -> tuple[gpd.GeoDataFrame, str]:
    """A delimited text table with a WKT geometry column (QGIS "Save as CSV" with
    GEOMETRY=AS_WKT, ArcGIS table exports, ``the_geom`` from portals).

    The table is read as text (any encoding, delimiter, BOM); a geometry that is
    not WKT becomes a missing geometry, rejected later with the reason. Adds
    ``__filerow`` (the file's row number, header = row 1).
    """
    from layers.readers._common import read_table

    table = read_table(path)
    col = None
    for cand in WKT_COLUMNS:
        hits = [c for c in table.columns if normalise_name(c) == cand]
        if hits:
            col = hits[0]
            break
    if col is None:
        raise DataError(
            "no WKT geometry column (WKT, wkt_geom, geometry, the_geom ...)",
            source=path,
        )
    text = table.data[col].astype("object").to_numpy()
    geoms = shapely.from_wkt(
        np.array([t if isinstance(t, str) and t.strip() else None for t in text]),
        on_invalid="ignore",
    )
    attrs = pd.DataFrame(table.data.drop(columns=[col])).reset_index(drop=True)
    gdf = gpd.GeoDataFrame(attrs, geometry=list(geoms), crs=None)
    gdf["__filerow"] = table.data.index.to_numpy(dtype=np.int64)
    return gdf, col


def clean_polygons(
    geoms: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Drop Z, keep polygonal parts, repair invalid polygons.

    Returns (geometries, reason per feature ("" when usable), repaired count,
    count of features whose non-polygon parts were dropped).
    """
    out, reason, ok = flat_geometries(geoms, "no geometry")
    types = shapely.get_type_id(out)
    # 3 Polygon, 6 MultiPolygon, 7 GeometryCollection
    trimmed = 0
    for i in np.flatnonzero(ok & (types == 7)):
        polys = polygonal_parts(out[i])
        if polys is None:
            reason[i] = "not a polygon (GeometryCollection without polygons)"
        else:
            out[i] = polys
            trimmed += 1
    types = shapely.get_type_id(out)
    wrong = ok & (reason == "") & ~np.isin(types, (3, 6))
    for i in np.flatnonzero(wrong):
        reason[i] = f"not a polygon ({out[i].geom_type})"
    usable = reason == ""
    invalid = usable & ~shapely.is_valid(out)
    repaired = 0
    for i in np.flatnonzero(invalid):
        fixed = polygonal_parts(shapely.make_valid(out[i]))
        if fixed is None or fixed.is_empty or fixed.area == 0:
            reason[i] = "invalid geometry (no area left after repair)"
        else:
            out[i] = fixed
            repaired += 1
    zero = (reason == "") & (shapely.area(out) <= 0)
    reason[zero] = "invalid geometry (zero area)"
    return out, reason, repaired, trimmed


# -- area code / name ---------------------------------------------------------------
def _text_values(s: pd.Series) -> pd.Series:
    v = s.dropna()
    if len(v) == 0:
        return v
    return v.astype(str).str.strip().replace("", np.nan).dropna()


def guess_area_columns(frame: pd.DataFrame) -> dict[str, str]:
    """Guess {"area_code": column, "area_name": column} from names and values."""
    cols = (
        [c for c in frame.columns if c != frame.geometry.name]
        if isinstance(frame, gpd.GeoDataFrame)
        else list(frame.columns)
    )
    norm = {c: normalise_name(c) for c in cols}
    nonempty = {c: _text_values(frame[c]) for c in cols}
    useful = [c for c in cols if len(nonempty[c]) > 0]
    out: dict[str, str] = {}

    def gss_share(c: str) -> float:
        v = nonempty[c]
        if len(v) == 0 or not (
            pd.api.types.is_object_dtype(frame[c].dtype)
            or pd.api.types.is_string_dtype(frame[c].dtype)
        ):
            return 0.0
        return float(v.str.fullmatch(GSS_RE.pattern).mean())

    code = next((c for c in useful if re.fullmatch(r"[a-z]+\d{2}cd", norm[c])), None)
    if code is None:
        shares = [(gss_share(c), c) for c in useful]
        shares = [sc for sc in shares if sc[0] >= 0.9]
        if shares:
            code = max(shares, key=lambda sc: sc[0])[1]
    if code is None:
        for cand in _CODE_NAMES:
            code = next((c for c in useful if norm[c] == cand), None)
            if code is not None:
                break
    if code is None:
        code = next(
            (c for c in useful if norm[c].endswith(("_code", "code", "_cd"))), None
        )
    if code is not None:
        out["area_code"] = code

    name = None
    if code is not None:
        nc = norm[code]
        partners = []
        if nc.endswith("cd"):
            partners.append(nc[:-2] + "nm")
        if nc.endswith("code"):
            partners += [nc[:-4] + "name", nc[:-4].rstrip("_")]
        name = next((c for c in useful if norm[c] in partners and c != code), None)
    if name is None:
        name = next(
            (
                c
                for c in useful
                if re.fullmatch(r"[a-z]+\d{2}nm", norm[c]) and c != code
            ),
            None,
        )
    if name is None:
        for cand in _NAME_NAMES:
            name = next((c for c in useful if norm[c] == cand and c != code), None)
            if name is not None:
                break
    if name is None:
        name = next(
            (c for c in useful if norm[c].endswith(("_name", "nm")) and c != code),
            None,
        )
    if name is None:
        for c in useful:
            if c == code:
                continue
            dt = frame[c].dtype
            if not (
                pd.api.types.is_object_dtype(dt) or pd.api.types.is_string_dtype(dt)
            ):
                continue
            v = nonempty[c]
            if v.str.fullmatch(r"[-+]?\d+(\.\d+)?").mean() > 0.5:
                continue
            if v.str.startswith(("{", "[")).mean() > 0.5:
                continue
            name = c
            break
    if name is not None:
        out["area_name"] = name
    return out


# -- the reader ---------------------------------------------------------------------
@sniffer
def sniff(path: Path, columns: list[str] | None, sample: str | None) -> Verdict:
    """Confidence that ``path`` is a polygon boundary file, and the area columns."""
    p = Path(path)
    if columns is not None and p.suffix.lower() in TEXT_TABLE_SUFFIXES:
        if wkt_column(columns, sample) is None:
            return 0.0, {}
        head, _col = read_wkt_table(p)
        types = head.geometry.geom_type.dropna()
        if len(types) and types.isin(["Polygon", "MultiPolygon"]).mean() >= 0.75:
            return 0.9, guess_area_columns(head.drop(columns=["__filerow"]))
        return 0.0, {}
    if columns is not None:
        return 0.0, {}
    container = p.is_dir() or p.suffix.lower() == ".zip"
    if not container and p.suffix.lower() not in VECTOR_SUFFIXES:
        return 0.0, {}
    if p.suffix.lower() in (".json", ".tab") and sample is not None:
        if '"Feature' not in sample[:65536] and p.suffix.lower() == ".json":
            return 0.0, {}
    import pyogrio

    if container:
        members = vector_sources(p)
        if not members:
            return 0.0, {}
        opened = members[0][1]
    else:
        opened = str(p)
    layers = polygon_layers(opened)
    if layers:
        head = pyogrio.read_dataframe(opened, layer=layers[0], max_features=50)
        return 0.9, guess_area_columns(head)
    # mixed or undeclared geometry types: look at the features themselves
    got = feature_head(opened)
    if got is None:
        return 0.0, {}
    head, _points, share = got
    if share >= 0.75:
        return round(0.5 + 0.35 * share, 3), guess_area_columns(head)
    mapping = guess_area_columns(head)
    score = 0.3 * share + (0.4 if share >= 0.5 and "area_code" in mapping else 0)
    return round(score, 3), mapping


def _read(req: ReadRequest) -> Layer:
    """Read polygon files into a BOUNDARY layer in the working CRS.

    Parameters
    ----------
    paths
        One or more vector files (read one after another into one layer).
    mapping
        ``area_code`` / ``area_name``: source columns to use; ``layer``: the layer
        of a multi-layer file; ``source_crs``: the CRS of a file that declares none.
    columns, timezone
        Unused (boundaries have no header rows and no times); accepted for the
        common reader interface.
    target_crs
        None chooses BNG in Great Britain, else the UTM zone of the data.
    """
    paths, mapping, columns = req.paths, req.mapping, req.columns
    target_crs, timezone, name, progress = (
        req.target_crs, req.timezone, req.name, req.progress
    )  # fmt: skip
    del columns, timezone
    paths = [Path(p) for p in paths]
    if not paths:
        raise DataError("no files given to the boundaries reader")
    user = dict(mapping or {})
    unknown = set(user) - {"area_code", "area_name", "layer", "source_crs"}
    if unknown:
        raise DataError(
            "unknown mapping key(s) "
            + ", ".join(sorted(unknown))
            + "; use area_code, area_name, layer, source_crs"
        )
    report = ReadReport(
        str(paths[0])
        if len(paths) == 1
        else f"{len(paths)} files: {paths[0].name}, ..."
    )
    parts, files, layer_names, n_sources = _gather_parts(paths, user, report, progress)
    crs0 = parts[0].crs
    for k, g in enumerate(parts[1:], start=1):
        if not (g.crs == crs0 or (is_lonlat_crs(g.crs) and is_lonlat_crs(crs0))):
            parts[k] = g.to_crs(crs0)
    raw = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    raw = gpd.GeoDataFrame(raw, geometry=parts[0].geometry.name, crs=crs0)
    report.rows_total = len(raw)
    check(progress, 0.6, "checking geometries")

    out_geoms, reason, repaired, trimmed, working, tinfo = _settle_geometries(
        raw, crs0, target_crs, report, progress
    )
    ok = reason == ""
    attrs, kept, code, area_name, chosen_map = _area_columns(
        raw, ok, user, paths, n_sources, report
    )
    dup = int(code.duplicated().sum())
    if dup:
        report.warn(
            f"{dup} area code(s) occur more than once; joins by code will match "
            "each of them"
        )
    frame: dict[str, Any] = {
        "area_code": code.reset_index(drop=True),
        "area_name": area_name.reset_index(drop=True),
    }
    used_names = set(frame) | {"geometry", "source_file", "source_row"}
    frame["source_file"] = pd.Series(kept["__file"].to_numpy(dtype=object), dtype="str")
    frame["source_row"] = kept["__row"].to_numpy(dtype=np.int64)
    for col in attrs.columns:
        if col in ("__file", "__row", "__stem"):
            continue
        nm = keep_name(col, used_names, used_names)
        frame[nm] = plain_column(kept[col].reset_index(drop=True))
    gdf = gpd.GeoDataFrame(
        pd.DataFrame(frame), geometry=list(out_geoms[ok]), crs=working
    )
    report.rows_loaded = int(ok.sum())
    if repaired:
        report.notes.append(
            f"{repaired} invalid geometr{'y' if repaired == 1 else 'ies'} repaired "
            "with shapely.make_valid"
        )
        report.warn(
            f"{repaired} invalid geometr{'y was' if repaired == 1 else 'ies were'} repaired"
        )
    if trimmed:
        report.notes.append(
            f"{trimmed} feature(s) were geometry collections; their polygon parts "
            "were kept"
        )
    if shapely.has_z(
        raw.geometry.to_numpy()[~shapely.is_missing(raw.geometry.to_numpy())]
    ).any():
        report.notes.append("Z coordinates dropped (2D analysis)")
    report.check_balanced()
    provenance = {
        "reader": NAME,
        "files": files,
        "layers": layer_names,
        "mapping": {k: str(v) for k, v in chosen_map.items()},
        "source_crs": pyproj.CRS(crs0).to_string(),
        "transform": tinfo.to_dict(),
        "crs": working,
        "timezone": None,
        "repaired_geometries": repaired,
    }
    default = humanise(paths[0].stem) if len(paths) == 1 else paths[0].stem
    return finish(
        KIND, gdf, provenance, report, name=name or default, progress=progress
    )


def _gather_parts(
    paths: list[Path], user: dict[str, Any], report: ReadReport, progress
) -> tuple[list[gpd.GeoDataFrame], list[dict], list[str], int]:
    """Every polygon layer of the paths (a zip's or folder's members one by one)."""
    parts = []
    files = []
    layer_names = []
    sources_in: list[tuple[Path, str, str]] = []
    for path in paths:
        if not path.exists():
            raise DataError("file not found", source=path)
        members = vector_sources(path)
        if not members:
            raise DataError(
                "holds no vector files (.shp, .gpkg, .geojson, .kml ...)", source=path
            )
        sources_in.extend((path, shown, opened) for shown, opened in members)
    schemas: dict[str, tuple[str, list[str]]] = {}
    for i, (container, shown, opened) in enumerate(sources_in):
        path = Path(shown) if shown == opened else container
        check(progress, 0.6 * i / len(sources_in), f"reading {Path(shown).name}")
        if Path(shown).suffix.lower() in TEXT_TABLE_SUFFIXES:
            gdf, wkt_col = read_wkt_table(Path(shown))
            chosen, notes = wkt_col, []
        else:
            gdf, chosen, notes = read_vector(
                Path(shown), user.get("layer"), want="polygon", open_path=opened
            )
        report.notes.extend(f"{Path(shown).name}: {n}" for n in notes)
        for n in notes:
            report.warn(f"{Path(shown).name}: {n}")
        if shown != str(container):
            cols = sorted(str(c) for c in gdf.columns if c != gdf.geometry.name)
            seen = schemas.setdefault(str(container), (shown, cols))
            if seen[1] != cols:
                raise DataError(
                    f"holds vector files with different attributes "
                    f"({Path(seen[0].split('!')[-1]).name}: "
                    f"{', '.join(seen[1][:6]) or 'none'}; "
                    f"{Path(shown.split('!')[-1]).name}: "
                    f"{', '.join(cols[:6]) or 'none'}): they look "
                    "like different layers, not parts of one; import the one you "
                    "want on its own",
                    source=container,
                )
        crs_notes: list[str] = []
        gdf = settle_crs(gdf, shown, user.get("source_crs"), crs_notes)
        report.notes.extend(crs_notes)
        for n in crs_notes:
            if "declares longitude/latitude" in n:
                report.warn(n)
        if not any(f.get("path") == str(path) for f in files):
            files.append(file_record(path))
        layer_names.append(chosen)
        gdf = gdf.copy()
        gdf["__file"] = shown
        if "__filerow" in gdf:
            gdf["__row"] = gdf.pop("__filerow").to_numpy()
        else:
            gdf["__row"] = np.arange(1, len(gdf) + 1)
        gdf["__stem"] = Path(shown).stem
        parts.append(gdf)

    return parts, files, layer_names, len(sources_in)


def _settle_geometries(
    raw: gpd.GeoDataFrame,
    crs0: Any,
    target_crs: str | None,
    report: ReadReport,
    progress,
) -> tuple:
    """Repaired polygons in the working CRS; the rows that have none rejected."""
    geoms, reason, repaired, trimmed = clean_polygons(raw.geometry.to_numpy())
    check(progress, 0.7, "reprojecting")
    out_geoms, working, tinfo = to_working_geometries(geoms, reason, crs0, target_crs)
    if (reason == "").any():
        # the transformation can turn a valid ring invalid at the grid edge
        still = (reason == "") & ~shapely.is_valid(
            np.where(reason == "", out_geoms, None)
        )
        for i in np.flatnonzero(still):
            fixed = polygonal_parts(shapely.make_valid(out_geoms[i]))
            if fixed is None:
                reason[i] = "invalid geometry (no area left after repair)"
            else:
                out_geoms[i] = fixed
                repaired += 1
    for i in np.flatnonzero(reason != ""):
        report.reject(
            int(raw["__row"].iat[i]),
            "geometry",
            str(raw.geometry.iat[i].geom_type)
            if raw.geometry.iat[i] is not None
            else "",
            str(reason[i]),
            source=str(raw["__file"].iat[i]),
        )

    return out_geoms, reason, repaired, trimmed, working, tinfo


def _area_columns(
    raw: gpd.GeoDataFrame,
    ok: np.ndarray,
    user: dict[str, Any],
    paths: list[Path],
    n_sources: int,
    report: ReadReport,
) -> tuple:
    """The area code and name of each kept row (guessed, given, or made up)."""
    # -- attributes
    attrs = pd.DataFrame(raw.drop(columns=[raw.geometry.name]))
    guessed = guess_area_columns(raw.drop(columns=["__file", "__row", "__stem"]))
    chosen_map = dict(guessed)
    for key in ("area_code", "area_name"):
        if user.get(key):
            col = _resolve_column(str(user[key]), list(attrs.columns), paths[0])
            chosen_map[key] = col
    kept = attrs[ok].reset_index(drop=True)
    n_ok = len(kept)
    single_name = humanise(paths[0].stem)
    if "area_code" in chosen_map:
        code = _as_text(kept[chosen_map["area_code"]])
        blank_code = code.isna()
        if blank_code.any():
            code = code.where(
                ~blank_code,
                pd.Series([f"area_{i + 1:04d}" for i in range(n_ok)], dtype="str"),
            )
            report.warn(
                f"{int(blank_code.sum())} area(s) have no code in "
                f"{chosen_map['area_code']!r}; generated codes area_0001... were used"
            )
    elif (
        (n_sources > 1 or any(p.is_dir() for p in paths))
        and n_ok
        and not kept["__stem"].duplicated().any()
        and kept["__stem"].nunique() == n_ok
    ):
        # one file per area (data.police.uk neighbourhood KMLs): the file name is
        # the area's identifier
        code = pd.Series(kept["__stem"].to_numpy(dtype=object), dtype="str")
        chosen_map["area_code"] = "(file name)"
        report.notes.append(
            "no area code column found; each file holds one area, so the file "
            "names are the area codes"
        )
    else:
        code = pd.Series([f"area_{i + 1:04d}" for i in range(n_ok)], dtype="str")
        report.notes.append(
            "no area code column found; generated codes area_0001, area_0002, ..."
            " (name a column with mapping['area_code'])"
        )
    if "area_name" in chosen_map:
        area_name = _as_text(kept[chosen_map["area_name"]])
        area_name = area_name.where(area_name.notna(), code)
    elif n_ok == 1:
        area_name = pd.Series([single_name], dtype="str")
        report.notes.append(
            f"the file carries no area name; the area is named {single_name!r} "
            "after the file (rename the layer or give mapping['area_name'])"
        )
    else:
        area_name = code.copy()
        report.notes.append(
            "no area name column found; names are the area codes (give "
            "mapping['area_name'])"
        )
    return attrs, kept, code, area_name, chosen_map


def _as_text(s: pd.Series) -> pd.Series:
    v = s.astype("object")
    txt = v.map(
        lambda x: (
            None
            if x is None or (isinstance(x, float) and not np.isfinite(x))
            else (
                str(int(x))
                if isinstance(x, float) and x.is_integer()
                else str(x).strip()
            )
        )
    )
    txt = txt.where(txt != "", None)
    return pd.Series(txt.to_numpy(dtype=object), dtype="str").reset_index(drop=True)


def _resolve_column(col: str, columns: list[str], source: Path) -> str:
    if col in columns:
        return col
    norm = {normalise_name(c): c for c in columns}
    if normalise_name(col) in norm:
        return norm[normalise_name(col)]
    raise DataError(
        f"mapping names column {col!r}, but the file has: "
        + ", ".join(c for c in columns if not c.startswith("__")),
        source=source,
        column=col,
    )


read = source_reader(_read)
