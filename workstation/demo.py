"""The demo project: the synthetic force area, read through the real readers.

:func:`load_demo_project` writes the synthetic data set (:mod:`layers.synthetic`)
as files, or reuses a cached copy made with the same seed and generator version,
then reads every file with :func:`layers.readers.read` exactly as a user's own data
would be read, joins census population and IMD deciles to the LSOAs with
:mod:`layers.joins`, and sets default styles and the project metadata.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from layers import readers
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Progress, SubProgress, check
from layers.project import Project, ProjectMetadata
from layers.synthetic import (
    FORCE_SLUG,
    GENERATOR_VERSION,
    write_demo_data,
)
from layers.validation import DataError

DEMO_TITLE = "Demo force area (synthetic data)"
#: who the demo project says made it (not the login of whoever generated it)
DEMO_AUTHOR = "Analyst Workstation demo"
DEFAULT_END_MONTH = "2026-09"

#: Mapping for the force burglary extract (its columns are not CAD names).
BURGLARY_MAPPING = {
    "occurred_at": "Committed Date Time",
    "category": "Crime Type",
    "call_id": "Crime ID",
    "easting": "Easting",
    "northing": "Northing",
    "source_crs": "EPSG:27700",
    "date_order": "dmy",
}


def _month_words(month: str) -> str:
    """``"2026-09"`` -> "September 2026" (as is when it is not a year-month)."""
    import pandas as pd

    try:
        return f"{pd.Timestamp(month + '-01'):%B %Y}"
    except ValueError:
        return month


def demo_cache_dir() -> Path:
    """Where cached demo data live: the user's cache folder, else a temp folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "analyst-workstation" / "demo"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok", encoding="ascii")
        probe.unlink()
    except OSError:
        folder = Path(tempfile.gettempdir()) / "analyst-workstation-demo"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def _matching_manifest(
    folder: Path, seed: int, end_month: str, scale: float
) -> dict[str, Any] | None:
    """The folder's manifest if it was made with these parameters and is complete."""
    path = folder / "manifest.json"
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = (
        manifest.get("generator_version") == GENERATOR_VERSION
        and manifest.get("seed") == seed
        and manifest.get("end_month") == end_month
        and float(manifest.get("scale", -1)) == float(scale)
    )
    if not same:
        return None
    if not all((folder / f["path"]).is_file() for f in manifest.get("files", [])):
        return None
    return manifest


def ensure_demo_data(
    out_dir: str | os.PathLike[str] | None = None,
    *,
    seed: int = 7,
    end_month: str = DEFAULT_END_MONTH,
    scale: float = 1.0,
    progress: Progress | None = None,
) -> tuple[Path, dict[str, Any]]:
    """The demo data folder and its manifest, writing the files only when needed.

    With ``out_dir`` None the data go to a per-seed folder in :func:`demo_cache_dir`.
    A new data set is written to a temporary sibling folder and renamed into place,
    so an interrupted write never leaves a half-made cache that looks complete.
    """
    if out_dir is None:
        tag = f"seed{seed}-{end_month}-x{scale:g}-v{GENERATOR_VERSION}"
        folder = demo_cache_dir() / tag
    else:
        folder = Path(out_dir)
    manifest = _matching_manifest(folder, seed, end_month, scale)
    if manifest is not None:
        check(progress, 1.0, "reusing demo data")
        return folder, manifest
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists() and any(folder.iterdir()) and out_dir is not None:
        # A user's folder: write into it (files of the same names are replaced).
        manifest = write_demo_data(
            folder, seed=seed, end_month=end_month, scale=scale, progress=progress
        )
        return folder, manifest
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        manifest = write_demo_data(
            tmp, seed=seed, end_month=end_month, scale=scale, progress=progress
        )
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return folder, manifest


def _file(manifest: dict[str, Any], fmt: str, name: str | None = None) -> str:
    for f in manifest["files"]:
        if f["format"] == fmt and (name is None or f["path"].endswith(name)):
            return f["path"]
    raise DataError(f"the demo manifest lists no {fmt} file {name or ''}".strip())


def _as_crime(layer: Layer, name: str) -> Layer:
    """A DEMAND layer read from a force crime extract, relabelled as CRIME."""
    frame = layer.frame.rename(columns={"call_id": "crime_id"})
    keep = [c for c in frame.columns if c not in ("grade", "source_priority")]
    prov = dict(layer.provenance)
    prov["read_as"] = (
        "calls reader (timestamped point table) with an explicit mapping; "
        "relabelled CRIME: a force crime extract with exact times"
    )
    return Layer(
        name=name,
        kind=LayerKind.CRIME,
        frame=frame[keep],
        time_precision=layer.time_precision,
        provenance=prov,
        report=layer.report,
    )


def load_demo_project(
    out_dir: str | os.PathLike[str] | None = None,
    seed: int = 7,
    progress: Progress | None = None,
    *,
    end_month: str = DEFAULT_END_MONTH,
    scale: float = 1.0,
) -> Project:
    """A project on the synthetic demo force area, read through the real readers.

    Parameters
    ----------
    out_dir
        Folder for the data files; None uses a cache folder (reused when the same
        seed, end month, scale and generator version are already there).
    seed
        Seed of the synthetic data.
    progress
        Optional progress; cancelling raises ``layers.progress.Cancelled``.
    end_month, scale
        Passed to :func:`layers.synthetic.write_demo_data`.

    Returns
    -------
    Project
        Layers (bottom to top): force area, districts, wards, LSOAs (population and
        IMD joined; choropleth of crime per 1,000 residents), street crime, the
        burglary extract (hidden), calls for service (hidden) and community assets.
        ``project.metadata.notes`` says the data are made up and where the
        manifest of the built-in patterns is.
    """
    from layers import joins
    from workstation.styling import CRIME_TYPE_COLOURS

    folder, manifest = ensure_demo_data(
        out_dir,
        seed=seed,
        end_month=end_month,
        scale=scale,
        progress=SubProgress(progress, 0.0, 0.4),
    )
    steps = 9
    done = 0

    def sub() -> SubProgress:
        nonlocal done
        p = SubProgress(
            progress, 0.4 + 0.6 * done / steps, 0.4 + 0.6 * (done + 1) / steps
        )
        done += 1
        return p

    def path(rel: str) -> Path:
        return folder / rel

    b = "boundaries/"
    force = readers.read(
        path(_file(manifest, "geojson", "force_area.geojson")),
        kind=LayerKind.BOUNDARY,
        name="Force area",
        progress=sub(),
    )
    districts = readers.read(
        path(_file(manifest, "gpkg", "districts.gpkg")),
        kind=LayerKind.BOUNDARY,
        name="Districts",
        progress=sub(),
    )
    wards = readers.read(
        path(_file(manifest, "geojson", "wards.geojson")),
        kind=LayerKind.BOUNDARY,
        name="Wards",
        progress=sub(),
    )
    lsoa = readers.read(
        path(_file(manifest, "gpkg", "lsoa.gpkg")),
        kind=LayerKind.BOUNDARY,
        name="LSOAs",
        progress=sub(),
    )
    lsoa, pop_report = joins.join_census_population(lsoa, path(b + "population.csv"))
    lsoa, imd_report = joins.join_imd(lsoa, path(b + "imd.csv"))
    lsoa.name = "LSOAs"
    street_files = [
        path(f["path"]) for f in manifest["files"] if f["format"] == "police_uk_street"
    ]
    crime = readers.read(
        street_files,
        reader="police_uk",
        name="Street crime (data.police.uk layout)",
        progress=sub(),
    )
    burglary = readers.read(
        path(_file(manifest, "force_extract")),
        reader="calls",
        mapping=dict(BURGLARY_MAPPING),
        name="Burglary extract (exact times)",
        progress=sub(),
    )
    burglary = _as_crime(burglary, "Burglary extract (exact times)")
    calls = readers.read(
        path(_file(manifest, "command_and_control")),
        reader="calls",
        name="Calls for service",
        progress=sub(),
    )
    assets = readers.read(
        path(_file(manifest, "assets_csv")),
        kind=LayerKind.ASSET,
        name="Community assets",
        progress=sub(),
    )

    project = Project(
        ProjectMetadata(
            title=DEMO_TITLE,
            author=DEMO_AUTHOR,
            marking="OFFICIAL",
            notes=(
                "A made-up force area for trying the workstation: every place, "
                "code, crime, call and person in it is invented (synthetic data, "
                f"seed {manifest['seed']}, {_month_words(manifest['start_month'])} "
                f"to {_month_words(manifest['end_month'])}). It has patterns worth "
                "finding: lasting and emerging hot spots, an area getting quieter, "
                "near-repeat burglary, a rising call type, repeat callers and a "
                "night-time economy; what was built in, and where, is listed in "
                f"{folder / 'manifest.json'}."
            ),
        )
    )
    for layer in (force, districts, wards, lsoa, crime, burglary, calls, assets):
        layer.provenance["synthetic"] = True
        layer.provenance["synthetic_data"] = {
            "generator": "layers.synthetic",
            "generator_version": manifest["generator_version"],
            "seed": manifest["seed"],
            "manifest": str(folder / "manifest.json"),
        }
        project.add_layer(layer)
    project.set_style(force.id, outline="#000000", outline_width=2.0, fill_opacity=0.0)
    project.set_style(districts.id, outline="#333333", outline_width=1.5)
    project.set_style(wards.id, outline="#777777", outline_width=0.8)
    project.set_style(
        lsoa.id,
        mode="choropleth",
        fill_opacity=0.55,
        outline="#bbbbbb",
        outline_width=0.3,
        choropleth={
            "source": "rate",
            "layer_id": crime.id,
            "scheme": "quantiles",
            "k": 5,
            "ramp": "YlOrRd",
        },
    )
    project.set_style(
        crime.id,
        mode="category",
        category_column="category",
        category_colors=dict(CRIME_TYPE_COLOURS),
    )
    project.set_style(burglary.id, mode="single", color=CRIME_TYPE_COLOURS["Burglary"])
    project.set_visible(districts.id, False)
    project.set_visible(burglary.id, False)
    project.set_visible(calls.id, False)
    bounds = force.bounds()
    if bounds is not None:
        project.metadata.extent = bounds
    project.record(
        "load_demo_project",
        {
            "folder": str(folder),
            "seed": manifest["seed"],
            "end_month": manifest["end_month"],
            "scale": manifest["scale"],
            "generator_version": manifest["generator_version"],
            "force": FORCE_SLUG,
            "population_join": _report_dict(pop_report),
            "imd_join": _report_dict(imd_report),
            "layers": {
                lyr.id: {
                    "name": lyr.name,
                    "rows_loaded": len(lyr),
                    "rows_rejected": lyr.report.rows_rejected if lyr.report else 0,
                }
                for lyr in project.layers
            },
        },
    )
    project.mark_dirty(False)
    check(progress, 1.0, "demo project ready")
    return project


def _report_dict(report: Any) -> dict[str, Any]:
    to_dict = getattr(report, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    return {"summary": str(report)}
