"""Saved plans: named, dated artefacts kept in the project file (Qt-free).

A patrol plan handed to officers must be the plan a delivered record is checked
against, not a re-plan from today's data. Each plan is stored whole in the
project's ``workstation_plans`` table: its id, name, time made, parameters, the
hashes of its input layers, a few facts (hours, notes) and its tables (places with
their geometry, visits, routes, ...). The audit trail records the plan id through
the project's own :meth:`~layers.project.Project.record`.

:func:`write_table` and :func:`read_table` are the two hooks the project store
calls on save and open.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

PLANS_TABLE = "workstation_plans"


@dataclass(frozen=True)
class StoredPlan:
    """One saved plan: identity, inputs, facts and tables."""

    id: str
    name: str
    created: str
    kind: str
    parameters: dict[str, Any]
    input_hashes: dict[str, str]
    facts: dict[str, Any] = field(default_factory=dict)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)


def new_plan_id(kind: str = "patrol") -> str:
    """A readable unique id: ``patrol-20261203-0815-3fa9c1``."""
    now = datetime.now(UTC)
    return f"{kind}-{now:%Y%m%d-%H%M}-{uuid.uuid4().hex[:6]}"


def now_text() -> str:
    """The time of making, ISO 8601 UTC to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def plans_of(project: Any) -> dict[str, StoredPlan]:
    """The project's saved plans by id, oldest first (an empty dict to start)."""
    plans = getattr(project, "_saved_plans", None)
    if plans is None:
        plans = {}
        project._saved_plans = plans
    return plans


def add_plan(project: Any, plan: StoredPlan) -> StoredPlan:
    """Keep ``plan`` in the project (saved with it) and mark the project changed."""
    plans_of(project)[plan.id] = plan
    project.mark_dirty()
    return plan


def latest_plan(project: Any, kind: str = "patrol") -> StoredPlan | None:
    """The most recently made plan of ``kind``, or None."""
    got = [p for p in plans_of(project).values() if p.kind == kind]
    return max(got, key=lambda p: p.created) if got else None


def record_delivered(
    project: Any, plan_id: str, matched: pd.DataFrame, source: str
) -> StoredPlan:
    """Keep a delivered record with its plan: ``matched`` is each planned visit with
    its delivered minutes and status (``workstation.analysis.delivery``), so a later
    report can set planned against delivered dosage without the file.
    The latest record replaces an earlier one (the file is the whole record).
    """
    from dataclasses import replace

    plan = find_plan(project, plan_id)
    plan = replace(
        plan,
        frames={**plan.frames, "delivered": matched},
        facts={**plan.facts, "delivered_from": str(source), "delivered_at": now_text()},
    )
    return add_plan(project, plan)


def find_plan(project: Any, plan_id: str) -> StoredPlan:
    """The plan with ``plan_id``; KeyError naming the plans there are if none."""
    plans = plans_of(project)
    if plan_id in plans:
        return plans[plan_id]
    known = ", ".join(plans) or "none"
    raise KeyError(f"no saved plan {plan_id!r} in the project (saved plans: {known})")


# -- frames as JSON ---------------------------------------------------------------------
def _plain(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not np.isfinite(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return v


def frame_to_json(frame: pd.DataFrame) -> dict[str, Any]:
    """A frame (with geometry as WKT when it is a GeoDataFrame) as plain JSON."""
    geo = isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame
    body = frame.drop(columns=frame.geometry.name) if geo else frame
    out: dict[str, Any] = {
        "columns": [str(c) for c in body.columns],
        "rows": [[_plain(v) for v in row] for row in body.itertuples(index=False)],
    }
    if geo:
        out["geometry"] = [None if g is None else g.wkt for g in frame.geometry]
        out["crs"] = frame.crs.to_string() if frame.crs is not None else None
    return out


def frame_from_json(data: dict[str, Any]) -> pd.DataFrame:
    """Inverse of :func:`frame_to_json`."""
    df = pd.DataFrame(data.get("rows", []), columns=data.get("columns", []))
    if "geometry" in data:
        geoms = [None if w is None else shapely.from_wkt(w) for w in data["geometry"]]
        return gpd.GeoDataFrame(df, geometry=geoms, crs=data.get("crs"))
    return df


# -- the store hooks ------------------------------------------------------------------
def write_table(
    con: sqlite3.Connection,
    project: Any,
    register: Callable[[sqlite3.Connection, str, str], None],
) -> None:
    """Write the project's plans into ``workstation_plans`` (inside the save)."""
    con.execute(
        f"CREATE TABLE {PLANS_TABLE} (id TEXT PRIMARY KEY, name TEXT, created TEXT, "
        "kind TEXT, parameters TEXT, input_hashes TEXT, body TEXT)"
    )
    for p in plans_of(project).values():
        body = {
            "facts": p.facts,
            "frames": {k: frame_to_json(f) for k, f in p.frames.items()},
        }
        con.execute(
            f"INSERT INTO {PLANS_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                p.id,
                p.name,
                p.created,
                p.kind,
                json.dumps(p.parameters, default=str, ensure_ascii=False),
                json.dumps(p.input_hashes),
                json.dumps(body, default=str, ensure_ascii=False),
            ),
        )
    register(con, PLANS_TABLE, "Saved plans (patrol plans with places and visits)")


def read_table(path: str | Path, project: Any) -> None:
    """Load the plans of the project file at ``path`` into ``project`` (if any)."""
    try:
        rows = _rows(path)
    except sqlite3.DatabaseError as exc:
        from layers.validation import DataError

        raise DataError(f"the saved plans are damaged ({exc})", source=path) from exc
    plans = plans_of(project)
    for pid, name, created, kind, params, hashes, body in rows:
        b = json.loads(body)
        plans[pid] = StoredPlan(
            id=pid,
            name=name,
            created=created,
            kind=kind,
            parameters=json.loads(params),
            input_hashes=json.loads(hashes),
            facts=b.get("facts", {}),
            frames={k: frame_from_json(v) for k, v in b.get("frames", {}).items()},
        )


def _rows(path: str | Path) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (PLANS_TABLE,)
        ).fetchone()
        rows = (
            con.execute(
                f"SELECT id, name, created, kind, parameters, input_hashes, body "
                f"FROM {PLANS_TABLE} ORDER BY created"
            ).fetchall()
            if has
            else []
        )
    finally:
        con.close()
    return rows
