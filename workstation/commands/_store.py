"""The analysis commands on a partitioned store: the same options, run on a Dask cluster.

``workstation hotspots STORE --cell-m 250 ...`` (and ``kde``, ``emerging``) reach here when the
input is a store folder (``workstation import ... --store DIR``). The events are never loaded
together: each force's partitions are counted on a worker, the sparse partials are added into the
lattice or cube, and the statistic runs on that with the same function as the in-memory path.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from layers.store_parquet import StoreLayer, is_store, store_layer
from layers.validation import DataError
from workstation.analysis.distributed import Selection, store_categories, store_extent
from workstation.analysis.grid import Grid
from workstation.commands._analysis_args import _parse_when, load_boundary, parse_extent


def add_store_args(p: argparse.ArgumentParser) -> None:
    """``--scheduler`` and ``--workers``, for an input that is a store."""
    g = p.add_argument_group("on a store (workstation import --store DIR)")
    g.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="an existing dask.distributed scheduler; default: a local cluster of "
        "this machine's cores, started and stopped by the command",
    )
    g.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes of the local cluster (default: one per core)",
    )


def is_store_input(args: argparse.Namespace) -> bool:
    return is_store(args.path)


@dataclass
class StoreSelection:
    """What a store command runs on: the layer, its row selection and harm weights."""

    layer: StoreLayer
    sel: Selection
    weights: dict[str, float] | None
    extent: tuple[float, float, float, float] | None
    boundary: Any = None
    warnings: list[str] = field(default_factory=list)
    description: dict[str, Any] = field(default_factory=dict)


def _categories(
    args, cats: dict[str, int], layer: StoreLayer
) -> tuple[str, ...] | None:
    if not args.category:
        return None
    lower = {c.lower(): c for c in cats}
    chosen = []
    for name in args.category:
        if name.lower() not in lower:
            raise DataError(
                f"--category {name!r} is not in layer {layer.name!r} (it has: "
                + ", ".join(repr(c) for c in cats)
                + ")"
            )
        chosen.append(lower[name.lower()])
    return tuple(chosen)


def _utc_ns(t: pd.Timestamp | None) -> int | None:
    return None if t is None else int(t.tz_convert("UTC").value)


def _window(args, layer: StoreLayer) -> tuple[int | None, int | None]:
    tz = layer.timezone
    start = _parse_when(args.date_from, tz, "--from") if args.date_from else None
    end = _parse_when(args.date_to, tz, "--to") if args.date_to else None
    if start is not None and end is not None and end <= start:
        raise DataError(f"--to ({end.date()}) must be after --from ({start.date()})")
    return _utc_ns(start), _utc_ns(end)


def select_store(args: argparse.Namespace, client: Any) -> StoreSelection:
    """The store layer and the command's filter and weights (read from the manifest)."""
    layer = store_layer(args.path, args.layer)
    cats = store_categories(layer, client)
    start, end = _window(args, layer)
    sel = Selection(
        start_ns=start, end_ns=end, categories=_categories(args, cats, layer)
    )
    warnings: list[str] = []
    weights = None
    if args.harm:
        from workstation.analysis.harm import HarmTableError, harm_for

        names = list(cats)
        try:
            w = harm_for(
                np.array(names, dtype=object),
                table=args.harm_table,
                warnings_out=warnings,
            )
        except HarmTableError as exc:
            raise DataError(str(exc)) from None
        weights = {n: float(v) for n, v in zip(names, w, strict=True)}
    boundary = load_boundary(args.boundary, layer.crs) if args.boundary else None
    desc = {
        "input": str(args.path),
        "store": True,
        "layer": layer.name,
        "kind": layer.kind.value,
        "events_in_layer": layer.rows,
        "partitions": len(layer.partitions),
        "forces": len(layer.forces),
        "categories": sorted(sel.categories) if sel.categories else None,
        "window": {"start_ns": start, "end_ns": end} if (start or end) else None,
        "time_precision": layer.time_precision,
        "harm_weighted": bool(args.harm),
        "crs": layer.crs,
    }
    return StoreSelection(
        layer, sel, weights, parse_extent(args.extent), boundary, warnings, desc
    )


def store_grid(ss: StoreSelection, cell_m: float, client: Any) -> Grid:
    """The grid of an explicit extent, else of the boundary, else of the selected events."""
    try:
        if ss.extent is not None:
            return Grid.covering(ss.extent, cell_m, crs=ss.layer.crs, align=False)
        if ss.boundary is not None:
            return Grid.covering(
                tuple(ss.boundary.total_bounds), cell_m, crs=ss.layer.crs
            )
        bounds, n = store_extent(ss.layer, client, ss.sel)
    except ValueError as exc:
        raise DataError(str(exc), source=ss.layer.root) from None
    ss.description["events"] = n
    return Grid.covering(bounds, cell_m, crs=ss.layer.crs)


def cluster_for(args: argparse.Namespace):
    from layers.cluster import dask_client

    return dask_client(args.scheduler, workers=args.workers)


def run_hotspots(args: argparse.Namespace) -> int:
    """``workstation hotspots STORE --cell-m C``: Gi* on the store's lattice."""
    import dataclasses

    from layers.cluster import describe
    from workstation.analysis.distributed import grid_counts
    from workstation.analysis.hotspots import cells_within, getis_ord_hotspots
    from workstation.cli import print_json
    from workstation.commands._analysis_args import gpkg_output
    from workstation.commands.hotspots import write_gpkg

    out = gpkg_output(args.output)
    if args.areas:
        from workstation.commands._store_areas import run_hotspots_areas

        return run_hotspots_areas(args, out)
    if args.cell_m is None or not (args.cell_m > 0 and np.isfinite(args.cell_m)):
        raise DataError("give --cell-m, a positive number of metres")
    with cluster_for(args) as client:
        ss = select_store(args, client)
        grid = store_grid(ss, args.cell_m, client)
        counts = grid_counts(ss.layer, grid, client, sel=ss.sel, weights=ss.weights)
        plain = (
            counts
            if ss.weights is None
            else grid_counts(ss.layer, grid, client, sel=ss.sel)
        )
        engine = describe(client)
    ss.description.setdefault("events", int(plain.sum()))
    mask = cells_within(grid, ss.boundary) if ss.boundary is not None else None
    try:
        result = getis_ord_hotspots(
            counts,
            grid,
            neighbourhood=args.neighbourhood,
            distance_m=args.distance_m,
            fdr=args.fdr,
            fdr_on=not args.no_fdr,
            mask=mask,
            event_counts=None if ss.weights is None else plain,
        )
    except ValueError as exc:
        raise DataError(str(exc), source=args.path) from None
    note = f"{result.method_note} Counts were aggregated from the store on {engine}."
    result = dataclasses.replace(
        result, method_note=note, warnings=(*ss.warnings, *result.warnings)
    )
    only = result.cell_columns()["significant"] if args.significant_only else None
    gdf = result.to_geodataframe(only=only)
    write_gpkg(gdf, out, result, ss.description)
    summary = {
        "output": str(out),
        **ss.description,
        "grid": grid.to_dict(),
        "cells_written": len(gdf),
        "classes": result.summary,
        "warnings": list(result.warnings),
        "method_note": result.method_note,
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"{out}: {len(gdf):,} cells of {grid.cell_m:g} m from {int(plain.sum()):,} events"
        )
        for cls, n in result.summary.items():
            print(f"  {cls:16s} {n:,}")
        print(f"\n{result.method_note}")
    return 0


def run_kde(args: argparse.Namespace, out) -> int:
    """``workstation kde STORE``: binned per partition on the cluster, one FFT here."""
    from layers.cluster import describe
    from workstation.analysis.distributed import kde_from_store
    from workstation.analysis.raster import write_geotiff
    from workstation.cli import print_json

    if args.method == "exact":
        raise DataError(
            "--method exact is not available on a store (binned_fft is used)"
        )
    with cluster_for(args) as client:
        ss = select_store(args, client)
        extent = ss.extent
        if extent is None and ss.boundary is not None:
            extent = tuple(ss.boundary.total_bounds)
        try:
            result = kde_from_store(
                ss.layer,
                client,
                bandwidth_m=args.bandwidth_m,
                cell_m=args.cell_m,
                extent=extent,
                sel=ss.sel,
                weights=ss.weights,
                kernel=args.kernel,
            )
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
        engine = describe(client)
    import dataclasses

    note = f"{result.method_note} Binned per partition on {engine}, then one FFT."
    result = dataclasses.replace(result, method_note=note)
    write_geotiff(result, out)
    g = result.grid
    summary = {
        "output": str(out),
        **ss.description,
        "grid": g.to_dict(),
        "events": result.n_events,
        "units": result.units,
        "peak": result.peak,
        "edge_loss": result.edge_loss,
        "warnings": [*ss.warnings, *result.warnings],
        "method_note": note,
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"{out}: {g.nx} × {g.ny} cells of {g.cell_m:g} m, {result.n_events:,} events, "
            f"peak {result.peak:,.1f} {result.units}; edge loss {result.edge_loss:.2%}"
        )
        print(f"\n{note}")
    return 0


def run_emerging(args: argparse.Namespace) -> int:
    """``workstation emerging STORE --cell-m C``: the month × cell cube from the cluster."""
    import dataclasses

    from layers.cluster import describe
    from workstation.analysis.distributed import cube_counts
    from workstation.analysis.emerging import emerging_from_cube
    from workstation.analysis.hotspots import cells_within
    from workstation.cli import print_json
    from workstation.commands._analysis_args import gpkg_output
    from workstation.commands.emerging import write_emerging_gpkg

    out = gpkg_output(args.output)
    if args.step not in (None, "month"):
        raise DataError("a store is partitioned by month: use --step month")
    with cluster_for(args) as client:
        ss = select_store(args, client)
        grid = store_grid(ss, args.cell_m, client)
        cube, months = cube_counts(
            ss.layer, grid, client, sel=ss.sel, weights=ss.weights
        )
        engine = describe(client)
    mask = cells_within(grid, ss.boundary) if ss.boundary is not None else None
    starts = [pd.Timestamp(m + "-01").tz_localize(ss.layer.timezone) for m in months]
    try:
        result = emerging_from_cube(
            cube,
            grid,
            starts,
            step="month",
            mask=mask,
            neighbourhood_steps=args.neighbourhood_steps,
            alpha=args.alpha,
            fdr=not args.no_fdr,
            trend_alpha=args.trend_alpha,
            trend_test=args.trend_test,
            permutations=args.permutations,
            seed=args.seed,
            weighted=ss.weights is not None,
            tz=ss.layer.timezone,
        )
    except ValueError as exc:
        raise DataError(str(exc), source=args.path) from None
    note = f"{result.method_note} The cube was aggregated from the store on {engine}."
    result = dataclasses.replace(result, method_note=note)
    warnings = [*ss.warnings, *result.warnings]
    gdf = result.to_geodataframe()
    write_emerging_gpkg(gdf, out, result, note, warnings, ss.description)
    summary = {
        "output": str(out),
        **ss.description,
        **result.summary(),
        "warnings": warnings,
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"{out}: {len(gdf):,} cells of {args.cell_m:g} m over {result.n_steps} months"
        )
        for pat, n in result.pattern_counts().items():
            if n:
                print(f"  {pat:24s} {n:,}")
        print(f"\n{note}")
    return 0
