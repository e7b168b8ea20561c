"""``workstation evaluate``: WDD / WDQ for a place-based intervention."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from layers.validation import DataError
from workstation.cli import print_json, subparser


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "evaluate",
        "weighted displacement difference (WDD) and quotient (WDQ) of an intervention",
        "workstation evaluate --treated 207,110 --control 308,318 "
        "--displacement 178,157 --displacement-control 150,140 --json",
        description=(
            "Evaluate a place-based intervention from before/after counts, either given\n"
            "directly as BEFORE,AFTER or counted from a crime/demand layer (--data) inside\n"
            "area polygons (--treated-area etc.: a polygon file, optionally FILE:CODE to pick\n"
            "areas by area code) over two periods (--before/--after START,END, half-open)."
        ),
    )
    for name in ("treated", "control", "displacement", "displacement-control"):
        p.add_argument(f"--{name}", metavar="BEFORE,AFTER|AREA_FILE[:CODE,...]")
    p.add_argument(
        "--data", metavar="FILE|PROJECT", help="events to count in the areas"
    )
    p.add_argument("--layer", help="layer name or id when --data is a project")
    p.add_argument(
        "--before",
        metavar="START,END",
        help="before period, e.g. 2024-01-01,2024-07-01",
    )
    p.add_argument("--after", metavar="START,END", help="after period")
    p.add_argument(
        "--category", action="append", help="count only this category (repeatable)"
    )
    p.add_argument(
        "--dispersion",
        type=float,
        metavar="D",
        help="over-dispersion factor of the odds ratio's variance (default: "
        "Farrington et al. 2007, 0.0008 N + 1.2)",
    )
    p.set_defaults(func=run)


def _counts_pair(text: str) -> tuple[float, float] | None:
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        return None


def _period(text: str | None, flag: str, tz: str) -> tuple[int, int]:
    if not text or "," not in text:
        raise DataError(f"{flag} needs START,END (e.g. 2024-01-01,2024-07-01)")
    a, b = text.split(",", 1)
    try:
        start = pd.Timestamp(a.strip())
        end = pd.Timestamp(b.strip())
    except ValueError as exc:
        raise DataError(f"{flag}: cannot read the dates {text!r}") from exc
    start = start.tz_localize(tz) if start.tzinfo is None else start
    end = end.tz_localize(tz) if end.tzinfo is None else end
    if end <= start:
        raise DataError(f"{flag}: the period ends before it starts ({text})")
    return int(start.tz_convert("UTC").as_unit("ns").value), int(
        end.tz_convert("UTC").as_unit("ns").value
    )


def _area(text: str, crs) -> object:
    import shapely

    from layers.readers import read

    path_text, _, codes = (
        text.partition(":") if not Path(text).exists() else (text, "", "")
    )
    path = Path(path_text)
    layer = read([path], kind=None)
    frame = layer.frame.to_crs(crs)
    if codes:
        wanted = {c.strip() for c in codes.split(",")}
        if "area_code" not in frame:
            raise DataError("the area file has no area codes to pick from", source=path)
        frame = frame[frame["area_code"].astype(str).isin(wanted)]
        if frame.empty:
            raise DataError(f"no area with code(s) {sorted(wanted)}", source=path)
    return shapely.union_all(frame.geometry.values)


def run(args: argparse.Namespace) -> int:
    from workstation.analysis.evaluate import area_counts, area_overlaps, evaluate

    if not args.treated or not args.control:
        raise DataError("--treated and --control are required")
    pairs = {}
    flags = {
        "treated": args.treated,
        "control": args.control,
        "displacement": args.displacement,
        "displacement_control": args.displacement_control,
    }
    if all(v is None or _counts_pair(v) is not None for v in flags.values()):
        pairs = {k: _counts_pair(v) if v else None for k, v in flags.items()}
    else:
        if not args.data:
            raise DataError("areas given as files need --data with the events to count")

        from workstation.commands._inputs import load_input

        layer, _ = load_input(args.data, layer=args.layer)
        if not layer.is_temporal:
            raise DataError(
                "the --data layer has no times to split before/after", source=args.data
            )
        tz = layer.timezone
        before = _period(args.before, "--before", tz)
        after = _period(args.after, "--after", tz)
        lb, la = before[1] - before[0], after[1] - after[0]
        if abs(lb - la) > 0.02 * max(lb, la):
            print(
                f"warning: the before and after periods differ in length "
                f"({lb / 864e11:.0f} v {la / 864e11:.0f} days); counts are not rescaled",
                file=sys.stderr,
            )
        keep = None
        if args.category:
            keep = layer.frame["category"].astype(str).isin(args.category).to_numpy()
        geoms = {}
        for key, text in flags.items():
            counts = _counts_pair(text) if text is not None else None
            pairs[key] = counts
            if text is not None and counts is None:
                geoms[key] = _area(text, layer.crs)
        pairs.update(
            area_counts(layer.xy, layer.times_ns, geoms, before, after, keep=keep)
        )
        overlaps = area_overlaps(geoms)
        if overlaps:
            raise DataError(overlaps[0])
    if args.dispersion is not None and not args.dispersion > 0:
        raise DataError(f"--dispersion {args.dispersion}: must be a positive number")
    try:
        result = evaluate(**pairs, dispersion=args.dispersion)
    except ValueError as exc:
        raise DataError(str(exc)) from exc
    if args.json:
        print_json(result.to_dict())
        return 0
    for key, v in pairs.items():
        if v is not None:
            print(f"{key.replace('_', ' '):>22}: before {v[0]:g}, after {v[1]:g}")
    print(
        f"\nWDD {result.wdd:.1f}  SE {result.se:.2f}  z {result.z:.2f}  p {result.p:.4f}"
    )
    if result.wdq is not None:
        print(f"WDQ {result.wdq:.3f}")
    if result.total_net_effect is not None:
        print(f"Total net effect {result.total_net_effect:.1f} crimes")
    if result.odds_ratio is not None:
        lo, hi = result.odds_ratio_ci
        print(
            f"Odds ratio {result.odds_ratio:.3f} (95 % CI {lo:.3f}-{hi:.3f}, "
            f"over-dispersion D {result.dispersion:.2f}; above 1 = the intervention "
            "worked)"
        )
    print("\n" + result.interpretation)
    for w in result.warnings:
        print(f"warning: {w}")
    return 0
