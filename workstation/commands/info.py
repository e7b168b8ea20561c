"""``workstation info``: what a project or data file holds."""

from __future__ import annotations

import argparse
from pathlib import Path

from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser
from workstation.commands._inputs import (
    is_project_file,
    parse_columns,
    parse_kind,
    parse_mapping,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "info",
        "describe a project or data file: layers, rows loaded and rejected, time range, CRS",
        "workstation info project.gpkg --json",
    )
    p.add_argument("path", metavar="PROJECT|FILE")
    p.add_argument("--kind", help="for a data file: crime, demand, asset or boundary")
    p.add_argument("--columns", help="for a headerless data file: column names")
    p.add_argument("--mapping", help="for a data file: column mapping")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        raise DataError("no such file or folder", source=path)
    if is_project_file(path):
        from layers.store import load_project

        project = load_project(path)
        layers = project.layers
        found = project.audit_check
        header = {
            "project": str(path),
            "title": project.metadata.title,
            "marking": project.metadata.marking_text,
            "crs": project.metadata.crs,
            "audit_entries": found.entries_in_file if found else len(project.audit),
            "audit_intact": project.audit_intact,
            "audit": found.to_dict() if found else None,
        }
    else:
        from layers.readers import read

        with ConsoleProgress("read") as bar:
            layers = [
                read(
                    [path],
                    kind=parse_kind(args.kind),
                    mapping=parse_mapping(args.mapping),
                    columns=parse_columns(args.columns),
                    progress=bar,
                )
            ]
        header = {"file": str(path)}
    records = [lyr.describe() for lyr in layers]
    for rec, lyr in zip(records, layers, strict=True):
        rec["rows_total"] = lyr.report.rows_total if lyr.report else len(lyr)
        rec["warnings"] = list(lyr.report.warnings) if lyr.report else []
    if args.json:
        print_json({**header, "layers": records})
        return 0
    for k, v in header.items():
        if k != "audit":
            print(f"{k}: {v}")
    if header.get("audit"):
        _print_audit(header["audit"])
    for rec in records:
        print(f"\n{rec['name']}  [{rec['kind']}]  id {rec['id']}")
        print(
            f"  rows: {rec['rows_loaded']:,} loaded, {rec['rows_rejected']:,} rejected"
        )
        for reason, n in rec["rejected_by_reason"].items():
            print(f"    {n:,}  {reason}")
        if rec["time_min"]:
            print(
                f"  time: {rec['time_min']} to {rec['time_max']} ({rec['time_precision']})"
            )
        print(f"  crs: {rec['crs']}")
        if rec["bounds"]:
            b = rec["bounds"]
            print(f"  bounds: {b[0]:.1f}, {b[1]:.1f}, {b[2]:.1f}, {b[3]:.1f}")
        for w in rec["warnings"]:
            print(f"  warning: {w}")
    return 0


def _print_audit(audit: dict) -> None:
    """The audit check: its status, then each entry or layer that failed."""
    print(f"audit: {audit['status']}")
    head = audit.get("head") or {}
    if head:
        print(
            f"  head: {head.get('entries')} entries, last hash "
            f"{str(head.get('last_hash'))[:16]}, key {head.get('key_id')}"
        )
    for p in audit["problems"]:
        print(f"  failed: {p['where']}: {p['reason']}")
    for rec in audit["recorded_breaks"]:
        print(
            f"  entry {rec['entry']} records a break found on {rec['time']} "
            f"by {rec['user']}:"
        )
        for p in rec["problems"]:
            if isinstance(p, dict):
                print(f"    {p.get('where')}: {p.get('reason')}")
    for note in audit["notes"]:
        print(f"  not verifiable: {note}")
