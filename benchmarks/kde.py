"""KDE of 1M points on a 1000 x 1000 grid: ours against QGIS and scipy.

Baselines, all measured in this run:

* QGIS ``qgis:heatmapkerneldensityestimation`` through ``qgis_process`` (quartic,
  same radius and pixel size), when ``qgis_process`` is installed. Its time
  includes QGIS reading the points from a GeoPackage (ours starts from arrays
  already in memory, so the reading is also timed separately for fairness).
* Exact evaluation (cKDTree pairs within the radius) on a subsample of points,
  scaled linearly to all points (the work is proportional to event-cell pairs).
* ``scipy.stats.gaussian_kde`` on a subsample of points evaluated at a subsample
  of cells, scaled by points x cells (its cost is proportional to both).

Usage: python benchmarks/kde.py [--points 1000000] [--repeats 5] [--no-qgis]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workstation.analysis.grid import Grid
from workstation.analysis.kde import kde_surface

CELL = 50.0
BANDWIDTH = 400.0
NX = NY = 1000
X0, Y0 = 350_000.0, 400_000.0


def points(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """A crime-like pattern: 60 % in 40 Gaussian clusters, 40 % spread evenly."""
    rng = np.random.default_rng(seed)
    span = NX * CELL
    n_c = int(n * 0.6)
    centres = rng.uniform(0.1 * span, 0.9 * span, (40, 2))
    which = rng.integers(0, 40, n_c)
    sd = rng.uniform(100, 800, 40)[which]
    cx = centres[which, 0] + rng.normal(0, 1, n_c) * sd
    cy = centres[which, 1] + rng.normal(0, 1, n_c) * sd
    ux = rng.uniform(0, span, n - n_c)
    uy = rng.uniform(0, span, n - n_c)
    x = np.clip(np.r_[cx, ux], 0, span - 1e-6) + X0
    y = np.clip(np.r_[cy, uy], 0, span - 1e-6) + Y0
    return x, y


def timed(fn, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def run_qgis(x, y, repeats: int) -> tuple[float | None, float | None, str]:
    # Debian's qgis_process wrapper adds --noversioncheck, which the 3.22 binary
    # rejects; call the binary itself when it is there
    exe = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    if exe is None:
        return None, None, "qgis_process not installed"
    import geopandas as gpd

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pts.gpkg"
        gdf = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs="EPSG:27700")
        gdf.to_file(src, layer="pts", engine="pyogrio")
        t_read, _ = timed(
            lambda: gpd.read_file(src, engine="pyogrio", use_arrow=True), 1
        )
        tiny = Path(tmp) / "tiny.gpkg"
        gdf.iloc[:1000].to_file(tiny, layer="pts", engine="pyogrio")
        times = []
        for i in range(repeats + 1):
            out = Path(tmp) / f"heat{i}.tif"
            # the last run is QGIS start-up and overheads on 1,000 points
            inp = src if i < repeats else tiny
            cmd = [
                exe,
                "run",
                "qgis:heatmapkerneldensityestimation",
                "--",
                f"INPUT={inp}|layername=pts",
                f"RADIUS={BANDWIDTH}",
                f"PIXEL_SIZE={CELL}",
                "KERNEL=0",
                "DECAY=0",
                "OUTPUT_VALUE=0",
                f"OUTPUT={out}",
            ]
            env = {
                "QT_QPA_PLATFORM": "offscreen",
                "PATH": "/usr/bin:/bin",
                "HOME": tmp,
                "XDG_RUNTIME_DIR": tmp,
            }
            t = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
            times.append(time.perf_counter() - t)
            if proc.returncode != 0 or not out.exists():
                msg = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
                return None, None, "qgis_process failed: " + " | ".join(msg)
        return statistics.median(times[:-1]), t_read, times[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-qgis", action="store_true")
    args = ap.parse_args()

    x, y = points(args.points)
    grid = Grid(X0, Y0, CELL, NX, NY)
    print(
        f"KDE: {args.points:,} points, {NX} x {NY} grid of {CELL:g} m cells, "
        f"quartic, bandwidth {BANDWIDTH:g} m"
    )

    ours, _ = timed(
        lambda: kde_surface(
            x, y, bandwidth_m=BANDWIDTH, extent=grid, method="binned_fft"
        ),
        args.repeats,
    )
    print(f"ours (binned FFT, median of {args.repeats}): {ours:.3f} s")

    # exact evaluation on a subsample, scaled to all points
    n_sub = 20_000
    sub = np.random.default_rng(2).choice(args.points, n_sub, replace=False)
    t_exact, ex = timed(
        lambda: kde_surface(
            x[sub], y[sub], bandwidth_m=BANDWIDTH, extent=grid, method="exact"
        ),
        3,
    )
    t_exact_all = t_exact * args.points / n_sub
    ours_sub = kde_surface(
        x[sub], y[sub], bandwidth_m=BANDWIDTH, extent=grid, method="binned_fft"
    )
    err = abs(ours_sub.peak - ex.peak) / ex.peak
    print(
        f"exact cKDTree pairs: {t_exact:.3f} s for {n_sub:,} points -> "
        f"{t_exact_all:.1f} s scaled to {args.points:,} (ratio {t_exact_all / ours:.0f}x); "
        f"peak difference binned vs exact on the subsample {err:.3%}"
    )

    # scipy gaussian_kde on a subsample of points and cells, scaled by points x cells
    from scipy.stats import gaussian_kde

    n_pts, n_cells = 2_000, 50_000
    rng = np.random.default_rng(3)
    ps = rng.choice(args.points, n_pts, replace=False)
    cx, cy = grid.centres()
    cs = rng.choice(grid.size, n_cells, replace=False)
    where = np.vstack([cx.ravel()[cs], cy.ravel()[cs]])

    def scipy_run():
        kde = gaussian_kde(np.vstack([x[ps], y[ps]]))
        return kde(where)

    t_scipy, _ = timed(scipy_run, 3)
    t_scipy_all = t_scipy * (args.points / n_pts) * (grid.size / n_cells)
    print(
        f"scipy gaussian_kde: {t_scipy:.3f} s for {n_pts:,} points x {n_cells:,} "
        f"cells -> {t_scipy_all:,.0f} s scaled to {args.points:,} x {grid.size:,} "
        f"(ratio {t_scipy_all / ours:,.0f}x)"
    )

    if not args.no_qgis:
        t_q, t_read, extra = run_qgis(x, y, repeats=3)
        if t_q is None:
            print(f"QGIS heatmapkerneldensityestimation: not measured ({extra})")
        else:
            t_core = t_q - extra
            print(
                f"QGIS heatmapkerneldensityestimation (median of 3, qgis_process "
                f"end to end): {t_q:.2f} s (ratio {t_q / ours:.0f}x)"
            )
            print(
                f"  less QGIS start-up (a 1,000-point run: {extra:.2f} s): "
                f"{t_core:.2f} s (ratio {t_core / ours:.0f}x)"
            )
            print(
                f"  end to end both reading the same GeoPackage: QGIS {t_q:.2f} s vs "
                f"ours {ours + t_read:.2f} s (pyogrio read {t_read:.2f} s; ratio "
                f"{t_q / (ours + t_read):.1f}x)"
            )


if __name__ == "__main__":
    main()
