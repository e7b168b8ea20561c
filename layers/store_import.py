"""Importing many files into a partitioned store, one task per file, on a Dask cluster.

Each source file (or zip member: a data.police.uk bulk download holds one CSV per force and month)
is read by the ordinary readers, with their validation and row accounting, on a worker; its rows go
to the store as GeoParquet parts and its rejected rows to ``_rejects/``. Files that are not street
records (outcomes, stop-and-search) are listed and skipped, as the police.uk reader does. A Crime ID
met twice across files of one force and month is kept once and the later copy rejected, so
overlapping downloads count each crime once.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from layers.csvsafe import write_rows
from layers.kinds import LayerKind
from layers.store_parquet import (
    Partition,
    StoreLayer,
    _atomic_parquet,
    open_store,
    read_part,
    write_layer_parts,
    write_manifest,
)
from layers.validation import DataError, ReadReport

DATA_SUFFIXES = (".csv", ".tab", ".tsv", ".txt")
NOT_STREET = ("-outcomes.csv", "-stop-and-search.csv")
#: a zip member larger than this (or than 50x the archive) is refused unread
MAX_MEMBER_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Unit:
    """One file to read: a path, or a member of a zip archive."""

    path: str
    member: str | None = None

    @property
    def label(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path

    @property
    def part_id(self) -> str:
        return hashlib.sha1(self.label.encode("utf-8")).hexdigest()[:16]

    @property
    def stem(self) -> str:
        return Path(self.member or self.path).stem


def _skipped_reason(name: str) -> str | None:
    low = name.lower()
    for suffix in NOT_STREET:
        if low.endswith(suffix):
            return f"{suffix[1:-4]} file (not street records)"
    return None


def source_units(paths: list[Path]) -> tuple[list[Unit], list[tuple[str, str]]]:
    """The files to read (sorted, so the run is reproducible) and those skipped, with why."""
    units: list[Unit] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        if not p.exists():
            raise DataError("no such file or folder", source=p)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file())
            for f in files:
                _add_file(f, units, skipped)
        else:
            _add_file(p, units, skipped)
    return units, skipped


def _add_file(f: Path, units: list[Unit], skipped: list[tuple[str, str]]) -> None:
    if f.name.startswith("."):
        return
    if f.suffix.lower() == ".zip":
        units_before = len(units)
        _add_members(f, units, skipped)
        if len(units) == units_before:
            skipped.append((str(f), "no data files in the archive"))
        return
    if f.suffix.lower() not in DATA_SUFFIXES:
        skipped.append((str(f), "not a data file"))
        return
    why = _skipped_reason(f.name)
    if why:
        skipped.append((str(f), why))
    else:
        units.append(Unit(str(f)))


def _add_members(f: Path, units: list[Unit], skipped: list[tuple[str, str]]) -> None:
    try:
        with zipfile.ZipFile(f) as zf:
            infos = sorted(zf.infolist(), key=lambda i: i.filename)
    except zipfile.BadZipFile as exc:
        raise DataError(f"not a readable zip archive ({exc})", source=f) from exc
    limit = min(MAX_MEMBER_BYTES, 50 * max(f.stat().st_size, 1))
    for info in infos:
        name = info.filename
        if info.is_dir() or Path(name).name.startswith(".") or "__MACOSX" in name:
            continue
        label = f"{f}!{name}"
        if Path(name).suffix.lower() not in DATA_SUFFIXES:
            skipped.append((label, "not a data file"))
        elif why := _skipped_reason(name):
            skipped.append((label, why))
        elif info.file_size > limit:
            skipped.append(
                (
                    label,
                    f"inflates to {info.file_size:,} bytes (limit {limit:,}): refused",
                )
            )
        else:
            units.append(Unit(str(f), name))


def _materialise(unit: Unit, tmp: Path) -> Path:
    """The unit as a plain file (a zip member is extracted, bounded by its declared size)."""
    if unit.member is None:
        return Path(unit.path)
    target = tmp / Path(unit.member).name
    with zipfile.ZipFile(unit.path) as zf, zf.open(unit.member) as src:
        limit = zf.getinfo(unit.member).file_size
        with target.open("wb") as dst:
            copied = 0
            while chunk := src.read(1 << 20):
                copied += len(chunk)
                if copied > limit:
                    raise DataError(
                        "zip member inflates past its declared size", source=unit.label
                    )
                dst.write(chunk)
    return target


#: reader chosen per header line, per worker process: the files of a bulk download share
#: one header, so sniffing (a third of a small file's cost) happens once, not per file
_READER_BY_HEADER: dict[tuple[str, bytes], str] = {}


def _header_key(path: Path) -> tuple[str, bytes] | None:
    """The file's suffix and first line (None when it is empty or has no line end)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    end = head.find(b"\n")
    if end <= 0:
        return None
    return path.suffix.lower(), head[:end].rstrip(b"\r").removeprefix(b"\xef\xbb\xbf")


def _reader_for(path: Path, kind: str | None) -> str | None:
    """The reader for ``path``: as sniffed for an earlier file with the same header."""
    from layers import readers

    if kind is not None:
        return None  # the kind chooses the reader without sniffing
    key = _header_key(path)
    if key is None:
        return None  # let the readers say what is wrong with it
    if key not in _READER_BY_HEADER:
        best = readers.sniff(path)
        if best.confidence < readers.MIN_CONFIDENCE:
            return None  # the readers' own error names the file and why
        _READER_BY_HEADER[key] = best.reader
    return _READER_BY_HEADER[key]


def read_unit(
    unit: Unit,
    root: str,
    *,
    kind: str | None,
    name: str,
    target_crs: str | None,
    timezone: str | None,
) -> dict[str, Any]:
    """Read one file on a worker and write its parts; returns its partitions and report."""
    from layers import readers

    root_p = Path(root)
    # only a zip member needs a folder to be extracted to (making one costs ms a file)
    tmp = None if unit.member is None else Path(tempfile.mkdtemp(prefix="aw-unit-"))
    try:
        path = Path(unit.path) if tmp is None else _materialise(unit, tmp)
        try:
            layer = readers.read(
                path,
                kind=kind,
                reader=_reader_for(path, kind),
                target_crs=target_crs,
                timezone=timezone,
                name=name,
            )
        except DataError as exc:
            return {"unit": unit.label, "error": str(exc)}
        report = layer.report or ReadReport(unit.label)
        report.source = unit.label
        parts = write_layer_parts(
            layer, root_p, unit.part_id, source=unit.label, fallback_force=unit.stem
        )
        rejects = None
        if report.rows_rejected:
            (root_p / "_rejects").mkdir(exist_ok=True)
            rejects = root_p / "_rejects" / f"{unit.part_id}.csv"
            report.write_rejects_csv(rejects)
        info = report.to_dict()
        info["rejects_file"] = (
            None if rejects is None else str(rejects.relative_to(root_p))
        )
        return {
            "unit": unit.label,
            "parts": parts,
            "report": info,
            "kind": layer.kind.value,
            "crs": str(layer.frame.crs.to_string()),
            "time_precision": layer.time_precision,
            "timezone": str(layer.frame["occurred_at"].dt.tz),
        }
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def read_units(units: list[Unit], root: str, **kw: Any) -> list[dict[str, Any]]:
    """Several files in one task (fewer round trips to the scheduler); pyarrow on one thread."""
    import pyarrow as pa

    pa.set_cpu_count(1)  # the cluster gives each worker one core
    return [read_unit(u, root, **kw) for u in units]


def _batches(units: list[Unit], client: Any, per_worker: int = 8) -> list[list[Unit]]:
    """Units in about ``per_worker`` batches a worker, keeping neighbours (a month's files) apart."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    n = max(1, min(len(units), workers * per_worker))
    return [units[i::n] for i in range(n)]


def import_to_store(
    paths: list[Path],
    root: Path,
    *,
    client: Any,
    name: str = "Street crime",
    kind: LayerKind | None = None,
    target_crs: str | None = None,
    timezone: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[StoreLayer, list[tuple[str, str]]]:
    """Read every file under ``paths`` in parallel into ``root``; returns the layer and the skips.

    A store that already holds the layer ``name`` gains the new files (a file already in it is
    read again and replaces its parts).
    """
    from layers.cluster import gather

    units, skipped = source_units(paths)
    if not units:
        raise DataError("no data files to import", source=paths[0] if paths else None)
    root.mkdir(parents=True, exist_ok=True)
    batches = _batches(units, client)
    futures = client.map(
        read_units,
        batches,
        root=str(root),
        kind=None if kind is None else kind.value,
        name=name,
        target_crs=target_crs,
        timezone=timezone,
        pure=False,
    )
    done = [0]

    def report(_i: int, batch: list[dict[str, Any]]) -> None:
        done[0] += len(batch)
        if progress is not None:
            progress(done[0], len(units))

    batches_read = gather(
        client,
        futures,
        f"the import into {root}",
        on_result=report,
        advice="the store's manifest is unchanged (no file was added): run it again",
    )
    results = [r for batch in batches_read for r in batch]
    return _assemble(root, name, results, skipped), skipped


def _assemble(
    root: Path, name: str, results: list[dict[str, Any]], skipped: list[tuple[str, str]]
) -> StoreLayer:
    results.sort(key=lambda r: r["unit"])
    for r in results:
        if "error" in r:
            skipped.append((r["unit"], r["error"]))
    ok = [r for r in results if "error" not in r]
    if not ok:
        raise DataError(
            "no file could be read: " + "; ".join(f"{u}: {w}" for u, w in skipped)
        )
    first = ok[0]
    existing = {lyr.name: lyr for lyr in _existing(root)}
    old = existing.get(name)
    fresh_units = {r["unit"] for r in ok}
    parts = [p for p in (old.partitions if old else []) if p.source not in fresh_units]
    reports = [
        r for r in (old.reports if old else []) if r["source"] not in fresh_units
    ]
    for r in ok:
        parts.extend(r["parts"])
        reports.append(r["report"])
    layer = StoreLayer(
        root=root,
        name=name,
        kind=LayerKind(first["kind"]),
        crs=first["crs"],
        time_precision=first["time_precision"],
        timezone=first["timezone"],
        partitions=sorted(parts, key=lambda p: (p.force, p.month, p.path)),
        reports=reports,
    )
    _drop_cross_file_duplicates(layer)
    existing[name] = layer
    write_manifest(root, list(existing.values()))
    return layer


def _existing(root: Path) -> list[StoreLayer]:
    try:
        return open_store(root)
    except DataError:
        return []


def _drop_cross_file_duplicates(layer: StoreLayer) -> None:
    """A Crime ID in two files of one force and month: keep the first file's row."""
    groups: dict[tuple[str, str], list[Partition]] = {}
    for p in layer.partitions:
        groups.setdefault((p.force, p.month), []).append(p)
    by_source = {r["source"]: r for r in layer.reports}
    for parts in groups.values():
        if (
            len(parts) < 2
            or "crime_id" not in pq.read_schema(layer.path_of(parts[0])).names
        ):
            continue
        seen: set[str] = set()
        for part in sorted(parts, key=lambda p: p.source):
            ids = read_part(layer.path_of(part), ["crime_id"])["crime_id"].astype(
                "string"
            )
            dup = ids.notna() & (ids != "") & ids.isin(seen)
            seen.update(ids.dropna().tolist())
            if dup.any():
                _rewrite_without(layer, part, dup.to_numpy(), by_source[part.source])
                layer.partitions[layer.partitions.index(part)] = Partition(
                    part.force,
                    part.month,
                    part.path,
                    int((~dup).sum()),
                    part.source,
                    part.bbox,
                )


def _rewrite_without(layer: StoreLayer, part: Partition, dup, report: dict) -> None:
    frame = read_part(layer.path_of(part))
    _atomic_parquet(frame.loc[~dup].reset_index(drop=True), layer.path_of(part))
    n = int(dup.sum())
    reason = "duplicate Crime ID (also in an earlier file of this force and month)"
    report["rows_loaded"] = int(report["rows_loaded"]) - n
    report["rows_rejected"] = int(report["rows_rejected"]) + n
    by = dict(report.get("rejected_by_reason", {}))
    by[reason] = by.get(reason, 0) + n
    report["rejected_by_reason"] = by
    extra = layer.root / "_rejects" / f"{Path(part.path).stem}-duplicates.csv"
    extra.parent.mkdir(exist_ok=True)
    ids = frame.loc[dup, "crime_id"].astype(str)
    write_rows(
        extra, ["file", "crime_id", "reason"], ((part.source, c, reason) for c in ids)
    )
