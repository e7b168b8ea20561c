"""Significant cells stand out from a choropleth even when too small to outline
one by one: the union of a cluster gets a dark line with a light halo."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from PySide6 import QtGui

from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.qt.map import items as map_items

CELL = 100.0  # metres


def _cells(hot: set[tuple[int, int]], n: int = 20) -> Layer:
    boxes, classes = [], []
    for i in range(n):
        for j in range(n):
            boxes.append(
                shapely.box(i * CELL, j * CELL, (i + 1) * CELL, (j + 1) * CELL)
            )
            classes.append("hot_99" if (i, j) in hot else "not_significant")
    frame = gpd.GeoDataFrame(
        {"hotspot_class": classes}, geometry=boxes, crs="EPSG:27700"
    )
    style = {"mode": "classes", "classes_column": "hotspot_class"}
    return Layer("Gi* cells", LayerKind.RESULT, frame, style=style)


def _render(layer: Layer, px_per_cell: float) -> np.ndarray:
    """Paint the real item on a purple 'choropleth' background, cells of the given size."""
    size = int(20 * px_per_cell) + 20
    img = QtGui.QImage(size, size, QtGui.QImage.Format.Format_RGB888)
    img.fill(QtGui.QColor("#8c4a8c"))
    item = map_items.PolygonItem(layer, None)
    painter = QtGui.QPainter(img)
    painter.translate(10, 10)
    painter.scale(px_per_cell / CELL, px_per_cell / CELL)
    item.paint(painter, None)
    painter.end()
    w, h = img.width(), img.height()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def _dark(arr: np.ndarray) -> int:
    return int((arr.astype(int).sum(axis=2) < 120).sum())


def _light(arr: np.ndarray) -> int:
    return int((arr.astype(int).min(axis=2) > 200).sum())


def test_small_cluster_gets_outline_and_halo(qtbot):
    cluster = {(i, j) for i in range(8, 12) for j in range(8, 12)}
    with_cluster = _render(_cells(cluster), px_per_cell=4.0)
    without = _render(_cells(set()), px_per_cell=4.0)
    # the 4 x 4 cluster's perimeter is 16 cell sides of 4 px: a 2 px dark line
    # and a light halo either side of it, about 128 px each
    assert _dark(with_cluster) >= 100
    assert _light(with_cluster) >= 100
    assert _dark(without) == 0
    # the line follows the union, not every cell: inside the cluster is not dark
    inner = with_cluster[10 + 37 : 10 + 43, 10 + 37 : 10 + 43]
    assert _dark(inner) == 0


def test_big_cells_keep_their_own_outlines_not_the_halo(qtbot):
    cluster = {(i, j) for i in range(8, 12) for j in range(8, 12)}
    arr = _render(_cells(cluster), px_per_cell=20.0)
    # each cell's own outline: a dark line through the cluster's inside
    x_inner_edge = 10 + 10 * 20  # between columns 9 and 10
    column = arr[
        10 + 8 * 20 + 5 : 10 + 12 * 20 - 5, x_inner_edge - 1 : x_inner_edge + 2
    ]
    assert _dark(column) > 0
    # and no white halo (that is for small cells only)
    assert _light(arr) == 0
