"""HTML briefing of 100k points: file size, export time, time to open offline.

Ours: ``workstation.export.html.export_html`` (compact arrays, canvas drawing).
Baseline: the naive folium export (one ``folium.CircleMarker`` per point on a
canvas renderer, ``prefer_canvas=True``), in the same run. folium's page loads
Leaflet from a CDN; for the offline open-time comparison its Leaflet script and
stylesheet tags are replaced by the same vendored copies ours inlines, and every
other network request is blocked (as for ours).

Open time: headless Chromium (``/usr/bin/chromium``) with the network blocked,
from navigation until the map has drawn (ours: the page's ready flag after the
point layer's first draw; folium: the load event after its inline script has
added every marker, then two animation frames). Median of 3.

Run: ``python benchmarks/html_export.py [N]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layers.crs import BNG, to_lonlat
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project, ProjectMetadata
from workstation import styling
from workstation.export.html import WEB, export_html

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 180_000
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
    layer = Layer("Street crime", LayerKind.CRIME, frame, time_precision="month")
    # open as points (not the heat map) so the timing covers drawing every point
    project.add_layer(layer)
    return project


def folium_baseline(project: Project, path: Path) -> None:
    import folium

    layer = project.layers[0]
    lon, lat = to_lonlat(layer.xy[:, 0], layer.xy[:, 1])
    colours = styling.category_colours(layer)
    cats = layer.frame["category"].astype(str).to_numpy()
    m = folium.Map(tiles=None, prefer_canvas=True)
    group = folium.FeatureGroup(name=layer.name)
    for la, lo, c in zip(lat, lon, cats, strict=True):
        folium.CircleMarker(
            [float(la), float(lo)],
            radius=2.5,
            color=colours[c],
            fill=True,
            fill_opacity=0.85,
            weight=0,
        ).add_to(group)  # no popups: folium's popups need jQuery from a CDN
    group.add_to(m)
    m.fit_bounds(
        [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]
    )
    m.save(str(path))


def make_offline(path: Path) -> Path:
    """folium's page with Leaflet inlined (its other CDN assets stay blocked)."""
    import re

    text = path.read_text(encoding="utf-8")
    js = (WEB / "leaflet.js").read_text(encoding="utf-8")
    css = (WEB / "leaflet.css").read_text(encoding="utf-8")
    text = re.sub(
        r'<script src="[^"]*leaflet[^"]*/leaflet\.js"></script>',
        lambda _m: f"<script>{js}</script>",
        text,
    )
    text = re.sub(
        r'<link rel="stylesheet" href="[^"]*leaflet[^"]*/leaflet\.css"\s*/?>',
        lambda _m: f"<style>{css}</style>",
        text,
    )
    out = path.with_name(path.stem + "-offline.html")
    out.write_text(text, encoding="utf-8")
    return out


def open_time(path: Path, ours: bool, runs: int = 3) -> tuple[float, int]:
    from playwright.sync_api import sync_playwright

    times, blocked = [], 0
    with sync_playwright() as pw:
        # the network is blocked at name resolution (request interception slows
        # the loading of a 100 MB file:// page by itself)
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--host-resolver-rules=MAP * ~NOTFOUND",
            ],
        )
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            n_blocked = [0]

            def failed(r, n_blocked=n_blocked):
                if not r.url.startswith(("file:", "data:", "about:", "blob:")):
                    n_blocked[0] += 1

            page.on("requestfailed", failed)
            t0 = time.perf_counter()
            try:
                if ours:
                    page.goto(path.as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
                    page.wait_for_selector(
                        "body[data-ready='1']", state="attached", timeout=TIMEOUT_MS
                    )
                else:
                    page.goto(path.as_uri(), wait_until="load", timeout=TIMEOUT_MS)
            except Exception:  # did not draw in time
                times.append(float("inf"))
                page.close()
                continue
            # two animation frames: the canvas has been painted
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => "
                "requestAnimationFrame(r)))"
            )
            times.append(time.perf_counter() - t0)
            blocked = max(blocked, n_blocked[0])
            page.close()
        browser.close()
    return statistics.median(times), blocked


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    project = make_project(n)
    tmp = Path(tempfile.mkdtemp(prefix="bench-html-"))
    ours = tmp / "ours.html"
    export_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        export_html(project, ours)
        export_times.append(time.perf_counter() - t0)
    t_ours = statistics.median(export_times)
    base = tmp / "folium.html"
    t0 = time.perf_counter()
    folium_baseline(project, base)
    t_base = time.perf_counter() - t0
    offline = make_offline(base)
    size_ours = ours.stat().st_size / 1e6
    size_base = base.stat().st_size / 1e6
    print(f"sizes: ours {size_ours:.2f} MB, folium {size_base:.2f} MB", flush=True)
    open_ours, blocked_ours = open_time(ours, True)
    open_base, blocked_base = open_time(offline, False)
    print(f"HTML briefing of {n:,} points (folium {__import__('folium').__version__})")
    print(
        f"file size      ours {size_ours:8.2f} MB   folium {size_base:8.2f} MB   "
        f"ratio {size_base / size_ours:6.1f}x smaller   (goal <= 10 MB)"
    )
    print(
        f"export time    ours {t_ours:8.2f} s    folium {t_base:8.2f} s    "
        f"ratio {t_base / t_ours:6.1f}x faster   (ours: median of 3 incl. audit "
        "hash; folium: 1 run)"
    )
    print(
        f"open offline   ours {open_ours:8.2f} s    folium {open_base:8.2f} s    "
        f"ratio {open_base / open_ours:6.1f}x faster   (median of 3, headless "
        "Chromium, network blocked)"
    )
    print(
        f"blocked network requests: ours {blocked_ours}, folium (Leaflet inlined) "
        f"{blocked_base}"
    )


if __name__ == "__main__":
    main()
