"""``workstation hotspots``: Getis-Ord Gi* hot and cold spots on a grid, to GeoPackage."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import numpy as np

from layers.progress import ConsoleProgress, SubProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser
from workstation.commands._analysis_args import (
    add_input_args,
    gpkg_output,
    select_events,
)
from workstation.commands._store import add_store_args, is_store_input, run_hotspots


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "hotspots",
        "Gi* hot and cold spots of events per grid cell (FDR on), to a GeoPackage",
        "workstation hotspots street.csv --cell-m 150 --boundary force.gpkg "
        "-o hotspots.gpkg\n  workstation hotspots street.csv --areas lsoa.gpkg "
        "--neighbourhood queen -o lsoa_hotspots.gpkg\n  workstation hotspots "
        "project.gpkg --layer crime --cell-m 250 --statistic lisa -o lisa.gpkg",
        description="Getis-Ord Gi* on counts (or harm) per square cell, with "
        "Benjamini-Hochberg false discovery rate correction on by default. Writes "
        "a GeoPackage of cells with count, gi_z, p_value, p_fdr, hotspot_class "
        "(hot_99 ... cold_99) and significant; the method note is in the "
        "GeoPackage metadata. --statistic lisa computes Local Moran's I instead "
        "(lisa_i, lisa_q, p_sim, p_value, p_fdr, lisa_class: high_high, low_low, "
        "high_low, low_high, not_significant) with conditional permutation "
        "inference. A project with a force-area boundary layer is masked to it by "
        "default (--no-boundary for the whole rectangle).",
    )
    add_input_args(p)
    p.add_argument(
        "--cell-m",
        type=float,
        metavar="C",
        help="cell size in metres (needed unless --areas)",
    )
    p.add_argument(
        "--areas",
        metavar="FILE",
        help="count per polygon of this file (e.g. LSOAs) instead of grid cells; "
        "--neighbourhood queen or rook is then polygon contiguity",
    )
    p.add_argument(
        "--statistic",
        choices=("gi", "lisa"),
        default="gi",
        help="gi: Getis-Ord Gi* (default); lisa: Local Moran's I (clusters and "
        "outliers: high_high, low_low, high_low, low_high)",
    )
    p.add_argument(
        "--neighbourhood",
        choices=("queen", "rook", "distance", "knn"),
        default="queen",
        help="neighbours of each cell or area (default queen: 3 × 3); distance: "
        "within --distance-m (cell or area centroids); knn: the --k nearest area "
        "centroids (--areas only)",
    )
    p.add_argument(
        "--k", type=int, metavar="K", help="neighbours for --neighbourhood knn"
    )
    p.add_argument(
        "--permutations",
        type=int,
        metavar="N",
        help="conditional permutations: for lisa (default 999); for gi, adds a "
        "permutation p-value column p_perm (default none)",
    )
    p.add_argument(
        "--seed", type=int, default=12345, help="random seed of the permutations"
    )
    p.add_argument(
        "--distance-m",
        type=float,
        metavar="D",
        help="band for --neighbourhood distance, metres",
    )
    fdr = p.add_mutually_exclusive_group()
    fdr.add_argument(
        "--fdr",
        type=float,
        default=0.05,
        metavar="Q",
        help="false discovery rate for the 'significant' flag (default 0.05)",
    )
    fdr.add_argument(
        "--no-fdr",
        action="store_true",
        help="classify on unadjusted p-values (NOT recommended: many false hot spots)",
    )
    p.add_argument(
        "--significant-only",
        action="store_true",
        help="write only cells whose 'significant' is true (p_fdr <= --fdr; with "
        "--no-fdr still the FDR-adjusted p)",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.gpkg")
    add_store_args(p)
    p.set_defaults(func=run)


def _grid_of(sel, args: argparse.Namespace):
    """The lattice: the --extent as given, the boundary's or the events' bounds."""
    from workstation.analysis.grid import Grid

    if sel.extent is not None:
        bounds, align = sel.extent, False
    elif sel.boundary is not None:
        bounds, align = tuple(sel.boundary.total_bounds), True
    else:
        ok = np.isfinite(sel.x) & np.isfinite(sel.y)
        x, y = sel.x[ok], sel.y[ok]
        bounds, align = (x.min(), y.min(), x.max(), y.max()), True
    try:
        return Grid.covering(bounds, args.cell_m, crs=sel.crs, align=align)
    except ValueError as exc:
        raise DataError(str(exc), source=args.path) from None


def _lost_events(grid, mask, sel) -> list[str]:
    """Warnings for events outside the grid or outside the study area."""
    idx = grid.flat_index(sel.x, sel.y)
    out = []
    outside_grid = int((idx < 0).sum())
    if outside_grid:
        out.append(
            f"{outside_grid:,} event(s) lie outside the grid extent and are not counted."
        )
    if mask is not None:
        outside_area = int((~mask.reshape(-1)[idx[idx >= 0]]).sum())
        if outside_area:
            out.append(
                f"{outside_area:,} event(s) fall in cells outside the study area "
                "boundary and are not counted."
            )
    return out


def _permutations(args: argparse.Namespace) -> int:
    if args.permutations is None:
        return 999 if args.statistic == "lisa" else 0
    if args.permutations < (99 if args.statistic == "lisa" else 0):
        raise DataError(
            f"--permutations {args.permutations}: LISA needs at least 99"
            if args.statistic == "lisa"
            else f"--permutations {args.permutations}: must be 0 or more"
        )
    return args.permutations


def run(args: argparse.Namespace) -> int:
    from workstation.analysis.harm import HARM_SOURCE
    from workstation.analysis.hotspots import cells_within, getis_ord_hotspots

    if is_store_input(args):
        return run_hotspots(args)
    out = gpkg_output(args.output)
    if args.areas:
        return run_areas(args, out)
    if args.cell_m is None:
        raise DataError("give --cell-m (grid cells) or --areas FILE (polygons)")
    if not (args.cell_m > 0 and np.isfinite(args.cell_m)):
        raise DataError(f"--cell-m {args.cell_m}: must be a positive number of metres")
    if args.neighbourhood == "distance" and not args.distance_m:
        raise DataError("--neighbourhood distance needs --distance-m")
    if args.neighbourhood == "knn":
        raise DataError(
            "--neighbourhood knn is for --areas; cells use queen, rook or distance"
        )
    if not args.no_fdr and not (0 < args.fdr < 1):
        raise DataError(f"--fdr {args.fdr}: must be between 0 and 1")
    perms = _permutations(args)
    with ConsoleProgress("hotspots") as bar:
        sel = select_events(args, SubProgress(bar, 0.0, 0.3), study_area_default=True)
        warnings = list(sel.warnings)
        grid = _grid_of(sel, args)
        mask = cells_within(grid, sel.boundary) if sel.boundary is not None else None
        counts = grid.counts(sel.x, sel.y, weights=sel.weights)
        warnings += _lost_events(grid, mask, sel)
        try:
            if args.statistic == "lisa":
                from workstation.analysis.lisa import local_moran_grid

                result = local_moran_grid(
                    counts,
                    grid,
                    neighbourhood=args.neighbourhood,
                    distance_m=args.distance_m,
                    mask=mask,
                    fdr=args.fdr,
                    fdr_on=not args.no_fdr,
                    permutations=perms,
                    seed=args.seed,
                    progress=SubProgress(bar, 0.3, 0.8),
                )
            else:
                result = getis_ord_hotspots(
                    counts,
                    grid,
                    neighbourhood=args.neighbourhood,
                    distance_m=args.distance_m,
                    fdr=args.fdr,
                    fdr_on=not args.no_fdr,
                    mask=mask,
                    event_counts=None
                    if sel.weights is None
                    else grid.counts(sel.x, sel.y),
                    permutations=perms,
                    seed=args.seed,
                    progress=SubProgress(bar, 0.3, 0.8),
                )
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
        note = result.method_note
        if sel.weights is not None:
            note += " Cell values are harm-weighted sums, not counts. " + HARM_SOURCE
        result = dataclasses.replace(
            result, method_note=note, warnings=(*warnings, *result.warnings)
        )
        only = None
        if args.significant_only:
            only = result.cell_columns()["significant"]
        gdf = result.to_geodataframe(only=only)
        bar.update(0.9, "writing")
        write_gpkg(gdf, out, result, sel.description)
    summary = {
        "output": str(out),
        **sel.description,
        "grid": grid.to_dict(),
        "cells_written": len(gdf),
        "statistic": args.statistic,
        "neighbourhood": args.neighbourhood,
        "permutations": perms,
        "study_area": sel.description.get("study_area"),
        "fdr_on": not args.no_fdr,
        "fdr": args.fdr,
        "classes": result.summary,
        "warnings": list(result.warnings),
        "method_note": result.method_note,
    }
    if args.json:
        print_json(summary)
        return 0
    print(
        f"{out}: {len(gdf):,} cells of {grid.cell_m:g} m from "
        f"{sel.description['events']:,} events"
    )
    for cls, n in result.summary.items():
        print(f"  {cls:16s} {n:,}")
    for w in result.warnings:
        print(f"warning: {w}")
    print(f"\n{result.method_note}")
    return 0


def run_areas(args: argparse.Namespace, out: Path) -> int:
    """Gi* on counts per polygon of ``--areas``."""
    from workstation.analysis.grid import counts_per_polygon
    from workstation.analysis.harm import HARM_SOURCE
    from workstation.analysis.hotspots import getis_ord_polygons
    from workstation.commands._analysis_args import load_polygons

    if args.neighbourhood == "distance" and not args.distance_m:
        raise DataError("--neighbourhood distance needs --distance-m")
    if args.neighbourhood == "knn" and not args.k:
        raise DataError("--neighbourhood knn needs --k")
    if args.cell_m is not None:
        raise DataError("give either --cell-m or --areas, not both")
    perms = _permutations(args)
    with ConsoleProgress("hotspots") as bar:
        sel = select_events(args, SubProgress(bar, 0.0, 0.3))
        areas = load_polygons(args.areas, sel.crs)
        counts = counts_per_polygon(sel.x, sel.y, areas.geometry, sel.weights)
        total = float(sel.weights.sum()) if sel.weights is not None else len(sel.x)
        warnings = list(sel.warnings)
        if counts.sum() < total - 1e-6:
            warnings.append(
                f"{total - counts.sum():,.0f} event(s) (or harm) fall outside every "
                "area and are not counted."
            )
        try:
            if args.statistic == "lisa":
                from workstation.analysis.lisa import local_moran_polygons

                result = local_moran_polygons(
                    counts,
                    areas.geometry,
                    weights=args.neighbourhood,
                    distance_m=args.distance_m,
                    k=args.k,
                    fdr=args.fdr,
                    fdr_on=not args.no_fdr,
                    permutations=perms,
                    seed=args.seed,
                    progress=SubProgress(bar, 0.3, 0.8),
                )
            else:
                result = getis_ord_polygons(
                    counts,
                    areas.geometry,
                    contiguity=args.neighbourhood,
                    fdr=args.fdr,
                    fdr_on=not args.no_fdr,
                    event_counts=None
                    if sel.weights is None
                    else counts_per_polygon(sel.x, sel.y, areas.geometry),
                    distance_m=args.distance_m,
                    k=args.k,
                    permutations=perms,
                    seed=args.seed,
                    progress=SubProgress(bar, 0.3, 0.8),
                )
        except ValueError as exc:
            raise DataError(str(exc), source=args.areas) from None
        note = result.method_note
        if sel.weights is not None:
            note += " Area values are harm-weighted sums, not counts. " + HARM_SOURCE
        result = dataclasses.replace(
            result, method_note=note, warnings=(*warnings, *result.warnings)
        )
        gdf = result.to_geodataframe()
        attrs = areas.drop(columns=areas.geometry.name)
        for col in attrs.columns[::-1]:
            name = col if col not in gdf else f"area_{col}"
            gdf.insert(0, name, attrs[col].to_numpy())
        if args.significant_only:
            gdf = gdf[gdf["significant"]]
        bar.update(0.9, "writing")
        write_gpkg(gdf, out, result, {**sel.description, "areas": str(args.areas)})
    summary = {
        "output": str(out),
        **sel.description,
        "areas": str(args.areas),
        "areas_written": len(gdf),
        "statistic": args.statistic,
        "contiguity": args.neighbourhood,
        "permutations": perms,
        "fdr_on": not args.no_fdr,
        "fdr": args.fdr,
        "classes": result.summary,
        "warnings": list(result.warnings),
        "method_note": result.method_note,
    }
    if args.json:
        print_json(summary)
        return 0
    print(f"{out}: {len(gdf):,} areas from {sel.description['events']:,} events")
    for cls, n in result.summary.items():
        print(f"  {cls:16s} {n:,}")
    for w in result.warnings:
        print(f"warning: {w}")
    print(f"\n{result.method_note}")
    return 0


def write_gpkg(gdf, out: Path, result, description: dict) -> None:
    """Cells to a GeoPackage layer 'hotspots' (replacing the file), with metadata."""
    tmp = out.with_name(f".{out.name}.tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    meta = {
        "analysis": "local_moran"
        if result.params.get("statistic") == "lisa"
        else "getis_ord_gi_star",
        "params": json.dumps(result.params, default=str),
        "input": json.dumps(description, default=str),
        "method_note": result.method_note,
        "warnings": json.dumps(list(result.warnings)),
    }
    try:
        gdf.to_file(
            tmp,
            layer="hotspots",
            driver="GPKG",
            engine="pyogrio",
            layer_metadata=meta,
        )
        tmp.replace(out)
    finally:
        if tmp.exists():
            tmp.unlink()
