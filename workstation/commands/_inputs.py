"""Shared argument handling for commands: data files or project files as input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress
from layers.project import Project
from layers.validation import DataError


def is_project_file(path: str | Path) -> bool:
    p = Path(path)
    if p.suffix.lower() != ".gpkg" or not p.is_file():
        return False
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='workstation_project'"
            ).fetchone()
        finally:
            con.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False
    return row is not None


def parse_mapping(text: str | None) -> dict[str, Any] | None:
    """``--mapping``: a JSON file, a JSON object, or ``canonical=Source Column,...``."""
    if not text:
        return None
    p = Path(text)
    if p.suffix.lower() == ".json" and p.is_file():
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError(
                f"not valid JSON ({exc.msg})", source=p, row=exc.lineno
            ) from exc
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(f"--mapping is not valid JSON ({exc.msg})") from exc
    out: dict[str, Any] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise DataError(f"--mapping entry {part!r} is not canonical=column")
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def parse_columns(text: str | None) -> list[str] | None:
    if not text:
        return None
    cols = [c.strip() for c in text.split(",")]
    if any(not c for c in cols):
        raise DataError(f"--columns has an empty name: {text!r}")
    return cols


def parse_kind(text: str | None) -> LayerKind | None:
    if not text:
        return None
    try:
        return LayerKind(text.lower())
    except ValueError as exc:
        kinds = ", ".join(k.value for k in LayerKind if k != LayerKind.RESULT)
        raise DataError(f"unknown kind {text!r}; use one of {kinds}") from exc


def pick_layer(
    project: Project, wanted: str | None, kinds: tuple[LayerKind, ...], source: str
) -> Layer:
    """The layer named or id'd by ``wanted``, else the only/first layer of ``kinds``."""
    layers = project.layers
    if wanted:
        for lyr in layers:
            if wanted in (lyr.id, lyr.name):
                return lyr
        names = ", ".join(repr(lyr.name) for lyr in layers) or "none"
        raise DataError(
            f"no layer {wanted!r} in the project (layers: {names})", source=source
        )
    candidates = [lyr for lyr in layers if lyr.kind in kinds]
    if not candidates:
        want = " or ".join(k.value for k in kinds)
        raise DataError(
            f"the project has no {want} layer; name one with --layer", source=source
        )
    return candidates[0]


def load_input(
    path: str | Path,
    *,
    layer: str | None = None,
    kinds: tuple[LayerKind, ...] = (LayerKind.CRIME, LayerKind.DEMAND),
    kind: LayerKind | None = None,
    mapping: dict[str, Any] | None = None,
    columns: list[str] | None = None,
    progress: Progress | None = None,
) -> tuple[Layer, Project | None]:
    """A layer from a project file (``--layer``) or read from a data file."""
    path = Path(path)
    if not path.exists():
        raise DataError("no such file or folder", source=path)
    if is_project_file(path):
        from layers.store import load_project

        project = load_project(path, progress=progress)
        return pick_layer(project, layer, kinds, str(path)), project
    from layers.readers import read

    return read(
        [path], kind=kind, mapping=mapping, columns=columns, progress=progress
    ), None
