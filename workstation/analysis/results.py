"""Shared pieces of analysis results: grid results, FDR and hot/cold classes.

Every analysis returns a frozen dataclass that carries the parameters it used, a
plain-English ``method_note`` and a tuple of ``warnings``, so a result can explain
itself in the GUI, in a GeoPackage and in a briefing. :class:`GridResult` is the
base for results over a :class:`~workstation.analysis.grid.Grid`.

The statistical helpers here (:func:`benjamini_hochberg`, :func:`two_sided_p`,
:func:`classify_hotspots`) are shared by Gi*, emerging hot spots and the horizon
scan so that every hot/cold label in the product means the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
from scipy import stats

from workstation.analysis.grid import Grid

#: Hot/cold classes, hottest first. Confidence levels are two-sided.
HOTSPOT_CLASSES: tuple[str, ...] = (
    "hot_99",
    "hot_95",
    "hot_90",
    "not_significant",
    "cold_90",
    "cold_95",
    "cold_99",
)

#: (confidence label, largest p-value for it), strictest first.
CONFIDENCE_LEVELS: tuple[tuple[str, float], ...] = (
    ("99", 0.01),
    ("95", 0.05),
    ("90", 0.10),
)

#: Display colours for the classes (ArcGIS-like diverging red/blue; hex RGB).
HOTSPOT_COLOURS: dict[str, str] = {
    "hot_99": "#b2182b",
    "hot_95": "#ef8a62",
    "hot_90": "#fddbc7",
    "not_significant": "#f0f0f0",
    "cold_90": "#d1e5f0",
    "cold_95": "#67a9cf",
    "cold_99": "#2166ac",
}


def frozen_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-friendly copy of the parameters (numpy scalars become Python ones)."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, np.generic):
            value = value.item()
        elif isinstance(value, tuple):
            value = [v.item() if isinstance(v, np.generic) else v for v in value]
        out[str(key)] = value
    return out


@dataclass(frozen=True)
class AnalysisResult:
    """What every result carries: parameters used, method note, warnings."""

    params: dict[str, Any] = field(default_factory=dict)
    method_note: str = ""
    warnings: tuple[str, ...] = ()

    def provenance(self, source_layers: list[str] | None = None) -> dict[str, Any]:
        """The provenance dict of a RESULT layer built from this result."""
        return {
            "analysis": type(self).__name__,
            "params": frozen_params(self.params),
            "source_layers": list(source_layers or []),
            "method_note": self.method_note,
            "warnings": list(self.warnings),
        }

    def full_note(self) -> str:
        """The method note followed by any warnings, ready to show or export."""
        if not self.warnings:
            return self.method_note
        lines = [self.method_note, "", "Warnings:"]
        lines += [f"- {w}" for w in self.warnings]
        return "\n".join(lines)


@dataclass(frozen=True)
class GridResult(AnalysisResult):
    """A result over a square lattice.

    ``mask`` (bool, ``grid.shape``) marks the cells inside the study area; ``None``
    means every cell is in it. Subclasses add their per-cell arrays and list them
    in :meth:`cell_columns`.
    """

    grid: Grid | None = None
    mask: np.ndarray | None = None

    def cell_columns(self) -> dict[str, np.ndarray]:
        """Per-cell (ny, nx) arrays to export, by column name."""
        return {}

    def cell_ids(self) -> np.ndarray:
        """Flat ids of the cells in the study area."""
        if self.grid is None:
            raise ValueError("result has no grid")
        if self.mask is None:
            return np.arange(self.grid.size)
        return np.flatnonzero(np.asarray(self.mask, dtype=bool).reshape(-1))

    def to_geodataframe(self, *, only: np.ndarray | None = None) -> gpd.GeoDataFrame:
        """Cells in the study area as polygons with :meth:`cell_columns`.

        ``only``: optional bool (ny, nx) array further restricting the cells.
        """
        if self.grid is None:
            raise ValueError("result has no grid")
        ids = self.cell_ids()
        if only is not None:
            keep = np.asarray(only, dtype=bool).reshape(-1)[ids]
            ids = ids[keep]
        return self.grid.to_geodataframe(self.cell_columns(), flat_ids=ids)


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value of z-scores (NaN stays NaN)."""
    z = np.asarray(z, dtype=float)
    return 2.0 * stats.norm.sf(np.abs(z))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), NaN-aware.

    NaN entries (cells outside the study area, undefined tests) are left NaN and
    do not count towards the number of tests. A test is rejected at false
    discovery rate ``alpha`` exactly when its adjusted value is ``<= alpha``.
    Uses :func:`scipy.stats.false_discovery_control`.
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if ok.any():
        out[ok] = stats.false_discovery_control(np.clip(p[ok], 0.0, 1.0), method="bh")
    return out


def classify_hotspots(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Hot/cold class per cell from z-scores and (adjusted) two-sided p-values.

    ``hot_99`` when ``z > 0`` and ``p <= 0.01``, ``hot_95`` for ``p <= 0.05``,
    ``hot_90`` for ``p <= 0.10``; the same for ``cold_*`` with ``z < 0``;
    otherwise (or where z or p is NaN) ``not_significant``. Pass FDR-adjusted
    p-values to get classes that control the false discovery rate at each level.
    Returns an object array of class names shaped like ``z``.
    """
    return np.asarray(HOTSPOT_CLASSES, dtype=object)[hotspot_codes(z, p)]


def hotspot_codes(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Index into :data:`HOTSPOT_CLASSES` per cell (int8): 0 = hot_99 ... 6 = cold_99."""
    z = np.asarray(z, dtype=float)
    p = np.asarray(p, dtype=float)
    out = np.full(z.shape, HOTSPOT_CLASSES.index("not_significant"), dtype=np.int8)
    valid = np.isfinite(z) & np.isfinite(p)
    # loosest level first so stricter levels overwrite
    for label, cut in reversed(CONFIDENCE_LEVELS):
        sig = valid & (p <= cut)
        out[sig & (z > 0)] = HOTSPOT_CLASSES.index(f"hot_{label}")
        out[sig & (z < 0)] = HOTSPOT_CLASSES.index(f"cold_{label}")
    return out


def class_counts(classes: np.ndarray) -> dict[str, int]:
    """Number of cells in each hot/cold class, in :data:`HOTSPOT_CLASSES` order."""
    arr = np.asarray(classes, dtype=object).ravel()
    lookup = {c: i for i, c in enumerate(HOTSPOT_CLASSES)}
    codes = np.fromiter(
        (lookup.get(c, -1) for c in arr), dtype=np.int64, count=arr.size
    )
    n = np.bincount(codes[codes >= 0], minlength=len(HOTSPOT_CLASSES))
    return {c: int(n[i]) for i, c in enumerate(HOTSPOT_CLASSES)}
