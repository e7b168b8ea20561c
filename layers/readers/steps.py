"""The steps of reading a table of located, timed rows, once for every source.

A source declares which columns hold what (its mapping); these steps do the rest
for any table of events: open every file as text (:func:`load_tables`), stack
them with their file and row (:func:`stack`), parse and check the places and move
them to the working CRS (:func:`locate`), choose the time zone (:func:`zone`)
and parse and localise the times (:func:`times`). Each check flags the rows it
refuses on a :class:`~layers.readers.pipeline.Flags`, so every row is accounted
for with its file, row number, column, value and reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from layers.crs import BNG, BNG_BOX, WGS84, choose_working_crs, to_lonlat, to_working
from layers.progress import Progress, SubProgress, check
from layers.readers._common import Table, normalise_name
from layers.readers.files import (
    EXCEL_SUFFIXES,
    VECTOR_SUFFIXES,
    best_sheet,
    read_any_table,
    vector_table,
)
from layers.readers.pipeline import Flags
from layers.readers.values import (
    _DURATION_RE,
    ParsedTimes,
    _floats_dc,
    decimal_comma,
    localise,
    parse_grid_refs,
    parse_points,
    parse_time_of_day,
    parse_times,
)
from layers.readers.values import blank_strings as _blank_strings
from layers.readers.values import floats as _floats
from layers.validation import DataError, ReadReport

#: Points further than this from the median point (and than three times the 99th
#: percentile distance, so a force-wide or national file keeps its spread) are
#: reported as out of area.
OUT_OF_AREA_M = 300_000.0


def durations_s(values: pd.Series, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Seconds from numbers (minutes when the column name says so) or H:MM:SS.

    Returns (seconds, blank mask).
    """
    s, blank = _blank_strings(values)
    out = _floats(s, blank)
    n = normalise_name(column)
    if re.search(r"(^|_)(min|mins|minutes)($|_)", n):
        out = out * 60.0
    elif re.search(r"(^|_)(hr|hrs|hours)($|_)", n):
        out = out * 3600.0
    need = ~blank & ~np.isfinite(out)
    if need.any():
        m = s[need].str.extract(_DURATION_RE)
        h = pd.to_numeric(m["H"], errors="coerce").fillna(0).to_numpy(float)
        mi = pd.to_numeric(m["M"], errors="coerce").to_numpy(float)
        se = pd.to_numeric(m["S"], errors="coerce").to_numpy(float)
        out[need] = h * 3600 + mi * 60 + se
    out[(out < 0) | ~np.isfinite(out) | (out > 1e9)] = np.nan
    return out, blank


def point_coordinates(
    table: pd.DataFrame, col: str, notes: list[str]
) -> tuple[np.ndarray, np.ndarray, str, np.ndarray, np.ndarray]:
    p = parse_points(table[col])
    described = {
        "wkt": "WKT points, POINT (longitude latitude)",
        "lat_lon": "(latitude, longitude) pairs",
        "lon_lat": "(longitude, latitude) pairs",
    }
    how = " and ".join(described[k] for k in p.order.split("+"))
    notes.append(f"locations read from column {col!r} as {how}")
    return p.lon, p.lat, WGS84, p.blank, p.blank.copy()


def coordinates(
    table: pd.DataFrame,
    mapping: dict[str, str],
    options: dict[str, Any],
    source: str,
    *,
    delimiter: str | None = None,
    notes: list[str] | None = None,
) -> tuple[np.ndarray, np.ndarray, str, np.ndarray, np.ndarray]:
    """Source coordinates, their CRS, and the blank masks of the two columns.

    Numbers written with a decimal comma (``52,4779`` in a semicolon-delimited
    file) are read as decimals; a single column of points (``mapping["point"]``)
    is used when there is no coordinate pair, or when the x/y pair's coordinate
    system cannot be told and none was given.
    """
    notes = notes if notes is not None else []
    if "easting" in mapping and "northing" in mapping:
        xc, yc, crs = mapping["easting"], mapping["northing"], BNG
    elif "lon" in mapping and "lat" in mapping:
        xc, yc, crs = mapping["lon"], mapping["lat"], WGS84
    elif "x" in mapping and "y" in mapping:
        xc, yc, crs = mapping["x"], mapping["y"], ""
    elif "point" in mapping:
        return point_coordinates(table, mapping["point"], notes)
    else:
        col = mapping["grid_ref"]
        e, n, blank = parse_grid_refs(table[col])
        notes.append(
            f"locations read from column {col!r} as OS grid references (the centre "
            "of each referenced square)"
        )
        return e, n, BNG, blank, blank.copy()
    comma = decimal_comma(table[xc], delimiter) and decimal_comma(table[yc], delimiter)
    if comma:
        notes.append(f"columns {xc!r}/{yc!r} use a decimal comma (52,4779 = 52.4779)")
    x, xblank = _floats_dc(table[xc], comma)
    y, yblank = _floats_dc(table[yc], comma)
    if options.get("source_crs"):
        crs = str(options["source_crs"])
    elif not crs:
        ok = np.isfinite(x) & np.isfinite(y) & ~((x == 0) & (y == 0))
        if not ok.any():
            crs = WGS84
        elif np.all(np.abs(x[ok]) <= 180) and np.all(np.abs(y[ok]) <= 90):
            crs = WGS84
        elif (
            np.all((x[ok] >= BNG_BOX[0]) & (x[ok] <= BNG_BOX[2]))
            and np.all((y[ok] >= BNG_BOX[1]) & (y[ok] <= BNG_BOX[3]))
            and np.median(x[ok]) > 1000
        ):
            crs = BNG
        elif "point" in mapping:
            notes.append(
                f"the coordinate system of {xc!r}/{yc!r} is unknown (neither "
                "longitude/latitude nor British National Grid); "
                f"locations were read from {mapping['point']!r} instead"
            )
            return point_coordinates(table, mapping["point"], notes)
        else:
            raise DataError(
                f"cannot tell the coordinate system of columns {xc!r}/{yc!r} "
                "(neither longitude/latitude nor British National Grid metres); "
                "give mapping['source_crs']",
                source=source,
                column=xc,
            )
    return x, y, crs, xblank, yblank


def load_tables(
    paths: list[Path],
    columns: list[str] | None,
    options: dict[str, Any],
    progress: Progress | None,
    fits: Callable[[Table], bool],
    needs: str = "the columns this source needs",
) -> list[tuple[Path, Table]]:
    """Open each export (text, workbook or vector file) as a table of text.

    A workbook is read from its first sheet whose first rows ``fits`` the source,
    unless ``options["sheet"]`` names one (``needs`` says what it has, in the note).
    """
    n_files = len(paths)
    tables: list[tuple[Path, Table]] = []
    for i, path in enumerate(paths):
        check(progress, 0.4 * i / n_files, f"reading {path.name}")
        sub = SubProgress(progress, 0.4 * i / n_files, 0.4 * (i + 1) / n_files)
        if path.suffix.lower() in VECTOR_SUFFIXES:
            table = vector_table(path)
        else:
            auto = None
            if not options.get("sheet") and path.suffix.lower() in EXCEL_SUFFIXES:
                auto = best_sheet(path, fits)
            table = read_any_table(
                path,
                header=columns is None,
                names=list(columns) if columns is not None else None,
                sheet=options.get("sheet") or auto,
                progress=sub,
            )
            if auto is not None:
                table.notes.append(
                    f"read sheet {auto!r}, the first with {needs} "
                    "(name another with mapping['sheet'])"
                )
        tables.append((path, table))
    return tables


def stack(
    tables: list[tuple[Path, Table]], used: dict[str, str], report: ReadReport
) -> pd.DataFrame:
    """All files' rows in one frame, with their file and row number."""
    frames = []
    for path, table in tables:
        lacking = [c for c in used.values() if c not in table.columns]
        if lacking:
            raise DataError(
                "this file lacks mapped column(s) " + ", ".join(lacking),
                source=path,
            )
        report.rows_total += table.report.rows_total
        report.add_rejected(table.report.rejected)
        for note in table.notes:
            report.notes.append(f"{path.name}: {note}")
        d = table.data.copy()
        d["__file"] = pd.Categorical([str(path)]).take(np.zeros(len(d), np.int64))
        d["__row"] = d.index.to_numpy()
        frames.append(d)
    data = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return data.reset_index(drop=True)


def locate(
    data: pd.DataFrame,
    used: dict[str, str],
    options: dict[str, Any],
    delimiter: str | None,
    flags: Flags,
    report: ReadReport,
    target_crs: str | None,
) -> tuple:
    """Coordinates to the working CRS, rejecting rows with no usable place."""
    n = len(data)
    source = str(data["__file"].iat[0]) if n else ""
    # -- coordinates
    coord_notes: list[str] = []
    x, y, src_crs, xblank, yblank = coordinates(
        data,
        used,
        options,
        source,
        delimiter=delimiter,
        notes=coord_notes,
    )
    report.notes.extend(coord_notes)
    from_points = any(n.startswith("locations read from") for n in coord_notes)
    if from_points:
        key = "grid_ref" if "OS grid references" in coord_notes[-1] else "point"
        xcol = ycol = used[key]
        for k in ("x", "y", "lon", "lat", "easting", "northing", "point", "grid_ref"):
            if k != key:
                used.pop(k, None)
    else:
        used.pop("point", None)
        used.pop("grid_ref", None)
        xcol = used.get("lon") or used.get("easting") or used.get("x")
        ycol = used.get("lat") or used.get("northing") or used.get("y")

    def raw_xy(idx: np.ndarray) -> list[str]:
        xraw = lazy(data[xcol])(idx)
        if from_points:
            return [str(v) for v in xraw]
        yraw = lazy(data[ycol])(idx)
        return [f"{a}, {b}" for a, b in zip(xraw, yraw, strict=True)]

    loc_blank = xblank & yblank
    # rows with every field blank (",,,,," left by spreadsheets); only rows
    # without coordinates can be, so only those are looked at
    src_cols = [c for c in data.columns if c not in ("__file", "__row")]
    if loc_blank.any() and src_cols:
        idx = np.flatnonzero(loc_blank)
        empty = np.ones(len(idx), dtype=bool)
        for c in src_cols:
            empty &= _blank_strings(data[c].iloc[idx])[1]
        mask = np.zeros(n, dtype=bool)
        mask[idx[empty]] = True
        flags.flag(mask, "empty row (every field blank)", src_cols[0], "")
    partial = ~loc_blank & (xblank | yblank)
    loc_bad = ~(xblank | yblank) & (~np.isfinite(x) | ~np.isfinite(y))
    flags.flag(loc_blank, "no location", xcol, raw_xy)
    flags.flag(partial, "no location (one coordinate missing)", xcol, raw_xy)
    flags.flag(loc_bad, "unparsable coordinates", xcol, raw_xy)
    zero = np.isfinite(x) & np.isfinite(y) & (x == 0) & (y == 0)
    flags.flag(zero, "no location (0,0 placeholder)", xcol, raw_xy)
    src_is_geo = src_crs == WGS84 or (
        src_crs.upper() in ("EPSG:4326", "OGC:CRS84", "CRS84")
    )
    if src_is_geo:
        out_range = (
            np.isfinite(x) & np.isfinite(y) & ((np.abs(x) > 180) | (np.abs(y) > 90))
        )
        flags.flag(out_range, "coordinates out of range", xcol, raw_xy)
    good = flags.ok()
    if src_is_geo:
        lon_g, lat_g = x[good], y[good]
    else:
        try:
            lon_g, lat_g = to_lonlat(x[good], y[good], src_crs)
        except Exception as exc:
            raise DataError(
                f"cannot use source CRS {src_crs!r}: {exc}", source=source
            ) from exc
    working = target_crs or choose_working_crs(lon_g, lat_g)
    try:
        wx, wy, tinfo = to_working(x, y, WGS84 if src_is_geo else src_crs, working)
    except Exception as exc:
        raise DataError(
            f"cannot transform coordinates to {working}: {exc}", source=source
        ) from exc
    flags.flag(~(np.isfinite(wx) & np.isfinite(wy)), "out of area", xcol, raw_xy)
    good = flags.ok()
    if good.sum() >= 3:
        mx, my = np.median(wx[good]), np.median(wy[good])
        dist = np.hypot(wx - mx, wy - my)
        limit = max(OUT_OF_AREA_M, 3.0 * float(np.percentile(dist[good], 99)))
        far = good & (dist > limit)
        flags.flag(far, "out of area", xcol, raw_xy)
        if far.any():
            report.notes.append(
                f"{int(far.sum())} point(s) lie more than {limit / 1000:.0f} km "
                "from the median point and were rejected as out of area"
            )

    return wx, wy, working, tinfo, src_crs, lon_g, lat_g


@dataclass(frozen=True)
class Clock:
    """How a source's times are read: the zone of naive times and the date order
    (``date_order`` given by the user, ``default_order`` when no value proves it).
    """

    tz: str
    date_order: str | None
    default_order: str

    def parse(self, values: pd.Series) -> ParsedTimes:
        """:func:`~layers.readers.values.parse_times` with this clock's orders."""
        return parse_times(
            values, date_order=self.date_order, default_order=self.default_order
        )


def zone(
    working: str,
    lon_g: np.ndarray,
    lat_g: np.ndarray,
    timezone: str | None,
    date_order: str | None,
    report: ReadReport,
) -> Clock:
    """The time zone of naive times, and the date order to assume."""
    # -- time zone
    if timezone is None:
        tz = choose_timezone(working, lon_g, lat_g)
    else:
        tz = timezone
    try:
        pd.Timestamp("2024-01-01").tz_localize(tz)
    except Exception as exc:
        raise DataError(f"unknown time zone {tz!r}") from exc
    default_order = "dmy"
    if date_order is None and month_first_zone(tz):
        default_order = "mdy"
        report.notes.append(
            f"the data lie in {tz}: dates such as 01/02/2023 (no day above 12) are "
            "read month first, the US convention (give date_order='dmy' to change)"
        )

    return Clock(tz, date_order, default_order)


def times(
    data: pd.DataFrame, used: dict[str, str], flags: Flags, clock: Clock
) -> tuple:
    """The calls' times, localised, rejecting rows with no or no real time."""
    n, tz = len(data), clock.tz
    # -- times
    if "occurred_at" in used:
        tcol = used["occurred_at"]
        parsed = clock.parse(data[tcol])
        traw = lazy(data[tcol])
        flags.flag(parsed.status == 1, "no time", tcol, traw)
        flags.flag(parsed.status == 2, "unparsable time", tcol, traw)
        naive, utc_abs = parsed.naive, parsed.utc
        has_time = parsed.has_time
        formats = parsed.formats
    else:
        dcol = used["date"]
        dp = clock.parse(data[dcol])
        draw = lazy(data[dcol])
        flags.flag(dp.status == 1, "no date", dcol, draw)
        flags.flag(dp.status == 2, "unparsable date", dcol, draw)
        day = dp.naive.astype("datetime64[D]").astype("datetime64[ns]")
        formats = [*dp.formats]
        if "time" in used:
            tcol = used["time"]
            secs, tstatus = parse_time_of_day(data[tcol])
            traw = lazy(data[tcol])
            flags.flag(tstatus == 1, "no time of day", tcol, traw)
            flags.flag(tstatus == 2, "unparsable time of day", tcol, traw)
            naive = day + (np.nan_to_num(secs) * 1e9).astype(np.int64).astype(
                "timedelta64[ns]"
            )
            naive[~np.isfinite(secs)] = np.datetime64("NaT")
            has_time = True
            formats.append("separate time-of-day column")
        else:
            tcol = dcol
            naive = day
            has_time = False
        utc_abs = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    aware, gap, ambiguous = localise(naive, tz)
    if "occurred_at" in used:
        shown = lazy(data[tcol])
    else:
        shown = (
            data[used["date"]].astype("object").astype(str)
            + (" " + data[used["time"]].astype("object").astype(str))
            if "time" in used
            else ""
        )
        shown = np.asarray(shown, dtype=object)
    flags.flag(gap, "nonexistent local time (DST gap)", tcol, shown)
    occurred = pd.Series(aware, index=data.index)
    abs_rows = ~np.isnat(utc_abs)
    if abs_rows.any():
        conv = pd.DatetimeIndex(utc_abs[abs_rows]).tz_localize("UTC").tz_convert(tz)
        occurred = occurred.astype(f"datetime64[ns, {tz}]")
        occurred.iloc[np.flatnonzero(abs_rows)] = conv
    occurred = occurred.astype(f"datetime64[ns, {tz}]")

    return occurred, has_time, formats, ambiguous, abs_rows


def lazy(values: pd.Series):
    """The values at some positions, as objects, when a row is rejected."""

    def at(idx: np.ndarray) -> np.ndarray:
        return values.iloc[idx].astype("object").to_numpy()

    return at


def text(values: pd.Series) -> pd.Series:
    """Text for the layer's frame (pyarrow-backed ``str``), index reset."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = pa.array(values.cat.categories.astype(object), type=pa.string())
        codes = values.cat.codes.to_numpy()
        arr = pc.take(cats, pa.array(codes, mask=codes < 0))
        return pd.Series(arr.to_pandas(), dtype="str")
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return values.reset_index(drop=True).astype("str")
    return pd.Series(values.to_numpy(dtype=object), dtype="str")


#: Time zones of the United States, where dates are written month first.
_US_ZONES = frozenset(
    (
        "America/New_York America/Chicago America/Denver America/Los_Angeles "
        "America/Phoenix America/Anchorage America/Juneau America/Sitka "
        "America/Nome America/Yakutat America/Metlakatla America/Adak "
        "America/Boise America/Detroit America/Menominee Pacific/Honolulu "
        "America/Puerto_Rico Pacific/Guam US/Eastern US/Central US/Mountain "
        "US/Pacific US/Alaska US/Hawaii"
    ).split()
)


def month_first_zone(tz: str) -> bool:
    """True for a US time zone (dates there are written mm/dd/yyyy)."""
    return tz in _US_ZONES or tz.startswith(
        ("America/Indiana/", "America/Kentucky/", "America/North_Dakota/")
    )


def choose_timezone(working: str, lon: np.ndarray, lat: np.ndarray) -> str:
    """Europe/London in Great Britain (or with no points), else the zone of the
    points' median (UTC where no zone is known).
    """
    if working == BNG or len(lon) == 0:
        return "Europe/London"
    try:
        zone = timezone_finder().timezone_at(
            lng=float(np.median(lon)), lat=float(np.median(lat))
        )
    except Exception:  # pragma: no cover - optional dependency failure
        zone = None
    return zone or "UTC"


@functools.cache
def timezone_finder() -> Any:
    """One shared ``TimezoneFinder`` (its data in memory, no file left open)."""
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=True)  # no file handles left open


def check_zone(timezone: str) -> None:
    """Refuse a time zone name the zone database does not know."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DataError(f"unknown time zone {timezone!r}") from exc


def keep_name(col: str, used: set[str], reserved: set[str] | frozenset[str]) -> str:
    """The layer's name for a source column kept as it is: normalised, ``src_``
    before a name in ``reserved`` (the source's own fields), ``_2``, ``_3`` ...
    after one already ``used``; the name is added to ``used``.
    """
    base = normalise_name(col) or "column"
    if base in reserved:
        base = f"src_{base}"
    name, i = base, 2
    while name in used:
        name = f"{base}_{i}"
        i += 1
    used.add(name)
    return name
