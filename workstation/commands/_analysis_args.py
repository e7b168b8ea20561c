"""Shared options of the point-pattern commands (``kde``, ``hotspots``).

Input selection: a data file or a project ``.gpkg`` (``--layer``), then the same
filter the GUI applies (categories, ``--from``/``--to``), optional harm weights
and an optional study-area boundary.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from layers.filtering import FilterState, TimeWindow, slice_positions
from layers.layer import Layer
from layers.progress import Progress
from layers.validation import DataError


def add_input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path",
        metavar="FILE",
        help="data file, folder or zip (police.uk, calls...) or a project .gpkg",
    )
    p.add_argument("--layer", help="for a project: layer name or id")
    p.add_argument("--kind", help="for a data file: crime or demand (default: sniffed)")
    p.add_argument(
        "--category",
        action="append",
        metavar="NAME",
        help="only this crime type / call type (repeat for several)",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="first day or month to include, e.g. 2022-01 or 2022-01-15",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="first day or month NOT included (half-open), e.g. 2022-07",
    )
    p.add_argument(
        "--extent",
        metavar="XMIN,YMIN,XMAX,YMAX",
        help="grid extent in the working CRS (metres); default: the events' bounds",
    )
    p.add_argument(
        "--harm",
        action="store_true",
        help="weight each event by its crime type's harm (CCHI-style days)",
    )
    p.add_argument(
        "--harm-table",
        metavar="CSV",
        help="harm weights table (category,harm_days); default: the bundled one",
    )
    p.add_argument(
        "--boundary",
        metavar="FILE",
        help="polygons of the study area (e.g. the force boundary): cells whose "
        "centre is outside take no part",
    )
    p.add_argument(
        "--no-boundary",
        action="store_true",
        help="for a project: do not mask to its force-area boundary layer "
        "(hotspots and emerging use it by default)",
    )


@dataclass
class Selection:
    """The events an analysis runs on, and how they were chosen."""

    layer: Layer
    rows: np.ndarray
    x: np.ndarray
    y: np.ndarray
    weights: np.ndarray | None
    crs: str
    extent: tuple[float, float, float, float] | None
    boundary: Any = None  # GeoSeries in the working CRS
    warnings: list[str] = field(default_factory=list)
    description: dict[str, Any] = field(default_factory=dict)
    project: Any = None  # the Project when the input was a project file


def gpkg_output(text: str) -> Path:
    """The ``-o OUT.gpkg`` of a command, checked before any work is done."""
    out = Path(text)
    if out.suffix.lower() != ".gpkg":
        raise DataError(f"-o {out}: the output must be a .gpkg GeoPackage")
    if not out.parent.exists():
        raise DataError("the output folder does not exist", source=out.parent)
    return out


def parse_extent(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    parts = [s.strip() for s in text.split(",")]
    try:
        vals = [float(s) for s in parts]
    except ValueError:
        raise DataError(
            f"--extent {text!r}: give four numbers xmin,ymin,xmax,ymax in metres"
        ) from None
    if len(vals) != 4 or not all(np.isfinite(vals)):
        raise DataError(
            f"--extent {text!r}: give four numbers xmin,ymin,xmax,ymax in metres"
        )
    xmin, ymin, xmax, ymax = vals
    if xmax <= xmin or ymax <= ymin:
        raise DataError(f"--extent {text!r}: xmax and ymax must exceed xmin and ymin")
    return (xmin, ymin, xmax, ymax)


def _parse_when(text: str, tz: str, option: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(text)
    except (ValueError, TypeError):
        raise DataError(
            f"{option} {text!r}: not a date (use YYYY-MM or YYYY-MM-DD)"
        ) from None
    if ts.tzinfo is None:
        ts = ts.tz_localize(tz)
    return ts


def _time_window(args: argparse.Namespace, layer: Layer) -> TimeWindow | None:
    if not (args.date_from or args.date_to):
        return None
    if not layer.is_temporal:
        raise DataError(
            f"layer {layer.name!r} has no times, so --from/--to cannot apply"
        )
    tz = layer.timezone
    rng = layer.time_range()
    start = (
        _parse_when(args.date_from, tz, "--from")
        if args.date_from
        else (rng[0] if rng else pd.Timestamp("1900-01-01", tz=tz))
    )
    end = (
        _parse_when(args.date_to, tz, "--to")
        if args.date_to
        else (
            rng[1] + pd.Timedelta(nanoseconds=1)
            if rng
            else pd.Timestamp("2200-01-01", tz=tz)
        )
    )
    if end <= start:
        raise DataError(f"--to ({end.date()}) must be after --from ({start.date()})")
    return TimeWindow(start, end)


def _categories(args: argparse.Namespace, layer: Layer) -> frozenset[str] | None:
    if not args.category:
        return None
    have = layer.categories
    lower = {c.lower(): c for c in have}
    chosen = []
    for name in args.category:
        if name in have:
            chosen.append(name)
        elif name.lower() in lower:
            chosen.append(lower[name.lower()])
        else:
            raise DataError(
                f"--category {name!r} is not in layer {layer.name!r} (it has: "
                + (", ".join(repr(c) for c in have) or "no categories")
                + ")"
            )
    return frozenset(chosen)


def load_boundary(path: str | Path, crs: str) -> Any:
    """Polygons of a study area, reprojected to the working CRS (a GeoSeries)."""
    import geopandas as gpd

    polys = load_polygons(path, crs)
    return gpd.GeoSeries(polys.geometry.values, crs=crs)


def load_polygons(path: str | Path, crs: str) -> Any:
    """The polygon features of a file with their attributes, in the working CRS.

    Features that are not polygons (or have no geometry) are refused with their
    feature numbers rather than dropped silently.
    """
    import geopandas as gpd

    path = Path(path)
    if not path.exists():
        raise DataError("no such file", source=path)
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise DataError(f"cannot read polygons ({exc})", source=path) from None
    if gdf.crs is None:
        raise DataError("the boundary file has no CRS", source=path)
    geoms = gdf.geometry
    ok = geoms.notna() & geoms.geom_type.isin(["Polygon", "MultiPolygon"])
    if not ok.any():
        raise DataError("the file has no polygons", source=path)
    if not ok.all():
        bad = [int(i) + 1 for i in np.flatnonzero(~ok.to_numpy())[:5]]
        raise DataError(
            f"{int((~ok).sum())} feature(s) are not polygons (feature "
            + ", ".join(map(str, bad))
            + ("..." if (~ok).sum() > 5 else "")
            + ")",
            source=path,
        )
    out = gdf.reset_index(drop=True)
    out = out.set_geometry(out.geometry.force_2d()).to_crs(crs)
    return gpd.GeoDataFrame(out, geometry=out.geometry.name, crs=crs)


def _default_study_area(project: Any, crs: str) -> tuple[Any, str | None]:
    """The project's force-area boundary as a GeoSeries, and its layer name."""
    import geopandas as gpd

    from workstation.analysis.study_area import force_area_layer

    layer = force_area_layer(project)
    if layer is None:
        return None, None
    geoms = layer.frame.geometry.to_crs(crs)
    return gpd.GeoSeries(geoms.values, crs=crs), layer.name


def select_events(
    args: argparse.Namespace,
    progress: Progress | None = None,
    *,
    study_area_default: bool = False,
) -> Selection:
    """Read the input and apply the command's filter and weights.

    With ``study_area_default`` and a project input with no ``--boundary`` (and
    no ``--no-boundary``), the project's force-area boundary layer becomes the
    study area.
    """
    from workstation.commands._inputs import load_input, parse_kind

    layer, project = load_input(
        args.path, layer=args.layer, kind=parse_kind(args.kind), progress=progress
    )
    if len(layer) == 0:
        raise DataError(f"layer {layer.name!r} has no events", source=args.path)
    state = FilterState(
        window=_time_window(args, layer), categories=_categories(args, layer)
    )
    rows = slice_positions(layer, state)
    if len(rows) == 0:
        raise DataError(
            "no events pass the filter (check --category, --from and --to)",
            source=args.path,
        )
    xy = layer.xy[rows]
    crs = layer.crs.to_string() if layer.crs is not None else "EPSG:27700"
    warnings: list[str] = []
    weights = None
    if args.harm:
        if "category" not in layer.frame:
            raise DataError(
                f"layer {layer.name!r} has no category column to weight by harm"
            )
        from workstation.analysis.harm import HarmTableError, harm_for

        try:
            weights = harm_for(
                layer.frame["category"].to_numpy()[rows],
                table=args.harm_table,
                warnings_out=warnings,
            )
        except HarmTableError as exc:
            raise DataError(str(exc)) from None
    boundary = load_boundary(args.boundary, crs) if args.boundary else None
    study_area = str(args.boundary) if args.boundary else None
    if (
        boundary is None
        and study_area_default
        and not getattr(args, "no_boundary", False)
    ):
        boundary, name = _default_study_area(project, crs)
        if boundary is not None:
            study_area = f"project layer {name!r} (default; --no-boundary to drop it)"
    desc = {
        "input": str(args.path),
        "layer": layer.name,
        "layer_id": layer.id,
        "kind": layer.kind.value,
        "events": len(rows),
        "events_in_layer": len(layer),
        "categories": sorted(state.categories) if state.categories else None,
        "window": state.window.to_dict() if state.window else None,
        "time_precision": layer.time_precision,
        "harm_weighted": bool(args.harm),
        "crs": crs,
        "study_area": study_area,
    }
    return Selection(
        layer=layer,
        rows=rows,
        x=xy[:, 0],
        y=xy[:, 1],
        weights=weights,
        crs=crs,
        extent=parse_extent(args.extent),
        boundary=boundary,
        warnings=warnings,
        description=desc,
        project=project,
    )
