"""The reader registry: which reader fits a file, folder or zip, and reading through it.

Each reader module in this package exposes ``NAME``, ``KIND``,
``sniff(path, columns, sample) -> (confidence, mapping)`` and
``read(paths, *, mapping, columns, target_crs, timezone, name, progress) -> Layer``,
and optionally ``explain(path, columns) -> str | None`` (why a path it nearly fits is
refused, used in "nothing fits" messages). Modules are imported lazily; a module that is missing or fails to import is skipped
(and :func:`available_readers` says why).

>>> from layers import readers
>>> verdict = readers.sniff("2023-07-west-midlands-street.csv")   # doctest: +SKIP
>>> layer = readers.read(["2023-07.zip"])                          # doctest: +SKIP
"""

from __future__ import annotations

import csv
import importlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Cancelled, Progress
from layers.readers import folders, pipeline
from layers.readers._common import decode_bytes, read_table, sniff_delimiter
from layers.readers.mapping import guess_by_values
from layers.readers.tables import trim_partial_utf8
from layers.validation import DataError

READERS = ["police_uk", "calls", "assets", "boundaries"]

#: Below this confidence nothing is said to fit.
MIN_CONFIDENCE = 0.3
SAMPLE_BYTES = 65536

#: What each kind of source should look like (for "nothing fits" messages).
EXPECTED = {
    "police_uk": "a data.police.uk street-level crime CSV (Month, Longitude, "
    "Latitude, Crime type ...), a folder or zip of them, or a table with a month "
    "and coordinates",
    "calls": "a calls-for-service export (a date/time column and coordinates)",
    "assets": "a table of places with names and coordinates, or a point file",
    "boundaries": "a polygon file (GeoPackage, GeoJSON, Shapefile ...)",
}
#: Extensions of text files that are not delimited tables.
NON_TABLE_TEXT = {
    ".json",
    ".geojson",
    ".kml",
    ".gml",
    ".xml",
    ".gpx",
    ".html",
    ".htm",
    ".prj",
}
#: Extensions of binary (vector) files.
BINARY = {
    ".gpkg",
    ".shp",
    ".shx",
    ".dbf",
    ".fgb",
    ".parquet",
    ".gdb",
    ".xlsx",
    ".xls",
    ".sqlite",
}

_modules: dict[str, ModuleType] = {}
_failures: dict[str, str] = {}


def _module(name: str) -> ModuleType | None:
    if name in _modules:
        return _modules[name]
    if name in _failures:
        return None
    try:
        mod = importlib.import_module(f"{__name__}.{name}")
    except ImportError as exc:
        _failures[name] = f"{type(exc).__name__}: {exc}"
        return None
    if not all(hasattr(mod, a) for a in ("NAME", "KIND", "sniff", "read")):
        _failures[name] = "module lacks NAME, KIND, sniff or read"
        return None
    _modules[name] = mod
    return mod


def available_readers() -> dict[str, LayerKind]:
    """Reader names that import, with the kind each makes."""
    out = {}
    for name in READERS:
        mod = _module(name)
        if mod is not None:
            out[name] = LayerKind(mod.KIND)
    return out


def unavailable_readers() -> dict[str, str]:
    """Readers that could not be imported, with the reason."""
    for name in READERS:
        _module(name)
    return dict(_failures)


@dataclass
class Sniff:
    """One reader's verdict on a path."""

    reader: str
    kind: LayerKind
    confidence: float
    mapping: dict[str, Any]
    columns: list[str] | None
    reason: str
    #: True when the file has no header row and ``columns`` are names given to
    #: its fields (``column_1`` ...), the mapping guessed from the values alone.
    headerless: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "kind": self.kind.value,
            "confidence": self.confidence,
            "mapping": dict(self.mapping),
            "columns": list(self.columns) if self.columns is not None else None,
            "reason": self.reason,
            "headerless": self.headerless,
        }


@dataclass
class _Peek:
    columns: list[str] | None
    sample: str | None
    what: str  # "table", "text", "binary", "folder", "zip", "missing"
    notes: list[str] = field(default_factory=list)


def _peek(path: Path, columns: list[str] | None = None) -> _Peek:
    """The header fields and a decoded sample of a path (never raises)."""
    try:
        if path.is_dir():
            return _Peek(None, None, "folder")
        if not path.exists():
            return _Peek(None, None, "missing")
        suffix = path.suffix.lower()
        if suffix in BINARY:
            return _Peek(None, None, "binary")
        if zipfile.is_zipfile(path):
            return _Peek(None, None, "zip")
        with path.open("rb") as fh:
            raw = fh.read(SAMPLE_BYTES)
        if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return _Peek(None, None, "binary")
        sample, _enc = decode_bytes(trim_partial_utf8(raw))
        if suffix in NON_TABLE_TEXT or sample.lstrip()[:1] in ("{", "<"):
            return _Peek(None, sample, "text")
        if columns:
            # the readers' sniffs read the sample's first line as its header
            delim = sniff_delimiter(sample)
            buf = io.StringIO()
            csv.writer(buf, delimiter=delim, lineterminator="\n").writerow(columns)
            return _Peek(list(columns), buf.getvalue() + sample, "table")
        delim = sniff_delimiter(sample)
        first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delim), [])
        cols = [f.replace("\ufeff", "").strip() for f in first]
        if not any(cols):
            return _Peek(None, sample, "text")
        return _Peek(cols, sample, "table")
    except (OSError, csv.Error, ValueError) as exc:
        return _Peek(None, None, "missing", [f"cannot read: {exc}"])


_NUMBER_RE = re.compile(r"^[-+]?(?:\d+(?:[.,]\d+)?|\.\d+)(?:[eE][-+]?\d+)?$")
_DATE_RE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}.*)?$")


#: an ONS (GSS) area code: E01011954 (LSOA), E05009935 (ward), W06000015 ...
_GSS_RE = re.compile(r"^[EWSNK]\d{8}$")


def _area_table_hint(peek: _Peek) -> str | None:
    """When a table holds values per area (a column of ONS area codes) and no
    places: how to join it to a boundary layer instead, else None.
    """
    if peek.what != "table" or not peek.sample or not peek.columns:
        return None
    try:
        delim = sniff_delimiter(peek.sample)
        rows = list(csv.reader(io.StringIO(peek.sample, newline=""), delimiter=delim))
    except csv.Error:
        return None
    body = [r for r in rows[1:60] if len(r) == len(peek.columns)]
    if len(body) < 3:
        return None
    for i, name in enumerate(peek.columns):
        values = [r[i].strip() for r in body if r[i].strip()]
        if values and sum(bool(_GSS_RE.match(v)) for v in values) >= 0.9 * len(values):
            return (
                f"this is a table of values per area (ONS area codes in column "
                f"{name!r}, no coordinates or shapes), not a layer: join it to a "
                "boundary layer of those areas, e.g. `workstation import "
                "BOUNDARIES --join THIS_FILE` (census population: --join-population; "
                "deprivation (IMD): --join-imd)"
            )
    return None


def _other_police_uk_layout(path: Path, peek: _Peek) -> str | None:
    """The police.uk reader's words when ``path`` is an outcomes or stop-and-search
    file (its ``explain`` knows those layouts), else None.
    """
    mod = _module("police_uk")
    explain = getattr(mod, "explain", None) if mod is not None else None
    if explain is None or peek.what != "table":
        return None
    try:
        text = explain(path, peek.columns)
    except Exception:
        return None
    return text if text and text.startswith("this is a data.police.uk") else None


def _refuse_other_police_uk_layouts(path: Path) -> None:
    """Outcomes and stop-and-search files are not read as another kind unasked.

    They have times and coordinates, so the calls or assets readers would take
    them.
    """
    text = _other_police_uk_layout(path, _peek(path))
    if not text:
        return
    if "outcomes" in text:
        raise DataError(
            f"{text}: it lists outcomes by Crime ID; import the matching "
            "-street.csv file (its Last outcome category column has the outcome)",
            source=path,
        )
    raise DataError(
        f"{text}, nor calls for service; to map its rows anyway choose the kind "
        "(--kind demand) and the column mapping",
        source=path,
    )


def _title_lines(peek: _Peek) -> tuple[str, int] | None:
    """(first line, header line number) when a table starts with title lines.

    Report-style exports put a title and a run date above the header: the first
    line then has one field while a later line has several and the lines after
    it have as many.
    """
    if peek.what != "table" or not peek.sample or not peek.columns:
        return None
    if sum(1 for c in peek.columns if c.strip()) > 1:
        return None
    lines = peek.sample.splitlines()[:60]
    delim = sniff_delimiter("\n".join(lines[1:]) or peek.sample)
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delim))
    except csv.Error:
        return None
    widths = [sum(1 for f in r if f.strip()) for r in rows]
    for i, w in enumerate(widths[1:11], start=1):
        after = [x for x in widths[i + 1 :] if x]
        if w >= 3 and after and sum(x >= w - 1 for x in after) >= 0.8 * len(after):
            return " ".join(f.strip() for f in rows[0] if f.strip())[:60], i + 1
    return None


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _peek_workbook(path: Path) -> _Peek:
    """The first rows of a workbook's first sheet, as a table peek (never raises)."""
    try:
        from layers.readers.files import excel_to_text

        text, _ = excel_to_text(path, max_rows=60)
    except Exception:
        return _Peek(None, None, "binary")
    first = next(csv.reader(io.StringIO(text)), [])
    return _Peek([f.strip() for f in first], text, "table")


def _no_features(path: Path) -> bool:
    """True for a vector file (GeoJSON, GeoPackage ...) whose layers are empty."""
    if path.suffix.lower() not in (
        ".geojson",
        ".json",
        ".gpkg",
        ".shp",
        ".kml",
        ".kmz",
        ".fgb",
        ".gml",
    ):
        return False
    try:
        import pyogrio

        layers = pyogrio.list_layers(str(path))
        return len(layers) > 0 and all(
            pyogrio.read_info(str(path), layer=str(name))["features"] == 0
            for name, _t in layers
        )
    except Exception:
        return False


def _is_empty(path: Path) -> bool:
    """True for a file of nothing but whitespace (and perhaps a byte-order mark)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return not head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")


def header_looks_like_data(columns: list[str] | None) -> bool:
    """True when most fields of a first line are numbers or dates (no header row)."""
    if not columns:
        return False
    fields = [c.strip().strip('"') for c in columns]
    filled = [f for f in fields if f]
    if not filled:
        return False
    datalike = [f for f in filled if _NUMBER_RE.match(f) or _DATE_RE.match(f)]
    return len(datalike) >= max(2, len(filled) / 2)


#: A reader this sure of a whole folder (police.uk street files by their exact
#: header) is not second-guessed by sniffing the files one by one.
FOLDER_SURE = 0.95
#: Confidence of a headerless file whose values show times, places and types.
HEADERLESS_CONFIDENCE = 0.6


def headerless_verdict(path: Path) -> Sniff | None:
    """Calls recognised from the values of a file with no header row, or None.

    The fields are named ``column_1`` ... and the mapping is guessed from what
    they hold (coordinates in range, timestamps with times of day, repeated
    free text); a file without both times and places is left alone.
    """
    peek = _peek(path)
    if peek.what != "table" or not header_looks_like_data(peek.columns):
        return None
    if _module("calls") is None or not peek.sample:
        return None
    names = [f"column_{i + 1}" for i in range(len(peek.columns or []))]
    text = peek.sample
    cut = text.rfind("\n")
    text = text[: cut + 1] if cut > 0 else text
    try:
        frame = read_table(
            text=text, source=str(path), header=False, names=names
        ).data.head(500)
    except (DataError, ValueError, TypeError):
        return None
    mapping = guess_by_values(frame)
    located = {"lat", "lon"} <= set(mapping) or {"easting", "northing"} <= set(mapping)
    if "occurred_at" not in mapping or not located:
        return None
    shown = ", ".join(f"{k}={v}" for k, v in mapping.items())
    return Sniff(
        "calls",
        LayerKind.DEMAND,
        HEADERLESS_CONFIDENCE,
        mapping,
        names,
        "no header row: columns guessed from their values (coordinates in range, "
        f"timestamps, free-text types): {shown}",
        headerless=True,
    )


def _reason(name: str, conf: float, mapping: dict, peek: _Peek) -> str:
    if peek.what == "missing":
        return "cannot read the path" + (f" ({peek.notes[0]})" if peek.notes else "")
    if conf <= 0:
        if peek.what == "table":
            return f"the header does not look like {EXPECTED.get(name, name)}"
        return f"not {EXPECTED.get(name, name)} ({peek.what})"
    if mapping:
        cols = ", ".join(
            f"{k}={v}" for k, v in list(mapping.items())[:8] if isinstance(v, str)
        )
        base = f"matched {cols}" if cols else "matched"
    else:
        base = f"looks like {peek.what}"
    return f"{base} (confidence {conf:.2f})"


def sniff_all(path: str | Path, *, columns: list[str] | None = None) -> list[Sniff]:
    """Every available reader's verdict on ``path``, best first.

    ``columns`` names the fields of a file without a header row.
    """
    path = Path(path)
    peek = _peek(path, columns)
    out: list[Sniff] = []
    for name in READERS:
        mod = _module(name)
        if mod is None:
            continue
        try:
            conf, mapping = mod.sniff(path, peek.columns, peek.sample)
            conf = float(min(max(conf, 0.0), 1.0))
            mapping = dict(mapping or {})
            reason = _reason(name, conf, mapping, peek)
        except Exception as exc:  # a reader's sniff must never break the dialog
            conf, mapping = 0.0, {}
            reason = f"sniff failed: {type(exc).__name__}: {exc}"
        out.append(
            Sniff(name, LayerKind(mod.KIND), conf, mapping, peek.columns, reason)
        )
    other = _other_police_uk_layout(path, peek) if columns is None else None
    if other:
        # outcomes / stop-and-search files have times and coordinates, but they
        # are neither street crimes nor calls for service nor places
        for v in out:
            v.confidence, v.reason = 0.0, other
    if (
        columns is None
        and path.is_dir()
        and path.suffix.lower() != ".gdb"
        and max((v.confidence for v in out), default=0.0) < FOLDER_SURE
    ):
        _folder_consensus(path, out)
    if (
        columns is None
        and path.is_file()
        and all(v.confidence < HEADERLESS_CONFIDENCE for v in out)
    ):
        guess = headerless_verdict(path)
        if guess is not None:
            out = [guess] + [v for v in out if v.reader != guess.reader]
    out.sort(key=lambda s: -s.confidence)  # stable: READERS order breaks ties
    return out


def _folder_consensus(path: Path, verdicts: list[Sniff]) -> None:
    """Let the files inside a folder decide what it holds (in place).

    When every recognised file looks like one reader's, that reader's verdict
    on the folder is at least as sure as the least sure file; when they look
    like several, no reader takes the folder whole (``split_sources`` splits it).
    """
    fits, _skipped = folders.file_verdicts(path, sniff, MIN_CONFIDENCE)
    readers = {v.reader for v in fits.values()}
    if len(readers) == 1:
        (name,) = readers
        least = min(v.confidence for v in fits.values())
        for v in verdicts:
            if v.reader == name and v.confidence < least:
                v.confidence = least
                v.mapping = v.mapping or dict(next(iter(fits.values())).mapping)
                v.reason = (
                    f"every file in the folder looks like {name} data "
                    f"(confidence {least:.2f})"
                )
    elif len(readers) > 1:
        kinds = sorted({f"{v.kind.value} ({v.reader})" for v in fits.values()})
        for v in verdicts:
            v.confidence = 0.0
            v.reason = (
                "the folder holds several sources: " + ", ".join(kinds) + "; "
                "`workstation import FOLDER` makes one layer of each"
            )


def split_sources(path: str | Path) -> folders.Split:
    """The sources a file or folder stands for: one, or a data drop's several.

    Each is ``(reader, paths)``; files no reader recognises are in ``skipped``.
    """
    return folders.split(Path(path), sniff, MIN_CONFIDENCE)


def sniff(path: str | Path, *, columns: list[str] | None = None) -> Sniff:
    """The best reader for a file, folder or zip (confidence 0 if nothing fits)."""
    verdicts = sniff_all(path, columns=columns)
    if not verdicts:
        raise DataError("no readers are available", source=path)
    return verdicts[0]


def _for_kind(kind: LayerKind | str) -> ModuleType:
    try:
        kind = LayerKind(kind)
    except ValueError:
        raise DataError(
            f"unknown kind {kind!r}; expected one of "
            + ", ".join(k.value for k in LayerKind if k is not LayerKind.RESULT)
        ) from None
    for name in READERS:
        mod = _module(name)
        if mod is not None and LayerKind(mod.KIND) is kind:
            return mod
    raise DataError(f"no reader for kind {kind.value!r} is available")


def _named(reader: str) -> ModuleType:
    if reader not in READERS:
        raise DataError(
            f"unknown reader {reader!r}; expected one of {', '.join(READERS)}"
        )
    mod = _module(reader)
    if mod is None:
        raise DataError(
            f"reader {reader!r} is not available ({_failures.get(reader, '?')})"
        )
    return mod


def _explanations(path: Path, columns: list[str] | None) -> list[str]:
    """Readers' own words on why a path nearly fits (optional ``explain`` hook)."""
    peek = _peek(path, columns)
    out = []
    for name in READERS:
        mod = _module(name)
        explain = getattr(mod, "explain", None) if mod is not None else None
        if explain is None:
            continue
        try:
            text = explain(path, peek.columns)
        except Exception:
            text = None
        if text:
            out.append(text)
    return out


def choose_reader(
    paths: list[Path], *, columns: list[str] | None = None
) -> tuple[ModuleType, list[Sniff]]:
    """The one reader that fits every path (DataError naming the file otherwise)."""
    chosen: ModuleType | None = None
    verdicts: list[Sniff] = []
    for p in paths:
        best = sniff(p, columns=columns)
        verdicts.append(best)
        if best.confidence < MIN_CONFIDENCE:
            if not p.exists():
                raise DataError("no such file or folder", source=p)
            if p.is_file() and _is_empty(p):
                raise DataError("the file is empty (no header, no rows)", source=p)
            if p.is_file() and _no_features(p):
                raise DataError("the file has no features (an empty layer)", source=p)
            title = _title_lines(_peek(p) if not _is_workbook(p) else _peek_workbook(p))
            if columns is None and title is not None:
                raise DataError(
                    f"the first row ({title[0]!r}) is a title, not a header row; "
                    f"the header seems to be on row {title[1]}: delete the rows "
                    "above it and import again",
                    source=p,
                    row=1,
                )
            if columns is None and header_looks_like_data(_peek(p).columns):
                raise DataError(
                    "the first line looks like data, not a header row; give the "
                    "column names (--columns NAME,NAME,... or columns=[...]) and, "
                    "if need be, the kind (--kind)",
                    source=p,
                    row=1,
                )
            if columns is None:
                _refuse_other_police_uk_layouts(p)
            hints = _explanations(p, columns)
            area_hint = _area_table_hint(_peek(p, columns)) if not hints else None
            if area_hint:
                raise DataError(area_hint, source=p)
            if hints:
                raise DataError(
                    "not a recognised data source: " + "; ".join(hints), source=p
                )
            expected = "; or ".join(EXPECTED[n] for n in READERS if n in EXPECTED)
            guess = (
                f" (best guess {best.reader}, confidence {best.confidence:.2f})"
                if best.confidence > 0
                else ""
            )
            raise DataError(
                f"not a recognised data source{guess}; expected {expected}. "
                "Choose the kind and the column mapping by hand",
                source=p,
            )
        mod = _module(best.reader)
        assert mod is not None
        if chosen is None:
            chosen = mod
        elif mod is not chosen:
            raise DataError(
                f"looks like {best.reader} data but {paths[0].name} looks like "
                f"{chosen.NAME} data; read them separately or choose the reader",
                source=p,
            )
    assert chosen is not None
    return chosen, verdicts


def read(
    paths: str | Path | list[str | Path],
    *,
    kind: LayerKind | str | None = None,
    reader: str | None = None,
    mapping: dict[str, str] | None = None,
    columns: list[str] | None = None,
    target_crs: str | None = None,
    timezone: str | None = None,
    name: str | None = None,
    progress: Progress | None = None,
) -> Layer:
    """Read one source (one or more paths) into a Layer.

    Parameters
    ----------
    paths
        A file, folder or zip, or a list of them read together as one source.
    kind, reader
        Override sniffing: the reader of that kind, or the named reader.
    mapping, columns, target_crs, timezone, name, progress
        Passed to the reader (see e.g. :func:`layers.readers.police_uk.read`).

    Raises
    ------
    DataError
        When nothing fits (naming the file and what was expected) or the data are
        bad; never another exception for bad input.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    plist = [Path(p) for p in paths]
    if not plist:
        raise DataError("no files given")
    for p in plist:
        if not p.exists():
            raise DataError("no such file or folder", source=p)
    pipeline.check_archives(plist)
    guess = None
    if columns is None and reader in (None, "calls") and kind in (None, "demand"):
        guess = headerless_verdict(plist[0]) if plist[0].is_file() else None
        if guess is not None:
            columns = guess.columns
            mapping = {**guess.mapping, **(mapping or {})}
            reader = "calls"
    if reader is not None:
        mod = _named(reader)
        if kind is not None and LayerKind(mod.KIND) is not LayerKind(kind):
            raise DataError(
                f"reader {reader!r} makes {LayerKind(mod.KIND).value} layers, "
                f"not {LayerKind(kind).value}"
            )
    elif kind is not None:
        mod = _for_kind(kind)
    else:
        mod, _ = choose_reader(plist, columns=columns)
    if mod.NAME == "assets":
        # the assets reader takes files: a folder is the lists inside it
        if name is None and len(plist) == 1 and plist[0].is_dir():
            name = plist[0].name
        plist = [
            f for p in plist for f in (folders.source_files(p) if p.is_dir() else [p])
        ]
    try:
        req = pipeline.ReadRequest(
            plist, mapping, columns, target_crs, timezone, name, progress
        )
        layer = pipeline.run(mod.read, req)
    except (DataError, Cancelled):
        raise
    except MemoryError as exc:
        raise DataError(
            "not enough memory to read this source", source=plist[0]
        ) from exc
    except Exception as exc:
        # a reader bug must still reach the user as one clear line (--debug shows more)
        raise DataError(
            f"{mod.NAME} reader failed: {type(exc).__name__}: {exc}",
            source=plist[0],
        ) from exc
    if guess is not None and layer.report is not None:
        layer.report.notes.append(guess.reason)
    return layer


__all__ = [
    "MIN_CONFIDENCE",
    "READERS",
    "Sniff",
    "available_readers",
    "choose_reader",
    "header_looks_like_data",
    "read",
    "sniff",
    "sniff_all",
    "split_sources",
    "unavailable_readers",
]
