"""The one CSV writer of the tool: no formulas, no split rows, numbers as numbers.

Every CSV the tool writes (horizon scan, rejects, patrol plan, back-test, Knox,
table exports) goes through :func:`write_rows` or :func:`write_frame`:

- text starting with ``= + - @`` tab or carriage return gets a leading ``'``
  (OWASP's rule for CSV injection), unless it is a negative number written as
  text such as ``-12.5`` or ``-1,234``;
- numbers (int, float, numpy numbers) are written as numbers, so a negative number
  stays a number;
- lines end in CRLF (RFC 4180), so the writer quotes every field holding a CR or an
  LF and a value can never split a row (with LF endings Python's csv module leaves
  a lone CR unquoted, which spreadsheets read as a new row);
- bidirectional control characters are shown as ``[U+202E]`` tags
  (:func:`layers.textsafe.neutralise_bidi`).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.textsafe import neutralise_bidi

#: Leading characters a spreadsheet treats as the start of a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: A negative number written as text (``-12.5``, ``-1,234``, ``-2e-3``): data.
_NUMBER = re.compile(
    r"-(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
)


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as typed: formula starts get a leading ``'``.

    Examples
    --------
    >>> safe_text("=2+2"), safe_text("-12.5"), safe_text("Burglary")
    ("'=2+2", '-12.5', 'Burglary')
    """
    text = neutralise_bidi(text)
    if text.startswith(FORMULA_PREFIXES) and not _is_negative_number(text):
        return "'" + text
    return text


def _is_negative_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def safe_field(value: Any) -> Any:
    """A value ready for a CSV field: numbers stay numbers, text is neutralised.

    Missing values (None, NaN, NaT, ``pd.NA``) become empty fields; dates and
    times are written as pandas writes them (``2024-01-31 22:15:00+00:00``).
    """
    if value is None:
        return ""
    if isinstance(value, np.floating) and value.dtype.itemsize < 8:
        value = float(str(value))  # float32 0.1 is written 0.1, as pandas does
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else ""
    if isinstance(value, str):
        return safe_text(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.date | dt.datetime | pd.Timestamp):
        return str(value)
    return safe_text(str(value))


def write_rows(
    path: str | Path,
    header: Iterable[Any],
    rows: Iterable[Iterable[Any]],
    *,
    encoding: str = "utf-8",
) -> Path:
    """Write ``header`` and ``rows`` as a safe CSV (see the module notes).

    Parameters
    ----------
    path
        Output file (overwritten).
    header
        Column names (neutralised like any text).
    rows
        Rows of values; each goes through :func:`safe_field`.
    encoding
        ``"utf-8"`` (default) or ``"utf-8-sig"`` (a BOM, so Excel reads accents).

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    with path.open("w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow([safe_field(str(c)) for c in header])
        for row in rows:
            w.writerow([safe_field(v) for v in row])
    return path


def write_frame(
    frame: pd.DataFrame, path: str | Path, *, encoding: str = "utf-8"
) -> Path:
    """Write a DataFrame (no index) as a safe CSV; geometry columns as WKT."""
    df = pd.DataFrame(frame)
    for col in df.columns:
        if str(df[col].dtype) == "geometry":
            df[col] = shapely.to_wkt(np.asarray(df[col]))
        elif df[col].dtype in (np.float32, np.float16):  # 0.1, not 0.10000000149
            df[col] = np.array([float(str(v)) for v in df[col].to_numpy()])
    return write_rows(
        path, df.columns, df.itertuples(index=False, name=None), encoding=encoding
    )
