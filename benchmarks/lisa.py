"""Local Moran's I with 999 conditional permutations: ours against esda.Moran_Local.

On a Poisson grid of ``--size`` × ``--size`` cells (queen weights, a planted
cluster), both compute I, the quadrants and the permutation p-values from the
same draws (same seed). esda runs without numba here (not installed), which is
its pure-Python path; building the libpysal W is not timed.

Run: ``python benchmarks/lisa.py [--size 60] [--runs 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from esda import Moran_Local
from libpysal.weights import lat2W

from workstation.analysis.grid import Grid
from workstation.analysis.lisa import local_moran_grid


def median_time(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--permutations", type=int, default=999)
    args = ap.parse_args()
    n = args.size
    rng = np.random.default_rng(1)
    y = rng.poisson(3.0, (n, n)).astype(float) + rng.uniform(0, 1, (n, n))
    y[n // 3 : n // 3 + 5, n // 3 : n // 3 + 5] += 8
    g = Grid(0.0, 0.0, 100.0, n, n)
    w = lat2W(n, n, rook=False)
    t_ours, r = median_time(
        lambda: local_moran_grid(y, g, permutations=args.permutations, seed=3),
        args.runs,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_ref, ref = median_time(
            lambda: Moran_Local(
                y.reshape(-1), w, permutations=args.permutations, seed=3
            ),
            args.runs,
        )
    same = bool(np.array_equal(r.p_sim.reshape(-1), ref.p_sim))
    print(
        f"LISA, {n * n:,} cells, queen, {args.permutations} permutations "
        f"(median of {args.runs})"
    )
    print(f"ours  {t_ours:8.2f} s")
    print(f"esda  {t_ref:8.2f} s  (Moran_Local, no numba)")
    print(f"ratio {t_ref / t_ours:8.1f} x faster; identical p_sim: {same}")


if __name__ == "__main__":
    main()
