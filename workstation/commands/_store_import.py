"""``workstation import FILE... --store DIR``: files into a partitioned GeoParquet store."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.validation import DataError
from workstation.cli import print_json


def add_store_import_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("into a partitioned store (for national volumes)")
    g.add_argument(
        "--store",
        metavar="DIR",
        help="write the rows as GeoParquet partitioned by force and month under DIR "
        "(instead of -o PROJECT.gpkg); each file is read on its own, in parallel",
    )
    g.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="with --store: an existing dask.distributed scheduler (default: a local "
        "cluster of this machine's cores)",
    )
    g.add_argument("--workers", type=int, metavar="N", help="local cluster workers")


def run_store_import(args: argparse.Namespace) -> int:
    from layers.cluster import dask_client
    from layers.store_import import import_to_store
    from workstation.commands._inputs import parse_kind

    if args.output:
        raise DataError("give either -o PROJECT.gpkg or --store DIR, not both")
    if (
        args.mapping
        or args.columns
        or args.join
        or args.join_population
        or args.join_imd
    ):
        raise DataError(
            "--store takes police.uk-style files as they come: "
            "--mapping, --columns and joins are for -o PROJECT.gpkg"
        )
    root = Path(args.store)
    if root.exists() and not root.is_dir():
        raise DataError("exists and is not a folder", source=root)
    with dask_client(args.scheduler, workers=args.workers) as client:
        layer, skipped = import_to_store(
            [Path(f) for f in args.files],
            root,
            client=client,
            name=args.name or "Street crime",
            kind=parse_kind(args.kind),
            target_crs=args.crs,
            timezone=args.timezone,
        )
    summary = {
        "store": str(root.resolve()),
        "layer": layer.name,
        "rows_total": layer.rows_total,
        "rows_loaded": layer.rows,
        "rows_rejected": layer.rows_rejected,
        "partitions": len(layer.partitions),
        "forces": len(layer.forces),
        "months": len(layer.months),
        "skipped": [{"file": f, "why": w} for f, w in skipped],
    }
    if args.json:
        print_json(summary)
        return 0
    print(
        f"{root}: {layer.rows:,} of {layer.rows_total:,} rows loaded, "
        f"{layer.rows_rejected:,} rejected (see {root / '_rejects'}); "
        f"{len(layer.partitions):,} partitions, {len(layer.forces)} forces, "
        f"{len(layer.months)} months"
    )
    for f, why in skipped:
        print(f"skipped {f}: {why}")
    return 0
