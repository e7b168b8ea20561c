"""``workstation patrol``: a harm-weighted, dosage-aware patrol plan from a project."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "patrol",
        "plan a week of hot-spot patrols within the officer hours available",
        "workstation patrol project.gpkg --officer-hours 40 -o plan.gpx",
        description=(
            "Forecast next period's harm-weighted risk from the project's crime layer, pick\n"
            "micro-places within an area cap, time visits to the demand profile (Koper dosage:\n"
            "15-minute visits, revisits at most every 2 hours), order each loop as a\n"
            "travelling-salesman tour and add reassurance points at open community assets.\n"
            "The plan never exceeds --officer-hours. Output by extension: .geojson, .gpx, .csv\n"
            "(or several -o). With --save the plan layers are added to the project."
        ),
    )
    p.add_argument("project", metavar="PROJECT.gpkg")
    p.add_argument(
        "--officer-hours", type=float, required=True, help="officer hours for the week"
    )
    p.add_argument(
        "-o",
        "--output",
        action="append",
        required=True,
        metavar="PLAN.(geojson|gpx|csv)",
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
        "--area-cap",
        type=float,
        default=0.02,
        help="share of the area to patrol (0.02 = 2 %%)",
    )
    p.add_argument("--max-places", type=int, default=15)
    p.add_argument("--shifts", help="e.g. Early=7:8,Late=15:8,Night=23:8 (default)")
    p.add_argument("--visit-minutes", type=float, default=15.0)
    p.add_argument(
        "--revisit-gap",
        type=float,
        default=120.0,
        help="minutes between visits to a place",
    )
    p.add_argument(
        "--speed-kmh", type=float, default=5.0, help="5 on foot, 20 in a car"
    )
    p.add_argument("--roads", metavar="FILE", help="road network (lines) for routing")
    p.add_argument(
        "--delivered",
        metavar="FILE",
        help="delivered patrols: GPX tracks or a CSV of visits",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--save", action="store_true", help="add the plan layers to the project file"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from layers.store import load_project, save_project
    from workstation.analysis.patrol import (
        DEFAULT_SHIFTS,
        compare_dosage,
        delivered_dosage,
        delivered_from_visits,
        parse_shifts,
    )
    from workstation.analysis.planning import plan_for_project, plan_layers
    from workstation.commands._inputs import is_project_file
    from workstation.export import plan_files

    if not is_project_file(args.project):
        raise DataError(
            "not a project file (make one with 'workstation import')",
            source=args.project,
        )
    outs = [Path(o) for o in args.output]
    for o in outs:
        if o.suffix.lower() not in (".geojson", ".json", ".gpx", ".csv"):
            raise DataError("output must end in .geojson, .gpx or .csv", source=o)
    project = load_project(args.project)
    roads = None
    if args.roads:
        from layers.readers import read

        roads = read([Path(args.roads)], kind=None).frame.to_crs(project.metadata.crs)
    try:
        shifts = parse_shifts(args.shifts) if args.shifts else DEFAULT_SHIFTS
        with ConsoleProgress("patrol") as bar:
            plan, context = plan_for_project(
                project,
                officer_hours=args.officer_hours,
                crime_layer=args.layer,
                method=args.method,
                cell_m=args.cell_m,
                harm=not args.no_harm,
                area_cap=args.area_cap,
                max_places=args.max_places,
                shifts=shifts,
                visit_minutes=args.visit_minutes,
                revisit_gap_minutes=args.revisit_gap,
                speed_kmh=args.speed_kmh,
                roads=roads,
                seed=args.seed,
                progress=bar,
            )
    except ValueError as exc:
        raise DataError(str(exc), source=args.project) from None
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
    comparison = None
    if args.delivered:
        got = plan_files.read_delivered(args.delivered, plan.crs)
        if isinstance(got, tuple):
            xy, t, ids, _missing = got
            delivered = delivered_dosage(plan.places, xy, t, track_ids=ids)
        else:
            delivered = delivered_from_visits(plan.places, got)
        comparison = compare_dosage(plan, delivered)
    project.record(
        "patrol plan",
        {
            **plan.params,
            "outputs": [str(o) for o in outs],
            "officer_minutes_used": plan.officer_minutes_used,
        },
        inputs=[lyr for lyr in project.layers if lyr.id in context["source_layers"]],
    )
    if args.save:
        for lyr in plan_layers(plan, context):
            project.add_layer(lyr)
        save_project(project, args.project)
    if args.json:
        print_json(
            {
                "officer_hours": args.officer_hours,
                "officer_hours_used": round(plan.officer_minutes_used / 60.0, 4),
                "places": plan.places.drop(columns="geometry").to_dict("records"),
                "visits": int((plan.visits["stop_type"] == "hot spot").sum())
                if len(plan.visits)
                else 0,
                "reassurance_points": int(
                    (plan.visits["stop_type"] == "reassurance point").sum()
                )
                if len(plan.visits)
                else 0,
                "fairness": plan.fairness.to_dict("records")
                if plan.fairness is not None
                else None,
                "dosage_comparison": comparison.to_dict("records")
                if comparison is not None
                else None,
                "context": {k: v for k, v in context.items() if k != "source_layers"},
                "warnings": list(plan.warnings) + context["warnings"],
                "outputs": [str(o) for o in outs],
            }
        )
        return 0
    print(
        f"Patrol plan from {context['crime_layer']!r} ({context['forecast_method']} forecast for "
        f"{context['forecast_for']}{', harm-weighted' if context['harm_weighted'] else ''}):"
    )
    print(
        f"  {len(plan.places)} hot spots, {plan.officer_minutes_used / 60:.2f} of {args.officer_hours:g} officer hours"
    )
    for r in plan.places.itertuples():
        print(
            f"  Hot spot {r.place_id}: {r.visits} visits, {r.planned_minutes:.0f} min; busiest {r.best_hours}"
        )
    if comparison is not None:
        print("\nPlanned against delivered dosage:")
        for r in comparison.itertuples():
            print(
                f"  Hot spot {r.place_id}: planned {r.planned_minutes:.0f} min, delivered {r.delivered_minutes:.0f} min"
            )
    if plan.fairness is not None:
        f = plan.fairness
        print(
            "\nFairness (share of dosage vs share of harm by IMD decile, 1 = most deprived):"
        )
        for r in f.itertuples():
            print(
                f"  decile {r.imd_decile:>2}: dosage {r.dosage_share:6.1%}  harm {r.harm_share:6.1%}  crime {r.crime_share:6.1%}"
            )
    for w in list(plan.warnings) + context["warnings"]:
        print(f"warning: {w}")
    print("wrote " + ", ".join(str(o) for o in outs))
    return 0
