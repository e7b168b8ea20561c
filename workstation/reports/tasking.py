"""Saved patrol plans of a period: the tasking a report looks back on.

Plans live in the project (``layers/plans.py``). A patrol plan is made for one
period, the week or month after its forecast (``forecast_for`` and ``step`` in its
context). For each plan whose period overlaps the report's, :func:`saved_plans`
gives planned against delivered dosage per place (from the delivered record kept
with the plan by ``workstation patrol --delivered``) and the crime change in and
around the planned places, evaluated by :func:`workstation.analysis.evaluate.evaluate`
(the weighted displacement difference) with the rest of the working area as the
control. When the data do not yet cover the plan's period, or the counts are too
small for the test, the review says "too early to say" rather than guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from layers.plans import StoredPlan, plans_of
from layers.project import Project
from workstation.analysis.delivery import delivery_summary
from workstation.analysis.evaluate import (
    SMALL_COUNT,
    EvaluationResult,
    area_counts,
    evaluate,
)
from workstation.reports.compare import Window

#: the ring around the planned places where displaced crime is looked for
BUFFER_M = 250.0
#: the control is the working area beyond this distance from the planned places
CONTROL_GAP_M = 500.0

NO_PLAN = (
    "No saved patrol plan in the period, so there is no planned against delivered "
    "dosage to report and no evaluation of last period's tasking."
)
NO_VISITS = (
    "No visits recorded: the delivered record has not been entered "
    "(workstation patrol PROJECT --delivered FILE), so delivered dosage is unknown."
)


@dataclass(frozen=True)
class PlanReview:
    """One saved plan looked back on: dosage and the crime change around it."""

    plan_id: str
    name: str
    window: Window
    #: per place: place_id, name, planned_minutes, delivered_minutes (NaN when no
    #: visits are recorded), on_time, late, missed
    places: pd.DataFrame
    delivered_from: str | None
    #: role -> (before, after) counts: treated, displacement, control
    counts: dict[str, tuple[int, int]]
    evaluation: EvaluationResult | None
    #: "too early to say: ..." when there is no fair test yet, else ""
    too_early: str

    @property
    def recorded(self) -> bool:
        return self.delivered_from is not None


def plan_window(plan: StoredPlan, tz: str) -> Window | None:
    """The period a plan was made for (None when the plan does not say)."""
    ctx = plan.facts.get("context", {})
    start = ctx.get("forecast_for")
    if not start:
        return None
    t0 = pd.Timestamp(start)
    t0 = t0.tz_localize(tz) if t0.tzinfo is None else t0
    return Window(t0, t0 + _step(plan))


def _step(plan: StoredPlan) -> pd.DateOffset | pd.Timedelta:
    """A plan's period: a calendar month for month-precision data, else a week."""
    month = plan.facts.get("context", {}).get("step") == "month"
    return pd.DateOffset(months=1) if month else pd.Timedelta(days=7)


def saved_plans(
    project: Project,
    window: Window,
    where: Callable[[StoredPlan], bool] | None = None,
) -> list[PlanReview]:
    """A review of each saved patrol plan whose period overlaps ``window``, oldest first.

    ``where`` keeps only the plans it accepts (e.g. those with a place in an area);
    the others are not reviewed at all.
    """
    tz = str(window.start.tz) if window.start.tzinfo else "Europe/London"
    out = []
    for plan in plans_of(project).values():
        if plan.kind != "patrol" or (where is not None and not where(plan)):
            continue
        pw = plan_window(plan, tz)
        if pw is None or pw.end <= window.start or pw.start >= window.end:
            continue
        out.append(review(project, plan, pw))
    return sorted(out, key=lambda r: r.window.start)


def review(project: Project, plan: StoredPlan, pw: Window) -> PlanReview:
    """Planned against delivered dosage and the WDD of one plan over its period."""
    places = _dosage(plan)
    layer = _crime_layer(project, plan)
    counts: dict[str, tuple[int, int]] = {}
    result, early = None, ""
    if layer is None or not layer.is_temporal or not len(layer):
        early = "too early to say: the plan's crime layer is no longer in the project"
    else:
        end = pd.Timestamp(int(layer.times_ns[-1]), unit="ns", tz="UTC")
        if layer.time_precision == "month":  # the last record stands for its month
            end = end.tz_convert(pw.start.tz) + pd.DateOffset(months=1)
        if end < pw.end - pd.Timedelta(days=1):
            early = (
                f"too early to say: the crime data end on {end.tz_convert(pw.start.tz):%d %b %Y}, "
                f"before the plan's period ({pw.label}) is over"
            )
        else:
            counts = _counts(layer, plan, pw)
            if min(v for pair in counts.values() for v in pair) < SMALL_COUNT:
                early = (
                    f"too early to say: some counts are under {SMALL_COUNT}, too few "
                    "for the test to tell an effect from chance"
                )
            result = evaluate(
                counts["treated"], counts["control"], counts["displacement"]
            )
    return PlanReview(
        plan_id=plan.id, name=plan.name, window=pw, places=places,
        delivered_from=plan.facts.get("delivered_from"), counts=counts,
        evaluation=result, too_early=early,
    )  # fmt: skip


def _dosage(plan: StoredPlan) -> pd.DataFrame:
    places = plan.frames["places"]
    base = pd.DataFrame(
        {
            "place_id": places["place_id"].to_numpy(),
            "name": places.get("name", places["place_id"]).astype(str).to_numpy(),
        }
    )
    matched = plan.frames.get("delivered")
    base["planned_minutes"] = places["planned_minutes"].astype(float).to_numpy()
    if matched is None or not len(matched):
        for c in ("delivered_minutes", "on_time", "late", "missed"):
            base[c] = np.nan
        return base
    s = delivery_summary(matched, places)
    s = s[s["level"] == "place"].set_index("key")
    key = base["place_id"].astype(str)
    for c in ("delivered_minutes", "on_time", "late", "missed"):
        base[c] = key.map(s[c]).fillna(0).to_numpy()
    return base


def _crime_layer(project: Project, plan: StoredPlan) -> Any:
    ctx = plan.facts.get("context", {})
    lid = ctx.get("crime_layer_id")
    if lid and lid in project:
        return project.layer(lid)
    return next(
        (lyr for lyr in project.layers if lyr.name == ctx.get("crime_layer")), None
    )


def _counts(layer: Any, plan: StoredPlan, pw: Window) -> dict[str, tuple[int, int]]:
    """Treated (the planned places), their buffer ring and the control (the rest of
    the working area), in the plan's period and the same length before it.
    """
    treated = shapely.union_all(np.asarray(plan.frames["places"].geometry.values))
    ring = treated.buffer(BUFFER_M).difference(treated)
    hull = shapely.convex_hull(shapely.multipoints(layer.xy))
    control = hull.difference(treated.buffer(CONTROL_GAP_M))
    before = Window(pw.start - _step(plan), pw.start)
    areas = {"treated": treated, "displacement": ring, "control": control}
    return area_counts(
        layer.xy, layer.times_ns, areas, before.bounds_ns(), pw.bounds_ns()
    )


# -- report blocks ----------------------------------------------------------------------
def tasking_blocks(reviews: list[PlanReview]) -> tuple[Any, ...]:
    """The blocks of a "last period's tasking" section (NO_PLAN when there is none)."""
    from workstation.reports.model import Text

    if not reviews:
        return (Text(NO_PLAN),)
    blocks: list[Any] = []
    for r in reviews:
        blocks.append(Text(f"{r.name} ({r.plan_id}), for {r.window.label}."))
        blocks.append(_dosage_table(r))
        if not r.recorded:
            blocks.append(Text(NO_VISITS, "note"))
        blocks.append(Text(_change_text(r)))
    return tuple(blocks)


def _dosage_table(r: PlanReview) -> Any:
    from workstation import formatting
    from workstation.reports.model import Table

    rows = []
    for p in r.places.itertuples(index=False):
        done = (
            "not recorded" if not r.recorded else formatting.count(p.delivered_minutes)
        )
        visits = (
            "—"
            if not r.recorded
            else f"{int(p.on_time)} on time, {int(p.late)} late, {int(p.missed)} missed"
        )
        rows.append(
            (
                str(p.place_id),
                str(p.name),
                formatting.count(p.planned_minutes),
                done,
                visits,
            )
        )
    caption = "Planned against delivered dosage per place (minutes a week)"
    if r.recorded:
        caption += f"; delivered record: {r.delivered_from}"
    return Table(
        ("#", "Place", "Planned min", "Delivered min", "Visits"),
        tuple(rows),
        caption + ".",
    )


def _change_text(r: PlanReview) -> str:
    from workstation import formatting

    if not r.counts:
        return f"Crime change in and around the places: {r.too_early}."
    t, d, c = (r.counts[k] for k in ("treated", "displacement", "control"))
    text = (
        f"Crime in the planned places: {t[0]:,} in the period before, {t[1]:,} during the "
        f"plan; in a {BUFFER_M:g} m ring around them {d[0]:,} → {d[1]:,}; in the rest of the "
        f"working area (beyond {CONTROL_GAP_M:g} m, the control) {c[0]:,} → {c[1]:,}. "
    )
    e = r.evaluation
    if e is not None:
        p = formatting.p_value(e.p)
        text += (
            f"Weighted displacement difference {e.wdd:+,.0f} (z = {e.z:.2f}, "
            f"p {p if p.startswith('<') else '= ' + p}). "
        )
    if r.too_early:
        return text + r.too_early[:1].upper() + r.too_early[1:] + "."
    return text + (e.interpretation if e is not None else "")
