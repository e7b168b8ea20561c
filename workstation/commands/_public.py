"""``workstation brief --public``: the command-line side of the public briefing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layers.kinds import LayerKind
from layers.validation import DataError
from workstation.export.public import export_public


def brief_public(args: Any, out: Path) -> int:
    """``workstation brief --public``: check the options, export, save the audit."""
    from workstation.cli import print_json

    if out.suffix.lower() not in (".html", ".pdf"):
        raise DataError("a public briefing is .html or .pdf", source=str(out))
    if not args.area:
        raise DataError("a public briefing needs --area CODE|FILE", column="--area")
    if not args.cleared_by:
        raise DataError(
            "a public briefing needs --cleared-by NAME", column="--cleared-by"
        )
    if args.marking and args.marking != "OFFICIAL":
        raise DataError("a public briefing is marked OFFICIAL", column="--marking")
    if args.tiles or args.scan:
        raise DataError("--tiles and --scan do not apply to a public briefing")
    if args.demo:
        from workstation.demo import load_demo_project

        project = load_demo_project(seed=args.seed)
    else:
        from layers.store import load_project

        path = Path(args.project)
        if not path.is_file():
            raise DataError("no such project file", source=str(path))
        project = load_project(path)
    if args.layers:
        for lyr in project.layers:
            if (
                lyr.id in args.layers or lyr.name in args.layers
            ) and lyr.kind != LayerKind.CRIME:
                raise DataError(
                    "refused: a public briefing counts crime layers only",
                    source=lyr.name,
                )
    content = export_public(
        project,
        out,
        area=args.area,
        language_code=args.language,
        cleared_by=args.cleared_by,
        threshold=args.threshold,
        months=args.months,
        layer_ids=args.layers,
    )
    saved = False
    if not args.demo and not args.no_save:
        from layers.store import save_project

        save_project(project, Path(args.project))
        saved = True
    entry = project.audit[-1].parameters
    summary = {**entry, "audit_saved": saved, "area_name": content.area_name}
    if args.json:
        print_json(summary)
    else:
        print(
            f"Public {entry['format'].upper()} briefing of {content.area_name} "
            f"({entry['language']}) written to {out}: {entry['bytes']:,} bytes, "
            f"OFFICIAL, cleared by {entry['cleared_by']}; "
            f"{entry['suppressed_primary']} counts hidden below {entry['threshold']} "
            f"and {entry['suppressed_secondary']} more to protect them."
        )
    return 0
