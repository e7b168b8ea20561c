"""``workstation assess``: draft a tactical assessment of a project's latest period."""

from __future__ import annotations

import argparse

from workstation.cli import subparser
from workstation.commands._report_args import add_common_report_args, run_report


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "assess",
        "draft a tactical assessment (PDF, HTML or DOCX) of the latest period",
        "workstation assess project.gpkg -o TA.docx -o TA.pdf --period 14d",
        description=(
            "Draft a tactical assessment (National Intelligence Model) of the\n"
            "project's latest period: what is rising (horizon scan), hot spots,\n"
            "repeats and near repeats, demand by grade and hour of week, community\n"
            "assets near the rising items, last period's tasking and drafted\n"
            "recommendations marked as the analyst's to edit. Every figure is read\n"
            "from the analysis results; the marking is on every page and each file\n"
            "is recorded (with its SHA-256) in the project's audit trail."
        ),
    )
    add_common_report_args(p)
    p.add_argument(
        "--period",
        default="14d",
        help="period: days such as 14d or 28d, or 'month' (default 14d)",
    )
    p.add_argument(
        "--areas",
        metavar="LAYER",
        help="boundary layer for the scan and area names (default: wards)",
    )
    p.add_argument(
        "--end",
        metavar="DATE",
        help="end of the period, exclusive (default: the midnight after the last event)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from layers.validation import DataError
    from workstation.reports.assessment import build_assessment
    from workstation.reports.context import parse_period

    period = parse_period(args.period)
    end = None
    if args.end:
        try:
            end = pd.Timestamp(args.end)
        except ValueError as exc:
            raise DataError(f"not a date: {args.end!r}", column="--end") from exc

    def build(project, progress):
        return build_assessment(
            project, period=period, areas=args.areas, end=end, progress=progress
        )

    return run_report(
        args, "assess", build, {"period": args.period, "areas": args.areas}
    )
