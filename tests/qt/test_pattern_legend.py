"""Emerging hot spot symbols can be told apart: measured on the legend as drawn.

The layer panel's legend of an emerging hot spot result on the demo force area is
grabbed as a screenshot; the fill colour of each pattern's swatch is read back
from the pixels and every pair must differ by at least ``MIN_DELTA_E`` CIELAB
ΔE*ab units (CIE 1976), in normal vision and for a deuteranope (Machado, Oliveira
& Fernandes 2009, severity 100, as colorspacious implements it).
"""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6 import QtCore, QtWidgets

from layers.kinds import LayerKind
from layers.layer import Layer
from tests.qt.shell_data import isolated_settings  # noqa: F401
from workstation import styling
from workstation.qt.main_window import MainWindow, warm_caches
from workstation.qt.panels.layers import LAYER_ID_ROLE

colorspacious = pytest.importorskip("colorspacious")
pytestmark = pytest.mark.usefixtures("isolated_settings")

#: the smallest colour difference allowed between two patterns' swatches
MIN_DELTA_E = 9.0
DEUTERANOPIA = {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}


def _all_patterns_layer() -> Layer:
    names = list(styling.EMERGING_PATTERN_COLOURS)
    boxes = [shapely.box(i * 250.0, 0, (i + 1) * 250.0, 250) for i in range(len(names))]
    frame = gpd.GeoDataFrame({"pattern": names}, geometry=boxes, crs="EPSG:27700")
    style = {"mode": "classes", "classes_column": "pattern", "fill_opacity": 0.65}
    return Layer("All patterns", LayerKind.RESULT, frame, style=style)


def _swatch_colours(panel, layer_id: str) -> dict[str, np.ndarray]:
    """The fill colour of each legend row's swatch, read from a screenshot."""
    tree = panel.tree
    top = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).data(0, LAYER_ID_ROLE) == layer_id
    )
    for i in range(tree.topLevelItemCount()):
        tree.topLevelItem(i).setExpanded(tree.topLevelItem(i) is top)
    out = {}
    for k in range(top.childCount()):
        child = top.child(k)
        tree.scrollToItem(child)
        QtWidgets.QApplication.processEvents()
        rect = tree.visualItemRect(child)
        img = tree.viewport().grab().toImage()
        icon = tree.iconSize().width() if tree.iconSize().width() > 0 else 16
        # the swatch: the icon's square, left of the text; sample its middle
        x0 = _icon_left(img, rect)
        cy = rect.center().y()
        px = np.array(
            [
                img.pixelColor(x, y).getRgb()[:3]
                for x in range(x0 + icon // 2 - 3, x0 + icon // 2 + 3)
                for y in range(cy - 3, cy + 3)
            ],
            dtype=float,
        )
        out[child.text(0)] = np.median(px, axis=0) / 255.0
    return out


def _icon_left(img, rect: QtCore.QRect) -> int:
    """The first column of the row that is not background (the swatch's edge)."""
    y = rect.center().y()
    bg = img.pixelColor(rect.right() - 2, y).getRgb()[:3]
    for x in range(rect.left(), rect.right()):
        c = img.pixelColor(x, y).getRgb()[:3]
        if max(abs(a - b) for a, b in zip(c, bg, strict=True)) > 12:
            return x - 2  # the swatch is inset by 2 px in its icon
    raise AssertionError("no swatch found in the legend row")


def _min_pair(colours: dict[str, np.ndarray], space) -> tuple[float, str, str]:
    names = list(colours)
    rgb = np.array([colours[n] for n in names])
    if space is not None:
        rgb = np.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)
    lab = colorspacious.cspace_convert(rgb, "sRGB1", "CIELab")
    return min(
        (float(np.linalg.norm(lab[i] - lab[j])), names[i], names[j])
        for i, j in itertools.combinations(range(len(names)), 2)
    )


@pytest.mark.slow
def test_emerging_legend_on_the_demo_is_distinct_also_for_deuteranopes(qtbot):
    from workstation.demo import load_demo_project

    window = MainWindow()
    window.ask_unsaved = lambda: "discard"
    qtbot.addWidget(window)
    window.show()
    try:
        demo = load_demo_project(seed=7)
        warm_caches(demo.layers)
        window.load_into_window(demo)
        crime = max(window.project.layers_of(LayerKind.CRIME), key=len)
        panel = window.open_panel("Emerging hot spots")
        i = panel.inputs.layer_combo.findData(crime.id)
        panel.inputs.layer_combo.setCurrentIndex(i)
        before = len(window.project.layers)
        panel.run()
        qtbot.waitUntil(lambda: len(window.project.layers) > before, timeout=120_000)
        result = window.project.layers[-1]
        found = set(result.frame["pattern"].astype(str))
        assert len(found - {"no_pattern"}) >= 3, found
        every = window.project.add_layer(_all_patterns_layer())
        QtWidgets.QApplication.processEvents()
        lp = window.layer_panel
        for layer, expect in (
            (result, found),
            (every, set(styling.EMERGING_PATTERN_COLOURS)),
        ):
            colours = _swatch_colours(lp, layer.id)
            assert set(colours) == {styling.class_label(p) for p in expect}
            # the swatches show the palette (the screenshot is read right)
            for p in expect:
                want = np.array(
                    styling.hex_to_rgba(styling.EMERGING_PATTERN_COLOURS[p])[:3]
                )
                got = colours[styling.class_label(p)] * 255
                assert np.abs(got - want).max() <= 3, (p, got, want)
            d, a, b = _min_pair(colours, None)
            assert d >= MIN_DELTA_E, f"{a} and {b}: ΔE*ab {d:.1f}"
            d, a, b = _min_pair(colours, DEUTERANOPIA)
            assert d >= MIN_DELTA_E, f"deuteranopia: {a} and {b}: ΔE*ab {d:.1f}"
    finally:
        window.project.mark_dirty(False)
        window.jobs.shutdown()


def test_every_pattern_has_its_own_colour_and_hatch_pair():
    pats = [p for p in styling.EMERGING_PATTERN_COLOURS if p != "no_pattern"]
    pairs = {
        (styling.EMERGING_PATTERN_COLOURS[p], styling.class_hatch("pattern", p))
        for p in pats
    }
    assert len(pairs) == 16
    # consecutive, intensifying and persistent (alike before) differ in hatching
    h = {
        styling.class_hatch("pattern", f"{k}_hot_spot")
        for k in ("consecutive", "intensifying", "persistent")
    }
    assert len(h) == 3
