"""``workstation profile``: draft a problem profile (SARA) of one area."""

from __future__ import annotations

import argparse

from workstation.cli import subparser
from workstation.commands._report_args import add_common_report_args, run_report


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "profile",
        "draft a problem profile (SARA) of one area as PDF, HTML or DOCX",
        "workstation profile project.gpkg --area E01000123 -o PP.docx",
        description=(
            "Draft a problem profile of one place over all its history: the area\n"
            "against the force and its peers (same IMD decile, similar population),\n"
            "its crime mix, trend and seasonality, hot spots inside it, repeats,\n"
            "demand by hour of week, community assets, deprivation, past\n"
            "interventions, under the SARA headings. --area is an area code of one\n"
            "of the project's boundary layers or a polygon file."
        ),
    )
    add_common_report_args(p)
    p.add_argument(
        "--area",
        required=True,
        metavar="CODE|FILE",
        help="area code (LSOA, ward, district) or a polygon file",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workstation.reports.profile import build_profile

    def build(project, progress):
        return build_profile(project, args.area, progress=progress)

    return run_report(args, "profile", build, {"area": args.area})
