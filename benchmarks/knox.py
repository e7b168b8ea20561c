"""Knox near-repeat test on 20,000 events with 999 permutations: ours against pointpats.

Input: 20,000 events uniform over a 15 km x 15 km area and two years (days),
plus 10 % near-repeat follow-ons (within 150 m and 10 days of an earlier event).

* ours: ``knox_test`` with space bands 0,100,200,400 m x time bands 0,7,14,28
  days (13 band cells incl. a same-location band) and 999 permutations.
* baseline: ``pointpats.spacetime.Knox`` (one cell: delta=400 m, tau=28 days),
  whose permutation loop is pure Python. It is far too slow at 20,000 events x
  999 permutations, so it is timed on subsets of the same events (n1 and 2 n1,
  same area, so pairs grow as n^2) with a few permutations; the per-permutation
  time is scaled to 20,000 events by the complexity exponent measured between
  the two sizes, and linearly to 999 permutations; its setup (KD-tree queries)
  is timed at both sizes and scaled the same way.

Run: ``python benchmarks/knox.py [--runs 3] [--n1 2000] [--perms 5]``
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from pointpats.spacetime import Knox

from workstation.analysis.repeat import knox_test

N = 20_000
PERMS = 999


def make_events(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m = int(n * 0.9)
    x = rng.uniform(0, 15_000, m)
    y = rng.uniform(0, 15_000, m)
    t = rng.integers(0, 730, m).astype(float)
    k = n - m
    src = rng.integers(0, m, k)
    ang = rng.uniform(0, 2 * np.pi, k)
    r = 150 * np.sqrt(rng.uniform(0, 1, k))
    x = np.r_[x, x[src] + r * np.cos(ang)]
    y = np.r_[y, y[src] + r * np.sin(ang)]
    t = np.r_[t, t[src] + rng.integers(1, 11, k)]
    order = rng.permutation(n)
    return x[order], y[order], t[order]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def pointpats_times(x, y, t, n: int, perms: int, runs: int) -> tuple[float, float]:
    """(setup seconds, seconds per permutation) of pointpats Knox on the first n."""
    s = np.column_stack([x[:n], y[:n]])
    tt = t[:n, None]
    setup = median_time(lambda: Knox(s, tt, delta=400, tau=28, permutations=0), runs)
    total = median_time(
        lambda: Knox(s, tt, delta=400, tau=28, permutations=perms), runs
    )
    return setup, max(total - setup, 1e-9) / perms


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--n1", type=int, default=2000)
    ap.add_argument("--perms", type=int, default=5)
    args = ap.parse_args()
    x, y, t = make_events(N)
    res = {}

    def ours():
        res["k"] = knox_test(
            x, y, t, space_bands_m=[0, 100, 200, 400],
            time_bands_days=[0, 7, 14, 28], permutations=PERMS, seed=1,
        )  # fmt: skip

    t_ours = median_time(ours, args.runs)
    # the oracle on the benchmark input: our cumulative cell = pointpats' statistic
    n1, n2 = args.n1, 2 * args.n1
    k_small = knox_test(
        x[:n1], y[:n1], t[:n1], space_bands_m=[0, 400], time_bands_days=[0, 28],
        permutations=0,
    )  # fmt: skip
    ref = Knox(np.column_stack([x[:n1], y[:n1]]), t[:n1, None], delta=400, tau=28,
               permutations=0)  # fmt: skip
    assert k_small.table.observed.sum() == ref.nst
    s1, p1 = pointpats_times(x, y, t, n1, args.perms, args.runs)
    s2, p2 = pointpats_times(x, y, t, n2, args.perms, args.runs)
    e_perm = math.log(p2 / p1) / math.log(2)
    e_setup = math.log(max(s2, 1e-9) / max(s1, 1e-9)) / math.log(2)
    scale = N / n2
    base = s2 * scale**e_setup + p2 * scale**e_perm * PERMS
    print(f"Knox test: {N:,} events, {PERMS} permutations")
    print(
        f"  ours (4 x 3 bands + same-location band), median of {args.runs}: "
        f"{t_ours:.2f} s ({res['k'].n_pairs:,} pairs in all)"
    )
    print(
        f"  pointpats Knox (1 cell): per permutation {p1 * 1e3:.1f} ms at {n1:,} "
        f"and {p2 * 1e3:.1f} ms at {n2:,} events -> exponent {e_perm:.2f}; setup "
        f"{s1:.2f} s / {s2:.2f} s -> exponent {e_setup:.2f}"
    )
    print(
        f"  pointpats scaled to {N:,} events x {PERMS} permutations: {base:.0f} s "
        f"({base / 3600:.2f} h)"
    )
    print(f"  ratio: {base / t_ours:.0f}x faster (goal >= 20x)")


if __name__ == "__main__":
    main()
