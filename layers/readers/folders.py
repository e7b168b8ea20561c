"""Folders as users receive them: one source, or several to split.

A folder of monthly street files is one crime source, a folder of asset lists one
asset source; a data drop (``crime/``, ``calls/``, ``assets/``, ``boundaries/``)
holds several, and each becomes its own layer. Which it is comes from sniffing the
files inside, not the folder's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Files a reader may take (shapefile side-cars are read with their .shp).
SOURCE_SUFFIXES = frozenset(
    ".csv .tsv .txt .tab .psv .xlsx .xlsm .zip .geojson .json .gpkg .shp .kml .kmz "
    ".fgb .gml".split()
)
#: Files sniffed per folder to decide what it holds (spread over the folder).
SAMPLE_FILES = 6
#: Readers whose folder (files of one layout) is one source.
FOLDER_READERS = ("police_uk", "calls", "assets", "boundaries")


@dataclass
class Split:
    """The sources a path stands for, and the files no reader recognised."""

    sources: list[tuple[str, list[Path]]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def _hidden(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def source_files(folder: Path) -> list[Path]:
    """The files under ``folder`` a reader might take, in name order."""
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file()
        and f.suffix.lower() in SOURCE_SUFFIXES
        and not _hidden(f, folder)
        and f.name.lower() not in ("readme.txt", "manifest.json")
    )


def _sample(folder: Path, files: list[Path]) -> list[Path]:
    """The first file under each sub-folder (a data drop's kinds), the folder's
    own files, spread out, at most :data:`SAMPLE_FILES` in all.
    """
    firsts: dict[str, Path] = {}
    for f in files:
        parts = f.relative_to(folder).parts
        key = parts[0] if len(parts) > 1 else str(f)
        firsts.setdefault(key, f)
    picked = list(firsts.values())
    if len(picked) <= SAMPLE_FILES:
        return picked
    step = (len(picked) - 1) / (SAMPLE_FILES - 1)
    return [picked[round(i * step)] for i in range(SAMPLE_FILES)]


def file_verdicts(
    folder: Path, sniff: Callable[[Path], Any], min_confidence: float
) -> tuple[dict[Path, Any], list[tuple[Path, str]]]:
    """The best verdict of each sampled file, and the files nothing fits."""
    fits: dict[Path, Any] = {}
    skipped: list[tuple[Path, str]] = []
    for f in _sample(folder, source_files(folder)):
        best = sniff(f)
        if best.confidence >= min_confidence:
            fits[f] = best
        else:
            skipped.append((f, best.reason or "not a recognised data source"))
    return fits, skipped


def _same_schema(files: list[Path]) -> bool:
    """True when vector files share their attribute names (parts of one layer)."""
    import pyogrio

    seen = None
    for f in files:
        try:
            fields = sorted(str(c) for c in pyogrio.read_info(str(f))["fields"])
        except Exception:
            return False
        if seen is not None and fields != seen:
            return False
        seen = fields
    return True


def split(path: Path, sniff: Callable[[Path], Any], min_confidence: float) -> Split:
    """The sources ``path`` stands for: itself, or (a mixed folder) its parts.

    A folder whose files all look like one reader's is one source, except
    boundary files with different attributes (different layers, one each). A
    folder holding several kinds is split by its sub-folders and files; files no
    reader recognises are listed in ``skipped`` with the reason.
    """
    out = Split()
    if not path.is_dir() or path.suffix.lower() == ".gdb":
        out.sources.append((sniff(path).reader, [path]))
        return out
    fits, skipped = file_verdicts(path, sniff, min_confidence)
    readers = {v.reader for v in fits.values()}
    if len(readers) == 1:
        (reader,) = readers
        files = [f for f in source_files(path) if f not in dict(skipped)]
        if reader != "boundaries" or _same_schema(files):
            out.sources.append((reader, [path]))
            out.skipped.extend(skipped)
            return out
        for f in source_files(path):  # different layers: each file on its own
            best = sniff(f)
            if best.confidence >= min_confidence:
                out.sources.append((best.reader, [f]))
            else:
                out.skipped.append((f, best.reason))
        return out
    if not readers:
        out.skipped.extend(skipped)
        return out
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or child.name == "__MACOSX":
            continue
        if child.is_dir():
            part = split(child, sniff, min_confidence)
        elif child.suffix.lower() in SOURCE_SUFFIXES:
            best = sniff(child)
            part = (
                Split(sources=[(best.reader, [child])])
                if best.confidence >= min_confidence
                else Split(skipped=[(child, best.reason)])
            )
        else:
            continue
        out.sources.extend(part.sources)
        out.skipped.extend(part.skipped)
    return out
