"""Last period's tasking: a plan saved by `workstation patrol`, its delivered record
entered by `workstation patrol --delivered`, then the week's crime data: the
assessment's section gives the plan's dosage and the WDD the evaluation computes."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.plans import plans_of
from layers.store import load_project, save_project
from tests.reports.conftest import noise_project
from workstation.analysis.delivery import delivery_summary
from workstation.analysis.evaluate import evaluate
from workstation.cli import main
from workstation.reports import tasking
from workstation.reports.assessment import build_assessment
from workstation.reports.compare import Window

TZ = "Europe/London"


def _section(report, title: str):
    return next(s for s in report.sections if s.title == title)


def _text(section) -> str:
    out = []
    for b in section.blocks:
        out.append(getattr(b, "text", ""))
        out.extend(" ".join(r) for r in getattr(b, "rows", ()))
    return "\n".join(out)


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """A project with a saved plan and half its visits delivered (real commands)."""
    d = tmp_path_factory.mktemp("tasking")
    path = d / "p.gpkg"
    save_project(noise_project(), path)
    assert main([
        "patrol", str(path), "--officer-hours", "10", "--layer", "Crime",
        "-o", str(d / "plan.csv"),
    ]) == 0  # fmt: skip
    sheet = pd.read_csv(
        d / "plan.csv", dtype={"delivered_arrive": object, "delivered_depart": object}
    )
    hs = sheet.index[sheet["stop_type"] == "hot spot"][::2]
    sheet.loc[hs, "delivered_arrive"] = sheet.loc[hs, "arrive"].astype(object)
    sheet.loc[hs, "delivered_depart"] = sheet.loc[hs, "depart"].astype(object)
    sheet.to_csv(d / "filled.csv", index=False)
    assert main(["patrol", str(path), "--delivered", str(d / "filled.csv")]) == 0
    return path


def _with_week_of_data(path, extra_inside: int):
    """The project once the plan's week of crime has arrived (as a new import
    would bring it), with ``extra_inside`` more events in the planned places in the
    week and in the week before (so the counts are big enough to test)."""
    project = load_project(path)
    plan = next(iter(plans_of(project).values()))
    pw = tasking.plan_window(plan, TZ)
    old = project.layers_of(LayerKind.CRIME)[0]
    rng = np.random.default_rng(5)
    x0, y0, x1, y1 = old.bounds()
    n = 600  # background in the plan's week and the week before
    t = pw.start + pd.to_timedelta(
        rng.uniform(-7 * 86400, pw.days * 86400, n), unit="s"
    )
    pts = gpd.points_from_xy(rng.uniform(x0, x1, n), rng.uniform(y0, y1, n))
    places = plan.frames["places"].geometry.values
    inner = [shapely.Point(p.representative_point()) for p in places]
    k = extra_inside
    t_in = np.concatenate(
        [
            (pw.start - pd.Timedelta(days=7) + pd.Timedelta(hours=12)).value
            + np.arange(k) * 60_000_000_000,
            (pw.start + pd.Timedelta(hours=12)).value + np.arange(k) * 60_000_000_000,
        ]
    )
    add = gpd.GeoDataFrame(
        {
            "occurred_at": list(t)
            + list(pd.to_datetime(t_in, utc=True).tz_convert(TZ)),
            "category": "Burglary",
        },
        geometry=list(pts) + [inner[i % len(inner)] for i in range(2 * k)],
        crs=old.crs,
    )
    frame = pd.concat(
        [old.frame[["occurred_at", "category", "geometry"]], add], ignore_index=True
    )
    project.remove_layer(old.id)
    project.add_layer(
        Layer("Crime", LayerKind.CRIME, gpd.GeoDataFrame(frame, crs=old.crs))
    )
    return project, plan, pw


def test_section_gives_the_plans_dosage_and_the_evaluations_wdd(planned):
    project, plan, pw = _with_week_of_data(planned, extra_inside=30)
    reviews = tasking.saved_plans(project, Window(pw.start, pw.end))
    assert [r.plan_id for r in reviews] == [plan.id]
    r = reviews[0]
    # delivered dosage per place: what the delivery summary of the kept record says
    s = delivery_summary(plan.frames["delivered"], plan.frames["places"])
    s = s[s["level"] == "place"].set_index("key")
    got = r.places.set_index(r.places["place_id"].astype(str))
    assert np.allclose(got["delivered_minutes"], s.loc[got.index, "delivered_minutes"])
    assert 0 < got["delivered_minutes"].sum() < got["planned_minutes"].sum()
    # counts: an independent point-in-polygon count with geopandas
    crime = project.layers_of(LayerKind.CRIME)[0].frame
    treated = shapely.union_all(plan.frames["places"].geometry.values)
    t = crime["occurred_at"]
    inside = crime.geometry.within(treated)
    before = ((t >= pw.start - pd.Timedelta(days=7)) & (t < pw.start) & inside).sum()
    during = ((t >= pw.start) & (t < pw.end) & inside).sum()
    assert r.counts["treated"] == (before, during)
    assert r.too_early == ""
    e = evaluate(r.counts["treated"], r.counts["control"], r.counts["displacement"])
    assert r.evaluation.wdd == e.wdd and r.evaluation.z == e.z
    # the assessment of that week carries the same figures
    report = build_assessment(project, period=7)
    text = _text(_section(report, "Last period's tasking"))
    assert plan.id in text
    assert f"{e.wdd:+,.0f}" in text and f"z = {e.z:.2f}" in text
    assert f"{before:,} in the period before, {during:,} during" in text
    assert e.interpretation in text


def test_small_counts_say_too_early_rather_than_a_verdict(planned):
    project, _plan, pw = _with_week_of_data(planned, extra_inside=0)
    r = tasking.saved_plans(project, Window(pw.start, pw.end))[0]
    assert min(r.counts["treated"]) < 10
    assert r.too_early.startswith("too early to say")
    text = _text(_section(build_assessment(project, period=7), "Last period's tasking"))
    assert "Too early to say" in text


def test_a_plan_for_a_week_the_data_do_not_reach_is_too_early(planned):
    project = load_project(planned)
    plan = next(iter(plans_of(project).values()))
    pw = tasking.plan_window(plan, TZ)
    r = tasking.saved_plans(project, Window(pw.start, pw.end))[0]
    assert r.counts == {} and r.evaluation is None
    assert "crime data end on" in r.too_early


def test_no_plan_and_no_visits_are_said(planned, tmp_path):
    project = noise_project()
    text = _text(
        _section(build_assessment(project, period=14), "Last period's tasking")
    )
    assert text == tasking.NO_PLAN
    # a saved plan without a delivered record says no visits are recorded
    save_project(noise_project(), tmp_path / "q.gpkg")
    main(["patrol", str(tmp_path / "q.gpkg"), "--officer-hours", "5", "--layer", "Crime",
          "-o", str(tmp_path / "q.csv")])  # fmt: skip
    project = load_project(tmp_path / "q.gpkg")
    plan = next(iter(plans_of(project).values()))
    pw = tasking.plan_window(plan, TZ)
    blocks = tasking.tasking_blocks(tasking.saved_plans(project, pw))
    assert any(getattr(b, "text", "") == tasking.NO_VISITS for b in blocks)


def test_profile_of_an_area_with_a_planned_place_reviews_the_plan(planned):
    from workstation.reports.profile import build_profile

    project, plan, _pw = _with_week_of_data(planned, extra_inside=30)
    areas = project.layers_of(LayerKind.BOUNDARY)[0].frame
    place = plan.frames["places"].geometry.iloc[0].representative_point()
    code = str(areas.loc[areas.contains(place), "area_code"].iloc[0])
    report = build_profile(project, code)
    assert plan.id in _text(_section(report, "Response"))
    assert "evaluated under Response" in _text(_section(report, "Assessment"))
    # an area with none of the plan's places says there is none
    places = shapely.union_all(plan.frames["places"].geometry.values)
    free = areas.loc[~areas.intersects(places), "area_code"]
    if len(free):
        other = build_profile(project, str(free.iloc[0]))
        assert plan.id not in _text(_section(other, "Response"))
        assert "No intervention" in _text(_section(other, "Assessment"))


def test_plans_left_out_by_where_are_not_reviewed(planned):
    project, plan, pw = _with_week_of_data(planned, extra_inside=30)
    seen = []

    def where(p):
        seen.append(p.id)
        return p.id != plan.id

    assert tasking.saved_plans(project, pw, where=where) == []
    assert seen == [plan.id]
    every = tasking.saved_plans(project, pw, where=lambda p: True)
    assert [r.plan_id for r in every] == [
        r.plan_id for r in tasking.saved_plans(project, pw)
    ]
