"""The problem profile on the demo project: content against the results."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers.kinds import LayerKind
from layers.validation import DataError
from tests.reports._docs import pdf_pages, squash
from tests.reports.conftest import TOWN_CENTRE_LSOA
from workstation.reports.profile import PEER_POP, build_profile, peers_of


def _lsoa(demo):
    lyr = next(lyr for lyr in demo.layers if lyr.name == "LSOAs")
    return lyr, lyr.frame[lyr.frame["area_code"] == TOWN_CENTRE_LSOA]


def _count_in(demo, geom, start, end):
    street = next(lyr for lyr in demo.layers if lyr.name.startswith("Street crime"))
    fr = street.frame
    t = fr["occurred_at"]
    sel = fr[(t >= start) & (t < end)]
    return int(sel.within(geom).sum()), len(sel)


def test_area_counts_and_rates_are_the_layers(demo, profile):
    lyr, row = _lsoa(demo)
    c = profile.results["profile_counts"]
    w = c["window"]
    n_area, n_force = _count_in(demo, row.geometry.iloc[0], w.start, w.end)
    assert (c["area"], c["force"]) == (n_area, n_force)
    force_pop = lyr.frame["population"].sum()
    rate = profile.results["rates"][0]
    assert rate.count == n_area
    assert rate.expected == pytest.approx(
        n_force * row["population"].iloc[0] / force_pop
    )
    text = squash(profile.all_text())
    assert squash(rate.sentence("force")) in text
    assert f"population {row['population'].iloc[0]:,.0f}" in text


def test_peers_share_the_decile_and_population(demo, profile):
    a = profile.results["area"]
    peers = peers_of(demo, a)
    assert len(peers) > 0 and a.code not in set(peers["area_code"])
    assert (peers["imd_decile"] == a.imd_decile).all()
    assert ((peers["population"] - a.population).abs() <= PEER_POP * a.population).all()
    assert len(profile.results["peer_counts"]) == len(peers)


def test_sara_headings_and_town_centre_signal(demo, profile):
    titles = [s.title for s in profile.sections]
    assert titles[0].startswith("Scanning") and titles[1] == "Analysis"
    assert titles[2:] == ["Response", "Assessment"]
    # the persistent town-centre hot spot lies in this LSOA: its rate is well above
    # the force's and its peers', and hot cells are found inside it
    assert all(r.count > r.expected and r.p < 0.05 for r in profile.results["rates"])
    assert profile.results["hotspots"].summary["hot_99"] > 0
    mix = profile.results["mix"]
    text = profile.all_text()
    assert f"{mix.index[0]} is the largest problem ({mix.iloc[0]:,} events" in text


def test_profile_of_a_polygon_file_matches_the_code(tmp_path, demo, profile):
    _lyr, row = _lsoa(demo)
    path = tmp_path / "patch.geojson"
    gpd.GeoDataFrame(
        {"name": ["patch"]}, geometry=list(row.geometry), crs=row.crs
    ).to_file(path)
    other = build_profile(demo, str(path))
    assert (
        other.results["profile_counts"]["area"]
        == profile.results["profile_counts"]["area"]
    )
    assert other.results["area"].population == pytest.approx(row["population"].iloc[0])


def test_unknown_area_is_a_clear_error(demo):
    with pytest.raises(DataError, match="neither an area code"):
        build_profile(demo, "X0NOTHERE")


def test_profile_formats_carry_the_marking(tmp_path, demo, profile):
    from workstation.reports.render import write_report

    for suffix in ("pdf", "html", "docx"):
        write_report(demo, profile, tmp_path / f"PP.{suffix}")
    marking = demo.metadata.marking
    pages = pdf_pages(tmp_path / "PP.pdf")
    assert all(p.count(marking) >= 2 for p in pages)
    import docx

    d = docx.Document(str(tmp_path / "PP.docx"))
    assert marking in d.sections[0].header.paragraphs[0].text
    assert d.inline_shapes and d.tables
    html = (tmp_path / "PP.html").read_text("utf-8")
    assert "Problem profile" in html and np.all(
        ["Scanning" in html, "Assessment" in html]
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
def test_docx_converts_with_libreoffice(tmp_path, assessment_files):
    src = assessment_files["docx"][0]
    env_dir = tmp_path / "lo-profile"
    run = subprocess.run(
        [
            "soffice", f"-env:UserInstallation=file://{env_dir}", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(src),
        ],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    out = tmp_path / "TA.pdf"
    assert run.returncode == 0 and out.is_file(), run.stderr
    pages = pdf_pages(out)
    assert len(pages) > 3
    text = squash(" ".join(pages))
    assert "Tactical assessment" in text and "OFFICIAL-SENSITIVE - OPERATIONAL" in text
    assert pd.notna(text)


def test_ward_profile_finds_the_rising_drugs_calls(demo):
    """The demo's planted drugs calls (Aug-Sep 2026) lie in Larkrise ward."""
    import shapely

    ward = next(lyr for lyr in demo.layers if lyr.name == "Wards")
    calls = next(lyr for lyr in demo.layers if lyr.name == "Calls for service")
    sig = json.loads(Path(calls.provenance["synthetic_data"]["manifest"]).read_text())
    cx, cy = sig["signals"]["rising_call_type"]["centre"]
    row = ward.frame[ward.frame.contains(shapely.Point(cx, cy))].iloc[0]
    report = build_profile(demo, row["area_code"])
    base = report.results["call_baseline:Calls for service"]["Drugs"]
    assert base.count > base.expected and base.p < 0.05
    assert squash(base.sentence("earlier mean")) in squash(report.all_text())
    peers = peers_of(demo, report.results["area"])
    assert len(peers) and "population" in peers  # wards get populations from LSOAs


def test_profile_without_population_says_so():
    from tests.reports.conftest import noise_project

    project = noise_project()
    areas = project.layers_of(LayerKind.BOUNDARY)[0]
    areas.frame = areas.frame.drop(columns=["population"])
    report = build_profile(project, "E011")
    text = report.all_text()
    assert "population not known" in text and "nan" not in text
    assert "No peer areas" in text
