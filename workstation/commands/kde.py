"""``workstation kde``: a kernel density surface as a GeoTIFF."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.progress import ConsoleProgress, SubProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser
from workstation.commands._analysis_args import add_input_args, select_events
from workstation.commands._store import add_store_args, is_store_input


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "kde",
        "kernel density surface (events per km²) written as a GeoTIFF",
        "workstation kde street.csv --bandwidth-m 400 --cell-m 50 "
        "--category Burglary --from 2024-01 --to 2024-07 -o burglary.tif",
        description="Kernel density estimate of events per km² at cell centres: a "
        "single-band float32 GeoTIFF, north-up, in the working CRS, grid origin on "
        "a multiple of the cell size unless --extent gives it. The method note "
        "and parameters are stored in the file's metadata.",
    )
    add_input_args(p)
    p.add_argument(
        "--bandwidth-m",
        type=float,
        default=400.0,
        metavar="H",
        help="kernel bandwidth in metres (search radius; standard deviation for "
        "gaussian) (default 400)",
    )
    p.add_argument(
        "--cell-m",
        type=float,
        default=50.0,
        metavar="C",
        help="cell size in metres (default 50)",
    )
    p.add_argument(
        "--kernel",
        choices=("quartic", "gaussian", "triangular", "uniform"),
        default="quartic",
        help="kernel shape (default quartic)",
    )
    p.add_argument(
        "--method",
        choices=("auto", "binned_fft", "exact"),
        default="auto",
        help="evaluation method (default auto)",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.tif")
    add_store_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workstation.analysis.kde import kde_surface
    from workstation.analysis.raster import write_geotiff

    out = Path(args.output)
    if out.suffix.lower() not in (".tif", ".tiff"):
        raise DataError(f"-o {out}: the output must be a .tif GeoTIFF")
    if not out.parent.exists():
        raise DataError("the output folder does not exist", source=out.parent)
    if is_store_input(args):
        from workstation.commands._store import run_kde

        return run_kde(args, out)
    with ConsoleProgress("kde") as bar:
        sel = select_events(args, SubProgress(bar, 0.0, 0.3))
        mask = None
        try:
            result = kde_surface(
                sel.x,
                sel.y,
                bandwidth_m=args.bandwidth_m,
                cell_m=args.cell_m,
                extent=sel.extent,
                weights=sel.weights,
                kernel=args.kernel,
                method=args.method,
                crs=sel.crs,
                progress=SubProgress(bar, 0.3, 0.95),
            )
            if sel.boundary is not None:
                from workstation.analysis.hotspots import cells_within

                mask = cells_within(result.grid, sel.boundary)
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
        if mask is not None:
            import dataclasses

            result = dataclasses.replace(result, mask=mask)
        write_geotiff(result, out)
    warnings = [*sel.warnings, *result.warnings]
    summary = {
        "output": str(out),
        **sel.description,
        "grid": result.grid.to_dict(),
        "bandwidth_m": result.bandwidth_m,
        "kernel": result.kernel,
        "method": result.method,
        "units": result.units,
        "peak": result.peak,
        "total_weight": result.total_weight,
        "edge_loss": result.edge_loss,
        "sampling_error": result.sampling_error,
        "cells_in_study_area": int(mask.sum())
        if mask is not None
        else result.grid.size,
        "warnings": warnings,
        "method_note": result.method_note,
    }
    if args.json:
        print_json(summary)
        return 0
    g = result.grid
    print(
        f"{out}: {g.nx} × {g.ny} cells of {g.cell_m:g} m, {sel.description['events']:,} "
        f"events, peak {result.peak:,.1f} {result.units}"
    )
    print(
        f"edge loss {result.edge_loss:.2%} (kernel mass outside the grid); "
        f"sampling error {result.sampling_error:+.2%}; method {result.method}"
    )
    for w in warnings:
        print(f"warning: {w}")
    print(f"\n{result.method_note}")
    return 0
