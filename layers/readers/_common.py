"""Shared reading machinery: decoding, delimited tables with exact row numbers, parsing.

Row numbers are *records* as a spreadsheet shows them: the header is row 1, the first
data record row 2, and a record whose quoted field spans several lines is still one row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from layers.progress import Progress, check
from layers.readers.tables import arrow_frame, arrow_records, check_columns
from layers.validation import DataError, ReadReport

csv.field_size_limit(1 << 30)

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode file bytes: BOM first, then UTF-8, then Windows-1252 (then Latin-1)."""
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def read_text(path: str | Path) -> tuple[str, str]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            f"cannot read file: {exc.strerror or exc}", source=path
        ) from exc
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("binary file, not a delimited text table", source=path)
    return decode_bytes(raw)


def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter from the first lines: tab, comma, semicolon or pipe."""
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in ("\t", ",", ";", "|"):
        counts = [_count_outside_quotes(ln, d) for ln in lines]
        head = counts[0]
        if head == 0:
            continue
        consistent = sum(1 for c in counts if c == head) / len(counts)
        score = consistent * 1000 + head
        if score > best_score:
            best, best_score = d, score
    return best


def _count_outside_quotes(line: str, d: str) -> int:
    n, inq = 0, False
    for ch in line:
        if ch == '"':
            inq = not inq
        elif ch == d and not inq:
            n += 1
    return n


def normalise_name(name: str) -> str:
    """'Crime ID' -> 'crime_id', ' Dispatch_Longitude ' -> 'dispatch_longitude'."""
    s = str(name).replace("\ufeff", "").strip().lower()
    s = re.sub(r"[^0-9a-z]+", "_", s)
    return s.strip("_")


def find_column(
    columns: list[str], candidates: list[str] | tuple[str, ...]
) -> str | None:
    """First column whose normalised name equals one of the candidates (in order)."""
    norm = {normalise_name(c): c for c in reversed(columns)}
    for cand in candidates:
        if cand in norm:
            return norm[cand]
    return None


@dataclass
class Table:
    """A delimited table as strings, indexed by the file's row number."""

    source: str
    columns: list[str]
    data: pd.DataFrame
    report: ReadReport
    encoding: str = "utf-8"
    delimiter: str = ","
    header: bool = True
    blank_lines: int = 0
    notes: list[str] = field(default_factory=list)


def read_table(
    path: str | Path | None = None,
    *,
    text: str | None = None,
    source: str | None = None,
    header: bool = True,
    names: list[str] | None = None,
    delimiter: str | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read a delimited text file into string columns, accounting for every row.

    Records with the wrong number of fields are rejected (reason names the counts);
    blank lines are not records and are only counted. ``names`` supplies the column
    names of a file with no header row.
    """
    if text is None:
        if path is None:
            raise ValueError("read_table needs a path or text")
        text, encoding = read_text(path)
    else:
        encoding = "utf-8"
    src = source or (str(path) if path is not None else "<text>")
    report = ReadReport(src)
    if delimiter is None:
        delimiter = sniff_delimiter(text[:65536])
    fast = _fast_table(text, src, header, names, delimiter)
    if fast is not None:
        fast.encoding = encoding
        return fast
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, strict=False
    )
    rows: list[list[str]] = []
    rownums: list[int] = []
    record = 0
    blank = 0
    cols: list[str] | None = None
    if not header:
        if not names:
            raise DataError(
                "a file without a header row needs column names", source=src
            )
        cols = list(names)
    if cols is not None:
        check_columns(len(cols), src)
    total_lines = max(text.count("\n"), 1)
    try:
        for fields in reader:
            if not fields or (len(fields) == 1 and fields[0].strip() == ""):
                blank += 1
                continue
            record += 1
            if cols is None:
                cols = [f.replace("\ufeff", "").strip() for f in fields]
                if not any(cols):
                    raise DataError("the header row is empty", source=src, row=record)
                check_columns(len(cols), src, record)
                continue
            rownum = record
            if len(fields) != len(cols):
                # tolerate trailing empty fields beyond the header
                if len(fields) > len(cols) and not any(
                    f.strip() for f in fields[len(cols) :]
                ):
                    fields = fields[: len(cols)]
                else:
                    report.rows_total += 1
                    report.reject(
                        rownum,
                        "",
                        delimiter.join(fields),
                        f"wrong number of fields (expected {len(cols)}, found {len(fields)})",
                    )
                    continue
            report.rows_total += 1
            rows.append(fields)
            rownums.append(rownum)
            if progress is not None and record % 50000 == 0:
                check(
                    progress,
                    min(0.99, reader.line_num / total_lines),
                    f"read {record:,} rows",
                )
    except csv.Error as exc:
        raise DataError(
            f"cannot parse as delimited text: {exc}", source=src, row=record + 1
        ) from exc
    if cols is None:
        raise DataError("the file is empty", source=src)
    cols = _dedupe(cols)
    data = (
        pd.DataFrame(rows, columns=cols, dtype=object)
        if rows
        else pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    )
    data.index = pd.Index(np.asarray(rownums, dtype=np.int64), name="row")
    t = Table(src, cols, data, report, encoding, delimiter, header, blank)
    if blank:
        t.notes.append(f"{blank} blank line(s) skipped (not records)")
    return t


def _fast_table(
    text: str, src: str, header: bool, names: list[str] | None, delimiter: str
) -> Table | None:
    """:func:`read_table` through pyarrow, or None for the exact row-by-row path.

    Taken only when every record has the header's number of fields and there are
    no blank lines, so record ``i`` is row ``i + 1`` exactly as the csv-module
    reader numbers it.
    """
    first = next(
        csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter),
        None,
    )
    if not first or (header and len(first) == 1 and not first[0].strip()):
        return None
    ncols = len(first) if header else len(names or [])
    if ncols == 0:
        return None
    parsed = arrow_records(text, delimiter, ncols)
    if parsed is None:
        return None
    table, _blank = parsed
    if header:
        cols = [f.replace("\ufeff", "").strip() for f in first]
        if not any(cols):
            return None
        check_columns(len(cols), src, 1)
        if (
            table.num_rows == 0
            or [table.column(i)[0].as_py() for i in range(ncols)] != first
        ):
            return None
    else:
        cols = list(names or [])
    cols = _dedupe(cols)
    data = arrow_frame(table, cols, 1 if header else 0)
    report = ReadReport(src)
    report.rows_total = len(data)
    return Table(src, cols, data, report, "utf-8", delimiter, header, 0)


def _dedupe(cols: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, c in enumerate(cols):
        c = c or f"column_{i + 1}"
        if c in seen:
            seen[c] += 1
            out.append(f"{c}_{seen[c]}")
        else:
            seen[c] = 0
            out.append(c)
    return out


_NUM_CLEAN = re.compile(r"[\s,\u00a0\u202f]")


def parse_float(values: pd.Series) -> np.ndarray:
    """Parse numbers written as text ('53.7655', '"412,345"', ' 1e3 '); NaN otherwise."""
    s = values.astype("object").where(values.notna(), "")
    s = s.astype(str).str.strip().str.strip('"')
    cleaned = s.str.replace(_NUM_CLEAN, "", regex=True)
    num = pd.to_numeric(cleaned, errors="coerce")
    # a writable copy: pandas 3 (copy-on-write) may hand back a read-only view
    out = np.array(num.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    out[~np.isfinite(out)] = np.nan
    return out


def is_blank(values: pd.Series) -> np.ndarray:
    s = values.astype("object")
    return (
        s.isna()
        | (
            s.astype(str)
            .str.strip()
            .isin(["", "NULL", "null", "NA", "N/A", "NaN", "nan", "None"])
        )
    ).to_numpy()
