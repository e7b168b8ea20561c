"""Issue 12.7: one A4 sheet per shift worked and patrol area, read back with poppler."""

from __future__ import annotations

import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers import Project
from layers.project import ProjectMetadata
from workstation.analysis.grid import Grid
from workstation.analysis.patrol import plan_patrols

OX, OY = 400_000.0, 280_000.0


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def untimed_plan():
    g = Grid.covering((OX, OY, OX + 3000, OY + 3000), 100)
    cx, cy = g.centres()
    scores = 10 * np.exp(-((cx - OX - 800) ** 2 + (cy - OY - 900) ** 2) / 2e4) + 6 * (
        np.exp(-((cx - OX - 2400) ** 2 + (cy - OY - 2200) ** 2) / 2e4)
    )
    assets = gpd.GeoDataFrame(
        {
            "name": ["Hill Primary School", "Late Bar"],
            "opening_hours": [
                "Mo-Fr 08:30-15:30",
                "Fri: 22:00-02:30; Sat: 22:00-02:30",
            ],
        },
        geometry=shapely.points([(OX + 850, OY + 950), (OX + 2450, OY + 2250)]),
        crs="EPSG:27700",
    )
    plan = plan_patrols(scores, g, officer_hours=12, assets=assets, max_places=6)
    return plan


def test_one_sheet_per_shift_and_area_with_marking_and_no_evidence_line(
    untimed_plan, tmp_path: Path
):
    from workstation.export.patrol_sheets import sheet_name, write_sheets

    plan = untimed_plan
    project = Project(ProjectMetadata(title="Test area", marking="OFFICIAL-SENSITIVE"))
    files = write_sheets(project, plan, {"forecast_method": "kde"}, tmp_path)
    pdfs = sorted(p for p in files if p.suffix == ".pdf")
    groups = plan.visits.groupby(["shift_id", "patrol_area"]).size()
    assert len(pdfs) == len(groups)
    assert {p.stem for p in pdfs} == {sheet_name(s, a) for s, a in groups.index}
    assert all(p.with_suffix(".png").exists() for p in pdfs)
    assert project.audit[-1].action == "export patrol sheets"
    week = pd.read_csv(tmp_path / "week.csv")
    assert len(week) == len(plan.visits)
    assert {"shift_id", "patrol_area", "officer"} <= set(week.columns)
    hot = pd.read_csv(tmp_path / "hot-spots.csv")
    assert list(hot["rank"]) == list(range(1, len(plan.places) + 1))
    for pdf in pdfs:
        text = pdftotext(pdf)
        pages = text.split("\f")
        pages = [pg for pg in pages if pg.strip()]
        for page in pages:  # the marking at the top and the bottom of every page
            lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
            assert (
                lines[0] == "OFFICIAL-SENSITIVE" and lines[-1] == "OFFICIAL-SENSITIVE"
            )
        flat = " ".join(text.split())
        assert "Timing is not evidence-based" in flat
        shift_id, area = next(
            (s, a) for s, a in groups.index if sheet_name(s, a) == pdf.stem
        )
        assert f"Patrol sheet: {shift_id}, patrol area {area}" in flat
        v = plan.visits[
            (plan.visits["shift_id"] == shift_id) & (plan.visits["patrol_area"] == area)
        ]
        for r in v.itertuples():  # every stop, with its time and grid reference
            assert r.arrive in flat and r.grid_ref in flat
        assert "What to look for" in flat and "Method" in flat
        if (v["label"] == "Hill Primary School").any():
            assert "08:30-15:30" in flat


def test_sheet_renders_with_pdftoppm(untimed_plan, tmp_path: Path):
    from workstation.export.patrol_sheets import sheet_document, write_pdf

    plan = untimed_plan
    first = plan.visits.iloc[0]
    doc = sheet_document(
        Project(), plan, {}, first["shift_id"], int(first["patrol_area"])
    )
    pdf = write_pdf(doc, tmp_path / "s.pdf", "test")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True
    )
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == len(doc.pages) >= 1
    from PIL import Image

    img = np.asarray(Image.open(pngs[0]).convert("RGB")).astype(int)
    # the numbered red hot-spot markers are drawn on the map
    red = (img[..., 0] > 150) & (img[..., 1] < 90) & (img[..., 2] < 90)
    assert red.sum() > 20


def test_delivery_page_lists_places_and_shifts(untimed_plan, tmp_path: Path):
    from workstation.analysis.delivery import delivery_summary, match_visits
    from workstation.export.patrol_sheets import write_delivery_pdf

    plan = untimed_plan
    hs = plan.visits[plan.visits["stop_type"] == "hot spot"]
    got = pd.DataFrame(
        {"place_id": hs["place_id"].iloc[:3], "start_min": hs["arrive_min"].iloc[:3],
         "minutes": 15.0}
    )  # fmt: skip
    summary = delivery_summary(match_visits(plan.visits, got), plan.places)
    pdf = write_delivery_pdf(Project(), plan, summary, tmp_path / "d.pdf")
    flat = " ".join(pdftotext(pdf).split())
    assert "Planned against delivered patrols" in flat
    assert f"3 of {len(hs)} visits on time" in flat
    assert "Per place" in flat and "Per shift" in flat
    for sid in hs["shift_id"].unique():
        assert sid in flat
