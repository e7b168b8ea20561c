"""``workstation brief``: a briefing (offline HTML map, PDF or PNG sheet) of a project."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser

FORMATS = (".html", ".pdf", ".png")


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "brief",
        "make a briefing of a project: offline HTML map, PDF or PNG sheet",
        "workstation brief project.gpkg -o brief.pdf --marking OFFICIAL-SENSITIVE",
        description=(
            "Make a briefing of a project: a self-contained offline HTML map (.html),\n"
            "or a printable sheet (.pdf with table pages, or .png of the map page).\n"
            "Every briefing carries a protective marking (the project's unless\n"
            "--marking is given) and is recorded in the project's audit trail,\n"
            "which is saved back to the project file."
        ),
    )
    p.add_argument("project", nargs="?", metavar="PROJECT", help="project .gpkg")
    p.add_argument(
        "--demo", action="store_true", help="use the synthetic demo project instead"
    )
    p.add_argument("--seed", type=int, default=7, help="demo data seed (default 7)")
    p.add_argument(
        "-o", "--output", required=True, help="output file: .html, .pdf or .png"
    )
    p.add_argument(
        "--marking",
        type=str.upper,
        choices=["OFFICIAL", "OFFICIAL-SENSITIVE"],
        help="protective marking (default: the project's)",
    )
    p.add_argument(
        "--descriptor", help="marking descriptor, e.g. PERSONAL or OPERATIONAL"
    )
    p.add_argument(
        "--downgrade-reason",
        metavar="TEXT",
        help=(
            "why the briefing may carry a marking below the project's (required "
            "then; kept in the audit trail and the file's metadata)"
        ),
    )
    p.add_argument("--title", help="title (default: the project's)")
    p.add_argument(
        "--page",
        type=str.upper,
        choices=["A4", "A3"],
        default="A4",
        help="page size of a PDF or PNG sheet (default A4)",
    )
    p.add_argument("--landscape", action="store_true", help="landscape page")
    p.add_argument("--dpi", type=int, default=200, help="PNG resolution, 150-300")
    p.add_argument(
        "--layers",
        nargs="+",
        metavar="LAYER",
        help="layers to include, by name or id (default: the visible layers)",
    )
    p.add_argument(
        "--tiles",
        help="HTML only: local tile folder {z}/{x}/{y}.png or .mbtiles to inline",
    )
    p.add_argument(
        "--scan",
        metavar="CSV",
        help="PDF: horizon-scan table (the CSV of 'workstation scan') for its page",
    )
    p.add_argument(
        "--no-save",
        action="store_true",
        help="do not write the audit entry back to the project file",
    )
    _public_args(p)
    p.set_defaults(func=run)


def _public_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("public briefing (counts by area only; HTML or PDF)")
    g.add_argument("--public", action="store_true", help="make a public briefing")
    g.add_argument("--area", help="ward/LSOA code or name, or a polygon file")
    g.add_argument("--language", default="en", help="en, cy, pl, ur, pa or bn")
    g.add_argument("--cleared-by", metavar="NAME", help="who cleared it for release")
    g.add_argument("--threshold", type=int, default=5, help="hide counts below this")
    g.add_argument("--months", type=int, default=12, help="months shown (default 12)")


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise DataError(
            "output must end in .html, .pdf or .png", source=str(out), column="-o"
        )
    if not out.parent.exists():
        raise DataError("output folder does not exist", source=str(out.parent))
    if args.demo == bool(args.project):
        raise DataError("give a PROJECT .gpkg or --demo (one of them)")
    if args.tiles and suffix != ".html":
        raise DataError("--tiles applies to HTML briefings only", source=str(out))
    if args.public:
        from workstation.commands._public import brief_public

        return brief_public(args, out)
    with ConsoleProgress("brief") as bar:
        if args.demo:
            from workstation.demo import load_demo_project

            project = load_demo_project(seed=args.seed, progress=bar)
        else:
            from layers.store import load_project

            path = Path(args.project)
            if not path.is_file():
                raise DataError("no such project file", source=str(path))
            project = load_project(path)
        bar.update(0.8, "drawing")
        kw = {
            "title": args.title,
            "marking": args.marking,
            "descriptor": args.descriptor,
            "layer_ids": args.layers,
            "downgrade_reason": args.downgrade_reason,
        }
        if args.scan:
            if suffix != ".pdf":
                raise DataError("--scan applies to PDF briefings only", source=str(out))
            kw["scan_table"] = _read_scan(Path(args.scan))
        if suffix == ".html":
            from workstation.export.html import export_html

            export_html(project, out, tiles=args.tiles, **kw)
            extra = {}
        else:
            from workstation.export.sheet import export_pdf, export_png

            if suffix == ".pdf":
                lay = export_pdf(
                    project, out, page=args.page, landscape=args.landscape, **kw
                )
            else:
                lay = export_png(
                    project,
                    out,
                    page=args.page,
                    landscape=args.landscape,
                    dpi=args.dpi,
                    **kw,
                )
            extra = {
                "scale": lay.scale,
                "pages": lay.pages if suffix == ".pdf" else 1,
                "scalebar_m": lay.scalebar_m,
            }
        bar.update(0.95, "audit")
        entry = project.audit[-1]
        saved = False
        if not args.demo and not args.no_save:
            from layers.store import save_project

            save_project(project, Path(args.project))
            saved = True
    summary = {
        "output": str(out),
        "format": suffix.lstrip("."),
        "bytes": out.stat().st_size,
        "sha256": entry.parameters.get("sha256"),
        "marking": entry.parameters.get("marking"),
        "date_range": entry.parameters.get("date_range"),
        "layers": entry.parameters.get("layers"),
        "project_marking": entry.parameters.get("project_marking"),
        "downgrade_reason": entry.parameters.get("downgrade_reason"),
        "audit_saved": saved,
        **extra,
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"{summary['format'].upper()} briefing written to {out} "
            f"({summary['bytes']:,} bytes, {summary['marking']}, "
            f"{summary['date_range']})"
        )
        if summary["downgrade_reason"]:
            print(
                f"Marked below the project's {summary['project_marking']}; reason "
                "recorded in the audit trail and the file."
            )
    return 0


def _read_scan(path: Path):
    """A horizon-scan table from CSV (as written by ``workstation scan``)."""
    import pandas as pd

    if not path.is_file():
        raise DataError("no such horizon-scan file", source=str(path))
    try:
        table = pd.read_csv(path, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise DataError(f"not a readable CSV ({exc})", source=str(path)) from exc
    if "message" not in table and "category" not in table:
        raise DataError(
            "not a horizon-scan table (no 'message' or 'category' column)",
            source=str(path),
        )
    return table
