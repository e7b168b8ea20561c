"""Opening tables safely: archive limits, column limits and bounded member reads.

Every reader opens its zips (police.uk downloads, zipped shapefiles, ``.xlsx``
workbooks, ``.kmz``) through :func:`check_archive` first, so an archive whose members
inflate far past its own size (a "zip bomb") is refused before anything is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from layers.validation import DataError

#: No zip member (nor all members together) may inflate past this many bytes.
MAX_INFLATED = 2 * 1024**3
#: ... nor past this many times the archive's own size,
MAX_RATIO = 50
#: ... except that a small archive may always hold this much (a tiny, very
#: compressible workbook is not a bomb).
RATIO_FLOOR = 64 * 1024**2
#: More columns than a GeoPackage (SQLite) table can hold, less room for ours.
MAX_COLUMNS = 1_990


def trim_partial_utf8(raw: bytes) -> bytes:
    """Drop a multi-byte UTF-8 character cut at the end of a sample."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3:
            return raw[: exc.start]
    return raw


def inflated_limit(archive_bytes: int) -> int:
    """The most bytes an archive of ``archive_bytes`` may inflate to."""
    return min(MAX_INFLATED, max(RATIO_FLOOR, MAX_RATIO * int(archive_bytes)))


def _mb(n: int) -> str:
    if n < 1024**2:
        return f"{max(n, 1) / 1024:,.0f} kB"
    return f"{n / 1024**2:,.0f} MB"


def check_archive(path: str | Path | Any) -> None:
    """Refuse a zip whose members declare more than :func:`inflated_limit` bytes.

    Only the central directory is read. A non-zip (or unreadable) file, or an
    open file object (bytes :func:`read_member` bounded already), passes:
    the reader that opens it says what is wrong with it.

    Raises
    ------
    DataError
        Naming the member, its declared size and the limit.
    """
    if not isinstance(path, str | Path):
        return  # bytes already read through read_member
    p = Path(path)
    try:
        if not p.is_file() or not zipfile.is_zipfile(p):
            return
        size = p.stat().st_size
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return
    limit = inflated_limit(size)
    total = 0
    for info in infos:
        total += max(int(info.file_size), 0)
        if info.file_size > limit or total > limit:
            what = (
                f"member {info.filename!r} inflates to {_mb(info.file_size)}"
                if info.file_size > limit
                else f"its members inflate to more than {_mb(total)}"
            )
            raise DataError(
                f"refused: {what} from a {_mb(size)} archive (limit {_mb(limit)}: "
                f"{MAX_RATIO}x the archive, at most {_mb(MAX_INFLATED)}); "
                "unpack it yourself if it is genuine",
                source=p,
            )


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: Path) -> bytes:
    """A member's bytes, stopping with DataError once they pass the limit.

    The declared size was checked by :func:`check_archive`; this bounds what is
    actually inflated, whatever the archive claims.
    """
    limit = inflated_limit(archive.stat().st_size)
    chunks: list[bytes] = []
    got = 0
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            got += len(chunk)
            if got > limit:
                raise DataError(
                    f"refused: member {info.filename!r} inflates past "
                    f"{_mb(limit)} (more than it declares)",
                    source=archive,
                )
            chunks.append(chunk)
    return b"".join(chunks)


def check_columns(n: int, source: str | Path, row: int = 1) -> None:
    """Refuse a table with more columns than a project layer can hold."""
    if n > MAX_COLUMNS:
        raise DataError(
            f"has {n:,} columns; a project layer holds at most {MAX_COLUMNS:,} "
            "(a GeoPackage table's limit): keep only the columns you need",
            source=source,
            row=row,
        )


def _blank_line(data: bytes, cr: bool) -> bool:
    r"""True when the text may hold a blank line (``\n\n``, ``\r\n\r\n``, ``\r\r``).

    One vectorised pass over the bytes (a substring search of a large text costs
    many times more); it may say True of a line holding only ``\r``, which only
    sends the text to the exact reader.
    """
    a = np.frombuffer(data, dtype=np.uint8)
    nl = np.flatnonzero(a == 10)
    gaps = np.diff(nl)
    if (gaps == 1).any():
        return True
    if not cr:
        return False
    if ((gaps == 2) & (a[nl[:-1] + 1] == 13)).any():
        return True
    ret = a == 13
    return bool((ret[1:] & ret[:-1]).any())


def arrow_records(text: str, delimiter: str, ncols: int) -> tuple[pa.Table, int] | None:
    """Parse delimited text with pyarrow: every record, every field as text.

    Returns the table (columns ``f0..``, the header row included as the first
    record when there is one) and the number of blank lines, or None when the text
    has anything whose exact row accounting needs the row-by-row reader: a record
    with another number of fields, a line of spaces, a blank line (blank lines are
    counted, not records, so they would shift nothing, but they are rare enough to
    leave to the exact reader) or text pyarrow cannot parse.
    """
    if text.startswith(("\n", "\r")):
        return None
    data = text.encode("utf-8")
    if _blank_line(data, "\r" in text):
        return None
    bad: list[Any] = []

    def invalid(row: Any) -> str:
        bad.append(row)
        return "skip"

    names = [f"f{i}" for i in range(ncols)]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(column_names=names, use_threads=True),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values='"' in text,
                ignore_empty_lines=True,
                invalid_row_handler=invalid,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeError):
        return None
    if bad:
        return None
    return table, 0


def arrow_frame(table: pa.Table, columns: list[str], first: int) -> pd.DataFrame:
    """Records ``first..`` of an :func:`arrow_records` table as a frame of text,
    indexed by the file's row number (records past the header start at 2).
    """
    body = table.slice(first)
    data = pd.DataFrame(
        {
            # one chunk a column: every later pyarrow step reads it without a copy
            col: pd.Series(
                pa.chunked_array([body.column(i).combine_chunks()]).to_pandas(),
                dtype="str",
            )
            for i, col in enumerate(columns)
        }
    )
    start = first + 1
    data.index = pd.Index(
        np.arange(start, start + body.num_rows, dtype=np.int64), name="row"
    )
    return data
