"""PNG/PDF briefing sheet: marking on every page, legend, and a correct scale bar."""

from __future__ import annotations

import hashlib
import math
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layers.kinds import LayerKind
from layers.project import Project, ProjectMetadata
from layers.validation import DataError
from tests.export._projects import CELL, X0, XSS, boundary_layer, make_project
from workstation.export import briefing as bf
from workstation.export import sheet

POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is missing")


@given(st.floats(min_value=1.0, max_value=1e8))
@settings(max_examples=200, deadline=None)
def test_nice_scale_is_round_and_not_smaller(x):
    s = sheet.nice_scale(x)
    assert s >= x * (1 - 1e-9)
    assert s <= x * 1.34  # the widest step in NICE_SCALES is 7.5 -> 10
    mantissa = s / 10 ** math.floor(math.log10(s) + 1e-12)
    assert any(math.isclose(mantissa, m) for m in (*sheet.NICE_SCALES, 10.0))


@given(st.floats(min_value=0.5, max_value=1e7))
@settings(max_examples=200, deadline=None)
def test_nice_length_is_1_2_5(x):
    n = sheet.nice_length(x)
    assert n <= x * (1 + 1e-12)
    assert n > x / 2.5 - 1e-9
    mantissa = n / 10 ** math.floor(math.log10(n) + 1e-12)
    assert any(math.isclose(mantissa, m) for m in (1.0, 2.0, 5.0))


def _page_size(info: str) -> tuple[float, float]:
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return float(m.group(1)), float(m.group(2))


def _pdf_text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _render(path: Path, tmp: Path, dpi: int = 100) -> list[np.ndarray]:
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp / "page")], check=True
    )
    files = sorted(tmp.glob("page-*.png"))
    return [np.asarray(Image.open(f).convert("L"), dtype=np.int16) for f in files]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf")
    project = make_project(500)
    path = tmp / "brief.pdf"
    layout = sheet.export_pdf(project, path, descriptor="personal")
    return project, path, layout, tmp


@needs_poppler
def test_pdf_pages_marking_title_legend(pdf):
    project, path, layout, _ = pdf
    assert layout.pages == 3  # map, horizon scan, patrol plan
    info = subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"Pages:\s+3\n", info)
    w, h = _page_size(info)
    assert abs(w - 595.28) < 1 and abs(h - 841.89) < 1  # A4 portrait in points
    for page in (1, 2, 3):
        text = _pdf_text(path, page)
        assert text.count("OFFICIAL-SENSITIVE - PERSONAL") == 2, page  # top, bottom
        assert "Test briefing" in text
        assert f"Page {page} of 3" in text
    first = _pdf_text(path, 1)
    crime = project.layers_of(LayerKind.CRIME)[0]
    for name in crime.categories:
        assert name in first
    assert "Hot spot, 99 % confidence" in first
    assert "Not significant" not in first
    assert f"Scale 1:{layout.scale:,.0f} at A4" in first
    assert sheet.length_label(layout.scalebar_m) in first
    assert "1 Jan 2024 to 31 Dec 2024" in first
    assert "A. Analyst" in first
    assert "Grid N" in first
    assert "Open Government Licence" in first
    assert "Getis-Ord" in first
    second = _pdf_text(path, 2)
    assert "Horizon scan" in second and "Robbery up 140 %" in second
    assert XSS in second.replace("\n", "").replace(" ", "") or "alert(1)" in second
    third = _pdf_text(path, 3)
    assert "Patrol plan" in third and "Stop D" in third


@needs_poppler
def test_pdf_pages_not_blank_and_bands_black(pdf):
    _, path, layout, tmp = pdf
    pages = _render(path, tmp)
    assert len(pages) == 3
    k = 100 / 25.4
    for img in pages:
        assert img.std() > 10
        # the marking bands: black rows at the top and bottom of the page
        top = img[int(7 * k) : int(12 * k), int(20 * k) : int(40 * k)]
        bottom = img[-int(12 * k) : -int(8 * k), int(20 * k) : int(40 * k)]
        assert top.mean() < 40 and bottom.mean() < 40
    # the map frame holds drawn features
    x, y, w, h = layout.map_rect_mm
    inner = pages[0][
        int((y + 2) * k) : int((y + h - 2) * k), int((x + 2) * k) : int((x + w - 2) * k)
    ]
    assert (inner < 200).mean() > 0.02


def _dark_run(row: np.ndarray, lo: int, hi: int, level: int = 100) -> tuple[int, int]:
    idx = np.flatnonzero(row[lo:hi] < level) + lo
    return int(idx.min()), int(idx.max())


@needs_poppler
def test_scale_bar_matches_the_map_scale(pdf):
    _, _, layout, _tmp = pdf
    # the layout's scale is the ground extent over the map frame
    _x, _y, w, h = layout.map_rect_mm
    ext = layout.extent
    assert math.isclose((ext[2] - ext[0]) / (w / 1000), layout.scale, rel_tol=1e-9)
    assert math.isclose((ext[3] - ext[1]) / (h / 1000), layout.scale, rel_tol=1e-9)
    assert math.isclose(
        layout.scalebar_length_mm, layout.scalebar_m * 1000 / layout.scale
    )


@needs_poppler
def test_scale_bar_and_features_measured_on_the_rendered_page(tmp_path):
    """Outline-only 1 km squares: their spacing in pixels must equal the scale
    bar's length per metre, both measured on the page rendered at 100 dpi."""
    project = Project(ProjectMetadata(title="Scale check", marking="OFFICIAL"))
    bnd = boundary_layer()
    project.add_layer(bnd)
    project.set_style(bnd.id, outline="#000000", outline_width=1.0, fill_opacity=0.0)
    path = tmp_path / "scale.pdf"
    lay = sheet.export_pdf(project, path)
    [img, *_] = _render(path, tmp_path)
    k = 100 / 25.4  # pixels per mm
    bx, by, blen, bh = lay.scalebar_mm
    row = img[round((by + bh / 2) * k)]
    a, b = _dark_run(row, int((bx - 2) * k), int((bx + blen + 2) * k))
    bar_px = b - a
    assert abs(bar_px - blen * k) <= 2.0
    # the vertical edges of the squares along a row through the middle square
    _px, py = lay.to_page(np.array([X0 + 500.0]), np.array([428000.0 + 1500.0]))
    row = img[round(py[0] * k)]
    xs_mm, _ = lay.to_page(X0 + np.arange(5) * CELL, np.zeros(5))
    edges = []
    for e in xs_mm:
        lo, hi = _dark_run(row, int((e - 1.5) * k), int((e + 1.5) * k))
        edges.append((lo + hi) / 2)
    spacing_px = np.diff(edges).mean()
    # 1,000 m on the map in pixels, from the measured scale bar
    assert abs(spacing_px - bar_px * CELL / lay.scalebar_m) <= 1.5
    # and from the stated scale
    assert abs(spacing_px - CELL * 1000 / lay.scale * k) <= 1.0


@needs_poppler
def test_a3_landscape(tmp_path):
    project = make_project(100, full=False)
    lay = sheet.export_pdf(project, tmp_path / "a3.pdf", page="A3", landscape=True)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "a3.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    w, h = _page_size(info)
    assert abs(w - 1190.55) < 1 and abs(h - 841.89) < 1  # A3 landscape in points
    assert lay.page_mm == (420.0, 297.0) and lay.pages == 1
    x, _, w, _ = lay.legend_rect_mm
    assert x > lay.map_rect_mm[0] + lay.map_rect_mm[2]  # legend beside the map


def test_png_resolution_size_and_marking(tmp_path):
    from PIL import Image

    project = make_project(200, full=False)
    path = tmp_path / "brief.png"
    sheet.export_png(project, path, dpi=150)
    with Image.open(path) as im:
        assert im.size == (round(210 / 25.4 * 150), round(297 / 25.4 * 150))
        dpi = im.info["dpi"]
        assert abs(dpi[0] - 150) < 1
        grey = np.asarray(im.convert("L"), dtype=np.int16)
    k = 150 / 25.4
    assert grey[int(7 * k) : int(12 * k), int(20 * k) : int(40 * k)].mean() < 40
    assert grey.std() > 10
    entry = project.audit[-1]
    assert entry.parameters["format"] == "png"
    assert entry.parameters["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DataError, match="150-300"):
        sheet.export_png(project, tmp_path / "x.png", dpi=72)


def test_no_sheet_without_marking(tmp_path):
    project = make_project(20, full=False)
    project.metadata.marking = ""
    with pytest.raises(DataError, match="marking"):
        sheet.export_pdf(project, tmp_path / "x.pdf")
    with pytest.raises(DataError, match="marking"):
        sheet.export_png(project, tmp_path / "x.png")
    assert not list(tmp_path.iterdir())
    assert project.audit == []


def test_layout_keeps_extent_inside_map(tmp_path):
    project = make_project(50, full=False)
    b = bf.make_briefing(project)
    for page in ("A4", "A3"):
        for landscape in (False, True):
            lay = sheet.plan_layout(b, page, landscape)
            e, d = lay.extent, b.extent
            assert e[0] <= d[0] and e[1] <= d[1] and e[2] >= d[2] and e[3] >= d[3]
            bx, by, blen, _ = lay.scalebar_mm
            x, y, w, h = lay.map_rect_mm
            assert x < bx and bx + blen < x + w and y < by < y + h


def test_many_points_are_drawn_as_density(qtbot):
    project = make_project(sheet.DENSITY_ABOVE + 5000, full=False)
    b = bf.make_briefing(project)
    lay = sheet.plan_layout(b)
    crime = project.layers_of(LayerKind.CRIME)[0]
    dens = sheet._density(lay, b, crime)
    assert dens is not None
    x0, y0, x1, y1 = lay.extent
    xy = crime.xy
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    assert dens.counts.sum() == inside.sum() == dens.n
    assert math.isclose(dens.cell_m, lay.scale / 1000)  # 1 mm cells on paper
    # counts per cell, as the desktop map's density raster shows them
    blocks = {
        name: (entries, note) for name, entries, note in sheet._legend_blocks(b, lay)
    }
    entries, note = blocks[crime.name]
    assert [e.label for e in entries] == [e.label for e in dens.legend()]
    assert entries[-1].label == f"{int(dens.counts.max()):,}"
    assert f"{dens.n:,} records drawn as density" in note
    img, _ = sheet.render_image(b, dpi=60)
    assert not img.isNull()
    # a small layer stays as points
    small = make_project(100, full=False)
    bs = bf.make_briefing(small)
    assert (
        sheet._density(sheet.plan_layout(bs), bs, small.layers_of(LayerKind.CRIME)[0])
        is None
    )


def test_long_method_notes_get_their_own_page():
    project = make_project(50, full=False)
    hot = bf.make_briefing(project)  # no notes page for short notes
    assert sheet.plan_layout(hot).pages == 1
    from tests.export._projects import hotspot_layer

    layer = hotspot_layer()
    layer.provenance["method_note"] = (
        "Cells are tested with **Getis-Ord Gi***. The `fdr` is 5 %.\n\n"
        "1. *Where.* Counts per cell.\n2. Neighbours within 1 km."
    )
    project.add_layer(layer)
    b = bf.make_briefing(project)
    note = dict(b.method_notes)[layer.name]
    assert "**" not in note and "`" not in note
    assert note.split("\n") == [
        "Cells are tested with Getis-Ord Gi*. The false discovery rate is 5 %.",
        "1. Where. Counts per cell.",
        "2. Neighbours within 1 km.",
    ]
    assert bf.short_note(note) == "Cells are tested with Getis-Ord Gi*."
    lay = sheet.plan_layout(b)
    assert lay.pages == 2
    assert sheet._page_kinds(b) == ["map", "notes"]


def test_raster_surface_is_drawn_where_it_lies(qtbot):
    from tests.export._projects import X0, Y0, kde_layer

    project = make_project(50, full=False)
    kde = kde_layer()
    project.add_layer(kde)
    b = bf.make_briefing(project)
    img, lay = sheet.render_image(b, dpi=100)
    k = 100 / 25.4
    # the surface's peak cell (column 28, row 10 from the south, 100 m cells)
    px, py = lay.to_page(np.array([X0 + 28.5 * 100]), np.array([Y0 + 10.5 * 100]))
    c = img.pixelColor(round(px[0] * k), round(py[0] * k))
    assert c.red() > 100 and c.red() > c.green() + 60 and c.red() > c.blue() + 40
    # a cell with no density shows what lies below (the white-ish LSOA fill)
    px, py = lay.to_page(np.array([X0 + 2.5 * 100]), np.array([Y0 + 37.5 * 100]))
    c0 = img.pixelColor(round(px[0] * k), round(py[0] * k))
    assert c0.green() > 200
    blocks = {n: (e, note) for n, e, note in sheet._legend_blocks(b, lay)}
    entries, note = blocks[kde.name]
    assert note == "events per km²"
    assert entries[0].label == "0" and entries[-1].label == "50"
