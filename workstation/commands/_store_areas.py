"""``workstation hotspots STORE --areas FILE``: Gi* on counts per polygon from the store."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from layers.validation import DataError


def run_hotspots_areas(args: argparse.Namespace, out: Path) -> int:
    """Counts per polygon aggregated on the cluster, then the in-memory Gi* on them."""
    from layers.cluster import describe
    from workstation.analysis.distributed_areas import polygon_counts
    from workstation.analysis.hotspots import getis_ord_polygons
    from workstation.cli import print_json
    from workstation.commands._analysis_args import load_polygons
    from workstation.commands._store import cluster_for, select_store
    from workstation.commands.hotspots import _permutations, write_gpkg

    if args.cell_m is not None:
        raise DataError("give either --cell-m or --areas, not both")
    if getattr(args, "statistic", "gi") == "lisa":
        raise DataError("--statistic lisa is not available on a store yet; use Gi*")
    with cluster_for(args) as client:
        ss = select_store(args, client)
        areas = load_polygons(args.areas, ss.layer.crs)
        counts = polygon_counts(ss.layer, areas, client, sel=ss.sel, weights=ss.weights)
        plain = (
            counts
            if ss.weights is None
            else polygon_counts(ss.layer, areas, client, sel=ss.sel)
        )
        engine = describe(client)
    try:
        result = getis_ord_polygons(
            counts,
            areas.geometry,
            contiguity=args.neighbourhood,
            fdr=args.fdr,
            fdr_on=not args.no_fdr,
            event_counts=None if ss.weights is None else plain,
            distance_m=args.distance_m,
            k=args.k,
            permutations=_permutations(args),
            seed=args.seed,
        )
    except ValueError as exc:
        raise DataError(str(exc), source=args.areas) from None
    note = f"{result.method_note} Counts per area were aggregated from the store on {engine}."
    result = dataclasses.replace(
        result, method_note=note, warnings=(*ss.warnings, *result.warnings)
    )
    gdf = result.to_geodataframe()
    attrs = areas.drop(columns=areas.geometry.name)
    for col in attrs.columns[::-1]:
        gdf.insert(0, col if col not in gdf else f"area_{col}", attrs[col].to_numpy())
    if args.significant_only:
        gdf = gdf[gdf["significant"]]
    desc = {**ss.description, "events": int(plain.sum()), "areas": str(args.areas)}
    write_gpkg(gdf, out, result, desc)
    if args.json:
        print_json({"output": str(out), **desc, "areas_written": len(gdf),
                    "classes": result.summary, "method_note": result.method_note})  # fmt: skip
    else:
        print(f"{out}: {len(gdf):,} areas from {int(plain.sum()):,} events")
        print(f"\n{result.method_note}")
    return 0
