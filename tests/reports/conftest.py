"""The demo project, its assessment and profile, built once per session."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers.crs import BNG
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project, ProjectMetadata

#: the LSOA holding the demo's persistent town-centre hot spot
TOWN_CENTRE_LSOA = "X01000041"


@pytest.fixture(scope="session")
def demo():
    from workstation.demo import load_demo_project

    return load_demo_project()


@pytest.fixture(scope="session")
def assessment(demo):
    from workstation.reports.assessment import build_assessment

    return build_assessment(demo, period=14)


@pytest.fixture(scope="session")
def assessment_files(demo, assessment, tmp_path_factory):
    from workstation.reports.render import write_report

    out = tmp_path_factory.mktemp("ta")
    entries = {}
    for suffix in ("pdf", "html", "docx"):
        path = out / f"TA.{suffix}"
        entries[suffix] = (
            path,
            write_report(
                demo, assessment, path, marking="OFFICIAL-SENSITIVE",
                descriptor="OPERATIONAL",
            ),
        )  # fmt: skip
        entries[suffix] = (path, entries[suffix][1], demo.audit[-1])
    return entries


@pytest.fixture(scope="session")
def profile(demo):
    from workstation.reports.profile import build_profile

    return build_profile(demo, TOWN_CENTRE_LSOA)


def noise_project(seed: int = 11) -> Project:
    """Dated crime and calls with no signal: uniform places, constant rate, 2 years."""
    rng = np.random.default_rng(seed)
    x0, y0 = 352000.0, 428000.0
    start = pd.Timestamp("2024-10-01", tz="Europe/London")
    span_s = 730 * 86400

    def frame(n: int, cats: list[str], extra: dict | None = None) -> gpd.GeoDataFrame:
        t = start + pd.to_timedelta(np.sort(rng.uniform(0, span_s, n)), unit="s")
        return gpd.GeoDataFrame(
            {
                "occurred_at": t,
                "category": np.array(cats)[rng.integers(0, len(cats), n)],
                **(extra or {}),
            },
            geometry=gpd.points_from_xy(
                x0 + rng.uniform(0, 4000, n), y0 + rng.uniform(0, 4000, n)
            ),
            crs=BNG,
        )

    project = Project(ProjectMetadata(title="No signal", marking="OFFICIAL"))
    import shapely

    boxes, codes = [], []
    for i in range(4):
        for j in range(4):
            boxes.append(
                shapely.box(
                    x0 + i * 1000,
                    y0 + j * 1000,
                    x0 + (i + 1) * 1000,
                    y0 + (j + 1) * 1000,
                )
            )
            codes.append(f"E0{i}{j}")
    bnd = gpd.GeoDataFrame(
        {"area_code": codes, "area_name": [f"Area {c}" for c in codes], "population": 1500},
        geometry=boxes, crs=BNG,
    )  # fmt: skip
    project.add_layer(Layer("Areas", LayerKind.BOUNDARY, bnd))
    project.add_layer(
        Layer(
            "Crime",
            LayerKind.CRIME,
            frame(6000, ["Burglary", "Robbery", "Vehicle crime"]),
        )
    )
    n = 8000
    calls = frame(n, ["Theft", "Violence", "ASB"], {"grade": rng.integers(1, 5, n)})
    project.add_layer(Layer("Calls", LayerKind.DEMAND, calls))
    return project
