"""``workstation live``: follow calls as they arrive, and raise demand alerts.

``workstation live SOURCE`` reads a PostgreSQL/PostGIS table or view (``--table``)
or a watched folder of CAD exports, validates every row as ``workstation import``
would, and prints one line per batch (``--json``: one JSON object per line, for a
control room's scripts). With ``--baseline PROJECT.gpkg`` each batch is checked
against the project's DEMAND history (:mod:`workstation.analysis.monitor`) and
alerts are printed and written to the audit trail; ``-o`` saves the project with
the rows received and the audit entries when the feed ends.

``workstation live install-trigger URI --table T`` adds the NOTIFY trigger.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from layers.kinds import LayerKind
from layers.live import Feed, LiveLayer, Validator
from layers.live.base import Batch, LiveSource
from layers.project import Project
from layers.validation import DataError
from workstation.analysis import monitor
from workstation.cli import subparser
from workstation.commands._inputs import is_project_file, parse_mapping

PASSWORDS = (
    "Passwords: never put one in a project or a script. libpq reads it from the "
    "password file (~/.pgpass, or PGPASSFILE), a service file (~/.pg_service.conf, "
    "or PGSERVICEFILE; then SOURCE can be the service name) or PGPASSWORD. A password "
    "written in a URI is used to connect but never printed, saved or audited."
)


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "live",
        "follow calls for service as they arrive (PostgreSQL table or watched "
        "folder) and raise demand alerts",
        "workstation live postgresql://analyst@cad-db/cad --table calls "
        "--baseline p.gpkg --json --until-idle 60\n"
        "  workstation live exports/ --baseline p.gpkg --areas wards.gpkg\n"
        "  workstation live install-trigger postgresql://dba@cad-db/cad --table calls",
        description="Follow calls for service as they arrive and raise demand alerts.\n\n"
        "SOURCE is a libpq URI (postgresql://user@host/db), a key=value connection "
        "string, a service name (with --table), or a folder of CAD exports.\n"
        + PASSWORDS,
    )
    p.add_argument("source", metavar="SOURCE", help="database, service or folder")
    p.add_argument(
        "target", nargs="?", metavar="URI", help="(install-trigger only) the database"
    )
    p.add_argument("--table", help="table or view (schema.table) for a database")
    p.add_argument("--key", help="cursor column: increasing id or time (default: PK)")
    p.add_argument(
        "--new-only",
        action="store_true",
        help="skip the rows already in the table (or folder's files): follow new ones",
    )
    p.add_argument("--baseline", metavar="PROJECT.gpkg", help="history for alerts")
    p.add_argument("--areas", metavar="FILE", help="polygons (area_code) for alerts")
    p.add_argument(
        "--cell-m", type=float, default=1000.0, help="grid cell without --areas"
    )
    p.add_argument("--weeks", type=int, default=8, help="weeks of history (default 8)")
    p.add_argument("--window-hours", type=float, default=1.0, help="window checked")
    p.add_argument("--fdr", type=float, default=0.01, help="false discovery rate")
    p.add_argument("--min-calls", type=int, default=3, help="fewest calls to alert")
    p.add_argument("--mapping", help="column mapping, as for import")
    p.add_argument("--poll", type=float, default=5.0, help="poll interval, seconds")
    p.add_argument(
        "--until-idle",
        type=float,
        metavar="SECONDS",
        help="stop after this long with no new row (default: run until Ctrl-C)",
    )
    p.add_argument("-o", "--output", metavar="PROJECT.gpkg", help="save at the end")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.source == "install-trigger":
        return _install_trigger(args)
    project, history = _baseline(args.baseline)
    validator = Validator(mapping=parse_mapping(args.mapping))
    if history is not None:  # live rows in the history's CRS and time zone
        validator.target_crs = project.metadata.crs
        validator.timezone = history.timezone
    source = open_source(args.source, args, validator)
    watch = DemandWatch(project, history, args) if history is not None else None
    live = LiveLayer(
        f"Live: {source.name}",
        crs=validator.target_crs,
        known_ids=_history_ids(history),
    )
    feed = Feed(source, live, idle_s=args.until_idle)
    feed.batch_added.connect(lambda ev: _report(args, ev, watch, live))
    previous = _on_sigterm(source.stop)
    feed.start()
    try:
        while feed.running:
            feed.join(0.5)
    except KeyboardInterrupt:
        feed.stop()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if feed.error is not None:
        raise feed.error
    _finish(args, project, live, source)
    return 0


def _on_sigterm(stop: Any) -> Any:
    """End the feed cleanly (and save) on SIGTERM; returns the previous handler."""
    try:
        return signal.signal(signal.SIGTERM, lambda *_: stop())
    except ValueError:  # not the main thread: leave signals alone
        return None


def _install_trigger(args: argparse.Namespace) -> int:
    from layers.live.postgres import install_trigger, safe_conninfo

    if not args.target or not args.table:
        raise DataError("usage: workstation live install-trigger URI --table T")
    name = install_trigger(args.target, args.table)
    out = {"trigger": name, "table": args.table, "database": safe_conninfo(args.target)}
    print(json.dumps(out) if args.json else f"installed trigger {name} on {args.table}")
    return 0


def looks_like_database(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://")) or "=" in text


def open_source(
    text: str, args: argparse.Namespace, validator: Validator
) -> LiveSource:
    """A folder source for a folder, else a PostgreSQL source (connected once here)."""
    path = Path(text)
    if path.is_dir():
        from layers.live.folder import FolderSource

        src = FolderSource(path, poll_s=min(args.poll, 2.0), validator=validator)
        if args.new_only:
            src.skip_existing()
        return src
    if not looks_like_database(text) and not args.table:
        raise DataError("no such folder (for a database, give --table)", source=text)
    if not args.table:
        raise DataError("a database source needs --table")
    import psycopg

    from layers.live.postgres import PostgresSource, safe_conninfo

    src = PostgresSource(
        text,
        args.table,
        key=args.key,
        poll_s=args.poll,
        validator=validator,
        start_after="latest" if args.new_only else None,
    )
    try:
        src._connect()
    except psycopg.Error as exc:
        first = (
            str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        )
        raise DataError(f"cannot connect: {first}", source=safe_conninfo(text)) from exc
    return src


def _baseline(path: str | None) -> tuple[Project, Any]:
    if path is None:
        return Project(), None
    if not is_project_file(path):
        raise DataError("not a project file (.gpkg made by workstation)", source=path)
    from layers.store import load_project

    project = load_project(path)
    demand = [lyr for lyr in project.layers if lyr.kind == LayerKind.DEMAND]
    if not demand:
        raise DataError("the project has no DEMAND layer for a baseline", source=path)
    return project, max(demand, key=len)


def _history_ids(history: Any) -> list[str]:
    if history is None or "call_id" not in history.frame:
        return []
    return history.frame["call_id"].dropna().astype(str).tolist()


class DemandWatch:
    """The command's watch: :class:`monitor.DemandWatch` plus the audit trail."""

    def __init__(
        self, project: Project, history: Any, args: argparse.Namespace
    ) -> None:
        self.project = project
        areas = _areas(args.areas, history.crs) if args.areas else None
        self.watch = monitor.DemandWatch(
            history.times_ns,
            history.xy,
            _grades(history.frame),
            timezone=history.timezone,
            areas=areas,
            cell_m=args.cell_m,
            weeks=args.weeks,
            window_hours=args.window_hours,
            fdr=args.fdr,
            min_observed=args.min_calls,
        )
        self.names = self.watch.names

    def check(self, batch: Batch, live: LiveLayer) -> monitor.MonitorResult | None:
        arr = live.arrays()
        res = self.watch.update(arr["times_ns"], arr["x"], arr["y"], arr["grade"])
        if res is not None and self.watch.new_alerts:
            self.project.record("live demand alert", monitor.audit_parameters(res))
        return res


def _grades(frame: Any) -> np.ndarray:
    if "grade" not in frame:
        return np.zeros(len(frame), dtype=np.int64)
    return frame["grade"].astype("Int64").fillna(0).to_numpy(np.int64)


def _areas(path: str, crs: Any) -> Any:
    from layers.readers import read

    layer = read([Path(path)], kind=LayerKind.BOUNDARY)
    frame = layer.frame
    if crs is not None and frame.crs is not None and not frame.crs.equals(crs):
        frame = frame.to_crs(crs)
    return frame


def _report(
    args: argparse.Namespace, ev: Any, watch: DemandWatch | None, live: LiveLayer
) -> None:
    res = watch.check(ev.batch, live) if watch is not None else None
    alerts = [a.to_dict() for a in res.alerts] if res is not None else []
    for a in alerts:
        if watch is not None and a["area"] in watch.names:
            a["area_name"] = watch.names[a["area"]]
    rec = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "received": ev.batch.received,
        "rejected": ev.batch.rejected,
        "rejected_by_reason": ev.batch.report.by_reason(),
        "duplicates": ev.appended.duplicates,
        "added": ev.appended.added,
        "total": ev.appended.total,
        "alerts": alerts,
    }
    if args.json:
        print(json.dumps(rec, ensure_ascii=False), flush=True)
        return
    line = (
        f"{rec['time']}  +{rec['added']:,} calls ({rec['received']:,} received, "
        f"{rec['rejected']:,} rejected, {rec['duplicates']:,} duplicates), "
        f"{rec['total']:,} in all"
    )
    print(line, flush=True)
    for a in alerts:
        print(
            f"  ALERT {a.get('area_name', a['area'])}: {a['observed']} calls, {a['expected']:.1f} expected "
            f"(q={a['q_value']:.2g}; grades {a['grade_mix']}; harm excess "
            f"{a['harm_excess']:.1f})",
            flush=True,
        )


def _finish(
    args: argparse.Namespace, project: Project, live: LiveLayer, source: Any
) -> None:
    events = getattr(source, "events", [])
    for e in events:
        print(f"workstation live: {e}", file=sys.stderr)
    if not args.output:
        return
    from layers.store import save_project

    if len(live):
        project.add_layer(live.layer())
    project.record(
        "live feed",
        {
            "source": _safe_source(args.source),
            "table": args.table,
            "rows_received": live.report.rows_total,
            "rows_loaded": len(live),
            "rows_rejected": live.report.rows_rejected,
            "ended": datetime.now(UTC).isoformat(timespec="seconds"),
            "cursor": source.cursor,
        },
    )
    save_project(project, args.output)


def _safe_source(text: str) -> str:
    if Path(text).is_dir():
        return str(Path(text).resolve())
    from layers.live.postgres import safe_conninfo

    return safe_conninfo(text)
