"""Kernel density estimation on a square lattice, in events per km².

Two methods give the same surface:

* ``"exact"`` sums the kernel of every event within reach of each cell centre
  (:class:`scipy.spatial.cKDTree` finds the pairs). Cost grows with events × cells
  in reach; it is the test oracle.
* ``"binned_fft"`` spreads each event's weight over the four nearest nodes of a
  fine lattice (linear binning, which keeps the weight and the centre of mass of
  every event), then convolves the binned weights with the kernel sampled on the
  same lattice by FFT (:mod:`scipy.fft`, single precision, evaluated only at
  the output cells by a polyphase split). Linear binning evaluates each event's
  kernel by bilinear interpolation between nodes, which overstates it by
  ``½ t(1 − t) δ² ∂²K`` along each axis (``t`` the event's offset between nodes,
  ``δ`` the spacing); for the smooth kernels (quartic, gaussian) that term is
  binned and subtracted too. The lattice spacing is at most a seventh of the
  bandwidth for those (a tenth for triangular, a thirtieth for uniform) and its
  nodes include every output cell centre, so the surface is within a fraction of
  a percent of the exact one (tests hold the peak within 1 %).

Kernels (``h`` = bandwidth, ``d`` = distance; each integrates to one):

* quartic (biweight, the default): ``K(d) = 3/(π h²) (1 − d²/h²)²`` for ``d < h``
* triangular (cone): ``K(d) = 3/(π h²) (1 − d/h)`` for ``d < h``
* uniform (disc): ``K(d) = 1/(π h²)`` for ``d < h``
* gaussian: ``K(d) = 1/(2π h²) exp(−d²/(2h²))``, ``h`` is the standard deviation,
  truncated at ``4h`` (the lost mass is 0.03 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import fft as sp_fft
from scipy import special
from scipy.spatial import cKDTree

from layers.progress import Progress, check
from workstation.analysis.grid import Grid
from workstation.analysis.results import GridResult

KERNELS: tuple[str, ...] = ("quartic", "gaussian", "triangular", "uniform")
METHODS: tuple[str, ...] = ("auto", "binned_fft", "exact")

#: gaussian kernels are cut at this many bandwidths
GAUSSIAN_REACH = 4.0
#: the binned method's fine lattice spacing is at most bandwidth / this
BIN_RESOLUTION = 10.0
#: smooth kernels whose binning error is corrected to second order
CURVATURE_CORRECTED: tuple[str, ...] = ("quartic", "gaussian")
#: ... which then need a lattice spacing of at most bandwidth / this
CORRECTED_RESOLUTION = 7.0
#: the fine lattice is refined at most this many times per output cell (odd)
MAX_REFINE = 15
#: the binned method's fine lattice never has more nodes than this
MAX_FINE_NODES = 120_000_000
#: "auto" picks the exact method below this many event-cell pairs in reach
AUTO_EXACT_PAIRS = 3_000_000

M2_PER_KM2 = 1.0e6


def kernel_reach(bandwidth_m: float, kernel: str) -> float:
    """Distance (m) beyond which the kernel is zero (or cut, for gaussian)."""
    return bandwidth_m * (GAUSSIAN_REACH if kernel == "gaussian" else 1.0)


def kernel_values(d: np.ndarray, bandwidth_m: float, kernel: str) -> np.ndarray:
    """Kernel density (per m²) at distances ``d`` (m) for a unit-weight event."""
    h = float(bandwidth_m)
    d = np.asarray(d, dtype=float)
    u2 = (d / h) ** 2
    if kernel == "quartic":
        return np.where(u2 < 1.0, 3.0 / (math.pi * h * h) * (1.0 - u2) ** 2, 0.0)
    if kernel == "triangular":
        u = np.sqrt(u2)
        return np.where(u < 1.0, 3.0 / (math.pi * h * h) * (1.0 - u), 0.0)
    if kernel == "uniform":
        return np.where(u2 < 1.0, 1.0 / (math.pi * h * h), 0.0)
    if kernel == "gaussian":
        return np.where(
            u2 < GAUSSIAN_REACH**2,
            np.exp(-0.5 * u2) / (2.0 * math.pi * h * h),
            0.0,
        )
    raise ValueError(f"unknown kernel {kernel!r}; choose one of {', '.join(KERNELS)}")


@dataclass(frozen=True, kw_only=True)
class KdeResult(GridResult):
    """A density surface: ``density`` is (ny, nx) float32 events per km² at cell centres.

    With weights (e.g. harm), the unit is weight per km² (harm days per km²).
    ``edge_loss`` is the true share of the events' kernel mass (weighted) that falls
    outside the grid's extent, by exact integration of each event's kernel.
    ``sampling_error`` is separate: the surface summed over cells (value at the
    centre × cell area) against the kernel mass inside the extent, less one. It
    is near zero when cells are small against the bandwidth and can be large
    either way when the bandwidth is smaller than the cell (under-sampling).
    """

    density: np.ndarray
    kernel: str
    bandwidth_m: float
    method: str
    n_events: int
    total_weight: float
    edge_loss: float
    sampling_error: float = 0.0
    units: str = "events per km²"

    def cell_columns(self) -> dict[str, np.ndarray]:
        return {"density": self.density}

    @property
    def peak(self) -> float:
        return float(np.nanmax(self.density)) if self.density.size else 0.0


#: Gauss-Legendre rules per smooth piece of the outer integral of kernel mass
#: (the cone's strip integral has a dx² log|dx| term at its apex: more nodes)
_GAUSS_LEGENDRE = {
    k: np.polynomial.legendre.leggauss(24 if k == "triangular" else 12) for k in KERNELS
}


def kernel_total_mass(kernel: str) -> float:
    """Mass of the kernel as evaluated (1, or ``1 - exp(-8)`` for the cut gaussian)."""
    return 1.0 - math.exp(-0.5 * GAUSSIAN_REACH**2) if kernel == "gaussian" else 1.0


def _strip_mass(
    dx: np.ndarray, a: np.ndarray, b: np.ndarray, h: float, kernel: str
) -> np.ndarray:
    """∫ K(dx, t) dt over ``t`` in [a, b], in closed form, for each ``dx``."""
    reach = kernel_reach(h, kernel)
    s2 = np.maximum(reach * reach - dx * dx, 0.0)
    s = np.sqrt(s2)
    lo = np.clip(a, -s, s)
    hi = np.clip(b, -s, s)
    if kernel == "quartic":
        c = 3.0 / (math.pi * h**6)

        def prim(t: np.ndarray) -> np.ndarray:
            t2 = t * t
            return t * (s2 * s2 - t2 * (s2 * (2.0 / 3.0) - t2 * 0.2))

        return c * (prim(hi) - prim(lo))
    if kernel == "uniform":
        return (hi - lo) / (math.pi * h * h)
    if kernel == "triangular":
        ax = np.abs(dx)

        def prim_r(t: np.ndarray) -> np.ndarray:  # ∫ sqrt(dx² + t²) dt
            r = np.sqrt(dx * dx + t * t)
            with np.errstate(divide="ignore", invalid="ignore"):
                ash = np.where(ax > 0, np.arcsinh(t / np.where(ax > 0, ax, 1.0)), 0.0)
            return 0.5 * (t * r + dx * dx * ash)

        c = 3.0 / (math.pi * h * h)
        return c * ((hi - lo) - (prim_r(hi) - prim_r(lo)) / h)
    if kernel == "gaussian":
        q = math.sqrt(2.0) * h
        core = np.exp(-0.5 * dx * dx / (h * h)) / (2.0 * math.pi * h * h)
        return (
            core
            * h
            * math.sqrt(math.pi / 2.0)
            * (special.erf(hi / q) - special.erf(lo / q))
        )
    raise ValueError(f"unknown kernel {kernel!r}")


def kernel_mass_inside(
    x: np.ndarray,
    y: np.ndarray,
    bounds: tuple[float, float, float, float],
    bandwidth_m: float,
    kernel: str,
) -> np.ndarray:
    """Share of each event's kernel mass that falls inside the rectangle ``bounds``.

    The inner integral (along y) is in closed form; the outer one (along x, as
    ``x = reach sin θ``) is Gauss-Legendre quadrature on the pieces between the
    places where the integrand is not smooth (the kernel's edge crossing the
    rectangle's sides, and x = 0 for the triangular cone), so the result agrees
    with adaptive 2-D quadrature to about 1e-9. Shares
    are of the kernel as evaluated (the gaussian cut at 4 bandwidths).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    x0, y0, x1, y1 = bounds
    h = float(bandwidth_m)
    reach = kernel_reach(h, kernel)
    total = kernel_total_mass(kernel)
    out = np.ones(len(x))
    near = (x - reach < x0) | (x + reach > x1) | (y - reach < y0) | (y + reach > y1)
    if not near.any():
        return out
    px, py = x[near], y[near]
    lo = np.maximum(x0 - px, -reach)
    hi = np.minimum(x1 - px, reach)
    a, b = y0 - py, y1 - py
    cuts = [lo, hi, np.zeros_like(px)]
    for edge in (a, b):
        root = np.sqrt(np.maximum(reach * reach - edge * edge, 0.0))
        cuts += [-root, root]
    knots = np.sort(np.clip(np.column_stack(cuts), lo[:, None], hi[:, None]), axis=1)
    # integrate in theta, dx = reach sin(theta): the kernel's edge (a square-root
    # cusp in dx) becomes smooth
    theta = np.arcsin(np.clip(knots / reach, -1.0, 1.0))
    left, right = theta[:, :-1], theta[:, 1:]
    half = 0.5 * (right - left)
    mid = 0.5 * (right + left)
    nodes, weights = _GAUSS_LEGENDRE[kernel]
    th = mid[..., None] + half[..., None] * nodes
    dx = reach * np.sin(th)
    strip = _strip_mass(dx, a[:, None, None], b[:, None, None], h, kernel)
    strip = strip * reach * np.cos(th)
    inside = (strip * weights).sum(axis=2)
    inside = (inside * half).sum(axis=1)
    inside = np.where(hi > lo, inside, 0.0)
    out[near] = np.clip(inside / total, 0.0, 1.0)
    return out


def _clean_points(
    x: np.ndarray, y: np.ndarray, weights: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    if x.shape != y.shape:
        raise ValueError(f"x and y differ in length ({len(x)} and {len(y)})")
    if weights is None:
        w = np.ones_like(x)
    else:
        w = np.asarray(weights, dtype=float).reshape(-1)
        if w.shape != x.shape:
            raise ValueError(
                f"weights ({len(w)}) and points ({len(x)}) differ in length"
            )
        bad = ~np.isfinite(w)
        if bad.any():
            raise ValueError(
                f"{int(bad.sum())} weight(s) are missing or not finite "
                f"(first at position {int(np.flatnonzero(bad)[0])})"
            )
        if (w < 0).any():
            raise ValueError("weights must not be negative")
    ok = np.isfinite(x) & np.isfinite(y)
    dropped = int((~ok).sum())
    return x[ok], y[ok], w[ok], dropped


def _grid_for(
    x: np.ndarray,
    y: np.ndarray,
    extent: tuple[float, float, float, float] | Grid | None,
    cell_m: float,
    reach: float,
    crs: str,
) -> Grid:
    if isinstance(extent, Grid):
        return extent
    if extent is not None:
        return Grid.covering(tuple(extent), cell_m, crs=crs, align=False)
    if len(x) == 0:
        raise ValueError("no events with coordinates and no extent: nothing to map")
    bounds = (x.min() - reach, y.min() - reach, x.max() + reach, y.max() + reach)
    return Grid.covering(bounds, cell_m, crs=crs, align=True)


def _exact(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    grid: Grid,
    bandwidth_m: float,
    kernel: str,
    progress: Progress | None,
) -> np.ndarray:
    reach = kernel_reach(bandwidth_m, kernel)
    out = np.zeros(grid.shape, dtype=float)
    if len(x) == 0:
        return out
    tree = cKDTree(np.column_stack([x, y]))
    xs = grid.x0 + (np.arange(grid.nx) + 0.5) * grid.cell_m
    ys = grid.y0 + (np.arange(grid.ny) + 0.5) * grid.cell_m
    # rows per chunk so a chunk holds about 200k cell centres
    step = max(1, 200_000 // grid.nx)
    for r0 in range(0, grid.ny, step):
        check(progress, 0.05 + 0.9 * r0 / grid.ny, "exact kernel sums")
        r1 = min(grid.ny, r0 + step)
        cx, cy = np.meshgrid(xs, ys[r0:r1])
        centres = cKDTree(np.column_stack([cx.ravel(), cy.ravel()]))
        pairs = centres.sparse_distance_matrix(tree, reach, output_type="coo_matrix")
        k = kernel_values(pairs.data, bandwidth_m, kernel) * w[pairs.col]
        sums = np.bincount(pairs.row, weights=k, minlength=(r1 - r0) * grid.nx)
        out[r0:r1] = sums.reshape(r1 - r0, grid.nx)
    return out * M2_PER_KM2


def _convolve_at_centres(
    pairs: list[tuple[np.ndarray, np.ndarray]], f: int, first: int, ny: int, nx: int
) -> np.ndarray:
    """``Σ (binned * kern)`` over ``pairs``, read at every ``f``-th fine node from
    ``first``: (ny, nx). Every binned array has the same shape, every kernel too.

    A polyphase FFT convolution: the fine lattice splits into ``f × f`` phases,
    each convolved on the coarse lattice with the kernel samples of its phase and
    summed in the frequency domain, so only the output cells are ever computed.
    Single-precision real FFTs on all cores: round-off (about 1e-7 of the largest
    value) is far below the binning error.
    """
    m = pairs[0][1].shape[0] // 2
    nfy, nfx = pairs[0][0].shape
    ay, ax = -(-nfy // f), -(-nfx // f)
    phased = []
    for binned, kern in pairs:
        b = np.zeros((ay * f, ax * f), dtype=np.float32)
        b[:nfy, :nfx] = binned
        phased.append((b.reshape(ay, f, ax, f), kern))
    # coarse kernel offsets t shared by every phase: fine offset f*t + first - p
    t0 = min(math.ceil((-m - first + p) / f) for p in range(f))
    t1 = max(math.floor((m - first + p) / f) for p in range(f))
    t = np.arange(t0, t1 + 1)
    span = len(t)
    shape = [
        sp_fft.next_fast_len(ay + span - 1, real=True),
        sp_fft.next_fast_len(ax + span - 1, real=True),
    ]
    spec = None
    for p in range(f):
        ky = f * t + first - p + m
        oky = (ky >= 0) & (ky <= 2 * m)
        for q in range(f):
            kx = f * t + first - q + m
            okx = (kx >= 0) & (kx <= 2 * m)
            for phases, kern in phased:
                g = np.zeros((span, span), dtype=np.float32)
                g[np.ix_(oky, okx)] = kern[np.ix_(ky[oky], kx[okx])]
                term = sp_fft.rfft2(phases[:, p, :, q], shape, workers=-1)
                term *= sp_fft.rfft2(g, shape, workers=-1)
                spec = term if spec is None else spec + term
    full = sp_fft.irfft2(spec, shape, workers=-1)
    return full[-t0 : -t0 + ny, -t0 : -t0 + nx]


def _kernel_second_derivatives(
    dx: np.ndarray, dy: np.ndarray, bandwidth_m: float, kernel: str
) -> tuple[np.ndarray, np.ndarray]:
    """∂²K/∂x² and ∂²K/∂y² (per m⁴) of the smooth kernels at offsets (dx, dy)."""
    h2 = bandwidth_m * bandwidth_m
    r2 = (dx * dx + dy * dy) / h2
    if kernel == "quartic":
        c = 3.0 / (math.pi * h2)
        inside = r2 < 1.0
        common = -4.0 * c / h2 * (1.0 - r2)
        kxx = np.where(inside, common + 8.0 * c * dx * dx / (h2 * h2), 0.0)
        kyy = np.where(inside, common + 8.0 * c * dy * dy / (h2 * h2), 0.0)
        return kxx, kyy
    if kernel == "gaussian":
        k = kernel_values(np.sqrt(r2 * h2), bandwidth_m, kernel)
        return k * (dx * dx / (h2 * h2) - 1.0 / h2), k * (
            dy * dy / (h2 * h2) - 1.0 / h2
        )
    raise ValueError(f"no curvature correction for the {kernel} kernel")


def _refinement(
    cell_m: float, bandwidth_m: float, kernel: str, nx: int, ny: int, pad: float
) -> int:
    """Odd refinement factor f: fine spacing cell/f at most bandwidth/BIN_RESOLUTION."""
    res = {"uniform": 3.0 * BIN_RESOLUTION}.get(
        kernel,
        CORRECTED_RESOLUTION if kernel in CURVATURE_CORRECTED else BIN_RESOLUTION,
    )
    f = max(1, math.ceil(cell_m * res / bandwidth_m))
    if f % 2 == 0:
        f += 1
    f = min(f, MAX_REFINE)
    while f > 1:
        delta = cell_m / f
        pad_n = math.ceil(pad / delta) + 2
        if (nx * f + 2 * pad_n) * (ny * f + 2 * pad_n) <= MAX_FINE_NODES:
            break
        f -= 2
    return f


@dataclass(frozen=True)
class FineLattice:
    """The lattice events are linearly binned on: ``f`` nodes a cell side, padded by the reach.

    Node ``(k, j)`` sits at ``(fx0 + j * delta, fy0 + k * delta)``; arrays are flat, ``k * nfx + j``.
    """

    f: int
    delta: float
    pad: int
    nfx: int
    nfy: int
    fx0: float
    fy0: float

    @property
    def size(self) -> int:
        return self.nfx * self.nfy


def fine_lattice(grid: Grid, bandwidth_m: float, kernel: str) -> FineLattice:
    """The binning lattice for ``grid`` (refined so the bandwidth spans enough nodes)."""
    reach = kernel_reach(bandwidth_m, kernel)
    f = _refinement(grid.cell_m, bandwidth_m, kernel, grid.nx, grid.ny, reach)
    delta = grid.cell_m / f
    pad = math.ceil(reach / delta) + 2
    nfx = grid.nx * f + 2 * pad
    nfy = grid.ny * f + 2 * pad
    if nfx * nfy > MAX_FINE_NODES:
        raise ValueError(
            f"the binned lattice would have {nfx * nfy:,} nodes; use a larger cell, "
            "a smaller extent or a smaller bandwidth"
        )
    fx0 = grid.x0 - pad * delta + 0.5 * delta
    fy0 = grid.y0 - pad * delta + 0.5 * delta
    return FineLattice(f, delta, pad, nfx, nfy, fx0, fy0)


def binning_terms(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, lat: FineLattice, kernel: str
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Node ids and the values linear binning adds there (the weight, then the curvature terms).

    ``np.bincount(ids, v, minlength=lat.size)`` of each value array is one binned array; the
    sum of such arrays over any split of the events is the binning of all of them.
    """
    u = (x - lat.fx0) / lat.delta
    v = (y - lat.fy0) / lat.delta
    j0 = np.floor(u)
    k0 = np.floor(v)
    inside = (j0 >= 0) & (j0 < lat.nfx - 1) & (k0 >= 0) & (k0 < lat.nfy - 1)
    # events beyond the padded lattice are farther than the reach from every
    # output centre and contribute nothing
    j0 = j0[inside].astype(np.int64)
    k0 = k0[inside].astype(np.int64)
    fu = u[inside] - j0
    fv = v[inside] - k0
    wi = w[inside]
    base = k0 * lat.nfx + j0
    gu, gv = 1.0 - fu, 1.0 - fv
    ids = np.concatenate([base, base + 1, base + lat.nfx, base + lat.nfx + 1])
    share = np.concatenate([gu * gv, fu * gv, gu * fv, fu * fv])
    values = [wi]
    if kernel in CURVATURE_CORRECTED:
        d2 = lat.delta * lat.delta
        values += [wi * 0.5 * fu * gu * d2, wi * 0.5 * fv * gv * d2]
    return ids, [np.tile(val, 4) * share for val in values]


def convolve_binned(
    binned: list[np.ndarray],
    lat: FineLattice,
    grid: Grid,
    bandwidth_m: float,
    kernel: str,
) -> np.ndarray:
    """Density (per km²) at the cell centres from the binned arrays, by FFT convolution."""
    reach = kernel_reach(bandwidth_m, kernel)
    m = math.ceil(reach / lat.delta)
    off = np.arange(-m, m + 1) * lat.delta
    dx, dy = np.meshgrid(off, off)
    kern = kernel_values(np.hypot(dx, dy), bandwidth_m, kernel)
    # the sampled kernel keeps unit mass, so the surface keeps the events' weight
    mass = kern.sum() * lat.delta * lat.delta
    # (the cut gaussian's true mass is 1 - exp(-reach²/2), not 1)
    target = 1.0 - math.exp(-0.5 * GAUSSIAN_REACH**2) if kernel == "gaussian" else 1.0
    scale = target / mass if mass > 0 else 1.0
    shape = (lat.nfy, lat.nfx)
    pairs = [(binned[0].reshape(shape), kern * scale)]
    if kernel in CURVATURE_CORRECTED:
        # Linear binning evaluates each event's kernel by bilinear interpolation,
        # which overstates it by ½ t(1 − t) δ² ∂²K along each axis (t = the event's
        # fractional offset between nodes); subtract that, binned the same way.
        kxx, kyy = _kernel_second_derivatives(dx, dy, bandwidth_m, kernel)
        pairs += [(binned[1].reshape(shape), -kxx * scale)]
        pairs += [(binned[2].reshape(shape), -kyy * scale)]
    first = lat.pad + (lat.f - 1) // 2
    out = _convolve_at_centres(pairs, lat.f, first, grid.ny, grid.nx)
    # FFT round-off can leave tiny negatives where the density is zero
    return np.where(out > 0, out.astype(float), 0.0) * M2_PER_KM2


def _binned_fft(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    grid: Grid,
    bandwidth_m: float,
    kernel: str,
    progress: Progress | None,
) -> tuple[np.ndarray, int]:
    lat = fine_lattice(grid, bandwidth_m, kernel)
    check(progress, 0.1, "binning events")
    ids, values = binning_terms(x, y, w, lat, kernel)
    binned = [np.bincount(ids, weights=v, minlength=lat.size) for v in values]
    check(progress, 0.4, "convolving")
    out = convolve_binned(binned, lat, grid, bandwidth_m, kernel)
    check(progress, 0.9, "finishing")
    return out, lat.f


def _checked(
    kernel: str, method: str, bandwidth_m: float, cell_m: float
) -> tuple[float, float]:
    """Refuse unknown kernels and methods and non-positive sizes; (h, cell) as floats."""
    if kernel not in KERNELS:
        raise ValueError(
            f"unknown kernel {kernel!r}; choose one of {', '.join(KERNELS)}"
        )
    if method not in METHODS:
        raise ValueError(
            f"unknown method {method!r}; choose one of {', '.join(METHODS)}"
        )
    bandwidth_m = float(bandwidth_m)
    cell_m = float(cell_m)
    if not (bandwidth_m > 0 and math.isfinite(bandwidth_m)):
        raise ValueError(
            f"bandwidth must be a positive number of metres, got {bandwidth_m!r}"
        )
    if not (cell_m > 0 and math.isfinite(cell_m)):
        raise ValueError(
            f"cell size must be a positive number of metres, got {cell_m!r}"
        )
    return bandwidth_m, cell_m


def _choose_method(method: str, n: int, reach: float, cell_m: float) -> str:
    """``"auto"``: exact when events × cells in reach is small, else binned FFT."""
    if method != "auto":
        return method
    pairs = n * max(1.0, math.pi * reach * reach / (cell_m * cell_m))
    return "exact" if pairs <= AUTO_EXACT_PAIRS else "binned_fft"


@dataclass(frozen=True)
class EventStats:
    """What the summary of a surface needs from its events: sums, so partitions add up."""

    n: int
    total: float
    mass_in: float
    outside: int
    dropped: int

    def __add__(self, other: EventStats) -> EventStats:
        return EventStats(
            self.n + other.n,
            self.total + other.total,
            self.mass_in + other.mass_in,
            self.outside + other.outside,
            self.dropped + other.dropped,
        )


def event_stats(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    grid: Grid,
    bandwidth_m: float,
    kernel: str,
    dropped: int = 0,
) -> EventStats:
    """Count, weight, kernel mass inside the grid and events outside it (clean points)."""
    share_in = kernel_mass_inside(x, y, grid.bounds, bandwidth_m, kernel)
    gx0, gy0, gx1, gy1 = grid.bounds
    outside = int(((x < gx0) | (x > gx1) | (y < gy0) | (y > gy1)).sum())
    mass_in = float((w * share_in).sum())
    return EventStats(len(x), float(w.sum()), mass_in, outside, dropped)


def _mass_accounting(
    stats: EventStats, dens: np.ndarray, grid: Grid, kernel: str
) -> tuple[float, float, float]:
    """(total weight, true edge loss, sampling error) of a surface."""
    total = stats.total
    captured = float(dens.sum()) * grid.cell_area_km2
    edge_loss = 1.0 - stats.mass_in / total if total > 0 else 0.0
    expected = stats.mass_in * kernel_total_mass(kernel)
    sampling_error = captured / expected - 1.0 if expected > 0 else 0.0
    return total, edge_loss, sampling_error


def _surface_warnings(
    stats: EventStats,
    grid: Grid,
    bandwidth_m: float,
    kernel: str,
    edge_loss: float,
    sampling_error: float,
) -> list[str]:
    cell_m = grid.cell_m
    reach = kernel_reach(bandwidth_m, kernel)
    outside, dropped = stats.outside, stats.dropped
    warnings: list[str] = []
    if bandwidth_m < cell_m:
        warnings.append(
            f"The bandwidth ({bandwidth_m:g} m) is smaller than the cell "
            f"({cell_m:g} m): the surface is sampled too coarsely and peaks between "
            "cell centres can be missed. Use a cell of at most half the bandwidth."
        )
    if stats.n < 30:
        warnings.append(
            f"Only {stats.n} event(s): the surface mostly shows where individual "
            "events were, not a stable pattern."
        )
    if dropped:
        warnings.append(f"{dropped} event(s) without finite coordinates were ignored.")
    if outside:
        warnings.append(
            f"{outside} event(s) lie outside the grid extent; those within "
            f"{reach:g} m of it still add density near the edge."
        )
    if edge_loss > 0.05:
        warnings.append(
            f"{edge_loss:.1%} of the kernel mass falls outside the grid (edge loss): "
            "densities near the edge are underestimated."
        )
    if abs(sampling_error) > 0.02:
        warnings.append(
            f"Under-sampling: the surface, read at cell centres, sums to "
            f"{abs(sampling_error):.1%} {'more' if sampling_error > 0 else 'less'} "
            "than the kernel mass inside the grid, because the cells are coarse "
            f"against the {bandwidth_m:g} m bandwidth; this is not edge loss. Use a "
            "cell of at most half the bandwidth."
        )
    return warnings


def _how_text(
    chosen: str,
    kernel: str,
    bandwidth_m: float,
    cell_m: float,
    refine: int,
    warnings: list[str],
) -> str:
    """How the surface was evaluated (and a warning when the lattice was coarsened)."""
    if chosen == "exact":
        return (
            "Each cell value is the exact sum of the kernel over every event within "
            "reach of the cell centre."
        )
    how = (
        f"Events were spread over a fine lattice of {cell_m / refine:g} m nodes by "
        "linear binning (each event's weight shared among its four nearest nodes) "
        "and convolved with the kernel by FFT; the result is read at the cell "
        "centres and agrees with exact evaluation to well within 1 % at the peak."
    )
    spacing = bandwidth_m / (cell_m / refine)
    needed = CORRECTED_RESOLUTION if kernel in CURVATURE_CORRECTED else BIN_RESOLUTION
    if kernel != "uniform" and spacing < needed - 1e-9:
        warnings.append(
            f"To fit in memory the binning lattice is {cell_m / refine:g} m, only "
            f"1/{spacing:.1f} of the bandwidth: cells can differ from exact "
            "evaluation by 1-2 % of the peak. Use a smaller extent or a larger "
            "cell for full accuracy."
        )
    if kernel == "uniform":
        how += (
            " The uniform kernel's hard edge falls between lattice nodes, so "
            "single cells can differ from exact evaluation by a few per cent."
        )
    return how


def _kernel_text(kernel: str, h: float) -> str:
    reach = kernel_reach(h, kernel)
    return {
        "quartic": f"quartic (biweight) kernel, K(d) = 3/(πh²)(1 − d²/h²)² within "
        f"h = {h:g} m",
        "triangular": f"triangular kernel, K(d) = 3/(πh²)(1 − d/h) within h = {h:g} m",
        "uniform": f"uniform disc kernel of radius {h:g} m",
        "gaussian": f"Gaussian kernel with standard deviation {h:g} m, cut at "
        f"{reach:g} m",
    }[kernel]


def kde_surface(
    x: np.ndarray,
    y: np.ndarray,
    *,
    bandwidth_m: float = 400.0,
    cell_m: float = 50.0,
    extent: tuple[float, float, float, float] | Grid | None = None,
    weights: np.ndarray | None = None,
    kernel: str = "quartic",
    method: str = "auto",
    crs: str = "EPSG:27700",
    mask: np.ndarray | None = None,
    progress: Progress | None = None,
) -> KdeResult:
    """Kernel density of events at the centres of a square lattice.

    Parameters
    ----------
    x, y
        Event coordinates in the working CRS (metres). Non-finite ones are ignored
        (and counted in the warnings).
    bandwidth_m
        Kernel bandwidth (search radius for the compact kernels, standard
        deviation for ``"gaussian"``), metres.
    cell_m
        Cell size, metres.
    extent
        ``(xmin, ymin, xmax, ymax)``: the grid starts exactly at ``(xmin, ymin)``.
        A :class:`Grid` is used as it is. By default the events' bounds grown by
        the kernel reach, with the origin on a multiple of ``cell_m``.
    weights
        Optional non-negative weight per event (e.g. harm days); the surface is
        then weight per km².
    kernel
        ``"quartic"`` (default), ``"gaussian"``, ``"triangular"`` or ``"uniform"``.
    method
        ``"binned_fft"``, ``"exact"`` or ``"auto"`` (exact when cheap).
    crs
        The working CRS, recorded on the grid.
    mask
        Optional bool (ny, nx) study-area mask carried on the result for export.
    progress
        Optional progress; raises :class:`~layers.progress.Cancelled` when asked.

    Returns
    -------
    KdeResult
        ``density`` (ny, nx) float32 in events per km² at cell centres, the grid,
        parameters, method note and warnings. ``density.sum() * cell_area_km2``
        equals the total weight less the edge loss.
    """
    bandwidth_m, cell_m = _checked(kernel, method, bandwidth_m, cell_m)
    check(progress, 0.0, "preparing")
    x, y, w, dropped = _clean_points(x, y, weights)
    reach = kernel_reach(bandwidth_m, kernel)
    grid = _grid_for(x, y, extent, cell_m, reach, crs)
    cell_m = grid.cell_m
    if mask is not None and np.shape(mask) != grid.shape:
        raise ValueError(f"mask shape {np.shape(mask)} is not the grid's {grid.shape}")

    chosen = _choose_method(method, len(x), reach, cell_m)
    refine = 1
    if chosen == "exact":
        dens = _exact(x, y, w, grid, bandwidth_m, kernel, progress)
    else:
        dens, refine = _binned_fft(x, y, w, grid, bandwidth_m, kernel, progress)
    check(progress, 0.97, "summarising")

    stats = event_stats(x, y, w, grid, bandwidth_m, kernel, dropped)
    return kde_result(
        grid,
        dens,
        stats,
        bandwidth_m=bandwidth_m,
        kernel=kernel,
        method=chosen,
        method_requested=method,
        refine=refine,
        extent_given=extent is not None,
        weighted=weights is not None,
        mask=mask,
    )


def kde_result(
    grid: Grid,
    dens: np.ndarray,
    stats: EventStats,
    *,
    bandwidth_m: float,
    kernel: str,
    method: str,
    method_requested: str,
    refine: int,
    extent_given: bool,
    weighted: bool,
    mask: np.ndarray | None = None,
) -> KdeResult:
    """The result of a surface: edge loss, sampling error, warnings and the method note."""
    cell_m, chosen = grid.cell_m, method
    total, edge_loss, sampling_error = _mass_accounting(stats, dens, grid, kernel)
    warnings = _surface_warnings(
        stats, grid, bandwidth_m, kernel, edge_loss, sampling_error
    )
    unit = "events per km²" if not weighted else "weight per km² (weighted events)"
    how = _how_text(chosen, kernel, bandwidth_m, cell_m, refine, warnings)
    note = (
        f"Kernel density estimate of {stats.n:,} event(s) "
        f"(total weight {total:,.6g}) with a {_kernel_text(kernel, bandwidth_m)}, on "
        f"a {grid.nx} × {grid.ny} grid of {cell_m:g} m cells from ({grid.x0:.1f}, "
        f"{grid.y0:.1f}) in {grid.crs}. Values are {unit} at cell centres. "
        f"{edge_loss:.2%} of the events' kernel mass lies outside the grid (edge "
        "loss, by exact integration of each event's kernel); the surface summed "
        f"over cells {'matches' if abs(sampling_error) < 5e-4 else 'differs from'} "
        f"the mass inside ({sampling_error:+.2%} sampling error). {how} The choice "
        "of bandwidth shapes the picture more than anything else: a larger "
        "bandwidth smooths hot spots together, a smaller one fragments them. "
        "Densities show where events were recorded (police.uk points are snapped "
        "to anonymised map points), not risk per resident or per visitor."
    )
    params = {
        "bandwidth_m": bandwidth_m,
        "cell_m": cell_m,
        "kernel": kernel,
        "method": chosen,
        "method_requested": method_requested,
        "refine": refine,
        "extent": list(grid.bounds),
        "extent_given": extent_given,
        "weighted": weighted,
        "grid": grid.to_dict(),
    }
    return KdeResult(
        params=params,
        method_note=note,
        warnings=tuple(warnings),
        grid=grid,
        mask=None if mask is None else np.asarray(mask, dtype=bool),
        density=dens.astype(np.float32),
        kernel=kernel,
        bandwidth_m=bandwidth_m,
        method=chosen,
        n_events=stats.n,
        total_weight=total,
        edge_loss=edge_loss,
        sampling_error=sampling_error,
        units=unit,
    )
