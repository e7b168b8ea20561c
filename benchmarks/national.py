"""National benchmark: the partitioned store on a local Dask cluster against naive geopandas.

For each size (rows of the synthetic 43-force set, ``workstation demo-data --national``):

- ours: ``workstation import DIR --store S`` (every file read and validated on a worker), then
  250 m grid counts over England and Wales from the store, then Gi* on them
  (``workstation hotspots S --cell-m 250``);
- naive: one process, ``pandas.read_csv`` of every file + ``points_from_xy`` + ``to_crs`` (no
  validation at all), then ``numpy.histogram2d`` on the same 250 m grid.

Each step runs in its own process; peak memory is the largest sum of the resident set sizes of
the step's whole process tree (workers included), sampled every 0.1 s from /proc. Medians of
``--runs``. Usage::

    python benchmarks/national.py --rows 1000000,2000000,4000000 --runs 1 --workers 2
"""

from __future__ import annotations

import argparse
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

NAIVE = r"""
import sys, glob, numpy as np, pandas as pd, geopandas as gpd
files = sorted(glob.glob(sys.argv[1] + "/*/*-street.csv"))
df = pd.concat([pd.read_csv(f) for f in files], ignore_index=True)
df = df.dropna(subset=["Longitude", "Latitude"])
pts = gpd.GeoSeries(gpd.points_from_xy(df["Longitude"], df["Latitude"]), crs=4326).to_crs(27700)
x, y = pts.x.to_numpy(), pts.y.to_numpy()
x0, y0 = np.floor(x.min() / 250) * 250, np.floor(y.min() / 250) * 250
nx, ny = int((x.max() - x0) // 250) + 1, int((y.max() - y0) // 250) + 1
h, _, _ = np.histogram2d(y, x, bins=[ny, nx], range=[[y0, y0 + ny * 250], [x0, x0 + nx * 250]])
print(int(h.sum()))
"""

OURS_GRID = r"""
import sys
from layers.cluster import dask_client
from layers.store_parquet import store_layer
from workstation.analysis.distributed import grid_counts, store_extent
from workstation.analysis.grid import Grid
if __name__ == "__main__":
    layer = store_layer(sys.argv[1])
    with dask_client(workers=int(sys.argv[2])) as client:
        bounds, _ = store_extent(layer, client)
        grid = Grid.covering(bounds, 250.0)
        print(int(grid_counts(layer, grid, client).sum()))
"""


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
        subprocess.run(
            [
                sys.executable,
                "-m",
                "workstation",
                "demo-data",
                "--national",
                "--rows",
                str(rows),
                str(data),
            ],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    res: dict[str, list] = {"import": [], "grid": [], "naive": []}
    for _ in range(runs):
        store = work / f"store-{rows}"
        shutil.rmtree(store, ignore_errors=True)
        res["import"].append(
            measure(
                [
                    sys.executable,
                    "-m",
                    "workstation",
                    "import",
                    str(data),
                    "--store",
                    str(store),
                    "--workers",
                    str(workers),
                    "--json",
                ]
            )
        )
        res["grid"].append(
            measure([sys.executable, "-c", OURS_GRID, str(store), str(workers)])
        )
        if rows <= naive_max:
            res["naive"].append(measure([sys.executable, "-c", NAIVE, str(data)]))
    return res


def _median(vals: list, i: int) -> float:
    return statistics.median(v[i] for v in vals) if vals else float("nan")


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
    print(f"workers {args.workers}, cores {os.cpu_count()}, data in {work}")
    print(
        "| rows | ours: import to store | ours: 250 m grid counts | ours peak RSS | "
        "naive: read + grid | naive peak RSS | ratio (naive / ours import+grid) |"
    )
    print("|---|---|---|---|---|---|---|")
    for rows in (int(r) for r in args.rows.split(",")):
        r = one_size(rows, work, args.workers, args.runs, args.naive_max_rows)
        imp, grid, naive = (
            _median(r["import"], 0),
            _median(r["grid"], 0),
            _median(r["naive"], 0),
        )
        rss = max(v[1] for v in r["import"] + r["grid"]) / 2**30
        nrss = max((v[1] for v in r["naive"]), default=0) / 2**30
        failed = [v[2] for v in r["naive"] if v[2].startswith("FAILED")]
        naive_txt = (
            f"{naive:.1f} s"
            if r["naive"] and not failed
            else (failed[0] if failed else "not run")
        )
        ratio = naive / (imp + grid) if r["naive"] and not failed else float("nan")
        print(
            f"| {rows:,} | {imp:.1f} s | {grid:.1f} s | {rss:.2f} GB | {naive_txt} | "
            f"{nrss:.2f} GB | {ratio:.2f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
