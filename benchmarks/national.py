"""National benchmark: the partitioned store on a local Dask cluster against naive geopandas.

For each size (rows of the synthetic 43-force set, ``workstation demo-data --national``), side by
side in one run:

- ours: ``workstation import DIR --store S`` (every file read and validated on a worker), then in
  one process on a LocalCluster: 250 m grid counts over England and Wales, the KDE of one region
  (West Yorkshire, 600 m quartic on 100 m cells, binned per partition + one FFT) and emerging hot
  spots on the national 1 km x 36-month cube (``cube_counts`` + ``emerging_from_cube``);
- naive: one process, ``pandas.read_csv`` of every file + ``points_from_xy`` + ``to_crs`` (no
  validation at all), then ``numpy.histogram2d`` on the same 250 m grid, the in-memory
  ``kde_surface(method="binned_fft")`` of the same region and ``emerging_hotspots`` on the same
  1 km cells.

Each side runs in its own process; peak memory is the largest sum of the resident set sizes of
the process tree (workers included), sampled every 0.1 s from /proc; a side killed for memory is
reported as such. Medians of ``--runs``. Usage::

    python benchmarks/national.py --rows 1000000,5000000 --runs 1 --workers 2 --dir /tmp/nat
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REGION = (400_000.0, 400_000.0, 450_000.0, 450_000.0)  # West Yorkshire, 50 km x 50 km
STEPS = ("read", "grid", "kde", "emerging")

NAIVE = r"""
import sys, glob, json, time, numpy as np, pandas as pd, geopandas as gpd
from workstation.analysis.kde import kde_surface
from workstation.analysis.emerging import emerging_hotspots
t = {}; t0 = time.perf_counter()
files = sorted(glob.glob(sys.argv[1] + "/*/*-street.csv"))
df = pd.concat([pd.read_csv(f) for f in files], ignore_index=True)
df = df.dropna(subset=["Longitude", "Latitude"])
pts = gpd.GeoSeries(gpd.points_from_xy(df["Longitude"], df["Latitude"]), crs=4326).to_crs(27700)
x, y = pts.x.to_numpy(), pts.y.to_numpy()
tz = pd.to_datetime(df["Month"] + "-01").dt.tz_localize("Europe/London")
t["read"] = time.perf_counter() - t0; t0 = time.perf_counter()
x0, y0 = np.floor(x.min() / 250) * 250, np.floor(y.min() / 250) * 250
nx, ny = int((x.max() - x0) // 250) + 1, int((y.max() - y0) // 250) + 1
h, _, _ = np.histogram2d(y, x, bins=[ny, nx], range=[[y0, y0 + ny * 250], [x0, x0 + nx * 250]])
t["grid"] = time.perf_counter() - t0; t0 = time.perf_counter()
r = REGION
inr = (x >= r[0] - 1200) & (x < r[2] + 1200) & (y >= r[1] - 1200) & (y < r[3] + 1200)
k = kde_surface(x[inr], y[inr], bandwidth_m=600, cell_m=100, extent=r, method="binned_fft")
t["kde"] = time.perf_counter() - t0; t0 = time.perf_counter()
e = emerging_hotspots(x, y, tz, cell_m=1000.0, step="month", trend_test="arcgis_gi_mk")
t["emerging"] = time.perf_counter() - t0
print(json.dumps({"t": t, "events": int(h.sum()), "kde_n": int(k.n_events)}))
""".replace("REGION", repr(REGION))

OURS = r"""
import sys, json, time, pandas as pd
from layers.cluster import dask_client
from layers.store_parquet import store_layer
from workstation.analysis.distributed import (
    cube_counts, grid_counts, kde_from_store, store_extent)
from workstation.analysis.emerging import emerging_from_cube
from workstation.analysis.grid import Grid
if __name__ == "__main__":
    layer = store_layer(sys.argv[1]); t = {}
    with dask_client(workers=int(sys.argv[2])) as client:
        t0 = time.perf_counter()
        bounds, _ = store_extent(layer, client)
        grid = Grid.covering(bounds, 250.0)
        n = int(grid_counts(layer, grid, client).sum())
        t["grid"] = time.perf_counter() - t0; t0 = time.perf_counter()
        k = kde_from_store(layer, client, bandwidth_m=600, cell_m=100, extent=REGION)
        t["kde"] = time.perf_counter() - t0; t0 = time.perf_counter()
        g1 = Grid.covering(bounds, 1000.0)
        cube, months = cube_counts(layer, g1, client)
        starts = [pd.Timestamp(m + "-01").tz_localize(layer.timezone) for m in months]
        e = emerging_from_cube(cube, g1, starts, step="month", trend_test="arcgis_gi_mk")
        t["emerging"] = time.perf_counter() - t0
    print(json.dumps({"t": t, "events": n, "kde_n": int(k.n_events)}))
""".replace("REGION", repr(REGION))


def _tree_rss(root_pid: int) -> int:
    """Bytes resident in ``root_pid`` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                parents[int(d)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{d}/statm") as fh:
                rss[int(d)] = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(rss.get(p, 0) for p in tree)


def measure(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS (bytes) and stdout of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    th.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = err.strip().splitlines()[-3:]
        return wall, peak[0], "FAILED: " + " | ".join(tail)
    return wall, peak[0], out.strip().splitlines()[-1] if out.strip() else ""


def one_size(rows: int, work: Path, workers: int, runs: int, naive_max: int) -> dict:
    data = work / f"national-{rows}"
    if not (data / "national.json").exists():
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "workstation", "demo-data", "--national",
             "--rows", str(rows), str(data)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        print(
            f"generated {rows:,} rows in {time.perf_counter() - t0:.0f} s", flush=True
        )
    res: dict[str, list] = {"import": [], "ours": [], "naive": []}
    for _ in range(runs):
        store = work / f"store-{rows}"
        shutil.rmtree(store, ignore_errors=True)
        res["import"].append(
            measure(
                [sys.executable, "-m", "workstation", "import", str(data), "--store",
                 str(store), "--workers", str(workers), "--json"]
            )
        )  # fmt: skip
        res["ours"].append(
            measure([sys.executable, "-c", OURS, str(store), str(workers)])
        )
        if rows <= naive_max:
            res["naive"].append(measure([sys.executable, "-c", NAIVE, str(data)]))
    return res


def _steps(runs: list) -> dict[str, float]:
    """Median seconds per step of the runs that finished."""
    good = [json.loads(v[2])["t"] for v in runs if not v[2].startswith("FAILED")]
    return {k: statistics.median(g[k] for g in good) for k in (good[0] if good else {})}


def _median(vals: list, i: int) -> float:
    return statistics.median(v[i] for v in vals) if vals else float("nan")


def _load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="5000000,10000000,20000000")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--naive-max-rows", type=int, default=20_000_000)
    ap.add_argument("--dir", help="where data and stores go (kept for reuse)")
    args = ap.parse_args()
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="aw-national-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"workers {args.workers}, cores {os.cpu_count()}, data in {work}, {_load()}")
    print(
        "| rows | side | import / read | 250 m grid | KDE region | emerging 1 km x months "
        "| total | peak RSS | load after |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for rows in (int(r) for r in args.rows.split(",")):
        r = one_size(rows, work, args.workers, args.runs, args.naive_max_rows)
        imp = _median(r["import"], 0)
        ours = _steps(r["ours"])
        rss = max(v[1] for v in r["import"] + r["ours"]) / 2**30
        total = imp + sum(ours.values()) if ours else float("nan")
        cells = [f"{ours.get(k, float('nan')):.1f} s" for k in STEPS[1:]]
        print(
            f"| {rows:,} | ours ({args.workers} workers) | {imp:.1f} s | "
            + " | ".join(cells)
            + f" | {total:.1f} s | {rss:.2f} GB | {_load()} |",
            flush=True,
        )
        failed = [v[2] for v in r["ours"] + r["import"] if v[2].startswith("FAILED")]
        if failed:
            print(f"ours failed: {failed[0]}")
        if not r["naive"]:
            continue
        naive = _steps(r["naive"])
        nrss = max(v[1] for v in r["naive"]) / 2**30
        nfail = [v[2] for v in r["naive"] if v[2].startswith("FAILED")]
        if not naive:
            print(f"| {rows:,} | naive | {nfail[0]} (peak {nrss:.2f} GB) |", flush=True)
            continue
        ntotal = sum(naive.values())
        print(
            f"| {rows:,} | naive (1 process) | "
            + " | ".join(f"{naive[k]:.1f} s" for k in STEPS)
            + f" | {ntotal:.1f} s | {nrss:.2f} GB | {_load()} |"
            f"\n| {rows:,} | ratio naive / ours | {naive['read'] / imp:.2f}x | "
            + " | ".join(
                f"{naive[k] / ours[k]:.2f}x" if ours.get(k) else "-" for k in STEPS[1:]
            )
            + f" | {ntotal / total:.2f}x | | |",
            flush=True,
        )


if __name__ == "__main__":
    main()
