"""Parsers of values shared by every source: blanks, numbers, timestamps.

Text that pyarrow holds (the fast table path) is worked on with pyarrow's compute
kernels, whole column at once; other text (the exact row-by-row path, vector
attributes, mixed objects) goes through the same rules in Python. Both give the
same answers: the Python path is the oracle of the arrow one in the tests.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

#: Cell texts that mean "no value".
BLANKS = frozenset(["", "NULL", "null", "NA", "N/A", "NaN", "nan", "None"])
_BLANK_LIST = np.array(sorted(BLANKS), dtype=object)
_BLANK_ARROW = pa.array(sorted(BLANKS), type=pa.large_string())
#: Thousands separators and spaces inside numbers ("412,345", "1 000").
NUM_CLEAN = re.compile(r"[\s,\u00a0\u202f]")
#: A plain decimal number (what pyarrow's cast reads exactly as pandas does).
_PLAIN_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


def arrow_text(values: pd.Series) -> pa.Array | None:
    """The pyarrow array behind a pyarrow-backed text column, else None."""
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        arr = pa.array(values)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        return arr.cast(pa.large_string())
    return None


def is_missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def blank_strings(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Stripped text (same index) and a mask of blank/NULL cells.

    Missing values become empty text. Pyarrow-backed text stays pyarrow-backed.
    """
    arr = arrow_text(values)
    if arr is not None:
        stripped = pc.fill_null(pc.utf8_trim_whitespace(arr), "")
        blank = pc.is_in(stripped, value_set=_BLANK_ARROW)
        text = pd.Series(stripped.to_pandas(), dtype="str")
        text.index = values.index
        return text, blank.to_numpy(zero_copy_only=False)
    objs = values.to_numpy(dtype=object)
    try:
        out = [v.strip() for v in objs]
    except AttributeError:  # not all strings (vector attributes, missing values)
        out = [
            v.strip()
            if isinstance(v, str)
            else ("" if is_missing(v) else str(v).strip())
            for v in objs
        ]
    text = pd.Series(np.array(out, dtype=object), index=values.index, dtype=object)
    return text, text.isin(_BLANK_LIST).to_numpy()


def floats(s: pd.Series, blank: np.ndarray) -> np.ndarray:
    """Numbers from text already stripped by :func:`blank_strings`; NaN otherwise.

    Plain decimals are cast whole column at once (pyarrow text); the rest, and
    all text held as Python objects, go through ``pd.to_numeric`` and then once
    more with quotes, spaces and thousands separators taken out.
    """
    arr = arrow_text(s)
    if arr is not None:
        out = _plain_floats(arr, blank)
        objs = None
    else:
        objs = s.to_numpy(dtype=object, copy=True)
        objs[blank] = ""
        num = pd.to_numeric(pd.Series(objs, dtype=object), errors="coerce")
        out = np.array(num.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    retry = np.isnan(out) & ~blank
    if retry.any():
        sub = s[retry] if objs is None else pd.Series(objs[retry], dtype=object)
        sub = pd.Series(sub.to_numpy(dtype=object), dtype=object)
        again = np.array(
            pd.to_numeric(sub, errors="coerce").to_numpy(dtype=float, na_value=np.nan),
            dtype=float,
        )
        still = np.isnan(again)
        if still.any():
            cleaned = sub[still].str.strip('"').str.replace(NUM_CLEAN, "", regex=True)
            again[still] = pd.to_numeric(cleaned, errors="coerce").to_numpy(
                dtype=float, na_value=np.nan
            )
        out[retry] = again
    out[~np.isfinite(out)] = np.nan
    return out


def _plain_floats(arr: pa.Array, blank: np.ndarray) -> np.ndarray:
    """Plain decimals of pyarrow text as floats (NaN for anything else).

    A column that is all numbers but for its blanks (most coordinate and
    duration columns) is cast in one go; otherwise the values that are not plain
    decimals are set aside by a regex first.
    """
    if blank.any():
        arr_live = pc.if_else(pa.array(blank), pa.scalar(None, arr.type), arr)
    else:
        arr_live = arr
    try:
        num = pc.cast(arr_live, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        num = None
    if num is not None:
        out = np.array(num.to_numpy(zero_copy_only=False), dtype=float, copy=True)
        out[~np.isfinite(out)] = np.nan  # "inf", "nan": not plain decimals
        return out
    plain = pc.match_substring_regex(arr, _PLAIN_NUMBER)
    num = pc.cast(pc.if_else(plain, arr, pa.scalar(None, arr.type)), pa.float64())
    return np.array(num.to_numpy(zero_copy_only=False), dtype=float, copy=True)


def parse_float(values: pd.Series) -> np.ndarray:
    """Numbers written as text ('53.7655', '412,345', ' 1e3 '); NaN otherwise."""
    return floats(*blank_strings(values))


_FIELD_RE = {
    "%d": "(?P<d>0[1-9]|[12][0-9]|3[01])",
    "%m": "(?:0[1-9]|1[0-2])",
    "%Y": "[0-9]{4}",
    "%H": "(?:[01][0-9]|2[0-3])",
    "%M": "[0-5][0-9]",
    "%S": "[0-5][0-9]",
}


_NS_MIN = pd.Timestamp("1678-01-01").to_pydatetime()
_NS_MAX = pd.Timestamp("2261-12-31").to_pydatetime()


def _fixed_width(fmt: str) -> str | None:
    """A regex of ``fmt``'s zero-padded, in-range form (day captured), or None."""
    parts = re.split(r"(%.)", fmt)
    out = []
    for part in parts:
        if part.startswith("%"):
            if part not in _FIELD_RE:
                return None
            out.append(_FIELD_RE[part])
        else:
            out.append(re.escape(part))
    text = "".join(out)
    return f"^{text}$" if "(?P<d>" in text else None


_FIELD_WIDTH = {"%d": 2, "%m": 2, "%Y": 4, "%H": 2, "%M": 2, "%S": 2}


def _fixed_layout(fmt: str) -> tuple[int, int] | None:
    """The length of ``fmt``'s zero-padded form and where its day starts, or None."""
    if _fixed_width(fmt) is None:
        return None
    length, day_at = 0, -1
    for part in re.split(r"(%.)", fmt):
        if part == "%d":
            day_at = length
        length += _FIELD_WIDTH[part] if part.startswith("%") else len(part)
    return length, day_at


def _written_day(arr: pa.Array, length: int, day_at: int) -> np.ndarray:
    """The day of the month as written at ``day_at`` in values ``length`` bytes
    long (two ASCII digits); -2 for any other value.

    Read straight from the text's bytes: one look per value, no regex.
    """
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)
    offsets = offsets[arr.offset : arr.offset + len(arr) + 1]
    data = arr.buffers()[2]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0)
    starts = offsets[:-1]
    fits = (np.diff(offsets) == length) & (starts + day_at + 1 < len(raw))
    if arr.null_count:
        fits &= arr.is_valid().to_numpy(zero_copy_only=False)
    if not fits.any():
        return np.full(len(arr), -2, dtype=np.int64)
    at = np.where(fits, starts + day_at, 0)
    tens = raw[at].astype(np.int64) - 48
    ones = raw[np.where(fits, at + 1, 0)].astype(np.int64) - 48
    digits = (tens >= 0) & (tens <= 9) & (ones >= 0) & (ones <= 9)
    return np.where(fits & digits, tens * 10 + ones, -2)


def strict_times(values: pd.Series, fmt: str) -> np.ndarray:
    """``pd.to_datetime(values, format=fmt, errors="coerce")`` as datetime64[ns].

    Pyarrow-backed text in the zero-padded form of ``fmt`` (every field in range)
    is parsed by pyarrow's ``strptime``, and kept only where the parsed day of the
    month is the written one (pyarrow rolls 31/02 over into March); every other
    value goes to pandas, so the answer is pandas' to the value.
    """
    arr = arrow_text(values)
    layout = _fixed_layout(fmt)
    if arr is None or layout is None:
        out = pd.to_datetime(values, format=fmt, errors="coerce")
        return np.asarray(out.to_numpy(dtype="datetime64[ns]"))
    parsed = pc.strptime(arr, format=fmt, unit="s", error_is_null=True)
    inside = pc.and_(  # what datetime64[ns] can hold; pandas decides the rest
        pc.greater_equal(parsed, pa.scalar(_NS_MIN, pa.timestamp("s"))),
        pc.less_equal(parsed, pa.scalar(_NS_MAX, pa.timestamp("s"))),
    )
    parsed = pc.if_else(inside, parsed, pa.scalar(None, pa.timestamp("s")))
    day = pc.fill_null(pc.day(parsed), -1).to_numpy(zero_copy_only=False)
    same = _written_day(arr, *layout) == day
    out = parsed.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)
    out = np.asarray(out, dtype="datetime64[ns]").copy()
    redo = ~same
    if redo.any():
        sub = pd.Series(values.to_numpy(dtype=object)[redo], dtype=object)
        got = pd.to_datetime(sub, format=fmt, errors="coerce")
        out[redo] = got.to_numpy(dtype="datetime64[ns]")
    return out


_MONTHS = {
    m: i + 1
    for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())
}

_DATE_RE = re.compile(
    r"^(?P<a>\d{1,4})[/\-. ](?P<b>\d{1,2}|[A-Za-z]{3,9})[/\-. ](?P<c>\d{2,4})"
    r"(?:(?:[ T]+|,\s*)(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})"
    r"(?:[.,](?P<f>\d{1,9}))?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)
_TOD_RE = re.compile(
    r"^(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?$"
)
_HHMM_RE = re.compile(r"^(?P<H>\d{1,2})(?P<M>\d{2})$")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_DURATION_RE = re.compile(r"^(?:(?P<H>\d+):)?(?P<M>\d{1,2}):(?P<S>\d{2}(?:\.\d+)?)$")

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
#: Excel serial day of 2199-12-31: larger numbers are not plausible dates.
EXCEL_MAX = 109_573
NUM_CLEAN = re.compile(r"[\s,\u00a0\u202f]")


_WKT_POINT_RE = re.compile(
    r"^\s*(?:SRID=\d+;\s*)?POINT\s*Z?\s*\(\s*(?P<a>[-+]?[\d.]+(?:[eE][-+]?\d+)?)"
    r"[\s,]+(?P<b>[-+]?[\d.]+(?:[eE][-+]?\d+)?)(?:\s+[-+]?[\d.eE+-]+)?\s*\)\s*$",
    re.IGNORECASE,
)
_PAIR_RE = re.compile(
    r"^\s*[(\[]?\s*(?P<a>[-+]?\d+(?:\.\d+)?)\s*[,;\s]\s*"
    r"(?P<b>[-+]?\d+(?:\.\d+)?)\s*[)\]]?\s*$"
)


@dataclass
class ParsedPoints:
    """Longitude/latitude parsed from one text column of points.

    ``order`` says how the column was read: "wkt" (``POINT (lon lat)``, x first as
    WKT has it), "lat_lon" (``(lat, lon)``, the Socrata/open-data portal
    convention) or "lon_lat" (pairs whose first number is beyond +-90).
    """

    lon: np.ndarray
    lat: np.ndarray
    blank: np.ndarray
    parsed: np.ndarray
    order: str


def parse_points(values: pd.Series) -> ParsedPoints:
    """``POINT (-90.07 29.95)``, ``(33.75, -84.38)`` or ``52.48, -1.90`` as lon/lat.

    Blank cells, empty pairs (``(, )``) and ``POINT EMPTY`` are blank; anything else
    that is not a point is unparsed (NaN).
    """
    s, blank = blank_strings(values)
    empty = s.str.fullmatch(r"[\s(),\[\];]*|POINT\s*EMPTY", case=False).to_numpy(
        dtype=bool, na_value=True
    )
    blank = blank | empty
    n = len(s)
    a = np.full(n, np.nan)
    b = np.full(n, np.nan)
    wkt = s.str.extract(_WKT_POINT_RE)
    is_wkt = wkt["a"].notna().to_numpy()
    a[is_wkt] = pd.to_numeric(wkt["a"][is_wkt], errors="coerce").to_numpy(float)
    b[is_wkt] = pd.to_numeric(wkt["b"][is_wkt], errors="coerce").to_numpy(float)
    pair = s.str.extract(_PAIR_RE)
    is_pair = ~is_wkt & pair["a"].notna().to_numpy()
    pa = pd.to_numeric(pair["a"][is_pair], errors="coerce").to_numpy(float)
    pb = pd.to_numeric(pair["b"][is_pair], errors="coerce").to_numpy(float)
    lon = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    lon[is_wkt], lat[is_wkt] = a[is_wkt], b[is_wkt]
    order = "wkt"
    if is_pair.any():
        # pairs are (lat, lon) unless a first number could not be a latitude
        lon_first = bool(np.any(np.abs(pa[np.isfinite(pa)]) > 90))
        if lon_first:
            lon[is_pair], lat[is_pair] = pa, pb
        else:
            lon[is_pair], lat[is_pair] = pb, pa
        order = "lon_lat" if lon_first else "lat_lon"
        if is_wkt.any():
            order = f"wkt+{order}"
    parsed = (is_wkt | is_pair) & np.isfinite(lon) & np.isfinite(lat)
    return ParsedPoints(lon, lat, blank, parsed, order)


_GRID_REF_RE = re.compile(
    r"^\s*(?P<sq>[HJNOST][A-HJ-Z])\s*(?P<d>\d{2,10}|\d{1,5}\s+\d{1,5})\s*$",
    re.IGNORECASE,
)


def parse_grid_refs(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ordnance Survey grid references (``SP 07512 86934``, ``SP0751286934``,
    ``SP075869``) as British National Grid easting/northing in metres.

    A reference names a square (10 m for 8 digits, 100 m for 6 ...); the point
    returned is the square's centre. Returns (easting, northing, blank); values
    that are not grid references are NaN.
    """
    s, blank = blank_strings(values)
    m = s.str.extract(_GRID_REF_RE)
    n = len(s)
    e_out = np.full(n, np.nan)
    n_out = np.full(n, np.nan)
    for i in np.flatnonzero(m["sq"].notna().to_numpy()):
        sq = str(m["sq"].iat[i]).upper()
        parts = str(m["d"].iat[i]).split()
        if len(parts) == 2:
            de, dn = parts
            if len(de) != len(dn):
                continue
        else:
            digits = parts[0]
            if len(digits) % 2:
                continue
            de, dn = digits[: len(digits) // 2], digits[len(digits) // 2 :]
        l1, l2 = ord(sq[0]) - 65, ord(sq[1]) - 65
        l1 -= l1 > 7  # the grid has no I
        l2 -= l2 > 7
        e100 = ((l1 - 2) % 5) * 5 + (l2 % 5)
        n100 = (19 - (l1 // 5) * 5) - (l2 // 5)
        size = 10.0 ** (5 - len(de))
        e_out[i] = e100 * 100_000 + int(de) * size + size / 2
        n_out[i] = n100 * 100_000 + int(dn) * size + size / 2
    return e_out, n_out, blank


def _grid_ref_share(values: pd.Series | None) -> float:
    if values is None or len(values) == 0:
        return 0.0
    e, _n, blank = parse_grid_refs(values.head(200))
    live = ~blank
    return float(np.isfinite(e[live]).mean()) if live.any() else 0.0


def points_share(values: pd.Series | None) -> float:
    """Share of non-blank sample values that parse as points."""
    if values is None or len(values) == 0:
        return 0.0
    p = parse_points(values.head(200))
    live = ~p.blank
    return float(p.parsed[live].mean()) if live.any() else 0.0


#: Names that say a column holds points whatever its values look like.
_POINT_NAMES = frozenset(
    "point location_point geolocation geo_location mapped_location the_geom geom "
    "wkt".split()
)

_DECIMAL_COMMA_RE = re.compile(r"^[+-]?\d+,\d+$")


def decimal_comma(values: pd.Series, delimiter: str | None) -> bool:
    """True when a column's numbers are written with a decimal comma (``52,4779``).

    Every non-blank value must be digits, one comma, digits (no dot). A comma
    followed by other than three digits cannot be a thousands separator; with
    exactly three (``412,345``) it is read as decimal only in a semicolon-delimited
    file, the layout of spreadsheets saved in a decimal-comma locale.
    """
    head_s, head_blank = blank_strings(values.head(2000))
    head = head_s[~head_blank]
    if len(head) and not bool(head.str.fullmatch(_DECIMAL_COMMA_RE).all()):
        return False  # the usual case, decided on a sample
    s, blank = blank_strings(values)
    live = s[~blank]
    if not len(live):
        return False
    if not bool(live.str.fullmatch(_DECIMAL_COMMA_RE).all()):
        return False
    decimals = live.str.split(",").str[1].str.len()
    return bool((decimals != 3).any()) or delimiter == ";"


def _floats_dc(values: pd.Series, comma: bool) -> tuple[np.ndarray, np.ndarray]:
    """Numbers and blank mask, reading a decimal comma when ``comma``."""
    s, blank = blank_strings(values)
    if comma:
        s = s.str.replace(",", ".", regex=False)
    return floats(s, blank), blank


# -- timestamps ---------------------------------------------------------------
@dataclass
class ParsedTimes:
    """Parsed timestamps of one column (or a date and a time column).

    ``naive`` holds local wall-clock times (for values with no zone), ``utc`` the
    absolute instants of values that carried a zone or were epoch numbers; both
    are datetime64[ns] arrays with NaT where not applicable. ``status`` is 0 for
    parsed, 1 for blank, 2 for unparsable.
    """

    naive: np.ndarray
    utc: np.ndarray
    status: np.ndarray
    has_time: bool
    formats: list[str]


def _components_to_datetime(
    year: np.ndarray,
    month: np.ndarray,
    day: np.ndarray,
    hour: np.ndarray,
    minute: np.ndarray,
    second: np.ndarray,
    frac_ns: np.ndarray,
) -> np.ndarray:
    """Naive datetime64[ns] from float component arrays; NaT where invalid."""
    n = len(year)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = (
        np.isfinite(year)
        & np.isfinite(month)
        & np.isfinite(day)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= 31)
        & (year >= 1900)
        & (year <= 2200)
        & (hour >= 0)
        & (hour <= 23)
        & (minute >= 0)
        & (minute <= 59)
        & (second >= 0)
        & (second <= 59)
    )
    if not ok.any():
        return out
    frame = pd.DataFrame(
        {
            "year": year[ok].astype(np.int64),
            "month": month[ok].astype(np.int64),
            "day": day[ok].astype(np.int64),
            "hour": hour[ok].astype(np.int64),
            "minute": minute[ok].astype(np.int64),
            "second": second[ok].astype(np.int64),
        }
    )
    dt = pd.to_datetime(frame, errors="coerce")
    vals = dt.to_numpy(dtype="datetime64[ns]")
    vals = vals + frac_ns[ok].astype("timedelta64[ns]")
    out[ok] = vals
    return out


def _hour_24(hour: np.ndarray, ampm: pd.Series) -> np.ndarray:
    a = ampm.fillna("").astype(str).str.lower().str.replace(".", "", regex=False)
    pm = (a == "pm").to_numpy()
    am = (a == "am").to_numpy()
    h = hour.copy()
    bad = (am | pm) & ((h < 1) | (h > 12))
    h = np.where(pm & (h < 12), h + 12, h)
    h = np.where(am & (h == 12), 0, h)
    h[bad] = np.nan
    return h


def _frac_ns(frac: pd.Series) -> np.ndarray:
    f = frac.fillna("").astype(str)
    padded = f.str.ljust(9, "0").str.slice(0, 9)
    out = pd.to_numeric(padded.where(f != "", "0"), errors="coerce")
    return out.fillna(0).to_numpy(dtype=np.int64)


def _tz_offset_minutes(tz: pd.Series) -> np.ndarray:
    """Offset in minutes east of UTC; NaN where the value carried no zone."""
    t = tz.fillna("").astype(str)
    out = np.full(len(t), np.nan)
    utcish = t.isin(["Z", "UTC", "GMT"]).to_numpy()
    out[utcish] = 0.0
    m = t.str.extract(r"^([+-])(\d{2}):?(\d{2})$")
    has = m[0].notna().to_numpy()
    if has.any():
        sign = np.where(m[0].to_numpy()[has] == "-", -1.0, 1.0)
        hh = m[1].to_numpy()[has].astype(float)
        mm = m[2].to_numpy()[has].astype(float)
        out[has] = sign * (hh * 60 + mm)
    return out


def parse_times(
    values: pd.Series, *, date_order: str | None = None, default_order: str = "dmy"
) -> ParsedTimes:
    """Parse a column of timestamps written in any of the common layouts.

    Handles ISO 8601 (with or without a zone), ``dd/mm/yyyy HH:MM[:SS]`` (and ``-``
    or ``.`` separators, month names, 2-digit years, AM/PM), ``mm/dd/yyyy`` only
    when the data prove it (a value above 12 in the second position and none in the
    first) or ``date_order="mdy"`` says so, compact ``yyyymmdd[HHMM[SS]]``, Excel
    serial day numbers and Unix epoch seconds or milliseconds.
    """
    s, blank = blank_strings(values)
    n = len(s)
    naive = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    utc = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    formats: list[str] = []
    has_time = False
    iso = _iso_with_offset(s, blank)
    if iso is not None:  # ISO 8601 with a zone, as databases write (C speed)
        utc[~blank] = iso
        status = np.where(blank, 1, 0).astype(np.int8)
        return ParsedTimes(naive, utc, status, True, ["yyyy-mm-dd", "with UTC offset"])
    fast = _fast_parse(
        s, blank, date_order or ("mdy" if default_order == "mdy" else None)
    )
    if fast is not None:
        naive[~blank], label, has_time = fast
        status = np.where(blank, 1, 0).astype(np.int8)
        return ParsedTimes(naive, utc, status, has_time, [label])
    t = _Times(s, ~blank, naive, utc, formats)
    _compact_digits(t)
    _plain_numbers(t)
    _day_month_year(t, date_order, default_order)
    _one_by_one(t)
    has_time = t.has_time

    status = np.zeros(n, dtype=np.int8)
    status[blank] = 1
    parsed = ~np.isnat(naive) | ~np.isnat(utc)
    status[~blank & ~parsed] = 2
    return ParsedTimes(naive, utc, status, has_time, formats)


@dataclass
class _Times:
    """A column of timestamps being parsed, step by step: what is left to do."""

    s: pd.Series
    todo: np.ndarray
    naive: np.ndarray
    utc: np.ndarray
    formats: list[str]
    has_time: bool = False

    @property
    def sv(self) -> np.ndarray:
        return self.s.to_numpy(dtype=object)


def _compact_digits(t: _Times) -> None:
    """yyyymmdd[HHMM[SS]] values (digits only, plausible years)."""
    s, todo, naive, formats = t.s, t.todo, t.naive, t.formats
    # 1. digits-only compact dates: yyyymmdd, yyyymmddHHMM, yyyymmddHHMMSS
    digits = todo & s.str.fullmatch(r"\d{8}|\d{12}|\d{14}").to_numpy()
    if digits.any():
        d = s[digits]
        yr = d.str.slice(0, 4).astype(float).to_numpy()
        plausible = (yr >= 1900) & (yr <= 2200)
        if plausible.mean() > 0.5:
            hh = pd.to_numeric(d.str.slice(8, 10), errors="coerce").fillna(0)
            mi = pd.to_numeric(d.str.slice(10, 12), errors="coerce").fillna(0)
            ss = pd.to_numeric(d.str.slice(12, 14), errors="coerce").fillna(0)
            res = _components_to_datetime(
                yr,
                d.str.slice(4, 6).astype(float).to_numpy(),
                d.str.slice(6, 8).astype(float).to_numpy(),
                hh.to_numpy(dtype=float),
                mi.to_numpy(dtype=float),
                ss.to_numpy(dtype=float),
                np.zeros(len(d), dtype=np.int64),
            )
            naive[digits] = res
            todo &= ~digits
            formats.append("yyyymmdd[HHMM[SS]]")
            if (d.str.len() > 8).any():
                t.has_time = True


#: epoch numbers: (smallest median, largest value, nanoseconds a unit, what they are)
_EPOCHS = (
    (1e11, 4.2e12, 1e6, "Unix epoch milliseconds (UTC)"),
    (1e8, 4.2e9, 1e9, "Unix epoch seconds (UTC)"),
)


def _plain_numbers(t: _Times) -> None:
    """Epoch seconds or milliseconds (UTC), or Excel serial days."""
    s, todo, naive, utc, formats = t.s, t.todo, t.naive, t.utc, t.formats
    # 2. plain numbers: epoch seconds/milliseconds or Excel serial days
    numeric = todo & s.str.fullmatch(_NUMBER_RE.pattern).to_numpy()
    if numeric.any():
        num = pd.to_numeric(s[numeric], errors="coerce").to_numpy(dtype=float)
        med = float(np.nanmedian(num)) if np.isfinite(num).any() else np.nan
        idx = np.flatnonzero(numeric)
        epoch = next((e for e in _EPOCHS if e[0] <= med <= e[1]), None)
        if epoch is not None:
            _, top, to_ns, label = epoch
            ok = np.isfinite(num) & (num > 0) & (num < top)
            vals = np.full(len(num), np.datetime64("NaT"), dtype="datetime64[ns]")
            vals[ok] = (num[ok] * to_ns).astype(np.int64).astype("datetime64[ns]")
            utc[idx] = vals
            formats.append(label)
            t.has_time = True
            todo &= ~numeric
        elif 1 <= med <= EXCEL_MAX:
            ok = np.isfinite(num) & (num >= 1) & (num <= EXCEL_MAX)
            vals = np.full(len(num), np.datetime64("NaT"), dtype="datetime64[ns]")
            ns = np.round(num[ok] * 86400.0) * 1e9
            vals[ok] = np.datetime64(EXCEL_EPOCH.to_datetime64(), "ns") + ns.astype(
                np.int64
            ).astype("timedelta64[ns]")
            naive[idx] = vals
            formats.append("Excel serial day numbers (local time)")
            if np.any(np.mod(num[ok], 1.0) != 0):
                t.has_time = True
            todo &= ~numeric


def _day_month_year(t: _Times, date_order: str | None, default_order: str) -> None:
    """Day, month and year text in its many forms (order proved by the data)."""
    s, todo, naive, utc, formats = t.s, t.todo, t.naive, t.utc, t.formats
    # 3. day/month/year text in its many forms
    if todo.any():
        sub = s[todo]
        m = sub.str.extract(_DATE_RE)
        hit = m["a"].notna().to_numpy()
        if hit.any():
            m = m[hit]
            idx = np.flatnonzero(todo)[hit]
            a = m["a"]
            b = m["b"]
            c = m["c"]
            a_num = pd.to_numeric(a, errors="coerce").to_numpy(dtype=float)
            b_is_name = b.str.fullmatch(r"[A-Za-z]+").to_numpy()
            b_num = pd.to_numeric(b.where(~b_is_name, ""), errors="coerce").to_numpy(
                dtype=float
            )
            b_name = (
                b.where(b_is_name, "")
                .str.slice(0, 3)
                .str.lower()
                .map(_MONTHS)
                .to_numpy(dtype=float)
            )
            c_num = pd.to_numeric(c, errors="coerce").to_numpy(dtype=float)
            ymd = (a.str.len() == 4).to_numpy()
            year = np.where(ymd, a_num, c_num)
            short = ~ymd & (c.str.len() == 2).to_numpy()
            year = np.where(short & (year < 70), year + 2000, year)
            year = np.where(short & (year >= 70) & (year < 100), year + 1900, year)
            month_txt = np.where(b_is_name, b_name, np.nan)
            if date_order is None:
                numeric_rows = ~ymd & ~b_is_name
                first_big = bool(np.any(numeric_rows & (a_num > 12)))
                second_big = bool(np.any(numeric_rows & (b_num > 12)))
                if first_big != second_big:
                    order = "mdy" if second_big else "dmy"
                else:  # no value proves either order
                    order = default_order
            else:
                order = date_order
            if ymd.any():
                formats.append("yyyy-mm-dd")
            if (~ymd).any():
                formats.append(
                    "mm/dd/yyyy" if order == "mdy" else "dd/mm/yyyy (day first)"
                )
            month = np.where(
                ymd,
                np.where(b_is_name, month_txt, b_num),
                np.where(b_is_name, month_txt, b_num if order == "dmy" else a_num),
            )
            day = np.where(
                ymd,
                c_num,
                np.where(b_is_name, a_num, a_num if order == "dmy" else b_num),
            )
            hour_raw = pd.to_numeric(m["H"], errors="coerce").to_numpy(dtype=float)
            if np.isfinite(hour_raw).any():
                t.has_time = True
            hour = _hour_24(np.nan_to_num(hour_raw, nan=0.0), m["ampm"])
            minute = (
                pd.to_numeric(m["M"], errors="coerce").fillna(0).to_numpy(dtype=float)
            )
            second = (
                pd.to_numeric(m["S"], errors="coerce").fillna(0).to_numpy(dtype=float)
            )
            res = _components_to_datetime(
                year, month, day, hour, minute, second, _frac_ns(m["f"])
            )
            off = _tz_offset_minutes(m["tz"])
            aware = np.isfinite(off)
            if aware.any():
                shifted = res[aware] - (off[aware] * 60e9).astype(np.int64).astype(
                    "timedelta64[ns]"
                )
                utc[idx[aware]] = shifted
                formats.append("with UTC offset")
            naive[idx[~aware]] = res[~aware]
            todo[idx] = False


def _one_by_one(t: _Times) -> None:
    """Anything else, one distinct value at a time through pandas (rare layouts)."""
    sv, todo, naive, utc, formats = t.sv, t.todo, t.naive, t.utc, t.formats
    # 4. anything else: let pandas try, one value at a time (rare layouts)
    if todo.any():
        rest = np.flatnonzero(todo)
        cache: dict[str, tuple[np.datetime64, bool] | None] = {}
        used = False
        for i in rest[:20000]:
            text = sv[i]
            if text not in cache:
                cache[text] = _fallback_parse(text)
            got = cache[text]
            if got is None:
                continue
            used = True
            value, aware = got
            if aware:
                utc[i] = value
            else:
                naive[i] = value
            if _has_clock(text):
                t.has_time = True
        if used:
            formats.append("other layouts (parsed one by one)")


#: Common layouts tried first, whole column at once (C speed); day-first only.
_FAST_FORMATS = (
    ("%Y-%m-%d %H:%M:%S", "yyyy-mm-dd", True),
    ("%Y-%m-%dT%H:%M:%S", "yyyy-mm-dd", True),
    ("%Y-%m-%d %H:%M", "yyyy-mm-dd", True),
    ("%d/%m/%Y %H:%M:%S", "dd/mm/yyyy (day first)", True),
    ("%d/%m/%Y %H:%M", "dd/mm/yyyy (day first)", True),
    ("%Y-%m-%d", "yyyy-mm-dd", False),
    ("%d/%m/%Y", "dd/mm/yyyy (day first)", False),
)


def _fast_parse(
    s: pd.Series, blank: np.ndarray, date_order: str | None
) -> tuple[np.ndarray, str, bool] | None:
    """Parse the whole column with one strict format, or None to take the slow path.

    Only used when every non-blank value fits the format and lies in 1900-2200, so
    the result is the same as the general parser's (a day-first format that fits
    every value leaves no value that would prove month-first order).
    """
    if date_order == "mdy":
        return None
    nb = s[~blank]
    if len(nb) == 0:
        return None
    probe = nb.iloc[:200]
    for fmt, label, with_time in _FAST_FORMATS:
        if np.isnat(strict_times(probe, fmt)).any():
            continue
        full = strict_times(nb, fmt)
        if np.isnat(full).any():
            return None
        years = full.astype("datetime64[Y]").astype(np.int64) + 1970
        if years.min() < 1900 or years.max() > 2200:
            return None
        return full, label, with_time
    return None


_ISO_OFFSET = (
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})"
)


def _iso_with_offset(s: pd.Series, blank: np.ndarray) -> np.ndarray | None:
    """UTC instants when every value is ISO 8601 with seconds and a UTC offset.

    The same instants the general parser gives such values (it is the test's
    oracle), read by pandas' ISO parser in one call; None (take the general path)
    when any value does not fit or is not a real time.
    """
    nb = s[~blank]
    if len(nb) == 0 or not nb.str.fullmatch(_ISO_OFFSET).all():
        return None
    got = pd.to_datetime(nb, format="ISO8601", utc=True, errors="coerce")
    if got.isna().any():
        return None
    return got.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")


def _has_clock(text: str) -> bool:
    return bool(re.search(r"\d{1,2}:\d{2}", text))


def _fallback_parse(text: str) -> tuple[np.datetime64, bool] | None:
    if len(text) > 64 or not re.search(r"(?<!\d)(19|20|21)\d{2}(?!\d)", text):
        return None  # a date needs a year; a bare clock time is not a timestamp
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ts = pd.Timestamp(pd.to_datetime(text, dayfirst=True))
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return None
    if ts is pd.NaT or not (1900 <= ts.year <= 2200):
        return None
    if ts.tzinfo is not None:
        return ts.tz_convert("UTC").tz_localize(None).to_datetime64(), True
    return ts.to_datetime64(), False


def parse_time_of_day(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Seconds after midnight from ``HH:MM[:SS]``, ``HHMM``, AM/PM, Excel fractions.

    Returns (seconds as float, status) with status 0 parsed, 1 blank, 2 unparsable.
    A value holding a full date-time (a spreadsheet's ``1899-12-30 13:45:00``)
    contributes its time of day.
    """
    s, blank = blank_strings(values)
    n = len(s)
    secs = np.full(n, np.nan)
    m = s.str.extract(_TOD_RE)
    hit = m["H"].notna().to_numpy() & ~blank
    if hit.any():
        h = _hour_24(
            pd.to_numeric(m["H"][hit], errors="coerce").to_numpy(dtype=float),
            m["ampm"][hit],
        )
        mi = pd.to_numeric(m["M"][hit], errors="coerce").to_numpy(dtype=float)
        se = pd.to_numeric(m["S"][hit], errors="coerce").fillna(0).to_numpy(float)
        ok = (h >= 0) & (h <= 23) & (mi <= 59) & (se <= 59)
        val = h * 3600 + mi * 60 + se
        val[~ok] = np.nan
        secs[hit] = val
    rest = ~hit & ~blank
    if rest.any():
        mm = s[rest].str.extract(_HHMM_RE)
        h = pd.to_numeric(mm["H"], errors="coerce").to_numpy(dtype=float)
        mi = pd.to_numeric(mm["M"], errors="coerce").to_numpy(dtype=float)
        ok = np.isfinite(h) & (h <= 23) & (mi <= 59)
        idx = np.flatnonzero(rest)
        secs[idx[ok]] = h[ok] * 3600 + mi[ok] * 60
        rest[idx[ok]] = False
    if rest.any():
        num = pd.to_numeric(s[rest], errors="coerce").to_numpy(dtype=float)
        ok = np.isfinite(num) & (num >= 0) & (num < 1)
        idx = np.flatnonzero(rest)
        secs[idx[ok]] = np.round(num[ok] * 86400.0)
        rest[idx[ok]] = False
    if rest.any():
        full = parse_times(s[rest])
        idx = np.flatnonzero(rest)
        ok = ~np.isnat(full.naive)
        if ok.any():
            t = full.naive[ok]
            day = t.astype("datetime64[D]")
            secs[idx[ok]] = (t - day).astype("timedelta64[s]").astype(float)
    status = np.zeros(n, dtype=np.int8)
    status[blank] = 1
    status[~blank & ~np.isfinite(secs)] = 2
    return secs, status


def localise(
    naive: np.ndarray, tz: str
) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray]:
    """Wall-clock times to tz-aware instants.

    Returns (aware, gap, ambiguous): times in the spring-forward gap are NaT and
    flagged in ``gap``; times in the autumn repeat are resolved to their first
    occurrence (daylight-saving time, the earlier instant) and flagged in
    ``ambiguous``.
    """
    idx = pd.DatetimeIndex(naive)
    n = len(idx)
    first = idx.tz_localize(tz, ambiguous=np.ones(n, dtype=bool), nonexistent="NaT")
    second = idx.tz_localize(tz, ambiguous=np.zeros(n, dtype=bool), nonexistent="NaT")
    present = ~np.isnat(naive)
    gap = present & np.asarray(first.isna())
    ambiguous = present & ~gap & np.asarray(first != second)
    return first, gap, ambiguous


def typed_column(values: pd.Series) -> pd.Series:
    """Keep a source column: numbers as numbers when every value is one, else text."""
    s, blank = blank_strings(values)
    nonblank = s[~blank]
    if len(nonblank):
        plain = nonblank.str.fullmatch(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
        if bool(plain.all()) and not nonblank.str.match(r"^[+-]?0\d").any():
            num = pd.to_numeric(nonblank, errors="coerce").to_numpy(dtype=float)
            if np.isfinite(num).all():
                full = np.full(len(s), np.nan)
                full[~blank] = num
                if np.all(np.mod(num, 1) == 0) and np.all(np.abs(num) < 2**53):
                    ints = pd.array(np.nan_to_num(full).astype(np.int64), dtype="Int64")
                    ints[blank] = pd.NA
                    return pd.Series(ints, index=values.index)
                return pd.Series(full, index=values.index)
    text = s.where(~blank, None)
    return pd.Series(text.to_numpy(dtype=object), index=values.index, dtype="str")


def concat_categoricals(
    cats: list[pd.Categorical | None], sizes: list[int]
) -> pd.Categorical:
    """Categoricals of several parts as one (None: a part of ``size`` missing values)."""
    filled = [
        c
        if c is not None
        else pd.Categorical.from_codes(
            np.full(s, -1, np.int8), categories=pd.Index([], dtype=object)
        )
        for c, s in zip(cats, sizes, strict=True)
    ]
    if len(filled) == 1:
        return filled[0]
    filled = [
        c
        if c.categories.dtype == object
        else pd.Categorical.from_codes(c.codes, categories=c.categories.astype(object))
        for c in filled
    ]
    return union_categoricals(filled, ignore_order=True)


def take_categorical(
    c: pd.Categorical, keep: np.ndarray, order: np.ndarray | None
) -> pd.Categorical:
    """The values at ``keep`` (in ``order``), keeping only categories still used."""
    codes = np.asarray(c.codes)[keep]
    if order is not None:
        codes = codes[order]
    cats = c.categories
    used = np.zeros(len(cats) + 1, dtype=bool)
    used[codes] = True
    used = used[:-1] if len(cats) else used[:0]
    if len(cats) and not used.all():
        remap = np.full(len(cats) + 1, -1, dtype=np.int64)
        remap[np.flatnonzero(used)] = np.arange(int(used.sum()))
        codes = remap[codes]
        cats = cats[used]
    return pd.Categorical.from_codes(
        codes.astype(np.int32), categories=[str(v) for v in cats]
    )
