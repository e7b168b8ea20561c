"""Calls for service: command-and-control (CAD) exports to a DEMAND layer.

The reader guesses a column mapping from the header (and a sample of values), which
the user can override; parses many timestamp layouts; localises naive times to the
project's zone, rejecting times that do not exist (the spring DST gap) and counting
those that occur twice (the autumn repeat); maps source priorities to the four UK
response grades through an editable table (``resources/lookups/call_grades.json``);
and keeps every other source column under a normalised name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.crs import BNG
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import check
from layers.readers._common import (
    Table,
    decode_bytes,
    normalise_name,
    read_table,
)
from layers.readers.files import (
    EDITOR_FIELDS,
    EXCEL_SUFFIXES,
    VECTOR_SUFFIXES,
    excel_to_text,
    expand_folders,
    folder_tables,
    vector_table,
)
from layers.readers.files import best_sheet as _best_sheet
from layers.readers.mapping import POINT_COLUMN_NAMES, Guess, resolve, timestamp_share
from layers.readers.pipeline import (
    Flags,
    ReadRequest,
    Verdict,
    finish,
    sniffer,
    source_reader,
)
from layers.readers.places import file_record
from layers.readers.steps import (
    Clock,
    durations_s,
    keep_name,
    load_tables,
    locate,
    stack,
    text,
    times,
    zone,
)
from layers.readers.values import (
    _POINT_NAMES,
    _grid_ref_share,
    localise,
    parse_float,
    parse_times,
    points_share,
)
from layers.readers.values import (
    blank_strings as _blank_strings,
)
from layers.readers.values import parse_grid_refs as parse_grid_refs  # re-exported
from layers.readers.values import (
    typed_column as _typed_column,
)
from layers.validation import DataError, ReadReport

NAME = "calls"
KIND = LayerKind.DEMAND

GRADES_PATH = (
    Path(__file__).resolve().parents[2] / "resources" / "lookups" / "call_grades.json"
)

#: Days within which an earlier call from the same caller makes a call a repeat.
REPEAT_WINDOW_DAYS = 28

# -- column-name candidates (normalised names, best first) -------------------
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "occurred_at": tuple(
        (
            "occurred_at datetime date_time timestamp time_stamp call_datetime "
            "call_date_time incident_datetime incident_date_time event_datetime "
            "created_at created_datetime created received_at received_datetime "
            "date_time_received time_received call_received call_received_time "
            "cad_event_original_time_queued original_time_queued time_queued "
            "queued_time opened_at open_time start_time event_time reported_at "
            "reported_datetime"
        ).split()
    ),
    "date": tuple(
        (
            "date call_date incident_date event_date date_received received_date "
            "created_date report_date reported_date occurred_date date_of_call "
            "call_received_date"
        ).split()
    ),
    "time": tuple(
        (
            "time call_time incident_time time_of_call received_time created_time "
            "reported_time occurred_time call_received_time_of_day"
        ).split()
    ),
    "lon": tuple(
        ("longitude lon long lng wgs84_longitude gps_longitude x_long").split()
    ),
    "lat": tuple(("latitude lat wgs84_latitude gps_latitude y_lat").split()),
    "easting": tuple(
        (
            "easting eastings grid_easting bng_easting os_easting bng_e "
            "x_coordinate grid_ref_easting"
        ).split()
    ),
    "northing": tuple(
        (
            "northing northings grid_northing bng_northing os_northing bng_n "
            "y_coordinate grid_ref_northing"
        ).split()
    ),
    "x": tuple(("x x_coord xcoord point_x coord_x map_x location_x").split()),
    "y": tuple(("y y_coord ycoord point_y coord_y map_y location_y").split()),
    "point": POINT_COLUMN_NAMES,
    "grid_ref": tuple(
        (
            "grid_ref gridref grid_reference os_grid_ref os_grid_reference ngr "
            "national_grid_reference os_ref grid_ref_location location_grid_ref"
        ).split()
    ),
    "category": tuple(
        (
            "call_type calltype incident_type initial_call_type call_category "
            "category type event_type incident_category classification "
            "initial_classification opening_code opening_classification nature "
            "call_nature problem final_call_type final_classification closing_code "
            "type_text typetext type_description typ_desc call_type_description "
            "calldescription call_description incident_description "
            "event_description description nature_of_call call_reason title "
            "event_title incident_title"
        ).split()
    ),
    "priority": tuple(
        (
            "priority call_priority grade call_grade response_grade initial_grade "
            "initial_priority grading priority_code response_priority final_grade "
            "final_priority"
        ).split()
    ),
    "call_id": tuple(
        (
            "call_id cad_id incident_id incident_number incident_no event_id "
            "event_number cad_number cad_no cad_event_number log_number log_no urn "
            "reference call_number call_no id"
        ).split()
    ),
    "closed_at": tuple(
        (
            "closed_at closed closed_time close_time closed_datetime date_closed "
            "closed_date cleared cleared_at cleared_time time_cleared resolved_at "
            "resolution_time"
        ).split()
    ),
    "response_s": tuple(
        (
            "response_s response_seconds response_secs response_mins response_time "
            "response_time_s first_response_time response_time_seconds "
            "attendance_time time_to_attend arrival_delay response_minutes "
            "response_time_mins response_time_minutes dispatch_delay "
            "first_dispatch_delay time_to_dispatch"
        ).split()
    ),
    "caller": tuple(
        (
            "caller caller_id caller_number caller_phone caller_telephone phone "
            "phone_number telephone telephone_number cli caller_address_id "
            "address_id caller_uprn uprn"
        ).split()
    ),
}

#: Mapping keys that name source columns (the rest are options).
COLUMN_KEYS = tuple(_CANDIDATES)
#: Mapping keys that are options, not columns.
OPTION_KEYS = ("source_crs", "grade_map", "grades", "date_order", "sheet")

_CANON_OUT = {
    "occurred_at",
    "category",
    "call_id",
    "grade",
    "source_priority",
    "closed_at",
    "response_s",
    "repeat_caller",
    "geometry",
    "source_file",
    "source_row",
}


# -- grades ---------------------------------------------------------------------
def grade_key(value: Any) -> str:
    """The lookup key of a source priority: lower case, no spaces or punctuation."""
    text = str(value).strip().lower()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return re.sub(r"[\s._\-:/()]+", "", text)


def load_grade_systems(path: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """The grade mapping systems from ``call_grades.json`` (or another such file)."""
    p = Path(path) if path is not None else GRADES_PATH
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        systems = data["systems"]
        out: dict[str, dict[str, Any]] = {}
        for key, system in systems.items():
            out[key] = {
                "label": str(system.get("label", key)),
                "map": {grade_key(k): int(v) for k, v in system["map"].items()},
            }
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"cannot read the call grade table: {exc}", source=p) from exc


def choose_grade_map(
    priorities: pd.Series, grades: str | dict[str, Any] | None = None
) -> tuple[str, dict[str, int]]:
    """Pick the mapping: a user dict, a named system, or the system mapping most rows."""
    if isinstance(grades, dict):
        table: dict[str, int] = {}
        for k, v in grades.items():
            try:
                g = int(v)
            except (TypeError, ValueError) as exc:
                raise DataError(
                    f"grade for priority {k!r} must be 1-4, not {v!r}"
                ) from exc
            if g not in (1, 2, 3, 4):
                raise DataError(f"grade for priority {k!r} must be 1-4, not {v!r}")
            table[grade_key(k)] = g
        return "user mapping", table
    systems = load_grade_systems()
    if isinstance(grades, str):
        if grades not in systems:
            raise DataError(
                f"unknown grade system {grades!r}; known: " + ", ".join(systems)
            )
        return systems[grades]["label"], systems[grades]["map"]
    counts = priorities.dropna().value_counts()
    keys = [grade_key(v) for v in counts.index]
    best_name, best_map, best_n = None, {}, -1
    for system in systems.values():
        n = int(sum(c for k, c in zip(keys, counts, strict=True) if k in system["map"]))
        if n > best_n:
            best_name, best_map, best_n = system["label"], system["map"], n
    return str(best_name), best_map


# -- column mapping ---------------------------------------------------------------
def _xy_pair(g: Guess) -> tuple[str, str] | None:
    """Columns like ``map_x``/``map_y``, ``gps_x``/``gps_y`` or ``x_bng``/``y_bng``."""
    norm, taken = g.norm, g.taken
    for n, col in norm.items():
        if col in taken:
            continue
        for a, b in (("_x", "_y"), ("x_", "y_"), ("x", "y")):
            if a == "x" and not n.endswith("x"):
                continue
            if n.endswith(a):
                partner = n[: -len(a)] + b
            elif n.startswith(a) and a.endswith("_"):
                partner = b + n[len(a) :]
            else:
                continue
            if partner in norm and norm[partner] not in taken and partner != n:
                return col, norm[partner]
    return None


def guess_mapping(
    columns: list[str], sample: pd.DataFrame | None = None
) -> dict[str, str]:
    """Guess {canonical key: source column} from header names (and sample values).

    Keys: occurred_at (or date + time), lon/lat, easting/northing or x/y,
    category, priority, call_id, closed_at, response_s, caller.
    """
    g = Guess(list(columns), _CANDIDATES, sample)
    _guess_location(g)
    for key in ("closed_at", "response_s", "call_id", "caller"):
        g.either(key)
    g.either("closed_at", ("_closed", "closed_time", "cleared_time"))
    _guess_time(g)
    g.either("priority", ("priority", "_grade"))
    g.either("category", ("call_type", "incident_type"))
    if "category" in g.out:
        # a code column (Type_ "21") with its words beside it (TypeText)
        base = normalise_name(g.out["category"]).rstrip("_")
        for sfx in ("_text", "text", "_description", "description", "_desc", "desc"):
            words = g.norm.get(base + sfx)
            if words is not None and words not in g.taken:
                g.drop("category")
                g.take("category", words)
                break
    return g.out


def _guess_location(g: Guess) -> None:
    """Coordinate columns (lon/lat, easting/northing, x/y, points, grid refs)."""
    for key in ("lon", "lat", "easting", "northing"):
        g.either(key)
    g.either("lon", ("longitude", "_lon", "_lng", "_long"))
    g.either("lat", ("latitude", "_lat"))
    g.either("easting", ("easting", "eastings"))
    g.either("northing", ("northing", "northings"))
    if g.has("lon", "lat") or g.has("easting", "northing"):
        return
    g.drop("lon", "lat", "easting", "northing")
    g.either("x")
    g.either("y")
    if not g.has("x", "y"):
        g.drop("x", "y")
        pair = _xy_pair(g)
        if pair is not None:
            g.take("x", pair[0])
            g.take("y", pair[1])
    if not g.has("x", "y"):
        g.drop("x", "y")
    _guess_point_column(g)


def _guess_point_column(g: Guess) -> None:
    """One column of points (WKT or "(lat, lon)", as US open-data CAD exports
    have), or of OS grid references.
    """
    for cand in _CANDIDATES["point"]:
        col = g.norm.get(cand)
        if col is None or col in g.taken:
            continue
        values = g.values(col)
        fits = (
            points_share(values) >= 0.5 if values is not None else cand in _POINT_NAMES
        )
        if fits:
            g.take("point", col)
            return
    for cand in _CANDIDATES["grid_ref"]:
        col = g.norm.get(cand)
        if col is None or col in g.taken:
            continue
        values = g.values(col)
        if values is None or _grid_ref_share(values) >= 0.5:
            g.take("grid_ref", col)
            return
    if g.sample is None:
        return
    for col in g.sample.columns:
        if col not in g.taken and points_share(g.sample[col]) >= 0.8:
            if g.sample[col].astype(str).str.contains(r"[(]|POINT", case=False).any():
                g.take("point", col)
                return


def _guess_time(g: Guess) -> None:
    """The timestamp: a named column whose values parse, or date + time columns."""
    ts = g.named("occurred_at")
    if ts is not None and g.values(ts) is not None:
        if timestamp_share(g.values(ts))[0] < 0.5:
            ts = None
    if ts is None and g.sample is not None:
        best, best_share = None, 0.0
        for n, col in g.norm.items():
            if col in g.taken or not re.search(
                r"date|time|queued|received|created|opened|stamp", n
            ):
                continue
            if re.search(r"clos|clear|resol|arriv|dispatch|delay|response|durat", n):
                continue
            share, with_time = timestamp_share(g.sample.get(col))
            if with_time and share > best_share:
                best, best_share = col, share
        if best_share >= 0.5:
            ts = best
    if ts is not None:
        g.take("occurred_at", ts)
        return
    date, time = g.named("date"), g.named("time")
    if time is not None and g.sample is not None:
        share, with_time = timestamp_share(g.sample.get(time))
        # the "time" column holds whole timestamps (beside a date, or alone)
        if share >= 0.5 and (with_time or date is None):
            g.take("occurred_at", time)
            date = time = None
    g.take("date", date)
    if "occurred_at" not in g.out:
        g.take("time", time)


def _missing(mapping: dict[str, Any]) -> list[str]:
    missing = []
    if "occurred_at" not in mapping and "date" not in mapping:
        missing.append("time (a timestamp column, or a date column and a time column)")
    has_loc = (
        ("lon" in mapping and "lat" in mapping)
        or ("easting" in mapping and "northing" in mapping)
        or ("x" in mapping and "y" in mapping)
        or "point" in mapping
        or "grid_ref" in mapping
    )
    if not has_loc:
        missing.append(
            "location (longitude/latitude, easting/northing or x/y columns, one "
            "column of points such as POINT (lon lat) or (lat, lon), or OS grid "
            "references)"
        )
    return missing


def _looks_like_data(header: list[str]) -> bool:
    """True when most header fields are numbers or dates (a file with no header)."""
    if not header:
        return False
    cells = pd.Series(header, dtype=object)
    numeric = np.isfinite(parse_float(cells))
    dated = parse_times(cells).status == 0
    return bool((numeric | dated).mean() >= 0.5)


def _sample_frame(sample: str | None) -> pd.DataFrame | None:
    if not sample:
        return None
    try:
        text = sample
        cut = text.rfind("\n")
        if cut > 0 and len(text) >= 60000:
            text = text[:cut]
        return read_table(text=text, source="<sample>").data
    except (DataError, ValueError, TypeError):
        return None


@sniffer
def sniff(path: Path, columns: list[str] | None, sample: str | None) -> Verdict:
    """Confidence that ``path`` is a calls-for-service export, and the guessed mapping."""
    frame = None
    if not columns and Path(path).is_dir():
        files = folder_tables(Path(path))
        if not files:
            return 0.0, {}
        path = files[0]
        if path.suffix.lower() not in EXCEL_SUFFIXES:
            with path.open("rb") as fh:
                raw = fh.read(65536)
            sample, _enc = decode_bytes(raw)
            cut = sample.rfind("\n")
            sample = sample[: cut + 1] if cut > 0 else sample
            columns = read_table(text=sample, source="<sample>").columns
    vector = not columns and Path(path).suffix.lower() in VECTOR_SUFFIXES
    if vector:
        head = vector_table(Path(path), max_features=200)
        columns, frame = head.columns, head.data
    if not columns and Path(path).suffix.lower() in EXCEL_SUFFIXES:
        sample, _ = excel_to_text(Path(path), best_sheet(Path(path)), max_rows=200)
        columns = read_table(text=sample, source="<sample>").columns
    if not columns:
        return 0.0, {}
    if frame is None:
        frame = _sample_frame(sample)
    mapping = guess_mapping(list(columns), frame)
    if vector:
        when = mapping.get("occurred_at") or mapping.get("date")
        if when is None or normalise_name(when) in EDITOR_FIELDS:
            return 0.0, {}  # places, not events
    missing = _missing(mapping)
    score = 0.0
    if "occurred_at" in mapping or "date" in mapping:
        score += 0.3
    if not any(m.startswith("location") for m in missing):
        score += 0.25
    if "priority" in mapping:
        score += 0.2
    if "category" in mapping:
        score += 0.05
    if "call_id" in mapping:
        score += 0.05
    if "response_s" in mapping or "closed_at" in mapping:
        score += 0.1
    norm = {normalise_name(c) for c in columns}
    if {"crime_type", "month"} <= norm or "crime_id" in norm:
        score *= 0.3  # data.police.uk layouts belong to the crime reader
    if missing:
        score = min(score, 0.45)
    elif vector:
        # timed point features are events: ahead of the assets reader's
        # confidence in any point file
        score = max(score, 0.85)
    return round(min(score, 0.95), 3), mapping


def _fits(table: Table) -> bool:
    return not _missing(guess_mapping(table.columns, table.data))


def best_sheet(path: Path) -> str | None:
    """The first sheet of a workbook that looks like calls (time and location
    columns found), or None for the first sheet (or when none does).
    """
    return _best_sheet(path, _fits)


# -- reading ----------------------------------------------------------------------
def _read(
    req: ReadRequest,
    grades: str | dict[str, Any] | None = None,
    settled: bool = False,
) -> Layer:
    """Read one or more calls-for-service exports into a DEMAND layer.

    Parameters
    ----------
    paths
        Delimited text files with the same layout.
    mapping
        ``{canonical key: source column}`` overriding the guess (keys as in
        :func:`guess_mapping`), plus options: ``source_crs`` (e.g. "EPSG:27700"),
        ``date_order`` ("dmy" or "mdy"), ``grade_map`` (``{priority: grade}``) or
        ``grades`` (the name of a system in ``call_grades.json``).
    columns
        Column names of a file without a header row.
    target_crs, timezone
        None chooses: BNG and Europe/London in Great Britain, else the UTM zone and
        the local time zone of the data.
    grades
        Same as ``mapping["grade_map"]`` / ``mapping["grades"]``.
    settled
        ``mapping`` is whole (e.g. a live feed's, fixed on its first batch): it is
        used as it is, without guessing the other columns again.

    Numeric overflow in hostile input (``1e308`` minutes) becomes a missing value
    (:func:`layers.readers.pipeline.source_reader`), never a warning or a crash.
    """
    paths, mapping, columns = req.paths, req.mapping, req.columns
    target_crs, timezone, name, progress = (
        req.target_crs, req.timezone, req.name, req.progress
    )  # fmt: skip
    given = [Path(p) for p in paths]
    if name is None and len(given) == 1 and given[0].is_dir():
        name = given[0].name  # a folder of exports is one source
    paths = expand_folders(given)
    if not paths:
        raise DataError("no files given to the calls reader")
    user = dict(mapping or {})
    options = {k: user[k] for k in OPTION_KEYS if k in user}
    if grades is None:
        grades = options.get("grade_map", options.get("grades"))
    date_order = options.get("date_order")
    if date_order not in (None, "dmy", "mdy"):
        raise DataError(f"date_order must be 'dmy' or 'mdy', not {date_order!r}")
    n_files = len(paths)
    layer_name = name or (
        paths[0].stem if n_files == 1 else f"{paths[0].stem} (+{n_files - 1})"
    )
    tables = load_tables(
        paths, columns, options, progress, _fits, "times and locations"
    )
    report, used = _settle_mapping(tables, user, columns, settled=settled)
    data = stack(tables, used, report)
    check(progress, 0.45, "parsing times")
    flags = Flags.of(len(data))
    first = tables[0][1]
    (wx, wy, working, tinfo, src_crs, lon_g, lat_g) = locate(
        data, used, options, first.delimiter, flags, report, target_crs
    )
    clock = zone(working, lon_g, lat_g, timezone, date_order, report)
    tz = clock.tz
    occurred, has_time, formats, ambiguous, abs_rows = times(data, used, flags, clock)
    check(progress, 0.7, "categories and grades")
    category, source_priority, grade, label, unmapped = _categories(
        data, used, grades, layer_name, report
    )
    closed, response = _closed_response(data, used, clock, report)
    keep = flags.ok()
    gdf = _assemble(
        data, used, flags, report, occurred, category, source_priority, grade,
        closed, response, wx, wy, working,
    )  # fmt: skip
    n_amb = _account(
        report, keep, ambiguous, unmapped, label, grade, abs_rows, tz, has_time,
        formats, working,
    )  # fmt: skip
    files = [file_record(p, t.encoding, t.delimiter) for p, t in tables]
    provenance = {
        "reader": NAME,
        "files": files,
        "mapping": {k: used[k] for k in sorted(used)},
        "options": {
            k: (v if isinstance(v, str | int | float) else dict(v))
            for k, v in options.items()
        },
        "columns_given": list(columns) if columns is not None else None,
        "source_crs": src_crs,
        "transform": tinfo.to_dict(),
        "crs": working,
        "timezone": tz,
        "time_formats": list(dict.fromkeys(formats)),
        "grade_mapping": label,
        "ambiguous_times": n_amb,
        "ambiguous_resolution": "first occurrence (daylight-saving time)",
        "repeat_window_days": REPEAT_WINDOW_DAYS if "caller" in used else None,
    }
    check(progress, 0.95, "building the layer")
    return finish(
        KIND, gdf, provenance, report, name=layer_name, progress=progress,
        time_precision="second" if has_time else "day",
    )  # fmt: skip


def _settle_mapping(
    tables: list[tuple[Path, Table]],
    user: dict[str, Any],
    columns: list[str] | None,
    *,
    settled: bool = False,
) -> tuple[ReadReport, dict[str, str]]:
    """The guessed mapping with the user's keys over it; refuses what is missing."""
    paths = [p for p, _t in tables]
    n_files = len(paths)
    report = ReadReport(
        str(paths[0]) if n_files == 1 else f"{n_files} files: {paths[0].name}, ..."
    )
    first = tables[0][1]
    guessed = {} if settled else guess_mapping(first.columns, first.data.head(500))
    resolved = resolve(user, first.columns, COLUMN_KEYS, OPTION_KEYS, str(paths[0]))
    used = dict(guessed)
    # a user key replaces its guessed alternatives (e.g. lon/lat replaces x/y)
    groups = (
        {"lon", "lat", "easting", "northing", "x", "y", "point", "grid_ref"},
        {"occurred_at", "date", "time"},
    )
    for group in groups:
        if group & set(resolved):
            for k in group:
                used.pop(k, None)
    used.update(resolved)
    if all(len(t.data) == 0 for _p, t in tables):
        raise DataError(
            "has a header row but no records: nothing to import", source=paths[0]
        )
    missing = _missing(used)
    if missing:
        hint = "Name them with a column mapping."
        if columns is None and _looks_like_data(first.columns):
            hint = (
                "The first line looks like data, not a header: give the column "
                "names (columns=[...], --columns) and a mapping."
            )
        raise DataError(
            "cannot find the "
            + "; ".join(missing)
            + ". Columns seen: "
            + ", ".join(first.columns)
            + ". "
            + hint,
            source=str(paths[0]),
        )

    return report, used


def _categories(
    data: pd.DataFrame,
    used: dict[str, str],
    grades: Any,
    layer_name: str,
    report: ReadReport,
) -> tuple:
    """Call types (or 'Priority P', or the layer's name) and grades."""
    # -- category, priority and grade
    if "priority" in used:
        pcol = used["priority"]
        ps, pblank = _blank_strings(data[pcol])
        source_priority = ps.where(~pblank, None)
        label, gmap = choose_grade_map(source_priority, grades)
        codes, uniques = pd.factorize(source_priority)  # per distinct value
        ukeys = [grade_key(v) for v in uniques]
        ugrade = np.array(
            [gmap.get(k, 0) for k in ukeys] + [0], dtype=np.int64
        )  # 0 = no grade; the extra slot serves code -1 (blank)
        gcodes = ugrade[codes]
        grade = pd.array(gcodes, dtype="Int64")
        grade[gcodes == 0] = pd.NA
        unmapped = sorted(
            {str(v) for v, k in zip(uniques, ukeys, strict=True) if k not in gmap}
        )
    else:
        pcol = None
        source_priority = None
        grade = None
        label = None
        unmapped = []
    if "category" in used:
        cs, cblank = _blank_strings(data[used["category"]])
        category = cs.where(~cblank, None)
        missing = category.isna().to_numpy()
        if source_priority is not None and missing.any():
            fallback = "Priority " + source_priority.fillna("").astype(str)
            category = category.where(
                ~missing, fallback.where(source_priority.notna(), None)
            )
    elif source_priority is not None:
        category = "Priority " + source_priority.fillna("").astype(str)
        category = category.where(source_priority.notna(), None)
    else:
        category = pd.Series(layer_name, index=data.index, dtype="str")
        report.warn(
            f"no call-type (or priority) column: every call has the layer's name "
            f"{layer_name!r} as its category (name the column with a mapping, "
            "category=COLUMN, to change it)"
        )

    return category, source_priority, grade, label, unmapped


def _closed_response(
    data: pd.DataFrame,
    used: dict[str, str],
    clock: Clock,
    report: ReadReport,
) -> tuple:
    """Closing times and response durations (bad values left empty, warned)."""
    tz = clock.tz
    # -- closed time, response seconds
    closed = None
    if "closed_at" in used:
        ccol = used["closed_at"]
        cp = clock.parse(data[ccol])
        caware, cgap, _ = localise(cp.naive, tz)
        closed = pd.Series(caware, index=data.index).astype(f"datetime64[ns, {tz}]")
        cabs = ~np.isnat(cp.utc)
        if cabs.any():
            closed.iloc[np.flatnonzero(cabs)] = (
                pd.DatetimeIndex(cp.utc[cabs]).tz_localize("UTC").tz_convert(tz)
            )
        bad_closed = int(((cp.status == 2) | cgap).sum())
        if bad_closed:
            report.warn(
                f"{bad_closed} closing time(s) in {ccol!r} could not be read "
                "(left empty; the rows are kept)"
            )
    response = None
    if "response_s" in used:
        rcol = used["response_s"]
        response, rblank = durations_s(data[rcol], rcol)
        bad_resp = int((~rblank & ~np.isfinite(response)).sum())
        if bad_resp:
            report.warn(
                f"{bad_resp} value(s) in {rcol!r} are not durations (left empty)"
            )

    return closed, response


def _assemble(
    data, used, flags, report, occurred, category, source_priority, grade,
    closed, response, wx, wy, working,
) -> gpd.GeoDataFrame:  # fmt: skip
    """The accepted rows as the layer's frame; the rejected ones to the report."""
    no_cat = category.isna().to_numpy()
    # -- assemble the accepted rows
    keep = flags.ok()
    flags.report_to(report, data["__row"].to_numpy(), data["__file"].array)
    out: dict[str, Any] = {
        "occurred_at": occurred[keep].reset_index(drop=True),
        "category": text(category[keep].fillna("(not recorded)")),
    }
    if int(no_cat[keep].sum()):
        report.warn(
            f"{int(no_cat[keep].sum())} call(s) have neither a call type nor a "
            "priority; their category is '(not recorded)'"
        )
    if "call_id" in used:
        cid, cb = _blank_strings(data[used["call_id"]])
        out["call_id"] = text(cid.where(~cb, None)[keep])
    if grade is not None:
        out["grade"] = grade[keep]
        out["source_priority"] = text(source_priority[keep])
    if closed is not None:
        out["closed_at"] = closed[keep].reset_index(drop=True)
    if response is not None:
        out["response_s"] = response[keep]
    out["source_file"] = text(data["__file"][keep])
    out["source_row"] = data["__row"].to_numpy(dtype=np.int64)[keep]
    used_cols = set(used.values())
    names_used: set[str] = set(out)
    for col in [c for c in data.columns if c not in ("__file", "__row")]:
        if col in used_cols:
            continue
        kept = _typed_column(data[col])[keep].reset_index(drop=True)
        out[keep_name(col, names_used, _CANON_OUT)] = kept
    frame = pd.DataFrame(out)
    if "caller" in used:
        frame["repeat_caller"] = _repeat_callers(
            data[used["caller"]][keep].reset_index(drop=True), frame["occurred_at"]
        )
    geometry = gpd.points_from_xy(wx[keep], wy[keep], crs=working)
    gdf = gpd.GeoDataFrame(frame, geometry=geometry, crs=working)

    return gdf


def _account(
    report, keep, ambiguous, unmapped, label, grade, abs_rows, tz, has_time,
    formats, working,
) -> int:  # fmt: skip
    """Counts, warnings and notes of the read report; the ambiguous times."""
    # -- report and provenance
    report.rows_loaded = int(keep.sum())
    n_amb = int((ambiguous & keep).sum())
    if n_amb:
        report.warn(
            f"{n_amb} local time(s) fall in the hour that occurs twice when the "
            "clocks go back; each was read as its first occurrence (daylight-saving "
            "time, the earlier instant)"
        )
    if unmapped:
        shown = ", ".join(repr(u) for u in unmapped[:20])
        more = f" and {len(unmapped) - 20} more" if len(unmapped) > 20 else ""
        report.warn(
            f"{len(unmapped)} source priorit{'y' if len(unmapped) == 1 else 'ies'} "
            f"not in the grade mapping ({label}): {shown}{more}; those calls have "
            "no grade"
        )
    if grade is not None:
        report.notes.append(f"priorities mapped to grades with: {label}")
    if abs_rows.any():
        report.notes.append(
            f"{int(abs_rows.sum())} time(s) carried a UTC offset or were epoch "
            f"numbers and were converted to {tz}"
        )
    if not has_time:
        report.notes.append("the file has dates only: time precision is 'day'")
    report.notes.append(
        f"naive times read as local time in {tz}; time formats: "
        + (", ".join(dict.fromkeys(formats)) or "none found")
    )
    if working != BNG:
        report.notes.append(
            f"data lie outside Great Britain: working CRS {working}, time zone {tz}"
        )
    if report.rows_total and not report.rows_loaded:
        report.warn(
            f"none of the {report.rows_total:,} rows could be loaded; see the "
            "rejected rows for the reasons"
        )
    report.check_balanced()
    return n_amb


def _repeat_callers(callers: pd.Series, times: pd.Series) -> pd.Series:
    """True when the same caller made a call in the previous 28 days (strictly before)."""
    s, blank = _blank_strings(callers)
    key = s.str.lower().str.replace(r"[\s\-()+]", "", regex=True)
    t = times.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]")
    frame = pd.DataFrame({"k": key.to_numpy(), "t": t, "i": np.arange(len(s))})
    frame = frame[~blank].sort_values(["k", "t"], kind="stable")
    prev_t = frame.groupby("k", sort=False)["t"].shift(1)
    delta = frame["t"] - prev_t
    rep = (delta.notna() & (delta <= pd.Timedelta(days=REPEAT_WINDOW_DAYS))).to_numpy()
    out = pd.array([pd.NA] * len(s), dtype="boolean")
    out[frame["i"].to_numpy()] = rep
    return pd.Series(out)


read = source_reader(_read)
