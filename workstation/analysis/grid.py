"""Square lattices in the working CRS, and counts of events per cell or per polygon."""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely


@dataclass(frozen=True)
class Grid:
    """A north-up lattice of ``ny`` rows by ``nx`` columns of ``cell_m`` squares.

    ``(x0, y0)`` is the lower-left corner of cell (row 0, col 0); rows count
    northwards. Arrays over the grid are shaped ``(ny, nx)``; a flat cell id is
    ``row * nx + col``.
    """

    x0: float
    y0: float
    cell_m: float
    nx: int
    ny: int
    crs: str = "EPSG:27700"

    def __post_init__(self) -> None:
        if not (self.cell_m > 0 and math.isfinite(self.cell_m)):
            raise ValueError(f"cell size must be positive metres, got {self.cell_m!r}")
        if self.nx < 1 or self.ny < 1:
            raise ValueError(
                f"grid must have at least one cell, got {self.nx}x{self.ny}"
            )

    @classmethod
    def covering(
        cls,
        bounds: tuple[float, float, float, float],
        cell_m: float,
        *,
        crs: str = "EPSG:27700",
        align: bool = True,
        max_cells: int = 50_000_000,
    ) -> Grid:
        """The smallest grid covering ``bounds``; origin on a multiple of the cell if ``align``.

        An extent whose sides are whole multiples of the cell gives exactly
        ``(xmax - xmin) / cell_m`` columns and ``(ymax - ymin) / cell_m`` rows: the
        extent *is* the grid. Cells are half-open except the last column and row,
        which also hold points on the far edge (see :meth:`cell_of`), so an event
        on the far edge of a data-derived extent still gets a cell.
        """
        xmin, ymin, xmax, ymax = (float(v) for v in bounds)
        if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)):
            raise ValueError("extent is not finite")
        if xmax < xmin or ymax < ymin:
            raise ValueError(f"empty extent {bounds!r}")
        if align:
            x0 = math.floor(xmin / cell_m) * cell_m
            y0 = math.floor(ymin / cell_m) * cell_m
        else:
            x0, y0 = xmin, ymin
        nx = max(1, _cells_to_cover(xmax - x0, cell_m))
        ny = max(1, _cells_to_cover(ymax - y0, cell_m))
        if nx * ny > max_cells:
            raise ValueError(
                f"a {cell_m:g} m grid over this extent has {nx * ny:,} cells "
                f"(limit {max_cells:,}); use a larger cell or a smaller extent"
            )
        return cls(x0, y0, float(cell_m), int(nx), int(ny), crs)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.ny, self.nx)

    @property
    def size(self) -> int:
        return self.nx * self.ny

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (
            self.x0,
            self.y0,
            self.x0 + self.nx * self.cell_m,
            self.y0 + self.ny * self.cell_m,
        )

    @property
    def cell_area_km2(self) -> float:
        return (self.cell_m / 1000.0) ** 2

    def cell_of(
        self, x: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, col, inside) for each point; row/col are clipped where not inside.

        Cells are half-open ``[x0 + j c, x0 + (j + 1) c)`` except the last column
        and row, which include the grid's far edge.
        """
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        col = np.floor((x - self.x0) / self.cell_m)
        row = np.floor((y - self.y0) / self.cell_m)
        # the last column and row are closed: a point on the far edge is inside
        x1, y1 = self.bounds[2], self.bounds[3]
        col = np.where((col >= self.nx) & (x <= x1), self.nx - 1, col)
        row = np.where((row >= self.ny) & (y <= y1), self.ny - 1, row)
        inside = (
            np.isfinite(col)
            & np.isfinite(row)
            & (col >= 0)
            & (col < self.nx)
            & (row >= 0)
            & (row < self.ny)
        )
        col = np.where(inside, col, 0).astype(np.int64)
        row = np.where(inside, row, 0).astype(np.int64)
        return row, col, inside

    def flat_index(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Flat cell id of each point, -1 outside the grid."""
        row, col, inside = self.cell_of(x, y)
        return np.where(inside, row * self.nx + col, -1)

    def counts(
        self, x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
    ) -> np.ndarray:
        """(ny, nx) float64 counts (or sums of weights) of points per cell."""
        idx = self.flat_index(x, y)
        ok = idx >= 0
        w = None if weights is None else np.asarray(weights, dtype=float)[ok]
        out = np.bincount(idx[ok], weights=w, minlength=self.size).astype(float)
        return out.reshape(self.shape)

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """(ny, nx) arrays of cell-centre x and y."""
        xs = self.x0 + (np.arange(self.nx) + 0.5) * self.cell_m
        ys = self.y0 + (np.arange(self.ny) + 0.5) * self.cell_m
        return np.meshgrid(xs, ys)

    def polygons(self, flat_ids: np.ndarray | None = None) -> np.ndarray:
        """Shapely boxes for the given flat cell ids (all cells by default)."""
        ids = (
            np.arange(self.size)
            if flat_ids is None
            else np.asarray(flat_ids, dtype=np.int64)
        )
        row, col = np.divmod(ids, self.nx)
        xmin = self.x0 + col * self.cell_m
        ymin = self.y0 + row * self.cell_m
        return shapely.box(xmin, ymin, xmin + self.cell_m, ymin + self.cell_m)

    def to_geodataframe(
        self,
        columns: dict[str, np.ndarray] | None = None,
        flat_ids: np.ndarray | None = None,
    ) -> gpd.GeoDataFrame:
        """Cells as polygons with ``cell_id``, ``row``, ``col`` and per-cell columns.

        ``columns`` values are (ny, nx) arrays or flat arrays over ``flat_ids``.
        """
        ids = (
            np.arange(self.size)
            if flat_ids is None
            else np.asarray(flat_ids, dtype=np.int64)
        )
        row, col = np.divmod(ids, self.nx)
        data: dict[str, np.ndarray] = {"cell_id": ids, "row": row, "col": col}
        for name, arr in (columns or {}).items():
            a = np.asarray(arr)
            data[name] = (
                a.reshape(-1)[ids] if a.size == self.size and a.ndim == 2 else a
            )
        return gpd.GeoDataFrame(data, geometry=self.polygons(ids), crs=self.crs)

    def transform(self):
        """The rasterio/affine north-up transform (top-left origin)."""
        from affine import Affine

        return Affine(
            self.cell_m,
            0.0,
            self.x0,
            0.0,
            -self.cell_m,
            self.y0 + self.ny * self.cell_m,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "x0": self.x0,
            "y0": self.y0,
            "cell_m": self.cell_m,
            "nx": self.nx,
            "ny": self.ny,
            "crs": self.crs,
        }


def _cells_to_cover(length: float, cell_m: float) -> int:
    """Whole cells needed to span ``length`` metres (a multiple of the cell is exact)."""
    n = length / cell_m
    nearest = round(n)
    if abs(n - nearest) <= 1e-9 * max(1.0, abs(n)):
        return int(nearest)
    return math.ceil(n)


def counts_per_polygon(
    x: np.ndarray,
    y: np.ndarray,
    polygons: gpd.GeoSeries | np.ndarray,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Number (or weighted sum) of points inside each polygon (STRtree; a point on a
    shared edge counts once, in the first polygon that contains or touches it).
    """
    geoms = np.asarray(polygons.values if hasattr(polygons, "values") else polygons)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    pts = shapely.points(x[ok], y[ok])
    tree = shapely.STRtree(geoms)
    pi, gi = tree.query(pts, predicate="intersects")
    # one polygon per point: the first hit
    first = np.full(len(pts), -1, dtype=np.int64)
    order = np.lexsort((gi, pi))
    pi, gi = pi[order], gi[order]
    keep = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, bool)
    first[pi[keep]] = gi[keep]
    hit = first >= 0
    w = None
    if weights is not None:
        w = np.asarray(weights, dtype=float)[ok][hit]
    return np.bincount(first[hit], weights=w, minlength=len(geoms)).astype(float)


def rate_per_1000(counts: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Counts per 1,000 residents; NaN where the population is missing or zero."""
    pop = np.asarray(population, dtype=float)
    c = np.asarray(counts, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pop > 0, c / pop * 1000.0, np.nan)
