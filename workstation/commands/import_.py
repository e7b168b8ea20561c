"""``workstation import``: read, validate and reproject files into a project file."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.progress import ConsoleProgress, SubProgress
from layers.validation import DataError, ReadReport
from workstation.cli import print_json, subparser
from workstation.commands._inputs import (
    is_project_file,
    parse_columns,
    parse_kind,
    parse_mapping,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "import",
        "read, validate and reproject data files into a project file",
        "workstation import 2023-07-west-midlands-street.csv calls.csv -o project.gpkg",
        description=(
            "Read data files (police.uk street CSVs, folders or zip downloads of them, calls for\n"
            "service exports, community assets, boundary files) into a project file. Every row\n"
            "is loaded or rejected with a reason; rejected rows go to PROJECT-rejects.csv.\n"
            "Police.uk files given together become one crime layer; other files one layer each.\n"
            "An existing project file is added to (use --replace to start it afresh)."
        ),
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="files, folders or zip files"
    )
    p.add_argument("-o", "--output", metavar="PROJECT.gpkg")
    from workstation.commands._store_import import add_store_import_args

    add_store_import_args(p)
    p.add_argument(
        "--kind", help="crime, demand, asset or boundary (default: detected)"
    )
    p.add_argument(
        "--columns", help="column names for a file with no header row, comma-separated"
    )
    p.add_argument(
        "--mapping",
        help="column mapping: canonical=Source Column,... or a JSON object or .json file",
    )
    p.add_argument("--name", help="layer name (default: from the file)")
    p.add_argument(
        "--crs", help="working CRS when creating a project (default: detected)"
    )
    p.add_argument("--timezone", help="time zone of naive times (default: detected)")
    p.add_argument(
        "--replace", action="store_true", help="replace an existing project file"
    )
    p.add_argument(
        "--join-population",
        metavar="CSV",
        help="for boundary layers: join census population by area code (e.g. TS001)",
    )
    p.add_argument(
        "--join-imd",
        metavar="CSV",
        help="for boundary layers: join IMD rank and decile by area code",
    )
    p.add_argument(
        "--join",
        metavar="CSV",
        action="append",
        help="for boundary layers: join any table's columns by area code",
    )
    p.set_defaults(func=run)


def _groups(
    files: list[Path],
) -> tuple[list[tuple[str | None, list[Path]]], list[tuple[Path, str]]]:
    """Police.uk sources together as one; every other source one each.

    A folder holding several sources (a data drop: ``crime/``, ``calls/``,
    ``assets/``, ``boundaries/``) is split into them; the files in it that no
    reader recognises are returned, with the reason, to be reported.
    """
    from layers.readers import MIN_CONFIDENCE, sniff, split_sources

    police: list[Path] = []
    others: list[tuple[str | None, list[Path]]] = []
    skipped: list[tuple[Path, str]] = []
    for f in files:
        if not f.exists():
            raise DataError("no such file or folder", source=f)
        if f.is_dir():
            parts = split_sources(f)
            if len(parts.sources) > 1 or (parts.sources and parts.skipped):
                skipped.extend(parts.skipped)
                for reader, paths in parts.sources:
                    if reader == "police_uk":
                        police.extend(paths)
                    else:
                        others.append((reader, paths))
                continue
        best = sniff(f)
        # nothing fits: leave the choice to read(), which says why in one line
        fits = best.confidence >= MIN_CONFIDENCE
        reader = best.reader if fits else None
        if reader == "police_uk":
            police.append(f)
        else:
            others.append((reader, [f]))
    return ([("police_uk", police)] if police else []) + others, skipped


def run(args: argparse.Namespace) -> int:
    from layers.project import Project
    from layers.readers import read
    from layers.store import load_project, save_project

    if args.store:
        from workstation.commands._store_import import run_store_import

        return run_store_import(args)
    if not args.output:
        raise DataError("give -o PROJECT.gpkg (or --store DIR for a partitioned store)")
    out = Path(args.output)
    if out.suffix.lower() != ".gpkg":
        raise DataError("the output must be a project .gpkg file", source=out)
    kind = parse_kind(args.kind)
    mapping = parse_mapping(args.mapping)
    columns = parse_columns(args.columns)
    files = [Path(f) for f in args.files]
    if out.exists() and not args.replace:
        if not is_project_file(out):
            raise DataError(
                "exists and is not a project file (use another name)", source=out
            )
        project = load_project(out)
    else:
        project = Project()
        if args.crs:
            project.metadata.crs = args.crs
    target_crs = project.metadata.crs if project.layers or args.crs else None
    groups, skipped = (
        _groups(files)
        if kind is None and not mapping and not columns
        else ([(None, files)], [])
    )
    summaries = []
    combined = ReadReport(str(out))
    join_notes: list[str] = []
    with ConsoleProgress("import") as bar:
        for i, (reader, paths) in enumerate(groups):
            sub = SubProgress(bar, i / len(groups), (i + 1) / len(groups))
            layer = read(
                paths,
                kind=kind,
                reader=reader if kind is None else None,
                mapping=mapping,
                columns=columns,
                target_crs=target_crs,
                timezone=args.timezone,
                name=args.name if len(groups) == 1 else None,
                progress=sub,
            )
            layer, joins = _joins(layer, args)
            if not project.layers:
                project.metadata.crs = layer.crs.to_string()
                if layer.is_temporal:
                    project.metadata.timezone = layer.timezone
                target_crs = project.metadata.crs
            project.add_layer(layer)
            project.record(
                "import",
                {
                    "files": [str(p) for p in paths],
                    "reader": layer.provenance.get("reader"),
                    "kind": layer.kind.value,
                    "rows_loaded": len(layer),
                    "rows_rejected": layer.report.rows_rejected if layer.report else 0,
                    "joins": [j.to_dict() for j in joins],
                },
                inputs=[layer],
            )
            if layer.report is not None:
                combined.merge(layer.report)
            summaries.append(layer)
            join_notes.extend(j.summary() for j in joins)
        save_project(project, out, progress=SubProgress(bar, 0.98, 1.0))
    rejects_path = None
    if combined.rejected:
        rejects_path = out.with_name(out.stem + "-rejects.csv")
        combined.write_rejects_csv(rejects_path)
    if args.json:
        print_json(
            {
                "project": str(out),
                "rejects_csv": str(rejects_path) if rejects_path else None,
                "layers": [lyr.describe() for lyr in summaries],
                "joins": join_notes,
                "skipped": [{"path": str(p), "reason": r} for p, r in skipped],
            }
        )
    else:
        for lyr in summaries:
            rep = lyr.report
            line = f"{lyr.name} ({lyr.kind.value}): {len(lyr):,} rows loaded"
            if rep is not None:
                line += f", {rep.rows_rejected:,} rejected"
                if rep.by_reason():
                    line += (
                        " ("
                        + "; ".join(f"{k}: {v:,}" for k, v in rep.by_reason().items())
                        + ")"
                    )
            print(line)
            for w in rep.warnings if rep else []:
                print(f"  warning: {w}")
            for n in rep.notes if rep else []:
                if n.startswith("skipped "):  # files in a folder or zip not read
                    print(f"  {n}")
        said = " ".join(n for lyr in summaries if lyr.report for n in lyr.report.notes)
        for note in join_notes:
            print(f"join: {note}")
        for path, why in skipped:
            if f"skipped {path}:" not in said:
                print(f"skipped {path}: not imported ({why})")
        print(
            f"saved {out}"
            + (f"; rejected rows in {rejects_path}" if rejects_path else "")
        )
    return 0


def _joins(layer, args: argparse.Namespace):
    """Apply the --join* options to a boundary layer; other kinds are left alone."""
    from layers.joins import join_attributes, join_census_population, join_imd
    from layers.kinds import LayerKind

    wanted = bool(args.join_population or args.join_imd or args.join)
    if not wanted:
        return layer, []
    if layer.kind != LayerKind.BOUNDARY:
        return layer, []
    reports = []
    if args.join_population:
        layer, rep = join_census_population(layer, args.join_population)
        reports.append(rep)
    if args.join_imd:
        layer, rep = join_imd(layer, args.join_imd)
        reports.append(rep)
    for path in args.join or []:
        layer, rep = join_attributes(layer, path)
        reports.append(rep)
    return layer, reports
