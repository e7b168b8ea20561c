"""``workstation demo-data``: write the synthetic force area as files."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "demo-data",
        help="write the synthetic demo force area (crime, calls, assets, boundaries)",
        example="workstation demo-data demo/ --seed 7 --end-month 2026-09",
        description="Write a seeded synthetic West-Midlands-like force area as files "
        "in the real formats: monthly data.police.uk street CSVs, a burglary "
        "extract with exact times, a command-and-control calls export, community "
        "assets and boundary files, plus manifest.json documenting the planted "
        "signals. The same seed always gives the same files.",
    )
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder to write into")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument(
        "--end-month",
        default="2026-09",
        metavar="YYYY-MM",
        help="last month of crime (default 2026-09)",
    )
    p.add_argument(
        "--months", type=int, default=36, help="months of crime (default 36)"
    )
    p.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="volume multiplier (1.0 = about 7,000 crimes and 11,000 calls a month)",
    )
    p.add_argument(
        "--national",
        action="store_true",
        help="instead: all 43 forces of England and Wales in data.police.uk's bulk "
        "download layout (YYYY-MM/YYYY-MM-FORCE-street.csv), with planted signals",
    )
    p.add_argument(
        "--rows",
        type=int,
        default=20_000_000,
        help="with --national: about how many street records in all (default 20 M)",
    )
    p.add_argument(
        "--zip",
        action="store_true",
        help="with --national: one archive, as the bulk download comes",
    )
    p.set_defaults(func=run)


def run_national(args: argparse.Namespace, out: Path) -> int:
    from layers.synthetic_national import write_national_data

    if not 1_000 <= args.rows <= 200_000_000:
        raise DataError(f"--rows {args.rows} must be between 1,000 and 200,000,000")
    info = write_national_data(
        out,
        rows=args.rows,
        months=args.months,
        end_month=args.end_month,
        seed=args.seed,
        as_zip=args.zip,
    )
    if args.json:
        print_json({"out_dir": str(out.resolve()), **info})
    else:
        print(
            f"wrote {info['files']} files to {out.resolve()}: {info['rows']:,} street "
            f"records of {len(info['forces'])} forces over {len(info['months'])} months; "
            f"planted signals in {out / 'national.json'}"
        )
    return 0


def run(args: argparse.Namespace) -> int:
    from layers.synthetic import write_demo_data

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.end_month):
        raise DataError(f"--end-month {args.end_month!r} is not a month like 2026-09")
    if not 0 < args.scale <= 10:
        raise DataError(f"--scale {args.scale} must be greater than 0 and at most 10")
    if not 1 <= args.months <= 240:
        raise DataError(f"--months {args.months} must be between 1 and 240")
    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise DataError("exists and is not a folder", source=out)
    if args.national:
        return run_national(args, out)
    with ConsoleProgress("demo-data") as progress:
        manifest = write_demo_data(
            out,
            seed=args.seed,
            end_month=args.end_month,
            months=args.months,
            scale=args.scale,
            progress=progress,
        )
    summary = {
        "out_dir": str(out.resolve()),
        "seed": manifest["seed"],
        "start_month": manifest["start_month"],
        "end_month": manifest["end_month"],
        "scale": manifest["scale"],
        "rows": manifest["rows"],
        "files": len(manifest["files"]),
        "manifest": str((out / "manifest.json").resolve()),
        "signals": sorted(manifest["signals"]),
    }
    if args.json:
        print_json(summary)
    else:
        rows = manifest["rows"]
        print(
            f"wrote {summary['files']} files to {summary['out_dir']}: "
            f"{rows['street_crime']:,} street crimes "
            f"({manifest['start_month']} to {manifest['end_month']}), "
            f"{rows['calls']:,} calls, {rows['assets']} assets; "
            f"planted signals in {summary['manifest']}"
        )
    return 0
