"""What a briefing contains, shared by the HTML map and the PNG/PDF sheet (no Qt).

A :class:`Briefing` gathers everything an export shows: the title, the protective
marking (required), the author, when it was made, the date range (the project's
time window, or the span of the data shown), the layers drawn with the rows inside
the project filter, data sources and attribution lines from layer provenance, and
the method notes of analysis results. :func:`record_export` writes the audit entry
with the output's SHA-256.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.marking import Marking, lowering_phrase, marking_str
from layers.marking import marking_rank as marking_rank  # re-exported
from layers.project import MARKINGS, Project
from layers.textsafe import neutralise_bidi
from layers.validation import DataError
from workstation import styling

#: Attribution lines for open data used in the product (data/README.md).
OGL_LINE = (
    "Contains public sector information licensed under the Open Government "
    "Licence v3.0."
)
ONS_LINE = (
    "Source: Office for National Statistics licensed under the Open Government "
    "Licence v.3.0. Contains OS data © Crown copyright and database right."
)
SYNTHETIC_LINE = (
    "Synthetic demonstration data: generated, not real crime or call records."
)

#: Markings an export may carry (UK Government Security Classifications). Higher
#: classifications are not handled on this system.
EXPORT_MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")

#: Result types with their own treatment in exports.
RESULT_PATROL_PLAN = "patrol_plan"
RESULT_SCAN = "scan"


def marking_text(marking: str, descriptor: str = "") -> str:
    """The banner text: ``OFFICIAL-SENSITIVE - PERSONAL`` style."""
    descriptor = " ".join(str(descriptor or "").split()).upper()
    return f"{marking} - {descriptor}" if descriptor else marking


def check_downgrade(
    project_marking: Marking,
    marking: Marking,
    reason: str | None,
    source: str = "briefing",
    what: str = "the briefing's marking",
) -> str:
    """The cleaned downgrade reason ("" when the marking is not lowered).

    A briefing marked below its project's marking, or dropping or changing the
    project's descriptor (:func:`layers.marking.lowering`), is refused (DataError
    naming both markings) unless a reason is given; a reason given when nothing is
    lowered is refused too, so no one believes a reason was recorded for nothing.
    """
    reason = plain_field(reason)
    lowered = lowering_phrase(project_marking, marking, what)
    if lowered and not reason:
        raise DataError(
            f"{lowered}; give --downgrade-reason TEXT to export it lower "
            "(the reason is recorded in the audit trail)",
            source=source,
        )
    if reason and not lowered:
        raise DataError(
            f"--downgrade-reason given, but {marking_str(marking)} is not below the "
            f"project's marking {marking_str(project_marking) or '(none)'} (nor "
            "drops its descriptor)",
            source=source,
        )
    return neutralise_bidi(reason)


def check_marking(marking: str | None, source: str = "briefing") -> str:
    """The marking, validated; DataError when missing or not allowed for export."""
    m = (marking or "").strip().upper()
    if not m:
        raise DataError(
            "no protective marking: every export must carry one "
            f"({' or '.join(EXPORT_MARKINGS)})",
            source=source,
        )
    if m not in MARKINGS:
        raise DataError(
            f"unknown protective marking {marking!r}; use one of "
            + ", ".join(EXPORT_MARKINGS),
            source=source,
        )
    if m not in EXPORT_MARKINGS:
        raise DataError(
            f"{m} material must not be exported from this system; "
            f"use --marking {' or '.join(EXPORT_MARKINGS)} with --downgrade-reason",
            source=source,
        )
    return m


@dataclass
class Briefing:
    """Everything an export shows, resolved from a project at one moment."""

    title: str
    marking: str
    descriptor: str
    author: str
    made_at: datetime
    date_range: str
    layers: list[Layer]
    positions: dict[str, np.ndarray]
    extent: tuple[float, float, float, float]
    crs: str
    sources: list[str] = field(default_factory=list)
    attributions: list[str] = field(default_factory=list)
    method_notes: list[tuple[str, str]] = field(default_factory=list)
    scan_table: pd.DataFrame | None = None
    patrol_table: pd.DataFrame | None = None
    project: Project | None = None
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    #: The project's own marking (with descriptor) when the briefing was made.
    project_marking: str = ""
    #: Why the briefing is marked below its project ("" when it is not).
    downgrade_reason: str = ""

    @property
    def marking_text(self) -> str:
        return marking_text(self.marking, self.descriptor)

    timezone: str = "Europe/London"

    @property
    def made_at_text(self) -> str:
        """When the briefing was made, in the project's time zone."""
        from zoneinfo import ZoneInfo

        try:
            local = self.made_at.astimezone(ZoneInfo(self.timezone))
        except (KeyError, ValueError):
            local = self.made_at.astimezone()
        return local.strftime("%d %b %Y %H:%M %Z").strip()

    def rows(self, layer: Layer) -> np.ndarray:
        """Row positions of ``layer`` shown in the briefing."""
        return self.positions.get(layer.id, np.arange(len(layer), dtype=np.int64))

    def layers_of(self, *kinds: LayerKind) -> list[Layer]:
        return [lyr for lyr in self.layers if lyr.kind in kinds]

    def result_type(self, layer: Layer) -> str:
        return str((layer.provenance or {}).get("result_type", ""))

    def is_polygon_layer(self, layer: Layer) -> bool:
        return is_polygon_layer(layer)


def is_polygon_layer(layer: Layer) -> bool:
    if layer.kind == LayerKind.BOUNDARY:
        return True
    if len(layer) == 0:
        return False
    types = set(layer.frame.geometry.geom_type.dropna().unique())
    return bool(types) and types <= {"Polygon", "MultiPolygon"}


def is_line_layer(layer: Layer) -> bool:
    if len(layer) == 0:
        return False
    types = set(layer.frame.geometry.geom_type.dropna().unique())
    return bool(types) and types <= {"LineString", "MultiLineString"}


def is_point_layer(layer: Layer) -> bool:
    if len(layer) == 0:
        return False
    types = set(layer.frame.geometry.geom_type.dropna().unique())
    return bool(types) and types <= {"Point"}


def format_date_range(start: pd.Timestamp, end_inclusive: pd.Timestamp) -> str:
    """``1 Jan 2022 to 31 Dec 2022`` (the end shown is the last day included)."""
    a = f"{start.day} {start.strftime('%b %Y')}"
    b = f"{end_inclusive.day} {end_inclusive.strftime('%b %Y')}"
    return a if a == b else f"{a} to {b}"


def _date_range(project: Project, layers: list[Layer], positions) -> str:
    window = project.filter.state.window
    if window is not None:
        end = window.end - pd.Timedelta(nanoseconds=1)
        return format_date_range(window.start, end)
    lo, hi, tz, month = None, None, "Europe/London", False
    for lyr in layers:
        if not lyr.is_temporal:
            continue
        pos = positions.get(lyr.id)
        ns = lyr.times_ns if pos is None else lyr.times_ns[pos]
        ns = ns[ns != np.iinfo(np.int64).min]
        if len(ns) == 0:
            continue
        tz = lyr.timezone
        month = month or lyr.time_precision == "month"
        lo = ns.min() if lo is None else min(lo, ns.min())
        hi = ns.max() if hi is None else max(hi, ns.max())
    if lo is None:
        return "No dated records shown"
    start = pd.Timestamp(int(lo), unit="ns", tz="UTC").tz_convert(tz)
    end = pd.Timestamp(int(hi), unit="ns", tz="UTC").tz_convert(tz)
    if month:  # a month-precision record covers its whole month
        end = (end + pd.offsets.MonthEnd(0)).normalize()
    return format_date_range(start, end)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    try:
        return [str(v) for v in value]
    except TypeError:
        return [str(value)]


def _sources_and_attributions(layers: list[Layer]) -> tuple[list[str], list[str]]:
    sources: list[str] = []
    lines: list[str] = []
    for lyr in layers:
        prov = lyr.provenance or {}
        if lyr.kind == LayerKind.RESULT:
            continue
        files = []
        for f in prov.get("files") or []:
            path = f.get("path") if isinstance(f, dict) else f
            if path:
                files.append(Path(str(path)).name)
        desc = str(prov.get("source") or prov.get("description") or "")
        reader = str(prov.get("reader") or "")
        text = f"{lyr.name} ({lyr.kind.label.lower()}"
        if files:
            shown = ", ".join(files[:3]) + (
                f" and {len(files) - 3} more" if len(files) > 3 else ""
            )
            text += f"; {shown}"
        elif desc:
            text += f"; {desc}"
        text += f"; {len(lyr):,} records)"
        sources.append(text)
        explicit = _as_list(prov.get("attribution")) + _as_list(
            prov.get("attributions")
        )
        lines.extend(explicit)
        blob = " ".join(
            [reader, desc, " ".join(files), str(prov.get("licence", ""))]
        ).lower()
        synthetic = "synthetic" in blob or bool(prov.get("synthetic"))
        if synthetic:
            lines.append(SYNTHETIC_LINE)
            continue
        if "police" in blob or "ogl" in blob or "open government" in blob:
            lines.append(OGL_LINE)
        if lyr.kind == LayerKind.BOUNDARY and any(
            k in blob for k in ("lsoa", "ward", "district", "census", "ons", "msoa")
        ):
            lines.extend([OGL_LINE, ONS_LINE])
    seen: set[str] = set()
    unique = [x for x in lines if x and not (x in seen or seen.add(x))]
    return sources, unique


def plain_text(note: str) -> str:
    """A method note as plain text, as the window renders it (``workstation.notes``).

    Emphasis and code marks go, parameters and methods get the names the user sees,
    and each paragraph or list item is one line.
    """
    from workstation.notes import render_text

    lines = (" ".join(ln.split()) for ln in render_text(str(note)).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def short_note(note: str, limit: int = 220) -> str:
    """The first sentence of a note (at most ``limit`` characters)."""
    text = plain_text(note).split("\n")[0]
    m = re.search(r"(?<=[.!?])\s", text)
    first = text[: m.start()] if m else text
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


def _method_notes(layers: list[Layer]) -> list[tuple[str, str]]:
    notes = []
    for lyr in layers:
        prov = lyr.provenance or {}
        note = str(prov.get("method_note") or "").strip()
        warnings = [str(w) for w in prov.get("warnings") or []]
        if lyr.kind != LayerKind.RESULT and not note:
            if lyr.time_precision == "month":
                notes.append(
                    (
                        lyr.name,
                        "Dated by month only; locations are snapped to "
                        "anonymised points ('on or near').",
                    )
                )
            continue
        if not note and not warnings:
            continue
        text = note
        if warnings:
            text += (" " if text else "") + "Warnings: " + "; ".join(warnings)
        notes.append((lyr.name, plain_text(text)))
    # one entry per distinct note (a patrol plan's layers share theirs)
    merged: dict[str, list[str]] = {}
    for name, text in notes:
        merged.setdefault(text, []).append(name)
    return [(", ".join(names), text) for text, names in merged.items()]


def _result_table(project: Project, result_type: str) -> pd.DataFrame | None:
    for lyr in project.layers:
        if lyr.kind == LayerKind.RESULT and (lyr.provenance or {}).get(
            "result_type"
        ) == str(result_type):
            return pd.DataFrame(lyr.frame.drop(columns=lyr.frame.geometry.name))
    return None


def make_briefing(
    project: Project,
    *,
    title: str | None = None,
    marking: str | None = None,
    descriptor: str | None = None,
    layer_ids: list[str] | None = None,
    extent: tuple[float, float, float, float] | None = None,
    scan_table: pd.DataFrame | None = None,
    patrol_table: pd.DataFrame | None = None,
    downgrade_reason: str | None = None,
) -> Briefing:
    """Resolve what a briefing of ``project`` shows.

    Parameters
    ----------
    project
        The project; its filter decides which rows of temporal layers are shown.
    title, marking, descriptor
        Override the project's metadata. The marking is required (DataError
        when neither the argument nor the project gives one).
    layer_ids
        Layers to include, by id or name (default: the visible layers).
    extent
        Map extent in the working CRS (default: the shown data, padded 5 %).
    scan_table, patrol_table
        Tables for the multi-page sheet; by default taken from RESULT layers with
        ``provenance["result_type"]`` of ``"scan"`` and ``"patrol_plan"``.
    downgrade_reason
        Required when ``marking`` is below the project's marking (DataError
        naming both otherwise); kept in the audit entry and the file's metadata.
    """
    meta = project.metadata
    mark = check_marking(marking if marking is not None else meta.marking)
    desc = descriptor if descriptor is not None else meta.marking_descriptor
    reason = check_downgrade(
        (meta.marking, meta.marking_descriptor), (mark, desc), downgrade_reason
    )
    if layer_ids:
        by_name = {lyr.name: lyr for lyr in project.layers}
        chosen = []
        for key in layer_ids:
            if key in project:
                chosen.append(project.layer(key))
            elif key in by_name:
                chosen.append(by_name[key])
            else:
                raise DataError(
                    f"no layer {key!r} in the project (layers: "
                    + ", ".join(lyr.name for lyr in project.layers)
                    + ")",
                    source="briefing",
                )
        ids = {lyr.id for lyr in chosen}
        layers = [lyr for lyr in project.layers if lyr.id in ids]
    else:
        layers = [lyr for lyr in project.layers if lyr.visible]
    positions = {lyr.id: project.filter.slice_for(lyr) for lyr in layers}
    if extent is None:
        extent = data_extent(layers, positions)
    sources, attributions = _sources_and_attributions(layers)
    return Briefing(
        title=(title or meta.title or "Briefing").strip(),
        marking=mark,
        descriptor=" ".join(str(desc or "").split()).upper(),
        author=meta.author or "unknown",
        made_at=datetime.now(UTC),
        date_range=_date_range(project, layers, positions),
        layers=layers,
        positions=positions,
        extent=extent,
        crs=str(meta.crs),
        sources=sources,
        attributions=attributions,
        method_notes=_method_notes(layers),
        scan_table=scan_table
        if scan_table is not None
        else _result_table(project, RESULT_SCAN),
        patrol_table=patrol_table
        if patrol_table is not None
        else _patrol_table(project),
        project=project,
        timezone=str(meta.timezone or "Europe/London"),
        project_marking=meta.marking_text,
        downgrade_reason=reason,
    )


def _patrol_table(project: Project) -> pd.DataFrame | None:
    """The patrol plan's schedule: its stops layer, else its points or places."""
    found = [
        lyr
        for lyr in project.layers
        if lyr.kind == LayerKind.RESULT
        and (lyr.provenance or {}).get("result_type") == RESULT_PATROL_PLAN
        and (is_point_layer(lyr) or is_polygon_layer(lyr))
    ]
    if not found:
        return None
    found.sort(
        key=lambda lyr: (
            (lyr.provenance or {}).get("part") != "stops",
            not is_point_layer(lyr),
        )
    )
    lyr = found[0]
    return pd.DataFrame(lyr.frame.drop(columns=lyr.frame.geometry.name))


def data_extent(
    layers: list[Layer], positions: dict[str, np.ndarray], pad: float = 0.05
) -> tuple[float, float, float, float]:
    """Bounds of what is shown (boundaries first: they frame the area), padded."""
    boxes = []
    framing = [lyr for lyr in layers if lyr.kind == LayerKind.BOUNDARY]
    for lyr in framing or layers:
        if len(lyr) == 0:
            surface = raster_of(lyr)
            if surface is not None:
                boxes.append(np.array(surface.extent))
            continue
        pos = positions.get(lyr.id)
        frame = lyr.frame if pos is None else lyr.frame.iloc[pos]
        if len(frame) == 0:
            continue
        b = frame.total_bounds
        if np.all(np.isfinite(b)):
            boxes.append(b)
    if not boxes:
        raise DataError("nothing to show: the briefing's layers are empty")
    arr = np.array(boxes)
    xmin, ymin = arr[:, 0].min(), arr[:, 1].min()
    xmax, ymax = arr[:, 2].max(), arr[:, 3].max()
    w = max(xmax - xmin, 200.0)
    h = max(ymax - ymin, 200.0)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def polygon_values(
    layer: Layer, briefing: Briefing
) -> tuple[np.ndarray, styling.Classification] | None:
    """Choropleth values of a polygon layer and their classification (or None).

    Style ``choropleth.source``: ``attribute`` (a numeric column), ``count`` (points
    of ``layer_id`` inside each polygon, within the project filter) or ``rate``
    (that count per 1,000 ``population``).
    """
    key = f"polygon_values:{layer.id}"
    if key not in briefing.cache:
        briefing.cache[key] = _polygon_values(layer, briefing)
    return briefing.cache[key]


def _polygon_values(
    layer: Layer, briefing: Briefing
) -> tuple[np.ndarray, styling.Classification] | None:
    style = styling.effective_style(layer)
    if style.get("mode") == "raster":
        spec = style.get("raster") or {}
        column = spec.get("column") or ("density" if "density" in layer.frame else None)
        if column is None or column not in layer.frame:
            return None
        values = pd.to_numeric(layer.frame[column], errors="coerce").to_numpy(float)
        values = np.where(values > 0, values, np.nan)  # empty cells are not drawn
        cls = styling.classify_values(
            values, "equal_interval", k=7, ramp_name=spec.get("ramp", "YlOrRd")
        )
        return values, cls
    if style.get("mode") != "choropleth":
        return None
    spec = style.get("choropleth") or {}
    source = spec.get("source", "attribute")
    if source == "attribute":
        column = spec.get("column")
        if not column or column not in layer.frame:
            return None
        values = pd.to_numeric(layer.frame[column], errors="coerce").to_numpy(float)
    else:
        from workstation.analysis.grid import counts_per_polygon, rate_per_1000

        project = briefing.project
        pid = spec.get("layer_id")
        if project is None or not pid or pid not in project:
            return None
        points = project.layer(pid)
        pos = project.filter.slice_for(points)
        xy = points.xy[pos]
        values = counts_per_polygon(xy[:, 0], xy[:, 1], layer.frame.geometry)
        if source == "rate":
            if "population" not in layer.frame:
                return None
            values = rate_per_1000(
                values,
                pd.to_numeric(layer.frame["population"], errors="coerce").to_numpy(
                    float
                ),
            )
    cls = styling.classify_values(
        values,
        scheme=spec.get("scheme", "quantiles"),
        k=int(spec.get("k", 5)),
        ramp_name=spec.get("ramp", "YlOrRd"),
    )
    return values, cls


def choropleth_title(layer: Layer) -> str:
    style = styling.effective_style(layer)
    if style.get("mode") == "raster":
        column = (style.get("raster") or {}).get("column") or "density"
        unit = (layer.provenance or {}).get("params", {}).get("units", "")
        return f"{layer.name}: {column}" + (f" ({unit})" if unit else "")
    spec = style.get("choropleth") or {}
    source = spec.get("source", "attribute")
    if source == "count":
        return f"{layer.name}: count of records"
    if source == "rate":
        return f"{layer.name}: rate per 1,000 residents"
    return f"{layer.name}: {spec.get('column', '')}"


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def record_export(
    briefing: Briefing,
    path: str | Path,
    fmt: str,
    extra: dict[str, Any] | None = None,
) -> None:
    """Write the audit entry of an export (format, path, SHA-256, marking, ...)."""
    if briefing.project is None:
        return
    params = {
        "format": fmt,
        "path": str(Path(path).resolve()),
        "sha256": sha256_file(path),
        "bytes": Path(path).stat().st_size,
        "marking": briefing.marking_text,
        "title": briefing.title,
        "date_range": briefing.date_range,
        "layers": [lyr.name for lyr in briefing.layers],
        "rows": {lyr.name: len(briefing.rows(lyr)) for lyr in briefing.layers},
        "project_marking": briefing.project_marking,
        **(extra or {}),
    }
    if briefing.downgrade_reason:
        params["downgrade_reason"] = briefing.downgrade_reason
    briefing.project.record("export", params, inputs=briefing.layers)


def export_metadata(briefing: Briefing) -> dict[str, str]:
    """What every output file carries about itself (PDF XMP, HTML meta, PNG text).

    Keys are short snake-case names; a new field is one more line here.
    """
    from layers import __version__

    fields = {
        "marking": briefing.marking_text,
        "project_marking": briefing.project_marking,
        "downgrade_reason": briefing.downgrade_reason,
        "title": briefing.title,
        "author": briefing.author,
        "made_at": briefing.made_at.isoformat(timespec="seconds"),
        "date_range": briefing.date_range,
        "software": f"Analyst Workstation {__version__}",
    }
    return {k: plain_field(v) for k, v in fields.items() if v}


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain_field(value: Any) -> str:
    """One line of text safe in file metadata.

    Control characters (NUL, escape, newlines...) become spaces, runs of spaces
    one, and bidi controls are shown as ``[U+XXXX]``.
    """
    return neutralise_bidi(" ".join(_CONTROLS.sub(" ", str(value or "")).split()))


# -- raster results (KDE surfaces) ------------------------------------------------


@dataclass(frozen=True)
class Raster:
    """A result layer's surface: values with rows northwards, extent, colours."""

    array: np.ndarray  # (ny, nx), row 0 at the south edge (as Grid)
    extent: tuple[float, float, float, float]
    vmin: float
    vmax: float
    ramp: str
    opacity: float
    units: str

    def rgba(self) -> np.ndarray:
        """(ny, nx, 4) uint8 with row 0 at the north edge; cells <= vmin clear."""
        lut = ramp_lut(self.ramp)
        a = np.asarray(self.array, dtype=float)[::-1]
        level = np.clip((a - self.vmin) / (self.vmax - self.vmin), 0.0, 1.0)
        level = np.where(np.isfinite(level), level, 0.0)
        out = lut[(level * 255).astype(np.uint8)].copy()
        out[..., 3] = np.round(out[..., 3] * self.opacity).astype(np.uint8)
        out[~np.isfinite(a) | (a <= self.vmin)] = 0
        return out

    def legend(self, k: int = 5) -> list[tuple[str, str]]:
        """(label, colour) stops from vmin to vmax."""
        lut = ramp_lut(self.ramp)
        out = []
        for t in np.linspace(0.0, 1.0, k):
            value = self.vmin + t * (self.vmax - self.vmin)
            out.append((styling._fmt(value), styling.rgba_to_hex(lut[int(t * 255)])))
        return out


def ramp_lut(name: str, n: int = 256) -> np.ndarray:
    """(n, 4) uint8 RGBA table interpolated from a named ramp (as the map canvas)."""
    colours = styling.RAMPS.get(name, styling.RAMPS["YlOrRd"])
    stops = np.array([styling.hex_to_rgba(c) for c in colours], dtype=float)
    pos = np.linspace(0.0, 1.0, len(stops))
    t = np.linspace(0.0, 1.0, n)
    lut = np.column_stack([np.interp(t, pos, stops[:, ch]) for ch in range(4)])
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


def raster_of(layer: Layer) -> Raster | None:
    """The surface a RESULT layer carries (``layer.arrays`` + a grid in provenance).

    Follows the desktop map's convention: the array named by
    ``style["raster"]["array"]`` (else the first 2-D array), rows counting
    northwards, extent from ``provenance["grid"]`` (``x0, y0, cell_m``).
    """
    arrays = getattr(layer, "arrays", None) or {}
    if not arrays:
        return None
    style = styling.effective_style(layer)
    opts = style.get("raster") or {}
    arr = arrays.get(opts.get("array")) if opts.get("array") else None
    if arr is None:
        arr = next((a for a in arrays.values() if np.ndim(a) == 2), None)
    if arr is None:
        return None
    arr = np.asarray(arr, dtype=float)
    prov = layer.provenance or {}
    grid = prov.get("grid") or (prov.get("params") or {}).get("grid")
    if not (isinstance(grid, dict) and {"x0", "y0", "cell_m"} <= set(grid)):
        return None
    cell = float(grid["cell_m"])
    x0, y0 = float(grid["x0"]), float(grid["y0"])
    extent = (x0, y0, x0 + arr.shape[1] * cell, y0 + arr.shape[0] * cell)
    finite = arr[np.isfinite(arr)]
    vmin = float(opts["vmin"]) if opts.get("vmin") is not None else 0.0
    vmax = (
        float(opts["vmax"])
        if opts.get("vmax") is not None
        else (float(finite.max()) if finite.size else 1.0)
    )
    return Raster(
        arr,
        extent,
        vmin,
        max(vmax, vmin + 1e-12),
        str(opts.get("ramp", "YlOrRd")),
        float(style.get("opacity", 0.8)),
        styling.raster_units(layer),
    )
