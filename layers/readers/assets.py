"""Community assets: CSV with Easting/Northing or lon/lat, or any vector file.

Schools, youth clubs, libraries, places of worship, licensed premises... Each record
becomes a point (or a polygon, from a vector file) with ``name``, ``asset_type``
and, when the source has them, ``asset_id``, ``opening_hours``, ``address``,
``postcode``, ``year_closed``/``closed``. Every source column is kept under a
normalised name. When a CSV has both British National Grid and lon/lat columns the
grid reference is used and rows where the two disagree by more than 100 m are
reported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from layers.crs import BNG, BNG_BOX, WGS84, choose_working_crs, to_lonlat, to_working
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, SubProgress, check
from layers.readers._common import is_blank, normalise_name, read_table
from layers.readers.files import (
    EXCEL_SUFFIXES,
    excel_to_text,
    feature_head,
    humanise,
    plain_column,
    read_any_table,
    read_vector,
)
from layers.readers.files import GIS_SUFFIXES as VECTOR_SUFFIXES
from layers.readers.mapping import (
    POINT_COLUMN_NAMES,
    by_names,
    resolve,
    timestamp_columns,
)
from layers.readers.pipeline import ReadRequest, Verdict, finish, sniffer, source_reader
from layers.readers.places import (
    file_record,
    flat_geometries,
    guess_crs,
    polygonal_parts,
    to_working_geometries,
)
from layers.readers.steps import keep_name
from layers.readers.values import (
    blank_strings as _blank_strings,
)
from layers.readers.values import (
    parse_float,
    parse_points,
    points_share,
)
from layers.readers.values import (
    typed_column as _typed_column,
)
from layers.validation import DataError, ReadReport

NAME = "assets"
KIND = LayerKind.ASSET

#: Metres beyond which Easting/Northing and lon/lat of one record "disagree".
DISAGREE_M = 100.0

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".psv", ".xlsx", ".xlsm", ".xls")

_CANDIDATES: dict[str, tuple[str, ...]] = {
    "name": tuple(
        (
            "name asset_name site_name establishment_name establishmentname "
            "premises_name library_name school_name venue_name venue location_name "
            "facility_name organisation_name organisation title site label"
        ).split()
    ),
    "asset_type": tuple(
        (
            "asset_type amenity type category type_of_establishment "
            "typeofestablishment_name typeofestablishment establishment_type "
            "facility_type site_type premises_type venue_type kind class"
        ).split()
    ),
    "asset_id": tuple(
        (
            "asset_id id urn ref reference site_id osm_id uprn "
            "unique_property_reference_number premises_id"
        ).split()
    ),
    "opening_hours": tuple(
        "opening_hours opening_times hours_of_opening openinghours hours".split()
    ),
    "address": tuple(
        "address full_address street_address address_line address_text".split()
    ),
    "postcode": tuple("postcode post_code postal_code pcd pcds zip zip_code".split()),
    "year_closed": tuple(
        (
            "year_closed closed_year date_closed closed_date closure_date closedate "
            "close_date closed"
        ).split()
    ),
    "easting": tuple(
        "easting eastings bng_e bng_easting grid_easting os_easting x_bng".split()
    ),
    "northing": tuple(
        "northing northings bng_n bng_northing grid_northing os_northing y_bng".split()
    ),
    "lon": tuple("longitude lon long lng wgs84_longitude x_long".split()),
    "lat": tuple("latitude lat wgs84_latitude y_lat".split()),
    "x": tuple("x x_coord xcoord point_x coord_x".split()),
    "y": tuple("y y_coord ycoord point_y coord_y".split()),
}
COLUMN_KEYS = (*_CANDIDATES, "address_parts", "weekday_columns")
OPTION_KEYS = ("layer", "source_crs", "sheet")

WEEKDAYS = (
    ("Mon", ("monday", "mon")),
    ("Tue", ("tuesday", "tue", "tues")),
    ("Wed", ("wednesday", "wed")),
    ("Thu", ("thursday", "thu", "thur", "thurs")),
    ("Fri", ("friday", "fri")),
    ("Sat", ("saturday", "sat")),
    ("Sun", ("sunday", "sun")),
)

_CANON_OUT = {
    "name",
    "asset_type",
    "asset_id",
    "opening_hours",
    "address",
    "postcode",
    "year_closed",
    "closed",
    "geometry",
    "source_file",
    "source_row",
}


# -- mapping -----------------------------------------------------------------------
def _weekday_columns(columns: list[str]) -> list[str] | None:
    """The seven per-weekday opening columns, Monday first, if all are present."""
    norm = [(normalise_name(c), c) for c in columns]
    found = []
    for _, names in WEEKDAYS:
        hit = None
        for n, c in norm:
            first = n.split("_")[0]
            if first in names and (
                len(n.split("_")) == 1 or re.search(r"open|hour|time", n) is not None
            ):
                hit = c
                break
        if hit is None:
            return None
        found.append(hit)
    return found


def _address_parts(columns: list[str]) -> list[str]:
    parts = []
    for c in columns:
        n = normalise_name(c)
        if re.fullmatch(r"address_?(line_?)?\d", n) or n in (
            "street",
            "street_name",
            "locality",
            "town",
            "city",
            "county",
        ):
            parts.append(c)
    return parts


#: ``<word>_name`` columns that name something other than the place itself.
_NOT_PLACE_NAMES = frozenset(
    (
        "la lad lsoa msoa oa ward county district region country constituency "
        "parliamentaryconstituency parliamentary_constituency town city street "
        "locality borough council authority local_authority force beat "
        "neighbourhood area head headfirst headlast head_first head_last first last "
        "sur given family contact owner manager user file layer road"
    ).split()
)


def _name_like(columns: list[str], taken: set[str]) -> str | None:
    """The first ``<thing>_name`` column that is not an area's or a person's name.

    E.g. ``club_name`` or ``Centre Name``; not ``LA (name)`` or ``HeadLastName``.
    """
    for c in columns:
        if c in taken:
            continue
        n = normalise_name(c)
        m = re.fullmatch(r"(\w+?)_?name", n)
        if m and m.group(1) not in _NOT_PLACE_NAMES and not n.endswith("_name_2"):
            return c
    return None


_NOT_PLACE_TYPES = frozenset(
    "geometry geom shape file mime content relation osm record data field value "
    "layer".split()
)


def _type_like(columns: list[str], taken: set[str]) -> str | None:
    """The first ``<thing>_type`` column (``SiteType``, ``venue type``) of places."""
    for c in columns:
        if c in taken:
            continue
        m = re.fullmatch(r"(\w+?)_?type", normalise_name(c))
        if m and m.group(1) not in _NOT_PLACE_TYPES:
            return c
    return None


def guess_mapping(columns: list[str]) -> dict[str, Any]:
    """Guess {canonical key: source column} from a header (or attribute names)."""
    taken: set[str] = set()
    out: dict[str, Any] = dict(by_names(columns, _CANDIDATES, taken))
    if "name" not in out:
        col = _name_like(columns, taken)
        if col is not None:
            out["name"] = col
            taken.add(col)
    if "asset_type" not in out:
        col = _type_like(columns, taken)
        if col is not None:
            out["asset_type"] = col
            taken.add(col)
    for a, b in (("easting", "northing"), ("lon", "lat"), ("x", "y")):
        if (a in out) != (b in out):
            taken.discard(out.pop(a, None) or out.pop(b))
    if ("easting" in out or "lon" in out) and "x" in out:
        out.pop("x")
        out.pop("y")
    if "address" not in out:
        parts = _address_parts(columns)
        if parts:
            out["address_parts"] = parts
    if "opening_hours" not in out:
        days = _weekday_columns(columns)
        if days:
            out["weekday_columns"] = days
    return out


@sniffer
def sniff(path: Path, columns: list[str] | None, sample: str | None) -> Verdict:
    """Confidence that ``path`` holds community assets, and the guessed mapping."""
    p = Path(path)
    if columns is None and p.suffix.lower() in EXCEL_SUFFIXES:
        text, _ = excel_to_text(p, max_rows=5)
        columns = read_table(text=text, source="<sample>").columns
    if columns is None:
        if p.suffix.lower() not in VECTOR_SUFFIXES:
            return 0.0, {}
        overpass = overpass_json(p)
        if overpass is not None:
            tagged = overpass[0]
            if not len(tagged):
                return 0.0, {}
            cols = [c for c in tagged.columns if c != "geometry"]
            return 0.8, guess_mapping(cols)
        got = feature_head(p)
        if got is None:
            return 0.0, {}
        head, points, polygons = got
        mapping = guess_mapping([c for c in head.columns if c != "geometry"])
        if points >= 0.5:
            return round(0.5 + 0.3 * points, 3), mapping
        if "name" in mapping and "asset_type" in mapping:
            return 0.6, mapping  # named, typed places drawn as polygons
        if polygons > 0:
            return 0.2, mapping
        return 0.0, {}
    mapping = guess_mapping(list(columns))
    norm = {normalise_name(c) for c in columns}
    score = 0.0
    if any(k in mapping for k in ("easting", "lon", "x")):
        score += 0.3
    if "name" in mapping:
        score += 0.3
    if "asset_type" in mapping:
        score += 0.1
    if "postcode" in mapping or "address" in mapping or "address_parts" in mapping:
        score += 0.1
    if "opening_hours" in mapping or "weekday_columns" in mapping:
        score += 0.15
    if {"month", "crime_type"} & norm or "crime_id" in norm:
        score *= 0.3
    if norm & {"priority", "call_type", "incident_type", "grade"}:
        score *= 0.5
    if "opening_hours" not in mapping and _event_times(sample, columns, mapping):
        score *= 0.5  # a column of times of day: events (calls), not places
    return round(min(score, 0.9), 3), mapping


def _event_times(sample: str | None, columns: list[str], mapping: dict) -> bool:
    """True when a sampled column not mapped to an asset field holds timestamps."""
    if not sample:
        return False
    try:
        frame = read_table(text=sample, source="<sample>").data.head(200)
    except (DataError, ValueError, TypeError):
        return False
    if list(frame.columns) != list(columns):
        return False
    mapped = {v for v in mapping.values() if isinstance(v, str)}
    return bool(timestamp_columns(frame[[c for c in frame if c not in mapped]]))


def _resolve(mapping: dict[str, Any], columns: list[str], source: Path) -> dict:
    return resolve(
        mapping, columns, COLUMN_KEYS, OPTION_KEYS, source,
        lists=("address_parts", "weekday_columns"),
    )  # fmt: skip


# -- attributes ----------------------------------------------------------------------
def _text(values: pd.Series) -> pd.Series:
    s, blank = _blank_strings(values)
    s = s.str.replace(r"\s+", " ", regex=True)
    return pd.Series(s.where(~blank, None).to_numpy(dtype=object), dtype="str")


def _joined(parts: list[pd.Series], sep: str) -> pd.Series:
    arrays = [p.to_numpy(dtype=object) for p in parts]
    out = [
        sep.join(v for v in vals if isinstance(v, str)) or None
        for vals in zip(*arrays, strict=True)
    ]
    return pd.Series(np.asarray(out, dtype=object), dtype="str")


def _opening_hours(data: pd.DataFrame, days: list[str]) -> pd.Series:
    parts = []
    for (abbr, _), col in zip(WEEKDAYS, days, strict=True):
        t = _text(data[col])
        parts.append((abbr + ": " + t).where(t.notna(), None))
    return _joined(parts, "; ")


def _address(data: pd.DataFrame, parts: list[str]) -> pd.Series:
    return _joined([_text(data[c]) for c in parts], ", ")


def _year(values: pd.Series) -> pd.Series:
    s, _ = _blank_strings(values)
    y = s.str.extract(r"((?:19|20|21)\d{2})")[0]
    num = pd.to_numeric(y, errors="coerce")
    out = pd.array(num.round().astype("Int64"), dtype="Int64")
    return pd.Series(out)


def _type_from_file(path: Path) -> str:
    words = [w for w in re.split(r"[_\-\s.]+", path.stem) if w and not w.isdigit()]
    return humanise(" ".join(words)) if words else "Asset"


def _attributes(
    data: pd.DataFrame,
    used: dict[str, Any],
    path: Path,
    report: ReadReport,
) -> dict[str, Any]:
    """Canonical attribute columns (aligned to ``data``'s rows)."""
    n = len(data)
    out: dict[str, Any] = {}
    if "name" in used:
        name = _text(data[used["name"]])
    else:
        name = pd.Series([None] * n, dtype="str")
    if "asset_type" in used:
        atype = _text(data[used["asset_type"]])
        fallback_type = _type_from_file(path)
        if atype.isna().any():
            report.warn(
                f"{int(atype.isna().sum())} record(s) have no type in "
                f"{used['asset_type']!r}; their asset_type is {fallback_type!r} "
                "(from the file name)"
            )
        atype = atype.where(atype.notna(), fallback_type)
    else:
        fallback_type = _type_from_file(path)
        atype = pd.Series([fallback_type] * n, dtype="str")
        report.notes.append(
            f"{path.name}: no type column; asset_type {fallback_type!r} comes from "
            "the file name"
        )
    missing_name = name.isna()
    if missing_name.any():
        report.warn(
            f"{int(missing_name.sum())} record(s) have no name; they are named "
            "after their type"
        )
        name = name.where(~missing_name, atype)
    out["name"] = name
    out["asset_type"] = atype
    if "asset_id" in used:
        out["asset_id"] = _text(data[used["asset_id"]])
    if "opening_hours" in used:
        out["opening_hours"] = _text(data[used["opening_hours"]])
    elif "weekday_columns" in used:
        out["opening_hours"] = _opening_hours(data, used["weekday_columns"])
    if "address" in used:
        out["address"] = _text(data[used["address"]])
    elif "address_parts" in used:
        out["address"] = _address(data, used["address_parts"])
    if "postcode" in used:
        pc = _text(data[used["postcode"]]).str.upper()
        out["postcode"] = pd.Series(pc.to_numpy(dtype=object), dtype="str")
    if "year_closed" in used:
        col = data[used["year_closed"]]
        text, blank = _blank_strings(col)
        low = text.str.lower()
        yes = low.isin(["yes", "y", "true", "closed", "1"]).to_numpy()
        no = low.isin(["no", "n", "false", "open", "0"]).to_numpy()
        if (yes | no | blank).all() and (yes | no).any():
            out["closed"] = yes  # a yes/no flag, not a year
        else:
            yc = _year(col)
            out["year_closed"] = yc
            out["closed"] = yc.notna().to_numpy()
    return out


def _kept_columns(
    data: pd.DataFrame, canonical: set[str], typed: bool, used: dict[str, Any]
) -> dict:
    out: dict[str, Any] = {}
    used_names = set(canonical)
    reserved = set(canonical) & set(_CANON_OUT)  # kept under src_
    for col in data.columns:
        if str(col).startswith("__") or col == "geometry":
            continue
        base = normalise_name(col) or "column"
        if base in canonical and used.get(base) == col:
            continue  # the canonical column of the same name holds it
        nm = keep_name(col, used_names, reserved)
        if typed:
            out[nm] = _typed_column(data[col]).reset_index(drop=True)
        else:
            out[nm] = plain_column(data[col].reset_index(drop=True))
    return out


# -- one CSV -------------------------------------------------------------------------
def _point_column(
    data: pd.DataFrame, columns: list[str], used: dict[str, Any]
) -> str | None:
    """A column of points, as open-data portals export places, or None.

    E.g. a Socrata ``Location`` of ``(52.47, -1.89)`` or a ``POINT (-1.89 52.47)``.
    """
    taken = {v for v in used.values() if isinstance(v, str)}
    norm = {normalise_name(c): c for c in reversed(columns)}
    for cand in POINT_COLUMN_NAMES:
        col = norm.get(cand)
        if col is not None and col not in taken and points_share(data[col]) >= 0.5:
            return col
    return None


def _read_csv(
    path: Path,
    user: dict[str, Any],
    columns: list[str] | None,
    target_crs: str | None,
    progress: Progress | None,
) -> tuple[gpd.GeoDataFrame, ReadReport, dict[str, Any], dict[str, Any]]:
    table = read_any_table(
        path,
        header=columns is None,
        names=list(columns) if columns is not None else None,
        sheet=user.get("sheet"),
        progress=progress,
    )
    report = ReadReport(str(path))
    report.rows_total = table.report.rows_total
    report.add_rejected(table.report.rejected)
    report.notes.extend(f"{path.name}: {n}" for n in table.notes)
    used, points, has_en, has_ll, has_xy = _csv_mapping(table, user, path, report)
    data = table.data
    n = len(data)
    rownums = data.index.to_numpy(dtype=np.int64)
    ex, ny, lon, lat, ex_blank, ll_blank, has_en, has_ll = _csv_coordinates(
        data, used, user, points, has_en, has_ll, has_xy, path
    )
    wx, wy, working, tinfo, ll_info, en_ok, ll_ok = _place(
        ex, ny, lon, lat, target_crs, rownums, path, report
    )
    # reasons
    reason = np.full(n, "", dtype=object)
    no_loc = ex_blank & ll_blank
    reason[no_loc] = "no location"
    zero = (
        ~no_loc
        & (
            (np.isfinite(ex) & (ex == 0) & (ny == 0))
            | (np.isfinite(lon) & (lon == 0) & (lat == 0))
        )
        & ~(en_ok | ll_ok)
    )
    reason[(reason == "") & zero] = "no location (0,0 placeholder)"
    unparsable = (reason == "") & ~en_ok & ~ll_ok
    reason[unparsable] = "unparsable or out-of-range coordinates"
    placed = np.isfinite(wx) & np.isfinite(wy)
    reason[(reason == "") & ~placed] = "out of area"
    ok = reason == ""
    coord_cols = [
        used[k]
        for k in ("easting", "northing", "lon", "lat", "x", "y", "point")
        if k in used
    ]
    for i in np.flatnonzero(~ok):
        val = ", ".join(str(data[c].iat[i]) for c in coord_cols)
        report.reject(int(rownums[i]), coord_cols[0], val, str(reason[i]))
    if no_loc.any():
        with_pc = 0
        if "postcode" in used:
            with_pc = int((no_loc & ~is_blank(data[used["postcode"]])).sum())
        report.notes.append(
            f"{path.name}: {int(no_loc.sum())} record(s) have no coordinates and were "
            f"rejected ({with_pc} of them have a postcode); no postcode lookup is "
            "available to place them"
        )
    attrs = _attributes(data, used, path, report)
    frame: dict[str, Any] = {
        k: pd.Series(v)[ok].reset_index(drop=True) for k, v in attrs.items()
    }
    frame["source_file"] = pd.Series([str(path)] * int(ok.sum()), dtype="str")
    frame["source_row"] = rownums[ok]
    kept = _kept_columns(data[ok], set(frame), typed=True, used=used)
    frame.update(kept)
    geometry = gpd.points_from_xy(wx[ok], wy[ok], crs=working)
    gdf = gpd.GeoDataFrame(pd.DataFrame(frame), geometry=geometry, crs=working)
    report.rows_loaded = int(ok.sum())
    info = {
        "record": file_record(path, table.encoding, table.delimiter),
        "transform": tinfo.to_dict(),
        "transforms": [
            t.to_dict() for t in dict.fromkeys(x for x in (tinfo, ll_info) if x)
        ],
        "crs": working,
        "source_crs": "EPSG:27700 (Easting/Northing)"
        if has_en and not has_ll
        else "EPSG:27700 (Easting/Northing) and EPSG:4326 (lon/lat)"
        if has_en
        else WGS84,
    }
    return gdf, report, used, info


def _csv_mapping(
    table: Any, user: dict[str, Any], path: Path, report: ReadReport
) -> tuple:
    """The asset list's mapping (guess, then the user's keys); its coordinates."""
    used = guess_mapping(table.columns)
    resolved = _resolve(user, table.columns, path)
    for group in (("easting", "northing", "lon", "lat", "x", "y"),):
        if set(group) & set(resolved):
            for k in group:
                used.pop(k, None)
    if "address" in resolved:
        used.pop("address_parts", None)
    if "opening_hours" in resolved:
        used.pop("weekday_columns", None)
    used.update(resolved)
    has_en = "easting" in used and "northing" in used
    has_ll = "lon" in used and "lat" in used
    has_xy = "x" in used and "y" in used
    points = None
    if not (has_en or has_ll or has_xy):
        col = _point_column(table.data, table.columns, used)
        if col is not None:
            used["point"] = col
            points = parse_points(table.data[col])
            report.notes.append(
                f"{path.name}: locations read from column {col!r} ({points.order})"
            )
    if not (has_en or has_ll or has_xy or points is not None):
        if "postcode" in used:
            raise DataError(
                f"has postcodes ({used['postcode']!r}) but no coordinates, and "
                "postcodes are not looked up (no postcode directory is shipped and "
                "the workstation works offline). Add Easting/Northing or "
                "Longitude/Latitude columns (e.g. from the ONS Postcode Directory) "
                "and import again. Columns seen: " + ", ".join(table.columns),
                source=path,
                column=str(used["postcode"]),
            )
        raise DataError(
            "cannot find coordinates (Easting/Northing or Longitude/Latitude "
            "columns). Columns seen: "
            + ", ".join(table.columns)
            + ". Name them with a column mapping.",
            source=path,
        )
    return used, points, has_en, has_ll, has_xy


def _csv_coordinates(
    data: pd.DataFrame,
    used: dict[str, Any],
    user: dict[str, Any],
    points: Any,
    has_en: bool,
    has_ll: bool,
    has_xy: bool,
    path: Path,
) -> tuple:
    """Easting/northing and lon/lat of each record (x/y told apart by range)."""
    n = len(data)
    nan = np.full(n, np.nan)
    ex, ny, lon, lat = nan.copy(), nan.copy(), nan.copy(), nan.copy()
    ex_blank = np.ones(n, bool)
    ll_blank = np.ones(n, bool)
    if has_en:
        ex = parse_float(data[used["easting"]])
        ny = parse_float(data[used["northing"]])
        ex_blank = is_blank(data[used["easting"]]) & is_blank(data[used["northing"]])
    if has_ll:
        lon = parse_float(data[used["lon"]])
        lat = parse_float(data[used["lat"]])
        ll_blank = is_blank(data[used["lon"]]) & is_blank(data[used["lat"]])
    if points is not None:
        lon, lat, ll_blank, has_ll = points.lon, points.lat, points.blank, True
    if has_xy and not (has_en or has_ll):
        x = parse_float(data[used["x"]])
        y = parse_float(data[used["y"]])
        ok = np.isfinite(x) & np.isfinite(y)
        src = user.get("source_crs")
        if src is None:
            if (
                ok.any()
                and np.all(np.abs(x[ok]) <= 180)
                and np.all(np.abs(y[ok]) <= 90)
            ):
                src = WGS84
            elif (
                ok.any()
                and guess_crs(
                    np.array([x[ok].min(), y[ok].min(), x[ok].max(), y[ok].max()])
                )
                == BNG
            ):
                src = BNG
            else:
                src = WGS84 if not ok.any() else None
        if src is None:
            raise DataError(
                f"cannot tell the coordinate system of columns {used['x']!r}/"
                f"{used['y']!r}; give mapping['source_crs']",
                source=path,
                column=used["x"],
            )
        if pyproj.CRS(src).equals(pyproj.CRS(BNG)):
            ex, ny, ex_blank, has_en = x, y, is_blank(data[used["x"]]), True
        elif pyproj.CRS(src).equals(pyproj.CRS(WGS84), ignore_axis_order=True):
            lon, lat, ll_blank, has_ll = x, y, is_blank(data[used["x"]]), True
        else:  # any other CRS: go through lon/lat, so data outside GB work too
            try:
                lo, la = to_lonlat(x, y, src)
            except Exception as exc:
                raise DataError(
                    f"cannot use source CRS {src!r}: {exc}", source=path
                ) from exc
            lon, lat, ll_blank, has_ll = lo, la, is_blank(data[used["x"]]), True
    return ex, ny, lon, lat, ex_blank, ll_blank, has_en, has_ll


def _place(
    ex: np.ndarray,
    ny: np.ndarray,
    lon: np.ndarray,
    lat: np.ndarray,
    target_crs: str | None,
    rownums: np.ndarray,
    path: Path,
    report: ReadReport,
) -> tuple:
    """Records to the working CRS: Easting/Northing where usable, else lon/lat."""
    nan = np.full(len(ex), np.nan)
    en_ok = (
        np.isfinite(ex)
        & np.isfinite(ny)
        & ~((ex == 0) & (ny == 0))
        & (ex >= BNG_BOX[0])
        & (ex <= BNG_BOX[2])
        & (ny >= BNG_BOX[1])
        & (ny <= BNG_BOX[3])
    )
    ll_ok = (
        np.isfinite(lon)
        & np.isfinite(lat)
        & ~((lon == 0) & (lat == 0))
        & (np.abs(lon) <= 180)
        & (np.abs(lat) <= 90)
    )
    # choose the working CRS
    if target_crs is not None:
        working = target_crs
    else:
        lon_all = lon.copy()
        lat_all = lat.copy()
        use_en = en_ok & ~ll_ok
        if use_en.any():
            lo, la = to_lonlat(ex[use_en], ny[use_en], BNG)
            lon_all[use_en], lat_all[use_en] = lo, la
        good = en_ok | ll_ok
        working = (
            choose_working_crs(lon_all[good], lat_all[good]) if good.any() else BNG
        )
        if en_ok.any() and working != BNG and en_ok.mean() >= ll_ok.mean():
            working = BNG
    wx, wy = nan.copy(), nan.copy()
    tinfo = None
    if en_ok.any():
        tx, ty, tinfo = to_working(ex[en_ok], ny[en_ok], BNG, working)
        wx[en_ok], wy[en_ok] = tx, ty
    from_ll = ll_ok & ~en_ok
    ll_info = None
    if ll_ok.any():
        lx, ly, ll_info = to_working(lon[ll_ok], lat[ll_ok], WGS84, working)
        lxa, lya = nan.copy(), nan.copy()
        lxa[ll_ok], lya[ll_ok] = lx, ly
        wx[from_ll], wy[from_ll] = lxa[from_ll], lya[from_ll]
        both = en_ok & ll_ok & np.isfinite(lxa)
        if both.any():
            d = np.hypot(lxa[both] - wx[both], lya[both] - wy[both])
            far = d > DISAGREE_M
            if far.any():
                rows = rownums[both][far]
                shown = ", ".join(str(r) for r in rows[:10])
                report.warn(
                    f"{path.name}: {int(far.sum())} record(s) have Easting/Northing "
                    f"and Longitude/Latitude more than {DISAGREE_M:.0f} m apart "
                    f"(rows {shown}{', ...' if len(rows) > 10 else ''}); the "
                    "Easting/Northing were used"
                )
            report.notes.append(
                f"{path.name}: Easting/Northing used where present; "
                f"{int(both.sum())} record(s) also have lon/lat, median difference "
                f"{float(np.median(d)):.2f} m"
            )
    if tinfo is None:
        tinfo = ll_info
    if tinfo is None:
        _, _, tinfo = to_working(np.zeros(0), np.zeros(0), WGS84, working)
    if from_ll.any() and en_ok.any():
        report.notes.append(
            f"{path.name}: {int(from_ll.sum())} record(s) placed from lon/lat "
            f"({ll_info.method if ll_info else ''}) because they have no Easting/Northing"
        )
    return wx, wy, working, tinfo, ll_info, en_ok, ll_ok


# -- one vector file ------------------------------------------------------------------
def overpass_json(path: Path) -> tuple[gpd.GeoDataFrame, np.ndarray, list] | None:
    """Overpass API JSON (``[out:json]``, as overpass-turbo's "raw data") as points.

    Returns (features, their element numbers, skipped elements as (number, id)),
    or None when the file is not Overpass JSON. Nodes are placed at their lat/lon,
    ways and relations at their ``center`` (``out center``) or the middle of their
    ``bounds`` or ``geometry``; tags become columns and ``@id`` is ``type/id`` as
    osmtogeojson writes it. Untagged elements (the member nodes of ways, from a
    recursion) are not places and are returned as skipped.
    """
    if path.suffix.lower() != ".json":
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
        if b'"elements"' not in head:
            return None
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):
        return None
    elements = doc.get("elements") if isinstance(doc, dict) else None
    if not isinstance(elements, list) or not all(
        isinstance(e, dict) and e.get("type") in ("node", "way", "relation", "area")
        for e in elements
    ):
        return None
    from shapely.geometry import Point

    rows, geoms, numbers, skipped = [], [], [], []
    for k, e in enumerate(elements, start=1):
        ident = f"{e.get('type')}/{e.get('id')}"
        tags = e.get("tags")
        if not isinstance(tags, dict) or not tags:
            skipped.append((k, ident))
            continue
        lon, lat = e.get("lon"), e.get("lat")
        if lon is None and isinstance(e.get("center"), dict):
            lon, lat = e["center"].get("lon"), e["center"].get("lat")
        if lon is None and isinstance(e.get("bounds"), dict):
            b = e["bounds"]
            try:
                lon = (float(b["minlon"]) + float(b["maxlon"])) / 2
                lat = (float(b["minlat"]) + float(b["maxlat"])) / 2
            except (KeyError, TypeError, ValueError):
                lon = lat = None
        if lon is None and isinstance(e.get("geometry"), list) and e["geometry"]:
            pts = [
                (g["lon"], g["lat"])
                for g in e["geometry"]
                if isinstance(g, dict) and "lon" in g and "lat" in g
            ]
            if pts:
                lon = float(np.mean([p[0] for p in pts]))
                lat = float(np.mean([p[1] for p in pts]))
        try:
            geom = Point(float(lon), float(lat)) if lon is not None else None
        except (TypeError, ValueError):
            geom = None
        rows.append({"@id": ident, **{str(t): v for t, v in tags.items()}})
        geoms.append(geom)
        numbers.append(k)
    frame = pd.DataFrame(rows) if rows else pd.DataFrame({"@id": []})
    gdf = gpd.GeoDataFrame(frame, geometry=geoms, crs=WGS84)
    return gdf, np.asarray(numbers, dtype=np.int64), skipped


def _read_vector_file(
    path: Path,
    user: dict[str, Any],
    target_crs: str | None,
) -> tuple[gpd.GeoDataFrame, ReadReport, dict[str, Any], dict[str, Any]]:
    overpass = overpass_json(path)
    skipped: list = []
    if overpass is not None:
        gdf, rownums, skipped = overpass
        chosen, notes = "elements", ["Overpass API JSON"]
    else:
        gdf, chosen, notes = read_vector(path, user.get("layer"), want="any")
        rownums = np.arange(1, len(gdf) + 1)
    report = ReadReport(str(path))
    report.notes.extend(f"{path.name}: {n}" for n in notes)
    report.rows_total = len(gdf) + len(skipped)
    for k, ident in skipped:
        report.reject(
            int(k), "tags", ident, "untagged OSM element (a way's node, not a place)"
        )
    crs = gdf.crs
    if crs is None:
        guessed = user.get("source_crs") or guess_crs(gdf.total_bounds)
        if guessed is None:
            raise DataError(
                "the file declares no coordinate system; give mapping['source_crs']",
                source=path,
            )
        report.notes.append(
            f"{path.name}: no coordinate system declared; read as {guessed}"
        )
        gdf = gdf.set_crs(guessed, allow_override=True)
        crs = gdf.crs
    out, reason, live = flat_geometries(gdf.geometry.to_numpy(), "no location")
    repaired = 0
    for i in np.flatnonzero(live):
        g = out[i]
        t = g.geom_type
        if t == "MultiPoint" and len(g.geoms) == 1:
            out[i] = g.geoms[0]
        elif t in ("Polygon", "MultiPolygon", "GeometryCollection"):
            if t == "GeometryCollection" or not g.is_valid:
                fixed = polygonal_parts(shapely.make_valid(g))
                if fixed is None or fixed.is_empty:
                    reason[i] = f"unsupported geometry ({t} without area)"
                    continue
                out[i] = fixed
                repaired += int(t != "GeometryCollection")
        elif t != "Point":
            reason[i] = f"unsupported geometry ({t}; points or polygons expected)"
    wgeoms, working, tinfo = to_working_geometries(out, reason, crs, target_crs)
    ok = reason == ""
    for i in np.flatnonzero(~ok):
        report.reject(int(rownums[i]), "geometry", "", str(reason[i]))
    attrs_df = pd.DataFrame(gdf.drop(columns=[gdf.geometry.name]))
    cols = list(attrs_df.columns)
    used = {
        k: v
        for k, v in guess_mapping(cols).items()
        if k not in ("easting", "northing", "lon", "lat", "x", "y")
    }
    used.update(
        {
            k: v
            for k, v in _resolve(user, cols, path).items()
            if k not in ("easting", "northing", "lon", "lat", "x", "y")
        }
    )
    attrs = _attributes(attrs_df, used, path, report)
    frame: dict[str, Any] = {
        k: pd.Series(v)[ok].reset_index(drop=True) for k, v in attrs.items()
    }
    frame["source_file"] = pd.Series([str(path)] * int(ok.sum()), dtype="str")
    frame["source_row"] = np.flatnonzero(ok).astype(np.int64) + 1
    frame.update(_kept_columns(attrs_df[ok], set(frame), typed=False, used=used))
    result = gpd.GeoDataFrame(
        pd.DataFrame(frame), geometry=list(wgeoms[ok]), crs=working
    )
    report.rows_loaded = int(ok.sum())
    if repaired:
        report.notes.append(f"{path.name}: {repaired} invalid polygon(s) repaired")
    info = {
        "record": file_record(path),
        "transform": tinfo.to_dict(),
        "crs": working,
        "source_crs": pyproj.CRS(crs).to_string(),
        "layer": chosen,
    }
    return result, report, used, info


def _is_text_file(path: Path) -> bool:
    if path.suffix.lower() in TEXT_SUFFIXES:
        return True
    if path.suffix.lower() in VECTOR_SUFFIXES:
        return False
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        return True
    return b"\x00" not in head


# -- the reader -------------------------------------------------------------------------


def _read(req: ReadRequest) -> Layer:
    """Read community-asset files (CSV or vector) into one ASSET layer.

    Parameters
    ----------
    paths
        CSV (Easting/Northing and/or lon/lat columns) or vector files.
    mapping
        ``{canonical key: source column}``: name, asset_type, asset_id,
        opening_hours, address, postcode, year_closed, easting/northing, lon/lat,
        x/y; ``address_parts`` and ``weekday_columns`` (lists of columns, Monday
        first); options ``layer`` and ``source_crs``.
    columns
        Column names of a CSV without a header row.
    target_crs
        None chooses BNG in Great Britain, else the UTM zone of the data.
    timezone
        Unused (assets have no times).
    """
    paths, mapping, columns = req.paths, req.mapping, req.columns
    target_crs, name, progress = req.target_crs, req.name, req.progress
    paths = [Path(p) for p in paths]
    if not paths:
        raise DataError("no files given to the assets reader")
    user = dict(mapping or {})
    report = ReadReport(
        str(paths[0])
        if len(paths) == 1
        else f"{len(paths)} files: {paths[0].name}, ..."
    )
    frames = []
    infos = []
    mappings = []
    working = target_crs
    for i, path in enumerate(paths):
        check(progress, 0.9 * i / len(paths), f"reading {path.name}")
        if not path.exists():
            raise DataError("file not found", source=path)
        sub = SubProgress(progress, 0.9 * i / len(paths), 0.9 * (i + 1) / len(paths))
        if _is_text_file(path):
            gdf, rep, used, info = _read_csv(path, user, columns, working, sub)
        else:
            gdf, rep, used, info = _read_vector_file(path, user, working)
        working = info["crs"]
        frames.append(gdf)
        infos.append(info)
        mappings.append(used)
        report.merge(rep)
    if len(frames) > 1:
        gdf = gpd.GeoDataFrame(
            pd.concat(frames, ignore_index=True), geometry="geometry", crs=working
        )
    else:
        gdf = frames[0]
    if len(gdf):
        _check_repeats(gdf, report)
    if report.rows_total and not report.rows_loaded:
        report.warn(
            f"none of the {report.rows_total:,} records could be loaded; see the "
            "rejected rows for the reasons"
        )
    if report.rows_total == 0:
        report.warn("the file has no records (a header or an empty layer only)")
    report.check_balanced()
    provenance = {
        "reader": NAME,
        "files": [info["record"] for info in infos],
        "mapping": _json_mapping(mappings[0]),
        "transform": infos[0]["transform"],
        "transforms": [t for info in infos for t in info.get("transforms", [])],
        "crs": working,
        "source_crs": infos[0]["source_crs"],
        "timezone": None,
    }
    if len(mappings) > 1:
        provenance["mappings"] = [_json_mapping(m) for m in mappings]
    return finish(
        KIND, gdf, provenance, report, name=name or _default_name(paths),
        progress=progress,
    )  # fmt: skip


def _default_name(paths: list[Path]) -> str:
    return humanise(paths[0].stem) if len(paths) == 1 else paths[0].stem


def _check_repeats(gdf: gpd.GeoDataFrame, report: ReadReport) -> None:
    """Warn of records repeating an earlier one's name and postcode (or place)."""
    key_name = gdf["name"].astype("object").fillna("").str.strip().str.lower()
    if "postcode" in gdf:
        key_pc = (
            gdf["postcode"].astype("object").fillna("").str.replace(" ", "").str.upper()
        )
        dup = (key_name + "|" + key_pc).duplicated() & (key_pc != "").to_numpy()
        what = "name and postcode"
    else:
        xy = np.round(
            np.column_stack(
                [
                    gdf.geometry.representative_point().x,
                    gdf.geometry.representative_point().y,
                ]
            ),
            1,
        )
        key_xy = pd.Series([f"{a}|{b}" for a, b in xy])
        dup = (key_name + "|" + key_xy).duplicated()
        what = "name and location"
    n_dup = int(dup.sum())
    if n_dup:
        report.warn(
            f"{n_dup} record(s) repeat the {what} of an earlier record; they are "
            "kept (they may be distinct records, e.g. one site reported by two "
            "authorities), but counts of assets may double-count them"
        )
    pts = gdf.geometry
    if (pts.geom_type == "Point").all():
        xy = pd.Series([f"{a:.2f}|{b:.2f}" for a, b in zip(pts.x, pts.y, strict=True)])
        shared = int(xy.duplicated(keep=False).sum())
        if shared:
            report.notes.append(
                f"{shared} record(s) share their exact location with another record"
            )
    if "closed" in gdf:
        n_closed = int(gdf["closed"].sum())
        if n_closed:
            report.notes.append(
                f"{n_closed} closed asset(s) kept, flagged by 'closed' and "
                "'year_closed'; filter them out for current provision"
            )


def _json_mapping(m: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (list(v) if isinstance(v, list | tuple) else str(v)) for k, v in m.items()
    }


read = source_reader(_read)
