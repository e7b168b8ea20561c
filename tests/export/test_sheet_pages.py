"""The PDF briefing is complete: long tables run on, the legend never overprints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest

from layers.crs import BNG
from layers.kinds import LayerKind
from layers.layer import Layer
from tests.export._projects import X0, Y0, make_project
from workstation.export import briefing as bf
from workstation.export import sheet

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _visits(n: int) -> Layer:
    rng = np.random.default_rng(2)
    day = [DAYS[i * 7 // n] for i in range(n)]
    frame = gpd.GeoDataFrame(
        {
            "day": day,
            "shift": ["Night" if i % 3 == 0 else "Late" for i in range(n)],
            "loop": [1 + i % 4 for i in range(n)],
            "order": [1 + i % 9 for i in range(n)],
            "arrive": [f"{18 + i % 6:02d}:{(7 * i) % 60:02d}" for i in range(n)],
            "depart": [f"{18 + i % 6:02d}:{(7 * i + 15) % 60:02d}" for i in range(n)],
            "minutes": rng.integers(10, 20, n),
            "stop_type": "hot spot",
            "label": [f"Visit{i + 1:04d}" for i in range(n)],
        },
        geometry=gpd.points_from_xy(
            X0 + rng.uniform(100, 3900, n), Y0 + rng.uniform(100, 3900, n)
        ),
        crs=BNG,
    )
    prov = {"result_type": "patrol_plan", "part": "stops"}
    return Layer("Patrol visits", LayerKind.RESULT, frame, provenance=prov)


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize(("n", "landscape"), [(240, False), (150, True), (4, False)])
def test_patrol_table_lists_every_visit(tmp_path, n, landscape):
    project = make_project(100, full=False)
    project.add_layer(_visits(n))
    pdf = tmp_path / "plan.pdf"
    lay = sheet.export_pdf(project, pdf, landscape=landscape, audit=False)
    pages = _pages_text(pdf)
    assert len(pages) == lay.pages
    body = "\n".join(pages)
    found = re.findall(r"Visit\d{4}", body)
    assert sorted(found) == [f"Visit{i + 1:04d}" for i in range(n)]  # each once
    assert "not shown" not in body
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {lay.pages}" in page
    patrol_pages = [p for p in lay.page_plan if p[0] == "patrol"]
    if n > 100:
        assert len(patrol_pages) >= 2
        assert "Patrol plan (continued)" in body
        # Friday and Saturday nights reach the officers
        assert "Saturday" in pages[-1] or "Saturday" in pages[-2]
    else:
        assert len(patrol_pages) == 1 and "continued" not in body


def _word_boxes(
    pdf: Path, page: int = 1
) -> list[tuple[str, float, float, float, float]]:
    text = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (w[4], *map(float, w[:4]))
        for w in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
            r'yMax="([\d.-]+)">(.*?)</word>',
            text,
        )
    ]


def _overlaps(boxes, rect_pt) -> list[tuple[str, str]]:
    """Pairs of words inside ``rect_pt`` whose boxes overlap (overprinted text)."""
    x0, y0, x1, y1 = rect_pt
    inside = [
        b
        for b in boxes
        if b[1] >= x0 - 1 and b[3] <= x1 + 1 and b[2] >= y0 - 1 and b[4] <= y1 + 1
    ]
    out = []
    for i, a in enumerate(inside):
        for c in inside[i + 1 :]:
            dx = min(a[3], c[3]) - max(a[1], c[1])
            dy = min(a[4], c[4]) - max(a[2], c[2])
            if dx > 0.6 and dy > 0.6:
                out.append((a[0], c[0]))
    return out


def _crowded_project(n_categories: int, long_name: bool):
    project = make_project(300, full=True)
    crime = project.layers_of(LayerKind.CRIME)[0]
    rng = np.random.default_rng(5)
    cats = np.array([f"Category {k:03d}" for k in range(n_categories)])
    crime.frame["category"] = cats[rng.integers(0, n_categories, len(crime))]
    crime._cache.clear()
    if long_name:
        project.rename_layer(
            crime.id,
            "Street crime recorded by the force across every neighbourhood, 2024",
        )
    return project


@pytest.mark.parametrize(
    ("page", "landscape", "n_categories", "long_name"),
    [
        ("A4", False, 40, True),
        ("A4", True, 40, True),
        ("A3", False, 60, False),
        ("A4", False, 3, False),  # no crowding: everything listed
    ],
)
def test_legend_never_overprints_or_clips_titles(
    tmp_path, page, landscape, n_categories, long_name
):
    project = _crowded_project(n_categories, long_name)
    pdf = tmp_path / "l.pdf"
    lay = sheet.export_pdf(project, pdf, page=page, landscape=landscape, audit=False)
    k = 72 / 25.4
    x, y, w, h = lay.legend_rect_mm
    rect = (x * k, y * k, (x + w) * k, (y + h) * k)
    boxes = _word_boxes(pdf)
    assert _overlaps(boxes, rect) == []
    inside = [b for b in boxes if rect[1] - 1 <= b[2] and b[4] <= rect[3] + 1]
    # nothing of the legend strays outside its box (a clipped or overlong title)
    for word, bx0, _, bx1, _ in inside:
        if rect[0] - 1 <= bx0 <= rect[2]:
            assert bx1 <= rect[2] + 1, word
    legend_text = " ".join(b[0] for b in inside if rect[0] - 1 <= b[1] <= rect[2])
    if n_categories <= 3:
        for c in range(n_categories):
            assert f"{c:03d}" in legend_text
        assert "more" not in legend_text
    else:
        # what does not fit is counted, in words, on a line of its own
        assert re.search(r"\+ ?[\d,]+ more", legend_text)


def test_crowded_points_use_the_screen_density_style(qapp):
    """Street crime too dense for points: the same ramp, scale and unit as the
    desktop map's density raster (not a purple per-km² surface of its own)."""
    from tests.export._projects import boundary_layer, crime_layer
    from workstation import styling
    from workstation.qt.map import items as map_items

    project = make_project(10, full=False)
    for lyr in list(project.layers):
        project.remove_layer(lyr.id)
    project.add_layer(boundary_layer())
    crime = crime_layer(60_000)
    project.add_layer(crime)
    b = bf.make_briefing(project)
    img, lay = sheet.render_image(b, dpi=100)
    blocks = {
        name: (entries, note) for name, entries, note in sheet._legend_blocks(b, lay)
    }
    entries, note = blocks[crime.name]
    cell_m = lay.scale / 1000.0
    assert styling.density_note(cell_m) in note and "km²" not in note
    # the screen's colour table is the styling one, and the legend is drawn from it
    lut = map_items.density_lut()
    np.testing.assert_array_equal(lut, styling.density_lut())
    rows = {tuple(int(v) for v in c) for c in lut}
    assert all(tuple(int(v) for v in e.fill) in rows for e in entries)
    assert entries[0].label == "1" and len(entries) >= 3
    # the map's ink is the warm ramp (red > blue), not purple
    k = 100 / 25.4
    mx, my, mw, mh = lay.map_rect_mm
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.width(), 4)
    px = arr[
        round(my * k) + 2 : round((my + mh) * k) - 2,
        round(mx * k) + 2 : round((mx + mw) * k) - 2,
    ]
    b_, g_, r_ = (px[..., i].astype(float) for i in range(3))  # QImage is BGRA
    inked = (
        np.maximum(np.maximum(r_, g_), b_) - np.minimum(np.minimum(r_, g_), b_)
    ) > 40
    assert inked.mean() > 0.05
    assert r_[inked].mean() > b_[inked].mean() + 60


def test_long_method_notes_run_on_in_full(tmp_path):
    project = make_project(100, full=False)
    project.add_layer(_visits(30))
    hot = next(ly for ly in project.layers if ly.kind == LayerKind.RESULT)
    paragraphs = [
        f"Paragraph {k:02d}. "
        + "The cells are tested against the study-wide mean. " * 12
        for k in range(40)
    ]
    hot.provenance["method_note"] = "\n\n".join(paragraphs)
    pdf = tmp_path / "notes.pdf"
    lay = sheet.export_pdf(project, pdf, audit=False)
    notes_pages = [p for p in lay.page_plan if p[0] == "notes"]
    assert len(notes_pages) >= 2
    pages = _pages_text(pdf)
    body = "\n".join(pages)
    assert sorted(set(re.findall(r"Paragraph (\d\d)\.", body))) == [
        f"{k:02d}" for k in range(40)
    ]
    assert "continues in the project" not in body
    assert "Method notes (continued)" in body
    first = 1 + [p[0] for p in lay.page_plan].index("notes")
    assert f"Full method notes: page {first} of the" in " ".join(pages[0].split())


@pytest.mark.parametrize("units", [None, "expected crimes per cell"])
def test_surface_units_match_the_map(units):
    """A surface without units says what the desktop map says (events per km²)."""
    from tests.export._projects import kde_layer
    from workstation import styling

    project = make_project(50, full=False)
    kde = kde_layer()
    if units is None:
        kde.provenance.pop("units")
    else:
        kde.provenance["units"] = units
    project.add_layer(kde)
    b = bf.make_briefing(project)
    lay = sheet.plan_layout(b)
    notes = {name: note for name, _, note in sheet._legend_blocks(b, lay)}
    assert notes[kde.name] == (units or "events per km²") == styling.raster_units(kde)
