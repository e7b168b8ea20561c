"""``workstation repeats``: places (or callers) with repeated events, to CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "repeats",
        "repeat locations and repeat callers: where the same place keeps coming back",
        "workstation repeats street_crime/ --from 2022-01 --to 2023-01 -o repeats.csv",
        description="Lists the places with two or more events in the window (the "
        "same point within --within-m metres; police.uk data: the same snapped "
        "'On or near' point, month precision is enough), with their location text, "
        "first and last month, the months with events, and the categories with "
        "their counts. For dated calls, --days N also counts the events that came "
        "within N days of the previous one at the same place (or, with --by "
        "COLUMN, from the same caller) and lists only places with such a repeat. "
        "A count is not a risk: there is no significance test.",
    )
    p.add_argument(
        "path",
        metavar="FILE",
        help="crime or calls file, folder or zip, or a project .gpkg",
    )
    p.add_argument("--layer", help="for a project: layer name or id")
    p.add_argument("--kind", help="for a data file: crime or demand (default: sniffed)")
    p.add_argument(
        "--category",
        action="append",
        metavar="NAME",
        help="only this crime / call type (repeat for several)",
    )
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first day or month included"
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", help="first day or month NOT included"
    )
    p.add_argument(
        "--days",
        type=float,
        metavar="N",
        help="dated layers: count repeats within N days of the previous event",
    )
    p.add_argument(
        "--by",
        default="location",
        metavar="location|COLUMN",
        help="the same place (default) or the same value of a caller column",
    )
    p.add_argument(
        "--within-m",
        type=float,
        default=1.0,
        metavar="M",
        help="points on the same M-metre lattice square are one place (default 1; "
        "e.g. 25 for geocoded calls)",
    )
    p.add_argument(
        "--min-events", type=int, default=2, help="events a place needs (default 2)"
    )
    p.add_argument("--top", type=int, default=None, help="write only the top N places")
    p.add_argument("-o", "--output", required=True, metavar="OUT.csv")
    p.set_defaults(func=run, harm=False, harm_table=None, boundary=None, extent=None)


def _check(args: argparse.Namespace) -> Path:
    out = Path(args.output)
    if out.suffix.lower() != ".csv":
        raise DataError(f"-o {out}: the output must be a .csv file")
    if not out.parent.exists():
        raise DataError("the output folder does not exist", source=out.parent)
    if args.days is not None and not args.days > 0:
        raise DataError(f"--days {args.days:g}: give a positive number of days")
    if not args.within_m > 0:
        raise DataError(f"--within-m {args.within_m:g}: give a positive distance")
    if args.min_events < 2:
        raise DataError(f"--min-events {args.min_events}: a repeat needs 2 or more")
    return out


def run(args: argparse.Namespace) -> int:
    from workstation.analysis.repeat import repeat_places
    from workstation.commands._analysis_args import select_events

    out = _check(args)
    with ConsoleProgress("repeats") as bar:
        sel = select_events(args, progress=bar)
        try:
            result = repeat_places(
                sel.layer,
                rows=sel.rows,
                days=args.days,
                key=args.by,
                min_events=args.min_events,
                round_m=args.within_m,
                top=args.top,
            )
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
        result.to_csv(out)
    if args.json:
        print_json({"output": str(out), **result.summary(), "note": result.method_note})
        return 0
    t = result.table
    print(
        f"{out}: {result.summary()['repeat_places']:,} places with {args.min_events}+ "
        f"events hold {result.n_in_repeats:,} of {result.n_events:,} events"
    )
    for r in t.head(10).itertuples(index=False):
        extra = (
            f", {r.repeats_within_days} within {args.days:g} days" if args.days else ""
        )
        who = f"{r.caller} at " if r.caller else ""
        print(
            f"  {r.rank}. {who}{r.location}: {r.events} events{extra}, {r.first} to "
            f"{r.last} ({r.categories})"
        )
    for w in result.warnings:
        print(f"warning: {w}")
    print(f"\n{result.method_note}")
    return 0
