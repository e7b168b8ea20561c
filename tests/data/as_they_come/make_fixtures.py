"""Write the small fixtures of issue 11 point 3: files as a new user receives them.

Records are invented; places are real West Midlands streets and towns so that the
coordinates can be checked. Run from this folder: ``python make_fixtures.py``.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(11)
TOWNS = [("Birmingham", 52.4862, -1.8904), ("Wolverhampton", 52.5862, -2.1288),
         ("Coventry", 52.4068, -1.5197), ("Walsall", 52.5860, -1.9829)]  # fmt: skip
TYPES = ["Concern for safety", "Domestic incident", "Suspicious circumstances",
         "Road traffic collision", "Theft", "ASB - Nuisance", "Burglary - Residential"]  # fmt: skip
STREET_HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
    "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
    "Context",
]  # fmt: skip


def _place(i: int) -> tuple[str, float, float]:
    town, lat, lon = TOWNS[i % len(TOWNS)]
    return town, lat + RNG.normal(0, 0.01), lon + RNG.normal(0, 0.015)


def headerless_calls() -> None:
    """lat, lon, call type, YYYY-MM-DD HH:MM, town, address; no header row."""
    with (HERE / "headerless_calls.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        for i in range(40):
            town, lat, lon = _place(i)
            w.writerow([
                f"{lat:.5f}", f"{lon:.5f}", TYPES[i % len(TYPES)],
                f"2023-07-{1 + i % 28:02d} {(7 * i) % 24:02d}:{(13 * i) % 60:02d}",
                town, f"{10 + i} High Street",
            ])  # fmt: skip


def overdose_calls() -> None:
    """An overdose calls extract: year, date, a yes/no flag, lat, lon; no call type."""
    with (HERE / "overdose_calls.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["year", "date", "naloxone_given", "lat", "lon"])
        for i in range(30):
            _town, lat, lon = _place(i)
            w.writerow([2023, f"2023-08-{1 + i % 30:02d}", "yes" if i % 3 else "no",
                        f"{lat:.5f}", f"{lon:.5f}"])  # fmt: skip


def asset_folder() -> None:
    """Two asset lists (different layouts, both Easting/Northing) in one folder."""
    d = HERE / "asset_lists"
    d.mkdir(exist_ok=True)
    with (d / "schools.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Name", "Type", "Easting", "Northing", "Postcode"])
        for i in range(6):
            w.writerow(
                [f"School {i}", "School", 406000 + 150 * i, 286500 + 90 * i, "B1 1AA"]
            )
    with (d / "libraries.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Name", "Type", "Easting", "Northing", "Opening hours"])
        for i in range(4):
            w.writerow(
                [
                    f"Library {i}",
                    "Library",
                    407000 + 120 * i,
                    287000 - 80 * i,
                    "09:00-17:00",
                ]
            )


def crime_points() -> None:
    """Street crimes as point features (a GIS team's export) with month and type."""
    feats = []
    for i in range(12):
        _town, lat, lon = _place(i)
        feats.append({
            "type": "Feature",
            "properties": {
                "Crime ID": f"{i:064x}", "Month": f"2023-{1 + i % 6:02d}",
                "Crime type": ["Burglary", "Vehicle crime", "Robbery"][i % 3],
                "Location": f"On or near Street {i}",
            },
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        })  # fmt: skip
    gj = HERE / "crime_points.geojson"
    gj.write_text(
        json.dumps({"type": "FeatureCollection", "features": feats}, indent=1)
    )
    import geopandas as gpd

    frame = gpd.read_file(gj).to_crs("EPSG:27700")
    gpkg = HERE / "crime_points.gpkg"
    gpkg.unlink(missing_ok=True)
    frame.to_file(gpkg, layer="crimes", driver="GPKG")


def data_drop() -> None:
    """A data drop as the demo writes it: crime/, calls/, assets/, boundaries/."""
    root = HERE / "data_drop"
    shutil.rmtree(root, ignore_errors=True)
    (root / "crime" / "2023-07").mkdir(parents=True)
    with (root / "crime" / "2023-07" / "2023-07-west-midlands-street.csv").open(
        "w", newline=""
    ) as fh:
        w = csv.writer(fh)
        w.writerow(STREET_HEADER)
        for i in range(10):
            _t, lat, lon = _place(i)
            w.writerow([f"{i:064x}", "2023-07", "West Midlands Police",
                        "West Midlands Police", f"{lon:.6f}", f"{lat:.6f}",
                        f"On or near Street {i}", "E01009000", "Birmingham 010A",
                        "Burglary", "Under investigation", ""])  # fmt: skip
    (root / "calls").mkdir()
    with (root / "calls" / "calls_for_service.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Incident Number", "Created", "Call Type", "Priority", "Easting",
                    "Northing"])  # fmt: skip
        for i in range(8):
            w.writerow([f"INC-{i:04d}", f"0{1 + i}/07/2023 1{i}:05:00", TYPES[i % 7],
                        f"P{1 + i % 4}", 406000 + 100 * i, 286000 + 50 * i])  # fmt: skip
    (root / "assets").mkdir()
    with (root / "assets" / "community_assets.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Asset ID", "Name", "Type", "Easting", "Northing"])
        for i in range(5):
            w.writerow([f"AS{i:04d}", f"Centre {i}", "Community centre",
                        406500 + 70 * i, 286400 + 30 * i])  # fmt: skip
    (root / "boundaries").mkdir()
    ring = [
        [-1.95, 52.45],
        [-1.85, 52.45],
        [-1.85, 52.52],
        [-1.95, 52.52],
        [-1.95, 52.45],
    ]
    ward = {"type": "Feature", "properties": {"WD23CD": "E05011111", "WD23NM": "Ladywood"},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip
    (root / "boundaries" / "wards.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [ward]})
    )


if __name__ == "__main__":
    headerless_calls()
    overdose_calls()
    asset_folder()
    crime_points()
    data_drop()
