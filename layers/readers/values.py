"""Parsers of values shared by every source: blanks, numbers, timestamps.

Text that pyarrow holds (the fast table path) is worked on with pyarrow's compute
kernels, whole column at once; other text (the exact row-by-row path, vector
attributes, mixed objects) goes through the same rules in Python. Both give the
same answers: the Python path is the oracle of the arrow one in the tests.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
        plain = pc.match_substring_regex(arr, _PLAIN_NUMBER)
        num = pc.cast(pc.if_else(plain, arr, pa.scalar(None, arr.type)), pa.float64())
        out = np.array(num.to_numpy(zero_copy_only=False), dtype=float, copy=True)
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


def strict_times(values: pd.Series, fmt: str) -> np.ndarray:
    """``pd.to_datetime(values, format=fmt, errors="coerce")`` as datetime64[ns].

    Pyarrow-backed text in the zero-padded form of ``fmt`` (every field in range)
    is parsed by pyarrow's ``strptime``, and kept only where the parsed day of the
    month is the written one (pyarrow rolls 31/02 over into March); every other
    value goes to pandas, so the answer is pandas' to the value.
    """
    arr = arrow_text(values)
    pattern = _fixed_width(fmt)
    if arr is None or pattern is None:
        out = pd.to_datetime(values, format=fmt, errors="coerce")
        return np.asarray(out.to_numpy(dtype="datetime64[ns]"))
    found = pc.extract_regex(arr, pattern)
    day = pc.if_else(pc.is_valid(found), found.field("d"), pa.scalar("0", arr.type))
    parsed = pc.strptime(arr, format=fmt, unit="s", error_is_null=True)
    inside = pc.and_(  # what datetime64[ns] can hold; pandas decides the rest
        pc.greater_equal(parsed, pa.scalar(_NS_MIN, pa.timestamp("s"))),
        pc.less_equal(parsed, pa.scalar(_NS_MAX, pa.timestamp("s"))),
    )
    parsed = pc.if_else(inside, parsed, pa.scalar(None, pa.timestamp("s")))
    same = pc.fill_null(pc.equal(pc.day(parsed), pc.cast(day, pa.int64())), False)
    out = parsed.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)
    out = np.asarray(out, dtype="datetime64[ns]").copy()
    redo = ~same.to_numpy(zero_copy_only=False)
    if redo.any():
        sub = pd.Series(values.to_numpy(dtype=object)[redo], dtype=object)
        got = pd.to_datetime(sub, format=fmt, errors="coerce")
        out[redo] = got.to_numpy(dtype="datetime64[ns]")
    return out
