"""``workstation nearrepeat``: Knox near-repeat table over space x time bands, to CSV."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from layers.progress import ConsoleProgress, SubProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser
from workstation.commands._analysis_args import _categories, _time_window


def _bands(text: str, option: str) -> list[float]:
    try:
        vals = [float(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise DataError(
            f"{option} {text!r}: give numbers separated by commas"
        ) from None
    if len(vals) < 2 or any(b <= a for a, b in itertools.pairwise(vals)):
        raise DataError(
            f"{option} {text!r}: give at least two increasing edges, e.g. 0,100,200"
        )
    if vals[0] < 0:
        raise DataError(f"{option} {text!r}: edges cannot be negative")
    return vals


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "nearrepeat",
        "Knox near-repeat test: pairs close in space and time against chance, to CSV",
        "workstation nearrepeat burglary_extract.csv --space-bands 0,100,200,400 "
        "--time-bands 0,7,14,28 -o knox.csv",
        description="Counts pairs of events by distance band (metres) and time band "
        "(days), against the number expected if times were unrelated to places "
        "(times permuted). Writes space_band, time_band, observed, expected, "
        "knox_ratio, p_value (one-sided, permutation). Needs dated events: "
        "police.uk month-precision data are refused.",
    )
    p.add_argument(
        "path",
        metavar="FILE",
        help="dated events: a calls export, a force crime extract or a project .gpkg",
    )
    p.add_argument("--layer", help="for a project: layer name or id")
    p.add_argument("--kind", help="for a data file: crime or demand (default: sniffed)")
    p.add_argument(
        "--mapping",
        help="column mapping for an extract the reader cannot guess, e.g. "
        "'category=Crime Type,occurred_at=Committed Date Time,easting=Easting,"
        "northing=Northing'",
    )
    p.add_argument(
        "--category",
        action="append",
        metavar="NAME",
        help="only this crime / call type (repeat for several)",
    )
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first day included"
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", help="first day NOT included"
    )
    p.add_argument(
        "--space-bands",
        default="0,100,200,400",
        metavar="M,M,...",
        help="distance band edges in metres (default 0,100,200,400; 0,500 is one "
        "band of 0-500 m)",
    )
    p.add_argument(
        "--same-location-band",
        action="store_true",
        help="with a leading 0: give pairs at exactly the same point (0 m) a band of "
        "their own",
    )
    p.add_argument(
        "--time-bands",
        default="0,7,14,28",
        metavar="D,D,...",
        help="time band edges in days (default 0,7,14,28)",
    )
    p.add_argument(
        "--permutations",
        type=int,
        default=999,
        help="random permutations of the times (default 999)",
    )
    p.add_argument(
        "--seed", type=int, default=None, help="random seed (repeatable runs)"
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.csv")
    p.set_defaults(func=run, harm=False, harm_table=None, boundary=None, extent=None)


def run(args: argparse.Namespace) -> int:
    from layers.filtering import FilterState, slice_positions
    from workstation.analysis.repeat import MONTHLY_REFUSAL, knox_test, layer_days
    from workstation.commands._inputs import load_input, parse_kind, parse_mapping

    out = Path(args.output)
    if out.suffix.lower() != ".csv":
        raise DataError(f"-o {out}: the output must be a .csv file")
    if not out.parent.exists():
        raise DataError("the output folder does not exist", source=out.parent)
    space = _bands(args.space_bands, "--space-bands")
    time = _bands(args.time_bands, "--time-bands")
    if args.permutations < 0:
        raise DataError("--permutations must be 0 or more")
    with ConsoleProgress("nearrepeat") as bar:
        layer, _ = load_input(
            args.path,
            layer=args.layer,
            kind=parse_kind(args.kind),
            mapping=parse_mapping(args.mapping),
            progress=SubProgress(bar, 0.0, 0.2),
        )
        if not layer.is_temporal:
            raise DataError(f"layer {layer.name!r} has no times", source=args.path)
        if layer.time_precision == "month":
            raise DataError(MONTHLY_REFUSAL, source=args.path, column="occurred_at")
        state = FilterState(
            window=_time_window(args, layer), categories=_categories(args, layer)
        )
        rows = slice_positions(layer, state)
        if len(rows) < 3:
            raise DataError(
                f"{len(rows)} events pass the filter; the Knox test needs at least 3",
                source=args.path,
            )
        xy = layer.xy[rows]
        t = layer_days(layer)[rows]
        description = {
            "input": str(args.path),
            "layer": layer.name,
            "kind": layer.kind.value,
            "events": len(rows),
            "categories": sorted(state.categories) if state.categories else None,
            "window": state.window.to_dict() if state.window else None,
            "time_precision": layer.time_precision,
        }
        try:
            result = knox_test(
                xy[:, 0],
                xy[:, 1],
                t,
                space_bands_m=space,
                time_bands_days=time,
                permutations=args.permutations,
                seed=args.seed,
                same_location_band=args.same_location_band,
                progress=SubProgress(bar, 0.2, 1.0),
            )
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
        result.to_csv(out)
    summary = {
        "output": str(out),
        **description,
        **result.summary(),
        "table": result.table.to_dict(orient="records"),
        "method_note": result.method_note,
    }
    if args.json:
        print_json(summary)
        return 0
    cols = ["space_band", "time_band", "observed", "expected", "knox_ratio", "p_value"]
    print(f"{out}: Knox table of {result.n_events:,} events\n")
    print(result.table[cols].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for w in result.warnings:
        print(f"warning: {w}")
    print(f"\n{result.method_note}")
    return 0
