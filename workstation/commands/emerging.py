"""``workstation emerging``: emerging hot spots (ArcGIS's 17 patterns) to a GeoPackage."""

from __future__ import annotations

import argparse
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
from workstation.commands._store import add_store_args, is_store_input


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "emerging",
        "emerging hot spots: Gi* per cell and step, Mann-Kendall trend, 17 patterns",
        "workstation emerging street_crime/ --cell-m 250 --step month -o emerging.gpkg",
        description="Emerging hot spot analysis after ArcGIS: events are counted in "
        "a space-time cube of square cells by month, week or day; each bin gets a "
        "Gi* z-score over its queen cells and the steps either side (FDR-corrected), "
        "each cell a Mann-Kendall trend of its z-scores and one of 17 patterns "
        "(new_hot_spot, consecutive_hot_spot, intensifying_hot_spot, ...). Writes a "
        "GeoPackage of the analysed cells with pattern, trend_z, trend_p and counts. "
        "The trend's p-value comes by default from a permutation test (whole time "
        "steps shuffled, Gi* recomputed), which keeps about the nominal share of "
        "false trends on data with no trend; --trend-test arcgis_gi_mk reproduces "
        "ArcGIS, whose normal p calls about a fifth of trendless cells significant.",
    )
    add_input_args(p)
    p.add_argument(
        "--cell-m", type=float, required=True, metavar="C", help="cell size in metres"
    )
    p.add_argument(
        "--step",
        choices=("month", "week", "day"),
        help="time step (default: month for police.uk month data, else week)",
    )
    p.add_argument(
        "--neighbourhood-steps",
        type=int,
        default=1,
        metavar="K",
        help="steps either side in each bin's neighbourhood (default 1)",
    )
    p.add_argument(
        "--alpha",
        type=float,
        default=0.10,
        help="significance of a hot/cold bin (default 0.10: 90 %% as ArcGIS)",
    )
    p.add_argument(
        "--trend-alpha",
        type=float,
        default=0.05,
        help="significance of the Mann-Kendall trend (default 0.05)",
    )
    p.add_argument(
        "--trend-test",
        choices=("permutation", "counts_mk", "arcgis_gi_mk"),
        default="permutation",
        help="permutation (default): Mann-Kendall S of the Gi* series against "
        "shuffles of whole time steps; counts_mk: Mann-Kendall on each cell's counts; "
        "arcgis_gi_mk: ArcGIS-compatible Mann-Kendall on the Gi* series (too many "
        "false trends: about 20 %% of trendless cells at 5 %%)",
    )
    p.add_argument(
        "--permutations",
        type=int,
        default=199,
        metavar="N",
        help="permutations of the permutation trend test (default 199)",
    )
    p.add_argument(
        "--seed", type=int, default=0, help="random seed of the permutations"
    )
    p.add_argument(
        "--no-fdr",
        action="store_true",
        help="no false discovery rate correction of the bins (not recommended)",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.gpkg")
    add_store_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workstation.analysis.emerging import emerging_hotspots
    from workstation.analysis.grid import Grid
    from workstation.analysis.harm import HARM_SOURCE
    from workstation.analysis.hotspots import cells_within

    if is_store_input(args):
        from workstation.commands._store import run_emerging

        return run_emerging(args)
    out = gpkg_output(args.output)
    if not (args.cell_m > 0 and np.isfinite(args.cell_m)):
        raise DataError(f"--cell-m {args.cell_m}: must be a positive number of metres")
    if args.neighbourhood_steps < 0:
        raise DataError("--neighbourhood-steps must be 0 or more")
    if args.trend_test == "permutation" and args.permutations < 19:
        raise DataError(f"--permutations {args.permutations}: give at least 19")
    for name in ("alpha", "trend_alpha"):
        v = getattr(args, name)
        if not 0 < v < 1:
            raise DataError(f"--{name.replace('_', '-')} {v}: must be between 0 and 1")
    with ConsoleProgress("emerging") as bar:
        sel = select_events(args, SubProgress(bar, 0.0, 0.3), study_area_default=True)
        layer = sel.layer
        if not layer.is_temporal:
            raise DataError(f"layer {layer.name!r} has no times", source=args.path)
        step = args.step or ("month" if layer.time_precision == "month" else "week")
        if layer.time_precision == "month" and step != "month":
            raise DataError(
                f"--step {step}: police.uk data are monthly; use --step month",
                source=args.path,
            )
        times = layer.times_ns[sel.rows]
        extent = sel.extent
        mask = None
        if extent is None and sel.boundary is not None:
            extent = tuple(sel.boundary.total_bounds)
        if sel.boundary is not None:
            grid = Grid.covering(extent, args.cell_m, crs=sel.crs)
            mask = cells_within(grid, sel.boundary)
        try:
            result = emerging_hotspots(
                sel.x,
                sel.y,
                times,
                cell_m=args.cell_m,
                step=step,
                extent=extent,
                neighbourhood_steps=args.neighbourhood_steps,
                alpha=args.alpha,
                fdr=not args.no_fdr,
                trend_alpha=args.trend_alpha,
                trend_test=args.trend_test,
                permutations=args.permutations,
                seed=args.seed,
                weights=sel.weights,
                mask=mask,
                tz=layer.timezone,
                progress=SubProgress(bar, 0.3, 0.85),
            )
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
        note = result.method_note
        if sel.weights is not None:
            note += " Bins hold harm-weighted sums, not counts. " + HARM_SOURCE
        warnings = [*sel.warnings, *result.warnings]
        gdf = result.to_geodataframe()
        bar.update(0.9, "writing")
        write_emerging_gpkg(gdf, out, result, note, warnings, sel.description)
    summary = {
        "output": str(out),
        **sel.description,
        **result.summary(),
        "warnings": warnings,
        "method_note": note,
    }
    if args.json:
        print_json(summary)
        return 0
    print(
        f"{out}: {len(gdf):,} cells of {args.cell_m:g} m over {result.n_steps} "
        f"{step}s ({result.step_starts[0]:%Y-%m-%d} to {result.step_starts[-1]:%Y-%m-%d})"
    )
    for pat, n in result.pattern_counts().items():
        if n:
            print(f"  {pat:24s} {n:,}")
    for w in warnings:
        print(f"warning: {w}")
    print(f"\n{note}")
    return 0


def write_emerging_gpkg(
    gdf, out: Path, result, note: str, warnings, description
) -> None:
    """Cells to a GeoPackage layer 'emerging' (replacing the file), with metadata."""
    tmp = out.with_name(f".{out.name}.tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    meta = {
        "analysis": "emerging_hot_spots",
        "params": json.dumps(result.params, default=str),
        "input": json.dumps(description, default=str),
        "steps": json.dumps([s.isoformat() for s in result.step_starts]),
        "method_note": note,
        "warnings": json.dumps(list(warnings)),
    }
    try:
        gdf.to_file(
            tmp, layer="emerging", driver="GPKG", engine="pyogrio", layer_metadata=meta
        )
        tmp.replace(out)
    finally:
        if tmp.exists():
            tmp.unlink()
