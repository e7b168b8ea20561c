"""GeoTIFF output of grid results (rasterio).

Grids count rows northwards from the lower-left corner; a GeoTIFF is north-up
with its first row at the top, so rows are flipped on the way out (and back in
:func:`read_geotiff`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from workstation.analysis.grid import Grid
from workstation.analysis.results import GridResult

NODATA = -9999.0


def write_grid_geotiff(
    values: np.ndarray,
    grid: Grid,
    path: str | Path,
    *,
    mask: np.ndarray | None = None,
    band_name: str = "value",
    tags: dict[str, object] | None = None,
) -> Path:
    """Write one (ny, nx) array over ``grid`` as a single-band float32 GeoTIFF.

    Cells outside ``mask`` (if given) are written as nodata (-9999). Tags are
    stored as GDAL metadata (non-strings as JSON). The file is written to a
    temporary name and moved into place, so a failure leaves no half file.
    """
    import rasterio

    path = Path(path)
    arr = np.asarray(values, dtype=np.float32)
    if arr.shape != grid.shape:
        raise ValueError(f"values shape {arr.shape} is not the grid's {grid.shape}")
    nodata = None
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        if m.shape != grid.shape:
            raise ValueError(f"mask shape {m.shape} is not the grid's {grid.shape}")
        arr = np.where(m, arr, np.float32(NODATA))
        nodata = NODATA
    profile = {
        "driver": "GTiff",
        "height": grid.ny,
        "width": grid.nx,
        "count": 1,
        "dtype": "float32",
        "crs": grid.crs,
        "transform": grid.transform(),
        "nodata": nodata,
        "compress": "deflate",
        "predictor": 3,
        "tiled": grid.nx >= 256 and grid.ny >= 256,
    }
    if profile["tiled"]:
        profile.update(blockxsize=256, blockysize=256)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with rasterio.open(tmp, "w", **profile) as dst:
            dst.write(np.flipud(arr), 1)
            dst.set_band_description(1, band_name)
            if tags:
                dst.update_tags(
                    **{
                        str(k): v if isinstance(v, str) else json.dumps(v, default=str)
                        for k, v in tags.items()
                    }
                )
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_geotiff(
    result: GridResult, path: str | Path, *, column: str | None = None
) -> Path:
    """Write a grid result (e.g. a :class:`~workstation.analysis.kde.KdeResult`) as
    a single-band float32 north-up GeoTIFF in the grid's CRS.

    ``column`` picks one of ``result.cell_columns()`` (the first by default). The
    parameters, units, method note and warnings go into the file's metadata.
    """
    if result.grid is None:
        raise ValueError("result has no grid")
    columns = result.cell_columns()
    if not columns:
        raise ValueError(f"{type(result).__name__} has no per-cell values to write")
    name = column or next(iter(columns))
    if name not in columns:
        raise ValueError(f"no column {name!r}; have {', '.join(columns)}")
    tags: dict[str, object] = {
        "analysis": type(result).__name__,
        "params": result.params,
        "method_note": result.method_note,
        "warnings": list(result.warnings),
    }
    units = getattr(result, "units", None)
    if units:
        tags["units"] = units
    return write_grid_geotiff(
        columns[name],
        result.grid,
        path,
        mask=result.mask,
        band_name=name,
        tags=tags,
    )


def read_geotiff(path: str | Path) -> tuple[np.ndarray, Grid, dict[str, str]]:
    """Read a single-band GeoTIFF written here: (values (ny, nx), grid, tags).

    Rows come back south-first, as grids hold them; nodata becomes NaN.
    """
    import rasterio

    with rasterio.open(path) as src:
        t = src.transform
        if t.b != 0 or t.d != 0 or t.e >= 0 or abs(t.a + t.e) > 1e-9 * abs(t.a):
            raise ValueError(f"{path}: not a north-up raster with square cells")
        band = src.read(1).astype(float)
        if src.nodata is not None:
            band[band == src.nodata] = np.nan
        grid = Grid(
            x0=t.c,
            y0=t.f + t.e * src.height,
            cell_m=t.a,
            nx=src.width,
            ny=src.height,
            crs=src.crs.to_string() if src.crs else "EPSG:27700",
        )
        tags = dict(src.tags())
    return np.flipud(band), grid, tags
