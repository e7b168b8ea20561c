"""``workstation patrol``: a harm-weighted, dosage-aware patrol plan from a project."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from layers.marking import MARKINGS
from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser

PLAN_SUFFIXES = (".geojson", ".json", ".gpx", ".csv")


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "patrol",
        "plan a week of hot-spot patrols within the officer hours available",
        "workstation patrol project.gpkg --officer-hours 40 -o plan.gpx --sheets out/\n"
        "  workstation patrol project.gpkg --delivered plan-filled-in.csv "
        "--compare delivered.pdf",
        description=(
            "Forecast next period's harm-weighted risk from the project's crime layer, pick\n"
            "micro-places (at most 250 m across) within an area cap, time visits from calls\n"
            "for service (or spread them evenly and say so when no layer is timed to the\n"
            "hour), 15-minute Koper visits at most every 2 hours, each loop a travelling-\n"
            "salesman tour, and reassurance stops at assets open for the whole stop. The plan\n"
            "never exceeds --officer-hours. It is saved in the project with an id; a\n"
            "delivered record (GPX tracks, a CSV of visits, or the plan's own CSV filled in)\n"
            "is checked against that saved plan. Output by extension: .geojson, .gpx, .csv;\n"
            "--sheets DIR writes one PDF and PNG sheet per shift and patrol area."
        ),
    )
    p.add_argument("project", metavar="PROJECT.gpkg")
    p.add_argument("--officer-hours", type=float, help="officer hours for the week")
    p.add_argument(
        "-o", "--output", action="append", default=[], metavar="PLAN.(geojson|gpx|csv)"
    )
    p.add_argument(
        "--sheets", metavar="DIR", help="one briefing sheet per shift and area"
    )
    p.add_argument("--layer", help="crime (or demand) layer to forecast from")
    p.add_argument(
        "--method", default="sepp", choices=["naive", "kde", "prospective", "sepp"]
    )
    p.add_argument("--cell-m", type=float, default=150.0)
    p.add_argument(
        "--no-harm", action="store_true", help="count events without harm weights"
    )
    p.add_argument(
        "--area-cap", type=float, default=0.02, help="share of the area (0.02 = 2 %%)"
    )
    p.add_argument("--max-places", type=int, default=15)
    p.add_argument(
        "--max-across-m", type=float, default=250.0, help="largest place, metres across"
    )
    p.add_argument("--shifts", help="e.g. Early=7:8,Late=15:8,Night=23:8 (default)")
    p.add_argument("--visit-minutes", type=float, default=15.0)
    p.add_argument(
        "--revisit-gap", type=float, default=120.0, help="minutes between visits"
    )
    p.add_argument("--speed-kmh", type=float, default=5.0, help="5 on foot, 20 by car")
    p.add_argument("--roads", metavar="FILE", help="road network (lines) for routing")
    p.add_argument("--plan", metavar="ID", help="use this saved plan (no new plan)")
    p.add_argument(
        "--delivered",
        metavar="FILE",
        help="delivered patrols: GPX tracks, a CSV of visits or the plan's CSV filled in",
    )
    p.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="OUT.(csv|pdf)",
        help="write planned against delivered (with --delivered)",
    )
    p.add_argument(
        "--marking",
        type=lambda t: " ".join(t.upper().replace("_", " ").split()),
        choices=MARKINGS,
        metavar="MARKING",
        help="protective marking of the sheets (default: the project's, with its "
        "descriptor); one that lowers the project's needs --downgrade-reason",
    )
    p.add_argument(
        "--downgrade-reason",
        metavar="TEXT",
        help="why the sheets may carry a marking below the project's (kept in the "
        "audit trail)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--save", action="store_true", help="also add the plan layers to the project"
    )
    p.set_defaults(func=run)


def _check_args(args: argparse.Namespace) -> list[Path]:
    from workstation.commands._inputs import is_project_file

    if not is_project_file(args.project):
        raise DataError(
            "not a project file (make one with 'workstation import')",
            source=args.project,
        )
    outs = [Path(o) for o in args.output]
    for o in outs:
        if o.suffix.lower() not in PLAN_SUFFIXES:
            raise DataError("output must end in .geojson, .gpx or .csv", source=o)
    for c in args.compare:
        if Path(c).suffix.lower() not in (".csv", ".pdf"):
            raise DataError("--compare must end in .csv or .pdf", source=c)
    if args.compare and not args.delivered:
        raise DataError("--compare needs --delivered FILE", source=args.project)
    if not (outs or args.sheets or args.delivered):
        raise DataError(
            "nothing to write: give -o, --sheets or --delivered", source=args.project
        )
    return outs


def _saved(project, plan_id: str, source: str):
    from layers.plans import find_plan
    from workstation.analysis.planning import plan_from_saved

    try:
        return plan_from_saved(find_plan(project, plan_id))
    except KeyError as exc:
        raise DataError(str(exc.args[0]), source=source) from None


def _new_plan(project, args: argparse.Namespace):
    from layers.store import save_project
    from workstation.analysis.patrol import DEFAULT_SHIFTS, parse_shifts
    from workstation.analysis.planning import plan_for_project, plan_layers, save_plan

    if args.officer_hours is None:
        raise DataError("give --officer-hours N (or --plan ID)", source=args.project)
    roads = None
    if args.roads:
        from layers.readers import read

        roads = read([Path(args.roads)], kind=None).frame.to_crs(project.metadata.crs)
    try:
        shifts = parse_shifts(args.shifts) if args.shifts else DEFAULT_SHIFTS
        with ConsoleProgress("patrol") as bar:
            plan, context = plan_for_project(
                project, officer_hours=args.officer_hours, crime_layer=args.layer,
                method=args.method, cell_m=args.cell_m, harm=not args.no_harm,
                area_cap=args.area_cap, max_places=args.max_places,
                max_across_m=args.max_across_m, shifts=shifts,
                visit_minutes=args.visit_minutes, revisit_gap_minutes=args.revisit_gap,
                speed_kmh=args.speed_kmh, roads=roads, seed=args.seed, progress=bar,
            )  # fmt: skip
    except ValueError as exc:
        raise DataError(str(exc), source=args.project) from None
    plan = save_plan(project, plan, context)
    if args.save:
        for lyr in plan_layers(plan, context):
            project.add_layer(lyr)
    save_project(project, args.project)
    return plan, context


def _write_plan_files(plan, project, outs: list[Path]) -> None:
    from workstation.export import plan_files

    for o in outs:
        o.parent.mkdir(parents=True, exist_ok=True)
        ext = o.suffix.lower()
        if ext in (".geojson", ".json"):
            plan_files.write_geojson(plan, o)
        elif ext == ".gpx":
            plan_files.write_gpx(
                plan, o, title=f"Patrol plan: {project.metadata.title}"
            )
        else:
            plan_files.write_csv(plan, o)


def _compare(args, project, plan, context) -> tuple[Any, Any]:
    from layers.plans import plans_of, record_delivered
    from workstation.analysis.planning import compare_with_plan
    from workstation.export import plan_files

    got = plan_files.read_delivered(args.delivered, plan.crs)
    tz = context.get("timezone", "Europe/London")
    matched, summary = compare_with_plan(plan, got, tz)
    pid = plan.extras.get("plan_id")
    if pid in plans_of(project):  # kept with the plan, for later reports
        record_delivered(project, pid, matched, str(args.delivered))
    for c in args.compare:
        out = Path(c)
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".csv":
            plan_files.write_table_csv(summary, out)
        else:
            from workstation.export.patrol_sheets import write_delivery_pdf

            write_delivery_pdf(project, plan, summary, out, marking=args.marking)
    project.record(
        "patrol delivered",
        {"plan_id": plan.extras.get("plan_id"), "delivered": str(args.delivered),
         "outputs": list(args.compare),
         "marking": args.marking or project.metadata.marking_text,
         **({"downgrade_reason": args.downgrade_reason} if args.downgrade_reason else {})},
    )  # fmt: skip
    return matched, summary


def _check_marking(project, args: argparse.Namespace) -> str:
    """The downgrade reason, checked: sheets below the project's marking need one."""
    from workstation.export.briefing import check_downgrade

    md = project.metadata
    if not args.marking:
        if args.downgrade_reason:
            raise DataError(
                "--downgrade-reason given without --marking", source=args.project
            )
        return ""
    return check_downgrade(
        (md.marking, md.marking_descriptor), (args.marking, ""),
        args.downgrade_reason, source=args.project, what="the sheets' marking",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from layers.store import load_project, save_project
    from workstation.export import plan_files

    outs = _check_args(args)
    project = load_project(args.project)
    args.downgrade_reason = _check_marking(project, args)
    plan_id = args.plan
    if (
        plan_id is None
        and args.delivered
        and Path(args.delivered).suffix.lower() == ".csv"
    ):
        got = plan_files.read_delivered(args.delivered, project.metadata.crs)
        plan_id = getattr(got, "attrs", {}).get("plan_id") or None
    if plan_id:
        plan, context = _saved(project, plan_id, args.delivered or args.project)
    else:
        plan, context = _new_plan(project, args)
    _write_plan_files(plan, project, outs)
    sheets = []
    if args.sheets:
        from workstation.export.patrol_sheets import write_sheets

        sheets = write_sheets(
            project, plan, context, args.sheets,
            marking=args.marking, downgrade_reason=args.downgrade_reason,
        )  # fmt: skip
    summary = None
    if args.delivered:
        _matched, summary = _compare(args, project, plan, context)
    if args.sheets or args.delivered:  # their audit entries
        save_project(project, args.project)
    if args.json:
        print_json(_json_summary(plan, context, outs, sheets, summary))
        return 0
    _print_summary(plan, context, outs, sheets, summary)
    return 0


def _json_summary(plan, context, outs, sheets, summary) -> dict[str, Any]:
    v = plan.visits
    return {
        "plan_id": plan.extras.get("plan_id"),
        "officer_hours": plan.officer_minutes_budget / 60.0,
        "officer_hours_used": round(plan.officer_minutes_used / 60.0, 4),
        "timing_evidence": plan.timing_evidence,
        "timing": plan.timing_note,
        "places": plan.places.drop(columns="geometry").to_dict("records"),
        "hotspots": plan.hotspots.to_dict("records")
        if plan.hotspots is not None
        else None,
        "shifts": plan.shifts().to_dict("records"),
        "visits": int((v["stop_type"] == "hot spot").sum()) if len(v) else 0,
        "reassurance_points": int((v["stop_type"] == "reassurance point").sum())
        if len(v)
        else 0,
        "fairness": plan.fairness.to_dict("records")
        if plan.fairness is not None
        else None,
        "delivered": summary.to_dict("records") if summary is not None else None,
        "delivered_unreadable": [
            {"row": r, "reason": why} for r, why in summary.attrs.get("unreadable", [])
        ]
        if summary is not None
        else None,
        "context": {k: v for k, v in context.items() if k != "source_layers"},
        "warnings": list(plan.warnings) + list(context.get("warnings", [])),
        "outputs": [str(o) for o in outs],
        "sheets": [str(s) for s in sheets],
    }


def _print_summary(plan, context, outs, sheets, summary) -> None:
    print(
        f"Patrol plan {plan.extras.get('plan_id')} from {context.get('crime_layer')!r} "
        f"({context.get('forecast_method')} forecast for {context.get('forecast_for')}"
        f"{', harm-weighted' if context.get('harm_weighted') else ''}):"
    )
    print(
        f"  {len(plan.places)} hot spots, {plan.officer_minutes_used / 60:.2f} of "
        f"{plan.officer_minutes_budget / 60:g} officer hours"
    )
    print(f"  timing: {plan.timing_note}")
    for r in plan.places.itertuples():
        print(
            f"  {r.place_id}. {r.name} ({r.grid_ref}): {r.visits} visits, "
            f"{r.planned_minutes:.0f} min; busiest {r.best_hours}"
        )
    sh = plan.shifts()
    if len(sh):
        most = sh.groupby("shift")["officers"].max()
        print(
            "  officers on at once: "
            + ", ".join(f"{k} {int(n)}" for k, n in most.items())
        )
    if summary is not None:
        tot = summary[summary["level"] == "plan"].iloc[0]
        print(
            f"\nPlanned against delivered: {tot.on_time} on time, {tot.late} late, "
            f"{tot.missed} missed of {tot.planned_visits} visits; "
            f"{tot.delivered_minutes:.0f} of {tot.planned_minutes:.0f} minutes"
        )
    if plan.fairness is not None:
        print(
            "\nFairness (share of dosage vs share of harm by IMD decile, 1 = most deprived):"
        )
        for r in plan.fairness.itertuples():
            print(
                f"  decile {r.imd_decile:>2}: dosage {r.dosage_share:6.1%}  "
                f"harm {r.harm_share:6.1%}  crime {r.crime_share:6.1%}"
            )
    for w in list(plan.warnings) + list(context.get("warnings", [])):
        print(f"warning: {w}")
    for row, why in [] if summary is None else summary.attrs.get("unreadable", []):
        print(f"warning: delivered record row {row}: {why} (left out)")
    written = [str(o) for o in outs] + [str(s) for s in sheets]
    if written:
        print(
            f"wrote {len(written)} file(s): "
            + ", ".join(written[:6])
            + (" ..." if len(written) > 6 else "")
        )
