"""``workstation scan``: the horizon scan, to a ranked CSV or a readable HTML report."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import ConsoleProgress, SubProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "scan",
        "horizon scan: what is rising, where, how sure and how harmful",
        "workstation scan street_crime/ calls.csv --areas wards.gpkg -o scan.html",
        description="Tests the latest period (last month for police.uk data, last 28 "
        "days otherwise) of every category x area (whole area, each --areas "
        "boundary layer, grid cells) against the level expected from its history "
        "(seasonal trend or same period last year), with a negative-binomial test "
        "and Benjamini-Hochberg FDR across all tests, ranks the rising items by "
        "harm-weighted excess and adds emerging hot spots and new near-repeat "
        "clusters. Writes a CSV table or a self-contained HTML report.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="FILE",
        help="crime and/or calls files or folders, or a project .gpkg (all its crime, "
        "calls and boundary layers)",
    )
    p.add_argument(
        "--areas",
        action="append",
        default=[],
        metavar="BOUNDARY_FILE",
        help="polygons to scan by (wards, LSOAs, districts...); repeat for several",
    )
    p.add_argument(
        "--cell-m",
        type=float,
        default=500.0,
        metavar="C",
        help="grid cells scanned as areas and used for emerging hot spots "
        "(default 500; 0 to skip)",
    )
    p.add_argument(
        "--period",
        choices=("auto", "month", "28d"),
        default="auto",
        help="latest period: calendar month, 28 days, or auto (month for police.uk)",
    )
    p.add_argument(
        "--end",
        metavar="DATE",
        help="for 28-day periods: the end (exclusive) of the latest period",
    )
    p.add_argument(
        "--fdr", type=float, default=0.05, help="false discovery rate (default 0.05)"
    )
    p.add_argument(
        "--min-count",
        type=int,
        default=5,
        help="events needed in the latest period for a significant item (default 5)",
    )
    p.add_argument(
        "--no-emerging", action="store_true", help="leave out emerging hot spots"
    )
    p.add_argument(
        "--no-near-repeat", action="store_true", help="leave out near-repeat clusters"
    )
    p.add_argument(
        "--marking",
        default="",
        help="protective marking shown top and bottom of the HTML report (default: "
        "the project's); one below a project's needs --downgrade-reason",
    )
    p.add_argument(
        "--downgrade-reason",
        metavar="TEXT",
        help="why the report may carry a marking below the project's",
    )
    p.add_argument("-o", "--output", required=True, metavar="REPORT.html|.csv")
    p.set_defaults(func=run)


def _inputs(
    args: argparse.Namespace, progress
) -> tuple[list[Layer], list[Layer], list[tuple[str, tuple[str, str]]]]:
    """Event layers, area layers and the markings of the projects among the inputs."""
    from workstation.commands._inputs import is_project_file

    markings: list[tuple[str, tuple[str, str]]] = []
    events: list[Layer] = []
    areas: list[Layer] = []
    for path in args.paths:
        p = Path(path)
        if not p.exists():
            raise DataError("no such file or folder", source=p)
        if is_project_file(p):
            from layers.store import load_project

            project = load_project(p)
            md = project.metadata
            markings.append((str(p), (md.marking, md.marking_descriptor)))
            events += project.layers_of(LayerKind.CRIME, LayerKind.DEMAND)
            areas += project.layers_of(LayerKind.BOUNDARY)
            continue
        from layers.readers import read

        lyr = read([p], progress=progress)
        if lyr.kind == LayerKind.BOUNDARY:
            areas.append(lyr)
        elif lyr.kind in (LayerKind.CRIME, LayerKind.DEMAND):
            events.append(lyr)
        else:
            raise DataError(
                f"a {lyr.kind.value} layer cannot be scanned; give crime or calls data",
                source=p,
            )
    for path in args.areas:
        from layers.readers import read

        p = Path(path)
        if not p.exists():
            raise DataError("no such file", source=p)
        areas.append(read([p], kind=LayerKind.BOUNDARY, progress=progress))
    if not events:
        raise DataError("no crime or calls data to scan", source=args.paths[0])
    return events, areas, markings


def _report_marking(
    args: argparse.Namespace, markings: list[tuple[str, tuple[str, str]]]
) -> str:
    """The report's marking: as given, else the highest of the projects'.

    One that lowers a project's marking (:func:`layers.marking.lowering`) is
    refused without ``--downgrade-reason``; an unknown classification is refused.
    """
    from layers.marking import clean_reason, lowering_phrase, marking_rank, marking_str

    given = " ".join(args.marking.split()).upper()
    if not given and markings:
        top = max(markings, key=lambda m: marking_rank(m[1][0]) or 0)
        given = marking_str(top[1])
    if given and marking_rank(given) is None:
        raise DataError(
            f"unknown protective marking {args.marking!r}; it must start with one "
            "of OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET",
            column="--marking",
        )
    reason = args.downgrade_reason = clean_reason(args.downgrade_reason)
    lowered = [
        (path, why)
        for path, m in markings
        if (why := lowering_phrase(m, given, "the report's marking"))
    ]
    if lowered and not reason:
        raise DataError(
            f"{lowered[0][1]}; give --downgrade-reason TEXT to mark it lower",
            source=lowered[0][0],
        )
    if reason and not lowered:
        raise DataError(
            f"--downgrade-reason given, but {given or 'no marking'} lowers no "
            "project's marking"
        )
    return given


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from workstation.analysis.scan import horizon_scan

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".csv"):
        raise DataError(f"-o {out}: the output must be .html or .csv")
    if not out.parent.exists():
        raise DataError("the output folder does not exist", source=out.parent)
    if not 0 < args.fdr < 1:
        raise DataError(f"--fdr {args.fdr}: must be between 0 and 1")
    if args.cell_m < 0:
        raise DataError(f"--cell-m {args.cell_m}: must be 0 (none) or positive metres")
    end = None
    if args.end:
        try:
            end = pd.Timestamp(args.end)
        except ValueError:
            raise DataError(f"--end {args.end!r}: not a date (YYYY-MM-DD)") from None
    with ConsoleProgress("scan") as bar:
        events, areas, markings = _inputs(args, SubProgress(bar, 0.0, 0.3))
        marking = _report_marking(args, markings)
        if end is not None and end.tzinfo is None:
            end = end.tz_localize(events[0].timezone)
        try:
            result = horizon_scan(
                events,
                areas=areas,
                cell_m=args.cell_m or None,
                period=args.period,
                end=end,
                fdr=args.fdr,
                min_count=args.min_count,
                emerging=not args.no_emerging,
                near_repeat=not args.no_near_repeat,
                progress=SubProgress(bar, 0.3, 1.0),
            )
        except ValueError as exc:
            raise DataError(str(exc), source=args.paths[0]) from None
        if suffix == ".csv":
            result.to_csv(out)
        else:
            result.to_html(out, marking=marking)
    summary = {
        "output": str(out),
        "marking": marking if suffix != ".csv" else "",
        **(
            {"downgrade_reason": args.downgrade_reason} if args.downgrade_reason else {}
        ),
        **result.summary(),
        "method_note": result.method_note,
    }
    if args.json:
        print_json(summary)
        return 0
    sig = result.significant()
    print(
        f"{out}: {len(sig):,} significant rising items (p_fdr <= {args.fdr:g}) of "
        f"{result.n_tests:,} tests"
    )
    for r in sig.head(15).itertuples(index=False):
        print(f"  {r.rank}. {r.message}")
    chains = result.untested()
    if len(chains):
        print(f"{len(chains):,} new near-repeat chains (no significance test):")
        for r in chains.head(5).itertuples(index=False):
            print(f"  {r.rank}. {r.message}")
    for w in result.warnings:
        print(f"warning: {w}")
    return 0
