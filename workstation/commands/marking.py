"""``workstation marking``: show or set a project's protective marking."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.marking import MARKINGS
from layers.validation import DataError
from workstation.cli import print_json, subparser


def _classification(text: str) -> str:
    return " ".join(text.upper().replace("_", " ").split())


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "marking",
        "show or set a project's protective marking and descriptor",
        "workstation marking project.gpkg OFFICIAL-SENSITIVE --descriptor PERSONAL",
        description=(
            "Show a project's protective marking, or set it. Lowering it (a lower\n"
            "classification, or the descriptor dropped or changed) is refused\n"
            "unless --downgrade-reason gives the reason, which is recorded in the\n"
            "project's audit trail with both markings."
        ),
    )
    p.add_argument("project", metavar="PROJECT", help="project .gpkg")
    p.add_argument(
        "marking",
        nargs="?",
        type=_classification,
        choices=MARKINGS,
        metavar="MARKING",
        help=f"the new classification: {', '.join(MARKINGS)} (default: unchanged)",
    )
    p.add_argument(
        "--descriptor",
        help="the new descriptor, e.g. PERSONAL ('' for none; default: unchanged)",
    )
    p.add_argument(
        "--downgrade-reason",
        metavar="TEXT",
        help="why the marking may be lowered (required then; kept in the audit trail)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from layers.store import load_project, save_project

    path = Path(args.project)
    if not path.is_file():
        raise DataError("no such project file", source=str(path))
    project = load_project(path)
    old = project.metadata.marking_text
    values = {}
    if args.marking is not None:
        values["marking"] = args.marking
    if args.descriptor is not None:
        values["marking_descriptor"] = " ".join(args.descriptor.split())
    if not values and args.downgrade_reason:
        raise DataError("--downgrade-reason given, but no new marking", source=path)
    if values:
        project.set_metadata(downgrade_reason=args.downgrade_reason, **values)
    new = project.metadata.marking_text
    if new != old:
        save_project(project, path)
    if args.json:
        print_json({"project": str(path), "marking": new, "was": old})
    elif new != old:
        told = " (reason recorded in the audit trail)" if args.downgrade_reason else ""
        print(f"{path}: marking {old} -> {new}{told}")
    else:
        print(f"{path}: marking {new}")
    return 0
