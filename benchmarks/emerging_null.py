"""False-positive share of emerging-hot-spot trend tests on null cubes.

A null cube has no trend at all: every cell has its own constant Poisson rate
(gamma-distributed across cells, mean ``--rate`` a bin) at every step. For cubes
of 6, 12 and 36 steps it prints, for each trend test, the share of cells whose
trend is significant at the nominal 5 % (two-sided), and the share of cells
of the cells hot (or cold) in at least 90 % of steps including the last
(intensifying, persistent or diminishing) that are labelled intensifying or
diminishing rather than persistent: in a null cube every such label is false.
Then, on a cube with a
planted rising block (rate ×1 → ×4 over the steps in a 3 x 3 block), the share
of the block's cells with a significant rising trend (power).

Tests: the ArcGIS-style Mann-Kendall on the Gi* z series (``arcgis_gi_mk``),
Hamed-Rao and Yue-Wang variance corrections of that test (pymannkendall),
Mann-Kendall on the cell's own counts (``counts_mk``) and the permutation test
that shuffles whole time slices and recomputes the Gi* cube (``permutation``,
the default). Figures are means over ``--reps`` seeded cubes.

Run: ``python benchmarks/emerging_null.py [--size 30] [--reps 3] [--perms 199]``
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pymannkendall as pmk

from workstation.analysis.emerging import (
    classify_patterns,
    gi_star_cube,
    trend_of_cells,
)
from workstation.analysis.stats import bh_fdr, two_sided_p

ALPHA = 0.05
OURS = ("arcgis_gi_mk", "counts_mk", "permutation")
PMK = {
    "hamed_rao": pmk.hamed_rao_modification_test,
    "yue_wang": pmk.yue_wang_modification_test,
}


def null_cube(t: int, size: int, rate: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    cell_rate = rng.gamma(2.0, rate / 2.0, size=(size, size))
    return rng.poisson(np.broadcast_to(cell_rate, (t, size, size))).astype(float)


def planted_cube(
    t: int, size: int, rate: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    lam = np.full((t, size, size), rate)
    r0 = size // 2 - 1
    block = np.zeros((size, size), bool)
    block[r0 : r0 + 3, r0 : r0 + 3] = True
    lam[:, block] *= np.linspace(1.0, 4.0, t)[:, None]
    return rng.poisson(lam).astype(float), block


def trend_p(
    cube: np.ndarray, test: str, perms: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    mask = np.ones(cube.shape[1:], bool)
    t = cube.shape[0]
    zl = gi_star_cube(cube, mask, 1).reshape(t, -1)
    if test in PMK:
        out = [PMK[test](zl[:, j]) for j in range(zl.shape[1])]
        return np.array([r.z for r in out]), np.array([r.p for r in out])
    _, z, p = trend_of_cells(cube, mask, zl, test, permutations=perms, seed=seed)
    return z, p


def labels(cube: np.ndarray, tz: np.ndarray, tp: np.ndarray) -> np.ndarray:
    t = cube.shape[0]
    zl = gi_star_cube(cube, np.ones(cube.shape[1:], bool), 1).reshape(t, -1)
    sig = np.where(bh_fdr(two_sided_p(zl)) < 0.10, np.sign(zl), 0).astype(np.int8)
    return classify_patterns(sig.T, tz, tp, ALPHA)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=30, help="cells per side")
    ap.add_argument("--rate", type=float, default=2.0, help="mean events per bin")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--perms", type=int, default=199)
    ap.add_argument("--steps", default="6,12,36")
    args = ap.parse_args()
    steps = [int(s) for s in args.steps.split(",")]
    tests = ("arcgis_gi_mk", "hamed_rao", "yue_wang", "counts_mk", "permutation")
    print(
        f"null cubes: {args.size} x {args.size} cells, constant Poisson rates "
        f"(mean {args.rate:g} a bin), {args.reps} cube(s) per length, "
        f"{args.perms} permutations; nominal size {ALPHA:.0%}"
    )
    print(f"{'test':14s} " + " ".join(f"{t:>3d} steps: sig / int+dim  " for t in steps))
    warnings.simplefilter("ignore")
    for test in tests:
        cells = []
        t0 = time.perf_counter()
        for t in steps:
            sig, lab = [], []
            for r in range(args.reps):
                cube = null_cube(t, args.size, args.rate, seed=1000 * t + r)
                z, p = trend_p(cube, test, args.perms, seed=r)
                sig.append(np.mean(p < ALPHA))
                pat = labels(cube, z, p)
                trended = np.char.startswith(pat.astype(str), "intensifying")
                trended |= np.char.startswith(pat.astype(str), "diminishing")
                steady = np.char.startswith(pat.astype(str), "persistent")
                cand = trended.sum() + steady.sum()
                lab.append(trended.sum() / cand if cand else np.nan)
            cells.append(f"{np.mean(sig):6.1%} / {np.nanmean(lab):6.1%}       ")
        dt = time.perf_counter() - t0
        print(f"{test:14s} " + " ".join(cells) + f" ({dt:.1f} s)")
    print(
        "\npower: planted rising 3 x 3 block (rate x1 -> x4), share of its cells "
        "with a significant rising trend"
    )
    for test in tests:
        out = []
        for t in steps:
            hits = []
            for r in range(args.reps):
                cube, block = planted_cube(
                    t, args.size, args.rate, seed=7 + 100 * t + r
                )
                z, p = trend_p(cube, test, args.perms, seed=r)
                ok = (p < ALPHA) & (z > 0)
                hits.append(ok.reshape(block.shape)[block].mean())
            out.append(f"{t:>3d} steps: {np.mean(hits):6.1%}")
        print(f"{test:14s} " + "   ".join(out))


if __name__ == "__main__":
    main()
