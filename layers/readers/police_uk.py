"""data.police.uk street-level crime: modern and 2011 layouts, folders, zips, cut-downs.

What this reader accepts
------------------------
- The modern 12-column street CSV (``Crime ID, Month, Reported by, Falls within,
  Longitude, Latitude, Location, LSOA code, LSOA name, Crime type, Last outcome
  category, Context``).
- The 2011 layout (``Month, Reported by, Falls within, Easting, Northing, Location,
  Crime type, Context``) with British National Grid coordinates.
- Cut-down tables with at least a month and a pair of coordinates (e.g. ``month,
  longitude, latitude, location, lsoa_code``), any of TAB, comma, semicolon or pipe.
- The same tables saved as Excel workbooks (.xlsx/.xlsm, first sheet).
- A folder of such files (searched recursively) or the zip download as it comes
  (one folder per month, several forces). ``-outcomes.csv`` and
  ``-stop-and-search.csv`` files are not street crimes: they are skipped and listed
  in the provenance with the reason.

Every record is loaded or rejected with a reason ("no location", "unparsable
coordinate", "missing month", "unparsable month", "duplicate Crime ID", "out of
area", "wrong number of fields (...)"). Records carry only a month, so the layer's
``time_precision`` is ``"month"`` and ``occurred_at`` is the first instant of the
month in the layer's time zone (Europe/London for Great Britain).

Speed: each file is first parsed by ``pyarrow.csv`` (multi-threaded, coordinates
straight to float64, text columns dictionary-encoded). Anything unusual (a wrong
field count, bytes that are not UTF-8, an unparsable number, a duplicated header
name) sends that one file to the exact row-by-row path
(:func:`layers.readers._common.read_table`), so row numbers in the report are always
the file's own; a Windows-1252 file is transcoded to UTF-8 and parsed fast. Files are
parsed two at a time; each distinct snap point is reprojected (OSTN15) and made into a
point once.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import mmap
import os
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import shapely

from layers import crs as crs_mod
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, SubProgress, check
from layers.readers._common import (
    decode_bytes,
    is_blank,
    normalise_name,
    parse_float,
    read_table,
    sniff_delimiter,
)
from layers.readers.archives import (
    ByteSource,
    excel_text,
    expand_sources,
    is_zip,
    vector_points_csv,
)
from layers.readers.mapping import by_names
from layers.readers.pipeline import (
    CancelOnly,
    ReadRequest,
    Verdict,
    sniffer,
    source_reader,
)
from layers.readers.places import target_crs_text
from layers.readers.steps import check_zone, choose_timezone
from layers.readers.tables import trim_partial_utf8
from layers.readers.values import concat_categoricals, take_categorical
from layers.validation import DataError, ReadReport

NAME = "police_uk"
KIND = LayerKind.CRIME

MODERN_HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
OLD_HEADER = [
    "Month",
    "Reported by",
    "Falls within",
    "Easting",
    "Northing",
    "Location",
    "Crime type",
    "Context",
]

#: The 14 crime types data.police.uk publishes today.
CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
UNKNOWN_CATEGORY = "Unknown"

#: canonical field -> normalised header names that mean it (first match wins).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "crime_id": ("crime_id", "crimeid", "crime_reference", "id"),
    "month": ("month", "period", "year_month", "yearmonth"),
    "reported_by": ("reported_by", "reportedby", "force"),
    "falls_within": ("falls_within", "fallswithin"),
    "longitude": ("longitude", "long", "lon", "lng"),
    "latitude": ("latitude", "lat"),
    "easting": ("easting", "eastings", "bng_e", "x_coordinate"),
    "northing": ("northing", "northings", "bng_n", "y_coordinate"),
    "location": ("location", "street", "street_name"),
    "lsoa_code": ("lsoa_code", "lsoa11cd", "lsoa21cd", "lsoa"),
    "lsoa_name": ("lsoa_name", "lsoa11nm", "lsoa21nm"),
    "category": ("crime_type", "crimetype", "category", "offence_type", "type"),
    "outcome": ("last_outcome_category", "outcome", "outcome_category"),
    "context": ("context",),
}
#: Canonical text columns of the layer (besides occurred_at and geometry).
TEXT_FIELDS = (
    "crime_id",
    "location",
    "lsoa_code",
    "lsoa_name",
    "reported_by",
    "falls_within",
    "outcome",
    "context",
)
COORD_FIELDS = ("longitude", "latitude", "easting", "northing")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
TABLE_SUFFIXES = {".csv", ".tab", ".tsv", ".txt", *EXCEL_SUFFIXES}
SKIP_SUFFIXES = {
    "-outcomes": "outcomes file (outcomes by Crime ID, not street crimes)",
    "-stop-and-search": "stop-and-search file (not street crimes)",
}

REASON_NO_LOCATION = "no location"
REASON_BAD_COORD = "unparsable coordinate"
REASON_NO_MONTH = "missing month"
REASON_BAD_MONTH = "unparsable month"
REASON_DUPLICATE = "duplicate Crime ID"
REASON_OUT_OF_AREA = "out of area"
REASON_EMPTY = "empty row (every field blank)"

_NEAR = "On or near "


# ---------------------------------------------------------------------------
# column mapping and sniffing
# ---------------------------------------------------------------------------
def guess_mapping(columns: Iterable[str]) -> dict[str, str]:
    """Guess ``{canonical: source column}`` from header names."""
    return by_names([str(c) for c in columns], CANDIDATES)


def _header_kind(columns: list[str]) -> str | None:
    """'outcomes' / 'stop-and-search' when the header is one of those layouts."""
    norm = {normalise_name(c) for c in columns}
    if "outcome_type" in norm and "crime_type" not in norm:
        return "outcomes"
    if {"part_of_a_policing_operation", "object_of_search"} & norm or (
        "legislation" in norm and "date" in norm and "crime_type" not in norm
    ):
        return "stop-and-search"
    return None


_MONTHLY = re.compile(r"^\s*\"?\d{4}[-/.]\d{1,2}(?:[-/.]0?1)?\"?\s*$")


def _score_columns(columns: list[str], sample: str | None) -> tuple[float, dict]:
    mapping = guess_mapping(columns)
    if _header_kind(columns) is not None:
        return 0.0, mapping
    stripped = [c.replace("\ufeff", "").strip() for c in columns]
    if stripped[: len(MODERN_HEADER)] == MODERN_HEADER:
        return 0.98, mapping
    if stripped[: len(OLD_HEADER)] == OLD_HEADER:
        return 0.95, mapping
    has_month = "month" in mapping
    has_xy = ("longitude" in mapping and "latitude" in mapping) or (
        "easting" in mapping and "northing" in mapping
    )
    if not (has_month and has_xy):
        return (0.1 if has_month or has_xy else 0.0), mapping
    conf = 0.5
    for extra in ("category", "lsoa_code", "location", "crime_id", "falls_within"):
        if extra in mapping:
            conf += 0.08
    if sample:
        conf += _sample_month_bonus(sample, columns, mapping["month"])
    return float(min(max(conf, 0.0), 0.9)), mapping


def _sample_month_bonus(sample: str, columns: list[str], month_col: str) -> float:
    """+0.05 if the month column holds months, -0.2 if it holds times of day."""
    try:
        delim = sniff_delimiter(sample)
        rows = list(csv.reader(io.StringIO(sample), delimiter=delim))[1:40]
        idx = columns.index(month_col)
        vals = [r[idx] for r in rows if len(r) > idx and r[idx].strip()]
    except Exception:
        return 0.0
    if not vals:
        return 0.0
    monthly = sum(1 for v in vals if _MONTHLY.match(v)) / len(vals)
    timed = sum(1 for v in vals if re.search(r"\d{1,2}:\d{2}", v)) / len(vals)
    if timed > 0.5:
        return -0.2
    return 0.05 if monthly > 0.8 else 0.0


@sniffer
def sniff(path: Path, columns: list[str] | None, sample: str | None) -> Verdict:
    """Confidence 0..1 that this reader fits ``path`` and the guessed mapping."""
    path = Path(path)
    if columns is None and (path.is_dir() or is_zip(path)):
        return _sniff_container(path)
    if columns is None and path.suffix.lower() in EXCEL_SUFFIXES:
        sample = excel_text(str(path), path, max_rows=40)
        columns = next(csv.reader(io.StringIO(sample)), [])
    if columns is None and path.suffix.lower() in VECTOR_SUFFIXES:
        return _sniff_vector(path)
    if columns is None:
        return 0.0, {}
    conf, mapping = _score_columns(list(columns), sample)
    name = path.name.lower()
    if conf > 0 and name.endswith("-street.csv"):
        conf = min(0.99, conf + 0.05)
    return conf, mapping


def explain(path: Path, columns: list[str] | None) -> str | None:
    """Why this reader refuses a path it nearly fits (for the registry's messages)."""
    if columns is None:
        return None
    kind = _header_kind(list(columns))
    if kind is not None:
        return f"this is a data.police.uk {kind} file, not street-level crimes"
    mapping = guess_mapping(columns)
    if "month" in mapping and not (
        {"longitude", "latitude"} <= mapping.keys()
        or {"easting", "northing"} <= mapping.keys()
    ):
        return "it has a month column but no Longitude/Latitude or Easting/Northing"
    return None


#: Vector formats whose point features may be street crimes (month + crime type).
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".fgb", ".gml", ".kml")


def _sniff_vector(path: Path) -> tuple[float, dict[str, str]]:
    """Point features with a month and a crime type are crimes, not places."""
    import pyogrio

    info = pyogrio.read_info(str(path))
    if "point" not in str(info.get("geometry_type") or "").lower():
        return 0.0, {}
    columns = [*map(str, info["fields"]), "Longitude", "Latitude"]
    conf, mapping = _score_columns(columns, None)
    if conf and {"month", "category"} <= mapping.keys():
        conf = max(conf, 0.9)  # ahead of the assets reader's points
    return conf, mapping


def _sniff_container(path: Path) -> tuple[float, dict[str, str]]:
    sources, _skipped = expand_sources([path], _skip_reason)
    best: tuple[float, dict[str, str]] = (0.0, {})
    for src in sources[:3]:
        head = src.head()
        text, _enc = decode_bytes(trim_partial_utf8(head))
        delim = sniff_delimiter(text)
        first = next(csv.reader(io.StringIO(text), delimiter=delim), None)
        if not first:
            continue
        conf, mapping = _score_columns(first, text)
        if conf > best[0]:
            best = (conf, mapping)
    return best


# -- which files of a folder or zip are tables -------------------------------------
def _skip_reason(name: str) -> str | None:
    stem = Path(name).stem.lower()
    low = Path(name).name.lower()
    if low.startswith(".") or "__macosx" in name.lower():
        return "hidden or system file"
    for suffix, reason in SKIP_SUFFIXES.items():
        if stem.endswith(suffix):
            return reason
    if Path(name).suffix.lower() not in TABLE_SUFFIXES:
        return "not a delimited table (extension)"
    return None


# ---------------------------------------------------------------------------
# month parsing (unique values only)
# ---------------------------------------------------------------------------
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_RE_YM = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_RE_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?$")
_RE_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_RE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ t].*)?$")
_RE_YYYYMM = re.compile(r"^(\d{4})(\d{2})$")
_RE_NAME_Y = re.compile(r"^(?:\d{1,2}[ -])?([a-z]{3,9})[ \-/.,]*(\d{4}|\d{2})$")
_RE_Y_NAME = re.compile(r"^(\d{4})[ \-/.,]*([a-z]{3,9})$")


def parse_month(text: str) -> tuple[int, int, bool] | None:
    """Parse a month written in a common form; (year, month, had_other_day) or None.

    Accepts ``2023-07``, ``2023/7``, ``2023-07-01`` (also with a time), ``07/2023``,
    ``01/07/2023`` (day first, as in the UK), ``202307``, ``Jul 2023``, ``July-23``,
    ``2023 Jul``. ``had_other_day`` is True when a full date is not the 1st.
    """
    s = str(text).strip().strip('"').strip().lower()
    if not s:
        return None
    day = 1
    m = _RE_YM.match(s) or _RE_YYYYMM.match(s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
    elif m := _RE_YMD.match(s):
        y, mo, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _RE_MY.match(s):
        mo, y = int(m.group(1)), int(m.group(2))
    elif m := _RE_DMY.match(s):
        day, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _RE_NAME_Y.match(s):
        mo = _MONTHS.get(m.group(1), 0)
        y = int(m.group(2))
        y = y + 2000 if y < 100 else y
    elif m := _RE_Y_NAME.match(s):
        y, mo = int(m.group(1)), _MONTHS.get(m.group(2), 0)
    else:
        return None
    if not (1 <= mo <= 12 and 1990 <= y <= 2100 and 1 <= day <= 31):
        return None
    if day > 28:
        try:
            datetime(y, mo, day)
        except ValueError:
            return None
    return y, mo, day != 1


# ---------------------------------------------------------------------------
# reading one file
# ---------------------------------------------------------------------------
@dataclass
class _Part:
    """One file's records, validated row by row (cross-file checks come later).

    ``code`` is 0 for a record that passed, else an index into ``REASONS``;
    ``events`` hold (positions, reason, column, values) of the rejections.
    """

    source: str
    rows: np.ndarray  # the file's row numbers
    text: dict[str, pd.Categorical]  # canonical text fields (not crime_id)
    crime_id: pa.ChunkedArray | None
    month_key: np.ndarray  # int64 year*12 + month-1; -1 missing, -2 unparsable
    x: np.ndarray
    y: np.ndarray
    source_crs: str
    code: np.ndarray
    events: list[tuple[np.ndarray, str, str, list[str]]]
    info: dict[str, Any] = field(default_factory=dict)
    report: ReadReport | None = None
    # distinct source points of the rows that passed (codes -1 for the others),
    # and the Crime ID screen (see _id_mixes); computed per file, in the workers
    pt_codes: np.ndarray | None = None
    pt_uniq: np.ndarray | None = None
    id_mix: np.ndarray | None = None


def _resolve_mapping(
    header: list[str], user: dict[str, str] | None, source: str, explicit: bool
) -> dict[str, str] | None:
    """Mapping for one file; None (skip) or DataError when it does not fit."""
    guessed = guess_mapping(header)
    if user:
        mapping = {k: v for k, v in guessed.items() if k not in user}
        for canon, col in user.items():
            if canon not in CANDIDATES:
                raise DataError(
                    f"unknown field {canon!r} in the column mapping; expected one of "
                    + ", ".join(CANDIDATES),
                    source=source,
                )
            if col in (None, ""):
                mapping.pop(canon, None)
                continue
            if col not in header:
                raise DataError(
                    f"mapped column {col!r} (for {canon}) is not in the header "
                    f"({', '.join(header[:15])})",
                    source=source,
                    column=col,
                )
            mapping[canon] = col
    else:
        mapping = guessed
    kind = _header_kind(header)
    problem = None
    if kind is not None and not user:
        problem = f"a data.police.uk {kind} file, not street-level crimes"
    elif "month" not in mapping:
        problem = "no Month column"
    elif not (
        ("longitude" in mapping and "latitude" in mapping)
        or ("easting" in mapping and "northing" in mapping)
    ):
        problem = "no Longitude/Latitude (or Easting/Northing) columns"
    if problem is None:
        return mapping
    if not explicit:
        return None
    raise DataError(
        f"{problem}; expected a data.police.uk street-level table "
        f"(header {','.join(MODERN_HEADER)}) or one with month and coordinates",
        source=source,
    )


def _read_one(
    src: ByteSource,
    raw: bytes | mmap.mmap,
    user_mapping: dict[str, str] | None,
    names: list[str] | None,
    progress: Progress | None,
    threads: bool = True,
) -> tuple[_Part | None, str | None]:
    sample_raw = raw[:65536]
    sample, _ = decode_bytes(trim_partial_utf8(sample_raw))
    if "\x00" in sample[:4096] and not sample_raw.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        if src.explicit:
            raise DataError("binary file, not a delimited text table", source=src.name)
        return None, "binary file, not a delimited text table"
    if not sample.strip():
        if src.explicit:
            raise DataError("the file is empty", source=src.name)
        return None, "empty file"
    delim = sniff_delimiter(sample)
    if names:
        header = list(names)
    else:
        try:
            first = next(
                csv.reader(io.StringIO(sample, newline=""), delimiter=delim), []
            )
        except csv.Error as exc:
            raise DataError(
                f"cannot parse the header as delimited text: {exc}",
                source=src.name,
                row=1,
            ) from exc
        header = [f.replace("\ufeff", "").strip() for f in first]
    mapping = _resolve_mapping(header, user_mapping, src.name, src.explicit)
    if mapping is None:
        return None, "not a street-level crime table (no month or coordinate columns)"
    part = None
    if _fast_ok(sample_raw, header, names):
        try:
            part = _fast_part(src.name, raw, header, mapping, delim, names, threads)
        except (pa.ArrowException, ValueError, KeyError, IndexError):
            part = None
    if part is None and _fast_ok(sample_raw, header, names) and not _is_utf8(raw):
        # Windows-1252 and friends: transcode to UTF-8 and parse fast again
        text_all, encoding = _decode(bytes(raw))
        try:
            part = _fast_part(
                src.name, text_all.encode("utf-8"), header, mapping, delim, names,
                threads,
            )  # fmt: skip
        except (pa.ArrowException, ValueError, KeyError, IndexError):
            part = None
        if part is not None:
            part.info["encoding"] = encoding
        del text_all
    if part is None:
        part = _slow_part(src.name, bytes(raw), header, mapping, delim, names, progress)
    part.info.update(delimiter=delim, mapping=mapping)
    return part, None


def _is_utf8(raw: bytes | mmap.mmap) -> bool:
    try:
        codecs.decode(memoryview(raw), "utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding; a UTF-8 BOM before a non-UTF-8 body is dropped, not text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = decode_bytes(raw[3:])
        if encoding != "utf-8":
            return text, f"{encoding} (after a UTF-8 byte-order mark)"
        return text, "utf-8-sig"
    return decode_bytes(raw)


def _fast_ok(sample_raw: bytes, header: list[str], names: list[str] | None) -> bool:
    if sample_raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    cols = names or header
    return all(cols) and len(set(cols)) == len(cols)


def _quoted_newlines(raw: bytes | mmap.mmap, start: int) -> bool:
    """True if a quoted field may hold a line break (odd quote count on a line).

    A line break inside quotes leaves that line with an odd number of quote
    characters ("" escapes count two), so even counts on every line mean none.
    """
    if raw.find(b'"', start) < 0:
        return False
    arr = np.frombuffer(raw, dtype=np.uint8)[start:]
    quotes = np.flatnonzero(arr == 34)
    newlines = np.flatnonzero(arr == 10)
    line = np.searchsorted(newlines, quotes)
    return bool((np.bincount(line) % 2).any())


def _fast_part(
    source: str,
    raw: bytes | mmap.mmap,
    header: list[str],
    mapping: dict[str, str],
    delim: str,
    names: list[str] | None,
    threads: bool = True,
) -> _Part | None:
    if names:
        arrow_names = list(names)
        body_start = 0
    else:
        # pyarrow reads the header itself; it must agree with ours column by column
        nl = raw.find(b"\n")
        body_start = nl + 1 if nl >= 0 else len(raw)
        probe = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(raw[:body_start])),
            parse_options=pa_csv.ParseOptions(delimiter=delim),
            convert_options=pa_csv.ConvertOptions(strings_can_be_null=True),
        )
        arrow_names = probe.column_names
        if [n.replace("\ufeff", "").strip() for n in arrow_names] != header:
            return None
    by_header = dict(zip(header, arrow_names, strict=True))
    wanted = {canon: by_header[col] for canon, col in mapping.items()}
    types: dict[str, pa.DataType] = {}
    for canon, col in wanted.items():
        if canon in COORD_FIELDS:
            types[col] = pa.float64()
        elif canon == "crime_id":
            types[col] = pa.string()
        else:
            types[col] = pa.dictionary(pa.int32(), pa.string())
    table = pa_csv.read_csv(
        pa.BufferReader(pa.py_buffer(raw)),
        read_options=pa_csv.ReadOptions(
            use_threads=threads,
            column_names=list(names) if names else None,
            autogenerate_column_names=False,
        ),
        parse_options=pa_csv.ParseOptions(
            delimiter=delim,
            newlines_in_values=_quoted_newlines(raw, body_start),
            ignore_empty_lines=True,
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types=types,
            include_columns=list(dict.fromkeys(wanted.values())),
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            check_utf8=True,
        ),
    )
    n = table.num_rows
    first_row = 1 if names else 2
    rows = np.arange(first_row, first_row + n, dtype=np.int64)
    text: dict[str, pd.Categorical] = {}
    for canon in (*TEXT_FIELDS[1:], "category", "month"):
        c = wanted.get(canon)
        if c is not None:
            ser = table.column(c).to_pandas()
            if not isinstance(ser.dtype, pd.CategoricalDtype):
                ser = ser.astype("category")
            text[canon] = ser.array
    crime_id = table.column(wanted["crime_id"]) if "crime_id" in wanted else None
    fx, fy, src_crs = _xy_fields(mapping)
    cx, cy = table.column(wanted[fx]), table.column(wanted[fy])
    xs = cx.to_numpy().astype(float, copy=True)
    ys = cy.to_numpy().astype(float, copy=True)
    x_blank = _nulls(cx)
    y_blank = _nulls(cy)
    return _validate_part(
        source, rows, text, crime_id, xs, ys, x_blank, y_blank, None, None,
        src_crs, mapping, path="fast",
    )  # fmt: skip


def _nulls(c: pa.ChunkedArray) -> np.ndarray:
    if c.null_count == 0:
        return np.zeros(len(c), dtype=bool)
    return c.is_null().to_numpy(zero_copy_only=False)


def _xy_fields(mapping: dict[str, str]) -> tuple[str, str, str]:
    if "longitude" in mapping and "latitude" in mapping:
        return "longitude", "latitude", crs_mod.WGS84
    return "easting", "northing", crs_mod.BNG


def _slow_part(
    source: str,
    raw: bytes,
    header: list[str],
    mapping: dict[str, str],
    delim: str,
    names: list[str] | None,
    progress: Progress | None,
) -> _Part:
    text_all, encoding = _decode(raw)
    table = read_table(
        text=text_all,
        source=source,
        header=not names,
        names=names,
        delimiter=delim,
        progress=progress,
    )
    if not names and len(table.columns) == len(header):
        # our columns by position (read_table renames empty or repeated names)
        pos = {h: i for i, h in reversed(list(enumerate(header)))}
        mapping = {k: table.columns[pos[v]] for k, v in mapping.items()}
    elif not names:
        raise DataError(
            "the header reads differently from its first sample "
            f"({len(table.columns)} fields, expected {len(header)})",
            source=source,
            row=1,
        )
    data = table.data
    rows = data.index.to_numpy(dtype=np.int64)
    text: dict[str, pd.Categorical] = {}
    for canon in (*TEXT_FIELDS[1:], "category", "month"):
        c = mapping.get(canon)
        if c is not None:
            vals = data[c].astype(object)
            text[canon] = pd.Categorical(vals.where(vals != "", None))
    crime_id = None
    if "crime_id" in mapping:
        vals = data[mapping["crime_id"]].astype(object)
        vals = vals.where(vals != "", None)
        crime_id = pa.chunked_array([pa.array(vals.to_list(), type=pa.string())])
    fx, fy, src_crs = _xy_fields(mapping)
    xraw, yraw = data[mapping[fx]], data[mapping[fy]]
    xnum, comma_x = _parse_coordinate(xraw, delim)
    ynum, comma_y = _parse_coordinate(yraw, delim)
    part = _validate_part(
        source, rows, text, crime_id, xnum, ynum,
        is_blank(xraw), is_blank(yraw), xraw.to_numpy(dtype=object),
        yraw.to_numpy(dtype=object), src_crs, mapping, path="exact",
    )  # fmt: skip
    part.info["encoding"] = encoding
    if comma_x or comma_y:
        part.info["decimal_comma"] = True
    part.report = table.report  # wrong-field-count rejects, already row-numbered
    if table.blank_lines:
        part.info["blank_lines"] = table.blank_lines
    return part


_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")


def _parse_coordinate(values: pd.Series, delim: str) -> tuple[np.ndarray, bool]:
    """Numbers from text; a column written with decimal commas (``52,48``, as
    spreadsheets in many locales save semicolon files) is read as such.
    """
    if delim != ",":
        text = values.astype(str)
        filled = text[text.str.strip() != ""]
        if len(filled) and filled.str.match(_DECIMAL_COMMA).all():
            return parse_float(text.str.replace(",", ".", regex=False)), True
    return parse_float(values), False


def _month_keys(cat: pd.Categorical | None, n: int) -> tuple[np.ndarray, int]:
    """Per-row month key (year*12+month-1; -1 missing, -2 unparsable), by unique value."""
    if cat is None:
        return np.full(n, -1, dtype=np.int64), 0
    cats = cat.categories
    keys = np.empty(len(cats) + 1, dtype=np.int64)
    other_day = np.zeros(len(cats) + 1, dtype=bool)
    for i, v in enumerate(cats):
        if not str(v).strip():
            keys[i] = -1
            continue
        parsed = parse_month(v)
        if parsed is None:
            keys[i] = -2
        else:
            keys[i] = parsed[0] * 12 + parsed[1] - 1
            other_day[i] = parsed[2]
    keys[-1] = -1  # code -1 (missing) indexes the last slot
    codes = np.asarray(cat.codes)
    return keys[codes], int(other_day[codes].sum())


#: reason codes of _Part.code (0 = loaded)
REASONS = (
    "",
    REASON_NO_LOCATION,
    REASON_BAD_COORD,
    REASON_NO_MONTH,
    REASON_BAD_MONTH,
    REASON_OUT_OF_AREA,
    REASON_DUPLICATE,
    REASON_EMPTY,
)


def _xy_pairs(xs: np.ndarray, ys: np.ndarray, idx: np.ndarray) -> list[str]:
    return [f"{float(xs[i])}, {float(ys[i])}" for i in idx]


def _validate_part(
    source: str,
    rows: np.ndarray,
    text: dict[str, pd.Categorical],
    crime_id: pa.ChunkedArray | None,
    xs: np.ndarray,
    ys: np.ndarray,
    x_blank: np.ndarray,
    y_blank: np.ndarray,
    xraw: np.ndarray | None,
    yraw: np.ndarray | None,
    src_crs: str,
    mapping: dict[str, str],
    path: str,
) -> _Part:
    n = len(rows)
    info: dict[str, Any] = {"path": path, "rows": n}
    fx, fy, _ = _xy_fields(mapping)
    # whole-file swapped longitude/latitude
    if src_crs == crs_mod.WGS84 and n:
        ok = np.isfinite(xs) & np.isfinite(ys) & ~((xs == 0) & (ys == 0))
        if ok.sum() >= 3:
            gb = crs_mod.in_gb(xs[ok], ys[ok]).mean()
            gb_sw = crs_mod.in_gb(ys[ok], xs[ok]).mean()
            rng = ((np.abs(xs[ok]) <= 180) & (np.abs(ys[ok]) <= 90)).mean()
            rng_sw = ((np.abs(ys[ok]) <= 180) & (np.abs(xs[ok]) <= 90)).mean()
            if (gb < 0.5 and gb_sw >= 0.9) or (rng < 0.5 and rng_sw >= 0.9):
                xs, ys = ys, xs
                x_blank, y_blank = y_blank, x_blank
                xraw, yraw = yraw, xraw
                fx, fy = fy, fx
                info["swapped_coordinates"] = True
    code = np.zeros(n, dtype=np.uint8)
    events: list[tuple[np.ndarray, str, str, list[str]]] = []

    def mark(mask: np.ndarray, why: str, col: str, values) -> None:
        m = mask & (code == 0)
        if not m.any():
            return
        code[m] = REASONS.index(why)
        idx = np.flatnonzero(m)
        vals = values(idx) if values is not None else [""] * len(idx)
        events.append((idx, why, col, vals))

    if x_blank.any() or y_blank.any():
        # a record with every field blank (the ",,,,," rows spreadsheets leave at
        # the end) is an empty row, not a crime without a location
        empty = x_blank & y_blank
        for cat in text.values():
            empty &= np.asarray(cat.codes) == -1
        if crime_id is not None:
            empty &= crime_id.is_null().to_numpy(zero_copy_only=False)
        mark(empty, REASON_EMPTY, "", None)
        mark(x_blank, REASON_NO_LOCATION, mapping[fx], None)
        mark(y_blank, REASON_NO_LOCATION, mapping[fy], None)
    for arr, blank, raw_vals, f in ((xs, x_blank, xraw, fx), (ys, y_blank, yraw, fy)):
        bad = ~blank & ~np.isfinite(arr)
        if bad.any():

            def shown(idx, arr=arr, raw_vals=raw_vals):
                if raw_vals is not None:
                    return [str(raw_vals[i]) for i in idx]
                return [str(float(arr[i])) for i in idx]

            mark(bad, REASON_BAD_COORD, mapping[f], shown)
    month_cat = text.get("month")
    keys, n_other_day = _month_keys(month_cat, n)
    if n_other_day:
        info["dates_not_first_of_month"] = n_other_day
    mcol = mapping.get("month", "")
    mark(keys == -1, REASON_NO_MONTH, mcol, None)
    if (keys == -2).any():
        mvals = np.asarray(month_cat.astype(object))
        mark(
            keys == -2, REASON_BAD_MONTH, mcol, lambda idx: [str(mvals[i]) for i in idx]
        )
    # impossible coordinates: (0, 0) and beyond the globe
    if src_crs == crs_mod.WGS84:
        far = (np.abs(xs) > 180) | (np.abs(ys) > 90)
    else:
        far = np.zeros(n, dtype=bool)
    zero = (xs == 0) & (ys == 0)
    mark(
        (far | zero) & np.isfinite(xs) & np.isfinite(ys),
        REASON_OUT_OF_AREA,
        mapping[fx],
        lambda idx: _xy_pairs(xs, ys, idx),
    )
    ok = code == 0
    if ok.all():
        pt_codes, pt_uniq = pd.factorize(xs + 1j * ys)
    else:
        pt_codes = np.full(n, -1, dtype=np.intp)
        pt_codes[ok], pt_uniq = pd.factorize(xs[ok] + 1j * ys[ok])
    return _Part(
        pt_codes=np.asarray(pt_codes),
        pt_uniq=np.asarray(pt_uniq),
        id_mix=_id_mixes(crime_id) if crime_id is not None else None,
        source=source,
        rows=rows,
        text={k: v for k, v in text.items() if k != "month"},
        crime_id=crime_id,
        month_key=keys,
        x=xs,
        y=ys,
        source_crs=src_crs,
        code=code,
        events=events,
        info=info,
    )


# ---------------------------------------------------------------------------
# the reader
# ---------------------------------------------------------------------------
def _infer_category(names: list[str]) -> str | None:
    """A crime type named by the file names (e.g. 'asb' -> Anti-social behaviour)."""
    found: set[str] = set()
    for name in names:
        stem = re.sub(r"[^a-z0-9]+", " ", Path(name.split("!")[-1]).stem.lower())
        tokens = f" {stem} "
        if re.search(r" (asb|anti ?social( behaviour)?|antisocial) ", tokens):
            found.add("Anti-social behaviour")
        for ct in CRIME_TYPES[1:]:
            slug = re.sub(r"[^a-z0-9]+", " ", ct.lower())
            if f" {slug} " in tokens:
                found.add(ct)
    return found.pop() if len(found) == 1 else None


def _read(req: ReadRequest) -> Layer:
    """Read data.police.uk street-level files (files, folders, zips) into a CRIME layer.

    Parameters
    ----------
    paths
        One or more files, folders (searched recursively) or zip downloads; together
        they are one source.
    mapping
        ``{canonical: source column}`` overriding the guessed columns (canonical
        names: crime_id, month, reported_by, falls_within, longitude, latitude,
        easting, northing, location, lsoa_code, lsoa_name, category, outcome,
        context). Map a field to ``""`` to ignore a column.
    columns
        Column names for files without a header row.
    target_crs
        Working CRS; None chooses BNG for data in Great Britain, else the data's
        UTM zone.
    timezone
        Time zone of ``occurred_at``; None means Europe/London for BNG, else the
        zone at the data's median point.
    name
        Layer name; defaults to the file or folder name.
    progress
        Progress/cancel hook (:class:`layers.progress.Progress`).

    Returns
    -------
    Layer
        A CRIME layer with ``time_precision="month"``, sorted by ``occurred_at``;
        ``layer.report`` accounts for every record of every file.

    Raises
    ------
    DataError
        When no file fits (naming it and what was expected).
    """
    paths, mapping, columns = req.paths, req.mapping, req.columns
    target_crs, timezone, name, progress = (
        req.target_crs, req.timezone, req.name, req.progress
    )  # fmt: skip
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    paths = [Path(p) for p in paths]
    if not paths:
        raise DataError("no files given")
    if target_crs is not None:
        target_crs_text(target_crs)  # fail before reading anything
    if timezone is not None:
        check_zone(timezone)
    check(progress, 0.0, "finding files")
    sources, skipped = expand_sources(paths, _skip_reason)
    display = (
        paths[0].name if len(paths) == 1 else f"{paths[0].name} (+{len(paths) - 1})"
    )
    report = ReadReport(display)
    parts, files_prov = _load_all(sources, skipped, mapping, columns, progress)
    if not parts:
        what = "; ".join(f"{s['path']}: {s['reason']}" for s in skipped[:5])
        raise DataError(
            "no data.police.uk street-level crime files found"
            + (f" (skipped {what})" if what else ""),
            source=str(paths[0]),
        )
    check(progress, 0.72, "validating")
    layer = _assemble(parts, report, target_crs, timezone, progress)
    layer.name = name or _default_name(paths)
    layer.provenance.update(
        {
            "reader": NAME,
            "files": files_prov,
            "skipped": skipped,
            "read_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    for s in skipped:
        if s["reason"] != "hidden or system file":
            report.notes.append(f"skipped {s['path']}: {s['reason']}")
    if not report.rows_total:
        report.warn("no records: the file has a header row but no data rows")
    elif not report.rows_loaded:
        reasons = ", ".join(f"{k}: {v:,}" for k, v in report.by_reason().items())
        report.warn(
            f"none of the {report.rows_total:,} records could be loaded ({reasons})"
        )
    report.check_balanced()
    check(progress, 1.0, "done")
    return layer


def _load_all(
    sources: list[ByteSource],
    skipped: list[dict[str, str]],
    mapping: dict[str, str] | None,
    columns: list[str] | None,
    progress: Progress | None,
) -> tuple[list[_Part], list[dict[str, Any]]]:
    """Every source parsed into a part (in order) and its file record; a source
    that is not a street-level file goes to ``skipped`` with the reason.
    """
    files_prov: list[dict[str, Any]] = []
    parts: list[_Part] = []
    n_src = max(len(sources), 1)
    if len(sources) <= 1:
        # one file: pyarrow parses it on all cores, the hash runs beside it
        sub = SubProgress(progress, 0.02, 0.7) if progress is not None else None
        with ThreadPoolExecutor(max_workers=1) as hasher:
            results = [
                _load(src, mapping, columns, sub, hasher, threads=True)
                for src in sources
            ]
        loaded = iter(results)
    else:
        # many files: whole files in parallel (better than splitting each file)
        pool = ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1)))
        futures = [
            pool.submit(_load, src, mapping, columns, CancelOnly(progress))
            for src in sources
        ]
        loaded = (f.result() for f in futures)
    try:
        for k, src in enumerate(sources):
            check(progress, 0.02 + 0.68 * k / n_src, f"reading {Path(src.name).name}")
            part, why, entry = next(loaded)
            if part is None:
                skipped.append({"path": src.name, "reason": why or "not readable"})
                continue
            files_prov.append(entry)
            parts.append(part)
    finally:
        if len(sources) > 1:
            pool.shutdown(wait=True, cancel_futures=True)
    return parts, files_prov


def _load(
    src: ByteSource,
    mapping: dict[str, str] | None,
    columns: list[str] | None,
    progress: Progress | None,
    hasher: ThreadPoolExecutor | None = None,
    threads: bool = False,
) -> tuple[_Part | None, str | None, dict[str, Any] | None]:
    """Read, hash and validate one file (the hash runs beside the parse)."""
    raw = src.read()
    digest = None
    try:
        if hasher is not None:
            digest = hasher.submit(lambda: hashlib.sha256(raw).hexdigest())
        suffix = Path(src.name.split("!")[-1]).suffix.lower()
        if suffix in EXCEL_SUFFIXES:
            sheet = excel_text(src.name, io.BytesIO(raw)).encode("utf-8")
            part, why = _read_one(src, sheet, mapping, columns, progress, threads)
            if part is not None:
                part.info["encoding"] = "xlsx (first sheet)"
        elif suffix in VECTOR_SUFFIXES and "!" not in src.name:
            text, names = vector_points_csv(src.name)
            part, why = _read_one(src, text, mapping, names, progress, threads)
            if part is not None:
                part.info["encoding"] = f"{suffix[1:]} features (row = feature number)"
        else:
            part, why = _read_one(src, raw, mapping, columns, progress, threads)
        sha = digest.result() if digest is not None else hashlib.sha256(raw).hexdigest()
        size = len(raw)
        encoding = "utf-8-sig" if raw[:3] == b"\xef\xbb\xbf" else "utf-8"
    finally:
        if digest is not None and not digest.done():
            digest.cancel()
            with contextlib.suppress(Exception):
                digest.result()
        if isinstance(raw, mmap.mmap):
            try:
                raw.close()
            except BufferError:
                # pyarrow can still hold a view of the map for a moment;
                # the map closes itself when the last view is released
                pass
    if part is None:
        return None, why, None
    entry = {
        "path": src.name,
        "sha256": sha,
        "bytes": size,
        "encoding": part.info.get("encoding", encoding),
        "delimiter": part.info["delimiter"],
        "records": int(
            part.info["rows"] + (part.report.rows_rejected if part.report else 0)
        ),
        "parser": part.info["path"],
    }
    return part, None, entry


def _locate(
    parts: list[_Part], target: str
) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """Points in the working CRS for every row that passed, and which are out of area.

    police.uk locations are snapped to a limited set of map points, so each
    distinct source point is reprojected and made into a point once; rows share
    the (immutable) point objects.
    """
    sizes = [len(p.rows) for p in parts]
    offsets = np.cumsum([0, *sizes])
    geom = np.full(int(offsets[-1]), None, dtype=object)
    out = np.zeros(int(offsets[-1]), dtype=bool)
    transforms: list[dict[str, Any]] = []
    box = crs_mod.area_of_use_box(target)
    for want_wgs, source in ((True, crs_mod.WGS84), (False, crs_mod.BNG)):
        group = [
            k
            for k, p in enumerate(parts)
            if (p.source_crs == crs_mod.WGS84) == want_wgs and len(p.pt_uniq)
        ]
        if not group:
            continue
        gcodes, uniq = pd.factorize(np.concatenate([parts[k].pt_uniq for k in group]))
        ux, uy = uniq.real.copy(), uniq.imag.copy()
        tx, ty, info = crs_mod.to_working(ux, uy, source, target)
        bad = ~(np.isfinite(tx) & np.isfinite(ty))
        if box is not None:
            bad |= (tx < box[0]) | (tx > box[2]) | (ty < box[1]) | (ty > box[3])
        if target == crs_mod.BNG and want_wgs:
            bad |= ~crs_mod.in_gb(ux, uy)
        pts = shapely.points(np.column_stack([tx, ty]))
        start = 0
        for k in group:
            p = parts[k]
            lut = gcodes[start : start + len(p.pt_uniq)]
            start += len(p.pt_uniq)
            lo, hi = offsets[k], offsets[k + 1]
            valid = p.pt_codes >= 0
            if valid.all():
                idx = lut[p.pt_codes]
                geom[lo:hi] = pts[idx]
                out[lo:hi] = bad[idx]
            else:
                idx = lut[p.pt_codes[valid]]
                geom[lo:hi][valid] = pts[idx]
                out[lo:hi][valid] = bad[idx]
        if info.to_dict() not in transforms:
            transforms.append(info.to_dict())
    return geom, out, transforms


def _id_mixes(ids: pa.ChunkedArray) -> np.ndarray | None:
    """64-bit mixes of fixed-length Crime IDs (None when they are not fixed-length).

    data.police.uk Crime IDs are 64 hex characters. For fixed-length IDs of 16+
    bytes the first and last 8 bytes are mixed into one 64-bit number; equal IDs
    give equal mixes, so if no two mixes are equal no two IDs are.
    """
    mixes = []
    width = None
    for a in ids.chunks:
        if len(a) == 0 or a.null_count == len(a):
            continue
        bufs = a.buffers()
        offs = np.frombuffer(
            bufs[1], dtype=np.int32, count=len(a) + 1, offset=a.offset * 4
        )
        sizes = np.diff(offs)
        sizes = sizes[sizes > 0]
        if width is None:
            width = int(sizes[0])
        if width < 16 or (sizes != width).any():
            return None
        block = np.frombuffer(bufs[2], dtype=np.uint8)[offs[0] : offs[-1]]
        block = block.reshape(-1, width)
        head = np.ascontiguousarray(block[:, :8]).view(np.uint64)[:, 0]
        tail = np.ascontiguousarray(block[:, -8:]).view(np.uint64)[:, 0]
        with np.errstate(over="ignore"):
            mixes.append(head ^ (tail * np.uint64(0x9E3779B97F4A7C15)))
    return np.concatenate(mixes) if mixes else np.zeros(0, dtype=np.uint64)


def _may_repeat(parts: list[_Part]) -> bool:
    """False only if no Crime ID can repeat (exact); True sends the exact check."""
    mixes = []
    for p in parts:
        if p.crime_id is None:
            continue
        if p.id_mix is None:
            return True
        mixes.append(p.id_mix)
    if not mixes:
        return False
    return bool(pd.Index(np.concatenate(mixes)).has_duplicates)


def _default_name(paths: list[Path]) -> str:
    p = paths[0]
    base = p.name if p.is_dir() else p.stem
    return base if len(paths) == 1 else f"{base} and {len(paths) - 1} more"


def _assemble(
    parts: list[_Part],
    report: ReadReport,
    target_crs: str | None,
    timezone: str | None,
    progress: Progress | None,
) -> Layer:
    notes: list[str] = []
    sizes = [len(p.rows) for p in parts]
    n = int(sum(sizes))
    offsets = np.cumsum([0, *sizes])
    code = np.concatenate([p.code for p in parts])
    cid = _reject_duplicates(parts, code, n, offsets)
    # coordinates to the working CRS: BNG when most points are in Great Britain
    xs = np.concatenate([p.x for p in parts])
    ys = np.concatenate([p.y for p in parts])
    is_wgs = np.concatenate(
        [np.full(len(p.rows), p.source_crs == crs_mod.WGS84) for p in parts]
    )
    wgs = is_wgs & (code == 0)
    if target_crs is None:
        target_crs = (
            crs_mod.choose_working_crs(xs[wgs], ys[wgs]) if wgs.any() else crs_mod.BNG
        )
    target_str = target_crs_text(target_crs)
    geom, out_area, transforms = _locate(parts, target_str)
    out_area &= code == 0
    check(progress, 0.84, "checking area")
    if out_area.any():
        code[out_area] = REASONS.index(REASON_OUT_OF_AREA)
        for k, p in enumerate(parts):
            lo, hi = offsets[k], offsets[k + 1]
            idx = np.flatnonzero(out_area[lo:hi])
            if len(idx):
                fxn, _, _ = _xy_fields(p.info.get("mapping", {}))
                col = p.info.get("mapping", {}).get(fxn, "")
                p.events.append(
                    (idx, REASON_OUT_OF_AREA, col, _xy_pairs(p.x, p.y, idx))
                )
    _account_parts(parts, report, notes)
    keep = code == 0
    all_kept = bool(keep.all())
    report.rows_loaded = int(keep.sum())
    timezone = _time_zone(timezone, target_str, xs, ys, keep & is_wgs)
    occurred, month, order = _months(parts, keep, all_kept, timezone)
    check(progress, 0.86, "building layer")
    data: dict[str, Any] = {"occurred_at": occurred}
    cat, inferred = _category(parts, sizes, n, keep, all_kept, notes)
    data["category"] = take_categorical(cat, keep, order)
    if cid is not None:
        ids = cid if all_kept else cid[keep]
        if order is not None:
            ids = ids.iloc[order]
        data["crime_id"] = ids.reset_index(drop=True)
    data["month"] = month
    for f in TEXT_FIELDS[1:]:
        if all(p.text.get(f) is None for p in parts):
            continue
        c = concat_categoricals([p.text.get(f) for p in parts], sizes)
        if f == "location":
            c = _strip_near(c)
        data[f] = take_categorical(c, keep, order)
    check(progress, 0.92, "making points")
    frame = gpd.GeoDataFrame(
        pd.DataFrame(data),
        geometry=gpd.GeoSeries(
            gpd.array.GeometryArray(_take(geom, keep, order), crs=target_str),
            crs=target_str,
        ),
        crs=target_str,
    )
    report.notes.extend(t for t in notes if t not in report.notes)
    vintage = _lsoa_vintage(data.get("lsoa_code"))
    prov: dict[str, Any] = {
        "mapping": parts[0].info.get("mapping", {}),
        "transform": transforms[0] if transforms else {"method": "none"},
        "crs": target_str,
        "timezone": timezone,
        "time_precision": "month",
        "records": n + sum(p.report.rows_rejected for p in parts if p.report),
    }
    if len(transforms) > 1:
        prov["transforms"] = transforms
    if len({tuple(sorted(p.info.get("mapping", {}).items())) for p in parts}) > 1:
        prov["mappings"] = {p.source: p.info.get("mapping", {}) for p in parts}
    if inferred:
        prov["category_inferred"] = {"value": inferred, "from": "file name"}
    if vintage:
        prov["lsoa_vintage"] = vintage
        report.notes.append(
            f"LSOA codes look like {vintage['vintage']} codes ({vintage['evidence']})"
        )
    swapped = [p.source for p in parts if p.info.get("swapped_coordinates")]
    if swapped:
        prov["swapped_coordinates"] = swapped
    return Layer(
        name="",
        kind=LayerKind.CRIME,
        frame=frame,
        time_precision="month",
        provenance=prov,
        report=report,
    )


def _take(arr: np.ndarray, keep: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """The kept rows of ``arr``, in time order."""
    arr = arr if bool(keep.all()) else arr[keep]
    return arr if order is None else arr[order]


def _reject_duplicates(
    parts: list[_Part], code: np.ndarray, n: int, offsets: np.ndarray
) -> pd.Series | None:
    """All files' Crime IDs; a repeated one is rejected after its first usable copy."""
    sizes = [len(p.rows) for p in parts]
    # duplicate Crime IDs across all files: the first usable occurrence is kept (a
    # copy rejected for another reason, e.g. no location, does not count)
    has_ids = any(p.crime_id is not None for p in parts)
    chunks: list[pa.Array] = []
    for p, s in zip(parts, sizes, strict=True):
        if p.crime_id is not None:
            chunks.extend(p.crime_id.chunks)
        else:
            chunks.append(pa.nulls(s, type=pa.string()))
    crime_id = pa.chunked_array(chunks, type=pa.string())
    cid = crime_id.to_pandas() if has_ids else None
    if cid is not None and crime_id.null_count < n and _may_repeat(parts):
        cand = cid.notna().to_numpy() & (code == 0)
        dup = np.zeros(n, dtype=bool)
        dup[cand] = cid[cand].duplicated(keep="first").to_numpy()
        if dup.any():
            code[dup] = REASONS.index(REASON_DUPLICATE)
            cid_values = cid.to_numpy(dtype=object)
            for k, p in enumerate(parts):
                lo, hi = offsets[k], offsets[k + 1]
                idx = np.flatnonzero(dup[lo:hi])
                if len(idx):
                    col = p.info.get("mapping", {}).get("crime_id", "Crime ID")
                    vals = [str(v) for v in cid_values[lo:hi][idx]]
                    p.events.append((idx, REASON_DUPLICATE, col, vals))
    return cid


def _account_parts(parts: list[_Part], report: ReadReport, notes: list[str]) -> None:
    """Each file's rejections (in file and row order), counts and notes."""
    for p in parts:
        if p.report is not None:
            report.add_rejected(p.report.rejected)
            report.rows_total += p.report.rows_rejected
        if p.events:
            idx = np.concatenate([e[0] for e in p.events])
            why = [e[1] for e in p.events for _ in range(len(e[0]))]
            col = [e[2] for e in p.events for _ in range(len(e[0]))]
            val = [v for e in p.events for v in e[3]]
            for j in np.argsort(idx, kind="stable"):
                report.reject(int(p.rows[idx[j]]), col[j], val[j], why[j], p.source)
        report.rows_total += len(p.rows)
        if p.info.get("swapped_coordinates"):
            notes.append(
                f"{p.source}: longitude and latitude columns were swapped in the whole "
                "file; read the other way round"
            )
        if p.info.get("dates_not_first_of_month"):
            notes.append(
                f"{p.source}: {p.info['dates_not_first_of_month']:,} dates are not the "
                "1st of a month; only their month is kept"
            )
        if p.info.get("decimal_comma"):
            notes.append(f"{p.source}: coordinates written with decimal commas")
        if p.info.get("blank_lines"):
            notes.append(f"{p.source}: {p.info['blank_lines']} blank line(s) skipped")


def _time_zone(
    timezone: str | None,
    target_str: str,
    xs: np.ndarray,
    ys: np.ndarray,
    at: np.ndarray,
) -> str:
    """The given zone, Europe/London in Great Britain, else the data's own."""
    if timezone is None:
        lon, lat = xs[at], ys[at]
        live = np.isfinite(lon) & np.isfinite(lat)
        if target_str == crs_mod.BNG or live.any():
            timezone = choose_timezone(target_str, lon[live], lat[live])
        else:
            timezone = "UTC"
    check_zone(timezone)
    return timezone


def _months(
    parts: list[_Part], keep: np.ndarray, all_kept: bool, timezone: str
) -> tuple:
    """First instants of the kept rows' months (one per distinct month), sorted."""
    keys = np.concatenate([p.month_key for p in parts])
    keys = keys if all_kept else keys[keep]
    order = None
    if len(keys) > 1 and np.any(np.diff(keys) < 0):
        order = np.argsort(keys, kind="stable")
        keys = keys[order]

    uniq, inv = np.unique(keys, return_inverse=True)
    starts_ns = np.array(
        [
            pd.Timestamp(int(k) // 12, int(k) % 12 + 1, 1)
            .tz_localize(timezone, nonexistent="shift_forward", ambiguous=True)
            .value
            for k in uniq
        ],
        dtype=np.int64,
    )
    occurred = pd.DatetimeIndex(pd.to_datetime(starts_ns[inv], utc=True)).tz_convert(
        timezone
    )
    month_labels = [f"{int(k) // 12:04d}-{int(k) % 12 + 1:02d}" for k in uniq]
    month = pd.Categorical.from_codes(inv.astype(np.int32), categories=month_labels)
    return occurred, month, order


def _category(
    parts: list[_Part],
    sizes: list[int],
    n: int,
    keep: np.ndarray,
    all_kept: bool,
    notes: list[str],
) -> tuple[pd.Categorical, str | None]:
    """Crime types (or one inferred from the file name), missing ones named."""
    inferred = None
    if all(p.text.get("category") is None for p in parts):
        inferred = _infer_category([p.source for p in parts])
        label = inferred or UNKNOWN_CATEGORY
        cat = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[label])
        if inferred:
            notes.append(
                f"no crime type column: category {inferred!r} inferred from the "
                "file name"
            )
        else:
            notes.append(f"no crime type column: category set to {UNKNOWN_CATEGORY!r}")
    else:
        cat = concat_categoricals([p.text.get("category") for p in parts], sizes)
        codes = np.asarray(cat.codes)
        n_unknown = int(((codes if all_kept else codes[keep]) == -1).sum())
        if n_unknown:
            notes.append(
                f"{n_unknown:,} records have no crime type: category "
                f"{UNKNOWN_CATEGORY!r}"
            )
            if UNKNOWN_CATEGORY not in cat.categories:
                cat = cat.add_categories([UNKNOWN_CATEGORY])
            cat = cat.fillna(UNKNOWN_CATEGORY)
    return cat, inferred


def _strip_near(c: pd.Categorical) -> pd.Categorical:
    """'On or near X' -> 'X'; bare 'On or near' and 'No location' -> missing."""
    cats = [str(v) for v in c.categories]
    new = []
    for v in cats:
        s = v[len(_NEAR) :] if v.startswith(_NEAR) else v
        s = s.strip()
        if s.lower() in ("on or near", "no location"):
            s = ""
        new.append(s)
    codes_map, uniques = pd.factorize(pd.Index(new, dtype=object))
    uniq = [str(u) for u in uniques]
    empty = uniq.index("") if "" in uniq else None
    lut = np.append(codes_map, -1).astype(np.int64)
    if empty is not None:
        lut[lut == empty] = -1
        lut[lut > empty] -= 1
        uniq.pop(empty)
    codes = lut[np.asarray(c.codes)]
    return pd.Categorical.from_codes(codes.astype(np.int32), categories=uniq)


_LSOA_LISTS: dict[str, frozenset[str]] | None = None


def _lsoa_lists() -> dict[str, frozenset[str]]:
    """LSOA codes found only in the 2011 or only in the 2021 list (England and Wales)."""
    global _LSOA_LISTS
    if _LSOA_LISTS is None:
        out = {}
        for vintage in ("2011", "2021"):
            f = Path(__file__).with_name(f"lsoa{vintage}_only.txt")
            try:
                out[vintage] = frozenset(
                    ln.strip() for ln in f.read_text().splitlines() if ln[:1] in "EW"
                )
            except OSError:
                out[vintage] = frozenset()
        _LSOA_LISTS = out
    return _LSOA_LISTS


def _lsoa_vintage(codes: pd.Categorical | None) -> dict[str, Any] | None:
    if codes is None or len(codes) == 0:
        return None
    lists = _lsoa_lists()
    if not lists["2011"] and not lists["2021"]:
        return None
    used = {str(v) for v in codes.categories}
    only11 = len(used & lists["2011"])
    only21 = len(used & lists["2021"])
    if only11 == only21:
        return None
    vintage = "LSOA 2011" if only11 > only21 else "LSOA 2021"
    return {
        "vintage": vintage,
        "evidence": f"{only11} codes exist only in 2011, {only21} only in 2021, "
        f"of {len(used)} distinct",
        "codes_2011_only": only11,
        "codes_2021_only": only21,
    }


read = source_reader(_read)
