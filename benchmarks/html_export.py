"""HTML briefing: file size, export time and time to open offline.

Ours: ``workstation.export.html.export_html``, the page built as a folium map
(``workstation.export.folium_map``: points packed as delta-coded varints of Web
Mercator metres). Baseline, in the same run: the hand-written exporter it
replaced (``workstation/export/html.py`` at commit ``BASELINE_REV``, read with
``git show`` and imported from a temporary file; it draws from 1e-5 degree JSON
lists).

Project: the demo project (``workstation.demo.load_demo_project``, seed 7:
248,532 street-crime points, LSOAs, wards, force area, community assets), or
``N`` synthetic clustered points (``python benchmarks/html_export.py 100000``).

Open time: headless Chromium (``/usr/bin/chromium``) with the network blocked at
name resolution, from navigation until the page's ready flag and two animation
frames (the map has painted); then the time to draw every point (the point layer
switched on; the demo opens on the heat map above 50,000 points). Medians of 5
(export: 5 runs each, no audit entry, so the layer hash is not timed).

Run: ``python benchmarks/html_export.py [demo|N]``
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layers.crs import BNG  # noqa: E402
from layers.kinds import LayerKind  # noqa: E402
from layers.layer import Layer  # noqa: E402
from layers.project import Project, ProjectMetadata  # noqa: E402
from workstation import styling  # noqa: E402
from workstation.export.html import export_html  # noqa: E402

#: The last commit with the hand-written page (before the folium map).
BASELINE_REV = "ddccc7677887b1f7b4e2b67416e1580b10c60e58"
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 180_000
RUNS = 5
CATS = list(styling.CRIME_TYPE_COLOURS)


def make_project(n: int, seed: int = 1) -> Project:
    rng = np.random.default_rng(seed)
    centres = rng.uniform([350000, 425000], [365000, 440000], size=(40, 2))
    which = rng.integers(0, len(centres), n)
    xy = centres[which] + rng.normal(0, 600, size=(n, 2))
    months = pd.date_range("2024-01-01", periods=12, freq="MS", tz="Europe/London")
    streets = np.array([f"On or near Street {i}" for i in range(3000)])
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": months[rng.integers(0, 12, n)],
            "category": np.array(CATS)[rng.integers(0, len(CATS), n)],
            "location": streets[rng.integers(0, len(streets), n)],
        },
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        crs=BNG,
    )
    project = Project(ProjectMetadata(title="Benchmark", marking="OFFICIAL"))
    project.add_layer(
        Layer("Street crime", LayerKind.CRIME, frame, time_precision="month")
    )
    return project


def handwritten_exporter(tmp: Path):
    """``export_html`` of the hand-written page, from git history."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BASELINE_REV}:workstation/export/html.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # its WEB path is relative to its file: point it at this tree's resources
    source = source.replace(
        'WEB = Path(__file__).resolve().parents[2] / "resources" / "web"',
        f"WEB = Path({str(ROOT / 'resources' / 'web')!r})",
    )
    path = tmp / "html_handwritten.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("html_handwritten", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.export_html


def export_time(export, project: Project, path: Path) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        export(project, path, audit=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def open_times(path: Path) -> tuple[float, float, float, int, int]:
    """Medians: open time, page scripts done, drawing every point; drawn, requests."""
    from playwright.sync_api import sync_playwright

    opened, in_page, drawn, n_drawn, blocked = [], [], [], 0, 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--host-resolver-rules=MAP * ~NOTFOUND",
            ],
        )
        for _ in range(RUNS):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            failed = [0]

            def count(r, failed=failed):
                if not r.url.startswith(("file:", "data:", "about:", "blob:")):
                    failed[0] += 1

            page.on("request", count)
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
            page.wait_for_selector(
                "body[data-ready='1']", state="attached", timeout=TIMEOUT_MS
            )
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => "
                "requestAnimationFrame(r)))"
            )
            opened.append(time.perf_counter() - t0)
            in_page.append(
                page.evaluate(
                    "() => performance.getEntriesByType('navigation')[0]"
                    ".domContentLoadedEventEnd / 1000"
                )
            )
            ms, n = page.evaluate(
                """() => new Promise(r => {
                  var pl = window.briefingPointLayers[0], t0 = performance.now();
                  if (!pl._map) briefingMap.addLayer(pl); else pl.redraw();
                  requestAnimationFrame(() => requestAnimationFrame(
                    () => r([performance.now() - t0, pl.drawn])));
                })"""
            )
            drawn.append(ms / 1000)
            n_drawn = n
            blocked = max(blocked, failed[0])
            page.close()
        browser.close()
    return (
        statistics.median(opened),
        statistics.median(in_page),
        statistics.median(drawn),
        n_drawn,
        blocked,
    )


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "demo"
    if what == "demo":
        from workstation.demo import load_demo_project

        project = load_demo_project(seed=7)
    else:
        project = make_project(int(what))
    n = max(len(ly) for ly in project.layers if ly.kind == LayerKind.CRIME)
    tmp = Path(tempfile.mkdtemp(prefix="bench-html-"))
    old_export = handwritten_exporter(tmp)
    ours, base = tmp / "folium.html", tmp / "handwritten.html"
    t_ours = export_time(export_html, project, ours)
    t_base = export_time(old_export, project, base)
    mb_ours, mb_base = ours.stat().st_size / 1e6, base.stat().st_size / 1e6
    o_ours, s_ours, d_ours, n_ours, req_ours = open_times(ours)
    o_base, s_base, d_base, n_base, req_base = open_times(base)
    print(f"HTML briefing of the {what} project (largest crime layer {n:,} points)")
    print("figure                 ours (folium map)   hand-written (baseline)   ratio")
    print(
        f"file size              {mb_ours:10.2f} MB     {mb_base:10.2f} MB"
        f"             {mb_base / mb_ours:5.2f}x smaller  (goal <= 5 MB)"
    )
    print(
        f"export time (median)   {t_ours:10.2f} s      {t_base:10.2f} s"
        f"              {t_base / t_ours:5.2f}x"
    )
    print(
        f"open offline (median)  {o_ours:10.2f} s      {o_base:10.2f} s"
        f"              {o_base / o_ours:5.2f}x  (goal < 1 s)"
    )
    print(
        f"  of which scripts     {s_ours:10.2f} s      {s_base:10.2f} s"
        f"              {s_base / s_ours:5.2f}x  (navigation to DOMContentLoaded)"
    )
    print(
        f"draw every point       {d_ours:10.2f} s      {d_base:10.2f} s"
        f"              {d_base / d_ours:5.2f}x  ({n_ours:,} / {n_base:,} drawn)"
    )
    print(f"network requests       {req_ours:10d}         {req_base:10d}")


if __name__ == "__main__":
    main()
