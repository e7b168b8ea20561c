"""Map half of the brushing benchmark: a time-window change to the redrawn map frame.

What it measures (1M crime points over three years, 14 categories, a 1000x700
map showing the whole area, offscreen Qt):

* ours: ``project.filter.set_window(...)`` -> the canvas re-slices the layer and
  repaints -> ``QApplication.processEvents()`` until the frame is painted. The
  window slides by a day each step, as the timeline brush does.
* baseline A ("full reload"): remove the layer's item and create it again with
  all points (what a canvas without the slice path would do), then paint.
* baseline B (library): a ``pyqtgraph.ScatterPlotItem`` filled with ``setData``
  of the filtered points and a brush per point, then paint.

Three window widths: 2 weeks (about 13k points in view: symbols drawn),
3 months (about 80k: the automatic density raster) and 2 years (about 670k). Peak RSS with 2M points
loaded in a shown canvas is measured in a fresh subprocess (``--rss``).

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/brush.py``
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.filtering import FilterState, TimeWindow
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation.styling import CRIME_TYPE_COLOURS

START = pd.Timestamp("2022-01-01", tz="Europe/London")


def make_layer(n: int, seed: int = 7) -> Layer:
    rng = np.random.default_rng(seed)
    # clustered points over a 30 km square of a city (mixture of hot spots + noise)
    centres = rng.uniform(0, 30_000, (60, 2))
    which = rng.integers(0, 60, n)
    xy = centres[which] + rng.normal(0, 900, (n, 2))
    noise = rng.random(n) < 0.3
    xy[noise] = rng.uniform(0, 30_000, (int(noise.sum()), 2))
    x = 400_000 + xy[:, 0]
    y = 280_000 + xy[:, 1]
    seconds = np.sort(rng.uniform(0, 3 * 365.25 * 86400, n))
    t = START + pd.to_timedelta(seconds, unit="s")
    cats = np.array(list(CRIME_TYPE_COLOURS))[rng.integers(0, 14, n)]
    frame = gpd.GeoDataFrame(
        {"occurred_at": t, "category": cats},
        geometry=gpd.points_from_xy(x, y),
        crs="EPSG:27700",
    )
    return Layer("Crime", LayerKind.CRIME, frame, time_precision="second")


def settle(app, canvas) -> None:
    app.processEvents()
    guard = 0
    while canvas.redraw_pending() and guard < 50:
        app.processEvents()
        guard += 1


def bench_window(app, canvas, project, days: int, steps: int) -> list[float]:
    times = []
    for i in range(steps):
        s = START + pd.Timedelta(days=200 + i)
        w = TimeWindow(s, s + pd.Timedelta(days=days))
        t0 = time.perf_counter()
        project.filter.set_window(w)
        settle(app, canvas)
        times.append(time.perf_counter() - t0)
    return times


def bench_reload(app, canvas, project, layer, days: int, steps: int) -> list[float]:
    times = []
    for i in range(steps):
        s = START + pd.Timedelta(days=300 + i)
        w = TimeWindow(s, s + pd.Timedelta(days=days))
        project.filter.set_window(w)
        settle(app, canvas)
        t0 = time.perf_counter()
        canvas._remove_item(layer.id)
        canvas._add_item(layer)
        canvas._apply_order()
        canvas._request_paint()
        settle(app, canvas)
        times.append(time.perf_counter() - t0)
    return times


def bench_scatter(app, canvas, project, layer, days: int, steps: int) -> list[float]:
    import pyqtgraph as pg
    from PySide6 import QtGui

    from workstation.styling import point_rgba

    item = canvas.item(layer.id)
    item.setVisible(False)
    scatter = pg.ScatterPlotItem(pxMode=True, size=5)
    canvas.view_box.addItem(scatter, ignoreBounds=True)
    brushes = {}
    times = []
    for i in range(steps):
        s = START + pd.Timedelta(days=400 + i)
        w = TimeWindow(s, s + pd.Timedelta(days=days))
        t0 = time.perf_counter()
        project.filter.set_window(w)
        pos = project.filter.slice_for(layer)
        xy = layer.xy[pos]
        rgba = point_rgba(layer, pos)
        keys = rgba.view(np.uint32).reshape(-1)
        for k in np.unique(keys):
            if k not in brushes:
                c = np.array([k], dtype=np.uint32).view(np.uint8)
                brushes[k] = QtGui.QBrush(QtGui.QColor(*(int(v) for v in c)))
        scatter.setData(
            x=xy[:, 0], y=xy[:, 1], brush=[brushes[k] for k in keys], pen=None
        )
        canvas._request_paint()
        settle(app, canvas)
        times.append(time.perf_counter() - t0)
    canvas.view_box.removeItem(scatter)
    item.setVisible(True)
    return times


def ms(v: list[float]) -> float:
    return 1000.0 * statistics.median(v)


def main_timing(n: int) -> None:
    from PySide6 import QtWidgets

    from workstation.qt.map import MapCanvas

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    t0 = time.perf_counter()
    layer = make_layer(n)
    t_build = time.perf_counter() - t0
    project = Project()
    project.add_layer(layer)
    t0 = time.perf_counter()
    canvas = MapCanvas(project)
    canvas.resize(1000, 700)
    canvas.show()
    settle(app, canvas)
    canvas.zoom_full()
    settle(app, canvas)
    t_canvas = time.perf_counter() - t0
    print(
        f"brush: {n:,} points, layer built in {t_build:.1f} s, canvas in "
        f"{t_canvas:.2f} s (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores)"
    )
    for days, steps in ((14, 25), (91, 25), (730, 15)):
        ours = bench_window(app, canvas, project, days, steps)
        mode = canvas.display_mode(layer.id)
        shown = canvas.visible_point_count(layer.id)
        reload_ = bench_reload(app, canvas, project, layer, days, 7)
        scatter = bench_scatter(app, canvas, project, layer, days, 5)
        print(
            f"  window {days:>3} days ({shown:,} points in view, drawn as {mode}): "
            f"ours median {ms(ours):.1f} ms (p90 {1000 * np.percentile(ours, 90):.1f}); "
            f"full reload median {ms(reload_):.1f} ms, ratio {ms(ours) / ms(reload_):.3f}; "
            f"pyqtgraph ScatterPlotItem setData median {ms(scatter):.1f} ms, "
            f"ratio {ms(ours) / ms(scatter):.3f}"
        )
    import shapely

    area = shapely.Point(415_000, 295_000).buffer(8_000)
    project.filter.set_area(area)
    settle(app, canvas)
    for days in (91, 730):
        ours = bench_window(app, canvas, project, days, 15)
        shown = canvas.visible_point_count(layer.id)
        print(
            f"  window {days:>3} days inside an 8 km-radius area filter ({shown:,} "
            f"points in view): ours median {ms(ours):.1f} ms "
            f"(p90 {1000 * np.percentile(ours, 90):.1f})"
        )
    project.filter.set_area(None)
    canvas.close()
    bench_choropleth(project, layer)


def bench_choropleth(project, layer) -> None:
    """Recount a choropleth (crimes per area) for a new window: ours vs STRtree."""
    import shapely

    from workstation.analysis.choropleth import polygon_counts, polygon_of_points
    from workstation.analysis.grid import counts_per_polygon

    side = 30_000 / 32
    boxes = [
        shapely.box(
            400_000 + i * side,
            280_000 + j * side,
            400_000 + (i + 1) * side,
            280_000 + (j + 1) * side,
        )
        for j in range(32)
        for i in range(32)
    ]
    frame = gpd.GeoDataFrame(
        {
            "area_code": [f"A{k}" for k in range(len(boxes))],
            "area_name": [f"Area {k}" for k in range(len(boxes))],
        },
        geometry=boxes,
        crs="EPSG:27700",
    )
    areas = Layer("Areas", LayerKind.BOUNDARY, frame)
    t0 = time.perf_counter()
    polygon_of_points(areas, layer)
    t_index = time.perf_counter() - t0
    ours, base = [], []
    for i in range(9):
        s = START + pd.Timedelta(days=100 + 7 * i)
        rows = project.filter.slice_for(
            layer,
            FilterState(window=TimeWindow(s, s + pd.Timedelta(days=365))),
        )
        t0 = time.perf_counter()
        a = polygon_counts(areas, layer, rows)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        b = counts_per_polygon(layer.xy[rows, 0], layer.xy[rows, 1], frame.geometry)
        base.append(time.perf_counter() - t0)
        assert np.array_equal(a, b)
    print(
        f"  choropleth recount, 1,024 areas, 12-month window ({len(rows):,} points): "
        f"ours median {ms(ours):.1f} ms (after a one-off polygon index of "
        f"{t_index * 1000:,.0f} ms for all {len(layer):,} rows, built in a worker); "
        f"STRtree count per filter (grid.counts_per_polygon) median {ms(base):.1f} ms, "
        f"ratio {ms(ours) / ms(base):.3f}"
    )


def main_rss(n: int) -> None:
    from PySide6 import QtWidgets

    from workstation.qt.map import MapCanvas

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    layer = make_layer(n)
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    rss_data_now = current_rss_mb()
    project = Project()
    project.add_layer(layer)
    canvas = MapCanvas(project)
    canvas.resize(1000, 700)
    canvas.show()
    settle(app, canvas)
    for days in (14, 91, 365):
        bench_window(app, canvas, project, days, 5)
    canvas.zoom_to_bounds((405_000, 285_000, 407_000, 287_000))
    settle(app, canvas)
    canvas.item(layer.id).identify(406_000, 286_000, 10.0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    now = current_rss_mb()
    print(
        f"  peak RSS with {n:,} points in a shown canvas: {peak:,.0f} MB, "
        f"resident now {now:,.0f} MB (peak while building the layer alone: "
        f"{rss_data:,.0f} MB, resident then {rss_data_now:,.0f} MB; goal <= 1,536 MB)"
    )


def current_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


if __name__ == "__main__":
    if "--rss" in sys.argv:
        main_rss(int(sys.argv[sys.argv.index("--rss") + 1]))
    else:
        main_timing(1_000_000)
        subprocess.run(
            [sys.executable, __file__, "--rss", "2000000"], check=True, env=os.environ
        )
