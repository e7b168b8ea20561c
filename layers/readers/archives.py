"""Files, folders and zips as sources of bytes, read whole or by their first bytes.

A source that reads raw bytes (the police.uk reader's pyarrow path) lists what to
read here: files as given, the files of folders, the members of zips with their
inflated size checked first; workbooks and point files become CSV text.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from layers.readers.files import EXCEL_SUFFIXES, excel_to_text
from layers.readers.tables import check_archive, read_member
from layers.validation import DataError


def vector_points_csv(path: str) -> tuple[bytes, list[str]]:
    """Point features as headerless CSV (row N = feature N): attributes, then
    Longitude and Latitude in WGS84 (blank for a feature without a point).
    """
    import pyogrio

    frame = pyogrio.read_dataframe(path)
    geom = frame.geometry
    if frame.crs is not None and geom.crs.to_epsg() != 4326:
        geom = geom.to_crs(4326)
    points = (geom.geom_type == "Point").to_numpy()
    x = np.where(points, geom.x.where(points), np.nan)
    y = np.where(points, geom.y.where(points), np.nan)
    attrs = frame.drop(columns=frame.geometry.name)
    names = [str(c) for c in attrs.columns]
    cols = [attrs[c].astype("object").where(attrs[c].notna(), "") for c in attrs]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    fmt = [f"{v:.6f}" if np.isfinite(v) else "" for v in x]
    fmt_y = [f"{v:.6f}" if np.isfinite(v) else "" for v in y]
    for i in range(len(frame)):
        writer.writerow([str(c.iat[i]) for c in cols] + [fmt[i], fmt_y[i]])
    return buf.getvalue().encode("utf-8"), [*names, "Longitude", "Latitude"]


def is_zip(path: Path) -> bool:
    """A zip archive to search (an Excel workbook is a zip too, but a table)."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return False
    try:
        return path.is_file() and zipfile.is_zipfile(path)
    except OSError:
        return False


@dataclass
class ByteSource:
    """One file to read, on disk or inside a zip: its name and its bytes on demand."""

    name: str
    _load: Callable[[], bytes | mmap.mmap]
    _head: Callable[[], bytes]
    explicit: bool = False

    def read(self) -> bytes | mmap.mmap:
        """The file's bytes (a read-only memory map for plain files: close it)."""
        return self._load()

    def head(self) -> bytes:
        return self._head()


def file_source(p: Path, explicit: bool) -> ByteSource:
    def load() -> bytes | mmap.mmap:
        try:
            with p.open("rb") as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    return b""
                try:
                    return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                except (OSError, ValueError):
                    return fh.read()
        except OSError as exc:
            raise DataError(
                f"cannot read file: {exc.strerror or exc}", source=p
            ) from exc

    def head() -> bytes:
        with p.open("rb") as fh:
            return fh.read(65536)

    return ByteSource(str(p), load, head, explicit)


def expand_sources(
    paths: Iterable[Path], skip: Callable[[str], str | None]
) -> tuple[list[ByteSource], list[dict[str, str]]]:
    """Every file to read among ``paths``: files as given, the files of folders
    and the members of zips (also zips inside folders), in name order.

    ``skip(name)`` gives the reason a folder's file or a zip's member is not
    read (None to read it); the skipped come back with their reasons.
    """
    sources: list[ByteSource] = []
    skipped: list[dict[str, str]] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(q for q in p.rglob("*") if q.is_file()):
                if is_zip(f):
                    s, k = _expand_zip(f, skip)
                    sources += s
                    skipped += k
                    continue
                reason = skip(str(f.relative_to(p)))
                if reason:
                    skipped.append({"path": str(f), "reason": reason})
                else:
                    sources.append(file_source(f, explicit=False))
        elif is_zip(p):
            s, k = _expand_zip(p, skip)
            sources += s
            skipped += k
        elif p.is_file():
            sources.append(file_source(p, explicit=True))
        else:
            raise DataError("no such file or folder", source=p)
    return sources, skipped


def _expand_zip(
    p: Path, skip: Callable[[str], str | None]
) -> tuple[list[ByteSource], list[dict[str, str]]]:
    sources: list[ByteSource] = []
    skipped: list[dict[str, str]] = []
    check_archive(p)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = sorted(
                (i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename
            )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DataError(f"cannot open zip archive: {exc}", source=p) from exc
    for info in infos:
        name = f"{p}!{info.filename}"
        reason = skip(info.filename)
        if reason:
            skipped.append({"path": name, "reason": reason})
            continue

        def load(info=info, name=name) -> bytes:
            try:
                with zipfile.ZipFile(p) as z:
                    return read_member(z, info, p)
            except (
                zipfile.BadZipFile,
                OSError,
                ValueError,
                EOFError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                raise DataError(f"cannot extract from zip: {exc}", source=name) from exc

        def head(info=info) -> bytes:
            with zipfile.ZipFile(p) as z, z.open(info) as fh:
                return fh.read(65536)

        sources.append(ByteSource(name, load, head, explicit=False))
    return sources, skipped


def excel_text(name: str, source: Any, max_rows: int | None = None) -> str:
    """The first sheet of an .xlsx workbook as CSV text (cells as displayed)."""
    try:
        text, _notes = excel_to_text(source, max_rows=max_rows)
    except DataError as exc:
        raise DataError(exc.reason, source=name) from exc
    return text
