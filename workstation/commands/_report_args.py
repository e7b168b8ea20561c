"""Arguments and running shared by ``workstation assess`` and ``workstation profile``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from layers.validation import DataError
from workstation.cli import print_json

FORMATS = (".pdf", ".html", ".docx")


def add_common_report_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", nargs="?", metavar="PROJECT", help="project .gpkg")
    p.add_argument(
        "--demo", action="store_true", help="use the synthetic demo project instead"
    )
    p.add_argument("--seed", type=int, default=7, help="demo data seed (default 7)")
    p.add_argument(
        "-o", "--output", action="append", required=True, metavar="FILE",
        help="output .pdf, .html or .docx (repeat -o for several formats of one draft)",
    )  # fmt: skip
    p.add_argument(
        "--marking", type=str.upper, choices=["OFFICIAL", "OFFICIAL-SENSITIVE"],
        help="protective marking (default: the project's)",
    )  # fmt: skip
    p.add_argument("--descriptor", help="marking descriptor, e.g. OPERATIONAL")
    p.add_argument(
        "--downgrade-reason", metavar="TEXT",
        help="why the output may carry a marking below the project's (required then)",
    )  # fmt: skip
    p.add_argument(
        "--no-save",
        action="store_true",
        help="do not write the audit entry back to the project file",
    )


def check_outputs(args: argparse.Namespace) -> list[Path]:
    outs = [Path(o) for o in args.output]
    for out in outs:
        if out.suffix.lower() not in FORMATS:
            raise DataError(
                "output must end in .pdf, .html or .docx", source=str(out), column="-o"
            )
        if not out.parent.exists():
            raise DataError("output folder does not exist", source=str(out.parent))
    if args.demo == bool(args.project):
        raise DataError("give a PROJECT .gpkg or --demo (one of them)")
    return outs


def load(args: argparse.Namespace, bar: Any):
    if args.demo:
        from workstation.demo import load_demo_project

        return load_demo_project(seed=args.seed, progress=bar)
    from layers.store import load_project

    path = Path(args.project)
    if not path.is_file():
        raise DataError("no such project file", source=str(path))
    return load_project(path)


def run_report(
    args: argparse.Namespace,
    name: str,
    build: Callable[[Any, Any], Any],
    params: dict[str, Any],
) -> int:
    """Load, build the report once, write every output, audit and save."""
    from layers.progress import ConsoleProgress, SubProgress
    from workstation.reports.render import write_report

    outs = check_outputs(args)
    with ConsoleProgress(name) as bar:
        project = load(args, SubProgress(bar, 0.0, 0.3))
        report = build(project, SubProgress(bar, 0.3, 0.85))
        written = []
        for out in outs:
            bar.update(0.9, f"writing {out.name}")
            written.append(
                write_report(
                    project, report, out, marking=args.marking, descriptor=args.descriptor,
                    downgrade_reason=args.downgrade_reason, params=params,
                )
            )  # fmt: skip
        saved = False
        if not args.demo and not args.no_save:
            from layers.store import save_project

            save_project(project, Path(args.project))
            saved = True
    if args.json:
        print_json(
            {
                "outputs": written,
                "audit_saved": saved,
                "warnings": list(report.warnings),
            }
        )
    else:
        for w in written:
            print(
                f"{report.kind} written to {w['path']} ({w['bytes']:,} bytes, {w['marking']}, sha256 {w['sha256'][:12]}...)"
            )
    return 0
